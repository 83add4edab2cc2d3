/**
 * Reading untrusted tensors: nested number arrays, typed arrays and onnxruntime `Tensor`s (matched
 * structurally, no onnxruntime dependency) become one flat numeric view with a shape and a dtype.
 * Sizes are checked before anything is allocated, so a hostile `{ dims: [1e9, 1e9] }` or a sparse
 * `new Array(2 ** 31)` is rejected with `too_large` without allocating it. Sanitizing rules rebuild a
 * value of the same kind from new numbers with `rebuildTensor`.
 */
import { describeValue, ValidationError } from '@modelsec/core';

/** The numeric typed arrays a tensor may hold. */
export type NumericTypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** Nested arrays of numbers (`number[][]`, `number[][][]`...). */
export type NestedNumbers = number | readonly NestedNumbers[];

/** The parts of an onnxruntime(-web/-node) `Tensor` that are read: element type, dimensions, data. */
export interface OrtTensorLike {
  /** Element type (`float32`, `int64`...). */
  readonly type: string;
  /** Dimensions. */
  readonly dims: readonly number[];
  /** Flat data (a typed array for numeric types). */
  readonly data: unknown;
}

/** Anything the tensor rules accept. */
export type TensorInput = readonly NestedNumbers[] | NumericTypedArray | OrtTensorLike;

/** Element type of a tensor view: the typed array's type, `number` for JS arrays. */
export type TensorDtype =
  | 'float32'
  | 'float64'
  | 'int8'
  | 'uint8'
  | 'uint8c'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'number';

/** A flat numeric view of a tensor input. */
export interface TensorView {
  /** Where it came from: nested JS arrays, a bare typed array, or an ort Tensor. */
  readonly kind: 'array' | 'typed' | 'ort';
  /** Element type. */
  readonly dtype: TensorDtype;
  /** Shape (`[length]` for a bare typed array). */
  readonly shape: readonly number[];
  /** Number of elements. */
  readonly size: number;
  /** The elements, row-major (the input's own typed array when it has one; 64-bit ints converted). */
  readonly data: ArrayLike<number>;
}

/** Limits applied before reading a tensor. */
export interface TensorLimits {
  /** Largest number of elements accepted (default 2^24 = 16,777,216). */
  maxElements?: number;
  /** Largest rank accepted (default 8). */
  maxRank?: number;
}

/** Default largest element count of a tensor input. */
export const DEFAULT_MAX_ELEMENTS = 2 ** 24;
/** Default largest rank of a tensor input. */
export const DEFAULT_MAX_RANK = 8;

const DTYPES: ReadonlyMap<string, TensorDtype> = /* @__PURE__ */ new Map([
  ['Float32Array', 'float32'],
  ['Float64Array', 'float64'],
  ['Int8Array', 'int8'],
  ['Uint8Array', 'uint8'],
  ['Uint8ClampedArray', 'uint8c'],
  ['Int16Array', 'int16'],
  ['Uint16Array', 'uint16'],
  ['Int32Array', 'int32'],
  ['Uint32Array', 'uint32'],
  ['BigInt64Array', 'int64'],
  ['BigUint64Array', 'uint64'],
]);

// ort element types whose data is a numeric typed array.
const ORT_NUMERIC = /* @__PURE__ */ new Set([
  'float32',
  'float64',
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'uint64',
]);

/**
 * The dtype of a numeric typed array, or undefined for anything else (DataView, Float16Array...).
 *
 * @example
 * ```ts
 * typedArrayDtype(new Float32Array(2)); // 'float32'
 * ```
 */
export function typedArrayDtype(value: unknown): TensorDtype | undefined {
  if (!ArrayBuffer.isView(value) || value instanceof DataView) return undefined;
  const name = Object.getPrototypeOf(value)?.constructor?.name;
  return typeof name === 'string' ? DTYPES.get(name) : undefined;
}

/**
 * True for objects shaped like an onnxruntime `Tensor` (`type`, `dims`, `data`).
 *
 * @example
 * ```ts
 * isOrtTensorLike(new ort.Tensor('float32', new Float32Array(4), [2, 2])); // true
 * ```
 */
export function isOrtTensorLike(value: unknown): value is OrtTensorLike {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.type === 'string' && Array.isArray(v.dims) && 'data' in v;
}

/**
 * Read a tensor input into a flat view, checking its structure and size first.
 *
 * @param value - nested number arrays, a numeric typed array, or an ort Tensor.
 * @param limits - largest element count and rank.
 * @returns the view (no copy for typed arrays and ort Tensors of 32-bit or smaller types).
 * @throws ValidationError `invalid_format` (not a tensor, non-number elements), `invalid_shape`
 * (ragged arrays, dims that do not match the data), `invalid_dtype` (string/bool tensors),
 * `too_large` (more than `maxElements`), `too_deep` (rank above `maxRank`).
 * @example
 * ```ts
 * const { shape, data } = readTensor([[0, 1], [2, 3]]); // shape [2, 2], data Float64Array [0, 1, 2, 3]
 * ```
 */
export function readTensor(value: unknown, limits: TensorLimits = {}): TensorView {
  const maxElements = limits.maxElements ?? DEFAULT_MAX_ELEMENTS;
  const maxRank = limits.maxRank ?? DEFAULT_MAX_RANK;
  const dtype = typedArrayDtype(value);
  if (dtype) {
    const arr = value as NumericTypedArray;
    if (arr.length > maxElements) throw tooLarge(arr.length, maxElements);
    return { kind: 'typed', dtype, shape: [arr.length], size: arr.length, data: numericData(arr) };
  }
  if (Array.isArray(value)) return readNested(value, maxElements, maxRank);
  if (isOrtTensorLike(value)) return readOrt(value, maxElements, maxRank);
  throw new ValidationError(
    'invalid_format',
    `expected a tensor (array, typed array or Tensor), got ${describeValue(value)}`,
  );
}

/**
 * Build a value of the same kind as `original` holding `data` (same shape): nested arrays for nested
 * arrays, the same typed array class, or a new Tensor made with the original's constructor
 * (`new Tensor(type, data, dims)`; a plain `{ type, dims, data }` object if that fails).
 *
 * @example
 * ```ts
 * const view = readTensor(input);
 * const clipped = rebuildTensor(input, view, Float64Array.from(view.data, (x) => Math.min(1, x)));
 * ```
 */
export function rebuildTensor(original: unknown, view: TensorView, data: ArrayLike<number>): unknown {
  if (view.kind === 'array') return nest(data, view.shape);
  if (view.kind === 'typed') return toTypedLike(original as NumericTypedArray, data);
  const tensor = original as OrtTensorLike;
  const typed = toTypedLike(tensor.data as NumericTypedArray, data);
  const Ctor = (tensor as { constructor?: unknown }).constructor;
  if (typeof Ctor === 'function' && Ctor !== Object) {
    try {
      return new (Ctor as new (t: string, d: unknown, dims: readonly number[]) => unknown)(tensor.type, typed, [
        ...tensor.dims,
      ]);
    } catch {
      // fall through to a plain object of the same structure
    }
  }
  return { type: tensor.type, dims: [...tensor.dims], data: typed };
}

/**
 * A zeroed output array for a sanitized copy of `view`: the input's own typed array class when it has
 * one (so `rebuildTensor` need not copy again), else `Float64Array`.
 *
 * @example
 * ```ts
 * const out = outputLike(view); // Float32Array for a float32 tensor
 * ```
 */
export function outputLike(
  view: TensorView,
): Float64Array | Exclude<NumericTypedArray, BigInt64Array | BigUint64Array> {
  const data = view.data as unknown;
  if (
    view.kind !== 'array' &&
    ArrayBuffer.isView(data) &&
    !(data instanceof BigInt64Array || data instanceof BigUint64Array)
  ) {
    const Ctor = (data as Float32Array).constructor as new (n: number) => Float32Array;
    return new Ctor(view.size);
  }
  return new Float64Array(view.size);
}

/**
 * The number of samples in a view whose samples have `sampleSize` elements.
 *
 * @throws ValidationError `invalid_shape` when the element count is not a positive multiple of it.
 * @example
 * ```ts
 * sampleCount(readTensor(new Float32Array(1568)), 784); // 2
 * ```
 */
export function sampleCount(view: TensorView, sampleSize: number): number {
  if (view.size === 0 || view.size % sampleSize !== 0) {
    throw new ValidationError(
      'invalid_shape',
      `tensor has ${view.size} elements, expected a positive multiple of ${sampleSize} (one sample)`,
      { details: { size: view.size, sampleSize } },
    );
  }
  return view.size / sampleSize;
}

function tooLarge(size: number, max: number): ValidationError {
  return new ValidationError('too_large', `tensor has ${size} or more elements, limit ${max}`, {
    details: { limit: max },
  });
}

function numericData(arr: NumericTypedArray): ArrayLike<number> {
  if (arr instanceof BigInt64Array || arr instanceof BigUint64Array) {
    const out = new Float64Array(arr.length);
    for (let i = 0; i < arr.length; i++) out[i] = Number(arr[i]);
    return out;
  }
  return arr as ArrayLike<number>;
}

function readNested(value: readonly unknown[], maxElements: number, maxRank: number): TensorView {
  // The shape is read along the first elements, its size checked, and only then is every element visited.
  const shape: number[] = [];
  let size = 1;
  let cur: unknown = value;
  while (Array.isArray(cur)) {
    if (shape.length >= maxRank) {
      throw new ValidationError('too_deep', `array nesting deeper than ${maxRank}`, { details: { maxRank } });
    }
    shape.push(cur.length);
    size *= cur.length;
    if (size > maxElements) throw tooLarge(size, maxElements);
    if (cur.length === 0) break;
    cur = cur[0];
  }
  const data = new Float64Array(size);
  let pos = 0;
  const walk = (node: unknown, depth: number): void => {
    const len = shape[depth] as number;
    if (!Array.isArray(node) || node.length !== len) {
      throw new ValidationError('invalid_shape', `ragged array: expected length ${len} at depth ${depth}`, {
        details: { depth },
      });
    }
    if (depth === shape.length - 1) {
      for (let i = 0; i < len; i++) {
        const x = node[i];
        if (typeof x !== 'number') {
          throw new ValidationError(
            'invalid_format',
            `element at depth ${depth} is ${describeValue(x)}, expected number`,
          );
        }
        data[pos++] = x;
      }
      return;
    }
    for (let i = 0; i < len; i++) walk(node[i], depth + 1);
  };
  if (size > 0) walk(value, 0);
  return { kind: 'array', dtype: 'number', shape, size, data };
}

function readOrt(value: OrtTensorLike, maxElements: number, maxRank: number): TensorView {
  const dims = value.dims;
  if (dims.length > maxRank) {
    throw new ValidationError('too_deep', `tensor rank ${dims.length} above ${maxRank}`, { details: { maxRank } });
  }
  let size = 1;
  for (const d of dims) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw new ValidationError('invalid_shape', `tensor dims must be non-negative integers, got ${describeValue(d)}`);
    }
    size *= d;
    if (size > maxElements) throw tooLarge(size, maxElements);
  }
  if (!ORT_NUMERIC.has(value.type)) {
    throw new ValidationError('invalid_dtype', `tensor element type is not numeric (${describeType(value.type)})`);
  }
  let data: unknown;
  try {
    data = value.data; // GPU-resident ort tensors throw here
  } catch (error) {
    throw new ValidationError('invalid_format', 'tensor data is not readable on the CPU', { cause: error });
  }
  const dtype = typedArrayDtype(data);
  if (!dtype)
    throw new ValidationError('invalid_format', `tensor data is ${describeValue(data)}, expected a typed array`);
  const arr = data as NumericTypedArray;
  if (arr.length !== size) {
    throw new ValidationError('invalid_shape', `tensor has ${arr.length} values but dims give ${size}`, {
      details: { length: arr.length, size },
    });
  }
  return { kind: 'ort', dtype, shape: [...dims], size, data: numericData(arr) };
}

function describeType(type: string): string {
  return type.length <= 16 && /^[a-z0-9]+$/.test(type) ? type : describeValue(type);
}

function nest(data: ArrayLike<number>, shape: readonly number[]): unknown {
  let pos = 0;
  const build = (depth: number): unknown[] => {
    const len = shape[depth] as number;
    const out = new Array<unknown>(len);
    if (depth === shape.length - 1) for (let i = 0; i < len; i++) out[i] = data[pos++];
    else for (let i = 0; i < len; i++) out[i] = build(depth + 1);
    return out;
  };
  return shape.length === 0 ? [] : build(0);
}

function toTypedLike(original: NumericTypedArray, data: ArrayLike<number>): NumericTypedArray {
  // Already the right class (a rule wrote straight into one): no copy.
  if ((data as { constructor?: unknown }).constructor === original.constructor) return data as NumericTypedArray;
  const big = (x: number) => BigInt(Number.isFinite(x) ? Math.round(x) : 0);
  if (original instanceof BigInt64Array) return BigInt64Array.from(Array.from(data, big));
  if (original instanceof BigUint64Array) return BigUint64Array.from(Array.from(data, (x) => big(Math.max(0, x))));
  const Ctor = original.constructor as unknown as { from(data: ArrayLike<number>): NumericTypedArray };
  return Ctor.from(data);
}

/** Samples read from a tensor input: `n` rows of `d` features. */
export interface SampleBatch {
  /** The tensor view. */
  view: TensorView;
  /** Number of samples. */
  n: number;
  /** Features per sample. */
  d: number;
}

/**
 * Read a batch of samples: with `featureCount` the input holds whole samples of that size; otherwise
 * the first dimension is the batch (`[n, ...]`) and a rank-1 input is one sample.
 *
 * @throws ValidationError as `readTensor`, and `invalid_shape` when the size does not split into samples.
 * @example
 * ```ts
 * const { n, d } = readSamples([[1, 2, 3], [4, 5, 6]]); // n = 2, d = 3
 * ```
 */
export function readSamples(value: unknown, featureCount?: number, limits: TensorLimits = {}): SampleBatch {
  const view = readTensor(value, limits);
  if (featureCount !== undefined) return { view, n: sampleCount(view, featureCount), d: featureCount };
  if (view.shape.length >= 2) {
    const d = view.shape.slice(1).reduce((a, b) => a * b, 1);
    return { view, n: sampleCount(view, d), d };
  }
  return { view, n: 1, d: view.size };
}
