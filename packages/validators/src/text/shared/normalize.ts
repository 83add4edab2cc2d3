/**
 * Normalization for matching with an offset map back to the original: NFKC (per code point), lower
 * case, enclosed letters as letters ("🅘🅖🅝🅞🅡🅔"), and invisible format characters removed, so
 * "ＩＧＮＯＲＥ", "Ig\u200Bnore" and "ignore" match alike while findings still point into the caller's text.
 * ASCII-only text takes a fast path.
 */

/** A normalized text and the original offset of each of its UTF-16 units. */
export interface Normalized {
  /** Lower-cased NFKC text without invisible format characters. */
  text: string;
  /** Where each normalized unit comes from (`originalOffset`); undefined when the offsets are the same. */
  map: OffsetMap | undefined;
}

/**
 * The original offset of every normalized unit, by segments: segment k starts at normalized offset
 * `at[k]` and maps unit `i` to `from[k] + step[k] * (i - at[k])`: step 1 for a run of ASCII units (kept
 * one for one), step 0 for the units a non-ASCII code point folded to (all from its offset). A last
 * segment maps the normalized length to the original length. Its size grows with the non-ASCII code
 * points, not with the text.
 */
export interface OffsetMap {
  /** Normalized start of each segment, increasing. */
  at: ArrayLike<number>;
  /** Original offset of each segment's first unit. */
  from: ArrayLike<number>;
  /** 1 for a run of ASCII units, 0 for the units of one folded code point. */
  step: ArrayLike<number>;
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
  // The folded units are written to a buffer and made a string a chunk at a time, and the segments to
  // typed arrays (a megabyte of non-ASCII text is a million segments: no string or number per one).
  const out = new Units(text.length);
  const n = text.length;
  const segs = new Segments();
  let i = 0;
  while (i < n) {
    // ASCII runs are lower-cased as they are copied; other code points one by one.
    let j = i;
    while (j < n && text.charCodeAt(j) < 128) j++;
    if (j > i) {
      segs.push(out.length, i, 1);
      for (let k = i; k < j; k++) {
        const c = text.charCodeAt(k);
        out.push(c >= 65 && c <= 90 ? c + 32 : c);
      }
      i = j;
      if (i >= n) break;
    }
    const cp = text.codePointAt(i) as number;
    const folded = foldCodePoint(cp);
    if (folded.length > 0) {
      segs.push(out.length, i, 0);
      for (let k = 0; k < folded.length; k++) out.push(folded.charCodeAt(k));
    }
    i += cp > 0xffff ? 2 : 1;
  }
  segs.push(out.length, n, 0);
  return { text: out.text(), map: segs.map() };
}

/** A growing buffer of UTF-16 units. */
class Units {
  units: Uint16Array;
  length = 0;
  constructor(capacity: number) {
    this.units = new Uint16Array(Math.max(16, capacity));
  }
  push(c: number): void {
    if (this.length === this.units.length) {
      const bigger = new Uint16Array(this.units.length * 2);
      bigger.set(this.units);
      this.units = bigger;
    }
    this.units[this.length++] = c;
  }
  /** The units as a string, 8,192 per `String.fromCharCode` call (an argument list safe everywhere). */
  text(): string {
    let s = '';
    for (let k = 0; k < this.length; k += 8192)
      s += String.fromCharCode(...this.units.subarray(k, Math.min(this.length, k + 8192)));
    return s;
  }
}

/** The segments of an offset map, in growing typed arrays. */
class Segments {
  at = new Int32Array(16);
  from = new Int32Array(16);
  step = new Uint8Array(16);
  length = 0;
  push(at: number, from: number, step: number): void {
    if (this.length === this.at.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.at = grow(this.at);
      this.from = grow(this.from);
      this.step = grow(this.step);
    }
    this.at[this.length] = at;
    this.from[this.length] = from;
    this.step[this.length++] = step;
  }
  map(): OffsetMap {
    return {
      at: this.at.subarray(0, this.length),
      from: this.from.subarray(0, this.length),
      step: this.step.subarray(0, this.length),
    };
  }
}

/**
 * `normalizeForMatch(text).text` without the offset map: for a reading whose matches need no offsets
 * (the injection detector's views and decoded payloads count families, not spans).
 *
 * @example
 * ```ts
 * foldForMatch('ＩＧＮＯＲＥ'); // 'ignore'
 * ```
 */
export function foldForMatch(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  let out = '';
  const n = text.length;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j < n && text.charCodeAt(j) < 128) j++;
    if (j > i) {
      out += text.slice(i, j).toLowerCase();
      i = j;
      if (i >= n) break;
    }
    const cp = text.codePointAt(i) as number;
    out += foldCodePoint(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}

/**
 * The original offset of normalized unit `i` (`i` = the normalized length gives the original length).
 *
 * @example
 * ```ts
 * originalOffset(normalizeForMatch('ÀB').map!, 1); // 1
 * ```
 */
export function originalOffset(map: OffsetMap, i: number): number {
  const { at, from, step } = map;
  // The last segment starting at or before i (segments of step 0 never start at the same offset twice,
  // and an ASCII run starts where the previous segment ended).
  let lo = 0;
  let hi = at.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((at[mid] as number) <= i) lo = mid;
    else hi = mid - 1;
  }
  return (from[lo] as number) + (step[lo] as number) * (i - (at[lo] as number));
}

/** Folded forms of non-ASCII code points seen so far (bounded: at most `FOLD_CACHE_SIZE` entries). */
const folds = new Map<number, string>();
const FOLD_CACHE_SIZE = 4096;

/**
 * The letter (a-z) of an enclosed letter that NFKC keeps or turns into other text: negative circled and
 * negative squared capitals (🅐, 🅰, U+1F150-U+1F169, U+1F170-U+1F189), regional indicators (🇦,
 * U+1F1E6-U+1F1FF) and parenthesized small letters (⒜ is "(a)" in NFKC, U+249C-U+24B5). Text written
 * in them (PyRIT's emoji converter, "fancy text" generators) reads as letters to a model. Undefined for
 * other code points.
 */
function enclosedLetter(cp: number): string | undefined {
  const base =
    cp >= 0x1f150 && cp <= 0x1f169
      ? 0x1f150
      : cp >= 0x1f170 && cp <= 0x1f189
        ? 0x1f170
        : cp >= 0x1f1e6 && cp <= 0x1f1ff
          ? 0x1f1e6
          : cp >= 0x249c && cp <= 0x24b5
            ? 0x249c
            : -1;
  return base < 0 ? undefined : String.fromCharCode(97 + cp - base);
}

/**
 * NFKC + lower case of one non-ASCII code point (an enclosed letter as its letter, `enclosedLetter`);
 * '' for invisible format characters and tags.
 */
function foldCodePoint(cp: number): string {
  const hit = folds.get(cp);
  if (hit !== undefined) return hit;
  const ch = String.fromCodePoint(cp);
  const folded =
    INVISIBLE.test(ch) || (cp >= 0xe0000 && cp <= 0xe007f)
      ? ''
      : (enclosedLetter(cp) ?? ch.normalize('NFKC').toLowerCase());
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
  const s = originalOffset(n.map, start);
  // The end maps past the last code point of the span.
  const lastStart = originalOffset(n.map, Math.max(start, end - 1));
  let e = originalOffset(n.map, end);
  if (e <= lastStart) e = lastStart + 1;
  return { start: s, end: Math.max(s + 1, e) };
}
