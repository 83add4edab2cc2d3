/**
 * `cramerVonMisesTest`: the two-sample Cramér–von Mises test as `scipy.stats.cramervonmises_2samp`
 * (SciPy 1.17). Statistic T from mid-ranks (Anderson 1962, eq. 9–10). Method `'auto'` is exact when
 * both samples have at most 20 values: the exact null distribution of U is enumerated with the
 * frequency-table recursion of Xiao, Gordon & Yakovlev (J. Stat. Soft. 17(8), 2006); otherwise the
 * normalized statistic is referred to the limiting one-sample distribution (Csörgő & Faraway 1996,
 * series in modified Bessel functions K_{1/4}).
 */
import { aoneOf, besselKScaled, lgamma, ModelSecTypeError } from '@modelsec/core';
import { gcd, rankAverage, sortedSample } from './sample';

/** Options of {@link cramerVonMisesTest}. */
export interface CramerVonMisesOptions {
  /** `'auto'` (default): exact when max(n, m) ≤ 20, else asymptotic. */
  method?: 'auto' | 'exact' | 'asymptotic';
}

/** Result of {@link cramerVonMisesTest}. */
export interface CramerVonMisesResult {
  /** The statistic T. */
  statistic: number;
  /** The p-value. */
  pValue: number;
  /** The method that produced the p-value. */
  method: 'exact' | 'asymptotic';
}

/**
 * Two-sample Cramér–von Mises test (as `scipy.stats.cramervonmises_2samp(reference, current)`).
 *
 * @throws ValidationError when a sample has fewer than 2 values or non-finite values.
 * @example
 * ```ts
 * const { statistic, pValue } = cramerVonMisesTest([1, 2, 3, 4], [2.5, 3.5, 5, 6, 7]);
 * ```
 */
export function cramerVonMisesTest(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: CramerVonMisesOptions = {},
): CramerVonMisesResult {
  if (typeof options !== 'object' || options === null) throw new ModelSecTypeError('"options" expected object');
  const requested = options.method ?? 'auto';
  aoneOf(requested, 'method', ['auto', 'exact', 'asymptotic'] as const);
  const xa = sortedSample(reference, 'reference', 2);
  const ya = sortedSample(current, 'current', 2);
  const nx = xa.length;
  const ny = ya.length;
  const method = requested === 'auto' ? (Math.max(nx, ny) > 20 ? 'asymptotic' : 'exact') : requested;
  if (method === 'exact' && nx + ny > 60) {
    throw new ModelSecTypeError('"method" exact is limited to samples of at most 60 values in total');
  }
  const z = new Float64Array(nx + ny);
  z.set(xa);
  z.set(ya, nx);
  const r = rankAverage(z);
  let sx = 0;
  for (let i = 0; i < nx; i++) sx += ((r[i] as number) - (i + 1)) ** 2;
  let sy = 0;
  for (let i = 0; i < ny; i++) sy += ((r[nx + i] as number) - (i + 1)) ** 2;
  const u = nx * sx + ny * sy;
  const k = nx * ny;
  const N = nx + ny;
  const t = u / (k * N) - (4 * k - 1) / (6 * N);
  const pValue = method === 'exact' ? pvalExact(u, nx, ny) : pvalAsymptotic(t, N, nx, ny, k);
  return { statistic: t, pValue, method };
}

function pvalAsymptotic(t: number, N: number, nx: number, ny: number, k: number): number {
  const et = (1 + 1 / N) / 6;
  let vt = (N + 1) * (4 * k * N - 3 * (nx ** 2 + ny ** 2) - 2 * k);
  vt = vt / (45 * N ** 2 * 4 * k);
  const tn = 1 / 6 + (t - et) / Math.sqrt(45 * vt);
  if (!(tn >= 0.003)) return 1;
  return Math.max(0, 1 - cdfCvmInf(tn));
}

/** CDF of the limiting Cramér–von Mises distribution (SciPy `_cdf_cvm_inf`, Csörgő & Faraway eq. 1.2). */
export function cdfCvmInf(x: number): number {
  let tot = 0;
  for (let k = 0; k < 10_000; k++) {
    const u = Math.exp(lgamma(k + 0.5) - lgamma(k + 1)) / (Math.PI ** 1.5 * Math.sqrt(x));
    const y = 4 * k + 1;
    const q = (y * y) / (16 * x);
    // exp(−q)·K_{1/4}(q) = exp(−2q)·(e^q K_{1/4}(q)); avoids overflow/underflow of the factors.
    const z = u * Math.sqrt(y) * Math.exp(-2 * q) * besselKScaled(0.25, q);
    tot += z;
    if (!(Math.abs(z) >= 1e-7)) break;
  }
  return tot;
}

/** Exact p-value Pr(U ≥ u) by the frequency tables g⁺_{u,v} of Xiao et al. (SciPy `_pval_cvm_2samp_exact`). */
function pvalExact(s: number, m: number, n: number): number {
  const g = gcd(m, n);
  const lcm = (m / g) * n;
  const a = lcm / m;
  const b = lcm / n;
  const mn = m * n;
  const zeta = Math.floor((lcm ** 2 * (m + n) * (6 * s - mn * (4 * mn - 1))) / (6 * mn ** 2));
  let combinations = 1;
  for (let i = 1; i <= m; i++) combinations = (combinations * (n + i)) / i;
  combinations = Math.round(combinations);
  let gs: Map<number, number>[] = [new Map([[0, 1]])];
  for (let v = 0; v < m; v++) gs.push(new Map());
  for (let u = 0; u <= n; u++) {
    const next: Map<number, number>[] = [];
    let tmp = new Map<number, number>();
    for (let v = 0; v <= m; v++) {
      const merged = new Map(tmp);
      for (const [value, freq] of gs[v] as Map<number, number>) merged.set(value, (merged.get(value) ?? 0) + freq);
      const res = (a * v - b * u) ** 2;
      const shifted = new Map<number, number>();
      for (const [value, freq] of merged) shifted.set(value + res, freq);
      tmp = shifted;
      next.push(tmp);
    }
    gs = next;
  }
  let count = 0;
  for (const [value, freq] of gs[m] as Map<number, number>) if (value >= zeta) count += freq;
  return count / combinations;
}
