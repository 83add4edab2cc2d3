/**
 * PGD (Madry et al. 2018): iterated gradient steps, each projected back onto the ε-ball around the clean
 * input (L∞ or L2) and the valid input range, from an optional seeded random start. With `earlyStop`
 * a sample leaves the loop as soon as it is adversarial, which saves the queries of a black-box gradient.
 */
import { aboolean, ainteger, anumber, type Classifier, createRng } from '@modelsec/core';
import { checkData, type LabeledData } from '../data';
import { checkEvasionOptions, checkGradientOptions, type GradientAttackOptions, spread } from './options';
import { projectInPlace, stepInPlace } from './project';
import { classify, type EvasionResult, finish } from './result';

/** Options of `pgd`. */
export interface PgdOptions extends GradientAttackOptions {
  /** Number of steps (default 10). */
  steps?: number;
  /** Step size (default 2.5 · eps / steps, as in Madry et al.). */
  stepSize?: number;
  /** Start from a uniformly random point of the ε-ball (default true). */
  randomStart?: boolean;
  /** Stop attacking a sample once it is adversarial (default true; costs one query per active sample per step). */
  earlyStop?: boolean;
  /** Seed of the random start (default 0). */
  seed?: number;
}

/**
 * Projected Gradient Descent. Untargeted it ascends the loss of the true label; with `targets` it
 * descends the loss of the target.
 *
 * @param model - the classifier under test
 * @param data - samples and true labels
 * @param options - `eps` (required), `norm`, `steps`, `stepSize`, `randomStart`, `earlyStop`, `seed`, `gradient`, `bounds`, `targets`
 * @throws ValidationError for malformed data; AccessError `budget_exhausted` from a budgeted model.
 * @example
 * ```ts
 * const result = await pgd(model, { inputs, labels }, { eps: 0.1, steps: 20, norm: 'linf', seed: 1 });
 * console.log(result.successRate);
 * ```
 */
export async function pgd(model: Classifier, data: LabeledData, options: PgdOptions): Promise<EvasionResult> {
  const checked = checkData(model, data);
  const { bounds, targets } = checkEvasionOptions(model, checked, options);
  const { eps, norm, gradient } = checkGradientOptions(model, options);
  const steps = options.steps ?? 10;
  ainteger(steps, 'options.steps', { min: 0, max: 1_000_000 });
  const stepSize = options.stepSize ?? (steps > 0 ? (2.5 * eps) / steps : 0);
  anumber(stepSize, 'options.stepSize', { min: 0 });
  const randomStart = options.randomStart ?? true;
  aboolean(randomStart, 'options.randomStart');
  const earlyStop = options.earlyStop ?? true;
  aboolean(earlyStop, 'options.earlyStop');
  const rng = createRng(options.seed ?? 0);
  const { count, inputs, labels } = checked;
  const d = model.sampleSize;
  const goal = targets ?? labels;

  let queries = count;
  const queriesPerSample = new Float64Array(count).fill(1);
  const cleanPredictions = await classify(model, inputs, count);
  const adversarial = inputs.slice();
  if (randomStart && eps > 0) {
    randomInBall(adversarial, eps, norm, d, rng);
    projectInPlace(adversarial, inputs, eps, norm, bounds, d);
  }
  const done = (s: number, p: number): boolean => (targets ? p === targets[s] : p !== labels[s]);
  // Untargeted samples that are already wrong need no attack (their clean input is kept).
  let active: number[] = [];
  for (let s = 0; s < count; s++) {
    if (!targets && cleanPredictions[s] !== labels[s]) adversarial.set(inputs.subarray(s * d, (s + 1) * d), s * d);
    else active.push(s);
  }
  for (let step = 0; step < steps && active.length > 0; step++) {
    const n = active.length;
    const x = gather(adversarial, active, d);
    const x0 = gather(inputs, active, d);
    const y = Int32Array.from(active, (s) => goal[s] as number);
    const g = await gradient.gradient(x, y, n);
    queries += g.queries;
    spread(queriesPerSample, g.queries, active);
    stepInPlace(x, g.gradient, targets ? -stepSize : stepSize, norm, d);
    projectInPlace(x, x0, eps, norm, bounds, d);
    scatter(adversarial, x, active, d);
    if (earlyStop) {
      const p = await classify(model, x, n);
      queries += n;
      spread(queriesPerSample, n, active);
      active = active.filter((s, i) => !done(s, p[i] as number));
    }
  }
  const predictions = await classify(model, adversarial, count);
  queries += count;
  spread(queriesPerSample, count);
  return finish({
    attack: 'pgd',
    norm,
    eps,
    data: checked,
    targets,
    adversarial,
    cleanPredictions,
    predictions,
    queries,
    queriesPerSample,
    sampleSize: d,
  });
}

/** Rows `indices` of `x` as one contiguous batch. */
export function gather(x: Float32Array, indices: readonly number[], d: number): Float32Array {
  const out = new Float32Array(indices.length * d);
  indices.forEach((s, i) => {
    out.set(x.subarray(s * d, (s + 1) * d), i * d);
  });
  return out;
}

/** Write the rows of `batch` back to rows `indices` of `x`. */
export function scatter(x: Float32Array, batch: Float32Array, indices: readonly number[], d: number): void {
  indices.forEach((s, i) => {
    x.set(batch.subarray(i * d, (i + 1) * d), s * d);
  });
}

function randomInBall(x: Float32Array, eps: number, norm: 'linf' | 'l2', d: number, rng: ReturnType<typeof createRng>) {
  const count = x.length / d;
  for (let s = 0; s < count; s++) {
    const o = s * d;
    if (norm === 'linf') {
      for (let i = o; i < o + d; i++) x[i] = (x[i] as number) + (2 * rng.next() - 1) * eps;
    } else {
      const u = new Float64Array(d);
      let sq = 0;
      for (let i = 0; i < d; i++) {
        u[i] = rng.normal();
        sq += (u[i] as number) ** 2;
      }
      const r = (eps * rng.next() ** (1 / d)) / Math.sqrt(sq);
      for (let i = 0; i < d; i++) x[o + i] = (x[o + i] as number) + r * (u[i] as number);
    }
  }
}
