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
  map: readonly number[] | undefined;
}

// Format characters, the combining grapheme joiner, Hangul fillers and variation selectors.
/** @internal */
export const INVISIBLE: RegExp =
  /\p{Cf}|\u034F|[\u115F\u1160\u17B4\u17B5\u3164\uFFA0]|[\u180B-\u180F]|[\uFE00-\uFE0F]/u;

/** @internal A unit outside ASCII (searched for: faster than matching the whole text against an ASCII run). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point.
export const NON_ASCII: RegExp = /[^\u0000-\u007f]/;

/**
 * Normalize `text` for phrase matching.
 *
 * @example
 * ```ts
 * normalizeForMatch('ＩＧＮＯＲＥ').text; // 'ignore'
 * ```
 */
export function normalizeForMatch(text: string): Normalized {
  if (!NON_ASCII.test(text)) return { text: text.toLowerCase(), map: undefined };
  let out = '';
  const n = text.length;
  // A plain array of small integers (V8 keeps it packed; a typed array costs more to allocate here).
  const map: number[] = [];
  let i = 0;
  while (i < n) {
    // ASCII runs are lower-cased in one call; other code points one by one.
    let j = i;
    while (j < n && text.charCodeAt(j) < 128) j++;
    if (j > i) {
      out += text.slice(i, j).toLowerCase();
      for (let k = i; k < j; k++) map.push(k);
      i = j;
      if (i >= n) break;
    }
    const cp = text.codePointAt(i) as number;
    const folded = foldCodePoint(cp);
    for (let k = 0; k < folded.length; k++) map.push(i);
    out += folded;
    i += cp > 0xffff ? 2 : 1;
  }
  map.push(n);
  return { text: out, map };
}

/** Folded forms of non-ASCII code points seen so far (bounded: at most `FOLD_CACHE_SIZE` entries). */
const folds = new Map<number, string>();
const FOLD_CACHE_SIZE = 4096;

/** NFKC + lower case of one non-ASCII code point; '' for invisible format characters and tags. */
function foldCodePoint(cp: number): string {
  const hit = folds.get(cp);
  if (hit !== undefined) return hit;
  const ch = String.fromCodePoint(cp);
  const folded = INVISIBLE.test(ch) || (cp >= 0xe0000 && cp <= 0xe007f) ? '' : ch.normalize('NFKC').toLowerCase();
  if (folds.size < FOLD_CACHE_SIZE) folds.set(cp, folded);
  return folded;
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
