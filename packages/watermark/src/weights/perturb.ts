/**
 * Model changes a stolen copy typically goes through, to check a mark survives them before shipping:
 * magnitude pruning, additive Gaussian noise and int8 quantization (symmetric, per tensor). Each returns
 * a new array; noise is seeded, so a check is reproducible.
 */
import { ainteger, anumber, describeValue, ModelSecTypeError, utf8ToBytes } from '@modelsec/core';
import { deriveKey } from '../shared/key';
import { keyStream } from '../shared/stream';

function checkWeights(weights: unknown): asserts weights is Float32Array {
  if (!(weights instanceof Float32Array)) {
    throw new ModelSecTypeError(`"weights" expected Float32Array, got ${describeValue(weights)}`);
  }
}

/**
 * Zero the `fraction` of weights with the smallest magnitude.
 *
 * @example
 * ```ts
 * const pruned = pruneByMagnitude(weights, 0.3);
 * ```
 */
export function pruneByMagnitude(weights: Float32Array, fraction: number): Float32Array {
  checkWeights(weights);
  anumber(fraction, 'fraction', { min: 0, max: 1 });
  const out = new Float32Array(weights);
  const k = Math.floor(fraction * weights.length);
  if (k === 0) return out;
  const order = Array.from({ length: weights.length }, (_, i) => i);
  order.sort((a, b) => Math.abs(weights[a] as number) - Math.abs(weights[b] as number));
  for (let i = 0; i < k; i++) out[order[i] as number] = 0;
  return out;
}

/**
 * Add Gaussian noise with standard deviation `relativeStd × std(weights)`, seeded by `seed`.
 *
 * @example
 * ```ts
 * const noisy = addGaussianNoise(weights, 0.01, 1); // 1% of the weights' standard deviation
 * ```
 */
export function addGaussianNoise(weights: Float32Array, relativeStd: number, seed = 0): Float32Array {
  checkWeights(weights);
  anumber(relativeStd, 'relativeStd', { min: 0 });
  ainteger(seed, 'seed', { min: 0 });
  let mean = 0;
  for (let i = 0; i < weights.length; i++) mean += weights[i] as number;
  mean /= Math.max(weights.length, 1);
  let variance = 0;
  for (let i = 0; i < weights.length; i++) variance += ((weights[i] as number) - mean) ** 2;
  const sigma = relativeStd * Math.sqrt(variance / Math.max(weights.length, 1));
  const stream = keyStream(deriveKey(utf8ToBytes(`noise seed ${seed}`), 'noise'), 0);
  const out = new Float32Array(weights.length);
  for (let i = 0; i < weights.length; i++) out[i] = (weights[i] as number) + sigma * stream.normal();
  return out;
}

/**
 * Quantize to int8 (symmetric, scale = max|w| / 127) and back to float32.
 *
 * @example
 * ```ts
 * const q = quantizeInt8(weights);
 * ```
 */
export function quantizeInt8(weights: Float32Array): Float32Array {
  checkWeights(weights);
  let max = 0;
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i] as number));
  const out = new Float32Array(weights.length);
  if (max === 0 || !Number.isFinite(max)) return max === 0 ? out : new Float32Array(weights);
  const scale = max / 127;
  for (let i = 0; i < weights.length; i++) {
    out[i] = Math.max(-127, Math.min(127, Math.round((weights[i] as number) / scale))) * scale;
  }
  return out;
}
