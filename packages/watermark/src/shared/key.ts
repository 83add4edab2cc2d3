/**
 * Watermark keys: the owner's secret as bytes (or a UTF-8 passphrase), and purpose-bound subkeys
 * derived from it with HMAC-SHA-256, so the weight projection, trigger sets, API selection and text
 * green lists never share key material.
 */

import { describeValue, isBytes, ModelSecRangeError, ModelSecTypeError, utf8ToBytes } from '@modelsec/core';
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';

/** A watermark key: at least 16 bytes of secret (`Uint8Array`), or a passphrase of at least 16 UTF-8 bytes. */
export type WatermarkKey = Uint8Array | string;

/** Shortest accepted key, in bytes. */
export const MIN_KEY_BYTES = 16;
/** Longest accepted key, in bytes. */
export const MAX_KEY_BYTES = 4096;

/**
 * Check a watermark key and return its bytes (a copy). The key is never echoed in error messages.
 *
 * @throws ModelSecTypeError when the key is neither bytes nor a string; ModelSecRangeError when it is
 * shorter than 16 or longer than 4096 bytes.
 * @example
 * ```ts
 * const bytes = keyBytes('correct horse battery staple');
 * ```
 */
export function keyBytes(key: unknown, label = 'key'): Uint8Array {
  let bytes: Uint8Array;
  if (typeof key === 'string') bytes = utf8ToBytes(key);
  else if (isBytes(key)) bytes = new Uint8Array(key);
  else throw new ModelSecTypeError(`"${label}" expected Uint8Array or string, got ${describeValue(key)}`);
  if (bytes.length < MIN_KEY_BYTES || bytes.length > MAX_KEY_BYTES) {
    throw new ModelSecRangeError(
      `"${label}" expected ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} bytes, got length=${bytes.length}`,
    );
  }
  return bytes;
}

/**
 * A 32-byte subkey for one purpose: `HMAC-SHA-256(key, "modelsec/watermark/v1/" + purpose)`.
 *
 * @example
 * ```ts
 * const sub = deriveKey(keyBytes(secret), 'weights/projection');
 * ```
 */
export function deriveKey(key: Uint8Array, purpose: string): Uint8Array {
  return hmac(sha256, key, utf8ToBytes(`modelsec/watermark/v1/${purpose}`));
}

/**
 * HMAC-SHA-256 of `message` under `key` (32 bytes).
 *
 * @example
 * ```ts
 * const tag = prf(subkey, new Uint8Array([1, 2, 3]));
 * ```
 */
export function prf(key: Uint8Array, message: Uint8Array): Uint8Array {
  return hmac(sha256, key, message);
}
