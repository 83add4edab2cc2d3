/**
 * The two numpy primitives the ART-compatible rules need bit for bit: `np.sum` over a row (numpy's
 * pairwise summation: eight running sums for 8-128 values, halves above) and `np.around` / `np.rint`
 * (round half to even). Matching them is what makes `reverseSigmoid` and `roundProbabilities`
 * reproduce ART's outputs exactly on float64 input, not just closely.
 */

/**
 * `np.sum` of `a[start, start + n)` in numpy's pairwise order.
 *
 * @example
 * ```ts
 * npSum([0.1, 0.2, 0.3], 0, 3); // 0.6000000000000001, as numpy
 * ```
 */
export function npSum(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i] as number;
    return res;
  }
  if (n <= 128) {
    let r0 = a[start] as number;
    let r1 = a[start + 1] as number;
    let r2 = a[start + 2] as number;
    let r3 = a[start + 3] as number;
    let r4 = a[start + 4] as number;
    let r5 = a[start + 5] as number;
    let r6 = a[start + 6] as number;
    let r7 = a[start + 7] as number;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const o = start + i;
      r0 += a[o] as number;
      r1 += a[o + 1] as number;
      r2 += a[o + 2] as number;
      r3 += a[o + 3] as number;
      r4 += a[o + 4] as number;
      r5 += a[o + 5] as number;
      r6 += a[o + 6] as number;
      r7 += a[o + 7] as number;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[start + i] as number;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return npSum(a, start, n2) + npSum(a, start + n2, n - n2);
}

/**
 * Round to the nearest integer, halves to even (`np.rint`).
 *
 * @example
 * ```ts
 * rint(2.5); // 2
 * ```
 */
export function rint(y: number): number {
  const f = Math.floor(y);
  const diff = y - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * `np.around(x, decimals)` for `decimals >= 0`: `rint(x * 10^d) / 10^d`, as numpy computes it.
 *
 * @example
 * ```ts
 * npAround(0.125, 2); // 0.12
 * ```
 */
export function npAround(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return rint(x * f) / f;
}
