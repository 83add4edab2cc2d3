/**
 * Watermark messages: bytes packed most significant bit first, checked and unpacked to 0/1 arrays.
 */
import { abytes, ModelSecRangeError } from '@modelsec/core';

/** Largest message, in bytes (512 bits). */
export const MAX_MESSAGE_BYTES = 64;

/**
 * Unpack a message of 1 to 64 bytes into its bits (most significant first).
 *
 * @throws ModelSecTypeError when not bytes; ModelSecRangeError when empty or longer than 64 bytes.
 * @example
 * ```ts
 * unpackBits(new Uint8Array([0b1010_0000])); // Uint8Array [1, 0, 1, 0, 0, 0, 0, 0]
 * ```
 */
export function unpackBits(message: unknown, label = 'bits'): Uint8Array {
  abytes(message, label);
  if (message.length === 0 || message.length > MAX_MESSAGE_BYTES) {
    throw new ModelSecRangeError(`"${label}" expected 1 to ${MAX_MESSAGE_BYTES} bytes, got length=${message.length}`);
  }
  const bits = new Uint8Array(message.length * 8);
  for (let i = 0; i < bits.length; i++) bits[i] = ((message[i >> 3] as number) >> (7 - (i & 7))) & 1;
  return bits;
}

/**
 * Pack 0/1 bits (most significant first) into bytes; the length must be a multiple of 8.
 *
 * @example
 * ```ts
 * packBits(Uint8Array.of(1, 0, 1, 0, 0, 0, 0, 0)); // Uint8Array [160]
 * ```
 */
export function packBits(bits: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(Math.ceil(bits.length / 8));
  for (let i = 0; i < bits.length; i++) if (bits[i]) out[i >> 3] = (out[i >> 3] as number) | (1 << (7 - (i & 7)));
  return out;
}
