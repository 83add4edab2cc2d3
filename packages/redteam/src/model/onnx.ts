/**
 * Reading and rewriting just enough of an ONNX model (protobuf `ModelProto`) for red-teaming: its
 * input/output signature, and `makeBatchable`, which turns a model exported with a fixed batch of 1
 * into one that accepts any batch size, so a finite-difference gradient is one batched run instead of
 * ~1,568 single-sample runs. Field numbers are those of onnx/onnx.proto (IR version 3 and later).
 */
import { abytes, aobject, astring, ValidationError } from '@modelsec/core';
import {
  concatChunks,
  encodeVarint,
  fieldInt,
  fieldText,
  lenField,
  readFields,
  readVarint,
  type WireField,
} from './protobuf';

/** One graph input or output of an ONNX model. */
export interface OnnxTensorInfo {
  /** Tensor name. */
  name: string;
  /** ONNX element type (1 = float32, 7 = int64...). */
  elemType: number;
  /** Dimensions: a number when fixed, the parameter name when symbolic, null when unknown. */
  dims: (number | string | null)[];
}

/** The inputs (initializers excluded) and outputs of an ONNX model. */
export interface OnnxSignature {
  /** Graph inputs that are fed at run time (not initializers). */
  inputs: OnnxTensorInfo[];
  /** Graph outputs. */
  outputs: OnnxTensorInfo[];
}

/** What `makeBatchable` changed. */
export interface BatchableModel {
  /** The rewritten model (the input when nothing needed changing). */
  bytes: Uint8Array;
  /** The fixed batch size that was replaced (undefined when the first input's batch was already symbolic). */
  batch: number | undefined;
  /** Inputs whose first dimension became symbolic. */
  inputs: string[];
  /** Outputs whose first dimension became symbolic. */
  outputs: string[];
  /** Reshape shape constants whose leading batch value became -1 (or 0 when they already had a -1). */
  reshapes: string[];
  /** Number of `value_info` shape hints removed (onnxruntime re-infers them). */
  droppedValueInfo: number;
}

// ModelProto.graph; GraphProto.{node, initializer, input, output, value_info}
const MODEL_GRAPH = 7;
const G_NODE = 1;
const G_INIT = 5;
const G_INPUT = 11;
const G_OUTPUT = 12;
const G_VALUE_INFO = 13;
const MAX_MODEL_BYTES = 2 ** 31 - 1;

/**
 * Read an ONNX model's run-time inputs and its outputs with their shapes.
 *
 * @param onnxBytes - the `.onnx` file (untrusted)
 * @throws ValidationError `malformed_file` when the bytes are not a well-formed ONNX protobuf.
 * @example
 * ```ts
 * const { inputs, outputs } = readOnnxSignature(bytes);
 * inputs[0]; // { name: 'Input3', elemType: 1, dims: [1, 1, 28, 28] }
 * ```
 */
export function readOnnxSignature(onnxBytes: Uint8Array): OnnxSignature {
  abytes(onnxBytes, 'onnxBytes');
  const graph = graphField(onnxBytes);
  const fields = readFields(onnxBytes, graph.valueStart, graph.valueEnd);
  const initializers = initializerNames(onnxBytes, fields);
  const inputs: OnnxTensorInfo[] = [];
  const outputs: OnnxTensorInfo[] = [];
  for (const f of fields) {
    if (f.wire !== 2 || (f.no !== G_INPUT && f.no !== G_OUTPUT)) continue;
    const info = readValueInfo(onnxBytes, f);
    if (f.no === G_OUTPUT) outputs.push(info);
    else if (!initializers.has(info.name)) inputs.push(info);
  }
  return { inputs, outputs };
}

/**
 * Make a fixed-batch ONNX model accept any batch size: the first dimension of its run-time inputs and
 * outputs becomes the symbolic `dimName`, the leading batch value of every `Reshape` shape constant
 * (initializer or `Constant` node) becomes -1 (or 0 when the shape already has a -1), and `value_info`
 * shape hints are dropped. Weights and every other byte are kept as they are.
 *
 * It covers the common exporter pattern (Conv/Gemm/MatMul/Reshape models such as the ONNX Model Zoo
 * MNIST CNN). Models that bake the batch size into other constants (Expand, Tile, ConstantOfShape,
 * Slice bounds) are not rewritten there: compare a few outputs of the result against the original
 * before relying on it (the package tests do this for opt-mnist).
 *
 * @param onnxBytes - the `.onnx` file (untrusted)
 * @param options - `dimName`: name of the symbolic batch dimension (default `batch`)
 * @throws ValidationError `malformed_file` when the bytes are not a well-formed ONNX protobuf.
 * @example
 * ```ts
 * const { bytes } = makeBatchable(await readFile('opt-mnist.onnx'));
 * const session = await ort.InferenceSession.create(bytes);
 * const model = classifierFromOnnx(session, { Tensor: ort.Tensor, sampleShape: [1, 28, 28], numClasses: 10, maxBatch: 4096 });
 * ```
 */
export function makeBatchable(onnxBytes: Uint8Array, options: { dimName?: string } = {}): BatchableModel {
  abytes(onnxBytes, 'onnxBytes');
  aobject(options as unknown, 'options');
  const dimName = options.dimName ?? 'batch';
  astring(dimName, 'options.dimName');
  if (onnxBytes.length > MAX_MODEL_BYTES) throw new ValidationError('too_large', 'ONNX model is larger than 2 GiB');
  const graph = graphField(onnxBytes);
  const fields = readFields(onnxBytes, graph.valueStart, graph.valueEnd);
  const initializers = initializerNames(onnxBytes, fields);
  const result: BatchableModel = {
    bytes: onnxBytes,
    batch: undefined,
    inputs: [],
    outputs: [],
    reshapes: [],
    droppedValueInfo: 0,
  };
  const runtimeInputs = fields.filter(
    (f) => f.no === G_INPUT && f.wire === 2 && !initializers.has(readValueInfo(onnxBytes, f).name),
  );
  const first = runtimeInputs[0] ? readValueInfo(onnxBytes, runtimeInputs[0]).dims[0] : undefined;
  if (typeof first !== 'number') return result;
  const batch = first;
  result.batch = batch;
  const shapeNames = reshapeShapeInputs(onnxBytes, fields);
  const dim = lenField(2, new TextEncoder().encode(dimName)); // Dimension.dim_param
  const chunks: Uint8Array[] = [];
  for (const f of fields) {
    const raw = onnxBytes.subarray(f.start, f.end);
    if (f.wire !== 2) {
      chunks.push(raw);
      continue;
    }
    if (f.no === G_VALUE_INFO) {
      result.droppedValueInfo++;
      continue;
    }
    if (f.no === G_INPUT || f.no === G_OUTPUT) {
      const info = readValueInfo(onnxBytes, f);
      if ((f.no === G_OUTPUT || !initializers.has(info.name)) && info.dims[0] === batch) {
        chunks.push(lenField(f.no, replaceFirstDim(onnxBytes, f, dim)));
        (f.no === G_INPUT ? result.inputs : result.outputs).push(info.name);
        continue;
      }
    } else if (f.no === G_INIT) {
      const name = tensorName(onnxBytes, f.valueStart, f.valueEnd);
      const next = shapeNames.has(name) ? rewriteShapeTensor(onnxBytes, f.valueStart, f.valueEnd, batch) : undefined;
      if (next) {
        chunks.push(lenField(G_INIT, next));
        result.reshapes.push(name);
        continue;
      }
    } else if (f.no === G_NODE) {
      const next = rewriteConstantNode(onnxBytes, f, shapeNames, batch);
      if (next) {
        chunks.push(lenField(G_NODE, next.bytes));
        result.reshapes.push(next.name);
        continue;
      }
    }
    chunks.push(raw);
  }
  const newGraph = concatChunks(chunks);
  const modelFields = readFields(onnxBytes);
  result.bytes = concatChunks(
    modelFields.map((f) =>
      f.start === graph.start ? lenField(MODEL_GRAPH, newGraph) : onnxBytes.subarray(f.start, f.end),
    ),
  );
  return result;
}

function graphField(buf: Uint8Array): WireField {
  if (buf.length === 0) throw new ValidationError('malformed_file', 'ONNX model is empty');
  const graphs = readFields(buf).filter((f) => f.no === MODEL_GRAPH);
  if (graphs.length !== 1 || graphs[0]?.wire !== 2) {
    throw new ValidationError('malformed_file', `ONNX model has ${graphs.length} graph fields, expected 1`);
  }
  return graphs[0];
}

function sub(buf: Uint8Array, f: WireField, no: number): WireField[] {
  return f.wire === 2 ? readFields(buf, f.valueStart, f.valueEnd).filter((g) => g.no === no) : [];
}

function initializerNames(buf: Uint8Array, graph: WireField[]): Set<string> {
  const names = new Set<string>();
  for (const f of graph) if (f.no === G_INIT && f.wire === 2) names.add(tensorName(buf, f.valueStart, f.valueEnd));
  return names;
}

function tensorName(buf: Uint8Array, start: number, end: number): string {
  const name = readFields(buf, start, end).find((f) => f.no === 8 && f.wire === 2);
  return name ? fieldText(buf, name) : '';
}

function readValueInfo(buf: Uint8Array, f: WireField): OnnxTensorInfo {
  const nameField = sub(buf, f, 1)[0];
  const name = nameField ? fieldText(buf, nameField) : '';
  const tensorType = sub(buf, f, 2).flatMap((t) => sub(buf, t, 1))[0];
  let elemType = 0;
  const dims: (number | string | null)[] = [];
  if (tensorType) {
    const et = sub(buf, tensorType, 1)[0];
    if (et) elemType = Number(fieldInt(buf, et));
    for (const shape of sub(buf, tensorType, 2)) {
      for (const d of sub(buf, shape, 1)) {
        const value = sub(buf, d, 1)[0];
        const param = sub(buf, d, 2)[0];
        if (value) dims.push(Number(fieldInt(buf, value)));
        else if (param) dims.push(fieldText(buf, param));
        else dims.push(null);
      }
    }
  }
  return { name, elemType, dims };
}

/** Rebuild ValueInfoProto `f` with its type.tensor_type.shape.dim[0] replaced by `dim`. */
function replaceFirstDim(buf: Uint8Array, f: WireField, dim: Uint8Array): Uint8Array {
  return rebuild(buf, f, 2, (t) =>
    rebuild(buf, t, 1, (tt) =>
      rebuild(buf, tt, 2, (shape) => {
        let done = false;
        return rebuild(buf, shape, 1, () => {
          if (done) return undefined;
          done = true;
          return dim;
        });
      }),
    ),
  );
}

/** Payload of message `f` with each field `no` replaced by `fn(field)` (undefined keeps it). */
function rebuild(buf: Uint8Array, f: WireField, no: number, fn: (g: WireField) => Uint8Array | undefined): Uint8Array {
  const parts = readFields(buf, f.valueStart, f.valueEnd).map((g) => {
    const next = g.no === no && g.wire === 2 ? fn(g) : undefined;
    return next ? lenField(no, next) : buf.subarray(g.start, g.end);
  });
  return concatChunks(parts);
}

function reshapeShapeInputs(buf: Uint8Array, graph: WireField[]): Set<string> {
  const names = new Set<string>();
  for (const f of graph) {
    if (f.no !== G_NODE || f.wire !== 2) continue;
    const node = readFields(buf, f.valueStart, f.valueEnd);
    const op = node.find((g) => g.no === 4 && g.wire === 2);
    const domain = node.find((g) => g.no === 7 && g.wire === 2);
    if (!op || fieldText(buf, op) !== 'Reshape' || (domain && fieldText(buf, domain) !== '')) continue;
    const shapeInput = node.filter((g) => g.no === 1 && g.wire === 2)[1];
    if (shapeInput) names.add(fieldText(buf, shapeInput));
  }
  return names;
}

function rewriteConstantNode(
  buf: Uint8Array,
  f: WireField,
  shapeNames: Set<string>,
  batch: number,
): { bytes: Uint8Array; name: string } | undefined {
  const node = readFields(buf, f.valueStart, f.valueEnd);
  const op = node.find((g) => g.no === 4 && g.wire === 2);
  const out = node.find((g) => g.no === 2 && g.wire === 2);
  if (!op || !out || fieldText(buf, op) !== 'Constant') return undefined;
  const name = fieldText(buf, out);
  if (!shapeNames.has(name)) return undefined;
  let changed = false;
  const bytes = rebuild(buf, f, 5, (attr) => {
    const attrName = sub(buf, attr, 1)[0];
    if (!attrName || fieldText(buf, attrName) !== 'value') return undefined;
    return rebuild(buf, attr, 5, (t) => {
      const next = rewriteShapeTensor(buf, t.valueStart, t.valueEnd, batch);
      if (next) changed = true;
      return next;
    });
  });
  return changed ? { bytes, name } : undefined;
}

/** Rewrite an INT64 1-D TensorProto whose first value is `batch`; undefined when it does not apply. */
function rewriteShapeTensor(buf: Uint8Array, start: number, end: number, batch: number): Uint8Array | undefined {
  const fields = readFields(buf, start, end);
  const type = fields.find((g) => g.no === 2 && g.wire === 0);
  if (!type || fieldInt(buf, type) !== 7n) return undefined;
  if (fields.some((g) => g.no === 14 && g.wire === 0 && fieldInt(buf, g) === 1n)) return undefined; // external data
  const raw = fields.find((g) => g.no === 9 && g.wire === 2);
  const values: bigint[] = [];
  if (raw) {
    const n = raw.valueEnd - raw.valueStart;
    if (n % 8 !== 0) throw new ValidationError('malformed_file', 'INT64 raw_data length is not a multiple of 8');
    const view = new DataView(buf.buffer, buf.byteOffset + raw.valueStart, n);
    for (let i = 0; i < n; i += 8) values.push(view.getBigInt64(i, true));
  } else {
    for (const g of fields) {
      if (g.no !== 7) continue;
      if (g.wire === 0) values.push(fieldInt(buf, g));
      else if (g.wire === 2) {
        for (let p = g.valueStart; p < g.valueEnd; ) {
          const [v, next] = readVarint(buf, p, g.valueEnd);
          values.push(BigInt.asIntN(64, v));
          p = next;
        }
      }
    }
  }
  if (values.length < 2 || values[0] !== BigInt(batch)) return undefined;
  values[0] = values.includes(-1n) ? 0n : -1n;
  let data: Uint8Array;
  if (raw) {
    const bytes = new Uint8Array(values.length * 8);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => {
      view.setBigInt64(i * 8, v, true);
    });
    data = lenField(9, bytes);
  } else {
    data = lenField(7, concatChunks(values.map((v) => encodeVarint(v))));
  }
  const parts: Uint8Array[] = [];
  let placed = false;
  for (const g of fields) {
    if (g.no === (raw ? 9 : 7)) {
      if (!placed) parts.push(data);
      placed = true;
    } else parts.push(buf.subarray(g.start, g.end));
  }
  return concatChunks(parts);
}
