/**
 * Weight watermarks on a plain `Float32Array` tensor (Uchida et al. 2017, post-training): the key's
 * ±1 projection X maps the weights to one value per message bit; embedding moves the weights by a
 * small perturbation δ, found by projected gradient descent on the squared-hinge embedding loss
 * Σ max(0, m − s_i·x_i·(w + δ))² inside the L2 ball ‖δ‖ ≤ maxNorm·‖w‖, until every projection has the
 * bit's sign with margin m (in units of the tensor's RMS). Verification reads the signs back and tests
 * the number of matching bits against chance (binomial, p = 1/2).
 */
import {
  ainteger,
  anumber,
  aobject,
  binomialSf,
  describeValue,
  ModelSecTypeError,
  ValidationError,
} from '@modelsec/core';
import { packBits, unpackBits } from '../shared/bits';
import { keyBytes, type WatermarkKey } from '../shared/key';
import { addRows, project, projectionKey } from './projection';

/** Largest tensor accepted, in elements (2^26). */
export const MAX_TENSOR_ELEMENTS = 2 ** 26;

/** Options shared by weight embedding and verification. */
export interface WeightKeyOptions {
  /** The owner's secret key. */
  key: WatermarkKey;
  /** The watermark message, packed most significant bit first: 8 bytes = a 64-bit mark. */
  bits: Uint8Array;
}

/** Options of weight embedding. */
export interface WeightEmbedOptions extends WeightKeyOptions {
  /** Required margin of every projection, in units of the tensor's RMS (default 0.5). */
  margin?: number;
  /** Largest allowed perturbation, as a fraction of ‖w‖ (default 0.3). */
  maxNorm?: number;
  /** Most projected-gradient iterations (default 100). */
  maxIterations?: number;
}

/** What embedding into a tensor reports. */
export interface WeightEmbedReport {
  /** Bit error rate of the marked weights (0 when every bit reads back). */
  bitErrorRate: number;
  /** ‖δ‖ / ‖w‖ of the perturbation. */
  relativeNorm: number;
  /** Smallest signed margin s_i·y_i / RMS(w) over the bits (≥ `margin` when converged). */
  minMargin: number;
  /** Projected-gradient iterations run. */
  iterations: number;
  /** True when every bit reached its margin within the norm budget. */
  converged: boolean;
}

/** The marked tensor and its report. */
export interface WeightEmbedResult extends WeightEmbedReport {
  /** The marked weights (a new array). */
  weights: Float32Array;
}

/** Options of verification. */
export interface WeightVerifyOptions extends WeightKeyOptions {
  /** Significance level of the decision (default 1e-6). */
  alpha?: number;
}

/** What verification reports. */
export interface WeightVerifyResult {
  /** Number of message bits. */
  bits: number;
  /** Bits read back equal to the message. */
  matches: number;
  /** 1 − matches / bits. */
  bitErrorRate: number;
  /** P(at least `matches` of `bits` by chance), binomial with p = 1/2. */
  pValue: number;
  /** `pValue < alpha`. */
  detected: boolean;
  /** The message read from the weights (packed bytes). */
  extracted: Uint8Array;
}

/** Check a tensor argument; returns it as a Float32Array. */
export function checkTensor(weights: unknown, bits: number, label = 'weights'): Float32Array {
  if (!(weights instanceof Float32Array)) {
    throw new ModelSecTypeError(`"${label}" expected Float32Array, got ${describeValue(weights)}`);
  }
  if (weights.length < bits || weights.length > MAX_TENSOR_ELEMENTS) {
    throw new ValidationError(
      weights.length > MAX_TENSOR_ELEMENTS ? 'too_large' : 'invalid_shape',
      `the tensor has ${weights.length} elements; a ${bits}-bit mark needs ${bits} to ${MAX_TENSOR_ELEMENTS}`,
    );
  }
  for (let j = 0; j < weights.length; j++) {
    if (!Number.isFinite(weights[j])) throw new ValidationError('non_finite', `"${label}" holds a non-finite value`);
  }
  return weights;
}

/**
 * Embed a watermark into a weight tensor.
 *
 * @throws ModelSecTypeError / ModelSecRangeError for bad arguments; ValidationError for a tensor that is
 * too small, too large, all zero or not finite.
 * @example
 * ```ts
 * const marked = embedTensorWatermark(weights, { key: secret, bits: message });
 * marked.bitErrorRate; // 0
 * ```
 */
export function embedTensorWatermark(weights: Float32Array, options: WeightEmbedOptions): WeightEmbedResult {
  aobject(options as unknown, 'options');
  const key = keyBytes(options.key, 'options.key');
  const bits = unpackBits(options.bits, 'options.bits');
  const margin = options.margin ?? 0.5;
  anumber(margin, 'options.margin', { min: 0, max: 100 });
  const maxNorm = options.maxNorm ?? 0.3;
  anumber(maxNorm, 'options.maxNorm', { min: 0, max: 10 });
  const maxIterations = options.maxIterations ?? 100;
  ainteger(maxIterations, 'options.maxIterations', { min: 1, max: 100_000 });
  const w0 = checkTensor(weights, bits.length);
  const n = w0.length;
  let sumSq = 0;
  for (let j = 0; j < n; j++) sumSq += (w0[j] as number) ** 2;
  if (sumSq === 0) throw new ValidationError('invalid_value', 'cannot watermark an all-zero tensor');
  const rms = Math.sqrt(sumSq / n);
  const budget = maxNorm * Math.sqrt(sumSq);
  const target = margin * rms;
  const sub = projectionKey(key);
  const w = new Float64Array(w0);
  const coefficients = new Float64Array(bits.length);
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    const y = project(sub, w, bits.length);
    let violated = 0;
    for (let i = 0; i < bits.length; i++) {
      const s = bits[i] ? 1 : -1;
      const shortfall = target - s * (y[i] as number);
      // Gradient step of ½·Σ max(0, shortfall)² (the rows are nearly orthonormal, so step 1 ≈ Newton),
      // aiming a little past the margin so float32 rounding cannot leave a bit just short of it.
      coefficients[i] = shortfall > 0 ? s * (shortfall + 0.05 * target + 1e-12 * rms) : 0;
      if (shortfall > 0) violated++;
    }
    if (violated === 0) {
      converged = true;
      break;
    }
    addRows(sub, w, coefficients);
    // Project δ = w − w0 onto the L2 ball of radius `budget`.
    let dd = 0;
    for (let j = 0; j < n; j++) dd += ((w[j] as number) - (w0[j] as number)) ** 2;
    const norm = Math.sqrt(dd);
    if (norm > budget) {
      const f = budget / norm;
      for (let j = 0; j < n; j++) w[j] = (w0[j] as number) + ((w[j] as number) - (w0[j] as number)) * f;
    }
  }
  const marked = new Float32Array(w);
  const y = project(sub, marked, bits.length);
  let errors = 0;
  let minMargin = Number.POSITIVE_INFINITY;
  for (let i = 0; i < bits.length; i++) {
    const s = bits[i] ? 1 : -1;
    const m = (s * (y[i] as number)) / rms;
    if (m <= 0) errors++;
    minMargin = Math.min(minMargin, m);
  }
  let dd = 0;
  for (let j = 0; j < n; j++) dd += ((marked[j] as number) - (w0[j] as number)) ** 2;
  return {
    weights: marked,
    bitErrorRate: errors / bits.length,
    relativeNorm: Math.sqrt(dd / sumSq),
    minMargin,
    iterations,
    converged: converged && errors === 0 && minMargin >= margin * (1 - 1e-6),
  };
}

/**
 * Read a watermark back from a weight tensor and test it against chance.
 *
 * @example
 * ```ts
 * const r = verifyTensorWatermark(weights, { key: secret, bits: message });
 * r.bitErrorRate; r.pValue; r.detected;
 * ```
 */
export function verifyTensorWatermark(weights: Float32Array, options: WeightVerifyOptions): WeightVerifyResult {
  aobject(options as unknown, 'options');
  const key = keyBytes(options.key, 'options.key');
  const bits = unpackBits(options.bits, 'options.bits');
  const alpha = options.alpha ?? 1e-6;
  anumber(alpha, 'options.alpha', { min: 0, max: 1 });
  const w = checkTensor(weights, bits.length);
  const y = project(projectionKey(key), w, bits.length);
  const read = new Uint8Array(bits.length);
  let matches = 0;
  for (let i = 0; i < bits.length; i++) {
    read[i] = (y[i] as number) > 0 ? 1 : 0;
    if (read[i] === bits[i]) matches++;
  }
  const pValue = binomialSf(matches, bits.length, 0.5);
  return {
    bits: bits.length,
    matches,
    bitErrorRate: 1 - matches / bits.length,
    pValue,
    detected: pValue < alpha,
    extracted: packBits(read),
  };
}
