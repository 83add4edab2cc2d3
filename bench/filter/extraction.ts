/**
 * The extraction experiment: a 784-128-10 MLP surrogate (@modelsec/redteam's extractModel, natural
 * queries from digits the attacker holds) trained through the MNIST CNN behind each output defense of
 * @modelsec/filters. Reported per defense: surrogate fidelity (agreement with the undefended victim's
 * labels on held-out digits) for an attacker training on the returned scores ("soft", renormalized by
 * the attacker) and one training on the returned top class ("hard"); and the victim's own accuracy
 * through the defense on all 10,000 test digits, with the number of answers whose top class changed.
 */
import { type AnyRule, argmax, type Classifier, classifierFromFunction, withQueryBudget } from '@modelsec/core';
import { filterClassifier, labelOnly, noise, reverseSigmoid, roundProbabilities, topK } from '@modelsec/filters';
import { extractModel } from '@modelsec/redteam';
import { digits } from './setup.ts';

export interface Defense {
  name: string;
  rules: AnyRule[];
}

export const DEFENSES: Defense[] = [
  { name: 'none (full probabilities)', rules: [] },
  { name: 'roundProbabilities(2)', rules: [roundProbabilities(2)] },
  { name: 'roundProbabilities(1)', rules: [roundProbabilities(1)] },
  { name: 'topK(3)', rules: [topK(3)] },
  { name: 'topK(1)', rules: [topK(1)] },
  { name: 'labelOnly()', rules: [labelOnly()] },
  { name: 'reverseSigmoid(β=1, γ=0.1) (ART defaults)', rules: [reverseSigmoid({ beta: 1, gamma: 0.1 })] },
  { name: 'reverseSigmoid(β=1, γ=0.5)', rules: [reverseSigmoid({ beta: 1, gamma: 0.5 })] },
  { name: 'noise(gaussian, scale 0.1)', rules: [noise({ scale: 0.1 })] },
];

export interface DefenseRow {
  defense: string;
  victimAccuracy: number;
  victimAccuracyUndefended: number;
  topClassChanged: number;
  digits: number;
  soft: { queries: number; fidelity: number; accuracy: number }[];
  hard: { queries: number; fidelity: number; accuracy: number }[];
  softFidelityUndefended: number;
  hardFidelityUndefended: number;
  seconds: number;
  /** True when the hard-label run was reused from the undefended model (no top class changed). */
  hardReused: boolean;
}

/** The attacker renormalizes what it receives into a distribution (top-k and label-only rows sum to < 1 or are one-hot). */
function attackerView(model: Classifier): Classifier {
  const k = model.numClasses;
  return classifierFromFunction(
    async (x, n) => {
      const p = await model.predict(x, n);
      const out = new Float32Array(p.length);
      for (let r = 0; r < n; r++) {
        let s = 0;
        for (let j = 0; j < k; j++) s += p[r * k + j] as number;
        for (let j = 0; j < k; j++) out[r * k + j] = s > 0 ? (p[r * k + j] as number) / s : 1 / k;
      }
      return out;
    },
    { sampleShape: model.sampleShape, numClasses: k, scores: 'probabilities', maxBatch: model.maxBatch },
  );
}

export async function runExtraction(
  victim: Classifier,
  o: { checkpoints: number[]; epochs: number; seed: number; evaluation: number; defenses?: string[] },
): Promise<DefenseRow[]> {
  const all = await digits(10_000, 0);
  const evaluation = await digits(o.evaluation, 0);
  const pool = (await digits(10_000 - o.evaluation, o.evaluation)).inputs;
  const rawAll = argmax(await victim.predict(all.inputs, 10_000), 10);
  let undefended = 0;
  for (let i = 0; i < 10_000; i++) if (rawAll[i] === all.labels[i]) undefended++;
  const rows: DefenseRow[] = [];
  let undefendedHard: Awaited<ReturnType<typeof extractModel>> | undefined;
  for (const d of DEFENSES) {
    if (o.defenses && !o.defenses.some((x) => d.name.startsWith(x))) continue;
    const t = performance.now();
    const served = filterClassifier(victim, d.rules);
    const out = argmax(await served.predict(all.inputs, 10_000), 10);
    let correct = 0;
    let changed = 0;
    for (let i = 0; i < 10_000; i++) {
      if (out[i] === all.labels[i]) correct++;
      if (out[i] !== rawAll[i]) changed++;
    }
    const attack = async (labels: 'soft' | 'hard') => {
      const budgeted = withQueryBudget(attackerView(served));
      const r = await extractModel(budgeted, {
        strategy: 'natural',
        labels,
        pool,
        checkpoints: o.checkpoints,
        hidden: [128],
        train: { epochs: o.epochs },
        evaluation,
        seed: o.seed,
      });
      if (r.queries + r.evaluationQueries !== budgeted.queries) throw new Error('query count mismatch');
      return r;
    };
    const soft = await attack('soft');
    // A defense that changes no top class on any of the 10,000 digits (pool and evaluation included) gives
    // the hard-label attacker exactly the labels of the undefended model: the seeded run is identical.
    const hard = changed === 0 && undefendedHard ? undefendedHard : await attack('hard');
    if (d.rules.length === 0) undefendedHard = hard;
    // extractModel measures fidelity against the victim as served (through the defense); also measure the
    // final surrogate against the undefended model's labels (they differ only where the defense moved the top class).
    const rawEval = rawAll.subarray(0, o.evaluation);
    const undefendedFidelity = async (r: typeof soft) => {
      const pred = argmax(await r.surrogate.predict(evaluation.inputs, o.evaluation), 10);
      let agree = 0;
      for (let i = 0; i < o.evaluation; i++) if (pred[i] === rawEval[i]) agree++;
      return agree / o.evaluation;
    };
    const row: DefenseRow = {
      defense: d.name,
      victimAccuracy: correct / 10_000,
      victimAccuracyUndefended: undefended / 10_000,
      topClassChanged: changed,
      digits: 10_000,
      soft: soft.points,
      hard: hard.points,
      softFidelityUndefended: await undefendedFidelity(soft),
      hardFidelityUndefended: await undefendedFidelity(hard),
      seconds: (performance.now() - t) / 1000,
      hardReused: hard === undefendedHard && d.rules.length > 0,
    };
    rows.push(row);
    console.log(
      `  ${d.name}: victim acc ${row.victimAccuracy} (changed ${changed}); soft ${row.soft.map((p) => `${p.queries}→${p.fidelity.toFixed(3)}`).join(' ')}; hard ${row.hard.map((p) => `${p.queries}→${p.fidelity.toFixed(3)}`).join(' ')} (${row.seconds.toFixed(0)} s)`,
    );
  }
  return rows;
}
