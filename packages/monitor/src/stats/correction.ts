/**
 * Multiple-testing corrections for per-feature p-values: Bonferroni (family-wise error) and
 * Benjamini–Hochberg (false discovery rate), with adjusted p-values as
 * `statsmodels.stats.multitest.multipletests(..., method='bonferroni' | 'fdr_bh')` and
 * `scipy.stats.false_discovery_control(ps, method='bh')`.
 */
import { anumber } from '@modelsec/core';
import { toSample } from './sample';

/** Result of a correction. */
export interface CorrectionResult {
  /** Adjusted p-values, in input order. */
  adjusted: number[];
  /** Which hypotheses are rejected at `alpha`. */
  rejected: boolean[];
}

function checkP(pValues: ArrayLike<number>): Float64Array {
  const p = toSample(pValues, 'pValues');
  for (let i = 0; i < p.length; i++) anumber(p[i], `pValues[${i}]`, { min: 0, max: 1 });
  return p;
}

/**
 * Bonferroni: p·m capped at 1; reject when adjusted ≤ alpha.
 *
 * @example
 * ```ts
 * bonferroni([0.01, 0.04, 0.3], 0.05); // adjusted [0.03, 0.12, 0.9]
 * ```
 */
export function bonferroni(pValues: ArrayLike<number>, alpha = 0.05): CorrectionResult {
  anumber(alpha, 'alpha', { min: 0, max: 1 });
  const p = checkP(pValues);
  const adjusted = Array.from(p, (v) => Math.min(1, v * p.length));
  return { adjusted, rejected: adjusted.map((v) => v <= alpha) };
}

/**
 * Benjamini–Hochberg step-up: adjusted p_(i) = min_{j ≥ i} p_(j)·m/j capped at 1; reject when adjusted ≤ alpha.
 *
 * @example
 * ```ts
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.2], 0.05).rejected;
 * ```
 */
export function benjaminiHochberg(pValues: ArrayLike<number>, alpha = 0.05): CorrectionResult {
  anumber(alpha, 'alpha', { min: 0, max: 1 });
  const p = checkP(pValues);
  const m = p.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => (p[a] as number) - (p[b] as number));
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const i = order[k] as number;
    running = Math.min(running, ((p[i] as number) * m) / (k + 1));
    adjusted[i] = Math.min(1, running);
  }
  return { adjusted, rejected: adjusted.map((v) => v <= alpha) };
}
