/**
 * Known-answer vectors computed independently with NumPy/SciPy (vectors/generate.py): FGSM and PGD
 * follow IBM ART's update rules on a linear softmax model with its exact gradient, and rocAuc equals
 * SciPy's Mann-Whitney U / (n1 n0).
 */
import { withQueryBudget } from '@modelsec/core';
import { fgsm, gradientFromFunction, pgd, rocAuc } from '@modelsec/redteam';
import { describe, expect, test } from 'vitest';
import { linearModel } from './helpers';
import vectors from './vectors/reference.json';

const data = { inputs: Float32Array.from(vectors.inputs), labels: vectors.labels };

function expectClose(actual: Float32Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i] as number, 5);
}

describe('reference vectors (NumPy, IBM ART update rules)', () => {
  test('the fixture model is the one the vectors were computed on', () => {
    expect(vectors.model.W).toEqual([
      [1.5, -2, 0.5, 1],
      [-1, 1, 2, -0.5],
      [0.3, 0.2, -1.2, 2],
    ]);
    expect(vectors.model.b).toEqual([0.1, -0.2, 0.05]);
  });

  test.each(vectors.fgsm)('FGSM $norm eps $eps targeted $targeted', async (v) => {
    const { model, gradient } = linearModel();
    const victim = withQueryBudget(model);
    const r = await fgsm(victim, data, {
      eps: v.eps,
      norm: v.norm as 'linf' | 'l2',
      gradient: gradientFromFunction(gradient),
      ...(v.targeted ? { targets: vectors.targets } : {}),
    });
    expectClose(r.adversarial, v.adversarial);
    expect(r.queries).toBe(victim.queries);
  });

  test.each(vectors.pgd)('PGD $norm eps $eps, $steps steps of $stepSize', async (v) => {
    const { model, gradient } = linearModel();
    const r = await pgd(model, data, {
      eps: v.eps,
      norm: v.norm as 'linf' | 'l2',
      steps: v.steps,
      stepSize: v.stepSize,
      randomStart: false,
      earlyStop: false,
      gradient: gradientFromFunction(gradient),
    });
    expectClose(r.adversarial, v.adversarial);
  });

  test('rocAuc equals Mann-Whitney U / (n1 n0) from SciPy, ties counted half', () => {
    expect(rocAuc(vectors.auc.members, vectors.auc.nonMembers)).toBeCloseTo(vectors.auc.auc, 12);
  });
});
