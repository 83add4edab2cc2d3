/**
 * The input profile: what `fitInputProfile` learns from training data, as a plain JSON-serializable
 * object with a format name and a version (`JSON.stringify(profile)` is its file format; load it back
 * with `parseInputProfile`, which validates every field).
 */

/** Format name written into every profile. */
export const INPUT_PROFILE_FORMAT = 'modelsec.input-profile';

/** Current profile format version. */
export const INPUT_PROFILE_VERSION = 1;

/** Shrunk covariance kept in full, as its Cholesky factor (chosen for up to 256 features). */
export interface FullCovariance {
  /** Discriminant. */
  kind: 'full';
  /** Shrinkage intensity δ of `(1 - δ)S + δμI`. */
  shrinkage: number;
  /** How δ was chosen. */
  method: 'ledoit-wolf' | 'fixed';
  /** Lower Cholesky factor of the shrunk covariance, packed row by row (row i has i + 1 values). */
  cholesky: number[];
}

/**
 * Shrunk covariance approximated by its `k` leading eigenvectors plus one isotropic variance for the
 * rest (probabilistic PCA): exact Mahalanobis distance under that approximation in O(k·d).
 */
export interface PcaCovariance {
  /** Discriminant. */
  kind: 'pca';
  /** Shrinkage intensity δ of `(1 - δ)S + δμI`. */
  shrinkage: number;
  /** How δ was chosen. */
  method: 'ledoit-wolf' | 'fixed';
  /** `k` orthonormal principal directions, each of length `featureCount`. */
  components: number[][];
  /** Shrunk variance along each component. */
  variances: number[];
  /** Average shrunk variance of the remaining `featureCount - k` directions. */
  residualVariance: number;
}

/** How a robust z-score combines its per-feature scores. */
export type ZAggregate = 'max' | 'mean';

/** A threshold calibrated on held-out legitimate inputs. */
export interface Calibration {
  /** Scores above it are anomalous. */
  threshold: number;
  /** Target false-positive rate it was chosen for. */
  fpr: number;
  /** Fraction of the held-out samples above the threshold. */
  observedFpr: number;
  /** Held-out samples used. */
  sampleCount: number;
}

/** Calibration of the robust z-score, with the scoring options it was made with. */
export interface RobustZCalibration extends Calibration {
  /** Aggregation used. */
  aggregate: ZAggregate;
  /** Per-feature cap used. */
  cap: number;
}

/** Per-feature statistics, covariance and calibrated thresholds of an input distribution. */
export interface InputProfile {
  /** Always `modelsec.input-profile`. */
  format: typeof INPUT_PROFILE_FORMAT;
  /** Format version (1). */
  version: typeof INPUT_PROFILE_VERSION;
  /** Features per sample (`d`). */
  featureCount: number;
  /** Optional feature names (length `d`). */
  featureNames?: string[];
  /** Training samples the profile was fitted on. */
  sampleCount: number;
  /** Per-feature minimum. */
  min: number[];
  /** Per-feature maximum. */
  max: number[];
  /** Per-feature mean. */
  mean: number[];
  /** Per-feature standard deviation (population, ddof 0). */
  std: number[];
  /** Per-feature median. */
  median: number[];
  /** Per-feature median absolute deviation from the median (unscaled). */
  mad: number[];
  /** Per-feature mean absolute deviation from the median (the robust z-score's fallback scale). */
  meanAbsDev: number[];
  /** Per-feature quantiles (linear interpolation, as numpy's default): `values[l][j]` is level `l` of feature `j`. */
  quantiles: {
    /** Quantile levels in [0, 1], increasing. */
    levels: number[];
    /** `values[l][j]`: level `l` of feature `j`. */
    values: number[][];
  };
  /** Shrunk covariance, absent when fitted with `covariance: 'none'`. */
  covariance?: FullCovariance | PcaCovariance;
  /** Thresholds calibrated by `calibrateProfile`. */
  calibration?: {
    /** Threshold of the Mahalanobis distance. */
    mahalanobis?: Calibration;
    /** Threshold of the robust z-score, with its scoring options. */
    robustZ?: RobustZCalibration;
  };
}
