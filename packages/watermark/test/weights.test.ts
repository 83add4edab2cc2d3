import { equalBytes, ValidationError } from '@modelsec/core';
import { createRng } from '@modelsec/redteam';
import { loadMnistModelBytes } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addGaussianNoise,
  embedWeightWatermark,
  pruneByMagnitude,
  quantizeInt8,
  readInitializer,
  replaceInitializer,
  verifyWeightWatermark,
} from '../src/index';
import { accuracy, mnistClassifier } from './helpers/mnist';

const model = await loadMnistModelBytes();
const key = 'model owner key, 2026-11-28';
const bits = Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 0x01, 0x23, 0x45, 0x67); // 64 bits

describe('weight watermark on the real MNIST CNN', async () => {
  const marked = embedWeightWatermark(model, { key, bits });
  const w = readInitializer(marked.model, marked.tensor);

  test('64-bit mark: BER 0 after embedding, a small perturbation, test accuracy within 0.5 points', async () => {
    expect(marked.tensor).toBe('Parameter87');
    expect(marked.bitErrorRate).toBe(0);
    expect(marked.converged).toBe(true);
    expect(marked.minMargin).toBeGreaterThanOrEqual(0.5 - 1e-6);
    expect(marked.relativeNorm).toBeLessThan(0.3);
    // All 10,000 test digits; the unmarked model scores the provenance's 9,890 / 10,000 (bench/watermark
    // measures it again next to every attack).
    const after = await accuracy(await mnistClassifier(marked.model), 10_000);
    expect(Math.abs(after - 0.989)).toBeLessThanOrEqual(0.005);
    const v = verifyWeightWatermark(marked.model, { key, bits });
    expect(v).toMatchObject({ bits: 64, matches: 64, bitErrorRate: 0, detected: true, tensor: 'Parameter87' });
    expect(v.pValue).toBeCloseTo(2 ** -64, 30);
    expect(v.extracted).toEqual(bits);
  }, 120_000); // a few seconds of CPU: the margin is for a loaded machine

  test('survives 30% magnitude pruning, 1% Gaussian noise and int8 quantization (BER ≤ 5%, p < 1e-6)', () => {
    for (const attacked of [pruneByMagnitude(w, 0.3), addGaussianNoise(w, 0.01, 1), quantizeInt8(w)]) {
      const r = verifyWeightWatermark(attacked, { key, bits });
      expect(r.bitErrorRate).toBeLessThanOrEqual(0.05);
      expect(r.pValue).toBeLessThan(1e-6);
      // The same through the ONNX file.
      expect(
        verifyWeightWatermark(replaceInitializer(marked.model, marked.tensor, attacked), { key, bits }).matches,
      ).toBe(r.matches);
    }
  });

  test('a wrong key, and the unmarked model, are not detected (p > 0.01)', () => {
    for (const other of ['a different key, number 1', 'a different key, number 2', 'a different key, number 3']) {
      const r = verifyWeightWatermark(marked.model, { key: other, bits });
      expect(r.pValue).toBeGreaterThan(0.01);
      expect(r.detected).toBe(false);
    }
    expect(verifyWeightWatermark(model, { key, bits }).pValue).toBeGreaterThan(0.01);
  });

  test('embedding is deterministic and the marked file differs only inside the tensor', () => {
    const again = embedWeightWatermark(model, { key, bits });
    expect(equalBytes(again.model, marked.model)).toBe(true);
    expect(
      equalBytes(replaceInitializer(marked.model, marked.tensor, readInitializer(model, marked.tensor)), model),
    ).toBe(true);
  });
});

describe('weight watermark on plain tensors', () => {
  test('random tensor: every message length reads back; the norm budget is enforced', () => {
    const rng = createRng(3);
    const w = new Float32Array(5000).map(() => rng.normal());
    for (const n of [1, 8, 16]) {
      const message = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
      const r = embedWeightWatermark(w, { key: 'tensor key 0123456789', bits: message });
      expect(r.bitErrorRate).toBe(0);
      expect(verifyWeightWatermark(r.weights, { key: 'tensor key 0123456789', bits: message }).extracted).toEqual(
        message,
      );
    }
    const tight = embedWeightWatermark(w, {
      key: 'tensor key 0123456789',
      bits: new Uint8Array(16).fill(0x55),
      maxNorm: 0.01,
      maxIterations: 10,
    });
    expect(tight.relativeNorm).toBeLessThanOrEqual(0.01 + 1e-6);
    expect(tight.converged).toBe(false);
  });

  test('typed errors for bad tensors and options; keys are not echoed', () => {
    const opts = { key: 'tensor key 0123456789', bits: Uint8Array.of(1) };
    expect(() => embedWeightWatermark(new Float32Array(100), opts)).toThrow(/all-zero/);
    expect(() => embedWeightWatermark(new Float32Array(4), opts)).toThrow(ValidationError);
    expect(() => embedWeightWatermark(Float32Array.of(1, Number.NaN, 2, 3, 4, 5, 6, 7, 8), opts)).toThrow(
      ValidationError,
    );
    expect(() => embedWeightWatermark([1, 2, 3] as never, opts)).toThrow(TypeError);
    expect(() => embedWeightWatermark(new Float32Array(100).fill(1), { ...opts, margin: -1 })).toThrow(RangeError);
    expect(() => verifyWeightWatermark(new Float32Array(100).fill(1), { ...opts, key: 'short' })).toThrow(
      /expected 16 to 4096 bytes/,
    );
    expect(() => verifyWeightWatermark(new Float32Array(100).fill(1), { ...opts, key: 'short' })).not.toThrow(/short/);
  });

  test('fast-check: arbitrary tensors, keys and messages give a result or a typed error', () => {
    fc.assert(
      fc.property(
        fc.float32Array({ maxLength: 300 }),
        fc.oneof(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 })),
        fc.uint8Array({ maxLength: 70 }),
        (weights, k, message) => {
          try {
            const r = embedWeightWatermark(weights, { key: k, bits: message, maxIterations: 5 });
            expect(r.weights.length).toBe(weights.length);
            verifyWeightWatermark(r.weights, { key: k, bits: message });
          } catch (error) {
            const e = error as { code?: string };
            expect(['invalid_argument', 'invalid_shape', 'non_finite', 'invalid_value', 'too_large']).toContain(e.code);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
