/**
 * Property tests across the public entry points: arbitrary keys for every scheme, and arbitrary or
 * mutated ONNX bytes for the weight mark, give a result or a typed ModelSecError with a stable code,
 * never a crash, and key material never shows up in an error message.
 */
import { isModelSecError } from '@modelsec/core';
import { loadMnistModelBytes } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  createApiWatermark,
  createTextWatermark,
  createTriggerSet,
  embedWeightWatermark,
  verifyWeightWatermark,
} from '../src/index';

const model = await loadMnistModelBytes();
const bits = Uint8Array.of(0xa5, 0x5a);
const tensor = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i + 1));

function expectTyped(error: unknown, codes: readonly string[]) {
  expect(isModelSecError(error)).toBe(true);
  expect(codes).toContain((error as { code: string }).code);
}

const arbitraryKey = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ minLength: 16, maxLength: 64 }),
  fc.uint8Array({ maxLength: 48 }),
  fc.constantFrom(null, undefined, 42, {}, [], new ArrayBuffer(32), new Uint16Array(16), new Uint8Array(4097)),
);

describe('fast-check: keys and model bytes', () => {
  test('arbitrary keys: every scheme accepts valid keys and rejects the rest with a typed error', () => {
    fc.assert(
      fc.property(arbitraryKey, (key) => {
        // Long enough that a random key cannot occur in a message by chance ("ngth" is in "length=4").
        const secret = typeof key === 'string' && key.length >= 12 ? key : undefined;
        const attempts: (() => unknown)[] = [
          () => createTextWatermark({ key: key as never, vocabSize: 64 }).detect([1, 2, 3, 4, 5]),
          () => createTriggerSet({ key: key as never, size: 4, shape: [3], classes: 3 }),
          () => createApiWatermark({ key: key as never, rate: 0.1 }).decide(new Float32Array(3), 0, 3),
          () => verifyWeightWatermark(tensor, { key: key as never, bits }),
        ];
        const outcomes = attempts.map((run) => {
          try {
            run();
            return 'ok';
          } catch (error) {
            expectTyped(error, ['invalid_argument']);
            if (secret) expect((error as Error).message).not.toContain(secret);
            return 'error';
          }
        });
        // The key check is shared: a key is valid for all schemes or for none.
        expect(new Set(outcomes).size).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  test('arbitrary and mutated ONNX bytes: embed and verify give a result or a typed error', () => {
    const key = 'fuzzing owner key, 2026';
    const codes = ['malformed_file', 'invalid_format', 'empty_input', 'unsupported_format', 'invalid_shape'];
    const codesOnEmbed = [...codes, 'non_finite', 'invalid_value'];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1024 }), (bytes) => {
        try {
          verifyWeightWatermark(bytes, { key, bits });
        } catch (error) {
          expectTyped(error, codes);
        }
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(model.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
        fc.nat(model.length),
        (edits, cut) => {
          const mutated = model.slice(0, Math.max(cut, 1));
          for (const [at, value] of edits) if (at < mutated.length) mutated[at] = value;
          try {
            const r = embedWeightWatermark(mutated, { key, bits, maxIterations: 3 });
            expect(r.model.length).toBe(mutated.length);
            verifyWeightWatermark(r.model, { key, bits, tensor: r.tensor });
          } catch (error) {
            expectTyped(error, codesOnEmbed);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
