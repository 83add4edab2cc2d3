/**
 * The per-column tests `detectDrift` can run, with evidently's names and default thresholds, and
 * evidently's default choice (`_get_default_stattest` in the legacy stattest registry): with at most
 * 1000 reference rows, numerical columns with more than 5 distinct values use `ks`, others `chisquare`
 * (more than 2 distinct values) or `z`; above 1000 rows numerical columns use `wasserstein` (more than 5
 * distinct values) or `jensenshannon`, categorical columns `jensenshannon`.
 */
import { chiSquareTest } from '../stats/chi2';
import { cramerVonMisesTest } from '../stats/cvm';
import { jensenShannon, psi, wasserstein } from '../stats/distance';
import { ksTest } from '../stats/ks';
import { zTestProportions } from '../stats/ztest';
import type { ColumnType } from './columns';

/** Names of the per-column tests. */
export const STATTESTS = ['ks', 'chisquare', 'z', 'cramer_von_mises', 'wasserstein', 'jensenshannon', 'psi'] as const;

/** A per-column test name. */
export type StatTestName = (typeof STATTESTS)[number];

/** What a test returns: a p-value (drift when small) or a distance (drift when large). */
export interface StatTestOutcome {
  /** The p-value or the distance. */
  score: number;
  /** `'p_value'` or `'distance'`. */
  kind: 'p_value' | 'distance';
}

/** Default threshold of each test (evidently's). */
export const DEFAULT_THRESHOLDS: Readonly<Record<StatTestName, number>> = Object.freeze({
  ks: 0.05,
  chisquare: 0.05,
  z: 0.05,
  cramer_von_mises: 0.05,
  wasserstein: 0.1,
  jensenshannon: 0.1,
  psi: 0.1,
});

/** Which tests accept which column type. */
export const ALLOWED_TYPES: Readonly<Record<StatTestName, readonly ColumnType[]>> = Object.freeze({
  ks: ['numerical'],
  chisquare: ['categorical', 'numerical'],
  z: ['categorical', 'numerical'],
  cramer_von_mises: ['numerical'],
  wasserstein: ['numerical'],
  jensenshannon: ['categorical', 'numerical'],
  psi: ['categorical', 'numerical'],
});

/** evidently's default test for a column. */
export function defaultStatTest(type: ColumnType, referenceRows: number, distinct: number): StatTestName {
  if (referenceRows <= 1000) {
    if (type === 'numerical' && distinct > 5) return 'ks';
    return distinct > 2 ? 'chisquare' : 'z';
  }
  if (type === 'numerical') return distinct > 5 ? 'wasserstein' : 'jensenshannon';
  return 'jensenshannon';
}

/** Run a test on cleaned column values. */
export function runStatTest(
  name: StatTestName,
  reference: (number | string | boolean)[],
  current: (number | string | boolean)[],
  type: ColumnType,
): StatTestOutcome {
  switch (name) {
    case 'ks':
      return { score: ksTest(reference as number[], current as number[]).pValue, kind: 'p_value' };
    case 'cramer_von_mises':
      return { score: cramerVonMisesTest(reference as number[], current as number[]).pValue, kind: 'p_value' };
    case 'chisquare':
      return { score: chiSquareTest(reference, current).pValue, kind: 'p_value' };
    case 'z':
      return { score: zTestProportions(reference, current).pValue, kind: 'p_value' };
    case 'wasserstein':
      return { score: wasserstein(reference as number[], current as number[]).value, kind: 'distance' };
    case 'jensenshannon':
      return { score: jensenShannon(reference, current, { type }).value, kind: 'distance' };
    case 'psi':
      return { score: psi(reference, current, { type }).value, kind: 'distance' };
  }
}

/** evidently's drift rule: p-value tests drift below the threshold (ks: at or below), distances at or above. */
export function isDrift(name: StatTestName, outcome: StatTestOutcome, threshold: number): boolean {
  if (outcome.kind === 'distance') return outcome.score >= threshold;
  return name === 'ks' ? outcome.score <= threshold : outcome.score < threshold;
}
