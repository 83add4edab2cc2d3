/**
 * Calibration and evaluation of detector scores: the threshold that keeps the false-positive rate on
 * held-out legitimate inputs at a target, the AUROC of scores on legitimate vs. anomalous inputs, and
 * `calibrateProfile`, which stores calibrated thresholds in a profile.
 */
import { anumber, describeValue, ModelSecRangeError, ModelSecTypeError } from '@modelsec/core';
import type { TensorLimits } from '../tensor';
import { profileScores, type RobustZOptions } from './score';
import type { InputProfile } from './types';

/**
 * The smallest threshold `t` such that at most `fpr` of `scores` are above it (`score > t` is a
 * detection). NaN scores count as above every threshold.
 *
 * @param scores - detector scores of legitimate held-out inputs.
 * @param fpr - target false-positive rate in [0, 1).
 * @example
 * ```ts
 * thresholdAtFpr([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.2); // 8: two of ten scores (9, 10) are above it
 * ```
 */
export function thresholdAtFpr(scores: ArrayLike<number>, fpr: number): number {
  anumber(fpr, 'fpr', { min: 0, max: 1 });
  if (fpr >= 1) throw new ModelSecRangeError('"fpr" expected a value below 1');
  const sorted = sortedScores(scores, 'scores');
  const n = sorted.length;
  const allowed = Math.floor(fpr * n + 1e-9);
  if (allowed >= n) return Number.NEGATIVE_INFINITY;
  return sorted[n - 1 - allowed] as number;
}

/**
 * Fraction of scores above a threshold (the detection rate on attacks, the false-positive rate on
 * legitimate inputs). NaN counts as above.
 *
 * @example
 * ```ts
 * rateAbove([0.1, 0.5, 0.9], 0.4); // 2/3
 * ```
 */
export function rateAbove(scores: ArrayLike<number>, threshold: number): number {
  if (scores.length === 0) return 0;
  let above = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    if (s > threshold || Number.isNaN(s)) above++;
  }
  return above / scores.length;
}

/**
 * Area under the ROC curve of a score that should be higher on `positives` (anomalous) than on
 * `negatives` (legitimate): the probability that a random positive outscores a random negative,
 * ties counting one half (Mann-Whitney U / (n₊n₋)). NaN counts as +Infinity.
 *
 * @example
 * ```ts
 * auroc([0.1, 0.2, 0.3], [0.25, 0.9]); // 5/6
 * ```
 */
export function auroc(negatives: ArrayLike<number>, positives: ArrayLike<number>): number {
  const neg = sortedScores(negatives, 'negatives');
  const pos = sortedScores(positives, 'positives');
  if (neg.length === 0 || pos.length === 0)
    throw new ModelSecRangeError('auroc needs at least one score of each class');
  // For each positive, count negatives below it and tied with it (two pointers over sorted arrays).
  let u = 0;
  let below = 0;
  for (let i = 0; i < pos.length; i++) {
    const p = pos[i] as number;
    while (below < neg.length && (neg[below] as number) < p) below++;
    let tied = 0;
    while (below + tied < neg.length && (neg[below + tied] as number) === p) tied++;
    u += below + tied / 2;
  }
  return u / (neg.length * pos.length);
}

/** Options of `calibrateProfile`. */
export interface CalibrateProfileOptions extends TensorLimits, RobustZOptions {
  /** Target false-positive rate (default 0.05). */
  fpr?: number;
  /** Scores to calibrate (default: `mahalanobis` when the profile has a covariance, and `robustZ`). */
  methods?: readonly ('mahalanobis' | 'robustZ')[];
}

/**
 * Calibrate anomaly thresholds on held-out legitimate samples (not the ones the profile was fitted on)
 * and return a new profile that carries them; `mahalanobisRule(profile)` and `robustZRule(profile)`
 * then need no explicit threshold.
 *
 * @example
 * ```ts
 * const calibrated = calibrateProfile(fitInputProfile(train, { featureCount: 784 }), heldOut, { fpr: 0.05 });
 * calibrated.calibration?.mahalanobis?.threshold;
 * ```
 */
export function calibrateProfile(
  profile: InputProfile,
  heldOut: unknown,
  options: CalibrateProfileOptions = {},
): InputProfile {
  const fpr = options.fpr ?? 0.05;
  anumber(fpr, 'options.fpr', { min: 0, max: 0.999 });
  const methods = options.methods ?? (profile.covariance ? ['mahalanobis', 'robustZ'] : ['robustZ']);
  if (!Array.isArray(methods))
    throw new ModelSecTypeError(`"options.methods" expected array, got ${describeValue(methods)}`);
  const calibration = { ...profile.calibration };
  for (const method of methods) {
    const scores = profileScores(profile, heldOut, method, options);
    const threshold = thresholdAtFpr(scores, fpr);
    const base = { threshold, fpr, observedFpr: rateAbove(scores, threshold), sampleCount: scores.length };
    if (method === 'mahalanobis') calibration.mahalanobis = base;
    else if (method === 'robustZ') {
      calibration.robustZ = { ...base, aggregate: options.aggregate ?? 'max', cap: options.cap ?? 1e6 };
    } else throw new ModelSecRangeError(`"options.methods" has an unknown method ${describeValue(method)}`);
  }
  return { ...profile, calibration };
}

function sortedScores(scores: ArrayLike<number>, label: string): Float64Array {
  if (!(Array.isArray(scores) || ArrayBuffer.isView(scores))) {
    throw new ModelSecTypeError(`"${label}" expected an array of numbers, got ${describeValue(scores)}`);
  }
  const out = Float64Array.from(scores as ArrayLike<number>, (s) => (Number.isNaN(s) ? Number.POSITIVE_INFINITY : s));
  return out.sort();
}
