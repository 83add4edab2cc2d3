/**
 * Decoded bytes as text, for the payload decoders (decode.ts, decode-signs.ts): only what the
 * detector could use as text is decoded.
 */

const UTF8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

/**
 * `bytes` read as UTF-8, or undefined when they are not UTF-8 or cannot read as text (fewer than 8
 * bytes, or no space).
 * @internal
 *
 * @example
 * ```ts
 * utf8(new TextEncoder().encode('ignore all rules')); // 'ignore all rules'
 * ```
 */
export function utf8(bytes: Uint8Array): string | undefined {
  // What `textLike` accepts has 8 or more characters and a space, so 8 or more bytes and a 0x20 byte
  // (UTF-8 encodes U+0020 as that byte and uses it for nothing else): skip the decoding of the rest.
  if (bytes.length < 8 || bytes.indexOf(32) < 0) return undefined;
  // ASCII is valid UTF-8 and decodes to itself: skip the decoder's fixed cost (most decoded runs).
  let ascii = true;
  for (let i = 0; i < bytes.length && ascii; i++) ascii = (bytes[i] as number) < 128;
  if (ascii && bytes.length <= 4096) return String.fromCharCode(...bytes);
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}
