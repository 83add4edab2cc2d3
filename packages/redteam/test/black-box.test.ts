import { withQueryBudget } from '@modelsec/core';
import { hopSkipJump, square } from '@modelsec/redteam';
import { describe, expect, test } from 'vitest';
import { linearModel, mnistData, mnistModel } from './helpers';

describe('Square attack (score-based, L∞) on the MNIST CNN', () => {
  test('fools most digits at ε = 0.3 within 300 queries each; never exceeds the per-sample budget', async () => {
    const model = await mnistModel();
    const data = await mnistData(5);
    const victim = withQueryBudget(model, { budget: 5 * 300 });
    const r = await square(victim, data, { eps: 0.3, maxQueries: 300, pInit: 0.8, seed: 1 });
    expect(r.queries).toBe(victim.queries);
    expect(r.queriesPerSample.every((q) => q <= 300)).toBe(true);
    expect(r.successRate).toBeGreaterThanOrEqual(0.75);
    expect(r.norms.linf.every((v) => v <= 0.3 + 1e-6)).toBe(true);
    expect(r.adversarial.every((v) => v >= 0 && v <= 1)).toBe(true);
    // The reported predictions are the model's on the returned inputs.
    const check = await model.predict(r.adversarial, 5);
    for (let s = 0; s < 5; s++) {
      const row = Array.from(check.subarray(s * 10, s * 10 + 10));
      expect(row.indexOf(Math.max(...row))).toBe(r.predictions[s]);
    }
    const again = await square(model, data, { eps: 0.3, maxQueries: 300, pInit: 0.8, seed: 1 });
    expect(Array.from(again.adversarial)).toEqual(Array.from(r.adversarial));
    expect(Array.from(again.queriesPerSample)).toEqual(Array.from(r.queriesPerSample));
  });

  test('targeted Square reaches the target on a linear model', async () => {
    const { model } = linearModel();
    const r = await square(
      model,
      { inputs: Float32Array.from([0.5, 0.5, 0.5, 0.5]), labels: [0] },
      {
        eps: 0.5,
        targets: [2],
        maxQueries: 200,
        seed: 2,
      },
    );
    expect(r.predictions[0]).toBe(2);
    expect(r.success[0]).toBe(1);
  });
});

describe('HopSkipJump (label-only, L2) on the MNIST CNN', () => {
  test('finds adversarial examples and shrinks them within the per-sample budget', async () => {
    const model = await mnistModel();
    const data = await mnistData(3);
    const victim = withQueryBudget(model, { budget: 3 * 400 });
    const r = await hopSkipJump(victim, data, { maxQueries: 400, seed: 5 });
    expect(r.queries).toBe(victim.queries);
    expect(r.queriesPerSample.every((q) => q <= 400)).toBe(true);
    expect(r.successRate).toBe(1);
    // Blended uniform noise starts around L2 ≈ 8 on MNIST; 400 queries bring it well below.
    expect(r.medianNorm).toBeLessThan(6);
    const check = await model.predict(r.adversarial, 3);
    for (let s = 0; s < 3; s++) {
      const row = Array.from(check.subarray(s * 10, s * 10 + 10));
      expect(row.indexOf(Math.max(...row))).not.toBe(data.labels[s]);
    }
    // With eps, results beyond it count as failures and keep the clean input.
    const first = { inputs: data.inputs.subarray(0, 784), labels: data.labels.subarray(0, 1) };
    const strict = await hopSkipJump(model, first, { maxQueries: 100, seed: 5, eps: 0.01 });
    expect(strict.successRate).toBe(0);
    expect(Array.from(strict.adversarial)).toEqual(Array.from(first.inputs));
  });

  test('options are checked', async () => {
    const { model } = linearModel();
    const data = { inputs: new Float32Array(4), labels: [0] };
    await expect(hopSkipJump(model, data, { targets: [1] })).rejects.toThrow(RangeError);
    await expect(square(model, data, { eps: 0.1, maxQueries: 0 })).rejects.toThrow(RangeError);
  });
});
