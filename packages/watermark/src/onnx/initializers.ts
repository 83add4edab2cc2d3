/**
 * Read and replace float32 initializers (weights) of an ONNX model in place. The model bytes are
 * walked with a bounded wire-format reader (ModelProto.graph → GraphProto.initializer → TensorProto)
 * and a replacement overwrites only the 4-byte values of the chosen tensor (`raw_data` or `float_data`,
 * packed or not), so every other byte of the file, unknown fields included, is kept exactly and the
 * file size does not change.
 */
import { abytes, astring, describeValue, ModelSecTypeError, ValidationError } from '@modelsec/core';
import { fields } from './wire';

/** A float32 initializer's metadata. */
export interface OnnxInitializerInfo {
  /** Tensor name (as referenced by the graph's nodes). */
  name: string;
  /** Dimensions. */
  dims: number[];
  /** ONNX `TensorProto.DataType` (1 = FLOAT). */
  dataType: number;
  /** Number of elements (product of `dims`). */
  elements: number;
  /**
   * Where the values are: `raw_data`, `float_data`, `typed_data` (another typed field such as
   * `int64_data`), `external` (another file) or `none`.
   */
  storage: 'raw_data' | 'float_data' | 'typed_data' | 'external' | 'none';
}

interface Located extends OnnxInitializerInfo {
  /** Byte offsets and element counts of the stored little-endian float32 runs. */
  runs: [offset: number, count: number][];
}

/** Most initializers one model may list. */
export const MAX_INITIALIZERS = 1_000_000;
const MAX_DIMS = 64;
const MAX_NAME_BYTES = 65_536;
const FLOAT = 1;
const decoder = /* @__PURE__ */ new TextDecoder('utf-8');

function invalid(message: string): ValidationError {
  return new ValidationError('malformed_file', `malformed ONNX model: ${message}`);
}

function parseTensor(bytes: Uint8Array, start: number, end: number): Located {
  let name = '';
  const dims: number[] = [];
  let dataType = 0;
  let external = false;
  let typed = false;
  const raw: [number, number][] = [];
  const floats: [number, number][] = [];
  for (const f of fields(bytes, start, end)) {
    if (f.field === 1) {
      if (f.wire === 0) dims.push(f.value);
      else if (f.wire === 2) dims.push(...packedVarints(bytes, f.start, f.end));
      else throw invalid('TensorProto.dims has a bad wire type');
    } else if (f.field === 2) {
      if (f.wire !== 0) throw invalid('TensorProto.data_type has a bad wire type');
      dataType = f.value;
    } else if (f.field === 4) {
      if (f.wire === 2) {
        if ((f.end - f.start) % 4 !== 0) throw invalid('packed float_data is not a multiple of 4 bytes');
        floats.push([f.start, (f.end - f.start) / 4]);
      } else if (f.wire === 5) floats.push([f.start, 1]);
      else throw invalid('TensorProto.float_data has a bad wire type');
    } else if (f.field === 8) {
      if (f.wire !== 2) throw invalid('TensorProto.name has a bad wire type');
      if (f.end - f.start > MAX_NAME_BYTES) throw invalid('tensor name longer than 64 KiB');
      name = decoder.decode(bytes.subarray(f.start, f.end));
    } else if (f.field === 9) {
      if (f.wire !== 2) throw invalid('TensorProto.raw_data has a bad wire type');
      raw.push([f.start, f.end - f.start]);
    } else if (f.field === 5 || f.field === 6 || f.field === 7 || f.field === 10 || f.field === 11) {
      typed = true;
    } else if (f.field === 14) {
      if (f.wire !== 0) throw invalid('TensorProto.data_location has a bad wire type');
      external = f.value === 1;
    }
    if (dims.length > MAX_DIMS) throw invalid(`tensor has more than ${MAX_DIMS} dimensions`);
  }
  let elements = 1;
  for (const d of dims) {
    if (d > 2 ** 31) throw invalid('tensor dimension out of range');
    elements *= d;
    if (elements > 2 ** 40) throw invalid('tensor too large');
  }
  const storage = external
    ? 'external'
    : raw.length > 0
      ? 'raw_data'
      : floats.length > 0
        ? 'float_data'
        : typed
          ? 'typed_data'
          : 'none';
  const located: Located = { name, dims, dataType, elements, storage, runs: [] };
  if (dataType === FLOAT && storage === 'raw_data') {
    const last = raw[raw.length - 1] as [number, number]; // protobuf: the last scalar occurrence wins
    if (last[1] !== elements * 4) throw invalid('raw_data has the wrong length for the tensor dims');
    located.runs.push([last[0], elements]);
  } else if (dataType === FLOAT && storage === 'float_data') {
    let count = 0;
    for (const [offset, n] of floats) {
      located.runs.push([offset, n]);
      count += n;
    }
    if (count !== elements) throw invalid('float_data does not hold one value per element');
  }
  return located;
}

function packedVarints(bytes: Uint8Array, start: number, end: number): number[] {
  const out: number[] = [];
  let pos = start;
  while (pos < end) {
    let value = 0;
    let scale = 1;
    let done = false;
    for (let i = 0; i < 10 && pos < end; i++) {
      const b = bytes[pos++] as number;
      value += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) {
        done = true;
        break;
      }
    }
    if (!done) throw invalid('truncated packed varint');
    out.push(value);
    if (out.length > MAX_DIMS) throw invalid(`tensor has more than ${MAX_DIMS} dimensions`);
  }
  return out;
}

function locateAll(model: Uint8Array): Located[] {
  const out: Located[] = [];
  let graphs = 0;
  for (const g of fields(model, 0, model.length)) {
    if (g.field !== 7) continue;
    if (g.wire !== 2) throw invalid('ModelProto.graph has a bad wire type');
    graphs++;
    for (const f of fields(model, g.start, g.end)) {
      if (f.field !== 5) continue;
      if (f.wire !== 2) throw invalid('GraphProto.initializer has a bad wire type');
      if (out.length >= MAX_INITIALIZERS) throw new ValidationError('too_large', 'too many initializers');
      out.push(parseTensor(model, f.start, f.end));
    }
  }
  if (graphs === 0) throw new ValidationError('invalid_format', 'not an ONNX model: no graph');
  return out;
}

function checkModel(model: unknown): asserts model is Uint8Array {
  abytes(model, 'model');
  if (model.length === 0) throw new ValidationError('empty_input', 'the ONNX model is empty');
}

/**
 * List a model's initializers (every data type; only FLOAT ones can be read or replaced).
 *
 * @throws ValidationError `malformed_file` / `invalid_format` for bytes that are not a well-formed ONNX model.
 * @example
 * ```ts
 * listInitializers(onnxBytes).filter((t) => t.dataType === 1 && t.elements >= 1000);
 * ```
 */
export function listInitializers(model: Uint8Array): OnnxInitializerInfo[] {
  checkModel(model);
  return locateAll(model).map(({ runs: _, ...info }) => info);
}

function find(model: Uint8Array, name: string): Located {
  checkModel(model);
  astring(name, 'name');
  const matches = locateAll(model).filter((t) => t.name === name);
  if (matches.length === 0) {
    throw new ValidationError('invalid_value', `no initializer named by the given string (${describeValue(name)})`);
  }
  if (matches.length > 1) throw new ValidationError('invalid_format', 'the model has two initializers of that name');
  const t = matches[0] as Located;
  if (t.storage === 'external') {
    throw new ValidationError('unsupported_format', 'the initializer is stored in an external data file');
  }
  if (t.dataType !== FLOAT || (t.storage !== 'raw_data' && t.storage !== 'float_data')) {
    throw new ValidationError('unsupported_format', `the initializer is not float32 data (data_type ${t.dataType})`);
  }
  return t;
}

/**
 * Read a float32 initializer's values.
 *
 * @throws ValidationError when the model is malformed, the name is unknown, or the tensor is not
 * float32 data stored in the file.
 * @example
 * ```ts
 * const w = readInitializer(onnxBytes, 'Parameter87'); // Float32Array(3200)
 * ```
 */
export function readInitializer(model: Uint8Array, name: string): Float32Array {
  const t = find(model, name);
  const out = new Float32Array(t.elements);
  const view = new DataView(model.buffer, model.byteOffset, model.byteLength);
  let k = 0;
  for (const [offset, count] of t.runs) {
    for (let i = 0; i < count; i++) out[k++] = view.getFloat32(offset + 4 * i, true);
  }
  return out;
}

/**
 * A copy of `model` with one float32 initializer's values replaced; every other byte is unchanged.
 *
 * @throws ValidationError as `readInitializer`, or `invalid_shape` when `values` has the wrong length.
 * @example
 * ```ts
 * const marked = replaceInitializer(onnxBytes, 'Parameter87', newWeights);
 * ```
 */
export function replaceInitializer(model: Uint8Array, name: string, values: Float32Array): Uint8Array {
  const t = find(model, name);
  if (!(values instanceof Float32Array)) {
    throw new ModelSecTypeError(`"values" expected Float32Array, got ${describeValue(values)}`);
  }
  if (values.length !== t.elements) {
    throw new ValidationError('invalid_shape', `expected ${t.elements} values, got ${values.length}`);
  }
  const out = new Uint8Array(model);
  const view = new DataView(out.buffer);
  let k = 0;
  for (const [offset, count] of t.runs) {
    for (let i = 0; i < count; i++) view.setFloat32(offset + 4 * i, values[k++] as number, true);
  }
  return out;
}
