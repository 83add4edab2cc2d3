/**
 * χ² tests of independence, as `scipy.stats.chi2_contingency` (Pearson statistic, Yates' continuity
 * correction when there is exactly one degree of freedom and `correction` is on, each cell moved
 * towards its expected count by min(0.5, |expected − observed|)), and `chiSquareTest` that builds
 * the 2 × k table of category counts (reference row, current row) from two samples.
 */
import { chi2Sf, describeValue, ModelSecTypeError, ValidationError } from '@modelsec/core';
import { isSampleLike, MAX_SAMPLE_SIZE } from './sample';

/** Result of {@link chi2Contingency}. */
export interface Chi2ContingencyResult {
  /** Pearson's χ² statistic (after Yates' correction when applied). */
  statistic: number;
  /** p-value from the χ² distribution with `dof` degrees of freedom. */
  pValue: number;
  /** Degrees of freedom (r − 1)(c − 1). */
  dof: number;
  /** Expected frequencies under independence. */
  expected: number[][];
  /** Whether Yates' correction was applied. */
  corrected: boolean;
}

/**
 * χ² test of independence on an r × c table of non-negative counts (as
 * `scipy.stats.chi2_contingency(table, correction)`).
 *
 * @throws ValidationError `invalid_shape` for ragged/empty tables, `invalid_value` for negative
 * counts, `out_of_range` when an expected frequency is zero (a row or column of zeros).
 * @example
 * ```ts
 * chi2Contingency([[10, 20], [30, 25]]).pValue;
 * ```
 */
export function chi2Contingency(
  table: ArrayLike<ArrayLike<number>>,
  options: { correction?: boolean } = {},
): Chi2ContingencyResult {
  const correction = options.correction ?? true;
  if (!isSampleLike(table)) throw new ModelSecTypeError(`"table" expected array of rows, got ${describeValue(table)}`);
  const r = table.length;
  if (r === 0) throw new ValidationError('invalid_shape', '"table" has no rows');
  const first = table[0];
  if (!isSampleLike(first)) throw new ValidationError('invalid_shape', '"table" rows must be arrays');
  const c = first.length;
  if (c === 0) throw new ValidationError('invalid_shape', '"table" has no columns');
  if (r * c > MAX_SAMPLE_SIZE) throw new ValidationError('too_large', '"table" has too many cells');
  const obs: number[][] = [];
  for (let i = 0; i < r; i++) {
    const row = table[i];
    if (!isSampleLike(row) || row.length !== c)
      throw new ValidationError('invalid_shape', `"table" row ${i} has a different length`);
    const out: number[] = [];
    for (let j = 0; j < c; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new ValidationError('non_finite', `"table"[${i}][${j}] is not a finite number`);
      if (v < 0) throw new ValidationError('invalid_value', `"table"[${i}][${j}] is negative`);
      out.push(v);
    }
    obs.push(out);
  }
  const rows = obs.map((row) => row.reduce((s, v) => s + v, 0));
  const cols = Array.from({ length: c }, (_, j) => obs.reduce((s, row) => s + (row[j] as number), 0));
  const total = rows.reduce((s, v) => s + v, 0);
  const expected = obs.map((_, i) => cols.map((cj) => ((rows[i] as number) * cj) / total));
  for (const row of expected) {
    for (const e of row) {
      if (!(e > 0))
        throw new ValidationError(
          'out_of_range',
          '"table" has an expected frequency of zero (a row or column sums to zero)',
        );
    }
  }
  // dof = size − sum(shape) + ndim − 1
  const dof = r * c - (r + c) + 1;
  if (dof === 0) return { statistic: 0, pValue: 1, dof, expected, corrected: false };
  const corrected = dof === 1 && correction;
  let stat = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      let o = obs[i]?.[j] as number;
      const e = expected[i]?.[j] as number;
      if (corrected) {
        const diff = e - o;
        o += Math.sign(diff) * Math.min(0.5, Math.abs(diff));
      }
      stat += (o - e) ** 2 / e;
    }
  }
  return { statistic: stat, pValue: chi2Sf(stat, dof), dof, expected, corrected };
}

/** Result of {@link chiSquareTest}. */
export interface ChiSquareTestResult extends Chi2ContingencyResult {
  /** The categories (columns of the table), in first-seen order (reference first). */
  categories: (string | number | boolean)[];
}

/** A categorical value: strings, finite numbers or booleans. */
export type Category = string | number | boolean;

/**
 * χ² test that two categorical samples have the same distribution: the 2 × k contingency table of
 * category counts (reference, current) through {@link chi2Contingency}.
 *
 * @example
 * ```ts
 * chiSquareTest(['a', 'b', 'a', 'c'], ['a', 'c', 'c', 'c']).pValue;
 * ```
 */
export function chiSquareTest(
  reference: ArrayLike<Category>,
  current: ArrayLike<Category>,
  options: { correction?: boolean } = {},
): ChiSquareTestResult {
  const { categories, counts } = countCategories(reference, current);
  if (categories.length < 2) {
    return { statistic: 0, pValue: 1, dof: 0, expected: counts, corrected: false, categories };
  }
  return { ...chi2Contingency(counts, options), categories };
}

/** Count categories of two samples: `counts[0]` reference, `counts[1]` current, columns in `categories` order. */
export function countCategories(
  reference: ArrayLike<Category>,
  current: ArrayLike<Category>,
): { categories: Category[]; counts: number[][] } {
  const index = new Map<Category, number>();
  const categories: Category[] = [];
  const counts: number[][] = [[], []];
  const add = (sample: unknown, label: string, row: number) => {
    if (!isSampleLike(sample)) throw new ModelSecTypeError(`"${label}" expected array, got ${describeValue(sample)}`);
    if (sample.length === 0) throw new ValidationError('empty_input', `"${label}" is empty`);
    if (sample.length > MAX_SAMPLE_SIZE) throw new ValidationError('too_large', `"${label}" is too large`);
    for (let i = 0; i < sample.length; i++) {
      const v = sample[i];
      if (typeof v === 'number' && !Number.isFinite(v))
        throw new ValidationError('non_finite', `"${label}"[${i}] is not finite`);
      if (!(typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number')) {
        throw new ValidationError(
          'invalid_value',
          `"${label}"[${i}] expected a category (string, finite number, boolean), got ${describeValue(v)}`,
        );
      }
      let k = index.get(v);
      if (k === undefined) {
        k = categories.length;
        index.set(v, k);
        categories.push(v);
        counts[0]?.push(0);
        counts[1]?.push(0);
      }
      const c = counts[row] as number[];
      c[k] = (c[k] as number) + 1;
    }
  };
  add(reference, 'reference', 0);
  add(current, 'current', 1);
  return { categories, counts };
}
