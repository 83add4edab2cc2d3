/**
 * Extraction and membership-inference experiments on MNIST. Extraction: a 784-128-10 MLP surrogate
 * trained through the CNN's public scores with natural, random and Jacobian-augmented queries (and
 * natural queries with top-1 labels only), fidelity and accuracy on 1,000 held-out digits vs queries.
 * Membership inference: opt-mnist's training set is not available, so the target is an MLP trained
 * here on 1,000 "member" test digits; 1,000 other digits are the non-members; shadow models are trained
 * on a disjoint 2,000 digits. Measured on raw probabilities and behind two illustrative output
 * coarsenings (probabilities rounded to 1 decimal, top-1 label only).
 */
import { type Classifier, classifierFromFunction, withQueryBudget } from '@modelsec/core';
import {
  createSurrogate,
  extractModel,
  membershipInference,
  mlpShadowTrainer,
  trainSurrogate,
} from '@modelsec/redteam';
import { digits } from './setup.ts';

/** A query strategy and the label kind the victim returns. */
export type ExtractionRun = readonly ['natural' | 'jacobian' | 'random', 'soft' | 'hard'];

export async function extraction(
  model: Classifier,
  o: { checkpoints: number[]; seed: number; epochs: number; runs: readonly ExtractionRun[] },
) {
  const evaluation = await digits(1000, 0);
  const pool = (await digits(9000, 1000)).inputs;
  const runs = [];
  for (const [strategy, labels] of o.runs) {
    const victim = withQueryBudget(model);
    const t = performance.now();
    const r = await extractModel(victim, {
      strategy,
      labels,
      pool,
      checkpoints: o.checkpoints,
      hidden: [128],
      train: { epochs: o.epochs },
      evaluation,
      seed: o.seed,
    });
    if (r.queries + r.evaluationQueries !== victim.queries) throw new Error('query count mismatch');
    runs.push({
      strategy,
      labels,
      points: r.points,
      victimAccuracy: r.victimAccuracy,
      seconds: (performance.now() - t) / 1000,
    });
    console.log(
      `  extraction ${strategy}/${labels}:`,
      r.points.map((p) => `${p.queries}→${p.fidelity.toFixed(3)}`).join(' '),
    );
  }
  return runs;
}

export async function membership(o: { members: number; seed: number; epochs: number; shadows: number }) {
  const members = await digits(o.members, 0);
  const nonMembers = await digits(o.members, o.members);
  const shadowData = await digits(2 * o.members, 2 * o.members);
  const target = createSurrogate({ sampleShape: [1, 28, 28], numClasses: 10, hidden: [128], seed: o.seed });
  const training = await trainSurrogate(target, members, { epochs: o.epochs, seed: o.seed });
  const trainShadow = mlpShadowTrainer({
    sampleShape: [1, 28, 28],
    numClasses: 10,
    hidden: [128],
    train: { epochs: o.epochs },
  });
  const round = (p: number[]) => p.map((v) => Math.round(v * 10) / 10);
  const top1 = (p: number[]) => p.map((v) => (v === Math.max(...p) ? 1 : 0));
  const variants: [string, ((p: number[]) => number[]) | undefined][] = [
    ['raw probabilities', undefined],
    ['rounded to 1 decimal', round],
    ['top-1 label only', top1],
  ];
  const rows = [];
  // Shadow training is seeded, so the variants share the trained shadows (memoised by seed).
  const trained = new Map<number, Promise<Classifier>>();
  for (const [name, fn] of variants) {
    // The attacker's shadow models answer through the same output format as the target.
    const shadow = {
      data: shadowData,
      train: async (data: Parameters<typeof trainShadow>[0], seed: number) => {
        if (!trained.has(seed)) trained.set(seed, trainShadow(data, seed));
        const m = await (trained.get(seed) as Promise<Classifier>);
        return fn ? coarsen(m, fn) : m;
      },
      models: o.shadows,
    };
    const model = fn ? coarsen(target, fn) : target;
    const r = await membershipInference(model, { members, nonMembers, shadow, seed: o.seed });
    rows.push({ output: name, ...r });
    console.log(
      `  membership ${name}:`,
      r.signals.map((s) => `${s.signal} AUC ${s.auc.toFixed(3)} adv ${s.advantage.toFixed(3)}`).join('; '),
    );
  }
  return { trainingLoss: training.losses.at(-1), rows };
}

/** An illustrative output coarsening in front of a probability model (not @modelsec/filters). */
function coarsen(model: Classifier, fn: (row: number[]) => number[]): Classifier {
  return classifierFromFunction(
    async (x, n) => {
      const p = await model.predict(x, n);
      const out = new Float32Array(p.length);
      for (let i = 0; i < n; i++) out.set(fn(Array.from(p.subarray(i * 10, i * 10 + 10))), i * 10);
      return out;
    },
    { sampleShape: model.sampleShape, numClasses: 10, scores: 'probabilities' },
  );
}
