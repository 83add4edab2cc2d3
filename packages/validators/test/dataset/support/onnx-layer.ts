/**
 * How to get an intermediate representation out of an ONNX classifier for backdoor screening, with
 * onnxruntime-web and no other dependency: copy the `value_info` entry of an intermediate tensor into
 * the graph's outputs (a small protobuf edit: ModelProto.graph = 7, GraphProto.output = 12,
 * GraphProto.value_info = 13), make the batch dimension symbolic with `@modelsec/redteam`'s
 * `makeBatchable`, then run the model and read that extra output. For opt-mnist.onnx the tensor is
 * `Pooling160_Output_0_reshape0`, the 256 features the final Gemm layer classifies.
 * Used by the dataset tests and by bench/dataset.
 */
import { makeBatchable } from '@modelsec/redteam';
import { createSession, ort } from '@modelsec-test/utils';

/** The penultimate (256-feature) tensor of opt-mnist.onnx. */
export const MNIST_PENULTIMATE = 'Pooling160_Output_0_reshape0';

function varint(buf: Uint8Array, pos: number): [number, number] {
  let v = 0;
  let mul = 1;
  for (;;) {
    const b = buf[pos++] as number;
    v += (b & 0x7f) * mul;
    if (b < 0x80) return [v, pos];
    mul *= 128;
  }
}

function encodeVarint(v: number): number[] {
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

/** Length-delimited fields of a message: number, value range, whole-field range. */
function fields(buf: Uint8Array, start: number, end: number) {
  const out: { no: number; start: number; vs: number; ve: number; end: number }[] = [];
  let pos = start;
  while (pos < end) {
    const s = pos;
    const [tag, p1] = varint(buf, pos);
    const wire = tag & 7;
    let vs = p1;
    let ve = p1;
    if (wire === 0) ve = varint(buf, p1)[1];
    else if (wire === 1) ve = p1 + 8;
    else if (wire === 5) ve = p1 + 4;
    else if (wire === 2) {
      const [len, p2] = varint(buf, p1);
      vs = p2;
      ve = p2 + len;
    } else throw new Error('unsupported wire type');
    out.push({ no: Math.floor(tag / 8), start: s, vs, ve, end: ve });
    pos = ve;
  }
  return out;
}

/**
 * Add the intermediate tensor `name` (which must have a `value_info` entry) to the graph outputs.
 *
 * @example
 * ```ts
 * const bytes = exposeGraphOutput(await loadMnistModelBytes(), MNIST_PENULTIMATE);
 * ```
 */
export function exposeGraphOutput(model: Uint8Array, name: string): Uint8Array {
  const graph = fields(model, 0, model.length).find((f) => f.no === 7);
  if (!graph) throw new Error('no graph');
  const info = fields(model, graph.vs, graph.ve).find((f) => {
    if (f.no !== 13) return false;
    const n = fields(model, f.vs, f.ve).find((g) => g.no === 1);
    return n !== undefined && new TextDecoder().decode(model.subarray(n.vs, n.ve)) === name;
  });
  if (!info) throw new Error(`no value_info for ${name}`);
  const value = model.subarray(info.vs, info.ve);
  const extra = Uint8Array.from([(12 << 3) | 2, ...encodeVarint(value.length), ...value]);
  const body = new Uint8Array(graph.ve - graph.vs + extra.length);
  body.set(model.subarray(graph.vs, graph.ve));
  body.set(extra, graph.ve - graph.vs);
  const head = Uint8Array.from([(7 << 3) | 2, ...encodeVarint(body.length)]);
  const out = new Uint8Array(graph.start + head.length + body.length + (model.length - graph.end));
  out.set(model.subarray(0, graph.start));
  out.set(head, graph.start);
  out.set(body, graph.start + head.length);
  out.set(model.subarray(graph.end), graph.start + head.length + body.length);
  return out;
}

/** Penultimate features and logits of opt-mnist for `count` digits (pixels/255, 784 each). */
export interface MnistFeatures {
  /** `count × 256` features. */
  features: Float32Array;
  /** `count × 10` logits. */
  logits: Float32Array;
}

/**
 * Run opt-mnist (batched) and return its penultimate features and logits.
 *
 * @example
 * ```ts
 * const { features } = await mnistFeatures(await loadMnistModelBytes(), images, 1000);
 * ```
 */
export async function mnistFeatures(
  modelBytes: Uint8Array,
  images: Float32Array,
  count: number,
  batch = 500,
): Promise<MnistFeatures> {
  const { bytes } = makeBatchable(exposeGraphOutput(modelBytes, MNIST_PENULTIMATE));
  const session = await createSession(bytes);
  const features = new Float32Array(count * 256);
  const logits = new Float32Array(count * 10);
  for (let start = 0; start < count; start += batch) {
    const b = Math.min(batch, count - start);
    const input = new ort.Tensor('float32', images.slice(start * 784, (start + b) * 784), [b, 1, 28, 28]);
    const out = await session.run({ Input3: input });
    features.set((out[MNIST_PENULTIMATE] as ort.Tensor).data as Float32Array, start * 256);
    logits.set((out.Plus214_Output_0 as ort.Tensor).data as Float32Array, start * 10);
  }
  await session.release();
  return { features, logits };
}
