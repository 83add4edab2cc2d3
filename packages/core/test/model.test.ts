import {
  AccessError,
  argmax,
  classifierFromFunction,
  classifierFromOnnx,
  softmax,
  ValidationError,
  withQueryBudget,
} from '@modelsec/core';
import { createSession, loadMnist, loadMnistModelBytes, MNIST_MODEL, ort } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';

describe('classifierFromOnnx on the real MNIST CNN (onnxruntime-web)', () => {
  test('classifies the first 200 test digits with the published accuracy', async () => {
    const session = await createSession(await loadMnistModelBytes());
    const model = classifierFromOnnx(session, {
      Tensor: ort.Tensor,
      sampleShape: MNIST_MODEL.sampleShape,
      numClasses: 10,
    });
    expect(model.sampleSize).toBe(784);
    const { images, labels, count } = await loadMnist({ limit: 200 });
    const logits = await model.predict(images, count);
    const pred = argmax(logits, 10);
    const correct = pred.reduce((n, p, i) => n + (p === labels[i] ? 1 : 0), 0);
    // PROVENANCE: 984/1000 on the first 1,000; the first 200 are all but a few correct.
    expect(correct).toBeGreaterThanOrEqual(196);
    const probs = softmax(logits, 10);
    for (let r = 0; r < count; r++) {
      const row = probs.subarray(r * 10, r * 10 + 10);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });
});

describe('classifierFromFunction', () => {
  const linear = classifierFromFunction(
    (x, n) => {
      const out = new Float32Array(n * 2);
      for (let i = 0; i < n; i++) {
        out[2 * i] = x[2 * i] as number;
        out[2 * i + 1] = x[2 * i + 1] as number;
      }
      return out;
    },
    { sampleShape: [2], numClasses: 2, maxBatch: 3 },
  );
  test('splits batches larger than maxBatch and keeps order', async () => {
    const x = Float32Array.from({ length: 14 }, (_, i) => i);
    expect(Array.from(await linear.predict(x, 7))).toEqual(Array.from(x));
  });
  test('shape mismatches are ValidationErrors, wrong types TypeErrors', async () => {
    await expect(linear.predict(new Float32Array(3), 2)).rejects.toThrow(ValidationError);
    await expect(linear.predict([1, 2] as never, 1)).rejects.toThrow(TypeError);
    const bad = classifierFromFunction(() => new Float32Array(1), { sampleShape: [2], numClasses: 2 });
    await expect(bad.predict(new Float32Array(2), 1)).rejects.toMatchObject({ code: 'invalid_shape' });
    expect(() => classifierFromFunction(() => new Float32Array(), { sampleShape: [0], numClasses: 2 })).toThrow(
      RangeError,
    );
  });
  test('withQueryBudget counts samples and refuses to exceed the budget', async () => {
    const victim = withQueryBudget(linear, { budget: 5 });
    await victim.predict(new Float32Array(6), 3);
    expect(victim.queries).toBe(3);
    await expect(victim.predict(new Float32Array(6), 3)).rejects.toThrow(AccessError);
    expect(victim.queries).toBe(3);
    await victim.predict(new Float32Array(4), 2);
    expect(victim.remaining).toBe(0);
  });
  test('softmax is stable for large logits; argmax picks the first maximum', () => {
    const p = softmax(new Float32Array([1000, 1001, 1002]), 3);
    expect(p[2]).toBeCloseTo(0.665, 3);
    expect(Array.from(argmax(new Float32Array([1, 3, 3, 0]), 2))).toEqual([1, 0]);
  });
});
