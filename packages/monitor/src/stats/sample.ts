/**
 * Input checks shared by every statistic: samples arrive as untrusted arrays (from JSON, CSV,
 * request bodies), so each one is checked for type, size and finiteness before any allocation
 * proportional to its claimed length, and copied into a `Float64Array`.
 */
import { describeValue, ModelSecTypeError, ValidationError } from '@modelsec/core';
import { sortFloat64 } from './sort';

/** Largest sample any statistic accepts (50 million values, 400 MB as float64). */
export const MAX_SAMPLE_SIZE = 50_000_000;

/** A sample of numbers: a plain array or any typed array. */
export type Sample = ArrayLike<number>;

/** True for arrays and typed arrays (not DataView, not array-like objects with a forged length). */
export function isSampleLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * Check and copy a numeric sample.
 *
 * @throws ModelSecTypeError when not an array; ValidationError `empty_input`/`invalid_shape` when it
 * has fewer than `min` values, `too_large` above `max`, `invalid_value` for a non-number element and
 * `non_finite` for NaN or ±Infinity.
 */
export function toSample(value: unknown, label: string, min = 1, max = MAX_SAMPLE_SIZE): Float64Array {
  if (!isSampleLike(value))
    throw new ModelSecTypeError(`"${label}" expected an array of numbers, got ${describeValue(value)}`);
  const n = value.length;
  if (n > max) {
    throw new ValidationError('too_large', `"${label}" has ${n} values, more than the limit of ${max}`, {
      details: { length: n, max },
    });
  }
  if (n < min) {
    throw new ValidationError(
      n === 0 ? 'empty_input' : 'invalid_shape',
      `"${label}" needs at least ${min} value(s), got ${n}`,
      { details: { length: n, min } },
    );
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = value[i];
    if (typeof v !== 'number') {
      throw new ValidationError('invalid_value', `"${label}"[${i}] expected number, got ${describeValue(v)}`, {
        details: { index: i },
      });
    }
    if (!Number.isFinite(v)) {
      throw new ValidationError('non_finite', `"${label}"[${i}] is not finite`, { details: { index: i } });
    }
    out[i] = v;
  }
  return out;
}

/** Check that an options argument is a plain object (without narrowing its declared type). */
export function checkOptions(value: unknown, label = 'options'): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ModelSecTypeError(`"${label}" expected object, got ${describeValue(value)}`);
  }
}

/** Sorted copy of a checked sample. */
export function sortedSample(value: unknown, label: string, min = 1, max = MAX_SAMPLE_SIZE): Float64Array {
  return sortFloat64(toSample(value, label, min, max));
}

/** Average ranks (1-based, ties get their mean rank) of `values`, as `scipy.stats.rankdata(method='average')`. */
export function rankAverage(values: Float64Array): Float64Array {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    const v = values[order[i] as number] as number;
    while (j + 1 < n && values[order[j + 1] as number] === v) j++;
    const r = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = r;
    i = j + 1;
  }
  return ranks;
}

/** Greatest common divisor of two non-negative integers. */
export function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x;
}

/** Round half to even, as NumPy's `np.round`. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Population mean and standard deviation (ddof = 0, as `np.std`). */
export function meanStd(x: Float64Array): { mean: number; std: number } {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] as number;
  const mean = s / x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) {
    const d = (x[i] as number) - mean;
    ss += d * d;
  }
  return { mean, std: Math.sqrt(ss / x.length) };
}
