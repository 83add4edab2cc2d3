/**
 * `ksTest`: the two-sample Kolmogorov–Smirnov test with the p-values of `scipy.stats.ks_2samp`
 * (two-sided, SciPy 1.17). Method `'auto'` is exact when both samples have at most 10,000 values:
 * equal sizes use the closed alternating-binomial form (`_compute_prob_outside_square`), unequal
 * sizes Hodges' lattice-path "inside" recursion for 1 − p (Viehmann 2021,
 * `_compute_outer_prob_inside_method`); otherwise, and whenever the exact computation leaves [0, 1],
 * the statistic is referred to the one-sample distribution `kstwo` with n = round(m·n/(m+n)).
 */
import { aoneOf, ModelSecTypeError } from '@modelsec/core';
import { kolmogorovSf } from './kolmogorov';
import { gcd, roundHalfEven, sortedSample } from './sample';

/** How the KS p-value is computed. */
export type KsMethod = 'auto' | 'exact' | 'asymp';

/** Options of {@link ksTest}. */
export interface KsTestOptions {
  /** `'auto'` (default): exact when max(n, m) ≤ 10,000, else asymptotic. */
  method?: KsMethod;
}

/** Result of {@link ksTest}. */
export interface KsTestResult {
  /** The KS statistic D = sup |F_ref − F_cur|. */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  /** The method that produced the p-value (`'auto'` resolved). */
  method: 'exact' | 'asymp';
  /** The value at which the ECDF difference is largest. */
  statisticLocation: number;
  /** +1 when F_ref − F_cur is largest there, −1 when F_cur − F_ref is. */
  statisticSign: 1 | -1;
}

const MAX_AUTO_N = 10_000;

/**
 * Two-sample, two-sided Kolmogorov–Smirnov test (as `scipy.stats.ks_2samp(reference, current)`).
 *
 * @param reference - the reference sample (finite numbers, at least one)
 * @param current - the current sample
 * @throws ValidationError for empty, non-finite or oversized samples; ModelSecTypeError for non-arrays.
 * @example
 * ```ts
 * const { statistic, pValue } = ksTest([0.1, 0.4, 0.7], [0.5, 0.9, 1.3, 1.6]);
 * ```
 */
export function ksTest(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: KsTestOptions = {},
): KsTestResult {
  if (typeof options !== 'object' || options === null) throw new ModelSecTypeError('"options" expected object');
  const requested = options.method ?? 'auto';
  aoneOf(requested, 'method', ['auto', 'exact', 'asymp'] as const);
  const a = sortedSample(reference, 'reference');
  const b = sortedSample(current, 'current');
  return ksSorted(a, b, requested);
}

/** KS on already sorted, checked samples (used by detectors that keep sorted windows). */
export function ksSorted(a: Float64Array, b: Float64Array, requested: KsMethod = 'auto'): KsTestResult {
  const n1 = a.length;
  const n2 = b.length;
  // Walk both sorted samples; evaluate cdf1 − cdf2 after each distinct value (searchsorted 'right').
  let i = 0;
  let j = 0;
  let max = Number.NEGATIVE_INFINITY;
  let min = Number.POSITIVE_INFINITY;
  let maxLoc1 = Number.NaN;
  let maxLoc2 = Number.NaN;
  let minLoc1 = Number.NaN;
  let minLoc2 = Number.NaN;
  while (i < n1 || j < n2) {
    const va = i < n1 ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const vb = j < n2 ? (b[j] as number) : Number.POSITIVE_INFINITY;
    const v = Math.min(va, vb);
    const inA = va === v;
    const inB = vb === v;
    while (i < n1 && a[i] === v) i++;
    while (j < n2 && b[j] === v) j++;
    const diff = i / n1 - j / n2;
    if (diff > max) {
      max = diff;
      maxLoc1 = inA ? v : Number.NaN;
      maxLoc2 = inB ? v : Number.NaN;
    } else if (diff === max) {
      if (inA && Number.isNaN(maxLoc1)) maxLoc1 = v;
      if (inB && Number.isNaN(maxLoc2)) maxLoc2 = v;
    }
    if (diff < min) {
      min = diff;
      minLoc1 = inA ? v : Number.NaN;
      minLoc2 = inB ? v : Number.NaN;
    } else if (diff === min) {
      if (inA && Number.isNaN(minLoc1)) minLoc1 = v;
      if (inB && Number.isNaN(minLoc2)) minLoc2 = v;
    }
  }
  const minS = Math.min(1, Math.max(0, -min));
  const maxS = max;
  let d: number;
  let location: number;
  let sign: 1 | -1;
  if (minS > maxS) {
    d = minS;
    location = Number.isNaN(minLoc1) ? minLoc2 : minLoc1;
    sign = -1;
  } else {
    d = maxS;
    location = Number.isNaN(maxLoc1) ? maxLoc2 : maxLoc1;
    sign = 1;
  }
  const g = gcd(n1, n2);
  const n1g = n1 / g;
  const n2g = n2 / g;
  let mode: 'exact' | 'asymp';
  if (requested === 'auto') mode = Math.max(n1, n2) <= MAX_AUTO_N ? 'exact' : 'asymp';
  else if (requested === 'exact' && n1g >= 2147483647 / n2g) mode = 'asymp';
  else mode = requested;
  let prob = Number.NaN;
  if (mode === 'exact') {
    const lcm = n1g * n2;
    const h = Math.round(d * lcm);
    const dExact = h / lcm;
    let p: number;
    if (h === 0) p = 1;
    else p = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInsideMethod(n1, n2, g, h);
    if (p >= 0 && p <= 1) {
      d = dExact;
      prob = p;
    } else {
      d = dExact;
      mode = 'asymp';
    }
  }
  if (mode === 'asymp') {
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    const en = (m * n) / (m + n);
    prob = kolmogorovSf(roundHalfEven(en), d);
  }
  return {
    statistic: d,
    pValue: Math.min(1, Math.max(0, prob)),
    method: mode,
    statisticLocation: location,
    statisticSign: sign,
  };
}

/** Pr(D_{n,n} ≥ h/n), alternating binomial sum evaluated Horner-style (SciPy `_compute_prob_outside_square`). */
function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
    k -= 1;
  }
  return 2 * P;
}

/** 1 − Pr(paths stay strictly inside |x/m − y/n| < h/lcm) (SciPy `_compute_outer_prob_inside_method`). */
function outerProbInsideMethod(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.max(Math.floor((ng * i - h) / mg) + 1, 0);
    minj = Math.min(minj, n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = ((A[jj + minj - lastminj] as number) * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1] as number;
}
