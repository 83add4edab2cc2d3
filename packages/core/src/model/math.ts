/**
 * Small numeric helpers over batched scores: softmax and argmax per row.
 */

/**
 * Row-wise softmax of rows of `k` logits (numerically stable: the row maximum is subtracted). Takes a
 * typed array or a plain array (no float64 copy needed for small rows).
 *
 * @example
 * ```ts
 * softmax(new Float32Array([1, 2, 3]), 3); // ≈ [0.090, 0.245, 0.665]
 * ```
 */
export function softmax(logits: ArrayLike<number>, k: number): Float32Array {
  const out = new Float32Array(logits.length);
  for (let r = 0; r < logits.length; r += k) {
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < k; i++) max = Math.max(max, logits[r + i] as number);
    let sum = 0;
    for (let i = 0; i < k; i++) {
      const e = Math.exp((logits[r + i] as number) - max);
      out[r + i] = e;
      sum += e;
    }
    for (let i = 0; i < k; i++) out[r + i] = (out[r + i] as number) / sum;
  }
  return out;
}

/**
 * Index of the largest score in each row of `k` scores (first index on ties).
 *
 * @example
 * ```ts
 * argmax(new Float32Array([0.1, 0.7, 0.2, 0.5, 0.4, 0.1]), 3); // Int32Array [1, 0]
 * ```
 */
export function argmax(scores: Float32Array | Float64Array, k: number): Int32Array {
  const rows = Math.floor(scores.length / k);
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let bestValue = scores[r * k] as number;
    for (let i = 1; i < k; i++) {
      const v = scores[r * k + i] as number;
      if (v > bestValue) {
        bestValue = v;
        best = i;
      }
    }
    out[r] = best;
  }
  return out;
}
