/**
 * Model extraction: query a victim through its public `predict`, train a surrogate on the answers,
 * and measure fidelity (agreement with the victim) and accuracy (against true labels) on held-out data
 * at increasing query counts. The victim is only ever called through `predict`, so a `withQueryBudget`
 * wrapper (or an output filter) in front of it is measured as an attacker would meet it.
 */
import {
  afunction,
  ainteger,
  anumber,
  aobject,
  aoneOf,
  argmax,
  type Classifier,
  createRng,
  ModelSecRangeError,
  ValidationError,
} from '@modelsec/core';
import { checkBounds, checkData, checkFinite, type InputBounds, type LabeledData } from '../data';
import { toProbabilities } from '../scores';
import { createSurrogate, type Surrogate } from '../surrogate/mlp';
import { type TrainOptions, trainSurrogate } from '../surrogate/train';
import { nextQueries, type QuerySet, type QueryStrategy } from './strategies';

/** Options of `extractModel`. */
export interface ExtractionOptions {
  /** `natural` (default), `random` or `jacobian`. */
  strategy?: QueryStrategy;
  /** Inputs the attacker holds (`n × sampleSize`): the pool for `natural`, the seed set for `jacobian`. */
  pool?: Float32Array;
  /** Query counts at which the surrogate is trained and evaluated, ascending; the last is the budget. */
  checkpoints: readonly number[];
  /** Train on the victim's `soft` probabilities (default) or `hard` labels (label-only API). */
  labels?: 'soft' | 'hard';
  /** Surrogate architecture: hidden layer widths (default `[]`, softmax regression). */
  hidden?: readonly number[];
  /** Training options of each surrogate (defaults: 30 epochs, batch 32, Adam 0.003). */
  train?: TrainOptions;
  /** Held-out labelled data for fidelity and accuracy. */
  evaluation: LabeledData;
  /** Valid input range (default `[0, 1]`). */
  bounds?: InputBounds;
  /** Jacobian augmentation step λ (default 0.1). */
  lambda?: number;
  /** Seed of query order, random queries and surrogate initialisation (default 0). */
  seed?: number;
}

/** One point of the fidelity/accuracy-vs-queries curve. */
export interface ExtractionPoint {
  /** Victim queries used to build the training set. */
  queries: number;
  /** Fraction of evaluation inputs where the surrogate and the victim predict the same class. */
  fidelity: number;
  /** Surrogate accuracy against the true labels. */
  accuracy: number;
}

/** What `extractModel` returns. */
export interface ExtractionResult {
  /** The query strategy. */
  strategy: QueryStrategy;
  /** The curve, one point per checkpoint. */
  points: ExtractionPoint[];
  /** Victim accuracy on the evaluation data (the ceiling for surrogate accuracy). */
  victimAccuracy: number;
  /** The surrogate trained at the last checkpoint. */
  surrogate: Surrogate;
  /** Victim queries spent by the attack (the training set). */
  queries: number;
  /** Victim queries spent measuring fidelity on the evaluation data (not part of the attack). */
  evaluationQueries: number;
}

/**
 * Run a model-extraction attack and report fidelity and accuracy against queries.
 *
 * @throws ValidationError for malformed data; AccessError `budget_exhausted` from a budgeted victim.
 * @example
 * ```ts
 * const result = await extractModel(victim, {
 *   strategy: 'natural', pool, checkpoints: [100, 1000, 5000], hidden: [128], evaluation: { inputs, labels }, seed: 1,
 * });
 * result.points; // [{ queries: 100, fidelity: 0.7, accuracy: 0.69 }, ...]
 * ```
 */
export async function extractModel(victim: Classifier, options: ExtractionOptions): Promise<ExtractionResult> {
  aobject(victim as unknown, 'victim');
  afunction(victim.predict, 'victim.predict');
  aobject(options as unknown, 'options');
  const strategy = options.strategy ?? 'natural';
  aoneOf(strategy, 'options.strategy', ['natural', 'random', 'jacobian'] as const);
  const labelsKind = options.labels ?? 'soft';
  aoneOf(labelsKind, 'options.labels', ['soft', 'hard'] as const);
  const checkpoints = [...(options.checkpoints ?? [])];
  if (checkpoints.length === 0) throw new ModelSecRangeError('"options.checkpoints" is empty');
  checkpoints.forEach((q, i) => {
    ainteger(q, `options.checkpoints[${i}]`, { min: 1, max: 10_000_000 });
    if (i > 0 && q <= (checkpoints[i - 1] as number)) {
      throw new ModelSecRangeError('"options.checkpoints" must be strictly ascending');
    }
  });
  const bounds = checkBounds(options.bounds);
  const lambda = options.lambda ?? 0.1;
  anumber(lambda, 'options.lambda', { min: 0 });
  const d = victim.sampleSize;
  const k = victim.numClasses;
  const pool = options.pool;
  if (strategy !== 'random') {
    if (!(pool instanceof Float32Array) || pool.length === 0 || pool.length % d !== 0) {
      throw new ValidationError(
        'invalid_shape',
        `"options.pool" must hold n × ${d} values for the ${strategy} strategy`,
      );
    }
    checkFinite(pool, 'options.pool');
  }
  const evaluation = checkData(victim, options.evaluation, 'options.evaluation');
  const seed = options.seed ?? 0;
  const rng = createRng(seed);
  const poolOrder = pool ? rng.shuffle(Array.from({ length: pool.length / d }, (_, i) => i)) : [];
  const train: TrainOptions = { epochs: 30, batchSize: 32, seed, ...options.train };

  const victimEval = argmax(await victim.predict(evaluation.inputs, evaluation.count), k);
  const evaluationQueries = evaluation.count;
  let victimCorrect = 0;
  for (let i = 0; i < evaluation.count; i++) if (victimEval[i] === evaluation.labels[i]) victimCorrect++;

  const budget = checkpoints[checkpoints.length - 1] as number;
  const set: QuerySet = { inputs: new Float32Array(budget * d), labels: new Int32Array(budget), count: 0 };
  const soft = new Float64Array(budget * k);
  let surrogate: Surrogate | undefined;
  const points: ExtractionPoint[] = [];
  for (const q of checkpoints) {
    const n = q - set.count;
    const x = nextQueries(strategy, n, { d, pool, poolOrder, bounds, rng, set, surrogate, lambda });
    const scores = await victim.predict(x, n);
    const probs = toProbabilities(scores, k, victim.scores);
    const hard = argmax(probs, k);
    set.inputs.set(x, set.count * d);
    set.labels.set(hard, set.count);
    soft.set(probs, set.count * k);
    set.count = q;
    surrogate = createSurrogate({ sampleShape: victim.sampleShape, numClasses: k, hidden: options.hidden ?? [], seed });
    await trainSurrogate(
      surrogate,
      labelsKind === 'soft'
        ? { inputs: set.inputs.subarray(0, q * d), probabilities: soft.subarray(0, q * k) }
        : { inputs: set.inputs.subarray(0, q * d), labels: set.labels.subarray(0, q) },
      train,
    );
    const pred = argmax(await surrogate.predict(evaluation.inputs, evaluation.count), k);
    let agree = 0;
    let correct = 0;
    for (let i = 0; i < evaluation.count; i++) {
      if (pred[i] === victimEval[i]) agree++;
      if (pred[i] === evaluation.labels[i]) correct++;
    }
    const m = Math.max(evaluation.count, 1);
    points.push({ queries: q, fidelity: agree / m, accuracy: correct / m });
  }
  return {
    strategy,
    points,
    victimAccuracy: victimCorrect / Math.max(evaluation.count, 1),
    surrogate: surrogate as Surrogate,
    queries: budget,
    evaluationQueries,
  };
}
