import { classifierFromFunction } from '@modelsec/core';
import { loadMnistModelBytes } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createApiWatermark, verifyApiWatermark } from '../src/index';
import { mnistClassifier } from './helpers/mnist';
import { extract, trainModel } from './helpers/models';

// A smaller run of the bench/watermark experiment (10 runs, 3,000 queries, rate 2% there); here
// 1,000 queries at rate 8% (96 marked answers; p ≈ 5e-24 for the stolen model).
const budget = { hidden: [64], epochs: 12, queries: 1000 };

describe('API watermark (DAWN) on the MNIST CNN served as an API', () => {
  test('a surrogate extracted from the watermarked API is flagged (p < 1e-4); an independent model is not', async () => {
    const victim = await mnistClassifier(await loadMnistModelBytes());
    const wm = createApiWatermark({ key: 'api owner key, served model', rate: 0.08 });
    const stolen = await extract(wm.wrap(victim), budget, 1);
    expect(stolen.points[0]?.fidelity).toBeGreaterThan(0.6); // the theft worked
    expect(wm.records.length).toBeGreaterThan(50);
    expect(wm.records.every((r) => r.label !== r.original)).toBe(true);
    const flagged = await verifyApiWatermark(stolen.surrogate, wm.records);
    expect(flagged.pValue).toBeLessThan(1e-4);
    expect(flagged.detected).toBe(true);
    const independent = await trainModel(budget, 9, 5000);
    const clean = await verifyApiWatermark(independent, wm.records);
    expect(clean.pValue).toBeGreaterThan(0.01);
    expect(clean.detected).toBe(false);
    // The victim itself answers the original labels: agreement with the watermark labels is ~0.
    expect((await verifyApiWatermark(victim, wm.records)).matches).toBeLessThan(3);
  }, 120_000); // a few seconds of CPU: the margin is for a loaded machine

  test('selection is a keyed function of the input: stable, about `rate` of queries, label changed', async () => {
    const wm = createApiWatermark({ key: 'api owner key, served model', rate: 0.1 });
    const other = createApiWatermark({ key: 'another api key entirely', rate: 0.1 });
    let selected = 0;
    let both = 0;
    const x = new Float32Array(16);
    for (let i = 0; i < 2000; i++) {
      x[0] = i;
      const d = wm.decide(x, 3, 10);
      expect(wm.decide(x, 3, 10)).toEqual(d);
      if (d.selected) {
        selected++;
        expect(d.label).not.toBe(3);
        if (other.decide(x, 3, 10).selected) both++;
      }
    }
    expect(selected / 2000).toBeGreaterThan(0.08);
    expect(selected / 2000).toBeLessThan(0.12);
    expect(both / selected).toBeLessThan(0.2); // independent keys select independent queries
    // -0 and 0 are the same query.
    expect(wm.decide(Float32Array.of(-0, 1), 0, 10)).toEqual(wm.decide(Float32Array.of(0, 1), 0, 10));
  });

  test('the wrapper swaps the top and watermark scores, records each answer, and honours maxRecords', async () => {
    const seen: number[] = [];
    const wm = createApiWatermark({
      key: 'api owner key, served model',
      rate: 0.5,
      maxRecords: 3,
      onRecord: (r) => seen.push(r.label),
    });
    const model = classifierFromFunction(
      async (_batch, n) => new Float32Array(n * 4).map((_, i) => (i % 4 === 2 ? 0.7 : 0.1)),
      {
        sampleShape: [2],
        numClasses: 4,
        scores: 'probabilities',
      },
    );
    const api = wm.wrap(model);
    const inputs = Float32Array.from({ length: 40 }, (_, i) => i);
    const out = await api.predict(inputs, 20);
    let changed = 0;
    for (let s = 0; s < 20; s++) {
      const row = Array.from(out.subarray(s * 4, s * 4 + 4));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      if (row[2] !== 0.7 && Math.abs((row[2] as number) - 0.7) > 1e-6) changed++;
    }
    expect(changed).toBe(seen.length);
    expect(wm.records.length).toBe(Math.min(3, seen.length));
  });

  test('typed errors for bad options, records and suspects', async () => {
    expect(() => createApiWatermark({ key: 'api owner key, served model', rate: 0 })).toThrow(RangeError);
    expect(() => createApiWatermark({ key: 'api owner key, served model', rate: 0.9 })).toThrow(RangeError);
    expect(() => createApiWatermark({ key: 'short', rate: 0.1 })).toThrow(RangeError);
    const suspect = async (_x: Float32Array, n: number) => new Int32Array(n);
    await expect(verifyApiWatermark(suspect, 'x' as never)).rejects.toThrow(/array/);
    expect((await verifyApiWatermark(suspect, [], { numClasses: 10 })).pValue).toBe(1);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            input: fc.oneof(fc.float32Array({ maxLength: 4 }), fc.constant(null)),
            label: fc.integer({ min: -2, max: 12 }),
          }),
          {
            maxLength: 10,
          },
        ),
        async (records) => {
          try {
            const r = await verifyApiWatermark(suspect, records as never, { numClasses: 10 });
            expect(r.pValue).toBeGreaterThanOrEqual(0);
          } catch (error) {
            expect(['invalid_shape', 'invalid_value']).toContain((error as { code?: string }).code);
          }
        },
      ),
      { numRuns: 100 },
    );
    await expect(
      verifyApiWatermark(async () => [1, 2], [{ input: new Float32Array(2), label: 1, original: 0 }], {
        numClasses: 10,
      }),
    ).rejects.toThrow(/2 labels for 1 samples/);
  });
});
