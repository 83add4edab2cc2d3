/**
 * Evasion experiments on the MNIST CNN: FGSM and PGD accuracy-vs-ε (finite-difference gradients on the
 * batch-capable model) side by side with uniform random ±ε noise (the no-gradient baseline); the
 * finite-difference gradient time on the batch-capable vs the original model; Square and HopSkipJump
 * success rates at fixed per-sample query budgets.
 */
import { argmax, type Classifier, withQueryBudget } from '@modelsec/core';
import { accuracyCurve, createRng, finiteDifferences, hopSkipJump, square, summarizeEvasion } from '@modelsec/redteam';
import type { Models } from './setup.ts';

type Data = { inputs: Float32Array; labels: Uint8Array };

export async function gradientTiming(models: Models, data: Data) {
  const n = data.labels.length;
  const labels = Int32Array.from(data.labels);
  const time = async (model: Classifier) => {
    const t = performance.now();
    const r = await finiteDifferences(model).gradient(data.inputs, labels, n);
    return { ms: (performance.now() - t) / n, queries: r.queries / n, gradient: r.gradient };
  };
  const original = await time(models.original);
  const batched = await time(models.batched);
  let maxDiff = 0;
  for (let i = 0; i < batched.gradient.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs((batched.gradient[i] as number) - (original.gradient[i] as number)));
  }
  return {
    samples: n,
    queriesPerGradient: batched.queries,
    msPerGradient: { original: original.ms, batched: batched.ms },
    speedup: original.ms / batched.ms,
    maxAbsDifference: maxDiff,
  };
}

export async function curves(
  model: Classifier,
  data: Data,
  o: { fgsmEps: number[]; pgdEps: number[]; pgdSamples: number; seed: number },
) {
  const victim = withQueryBudget(model);
  const fgsm = await accuracyCurve(victim, data, { attack: 'fgsm', epsilons: o.fgsmEps });
  const fgsmQueries = victim.queries;
  const pgdData = {
    inputs: data.inputs.subarray(0, o.pgdSamples * 784),
    labels: data.labels.subarray(0, o.pgdSamples),
  };
  const pgd = await accuracyCurve(victim, pgdData, { attack: 'pgd', epsilons: o.pgdEps, steps: 10, seed: o.seed });
  const random = await randomNoise(model, data, o.fgsmEps, o.seed);
  return { fgsm, pgd, random, measuredQueries: { fgsm: fgsmQueries, pgd: victim.queries - fgsmQueries } };
}

/** Accuracy under uniform random ±ε sign noise (the same L∞ budget, no gradient). */
async function randomNoise(model: Classifier, data: Data, epsilons: number[], seed: number) {
  const rng = createRng(seed);
  const n = data.labels.length;
  const points: { eps: number; accuracy: number }[] = [];
  for (const eps of epsilons) {
    const x = data.inputs.map((v) => Math.min(1, Math.max(0, v + (rng.next() < 0.5 ? -eps : eps))));
    const pred = argmax(await model.predict(x, n), 10);
    let ok = 0;
    for (let i = 0; i < n; i++) if (pred[i] === data.labels[i]) ok++;
    points.push({ eps, accuracy: ok / n });
  }
  return points;
}

export async function squareRuns(model: Classifier, data: Data, o: { eps: number[]; budgets: number[]; seed: number }) {
  const rows = [];
  for (const eps of o.eps) {
    for (const maxQueries of o.budgets) {
      const victim = withQueryBudget(model, { budget: maxQueries * data.labels.length });
      const r = await square(victim, data, { eps, maxQueries, pInit: 0.8, seed: o.seed });
      if (r.queries !== victim.queries) throw new Error('query count mismatch');
      rows.push({ ...summarizeEvasion(r), maxQueries, pInit: 0.8, measuredQueries: victim.queries });
    }
  }
  return rows;
}

export async function hsjRuns(
  model: Classifier,
  data: Data,
  o: { budgets: number[]; thresholds: number[]; seed: number },
) {
  const rows = [];
  for (const maxQueries of o.budgets) {
    const victim = withQueryBudget(model, { budget: maxQueries * data.labels.length });
    const r = await hopSkipJump(victim, data, { maxQueries, seed: o.seed });
    if (r.queries !== victim.queries) throw new Error('query count mismatch');
    rows.push({ ...summarizeEvasion(r, o.thresholds), maxQueries, measuredQueries: victim.queries });
  }
  return rows;
}
