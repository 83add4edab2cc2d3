/**
 * Byte-array operations: concatenation, constant-time comparison, wiping and CSPRNG bytes.
 */
import { abytes, ainteger } from '../errors/asserts';
import { ConfigError } from '../errors/model-sec-error';

/**
 * Concatenate byte arrays into a new one.
 *
 * @example
 * ```ts
 * concatBytes(new Uint8Array([1]), new Uint8Array([2, 3])); // [1, 2, 3]
 * ```
 */
export function concatBytes(...arrays: Uint8Array[]): Uint8Array {
  let length = 0;
  for (let i = 0; i < arrays.length; i++) {
    abytes(arrays[i], `arrays[${i}]`);
    length += (arrays[i] as Uint8Array).length;
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

/**
 * Compare two byte arrays in time that depends only on their lengths, not their contents.
 * Use it for MACs, digests, tokens and API-key hashes.
 *
 * JavaScript gives no hard constant-time guarantee (JIT, GC); this loop has no data-dependent
 * branch or early exit, which is the best a JS implementation can do (as noble-curves `equalBytes`).
 *
 * @example
 * ```ts
 * equalBytes(macA, macB); // true when identical
 * ```
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  abytes(a, 'a');
  abytes(b, 'b');
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/**
 * Overwrite byte arrays with zeros (best effort: JS engines may keep copies).
 *
 * @example
 * ```ts
 * wipeBytes(dataKey);
 * ```
 */
export function wipeBytes(...arrays: Uint8Array[]): void {
  for (const a of arrays) a.fill(0);
}

/**
 * `length` bytes from the platform CSPRNG (`crypto.getRandomValues`), in Node, browsers, workers and
 * edge runtimes.
 *
 * @throws ConfigError `unsupported_runtime` when no CSPRNG is available.
 * @example
 * ```ts
 * const nonce = randomBytes(12);
 * ```
 */
export function randomBytes(length: number): Uint8Array {
  ainteger(length, 'length', { min: 0, max: 2 ** 31 - 1 });
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (typeof c?.getRandomValues !== 'function') {
    throw new ConfigError('unsupported_runtime', 'crypto.getRandomValues is not available in this runtime');
  }
  const out = new Uint8Array(length);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let i = 0; i < length; i += 65536) c.getRandomValues(out.subarray(i, Math.min(length, i + 65536)));
  return out;
}
