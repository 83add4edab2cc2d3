/**
 * Byte encodings: hex, base64 (standard and URL-safe) and UTF-8. Decoders take untrusted strings:
 * malformed input gives a `ValidationError` with code `invalid_encoding` that says where, never what.
 */
import { abytes, astring } from '../errors/asserts';
import { ValidationError } from '../errors/model-sec-error';

const HEX = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Lower-case hex of `bytes`.
 *
 * @example
 * ```ts
 * bytesToHex(new Uint8Array([0xde, 0xad])); // 'dead'
 * ```
 */
export function bytesToHex(bytes: Uint8Array): string {
  abytes(bytes, 'bytes');
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i] as number];
  return out;
}

/**
 * Decode hex (either case, even length, no prefix or whitespace).
 *
 * @throws ValidationError `invalid_encoding` on odd length or a non-hex character.
 * @example
 * ```ts
 * hexToBytes('dead'); // Uint8Array [0xde, 0xad]
 * ```
 */
export function hexToBytes(hex: string): Uint8Array {
  astring(hex, 'hex');
  if (hex.length % 2 !== 0) {
    throw new ValidationError('invalid_encoding', `hex string must have even length, got length=${hex.length}`);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexValue(hex.charCodeAt(2 * i));
    const lo = hexValue(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) {
      throw new ValidationError('invalid_encoding', `invalid hex character at offset ${hi < 0 ? 2 * i : 2 * i + 1}`);
    }
    out[i] = (hi << 4) | lo;
  }
  return out;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = /* @__PURE__ */ (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) t[B64.charCodeAt(i)] = i;
  t[45] = 62; // '-'
  t[95] = 63; // '_'
  return t;
})();

/**
 * Standard base64 (RFC 4648 §4) with padding, or URL-safe base64 (§5) without padding when `url` is set.
 *
 * @example
 * ```ts
 * bytesToBase64(new TextEncoder().encode('foobar')); // 'Zm9vYmFy'
 * ```
 */
export function bytesToBase64(bytes: Uint8Array, options: { url?: boolean } = {}): string {
  abytes(bytes, 'bytes');
  const alphabet = options.url ? B64URL : B64;
  const parts: string[] = [];
  let chunk = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    chunk +=
      alphabet.charAt(n >>> 18) +
      alphabet.charAt((n >>> 12) & 63) +
      alphabet.charAt((n >>> 6) & 63) +
      alphabet.charAt(n & 63);
    if (chunk.length >= 65536) {
      parts.push(chunk);
      chunk = '';
    }
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] as number) << 16) | (rest === 2 ? (bytes[i + 1] as number) << 8 : 0);
    chunk += alphabet.charAt(n >>> 18) + alphabet.charAt((n >>> 12) & 63);
    chunk += rest === 2 ? alphabet.charAt((n >>> 6) & 63) : '';
    if (!options.url) chunk += rest === 2 ? '=' : '==';
  }
  parts.push(chunk);
  return parts.join('');
}

/**
 * Decode base64. Accepts the standard and URL-safe alphabets, with or without padding; rejects
 * whitespace, misplaced padding, impossible lengths and non-zero trailing bits (so every byte string
 * has exactly one accepted encoding per alphabet, which matters when encodings are compared).
 *
 * @throws ValidationError `invalid_encoding`.
 * @example
 * ```ts
 * base64ToBytes('Zm9vYmFy'); // bytes of 'foobar'
 * ```
 */
export function base64ToBytes(b64: string): Uint8Array {
  astring(b64, 'base64');
  let end = b64.length;
  if (end % 4 === 0 && end > 0) {
    if (b64.charCodeAt(end - 1) === 61) end--;
    if (b64.charCodeAt(end - 1) === 61) end--;
  }
  if (end % 4 === 1) throw new ValidationError('invalid_encoding', `invalid base64 length ${b64.length}`);
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const c = b64.charCodeAt(i);
    const v = c < 128 ? (DECODE[c] as number) : -1;
    if (v < 0) throw new ValidationError('invalid_encoding', `invalid base64 character at offset ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) {
    throw new ValidationError('invalid_encoding', 'base64 has non-zero trailing bits');
  }
  return out;
}

const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * UTF-8 encode a string (lone surrogates become U+FFFD).
 *
 * @example
 * ```ts
 * utf8ToBytes('hé'); // Uint8Array [0x68, 0xc3, 0xa9]
 * ```
 */
export function utf8ToBytes(text: string): Uint8Array {
  astring(text, 'text');
  return encoder.encode(text);
}

/**
 * Strictly decode UTF-8.
 *
 * @throws ValidationError `invalid_encoding` when the bytes are not valid UTF-8.
 * @example
 * ```ts
 * bytesToUtf8(new Uint8Array([0x68, 0x69])); // 'hi'
 * ```
 */
export function bytesToUtf8(bytes: Uint8Array): string {
  abytes(bytes, 'bytes');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    throw new ValidationError('invalid_encoding', 'bytes are not valid UTF-8', { cause });
  }
}
