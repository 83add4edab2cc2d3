/**
 * `sortFloat64`: in-place ascending sort of a Float64Array by LSD radix sort on the IEEE-754 bit
 * patterns (4 passes of 16 bits over keys made order-preserving by flipping the sign bit of
 * non-negative values and all bits of negative ones). `TypedArray.prototype.sort` in Node 20 takes
 * ~400 ms for a million doubles; this takes a few tens of ms. Same order as the built-in sort for
 * finite values (−0 before +0); NaN must not be present (samples are checked first).
 */

const LITTLE_ENDIAN = /* @__PURE__ */ (() => new Uint8Array(new Uint32Array([1]).buffer)[0] === 1)();

/** Sort `a` in place (ascending) and return it. */
export function sortFloat64(a: Float64Array): Float64Array {
  const n = a.length;
  if (n < 1024 || !LITTLE_ENDIAN) return a.sort();
  const src = new Uint32Array(a.buffer, a.byteOffset, n * 2);
  // Order-preserving transform (lo word at even index, hi word at odd index).
  for (let i = 0; i < n; i++) {
    const hi = src[2 * i + 1] as number;
    if (hi & 0x80000000) {
      src[2 * i] = ~(src[2 * i] as number);
      src[2 * i + 1] = ~hi;
    } else src[2 * i + 1] = hi | 0x80000000;
  }
  let from: Uint32Array = src;
  let to: Uint32Array = new Uint32Array(n * 2);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const k = ((from[2 * i + word] as number) >>> shift) & 0xffff;
      count[k] = (count[k] as number) + 1;
    }
    // Skip a pass where every key has the same digit.
    if (count[((from[word] as number) >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let k = 0; k < 65536; k++) {
      const c = count[k] as number;
      count[k] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const lo = from[2 * i] as number;
      const hi = from[2 * i + 1] as number;
      const digit = ((word === 0 ? lo : hi) >>> shift) & 0xffff;
      const j = count[digit] as number;
      count[digit] = j + 1;
      to[2 * j] = lo;
      to[2 * j + 1] = hi;
    }
    const t = from;
    from = to;
    to = t;
  }
  if (from !== src) src.set(from);
  for (let i = 0; i < n; i++) {
    const hi = src[2 * i + 1] as number;
    if (hi & 0x80000000) src[2 * i + 1] = hi & 0x7fffffff;
    else {
      src[2 * i] = ~(src[2 * i] as number);
      src[2 * i + 1] = ~hi;
    }
  }
  return a;
}
