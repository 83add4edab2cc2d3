import { withQueryBudget } from '@modelsec/core';
import { accuracyCurve, fgsm, gradientFromFunction, nesGradient, pgd } from '@modelsec/redteam';
import { describe, expect, test } from 'vitest';
import { linearModel, mnistData, mnistModel } from './helpers';

const within = (values: Float32Array, max: number) => values.every((v) => v <= max + 1e-6);

describe('FGSM and PGD on the real MNIST CNN', () => {
  test('FGSM with finite differences: bounded perturbations, exact query count, accuracy falls with ε', async () => {
    const model = await mnistModel();
    const data = await mnistData(6);
    const victim = withQueryBudget(model, { budget: 6 * 1568 + 6 + 6 * 3 });
    const curve = await accuracyCurve(victim, data, { attack: 'fgsm', epsilons: [0, 0.1, 0.3] });
    expect(curve.queries).toBe(victim.queries);
    expect(curve.sharedQueries).toBe(6 + 6 * 1568);
    expect(curve.points[0]?.robustAccuracy).toBe(curve.cleanAccuracy);
    const [a0, a1, a3] = curve.points.map((p) => p.robustAccuracy) as [number, number, number];
    expect(a1).toBeLessThanOrEqual(a0);
    expect(a3).toBeLessThan(a0); // at ε = 0.3 FGSM breaks most MNIST digits
    const two = { inputs: data.inputs.subarray(0, 2 * 784), labels: data.labels.subarray(0, 2) };
    const one = await fgsm(model, two, { eps: 0.3 });
    expect(within(one.norms.linf, 0.3)).toBe(true);
    expect(one.norms.linf.every((v) => v > 0.29)).toBe(true);
    expect(one.adversarial.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  test('PGD (L∞ and L2) stays in the ε-ball and box, respects the budget, and is deterministic', async () => {
    const model = await mnistModel();
    const data = await mnistData(4);
    const run = async (norm: 'linf' | 'l2', eps: number) => {
      const victim = withQueryBudget(model, { budget: 200_000 });
      const gradient = nesGradient(victim, { samples: 40, seed: 3 });
      const r = await pgd(victim, data, { eps, norm, steps: 5, seed: 9, gradient });
      expect(r.queries).toBe(victim.queries);
      expect(r.queriesPerSample.reduce((a, b) => a + b, 0)).toBeCloseTo(r.queries, 6);
      return r;
    };
    const linf = await run('linf', 0.2);
    expect(within(linf.norms.linf, 0.2)).toBe(true);
    const l2 = await run('l2', 2);
    expect(within(l2.norms.l2, 2)).toBe(true);
    expect(l2.adversarial.every((v) => v >= 0 && v <= 1)).toBe(true);
    const again = await run('linf', 0.2);
    expect(Array.from(again.adversarial)).toEqual(Array.from(linf.adversarial));
    expect(linf.robustAccuracy).toBeLessThanOrEqual(linf.cleanAccuracy);
  });

  test('a budget smaller than the attack needs stops it with budget_exhausted', async () => {
    const model = await mnistModel();
    const victim = withQueryBudget(model, { budget: 1000 });
    await expect(fgsm(victim, await mnistData(1), { eps: 0.1 })).rejects.toMatchObject({ code: 'budget_exhausted' });
    expect(victim.queries).toBeLessThanOrEqual(1000);
  });
});

describe('attacks with an app-supplied exact gradient', () => {
  test('targeted PGD reaches the target class on a linear model', async () => {
    const { model, gradient } = linearModel();
    const inputs = Float32Array.from([0.9, 0.1, 0.2, 0.3, 0.8, 0.2, 0.1, 0.2]);
    const data = { inputs, labels: [0, 0] };
    const victim = withQueryBudget(model);
    const r = await pgd(victim, data, {
      eps: 1,
      steps: 40,
      targets: [1, 2],
      gradient: gradientFromFunction(gradient),
      randomStart: false,
    });
    expect(r.queries).toBe(victim.queries); // the exact gradient costs no queries; predictions do
    expect(r.queries).toBeLessThan(2 + 40 * 2 + 2 + 1);
    expect(Array.from(r.predictions)).toEqual([1, 2]);
    expect(r.successRate).toBe(1);
  });

  test('argument errors are typed', async () => {
    const { model } = linearModel();
    const data = { inputs: new Float32Array(4), labels: [0] };
    await expect(fgsm(model, data, { eps: -1 })).rejects.toThrow(RangeError);
    await expect(fgsm(model, { inputs: new Float32Array(3), labels: [0] }, { eps: 0.1 })).rejects.toMatchObject({
      code: 'invalid_shape',
    });
    await expect(fgsm(model, { inputs: new Float32Array(4), labels: [7] }, { eps: 0.1 })).rejects.toMatchObject({
      code: 'out_of_range',
    });
    await expect(
      fgsm(model, { inputs: Float32Array.of(Number.NaN, 0, 0, 0), labels: [0] }, { eps: 0.1 }),
    ).rejects.toMatchObject({ code: 'non_finite' });
    await expect(pgd(model, data, { eps: 0.1, norm: 'l1' as never })).rejects.toThrow(RangeError);
    await expect(fgsm(model, data, { eps: 0.1, bounds: [1, 0] })).rejects.toMatchObject({ code: 'out_of_range' });
  });
});
