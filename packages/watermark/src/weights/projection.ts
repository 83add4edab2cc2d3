/**
 * The secret projection of a weight watermark (Uchida et al. 2017, with ±1 entries): row i of X is
 * the sign pattern of ChaCha20 keystream i under the key's `weights/projection` subkey, scaled by
 * 1/√N. Rows are regenerated on the fly in 4 KiB blocks, so a tensor of any size needs O(bits) memory
 * beyond the weights, and the projection never exists outside the key holder.
 */
import { deriveKey } from '../shared/key';
import { keyStream } from '../shared/stream';

const BLOCK = 4096; // bytes of keystream per block = 32,768 signs

/** Projections y = X·w of `weights` onto `bits` keyed rows (each row has unit norm). */
export function project(subkey: Uint8Array, weights: ArrayLike<number>, bits: number): Float64Array {
  const n = weights.length;
  const out = new Float64Array(bits);
  let total = 0;
  for (let j = 0; j < n; j++) total += weights[j] as number;
  const scale = 1 / Math.sqrt(n);
  const block = new Uint8Array(BLOCK);
  for (let i = 0; i < bits; i++) {
    const stream = keyStream(subkey, i);
    let positive = 0;
    for (let start = 0; start < n; start += BLOCK * 8) {
      stream.fill(block);
      const end = Math.min(n, start + BLOCK * 8);
      let j = start;
      for (let b = 0; j < end; b++) {
        const byte = block[b] as number;
        const stop = Math.min(end, j + 8);
        for (let k = 0; j < stop; k++, j++) positive += (weights[j] as number) * ((byte >>> k) & 1);
      }
    }
    // Σ ±w = 2·Σ_{+} w − Σ w.
    out[i] = (2 * positive - total) * scale;
  }
  return out;
}

/** w += Σ_i coefficients[i]·x_i, in place. */
export function addRows(subkey: Uint8Array, weights: Float64Array, coefficients: Float64Array): void {
  const n = weights.length;
  const scale = 1 / Math.sqrt(n);
  const block = new Uint8Array(BLOCK);
  for (let i = 0; i < coefficients.length; i++) {
    const c = (coefficients[i] as number) * scale;
    if (c === 0) continue;
    const stream = keyStream(subkey, i);
    const two = 2 * c;
    for (let start = 0; start < n; start += BLOCK * 8) {
      stream.fill(block);
      const end = Math.min(n, start + BLOCK * 8);
      let j = start;
      for (let b = 0; j < end; b++) {
        const byte = block[b] as number;
        const stop = Math.min(end, j + 8);
        for (let k = 0; j < stop; k++, j++) weights[j] = (weights[j] as number) - c + two * ((byte >>> k) & 1);
      }
    }
  }
}

/** The projection subkey of a watermark key. */
export function projectionKey(key: Uint8Array): Uint8Array {
  return deriveKey(key, 'weights/projection');
}
