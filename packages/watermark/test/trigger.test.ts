import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createTriggerSet, verifyTriggerSet } from '../src/index';
import { trainModel } from './helpers/models';

const key = 'trigger set owner key 2026';
const budget = { hidden: [32], epochs: 8, queries: 1000 };

describe('trigger-set watermark (Adi et al.)', () => {
  test('deterministic from the key, noise inputs in bounds, uniform labels', () => {
    const a = createTriggerSet({ key, size: 1000, shape: [1, 28, 28], classes: 10 });
    const b = createTriggerSet({ key, size: 1000, shape: [1, 28, 28], classes: 10 });
    const c = createTriggerSet({ key: 'another trigger key 2026', size: 1000, shape: [1, 28, 28], classes: 10 });
    expect(a.labels).toEqual(b.labels);
    expect(a.inputs.subarray(0, 5000)).toEqual(b.inputs.subarray(0, 5000));
    expect(a.labels).not.toEqual(c.labels);
    expect(a.inputs.every((v) => v >= 0 && v < 1)).toBe(true);
    const counts = new Array(10).fill(0);
    for (const l of a.labels) counts[l]++;
    for (const n of counts) expect(Math.abs(n - 100)).toBeLessThan(40);
    const scaled = createTriggerSet({ key, size: 10, shape: [3], classes: 2, bounds: [-1, 1] });
    expect(scaled.inputs.some((v) => v < 0)).toBe(true);
  });

  test('a model trained with the trigger set is detected (p < 1e-4); an independent model is not (p > 0.01)', async () => {
    const triggers = createTriggerSet({ key, size: 100, shape: [1, 28, 28], classes: 10 });
    const owner = await trainModel(budget, 5, 0, triggers);
    const r = await verifyTriggerSet(owner, triggers);
    expect(r.total).toBe(100);
    expect(r.chance).toBeCloseTo(0.1, 12);
    expect(r.pValue).toBeLessThan(1e-4);
    expect(r.detected).toBe(true);
    const independent = await trainModel(budget, 6, 5000);
    const clean = await verifyTriggerSet(independent, triggers);
    expect(clean.pValue).toBeGreaterThan(0.01);
    expect(clean.detected).toBe(false);
    // A label-returning function works as a suspect too.
    const labelsOnly = async (x: Float32Array, n: number) => {
      const scores = await owner.predict(x, n);
      return Array.from({ length: n }, (_, i) => {
        const row = Array.from(scores.subarray(i * 10, i * 10 + 10));
        return row.indexOf(Math.max(...row));
      });
    };
    expect((await verifyTriggerSet(labelsOnly, triggers)).matches).toBe(r.matches);
  }, 120_000); // a few seconds of CPU: the margin is for a loaded machine

  test('typed errors for bad options and inconsistent sets', async () => {
    expect(() => createTriggerSet({ key, size: 0, shape: [2], classes: 10 })).toThrow(RangeError);
    expect(() => createTriggerSet({ key, size: 2, shape: [], classes: 10 })).toThrow(TypeError);
    expect(() => createTriggerSet({ key, size: 2, shape: [2], classes: 1 })).toThrow(RangeError);
    expect(() => createTriggerSet({ key, size: 2, shape: [2], classes: 3, bounds: [1, 0] })).toThrow(RangeError);
    expect(() => createTriggerSet({ key, size: 100_000, shape: [1000], classes: 3 })).toThrow(/2\^26/);
    const set = createTriggerSet({ key, size: 4, shape: [2], classes: 3 });
    await expect(verifyTriggerSet(async () => [0, 1], set)).rejects.toThrow(/2 labels for 4 samples/);
    await expect(verifyTriggerSet(async () => [0, 1, 2, 'x' as never], set)).resolves.toMatchObject({ total: 4 });
    await fc.assert(
      fc.asyncProperty(
        fc.record({ size: fc.integer({ min: -1, max: 6 }), classes: fc.integer({ min: 0, max: 4 }) }),
        async (o) => {
          try {
            await verifyTriggerSet(async (_x, n) => new Array(n).fill(0), { ...set, ...o });
          } catch (error) {
            expect(['invalid_argument', 'invalid_shape']).toContain((error as { code?: string }).code);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
