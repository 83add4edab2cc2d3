/**
 * The value shapes classifier output rules accept, and one internal view over all of them: a row of
 * scores (`number[]`, `Float32Array`, `Float64Array`), rows (`number[][]`), or a flat batch
 * `{ probabilities, numClasses }`. Rules compute in float64 and hand back the shape and array type
 * they were given, so a rule chain over a `Float32Array` row stays a `Float32Array` row.
 */
import { describeValue, type Finding, ValidationError } from '@modelsec/core';

/** One row of class scores (probabilities unless a rule says otherwise). */
export type ProbabilityRow = readonly number[] | Float32Array | Float64Array;

/** A batch of rows laid out flat, `numClasses` scores per row (the layout of `Classifier.predict`). */
export interface ProbabilityBatch {
  /** `rows × numClasses` scores, row-major. */
  readonly probabilities: Float32Array | Float64Array | readonly number[];
  /** Scores per row (1 for a binary classifier that returns P(class 1) only, as ART allows). */
  readonly numClasses: number;
}

/** What the classifier rules filter: one row, an array of rows, or a flat batch. */
export type ClassifierOutput = ProbabilityRow | readonly (readonly number[])[] | ProbabilityBatch;

/** Most scores one call accepts (16 Mi values), so a hostile payload cannot force a huge copy. */
export const MAX_SCORES = 16 * 1024 * 1024;

/**
 * A float64 copy of any `ClassifierOutput` with its layout, and a function that puts new values back
 * into the caller's shape and array type. The copy is a plain array: V8 allocates typed arrays above
 * 64 bytes outside the heap (microseconds each), which would dominate a 10-class rule.
 * @internal
 */
export interface Scores {
  /** `rows × k` values (a copy; rules may modify it). */
  data: number[];
  /** Number of rows. */
  rows: number;
  /** Scores per row. */
  k: number;
  /** Build the output in the input's shape from new values (same length). */
  wrap(values: number[]): ClassifierOutput;
  /** Build a per-row label output (`number` for a row, `number[]`/`Int32Array` for several). */
  labels(values: Int32Array): number | number[] | Int32Array;
}

/**
 * Read a classifier output. Values must be finite numbers unless `allowNonFinite` is set.
 *
 * @throws ValidationError `invalid_format` (not an output), `invalid_shape`, `too_large`, `non_finite`.
 * @internal
 */
export function readScores(value: unknown, rule: string, allowNonFinite = false): Scores {
  let s: Scores;
  if (value instanceof Float32Array || value instanceof Float64Array) s = typed(value);
  else if (Array.isArray(value)) s = value.length > 0 && Array.isArray(value[0]) ? nested(value, rule) : plain(value);
  else if (typeof value === 'object' && value !== null && 'probabilities' in value) s = batch(value, rule);
  else {
    throw new ValidationError(
      'invalid_format',
      `rule "${rule}" expected class scores (array, Float32Array, rows or { probabilities, numClasses }), got ${describeValue(value)}`,
    );
  }
  if (s.k === 0 || s.rows === 0) throw new ValidationError('empty_input', `rule "${rule}" got no scores`);
  if (!allowNonFinite) {
    const d = s.data;
    for (let i = 0; i < d.length; i++) {
      if (!Number.isFinite(d[i])) throw new ValidationError('non_finite', `rule "${rule}" got a non-finite score`);
    }
  }
  return s;
}

function checkSize(n: number): void {
  if (n > MAX_SCORES) throw new ValidationError('too_large', `${n} scores is more than ${MAX_SCORES}`);
}

function typed(arr: Float32Array | Float64Array): Scores {
  checkSize(arr.length);
  const data = copy(arr);
  const f32 = arr instanceof Float32Array;
  return {
    data,
    rows: 1,
    k: arr.length,
    wrap: (v) => (f32 ? new Float32Array(v) : new Float64Array(v)),
    labels: (l) => l[0] as number,
  };
}

function plain(arr: readonly unknown[]): Scores {
  checkSize(arr.length);
  const data: number[] = [];
  for (let i = 0; i < arr.length; i++) data.push(toNumber(arr[i]));
  return { data, rows: 1, k: arr.length, wrap: (v) => v, labels: (l) => l[0] as number };
}

function nested(rowsIn: readonly unknown[], rule: string): Scores {
  const first = rowsIn[0] as unknown[];
  const k = first.length;
  checkSize(rowsIn.length * k);
  const data: number[] = [];
  rowsIn.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== k) {
      throw new ValidationError('invalid_shape', `rule "${rule}" got rows of different lengths (row ${r})`);
    }
    for (let j = 0; j < k; j++) data.push(toNumber(row[j]));
  });
  return {
    data,
    rows: rowsIn.length,
    k,
    wrap: (v) => Array.from({ length: rowsIn.length }, (_, r) => v.slice(r * k, (r + 1) * k)),
    labels: (l) => Array.from(l),
  };
}

function batch(value: object, rule: string): Scores {
  const { probabilities, numClasses } = value as Partial<ProbabilityBatch>;
  if (typeof numClasses !== 'number' || !Number.isSafeInteger(numClasses) || numClasses < 1) {
    throw new ValidationError('invalid_shape', `rule "${rule}" expected a positive integer numClasses`);
  }
  const isTyped = probabilities instanceof Float32Array || probabilities instanceof Float64Array;
  if (!isTyped && !Array.isArray(probabilities)) {
    throw new ValidationError('invalid_format', `rule "${rule}" expected probabilities as an array or float array`);
  }
  const arr = probabilities as ArrayLike<unknown>;
  checkSize(arr.length);
  if (arr.length % numClasses !== 0) {
    throw new ValidationError(
      'invalid_shape',
      `rule "${rule}": ${arr.length} scores is not a multiple of ${numClasses}`,
    );
  }
  const data = isTyped ? copy(arr as Float32Array | Float64Array) : [];
  if (!isTyped) for (let i = 0; i < arr.length; i++) data.push(toNumber(arr[i]));
  const rows = arr.length / numClasses;
  const make = (v: number[]) =>
    probabilities instanceof Float32Array
      ? new Float32Array(v)
      : probabilities instanceof Float64Array
        ? new Float64Array(v)
        : v;
  return {
    data,
    rows,
    k: numClasses,
    wrap: (v) => ({ probabilities: make(v), numClasses }),
    labels: (l) => Int32Array.from(l),
  };
}

function copy(arr: Float32Array | Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < arr.length; i++) out.push(arr[i] as number);
  return out;
}

/**
 * `n` zeros as a plain array of doubles.
 * @internal
 */
export function zeros(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(0);
  return out;
}

function toNumber(x: unknown): number {
  // Non-numbers become NaN, which the finiteness check then rejects with a typed error.
  return typeof x === 'number' ? x : Number.NaN;
}

/**
 * Index of the largest value of row `r` (first index on ties), as numpy's `argmax`.
 * @internal
 */
export function rowArgmax(data: ArrayLike<number>, r: number, k: number): number {
  let best = 0;
  let bestValue = data[r * k] as number;
  for (let j = 1; j < k; j++) {
    const v = data[r * k + j] as number;
    if (v > bestValue) {
      bestValue = v;
      best = j;
    }
  }
  return best;
}

/**
 * The predicted class of row `r`: the argmax for `k > 1`, `p > 0.5` for a single binary column.
 * @internal
 */
export function predictedClass(data: ArrayLike<number>, r: number, k: number): number {
  return k === 1 ? ((data[r] as number) > 0.5 ? 1 : 0) : rowArgmax(data, r, k);
}

/**
 * The frozen `info` finding a rule reports each time it changes an output (`action: 'modify'`).
 * @internal
 */
export function modifiedFinding(rule: string, message: string): Finding {
  return Object.freeze({ rule, severity: 'info', message, action: 'modify' });
}
