/**
 * Distribution distances with evidently's semantics (legacy `stattests/psi.py`, `jensenshannon.py`,
 * `wasserstein_distance_norm.py`): PSI and Jensen–Shannon on evidently's bins (see `binning.ts`;
 * PSI with zero-fill, Jensen–Shannon without, as `scipy.spatial.distance.jensenshannon` with natural
 * logarithms), and the Wasserstein-1 distance (`scipy.stats.wasserstein_distance`, the L¹ distance
 * between ECDFs) divided by max(std(reference), 0.001) (population std).
 */
import { describeValue, ModelSecTypeError, ValidationError } from '@modelsec/core';
import { binShares } from './binning';
import { isSampleLike, MAX_SAMPLE_SIZE, meanStd, sortedSample } from './sample';

/** A column value accepted by the binned distances. */
export type BinValue = number | string | boolean;

/** Options of {@link psi} and {@link jensenShannon}. */
export interface BinnedDistanceOptions {
  /** Column type: `'numerical'` (default for number samples) or `'categorical'`. */
  type?: 'numerical' | 'categorical';
}

/** Result of the binned distances. */
export interface BinnedDistanceResult {
  /** The distance. */
  value: number;
  /** Reference share per bin (after zero-fill for PSI). */
  referenceShares: number[];
  /** Current share per bin. */
  currentShares: number[];
  /** Bin edges for numeric binning, else undefined. */
  edges: number[] | undefined;
}

/**
 * Population Stability Index Σ (r − c)·ln(r / c) over evidently's bins with zero-fill.
 *
 * @example
 * ```ts
 * psi([1, 2, 2, 3], [2, 3, 3, 3]).value;
 * ```
 */
export function psi(
  reference: ArrayLike<BinValue>,
  current: ArrayLike<BinValue>,
  options: BinnedDistanceOptions = {},
): BinnedDistanceResult {
  const { ref, cur, numeric } = checkPair(reference, current, options);
  const b = binShares(ref, cur, numeric, true);
  let value = 0;
  for (let i = 0; i < b.reference.length; i++) {
    const r = b.reference[i] as number;
    const c = b.current[i] as number;
    value += (r - c) * Math.log(r / c);
  }
  return result(value, b);
}

/**
 * Jensen–Shannon distance (natural log, `scipy.spatial.distance.jensenshannon`) over evidently's bins.
 *
 * @example
 * ```ts
 * jensenShannon(['a', 'b', 'b'], ['b', 'b', 'c']).value;
 * ```
 */
export function jensenShannon(
  reference: ArrayLike<BinValue>,
  current: ArrayLike<BinValue>,
  options: BinnedDistanceOptions = {},
): BinnedDistanceResult {
  const { ref, cur, numeric } = checkPair(reference, current, options);
  const b = binShares(ref, cur, numeric, false);
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < b.reference.length; i++) {
    sp += b.reference[i] as number;
    sq += b.current[i] as number;
  }
  let left = 0;
  let right = 0;
  for (let i = 0; i < b.reference.length; i++) {
    const p = (b.reference[i] as number) / sp;
    const q = (b.current[i] as number) / sq;
    const m = (p + q) / 2;
    if (p > 0) left += p * Math.log(p / m);
    if (q > 0) right += q * Math.log(q / m);
  }
  return result(Math.sqrt((left + right) / 2), b);
}

/** Result of {@link wasserstein}. */
export interface WassersteinResult {
  /** Wasserstein-1 distance divided by max(std(reference), 0.001). */
  value: number;
  /** The raw Wasserstein-1 distance. */
  distance: number;
  /** The norm used: max(std(reference), 0.001). */
  norm: number;
}

/**
 * Normed Wasserstein-1 distance, as evidently's `wasserstein` stattest.
 *
 * @example
 * ```ts
 * wasserstein([0, 1, 3], [5, 6, 8]).distance; // 5
 * ```
 */
export function wasserstein(reference: ArrayLike<number>, current: ArrayLike<number>): WassersteinResult {
  const u = sortedSample(reference, 'reference');
  const v = sortedSample(current, 'current');
  const distance = wassersteinSorted(u, v);
  const norm = Math.max(meanStd(u).std, 0.001);
  return { value: distance / norm, distance, norm };
}

/** L¹ distance between the ECDFs of two sorted samples (`scipy.stats.wasserstein_distance`). */
export function wassersteinSorted(u: Float64Array, v: Float64Array): number {
  let i = 0;
  let j = 0;
  let prev = Math.min(u[0] as number, v[0] as number);
  let total = 0;
  const nu = u.length;
  const nv = v.length;
  while (i < nu || j < nv) {
    const a = i < nu ? (u[i] as number) : Number.POSITIVE_INFINITY;
    const b = j < nv ? (v[j] as number) : Number.POSITIVE_INFINITY;
    const x = Math.min(a, b);
    total += Math.abs(i / nu - j / nv) * (x - prev);
    prev = x;
    while (i < nu && u[i] === x) i++;
    while (j < nv && v[j] === x) j++;
  }
  return total;
}

function result(value: number, b: ReturnType<typeof binShares>): BinnedDistanceResult {
  return {
    value,
    referenceShares: Array.from(b.reference),
    currentShares: Array.from(b.current),
    edges: b.edges ? Array.from(b.edges) : undefined,
  };
}

function checkPair(reference: unknown, current: unknown, options: BinnedDistanceOptions) {
  if (typeof options !== 'object' || options === null) throw new ModelSecTypeError('"options" expected object');
  const ref = checkValues(reference, 'reference');
  const cur = checkValues(current, 'current');
  const allNumbers = ref.every((v) => typeof v === 'number') && cur.every((v) => typeof v === 'number');
  const type = options.type ?? (allNumbers ? 'numerical' : 'categorical');
  if (type !== 'numerical' && type !== 'categorical') {
    throw new ModelSecTypeError(`"type" expected numerical or categorical, got ${describeValue(type)}`);
  }
  if (type === 'numerical' && !allNumbers) {
    throw new ValidationError('invalid_value', 'numerical distances need numbers in both samples');
  }
  return { ref, cur, numeric: type === 'numerical' };
}

function checkValues(sample: unknown, label: string): BinValue[] {
  if (!isSampleLike(sample)) throw new ModelSecTypeError(`"${label}" expected array, got ${describeValue(sample)}`);
  if (sample.length === 0) throw new ValidationError('empty_input', `"${label}" is empty`);
  if (sample.length > MAX_SAMPLE_SIZE) throw new ValidationError('too_large', `"${label}" is too large`);
  const out: BinValue[] = new Array(sample.length);
  for (let i = 0; i < sample.length; i++) {
    const v = sample[i];
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new ValidationError('non_finite', `"${label}"[${i}] is not finite`);
    } else if (typeof v !== 'string' && typeof v !== 'boolean') {
      throw new ValidationError(
        'invalid_value',
        `"${label}"[${i}] expected number, string or boolean, got ${describeValue(v)}`,
      );
    }
    out[i] = v as BinValue;
  }
  return out;
}
