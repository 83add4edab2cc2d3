import { ModelSecError } from '@modelsec/core';
import {
  bestThreshold,
  fgsm,
  findCanaries,
  gradientFromFunction,
  hopSkipJump,
  pgd,
  rocAuc,
  runPromptInjection,
  square,
} from '@modelsec/redteam';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { linearModel } from './helpers';

const { model, gradient } = linearModel();
const exact = gradientFromFunction(gradient);

/** Anything a caller might pass as samples and labels. */
const inputs = fc.oneof(
  fc.float32Array({ maxLength: 24 }),
  fc.array(fc.double(), { maxLength: 12 }),
  fc.constantFrom(undefined, null, 'x', 3, {}),
);
const labels = fc.oneof(
  fc.array(fc.oneof(fc.integer({ min: -2, max: 4 }), fc.double(), fc.constant(Number.NaN)), { maxLength: 6 }),
  fc.constantFrom(undefined, null, 'abc', 7),
);

async function typedOrResult(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    expect(ModelSecError.isInstance(error)).toBe(true);
  }
}

describe('attacks on arbitrary (untrusted) tensors', () => {
  test('give a result or a typed ModelSecError, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(inputs, labels, fc.double({ min: -1, max: 2 }), async (x, y, eps) => {
        const data = { inputs: x, labels: y } as never;
        await typedOrResult(() => fgsm(model, data, { eps, gradient: exact }));
        await typedOrResult(() => pgd(model, data, { eps, steps: 2, gradient: exact }));
        await typedOrResult(() => square(model, data, { eps, maxQueries: 5 }));
        await typedOrResult(() => hopSkipJump(model, data, { maxQueries: 5, initTries: 2 }));
      }),
      { numRuns: 150 },
    );
  });

  test('valid random batches keep every invariant (bounds, ε-ball, budgets)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(fc.float({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 16 })
          .filter((a) => a.length % 4 === 0),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 2, max: 30 }),
        async (values, eps, maxQueries) => {
          const n = values.length / 4;
          const data = { inputs: Float32Array.from(values), labels: Array.from({ length: n }, (_, i) => i % 3) };
          const r = await square(model, data, { eps, maxQueries, seed: 1 });
          expect(r.queriesPerSample.every((q) => q <= maxQueries)).toBe(true);
          expect(r.norms.linf.every((v) => v <= eps + 1e-6)).toBe(true);
          expect(r.adversarial.every((v) => v >= 0 && v <= 1)).toBe(true);
          const p = await pgd(model, data, { eps, steps: 3, norm: 'l2', gradient: exact, seed: 2 });
          expect(p.norms.l2.every((v) => v <= eps + 1e-5)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('metrics and matching on arbitrary input', () => {
  test('AUC is in [0, 1] and advantage in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true })), fc.array(fc.double({ noNaN: true })), (a, b) => {
        const auc = rocAuc(a, b);
        if (a.length && b.length) expect(auc >= 0 && auc <= 1).toBe(true);
        const t = bestThreshold(a, b);
        expect(t.advantage >= 0 && t.advantage <= 1).toBe(true);
      }),
    );
  });

  test('canary matching and the runner survive arbitrary responses', async () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 4 }), (r, c) => {
        expect(Array.isArray(findCanaries(r, c))).toBe(true);
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (response) => {
        const report = await runPromptInjection(
          async () => response as string,
          [{ id: '1', system: 's', injection: 'i', categories: {}, canaries: ['abcdef'], judgeQuestion: undefined }],
        );
        expect(report.total).toBe(1);
      }),
      { numRuns: 100 },
    );
  });
});
