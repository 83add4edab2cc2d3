import { equalBytes, ValidationError } from '@modelsec/core';
import { loadMnistModelBytes } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { defaultWatermarkTensor, listInitializers, readInitializer, replaceInitializer } from '../src/index';
import { mnistClassifier } from './helpers/mnist';

const model = await loadMnistModelBytes();

function expectTypedOrOk(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (!ValidationError.isInstance(error)) throw error;
  }
}

describe('ONNX initializers', () => {
  test('lists the MNIST CNN weights and picks the largest float32 tensor', () => {
    const list = listInitializers(model);
    const conv2 = list.find((t) => t.name === 'Parameter87');
    expect(conv2).toEqual({
      name: 'Parameter87',
      dims: [16, 8, 5, 5],
      dataType: 1,
      elements: 3200,
      storage: 'float_data',
    });
    // Both float layouts occur in this file: packed float_data above, raw_data here.
    expect(list.find((t) => t.name === 'Parameter193_reshape1')).toMatchObject({ elements: 2560, storage: 'raw_data' });
    expect(list.find((t) => t.name === 'Pooling160_Output_0_reshape0_shape')).toMatchObject({
      dataType: 7,
      storage: 'typed_data',
    });
    expect(defaultWatermarkTensor(model)).toBe('Parameter87');
  });

  test('replacing a tensor by its own values re-serializes the model byte for byte', () => {
    for (const t of listInitializers(model).filter((x) => x.dataType === 1)) {
      expect(equalBytes(replaceInitializer(model, t.name, readInitializer(model, t.name)), model)).toBe(true);
    }
  });

  test('a replaced tensor changes only its own bytes, reads back exactly and runs in onnxruntime-web', async () => {
    const w = readInitializer(model, 'Parameter193_reshape1');
    const zeroed = replaceInitializer(model, 'Parameter193_reshape1', new Float32Array(w.length));
    expect(zeroed.length).toBe(model.length);
    let changed = 0;
    for (let i = 0; i < model.length; i++) if (zeroed[i] !== model[i]) changed++;
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThanOrEqual(w.length * 4);
    expect(readInitializer(zeroed, 'Parameter193_reshape1').every((v) => v === 0)).toBe(true);
    expect(readInitializer(zeroed, 'Parameter87')).toEqual(readInitializer(model, 'Parameter87'));
    // The final dense layer's weights are all zero: every logit is its bias, for every digit.
    const classifier = await mnistClassifier(zeroed);
    const scores = await classifier.predict(new Float32Array(2 * 784).fill(0.5), 2);
    const bias = readInitializer(model, 'Parameter194');
    for (let k = 0; k < 10; k++) {
      expect(scores[k]).toBeCloseTo(bias[k] as number, 5);
      expect(scores[10 + k]).toBeCloseTo(bias[k] as number, 5);
    }
  });

  test('unknown names, non-float tensors and wrong lengths are typed errors', () => {
    expect(() => readInitializer(model, 'nope')).toThrow(ValidationError);
    expect(() => readInitializer(model, 'Pooling160_Output_0_reshape0_shape')).toThrow(/not float32/); // int64
    expect(() => replaceInitializer(model, 'Parameter87', new Float32Array(3))).toThrow(ValidationError);
    expect(() => listInitializers(new Uint8Array(0))).toThrow(ValidationError);
    expect(() => listInitializers('model' as never)).toThrow(TypeError);
    expect(() => listInitializers(Uint8Array.of(0x08, 0x07))).toThrow(/no graph/);
  });

  test('fast-check: arbitrary bytes and mutated models give a result or a ValidationError, never a crash', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        expectTypedOrOk(() => listInitializers(bytes));
        expectTypedOrOk(() => readInitializer(bytes, 'Parameter87'));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(model.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.nat(model.length),
        (edits, cut) => {
          const mutated = model.slice(0, Math.max(cut, 1));
          for (const [at, value] of edits) if (at < mutated.length) mutated[at] = value;
          expectTypedOrOk(() => listInitializers(mutated));
          expectTypedOrOk(() => readInitializer(mutated, 'Parameter87'));
          expectTypedOrOk(() => replaceInitializer(mutated, 'Parameter87', new Float32Array(3200)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
