/**
 * Zero-trust inputs: arbitrary, NaN, empty, huge and mismatched inputs to every public function that
 * takes data give a typed modelsec error (or a valid result), never a crash, a hang or a huge allocation.
 */
import { isModelSecError } from '@modelsec/core';
import {
  adwin,
  benjaminiHochberg,
  bonferroni,
  checkExtractionState,
  chi2Contingency,
  chiSquareTest,
  cramerVonMisesTest,
  createExtractionMonitor,
  createSecurityMonitor,
  ddm,
  detectDrift,
  jensenShannon,
  ksTest,
  mmdTest,
  psi,
  shapiroWilk,
  wasserstein,
  zTestProportions,
} from '@modelsec/monitor';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

function typedOrOk(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (!isModelSecError(e)) throw e;
  }
}

async function typedOrOkAsync(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (e) {
    if (!isModelSecError(e)) throw e;
  }
}

/** An array that claims a huge length without allocating it. */
const huge = (length = 1e12) => new Proxy([], { get: (t, k) => (k === 'length' ? length : Reflect.get(t, k)) });

const anyValue = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e308, null, undefined, '', 'x', true),
  fc.double(),
  fc.string(),
  fc.object(),
);
const sample = fc.oneof(fc.array(fc.double({ noNaN: false })), fc.array(anyValue, { maxLength: 30 }), anyValue);

describe('statistics reject bad samples with typed errors', () => {
  const fns: [string, (a: never, b: never) => unknown][] = [
    ['ksTest', ksTest],
    ['cramerVonMisesTest', cramerVonMisesTest],
    ['chiSquareTest', chiSquareTest],
    ['psi', psi],
    ['jensenShannon', jensenShannon],
    ['wasserstein', wasserstein],
    ['zTestProportions', zTestProportions],
    ['mmdTest', (a, b) => mmdTest(a, b, { permutations: 5 })],
  ];
  for (const [name, fn] of fns) {
    test(`${name}: arbitrary input`, () => {
      fc.assert(
        fc.property(sample, sample, (a, b) => typedOrOk(() => fn(a as never, b as never))),
        { numRuns: 200 },
      );
    });
    test(`${name}: NaN, empty and huge give stable codes`, () => {
      const ok = [1, 2, 3, 4, 5];
      expect(() => fn([1, Number.NaN, 3] as never, ok as never)).toThrow(
        expect.objectContaining({ code: 'non_finite' }),
      );
      expect(() => fn([] as never, ok as never)).toThrow(expect.objectContaining({ code: 'empty_input' }));
      expect(() => fn(huge() as never, ok as never)).toThrow(expect.objectContaining({ code: 'too_large' }));
    });
  }
  test('shapiroWilk, corrections, chi2Contingency', () => {
    fc.assert(
      fc.property(sample, (a) => typedOrOk(() => shapiroWilk(a as never))),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(sample, (a) => typedOrOk(() => benjaminiHochberg(a as never))),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(sample, (a) => typedOrOk(() => bonferroni(a as never))),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.array(sample, { maxLength: 5 }), (t) => typedOrOk(() => chi2Contingency(t as never))),
      { numRuns: 200 },
    );
    expect(() => shapiroWilk([1, 2])).toThrow(expect.objectContaining({ code: 'invalid_shape' }));
    expect(() => shapiroWilk(huge(6000))).toThrow(expect.objectContaining({ code: 'too_large' }));
    expect(() => chi2Contingency([[1, 2], [3]])).toThrow(expect.objectContaining({ code: 'invalid_shape' }));
    expect(() =>
      chi2Contingency([
        [0, 0],
        [1, 2],
      ]),
    ).toThrow(expect.objectContaining({ code: 'out_of_range' }));
    expect(() =>
      mmdTest(
        [
          [1, 2],
          [3, 4],
        ],
        [[1], [2]],
      ),
    ).toThrow(expect.objectContaining({ code: 'invalid_shape' }));
  });
});

describe('detectDrift, detectors and monitors', () => {
  test('detectDrift: arbitrary tables', () => {
    const table = fc.oneof(
      fc.dictionary(fc.string({ maxLength: 5 }), sample, { maxKeys: 4 }),
      fc.array(fc.object(), { maxLength: 10 }),
      anyValue,
    );
    fc.assert(
      fc.property(table, table, (a, b) => typedOrOk(() => detectDrift(a as never, b as never))),
      { numRuns: 300 },
    );
    expect(() => detectDrift({ a: [1, 2, 3] }, { b: [1, 2] })).toThrow(
      expect.objectContaining({ code: 'invalid_shape' }),
    );
    expect(() => detectDrift({ a: huge() }, { a: [1] })).toThrow(expect.objectContaining({ code: 'too_large' }));
    expect(() => detectDrift({ a: ['x'.repeat(20_000)] }, { a: ['y'] })).toThrow(
      expect.objectContaining({ code: 'too_large' }),
    );
    expect(() => detectDrift({ a: [null, Number.NaN] }, { a: [1] })).toThrow(
      expect.objectContaining({ code: 'empty_input' }),
    );
  });
  test('stream detectors reject non-numbers', () => {
    fc.assert(
      fc.property(anyValue, (v) => {
        typedOrOk(() => adwin().update(v as never));
        typedOrOk(() => ddm().update(v as never));
      }),
    );
    expect(() => ddm().update(0.5)).toThrow(expect.objectContaining({ code: 'invalid_value' }));
    expect(() => adwin().update(Number.NaN)).toThrow(expect.objectContaining({ code: 'non_finite' }));
  });
  test('extraction monitor: arbitrary observations and stored state', async () => {
    const m = createExtractionMonitor({ minQueries: 5 });
    await fc.assert(
      fc.asyncProperty(anyValue, sample, anyValue, (id, x, c) =>
        typedOrOkAsync(() => m.observe(id as never, x as never, c as never)),
      ),
      { numRuns: 200 },
    );
    await m.observe('c', [1, 2, 3], 1);
    await expect(m.observe('c', [1, 2], 1)).rejects.toMatchObject({ code: 'invalid_shape' });
    await expect(m.observe('c', huge(), 1)).rejects.toMatchObject({ code: 'too_large' });
    const limits = { maxPointsPerClass: 10, maxDistances: 10, maxClasses: 3 };
    fc.assert(
      fc.property(fc.jsonValue(), (v) => typedOrOk(() => checkExtractionState(v, limits))),
      { numRuns: 300 },
    );
    expect(() =>
      checkExtractionState({ v: 1, queries: 1, dim: 2, flagged: false, distances: [-1], classes: {} }, limits),
    ).toThrow(expect.objectContaining({ code: 'invalid_format' }));
  });
  test('security monitor: arbitrary events', async () => {
    const m = createSecurityMonitor({ rules: [{ name: 'r', event: 'error', windowMs: 10, threshold: 2 }] });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.object(), anyValue), (e) => typedOrOkAsync(() => m.record(e as never))),
      { numRuns: 200 },
    );
  });
});
