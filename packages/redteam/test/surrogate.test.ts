import { withQueryBudget } from '@modelsec/core';
import { createSurrogate, extractModel, finiteDifferences, surrogateGradient, trainSurrogate } from '@modelsec/redteam';
import { describe, expect, test } from 'vitest';
import { cosine, mnistData, mnistModel } from './helpers';

describe('surrogate models', () => {
  test('an MLP trained on 300 MNIST digits generalises; training is deterministic by seed', async () => {
    const train = await mnistData(300, 1000);
    const test_ = await mnistData(300, 2000);
    const fit = async () => {
      const s = createSurrogate({ sampleShape: [1, 28, 28], numClasses: 10, hidden: [32], seed: 4 });
      const report = await trainSurrogate(s, train, { epochs: 8, seed: 4 });
      return { s, report };
    };
    const { s, report } = await fit();
    expect(report.losses[report.losses.length - 1]).toBeLessThan((report.losses[0] as number) / 2);
    const probs = await s.predict(test_.inputs, 300);
    let correct = 0;
    for (let i = 0; i < 300; i++) {
      const row = Array.from(probs.subarray(i * 10, i * 10 + 10));
      if (row.indexOf(Math.max(...row)) === test_.labels[i]) correct++;
    }
    expect(correct / 300).toBeGreaterThan(0.75);
    const again = await fit();
    expect(Array.from(again.s.weights[0]?.subarray(0, 50) ?? [])).toEqual(
      Array.from(s.weights[0]?.subarray(0, 50) ?? []),
    );
  });

  test('the analytic input gradient agrees with finite differences of the surrogate itself', async () => {
    const s = createSurrogate({ sampleShape: [6], numClasses: 3, hidden: [5, 4], seed: 2 });
    const x = Float32Array.from([0.3, 0.1, 0.9, 0.5, 0.2, 0.7]);
    for (const loss of ['cross-entropy', 'margin'] as const) {
      const exact = await surrogateGradient(s, { loss }).gradient(x, Int32Array.of(1), 1);
      const fd = await finiteDifferences(s, { loss, h: 1e-3 }).gradient(x, Int32Array.of(1), 1);
      expect(exact.queries).toBe(0);
      expect(cosine(exact.gradient, fd.gradient)).toBeGreaterThan(0.999);
    }
  });

  test('soft-label training and bad data', async () => {
    const s = createSurrogate({ sampleShape: [2], numClasses: 2, seed: 1 });
    const inputs = Float32Array.from([0, 0, 1, 1, 0, 1, 1, 0]);
    const probabilities = Float32Array.from([0.9, 0.1, 0.1, 0.9, 0.5, 0.5, 0.5, 0.5]);
    const r = await trainSurrogate(s, { inputs, probabilities }, { epochs: 50, learningRate: 0.05 });
    expect(r.losses[49]).toBeLessThan(r.losses[0] as number);
    await expect(trainSurrogate(s, { inputs, labels: [0, 1, 2, 0] })).rejects.toMatchObject({ code: 'out_of_range' });
    await expect(trainSurrogate(s, { inputs: new Float32Array(3), labels: [0] })).rejects.toMatchObject({
      code: 'invalid_shape',
    });
    expect(() => createSurrogate({ sampleShape: [0], numClasses: 2 })).toThrow(RangeError);
  });
});

describe('extractModel against the MNIST CNN', () => {
  test('natural queries beat random ones; the budget covers exactly the attack and the evaluation', async () => {
    const model = await mnistModel();
    const pool = (await mnistData(400, 3000)).inputs;
    const evaluation = await mnistData(200, 6000);
    const run = async (strategy: 'natural' | 'random' | 'jacobian') => {
      const victim = withQueryBudget(model, { budget: 300 + 200 });
      const r = await extractModel(victim, {
        strategy,
        pool,
        checkpoints: [100, 300],
        evaluation,
        seed: 2,
        train: { epochs: 15 },
      });
      expect(r.queries + r.evaluationQueries).toBe(victim.queries);
      expect(r.points.map((p) => p.queries)).toEqual([100, 300]);
      return r;
    };
    const natural = await run('natural');
    const random = await run('random');
    const jacobian = await run('jacobian');
    expect(natural.victimAccuracy).toBeGreaterThan(0.95);
    expect(natural.points[1]?.fidelity).toBeGreaterThan(0.7);
    expect(natural.points[1]?.fidelity).toBeGreaterThan((random.points[1]?.fidelity as number) + 0.3);
    expect(jacobian.points[0]?.fidelity).toBe(natural.points[0]?.fidelity); // same natural seed set
    const again = await run('natural');
    expect(again.points).toEqual(natural.points);
  });
});
