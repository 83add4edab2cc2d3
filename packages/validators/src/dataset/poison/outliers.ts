/**
 * Outliers against an input profile (the input module's `fitInputProfile`: Ledoit-Wolf Mahalanobis
 * distance and the robust z-score) with thresholds from the caller's calibrated profile, or else from
 * Tukey's far-out fence on the dataset's own scores (`Q3 + fence · IQR`, default fence 3), which does
 * not assume any score distribution and is not moved by the outliers themselves.
 */
import { anumber, aobject } from '@modelsec/core';
import { createProfileScorer, fitInputProfile, type InputProfile, quantileSorted } from '../../input/index';
import { type Matrix, readMatrix } from '../shared/data';

/** Options of `profileOutliers`. */
export interface ProfileOutlierOptions {
  /** A profile fitted on trusted data (default: one fitted on these rows). Its calibrated thresholds win. */
  profile?: InputProfile;
  /** Tukey fence multiplier when no calibrated threshold exists (default 3). */
  fence?: number;
  /** Robust z aggregation: `max` (tabular, default up to 64 features) or `mean` (images, long vectors). */
  aggregate?: 'max' | 'mean';
  /** Features per row, for flat typed arrays. */
  featureCount?: number;
}

/** Scores and flags of one profile score. */
export interface OutlierScores {
  /** Score of every row. */
  scores: Float64Array;
  /** Rows above the threshold. */
  threshold: number;
  /** Where the threshold came from. */
  source: 'calibrated' | 'fence';
  /** Flagged rows, highest score first. */
  flagged: number[];
}

/** Profile outliers of a dataset. */
export interface ProfileOutliers {
  /** Mahalanobis distance under the shrunk covariance. */
  mahalanobis: OutlierScores;
  /** Robust z-score. */
  robustZ: OutlierScores;
}

/**
 * Score every row against an input profile and flag the outliers.
 *
 * @param samples - `n × d` rows.
 * @example
 * ```ts
 * const { mahalanobis } = profileOutliers(rows, { featureCount: 12 });
 * mahalanobis.flagged; // row indices, most anomalous first
 * ```
 */
export function profileOutliers(samples: unknown, options: ProfileOutlierOptions = {}): ProfileOutliers {
  aobject(options as unknown, 'options');
  const m = readMatrix(samples, 'samples', { featureCount: options.featureCount });
  return outliers(m, options);
}

/** The screen on a checked matrix. */
export function outliers(m: Matrix, options: ProfileOutlierOptions): ProfileOutliers {
  const fence = options.fence ?? 3;
  anumber(fence, 'options.fence', { min: 0 });
  const profile =
    options.profile ?? fitInputProfile(m.data, { featureCount: m.d, quantiles: [0.5], maxElements: m.data.length });
  const aggregate = options.aggregate ?? profile.calibration?.robustZ?.aggregate ?? (m.d > 64 ? 'mean' : 'max');
  const scorer = createProfileScorer(profile, {
    aggregate,
    ...(profile.calibration?.robustZ ? { cap: profile.calibration.robustZ.cap } : { cap: 10 }),
  });
  const maha = new Float64Array(m.n);
  const rz = new Float64Array(m.n);
  for (let r = 0; r < m.n; r++) {
    maha[r] = scorer.mahalanobis(m.data, r * m.d);
    rz[r] = scorer.robustZ(m.data, r * m.d);
  }
  return {
    mahalanobis: flag(maha, profile.calibration?.mahalanobis?.threshold, fence),
    robustZ: flag(rz, profile.calibration?.robustZ?.threshold, fence),
  };
}

/** Flag scores above a calibrated threshold, or above Tukey's fence. */
export function flag(scores: Float64Array, calibrated: number | undefined, fence: number): OutlierScores {
  let threshold = calibrated;
  const source = calibrated === undefined ? 'fence' : 'calibrated';
  if (threshold === undefined) threshold = tukeyFence(scores, fence);
  const flagged: number[] = [];
  for (let i = 0; i < scores.length; i++) if ((scores[i] as number) > threshold) flagged.push(i);
  flagged.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return { scores, threshold, source, flagged };
}

/** `Q3 + fence · (Q3 − Q1)` of the finite scores. */
export function tukeyFence(scores: ArrayLike<number>, fence: number): number {
  const sorted = Float64Array.from(scores).filter(Number.isFinite).sort();
  if (sorted.length === 0) return Number.POSITIVE_INFINITY;
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  return q3 + fence * (q3 - q1);
}
