/**
 * `fitInputProfile`: learn an input profile from training samples: per-feature min/max, quantiles,
 * mean, standard deviation, median and absolute deviations, and a Ledoit-Wolf-shrunk covariance
 * (full Cholesky factor for up to 256 features, probabilistic-PCA form above that).
 */
import {
  ainteger,
  anumber,
  aoneOf,
  describeValue,
  ModelSecRangeError,
  ModelSecTypeError,
  ValidationError,
} from '@modelsec/core';
import { readSamples, type TensorLimits } from '../tensor';
import { cholesky, columnMeans, covariance, leadingEigen, ledoitWolfShrinkage, sumFourthPowers } from './linalg';
import {
  type FullCovariance,
  INPUT_PROFILE_FORMAT,
  INPUT_PROFILE_VERSION,
  type InputProfile,
  type PcaCovariance,
} from './types';

/** Quantile levels stored by default. */
export const DEFAULT_QUANTILES: readonly number[] = /* @__PURE__ */ Object.freeze([
  0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999,
]);

/** Largest feature count for which `covariance: 'auto'` keeps the full covariance. */
export const FULL_COVARIANCE_MAX_FEATURES = 256;

/** Options of `fitInputProfile`. */
export interface FitInputProfileOptions extends TensorLimits {
  /** Features per sample, required for a flat typed array (otherwise the first dimension is the batch). */
  featureCount?: number;
  /** Names of the features (length `featureCount`). */
  featureNames?: readonly string[];
  /** Quantile levels in [0, 1] to store (default `DEFAULT_QUANTILES`). */
  quantiles?: readonly number[];
  /**
   * `auto` (default): `full` up to 256 features, `pca` above; `full`: Cholesky factor of the shrunk
   * covariance (O(d²) per score); `pca`: `components` leading directions + one residual variance
   * (O(k·d) per score); `none`: no covariance (no Mahalanobis score).
   */
  covariance?: 'auto' | 'full' | 'pca' | 'none';
  /** Principal components kept by `pca` (default 32). */
  components?: number;
  /** `ledoit-wolf` (default) or a fixed shrinkage intensity in [0, 1]. */
  shrinkage?: 'ledoit-wolf' | number;
}

/**
 * Fit an input profile to training samples.
 *
 * @param samples - `n × d` samples: `number[][]`, a Tensor `[n, ...]`, or a flat typed array with `featureCount`.
 * @returns a JSON-serializable profile.
 * @throws ValidationError `non_finite` (NaN or ±Infinity in the samples), `invalid_shape`, `too_large`;
 * RangeError for fewer than 2 samples or bad options.
 * @example
 * ```ts
 * const profile = fitInputProfile(trainImages, { featureCount: 784 });
 * const calibrated = calibrateProfile(profile, heldOutImages, { fpr: 0.05 });
 * localStorage.setItem('profile', JSON.stringify(calibrated));
 * ```
 */
export function fitInputProfile(samples: unknown, options: FitInputProfileOptions = {}): InputProfile {
  if (typeof options !== 'object' || options === null) {
    throw new ModelSecTypeError(`"options" expected object, got ${describeValue(options)}`);
  }
  if (options.featureCount !== undefined) ainteger(options.featureCount, 'options.featureCount', { min: 1 });
  const mode = options.covariance ?? 'auto';
  aoneOf(mode, 'options.covariance', ['auto', 'full', 'pca', 'none'] as const);
  const components = options.components ?? 32;
  ainteger(components, 'options.components', { min: 1 });
  const shrinkOpt = options.shrinkage ?? 'ledoit-wolf';
  if (shrinkOpt !== 'ledoit-wolf') anumber(shrinkOpt, 'options.shrinkage', { min: 0, max: 1 });
  const levels = [...(options.quantiles ?? DEFAULT_QUANTILES)];
  levels.forEach((q, i) => {
    anumber(q, `options.quantiles[${i}]`, { min: 0, max: 1 });
  });
  levels.sort((a, b) => a - b);

  const { view, n, d } = readSamples(samples, options.featureCount, options);
  if (n < 2) throw new ModelSecRangeError(`"samples" expected at least 2 samples, got ${n}`);
  if (options.featureNames !== undefined) {
    if (!Array.isArray(options.featureNames) || options.featureNames.length !== d) {
      throw new ModelSecRangeError(`"options.featureNames" expected ${d} names`);
    }
    options.featureNames.forEach((s, i) => {
      if (typeof s !== 'string') throw new ModelSecTypeError(`"options.featureNames[${i}]" expected string`);
    });
  }
  const x = Float64Array.from(view.data as ArrayLike<number>);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i] as number)) {
      throw new ValidationError('non_finite', `training samples contain NaN or infinite values (first at ${i})`, {
        details: { index: i },
      });
    }
  }

  const mean = columnMeans(x, n, d);
  const stats = columnStats(x, n, d, mean, levels);
  const profile: InputProfile = {
    format: INPUT_PROFILE_FORMAT,
    version: INPUT_PROFILE_VERSION,
    featureCount: d,
    ...(options.featureNames ? { featureNames: [...options.featureNames] } : {}),
    sampleCount: n,
    min: stats.min,
    max: stats.max,
    mean: Array.from(mean),
    std: stats.std,
    median: stats.median,
    mad: stats.mad,
    meanAbsDev: stats.meanAbsDev,
    quantiles: { levels, values: stats.quantiles },
  };
  const kind = mode === 'auto' ? (d <= FULL_COVARIANCE_MAX_FEATURES ? 'full' : 'pca') : mode;
  if (kind !== 'none') profile.covariance = fitCovariance(x, n, d, mean, stats.median, kind, components, shrinkOpt);
  return profile;
}

/**
 * The quantile of sorted values at level `q` by linear interpolation (numpy's default method).
 *
 * @example
 * ```ts
 * quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5); // 2.5
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const frac = pos - lo;
  const a = sorted[lo] as number;
  return frac === 0 ? a : a + ((sorted[hi] as number) - a) * frac;
}

function columnStats(x: Float64Array, n: number, d: number, mean: Float64Array, levels: number[]) {
  const min: number[] = [];
  const max: number[] = [];
  const std: number[] = [];
  const median: number[] = [];
  const mad: number[] = [];
  const meanAbsDev: number[] = [];
  const quantiles: number[][] = levels.map(() => new Array<number>(d));
  const col = new Float64Array(n);
  const dev = new Float64Array(n);
  for (let j = 0; j < d; j++) {
    let ss = 0;
    const m = mean[j] as number;
    for (let r = 0; r < n; r++) {
      const v = x[r * d + j] as number;
      col[r] = v;
      ss += (v - m) * (v - m);
    }
    col.sort();
    min.push(col[0] as number);
    max.push(col[n - 1] as number);
    std.push(Math.sqrt(ss / n));
    const med = quantileSorted(col, 0.5);
    median.push(med);
    let sad = 0;
    for (let r = 0; r < n; r++) {
      const a = Math.abs((col[r] as number) - med);
      dev[r] = a;
      sad += a;
    }
    dev.sort();
    mad.push(quantileSorted(dev, 0.5));
    meanAbsDev.push(sad / n);
    levels.forEach((q, l) => {
      (quantiles[l] as number[])[j] = quantileSorted(col, q);
    });
  }
  return { min, max, std, median, mad, meanAbsDev, quantiles };
}

function fitCovariance(
  x: Float64Array,
  n: number,
  d: number,
  mean: Float64Array,
  median: readonly number[],
  kind: 'full' | 'pca',
  components: number,
  shrinkOpt: 'ledoit-wolf' | number,
): FullCovariance | PcaCovariance {
  const s = covariance(x, n, d, mean, median);
  const method = shrinkOpt === 'ledoit-wolf' ? 'ledoit-wolf' : 'fixed';
  const delta = shrinkOpt === 'ledoit-wolf' ? ledoitWolfShrinkage(s, n, d, sumFourthPowers(x, n, d, mean)) : shrinkOpt;
  let trace = 0;
  for (let i = 0; i < d; i++) trace += s[i * d + i] as number;
  const mu = trace / d;
  // A floor for degenerate data (constant features with no shrinkage): tiny next to the mean variance.
  const floor = Math.max(mu, 1e-12) * 1e-9;
  const k = Math.min(components, d - 1);
  if (kind === 'full' || k < 1) {
    const shrunk = new Float64Array(d * d);
    for (let i = 0; i < d * d; i++) shrunk[i] = (1 - delta) * (s[i] as number);
    for (let i = 0; i < d; i++) shrunk[i * d + i] = (shrunk[i * d + i] as number) + delta * mu;
    let jitter = floor;
    let l = cholesky(shrunk, d);
    for (let t = 0; !l && t < 30; t++, jitter *= 10) {
      for (let i = 0; i < d; i++) shrunk[i * d + i] = (shrunk[i * d + i] as number) + jitter;
      l = cholesky(shrunk, d);
    }
    if (!l) throw new ValidationError('invalid_value', 'covariance of the samples is not positive definite');
    const packed: number[] = [];
    for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) packed.push(l[i * d + j] as number);
    return { kind: 'full', shrinkage: delta, method, cholesky: packed };
  }
  const { values, vectors } = leadingEigen(s, d, k);
  const variances: number[] = [];
  let explained = 0;
  for (let i = 0; i < k; i++) {
    const lambda = Math.max(0, values[i] as number);
    explained += lambda;
    variances.push(Math.max(floor, (1 - delta) * lambda + delta * mu));
  }
  const residualVariance = Math.max(
    floor,
    ((1 - delta) * Math.max(0, trace - explained) + delta * mu * (d - k)) / (d - k),
  );
  const comps: number[][] = [];
  for (let i = 0; i < k; i++) comps.push(Array.from(vectors.subarray(i * d, (i + 1) * d)));
  return { kind: 'pca', shrinkage: delta, method, components: comps, variances, residualVariance };
}
