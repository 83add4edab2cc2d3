/**
 * The public weight-watermark API: `embedWeightWatermark` / `verifyWeightWatermark` on a `Float32Array`
 * tensor or directly on ONNX model bytes, where one float32 initializer (named, or by default the
 * largest one) is read, marked and written back in place (`replaceInitializer`), so the marked file
 * differs from the original only in that tensor's values.
 */
import { aobject, describeValue, isBytes, ModelSecTypeError, ValidationError } from '@modelsec/core';
import { listInitializers, readInitializer, replaceInitializer } from '../onnx/initializers';
import {
  embedTensorWatermark,
  verifyTensorWatermark,
  type WeightEmbedOptions,
  type WeightEmbedReport,
  type WeightEmbedResult,
  type WeightVerifyOptions,
  type WeightVerifyResult,
} from './tensor';

/** Options for ONNX models: which initializer carries the mark. */
export interface OnnxTensorOption {
  /** Initializer name (default: the largest float32 initializer stored in the file). */
  tensor?: string;
}

/** The marked ONNX model and its report. */
export interface OnnxWeightEmbedResult extends WeightEmbedReport {
  /** The marked model bytes (same size as the input). */
  model: Uint8Array;
  /** The initializer that carries the mark. */
  tensor: string;
}

/** Verification of an ONNX model: the tensor result plus the initializer read. */
export interface OnnxWeightVerifyResult extends WeightVerifyResult {
  /** The initializer that was read. */
  tensor: string;
}

/**
 * The float32 initializer a mark goes into by default: the one with the most elements.
 *
 * @throws ValidationError when the model is malformed or has no float32 initializer.
 * @example
 * ```ts
 * defaultWatermarkTensor(onnxBytes); // 'Parameter87' for the MNIST CNN
 * ```
 */
export function defaultWatermarkTensor(model: Uint8Array): string {
  let best: { name: string; elements: number } | undefined;
  for (const t of listInitializers(model)) {
    if (t.dataType !== 1 || (t.storage !== 'raw_data' && t.storage !== 'float_data')) continue;
    if (!best || t.elements > best.elements) best = t;
  }
  if (!best) throw new ValidationError('unsupported_format', 'the model has no float32 initializer stored in the file');
  return best.name;
}

function tensorName(model: Uint8Array, options: OnnxTensorOption): string {
  if (options.tensor === undefined) return defaultWatermarkTensor(model);
  if (typeof options.tensor !== 'string') {
    throw new ModelSecTypeError(`"options.tensor" expected string, got ${describeValue(options.tensor)}`);
  }
  return options.tensor;
}

/**
 * Embed a weight watermark into a tensor (`Float32Array`) or into an ONNX model (bytes).
 *
 * @throws ModelSecTypeError / ModelSecRangeError for bad arguments; ValidationError for malformed models
 * or unusable tensors.
 * @example
 * ```ts
 * const key = crypto.getRandomValues(new Uint8Array(32));
 * const bits = crypto.getRandomValues(new Uint8Array(8)); // a 64-bit mark
 * const { model, bitErrorRate, relativeNorm } = embedWeightWatermark(onnxBytes, { key, bits });
 * ```
 */
export function embedWeightWatermark(weights: Float32Array, options: WeightEmbedOptions): WeightEmbedResult;
export function embedWeightWatermark(
  model: Uint8Array,
  options: WeightEmbedOptions & OnnxTensorOption,
): OnnxWeightEmbedResult;
export function embedWeightWatermark(
  target: Float32Array | Uint8Array,
  options: WeightEmbedOptions & OnnxTensorOption,
): WeightEmbedResult | OnnxWeightEmbedResult {
  aobject(options as unknown, 'options');
  if (target instanceof Float32Array) return embedTensorWatermark(target, options);
  if (!isBytes(target)) {
    throw new ModelSecTypeError(`"target" expected Float32Array or ONNX bytes, got ${describeValue(target)}`);
  }
  const tensor = tensorName(target, options);
  const { weights, ...report } = embedTensorWatermark(readInitializer(target, tensor), options);
  return { ...report, model: replaceInitializer(target, tensor, weights), tensor };
}

/**
 * Read a weight watermark from a tensor or an ONNX model and test it against chance.
 *
 * @example
 * ```ts
 * const r = verifyWeightWatermark(suspectOnnxBytes, { key, bits });
 * if (r.detected) console.log(`BER ${r.bitErrorRate}, p = ${r.pValue}`);
 * ```
 */
export function verifyWeightWatermark(weights: Float32Array, options: WeightVerifyOptions): WeightVerifyResult;
export function verifyWeightWatermark(
  model: Uint8Array,
  options: WeightVerifyOptions & OnnxTensorOption,
): OnnxWeightVerifyResult;
export function verifyWeightWatermark(
  target: Float32Array | Uint8Array,
  options: WeightVerifyOptions & OnnxTensorOption,
): WeightVerifyResult | OnnxWeightVerifyResult {
  aobject(options as unknown, 'options');
  if (target instanceof Float32Array) return verifyTensorWatermark(target, options);
  if (!isBytes(target)) {
    throw new ModelSecTypeError(`"target" expected Float32Array or ONNX bytes, got ${describeValue(target)}`);
  }
  const tensor = tensorName(target, options);
  return { ...verifyTensorWatermark(readInitializer(target, tensor), options), tensor };
}
