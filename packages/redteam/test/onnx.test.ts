import { classifierFromOnnx, ModelSecError } from '@modelsec/core';
import { makeBatchable, readOnnxSignature } from '@modelsec/redteam';
import { createSession, loadMnist, loadMnistModelBytes, MNIST_MODEL, NOT_BYTES, ort } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

describe('makeBatchable on opt-mnist.onnx', () => {
  test('rewrites the batch dimension and the Reshape constant; outputs are identical to the original', async () => {
    const original = await loadMnistModelBytes();
    expect(readOnnxSignature(original)).toEqual({
      inputs: [{ name: 'Input3', elemType: 1, dims: [1, 1, 28, 28] }],
      outputs: [{ name: 'Plus214_Output_0', elemType: 1, dims: [1, 10] }],
    });
    const result = makeBatchable(original);
    expect(result).toMatchObject({
      batch: 1,
      inputs: ['Input3'],
      outputs: ['Plus214_Output_0'],
      reshapes: ['Pooling160_Output_0_reshape0_shape'],
      droppedValueInfo: 7,
    });
    expect(readOnnxSignature(result.bytes).inputs[0]?.dims).toEqual(['batch', 1, 28, 28]);
    // Idempotent: a second pass finds a symbolic batch and changes nothing.
    expect(makeBatchable(result.bytes).bytes).toBe(result.bytes);

    const meta = { Tensor: ort.Tensor, sampleShape: MNIST_MODEL.sampleShape, numClasses: 10 };
    const single = classifierFromOnnx(await createSession(original), meta);
    const batched = classifierFromOnnx(await createSession(result.bytes), { ...meta, maxBatch: 64 });
    const { images, count } = await loadMnist({ limit: 40 });
    const a = await single.predict(images, count); // 40 runs of batch 1 on the original
    const b = await batched.predict(images, count); // one run of batch 40
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  test('rejects what is not an ONNX model with typed errors', async () => {
    for (const bad of NOT_BYTES) expect(() => makeBatchable(bad as never)).toThrow(TypeError);
    expect(() => makeBatchable(new Uint8Array())).toThrow(expect.objectContaining({ code: 'malformed_file' }));
    expect(() => readOnnxSignature(new Uint8Array([0x3a, 0x05, 1]))).toThrow(
      expect.objectContaining({ code: 'malformed_file' }),
    );
  });

  test('arbitrary and mutated bytes give a ModelSecError or a result, never a crash', async () => {
    const model = await loadMnistModelBytes();
    const attempt = (bytes: Uint8Array) => {
      try {
        const r = makeBatchable(bytes);
        expect(r.bytes).toBeInstanceOf(Uint8Array);
        readOnnxSignature(bytes);
      } catch (error) {
        expect(ModelSecError.isInstance(error)).toBe(true);
      }
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), attempt), { numRuns: 300 });
    fc.assert(
      fc.property(fc.nat(model.length - 1), fc.nat(255), fc.nat(model.length), (at, value, cut) => {
        const copy = model.slice(0, Math.max(cut, at + 1));
        copy[at] = value;
        attempt(copy);
      }),
      { numRuns: 300 },
    );
    // A megabyte of 0xff (an endless varint) and deeply repeated tags stay linear.
    attempt(new Uint8Array(1 << 20).fill(0xff));
    attempt(new Uint8Array(1 << 20).fill(0x3a));
  });
});
