/**
 * `zTestProportions`: the two-proportion z-test of evidently's `z` stattest (legacy
 * `stattests/z_stattest.py`): the first category in sorted order counts as 0 and every other value
 * as 1, pooled-variance z statistic, two-sided p-value. Evidently evaluates 2·(1 − Φ(|z|)); this
 * computes the same quantity as 2·Φ(−|z|), which does not lose precision in the tail.
 */

import { normSf } from '@modelsec/core';
import { type Category, countCategories } from './chi2';

/** Result of {@link zTestProportions}. */
export interface ZTestResult {
  /** The z statistic (reference proportion minus current proportion over the pooled SE). */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  /** Share of "other than the first category" in the reference. */
  referenceProportion: number;
  /** Share of "other than the first category" in the current sample. */
  currentProportion: number;
}

/**
 * Two-sample z-test for proportions (evidently's `z` test for binary columns).
 *
 * @example
 * ```ts
 * zTestProportions([0, 0, 1, 1, 1], [0, 1, 1, 1, 1, 1]).pValue;
 * ```
 */
export function zTestProportions(reference: ArrayLike<Category>, current: ArrayLike<Category>): ZTestResult {
  const { categories, counts } = countCategories(reference, current);
  const n1 = reference.length;
  const n2 = current.length;
  if (categories.length === 1) {
    const p = 0;
    return { statistic: 0, pValue: 1, referenceProportion: p, currentProportion: p };
  }
  const first = [...categories].sort(compareCategories)[0];
  const k = categories.indexOf(first as Category);
  const p1 = (n1 - (counts[0]?.[k] as number)) / n1;
  const p2 = (n2 - (counts[1]?.[k] as number)) / n2;
  const P = (p1 * n1 + p2 * n2) / (n1 + n2);
  const z = (p1 - p2) / Math.sqrt(P * (1 - P) * (1 / n1 + 1 / n2));
  return { statistic: z, pValue: 2 * normSf(Math.abs(z)), referenceProportion: p1, currentProportion: p2 };
}

/** Python-like ordering for sorting mixed categories: numbers/booleans before strings, each ascending. */
function compareCategories(a: Category, b: Category): number {
  const ka = typeof a === 'string' ? 1 : 0;
  const kb = typeof b === 'string' ? 1 : 0;
  if (ka !== kb) return ka - kb;
  if (ka === 1) return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  return Number(a) - Number(b);
}
