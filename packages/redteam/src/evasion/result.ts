/**
 * The result every evasion attack returns (FGSM, PGD, Square, HopSkipJump), and the shared helpers that
 * compute it: clean and adversarial predictions, per-sample success, perturbation norms, queries.
 */
import { argmax, type Classifier } from '@modelsec/core';
import type { CheckedData } from '../data';

/** Perturbation norm an attack bounds or minimises. */
export type Norm = 'linf' | 'l2';

/** What an evasion attack returns. */
export interface EvasionResult {
  /** Attack name: `fgsm`, `pgd`, `square` or `hop-skip-jump`. */
  attack: string;
  /** The norm the attack works in. */
  norm: Norm;
  /** The perturbation bound (undefined for minimum-norm attacks such as HopSkipJump). */
  eps: number | undefined;
  /** Number of samples attacked. */
  count: number;
  /** `count × sampleSize` adversarial inputs (the clean input where the attack did not change it). */
  adversarial: Float32Array;
  /** True labels. */
  labels: Int32Array;
  /** Target classes of a targeted attack. */
  targets: Int32Array | undefined;
  /** Model predictions on the clean inputs. */
  cleanPredictions: Int32Array;
  /** Model predictions on the adversarial inputs. */
  predictions: Int32Array;
  /**
   * 1 where the attack succeeded: untargeted, the clean input was classified correctly and the
   * adversarial one is not; targeted, the adversarial input is classified as the target.
   */
  success: Uint8Array;
  /** Successes / attacked samples (untargeted: samples classified correctly before the attack). */
  successRate: number;
  /** Fraction of clean inputs classified correctly. */
  cleanAccuracy: number;
  /** Fraction of adversarial inputs still classified correctly. */
  robustAccuracy: number;
  /** Per-sample perturbation norms (L∞ and L2 of adversarial − clean). */
  norms: { linf: Float32Array; l2: Float32Array };
  /** Median perturbation norm (in `norm`) over successful samples (NaN when none succeeded). */
  medianNorm: number;
  /** Model queries (samples predicted) the attack used in total, gradient estimation included. */
  queries: number;
  /** Queries spent on each sample (shared costs such as clean predictions are split evenly). */
  queriesPerSample: Float64Array;
}

/** Predict classes of `count` samples. */
export async function classify(model: Classifier, inputs: Float32Array, count: number): Promise<Int32Array> {
  if (count === 0) return new Int32Array(0);
  return argmax(await model.predict(inputs, count), model.numClasses);
}

/** L∞ and L2 norms of `a − b` per sample. */
export function perturbationNorms(
  a: Float32Array,
  b: Float32Array,
  count: number,
  d: number,
): { linf: Float32Array; l2: Float32Array } {
  const linf = new Float32Array(count);
  const l2 = new Float32Array(count);
  for (let s = 0; s < count; s++) {
    let m = 0;
    let sq = 0;
    for (let i = s * d; i < (s + 1) * d; i++) {
      const v = (a[i] as number) - (b[i] as number);
      m = Math.max(m, Math.abs(v));
      sq += v * v;
    }
    linf[s] = m;
    l2[s] = Math.sqrt(sq);
  }
  return { linf, l2 };
}

/** Median of the values where `mask` is 1 (NaN when empty). */
export function maskedMedian(values: Float32Array, mask: Uint8Array): number {
  const picked: number[] = [];
  values.forEach((v, i) => {
    if (mask[i]) picked.push(v);
  });
  if (picked.length === 0) return Number.NaN;
  picked.sort((x, y) => x - y);
  const m = picked.length >> 1;
  return picked.length % 2 ? (picked[m] as number) : ((picked[m - 1] as number) + (picked[m] as number)) / 2;
}

/** Everything an attack knows at the end; `finish` derives the rest of `EvasionResult`. */
export interface Outcome {
  attack: string;
  norm: Norm;
  eps: number | undefined;
  data: CheckedData;
  targets: Int32Array | undefined;
  adversarial: Float32Array;
  cleanPredictions: Int32Array;
  predictions: Int32Array;
  queries: number;
  queriesPerSample: Float64Array;
  sampleSize: number;
}

/** Build the `EvasionResult` of an attack. */
export function finish(o: Outcome): EvasionResult {
  const { count, labels } = o.data;
  const success = new Uint8Array(count);
  let attacked = 0;
  let wins = 0;
  let clean = 0;
  let robust = 0;
  for (let s = 0; s < count; s++) {
    const y = labels[s] as number;
    const p = o.predictions[s] as number;
    if (o.cleanPredictions[s] === y) clean++;
    if (p === y) robust++;
    if (o.targets) {
      attacked++;
      if (p === o.targets[s]) success[s] = 1;
    } else if (o.cleanPredictions[s] === y) {
      attacked++;
      if (p !== y) success[s] = 1;
    }
    wins += success[s] as number;
  }
  const norms = perturbationNorms(o.adversarial, o.data.inputs, count, o.sampleSize);
  return {
    attack: o.attack,
    norm: o.norm,
    eps: o.eps,
    count,
    adversarial: o.adversarial,
    labels,
    targets: o.targets,
    cleanPredictions: o.cleanPredictions,
    predictions: o.predictions,
    success,
    successRate: attacked ? wins / attacked : 0,
    cleanAccuracy: count ? clean / count : 0,
    robustAccuracy: count ? robust / count : 0,
    norms,
    medianNorm: maskedMedian(o.norm === 'linf' ? norms.linf : norms.l2, success),
    queries: o.queries,
    queriesPerSample: o.queriesPerSample,
  };
}
