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
  // Bytes that break UTF-8's structure (most decoded garbage) are refused here: a decoder that throws
  // costs far more than this walk.
  if (!ascii && !utf8Shaped(bytes)) return undefined;
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Whether every byte of `bytes` at or above 0x80 is part of a sequence of UTF-8's shape: a lead byte
 * C2-F4 followed by as many continuation bytes (80-BF) as it announces. Overlong and surrogate forms
 * pass (the decoder refuses those).
 */
function utf8Shaped(bytes: Uint8Array): boolean {
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const more = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (more < 0 || i + more >= n) return false;
    for (let k = 1; k <= more; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return false;
    i += more + 1;
  }
  return true;
}
