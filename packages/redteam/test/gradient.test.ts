import { classifierFromFunction, withQueryBudget } from '@modelsec/core';
import { finiteDifferences, gradientFromFunction, nesGradient, rowLoss } from '@modelsec/redteam';
import { describe, expect, test } from 'vitest';
import { cosine, linearModel, mnistData, mnistModel } from './helpers';

describe('finite-difference gradients', () => {
  test('match the exact gradient of a linear softmax model (central and forward)', async () => {
    const { model, gradient } = linearModel();
    const x = Float32Array.from([0.2, 0.5, 0.9, 0.1, 0.7, 0.3, 0.4, 0.6]);
    const y = Int32Array.from([0, 2]);
    const exact = gradient(x, y, 2);
    for (const scheme of ['central', 'forward'] as const) {
      const victim = withQueryBudget(model);
      const fd = await finiteDifferences(victim, { scheme, h: 1e-3 }).gradient(x, y, 2);
      expect(fd.queries).toBe(scheme === 'central' ? 2 * 2 * 4 : 2 * 5);
      expect(victim.queries).toBe(fd.queries);
      for (let i = 0; i < exact.length; i++) expect(fd.gradient[i]).toBeCloseTo(exact[i] as number, 2);
      if (scheme === 'forward') expect(Number.isFinite(fd.loss[0])).toBe(true);
    }
  });

  test('one MNIST gradient is one batched predict call of 2 × 784 rows', async () => {
    const model = await mnistModel();
    let calls = 0;
    const counted = classifierFromFunction(
      (x, n) => {
        calls++;
        return model.predict(x, n);
      },
      { sampleShape: model.sampleShape, numClasses: 10, scores: 'logits', maxBatch: 4096 },
    );
    const { inputs, labels } = await mnistData(2);
    const fd = await finiteDifferences(counted).gradient(inputs, Int32Array.from(labels), 2);
    expect(fd.queries).toBe(2 * 1568);
    expect(calls).toBe(1); // 3,136 rows ≤ chunkSize 4096
    // The gradient points somewhere that raises the loss: a small signed step increases it.
    const x = inputs.subarray(0, 784);
    const stepped = x.map((v, i) => v + 0.02 * Math.sign(fd.gradient[i] as number));
    const scores = await model.predict(Float32Array.from([...x, ...stepped]), 2);
    const y = labels[0] as number;
    expect(rowLoss(scores, 1, 10, 'logits', y, 'cross-entropy')).toBeGreaterThan(
      rowLoss(scores, 0, 10, 'logits', y, 'cross-entropy'),
    );
  });

  test('NES estimates point along the exact gradient and are reproducible by seed', async () => {
    const { model, gradient } = linearModel();
    const x = Float32Array.from([0.2, 0.5, 0.9, 0.1]);
    const y = Int32Array.of(1);
    const victim = withQueryBudget(model);
    const a = await nesGradient(victim, { samples: 200, sigma: 0.01, seed: 5 }).gradient(x, y, 1);
    expect(a.queries).toBe(400);
    expect(victim.queries).toBe(400);
    expect(cosine(a.gradient, gradient(x, y, 1))).toBeGreaterThan(0.95);
    const b = await nesGradient(model, { samples: 200, sigma: 0.01, seed: 5 }).gradient(x, y, 1);
    expect(Array.from(b.gradient)).toEqual(Array.from(a.gradient));
    // Several samples in one chunk keep their own directions.
    const two = await nesGradient(model, { samples: 200, seed: 5, chunkSize: 1000 }).gradient(
      Float32Array.from([...x, ...x]),
      Int32Array.of(1, 1),
      2,
    );
    expect(cosine(two.gradient.subarray(4), gradient(x, y, 1))).toBeGreaterThan(0.95);
  });

  test('app-supplied gradients cost no queries and are shape-checked', async () => {
    const { gradient } = linearModel();
    const source = gradientFromFunction(gradient, { name: 'exact' });
    const r = await source.gradient(new Float32Array(4), Int32Array.of(0), 1);
    expect(r.queries).toBe(0);
    await expect(
      gradientFromFunction(() => new Float32Array(3)).gradient(new Float32Array(4), Int32Array.of(0), 1),
    ).rejects.toMatchObject({ code: 'invalid_shape' });
    expect(() => gradientFromFunction('x' as never)).toThrow(TypeError);
    expect(() => finiteDifferences(linearModel().model, { h: 0 })).toThrow(RangeError);
    expect(() => finiteDifferences(linearModel().model, { scheme: 'x' as never })).toThrow();
  });
});
