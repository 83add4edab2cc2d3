/**
 * Reading the labelled numeric data the dataset screens take: samples through the input module's
 * `readSamples` (nested arrays, typed arrays, onnxruntime tensors; sizes checked before anything is
 * allocated), converted once to a dense `Float32Array`, and labels checked to be integer class ids.
 */
import { describeValue, ModelSecRangeError, ModelSecTypeError, ValidationError } from '@modelsec/core';
import { readSamples, type TensorLimits } from '../../input/index';

/** Largest number of elements a dataset matrix may have by default (2^28, 1 GiB as float32). */
export const DATASET_MAX_ELEMENTS = 2 ** 28;

/** Largest number of classes a label vector may use. */
export const MAX_CLASSES = 65_536;

/** A dense row-major matrix. */
export interface Matrix {
  /** `n × d` values, row-major. */
  data: Float32Array;
  /** Rows. */
  n: number;
  /** Columns. */
  d: number;
}

/** Options for reading a matrix. */
export interface ReadMatrixOptions extends TensorLimits {
  /** Features per row, needed for a flat typed array. */
  featureCount?: number;
}

/**
 * Read samples into a dense float32 matrix, refusing NaN and ±Infinity.
 *
 * @throws ValidationError `non_finite`, `invalid_shape`, `too_large`; TypeError for non-numeric input.
 */
export function readMatrix(value: unknown, label: string, options: ReadMatrixOptions = {}): Matrix {
  const { view, n, d } = readSamples(value, options.featureCount, {
    maxElements: options.maxElements ?? DATASET_MAX_ELEMENTS,
    ...(options.maxRank !== undefined ? { maxRank: options.maxRank } : {}),
  });
  if (n < 1 || d < 1) throw new ValidationError('empty_input', `"${label}" holds no samples`);
  const src = view.data;
  const data = src instanceof Float32Array ? src : Float32Array.from(src);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i] as number)) {
      throw new ValidationError(
        'non_finite',
        `"${label}" holds NaN or infinite values (first in row ${Math.floor(i / d)})`,
        {
          details: { row: Math.floor(i / d) },
        },
      );
    }
  }
  return { data, n, d };
}

/** Checked labels. */
export interface Labels {
  /** One class id per row. */
  y: Int32Array;
  /** Number of classes (largest id + 1, or the caller's count). */
  classCount: number;
}

/**
 * Check a label vector: `n` integers in `[0, classCount)`.
 *
 * @throws TypeError when not an array of numbers; ValidationError `invalid_value` for non-integer or
 *   out-of-range labels, `invalid_shape` for a length other than `n`.
 */
export function readLabels(value: unknown, n: number, classCount?: number): Labels {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    throw new ModelSecTypeError(`"labels" expected an array of class ids, got ${describeValue(value)}`);
  }
  const arr = value as ArrayLike<unknown>;
  if (arr.length !== n) {
    throw new ValidationError('invalid_shape', `"labels" has ${arr.length} entries for ${n} rows`);
  }
  if (classCount !== undefined && !(Number.isInteger(classCount) && classCount >= 1 && classCount <= MAX_CLASSES)) {
    throw new ModelSecRangeError(
      `"classCount" expected an integer in [1, ${MAX_CLASSES}], got ${describeValue(classCount)}`,
    );
  }
  const y = new Int32Array(n);
  let max = -1;
  for (let i = 0; i < n; i++) {
    const v = arr[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= (classCount ?? MAX_CLASSES)) {
      throw new ValidationError('invalid_value', `"labels" entry ${i} is not a class id`, { details: { row: i } });
    }
    y[i] = v;
    if (v > max) max = v;
  }
  return { y, classCount: classCount ?? max + 1 };
}

/**
 * Rows of each class.
 */
export function rowsByClass(y: Int32Array, classCount: number): Int32Array[] {
  const counts = new Int32Array(classCount);
  for (let i = 0; i < y.length; i++) counts[y[i] as number] = (counts[y[i] as number] as number) + 1;
  const out = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(classCount);
  for (let i = 0; i < y.length; i++) {
    const c = y[i] as number;
    (out[c] as Int32Array)[fill[c] as number] = i;
    fill[c] = (fill[c] as number) + 1;
  }
  return out;
}
