/**
 * Anomaly scores against an input profile: the robust z-score (distance from the median in units of
 * 1.4826 × MAD, per feature, aggregated by max or mean) and the Mahalanobis distance under the profile's
 * shrunk covariance. Scorers are compiled once per profile into typed arrays; scoring a sample
 * allocates nothing.
 */
import { ConfigError, describeValue, ModelSecRangeError } from '@modelsec/core';
import { readSamples, type TensorLimits } from '../tensor';
import { solveLowerNormSq } from './linalg';
import type { InputProfile, ZAggregate } from './types';

/** Scale of the MAD that makes it a consistent estimator of the standard deviation for normal data. */
export const MAD_TO_STD = 1.4826;
/** Scale of the mean absolute deviation that does the same (the fallback when the MAD is 0). */
export const MEAN_AD_TO_STD = 1.2533;

/** Options of the robust z-score. */
export interface RobustZOptions {
  /** `max` (default: the worst feature, suits tabular data) or `mean` (suits images and long vectors). */
  aggregate?: ZAggregate;
  /** Per-feature z is capped here so one constant feature cannot dominate (default 1e6). */
  cap?: number;
}

/** A sample scorer compiled from a profile. */
export interface ProfileScorer {
  /** Features per sample. */
  readonly featureCount: number;
  /** Robust z-score of the sample starting at `offset` in `data`. */
  robustZ(data: ArrayLike<number>, offset?: number): number;
  /** Mahalanobis distance of the sample starting at `offset` (throws ConfigError without a covariance). */
  mahalanobis(data: ArrayLike<number>, offset?: number): number;
}

/**
 * Compile a profile into a scorer.
 *
 * @example
 * ```ts
 * const scorer = createProfileScorer(profile, { aggregate: 'mean', cap: 10 });
 * const d = scorer.mahalanobis(sample);
 * ```
 */
export function createProfileScorer(profile: InputProfile, options: RobustZOptions = {}): ProfileScorer {
  const d = profile.featureCount;
  const aggregate = options.aggregate ?? 'max';
  const cap = options.cap ?? 1e6;
  if (aggregate !== 'max' && aggregate !== 'mean') {
    throw new ModelSecRangeError(`"options.aggregate" expected max or mean, got ${describeValue(aggregate)}`);
  }
  if (!(cap > 0)) throw new ModelSecRangeError('"options.cap" expected a positive number');
  const median = Float64Array.from(profile.median);
  const invScale = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const mad = (profile.mad[j] as number) * MAD_TO_STD;
    const mean = (profile.meanAbsDev[j] as number) * MEAN_AD_TO_STD;
    const scale = mad > 0 ? mad : mean;
    invScale[j] = scale > 0 ? 1 / scale : Number.POSITIVE_INFINITY;
  }
  const mu = Float64Array.from(profile.mean);
  const centered = new Float64Array(d);
  const scratch = new Float64Array(d);
  const cov = profile.covariance;
  let maha: (data: ArrayLike<number>, offset: number) => number;
  if (!cov) {
    maha = () => {
      throw new ConfigError('invalid_config', 'the profile was fitted without a covariance (covariance: none)');
    };
  } else if (cov.kind === 'full') {
    const packed = Float64Array.from(cov.cholesky);
    maha = (data, offset) => {
      for (let j = 0; j < d; j++) centered[j] = (data[offset + j] as number) - (mu[j] as number);
      return Math.sqrt(solveLowerNormSq(packed, centered, d, scratch));
    };
  } else {
    const k = cov.components.length;
    // Components transposed (d × k) so a feature's k loadings are contiguous, and the projections of the
    // mean precomputed: p = Cᵀx − Cᵀμ needs only the non-zero features of x (images are mostly zeros).
    const compsT = new Float64Array(d * k);
    const meanProj = new Float64Array(k);
    cov.components.forEach((row, i) => {
      let m = 0;
      for (let j = 0; j < d; j++) {
        compsT[j * k + i] = row[j] as number;
        m += (row[j] as number) * (mu[j] as number);
      }
      meanProj[i] = m;
    });
    const invVar = Float64Array.from(cov.variances, (v) => 1 / v);
    const invResidual = 1 / cov.residualVariance;
    const proj = new Float64Array(k);
    const k4 = k - (k % 4);
    maha = (data, offset) => {
      let norm = 0;
      proj.fill(0);
      for (let j = 0; j < d; j++) {
        const x = data[offset + j] as number;
        const c = x - (mu[j] as number);
        norm += c * c;
        if (x === 0) continue;
        const row = j * k;
        let i = 0;
        for (; i < k4; i += 4) {
          proj[i] = (proj[i] as number) + (compsT[row + i] as number) * x;
          proj[i + 1] = (proj[i + 1] as number) + (compsT[row + i + 1] as number) * x;
          proj[i + 2] = (proj[i + 2] as number) + (compsT[row + i + 2] as number) * x;
          proj[i + 3] = (proj[i + 3] as number) + (compsT[row + i + 3] as number) * x;
        }
        for (; i < k; i++) proj[i] = (proj[i] as number) + (compsT[row + i] as number) * x;
      }
      let inPlane = 0;
      let sum = 0;
      for (let i = 0; i < k; i++) {
        const p = (proj[i] as number) - (meanProj[i] as number);
        inPlane += p * p;
        sum += p * p * (invVar[i] as number);
      }
      return Math.sqrt(sum + Math.max(0, norm - inPlane) * invResidual);
    };
  }
  return {
    featureCount: d,
    robustZ(data, offset = 0) {
      let max = 0;
      let total = 0;
      for (let j = 0; j < d; j++) {
        const dev = Math.abs((data[offset + j] as number) - (median[j] as number));
        if (dev === 0) continue; // 0 × Infinity (a constant feature at its median) is 0, not NaN
        const z = Math.min(cap, dev * (invScale[j] as number));
        if (z > max || Number.isNaN(z)) max = z; // NaN wins
        total += z;
      }
      return aggregate === 'max' ? max : total / d;
    },
    mahalanobis(data, offset = 0) {
      return maha(data, offset);
    },
  };
}

/** Which profile score. */
export type ProfileScoreMethod = 'mahalanobis' | 'robustZ';

/**
 * Score every sample of a batch.
 *
 * @param samples - samples with `profile.featureCount` features each (any tensor input).
 * @returns one score per sample (NaN for samples with NaN features).
 * @throws ValidationError when the input is not a whole number of samples.
 * @example
 * ```ts
 * const scores = profileScores(profile, testImages, 'mahalanobis');
 * ```
 */
export function profileScores(
  profile: InputProfile,
  samples: unknown,
  method: ProfileScoreMethod,
  options: RobustZOptions & TensorLimits = {},
): Float64Array {
  const scorer = createProfileScorer(profile, options);
  const { view, n, d } = readSamples(samples, profile.featureCount, options);
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    out[r] = method === 'mahalanobis' ? scorer.mahalanobis(view.data, r * d) : scorer.robustZ(view.data, r * d);
  }
  return out;
}
