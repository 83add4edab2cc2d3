/**
 * Normalization for matching with an offset map back to the original: NFKC (per code point), lower
 * case, enclosed letters as letters ("🅘🅖🅝🅞🅡🅔"), and invisible format characters removed, so
 * "ＩＧＮＯＲＥ", "Ig\u200Bnore" and "ignore" match alike while findings still point into the caller's text.
 * ASCII-only text takes a fast path.
 */

import { compactLatin1 } from './latin1';

/** A normalized text and the original offset of each of its UTF-16 units. */
export interface Normalized {
  /** Lower-cased NFKC text without invisible format characters. */
  text: string;
  /** Where each normalized unit comes from (`originalOffset`); undefined when the offsets are the same. */
  map: OffsetMap | undefined;
}

/**
 * The original offset of every normalized unit, by segments: segment k starts at normalized offset
 * `at[k]` and maps unit `i` to `from[k] + step[k] * (i - at[k])`: step 1 for a run of units kept one for
 * one (ASCII units, code points of one unit folded to one unit, and code points outside the BMP folded to
 * themselves), step 0 for the units any other
 * non-ASCII code point folded to (all from its offset). A last segment maps the normalized length to the
 * original length. Its size grows with the code points that fold to another length, not with the text.
 */
export interface OffsetMap {
  /** Normalized start of each segment, increasing. */
  at: readonly number[];
  /** Original offset of each segment's first unit. */
  from: readonly number[];
  /** 1 for a run of units kept one for one, 0 for the units of one folded code point. */
  step: readonly number[];
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
  const n = text.length;
  const oneForOne = lowerOneForOne(text);
  if (oneForOne !== undefined) return { text: oneForOne, map: { at: [0, n], from: [0, n], step: [1, 0] } };
  let out = '';
  // A unit over U+00FF makes the pieces two bytes per unit: copied to one byte when the result has none.
  let wide = false;
  const at: number[] = [];
  const from: number[] = [];
  const step: number[] = [];
  let i = 0;
  // Units kept one for one (ASCII, and a code point of one unit folded to one unit) extend the last
  // segment when it is of step 1 and ends where they start: a text of Cyrillic or Greek letters has a
  // few segments, not three numbers per letter.
  const keepOneForOne = () => {
    const k = at.length - 1;
    if (k >= 0 && step[k] === 1 && (from[k] as number) + (out.length - (at[k] as number)) === i) return;
    at.push(out.length);
    from.push(i);
    step.push(1);
  };
  while (i < n) {
    // ASCII runs are lower-cased in one call; other code points one by one.
    let j = i;
    while (j < n && text.charCodeAt(j) < 128) j++;
    if (j > i) {
      keepOneForOne();
      out += text.slice(i, j).toLowerCase();
      i = j;
      if (i >= n) break;
    }
    const cp = text.codePointAt(i) as number;
    if (cp > 0xff) wide = true;
    const folded = foldCodePoint(cp);
    if (folded.length === 1 && cp <= 0xffff) {
      keepOneForOne();
      out += folded;
      i++;
      continue;
    }
    // A code point outside the BMP folded to itself (an emoji): its two units one for one, in the run (a
    // megabyte of emoji made a segment, three numbers, per emoji).
    if (cp > 0xffff && folded.length === 2 && folded.codePointAt(0) === cp) {
      keepOneForOne();
      out += folded;
      i += 2;
      continue;
    }
    if (folded.length > 0) {
      at.push(out.length);
      from.push(i);
      step.push(0);
      out += folded;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  at.push(out.length);
  from.push(n);
  step.push(0);
  return { text: wide ? compactLatin1(out) : out, map: { at, from, step } };
}

/**
 * `text.toLowerCase()` when every unit of `text` folds to one unit, the one lower-casing gives it (ASCII
 * units, and BMP code points such as "á" or "Λ" whose NFKC and lower case is that unit), else undefined.
 * Such a text's normalization is the whole text lower-cased in one call, its offset map one segment of
 * step 1: what the unit-by-unit walk builds for it, without a slice per ASCII run. The units are checked
 * first (a table per unit), so a long text that fails is not lower-cased for nothing. Lower-casing the
 * whole text differs from folding unit by unit only for a final sigma ("Σ" at a word's end is "ς"): "Σ" is
 * left to the walk.
 */
function lowerOneForOne(text: string): string | undefined {
  const n = text.length;
  let wide = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) {
      if (!oneForOne(c)) return undefined;
      if (c > 0xff) wide = true;
    }
  }
  // One byte per unit when lower-casing left none over U+00FF ("Ÿ" is "ÿ"), as in the walk.
  return wide ? compactLatin1(text.toLowerCase()) : text.toLowerCase();
}

/** Per UTF-16 unit: 0 not yet known, 1 folds to its lower case alone (one unit), 2 not (`oneForOne`). */
const ONE_FOR_ONE: Uint8Array = /* @__PURE__ */ new Uint8Array(65536);

/** The non-ASCII unit `c` is a code point that folds to one unit, its lower case, whatever is around it. */
function oneForOne(c: number): boolean {
  let k = ONE_FOR_ONE[c] as number;
  if (k === 0) {
    const surrogate = c >= 0xd800 && c <= 0xdfff;
    const folded = surrogate ? '' : foldCodePoint(c);
    k = !surrogate && c !== 0x3a3 && folded.length === 1 && folded === String.fromCharCode(c).toLowerCase() ? 1 : 2;
    ONE_FOR_ONE[c] = k;
  }
  return k === 1;
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
  const oneForOne = lowerOneForOne(text);
  if (oneForOne !== undefined) return oneForOne;
  let out = '';
  let wide = false;
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
    if (cp > 0xff) wide = true;
    out += foldCodePoint(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return wide ? compactLatin1(out) : out;
}

/**
 * Whether `norm` was folded unit for unit from its text (an offset map of one segment of step 1: as
 * long as the text, each unit from the one at its offset), so that a walk over the text can read both.
 *
 * @example
 * ```ts
 * foldedUnitForUnit(normalizeForMatch('Ça va')); // true
 * ```
 */
export function foldedUnitForUnit(norm: Normalized): boolean {
  const map = norm.map;
  return map !== undefined && map.at.length === 2 && map.step[0] === 1;
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
  // and a run of step 1 starts where the previous segment ended).
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
