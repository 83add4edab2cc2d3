/**
 * Labelled samples as the attacks take them, and the argument checks shared by every attack: samples
 * are one flat `Float32Array` laid out like `Classifier.predict` batches, labels one class per sample.
 */
import { aobject, type Classifier, describeValue, ModelSecTypeError, ValidationError } from '@modelsec/core';

/** Samples and their true labels. */
export interface LabeledData {
  /** `count × model.sampleSize` values, row-major (the layout of `Classifier.predict`). */
  inputs: Float32Array;
  /** One class index per sample. */
  labels: ArrayLike<number>;
}

/** The valid range of every input value, e.g. `[0, 1]` for pixels/255. */
export type InputBounds = readonly [min: number, max: number];

/** Checked view of `LabeledData` for a model. */
export interface CheckedData {
  /** Number of samples. */
  count: number;
  /** The samples (not copied). */
  inputs: Float32Array;
  /** Labels as Int32Array. */
  labels: Int32Array;
}

/**
 * Check `data` against `model` (layout, finite values, label range) and return it with a sample count.
 *
 * @throws ModelSecTypeError for wrong types; ValidationError `invalid_shape`, `non_finite` or `out_of_range`.
 * @example
 * ```ts
 * const { count } = checkData(model, { inputs, labels });
 * ```
 */
export function checkData(model: Classifier, data: LabeledData, label = 'data'): CheckedData {
  aobject(data as unknown, label);
  const { inputs } = data;
  if (!(inputs instanceof Float32Array)) {
    throw new ModelSecTypeError(`"${label}.inputs" expected Float32Array, got ${describeValue(inputs)}`);
  }
  const raw = data.labels as unknown;
  if (typeof raw !== 'object' || raw === null || typeof (raw as ArrayLike<number>).length !== 'number') {
    throw new ModelSecTypeError(`"${label}.labels" expected an array of class indices, got ${describeValue(raw)}`);
  }
  const labelsIn = raw as ArrayLike<number>;
  const count = labelsIn.length;
  if (inputs.length !== count * model.sampleSize) {
    throw new ValidationError(
      'invalid_shape',
      `"${label}.inputs" has ${inputs.length} values, expected ${count} × ${model.sampleSize}`,
    );
  }
  checkFinite(inputs, `${label}.inputs`);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const y = labelsIn[i];
    if (typeof y !== 'number' || !Number.isInteger(y) || y < 0 || y >= model.numClasses) {
      throw new ValidationError(
        'out_of_range',
        `"${label}.labels[${i}]" is not a class index in [0, ${model.numClasses})`,
      );
    }
    labels[i] = y;
  }
  return { count, inputs, labels };
}

/**
 * Throw ValidationError `non_finite` when `values` holds NaN or ±Infinity.
 *
 * @example
 * ```ts
 * checkFinite(batch, 'batch');
 * ```
 */
export function checkFinite(values: Float32Array, label: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new ValidationError('non_finite', `"${label}" holds a non-finite value`);
  }
}

/**
 * Check an `[min, max]` input range option.
 *
 * @example
 * ```ts
 * const [lo, hi] = checkBounds(options.bounds);
 * ```
 */
export function checkBounds(bounds: unknown, label = 'options.bounds'): InputBounds {
  if (bounds === undefined) return [0, 1];
  if (
    !Array.isArray(bounds) ||
    bounds.length !== 2 ||
    typeof bounds[0] !== 'number' ||
    typeof bounds[1] !== 'number' ||
    !Number.isFinite(bounds[0]) ||
    !Number.isFinite(bounds[1])
  ) {
    throw new ModelSecTypeError(`"${label}" expected [min, max] numbers, got ${describeValue(bounds)}`);
  }
  if (!(bounds[0] < bounds[1])) throw new ValidationError('out_of_range', `"${label}" needs min < max`);
  return [bounds[0], bounds[1]];
}
