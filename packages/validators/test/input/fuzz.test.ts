/**
 * fast-check: arbitrary values, shapes and element types never crash a rule. Every rule either passes,
 * sanitizes, or blocks with a typed validation/security code; nothing throws, hangs or allocates
 * without bound (declared sizes are checked before allocation).
 */
import { classifierFromFunction, isModelSecError, kindOfCode, runRules } from '@modelsec/core';
import {
  bitDepth,
  calibrateProfile,
  categories,
  createSqueezeDetector,
  denormals,
  featureRanges,
  finiteValues,
  fitInputProfile,
  imageRule,
  mahalanobisRule,
  medianSmoothing,
  normBound,
  profileRange,
  profileScores,
  quantize,
  robustZRule,
  schemaRule,
  squeezeRule,
  tensorDtype,
  tensorShape,
} from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';

const number = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-40, -0, 2 ** 53, 1e308),
);
const nested = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, number, fc.array(tie('node'), { maxLength: 6 })),
})).node;
const rect = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 8 }))
  .chain(([r, c]) => fc.array(fc.array(number, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));
const typed = fc.oneof(
  fc.float32Array({ maxLength: 40 }),
  fc.float64Array({ maxLength: 40 }),
  fc.int8Array({ maxLength: 40 }),
  fc.uint8ClampedArray({ maxLength: 40 }),
  fc.int32Array({ maxLength: 40 }),
  fc.bigInt64Array({ maxLength: 10 }),
);
const ortLike = fc.record({
  type: fc.constantFrom('float32', 'float64', 'int64', 'string', 'bool', 'uint8', '', 'x'.repeat(100)),
  dims: fc.array(fc.oneof(fc.integer({ min: -2, max: 12 }), fc.constantFrom(1e9, 2 ** 40, Number.NaN, 1.5)), {
    maxLength: 10,
  }),
  data: fc.oneof(typed, fc.anything()),
});
const imageData = fc.record({
  width: fc.integer({ min: 0, max: 5 }),
  height: fc.integer({ min: 0, max: 5 }),
  data: fc.uint8ClampedArray({ maxLength: 100 }),
});
const anyInput = fc.oneof(fc.anything(), nested, rect, typed, ortLike, imageData);

// A tiny real classifier over 2×2 one-channel images: softmax scores from a fixed linear map.
const tiny = classifierFromFunction(
  (x, n) => {
    const out = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      out[2 * i] = (x[4 * i] as number) + (x[4 * i + 1] as number);
      out[2 * i + 1] = (x[4 * i + 2] as number) + (x[4 * i + 3] as number);
    }
    return out;
  },
  { sampleShape: [1, 2, 2], numClasses: 2, scores: 'logits' },
);
const detector = createSqueezeDetector(tiny, { squeezers: [bitDepth(1), medianSmoothing(2)] });
const train = Array.from({ length: 30 }, (_, r) => [r % 7, (r * 3) % 5, r / 10, Math.sin(r)]);
const profile = calibrateProfile(fitInputProfile(train), train, { fpr: 0.1 });

const recordCategories = categories({ a: ['x'] });
const schema = schemaRule(z.array(z.number().min(0)));
const rules = [
  tensorShape({ shape: [null, 4] }),
  tensorDtype(['float32', 'number']),
  finiteValues(),
  finiteValues({ action: 'replace' }),
  denormals(),
  featureRanges({ min: 0, max: 1, action: 'clip' }),
  featureRanges({ min: [0, 0, 0, 0], max: [1, 2, 3, 4] }),
  categories({ 0: [0, 1], 2: [5] }, { featureCount: 4, onUnknown: 'replace' }),
  recordCategories,
  normBound({ p: 2, max: 3 }),
  normBound({ p: 'inf', featureCount: 4, center: [0, 0, 0, 0] }),
  imageRule({ range: [0, 1], action: 'clip' }),
  imageRule({ layout: 'hwc', channels: [1, 3] }),
  quantize({ bits: 3 }),
  profileRange(profile, { tolerance: 0.1, action: 'clip' }),
  mahalanobisRule(profile),
  robustZRule(profile),
  squeezeRule(detector, { threshold: 0.5 }),
  schema,
];
const tensorRules = rules.filter((r) => r !== recordCategories && r !== schema);

describe('fast-check: no input crashes a rule', () => {
  test.each(rules.map((r) => [r.name, r] as const))('%s', async (_name, rule) => {
    await fc.assert(
      fc.asyncProperty(anyInput, async (input) => {
        const verdict = await runRules(input, [rule], { phase: 'input' });
        for (const f of verdict.findings) {
          expect(typeof f.message).toBe('string');
          if (f.action === 'block') expect(['validation', 'security']).toContain(kindOfCode(f.code ?? ''));
        }
        if (!verdict.ok) expect(verdict.findings.some((f) => f.action === 'block')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  test('NaN, Infinity and huge declared sizes are typed errors for every tensor rule', async () => {
    const hostile = [
      [Number.NaN, 0, 0, 0],
      Float32Array.of(Number.POSITIVE_INFINITY, 0, 0, 0),
      { type: 'float32', dims: [2 ** 20, 2 ** 20], data: new Float32Array(4) },
      new Array(2 ** 28),
    ];
    for (const rule of tensorRules) {
      for (const input of hostile) {
        const v = await runRules(input, [rule], { phase: 'input' });
        const codes = v.findings.map((f) => f.code);
        if (Array.isArray(input) && input.length > 4) expect(codes).toContain('too_large');
        if (!v.ok) expect(['validation', 'security']).toContain(kindOfCode(codes.at(-1) ?? ''));
      }
    }
  });
});

describe('fast-check: fitting and scoring', () => {
  test('fitInputProfile and profileScores give a profile/scores or a typed error on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyInput, rect),
        fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
        (input, featureCount) => {
          try {
            const p = fitInputProfile(input, featureCount === undefined ? {} : { featureCount });
            expect(p.featureCount).toBeGreaterThan(0);
            const scores = profileScores(p, input, 'mahalanobis');
            expect(scores.length).toBeGreaterThan(0);
          } catch (e) {
            expect(isModelSecError(e)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
