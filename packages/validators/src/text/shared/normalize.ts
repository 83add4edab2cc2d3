/**
 * Normalization for matching with an offset map back to the original: NFKC (per code point), lower
 * case, and invisible format characters removed, so "ＩＧＮＯＲＥ", "Ig\u200Bnore" and "ignore" match alike
 * while findings still point into the caller's text. ASCII-only text takes a fast path.
 */

/** A normalized text and the original offset of each of its UTF-16 units. */
export interface Normalized {
  /** Lower-cased NFKC text without invisible format characters. */
  text: string;
  /** `map[i]` = offset in the original of normalized unit `i`; `map[text.length]` = original length. Undefined when identity. */
  map: Int32Array | undefined;
}

// Format characters, the combining grapheme joiner, Hangul fillers and variation selectors.
/** @internal */
export const INVISIBLE: RegExp =
  /\p{Cf}|\u034F|[\u115F\u1160\u17B4\u17B5\u3164\uFFA0]|[\u180B-\u180F]|[\uFE00-\uFE0F]/u;

/**
 * Normalize `text` for phrase matching.
 *
 * @example
 * ```ts
 * normalizeForMatch('ＩＧＮＯＲＥ').text; // 'ignore'
 * ```
 */
export function normalizeForMatch(text: string): Normalized {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point.
  if (/^[\u0000-\u007f]*$/.test(text)) return { text: text.toLowerCase(), map: undefined };
  const parts: string[] = [];
  const offsets: number[] = [];
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    let out: string;
    if (cp < 128) out = ch.toLowerCase();
    else if (INVISIBLE.test(ch) || (cp >= 0xe0000 && cp <= 0xe007f)) out = '';
    else out = ch.normalize('NFKC').toLowerCase();
    for (let k = 0; k < out.length; k++) offsets.push(i);
    parts.push(out);
    i += ch.length;
  }
  offsets.push(text.length);
  return { text: parts.join(''), map: Int32Array.from(offsets) };
}

/**
 * Original offsets of a normalized span `[start, end)`.
 *
 * @example
 * ```ts
 * const n = normalizeForMatch('ＡＢ');
 * toOriginal(n, 0, 1); // { start: 0, end: 1 }
 * ```
 */
export function toOriginal(n: Normalized, start: number, end: number): { start: number; end: number } {
  if (!n.map) return { start, end };
  const s = n.map[start] as number;
  // The end maps past the last code point of the span.
  const lastStart = n.map[Math.max(start, end - 1)] as number;
  let e = n.map[end] as number;
  if (e <= lastStart) e = lastStart + 1;
  return { start: s, end: Math.max(s + 1, e) };
}
