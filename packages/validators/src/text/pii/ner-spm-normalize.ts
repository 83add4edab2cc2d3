/**
 * The normalization of SentencePiece models in Hugging Face `tokenizers` (XLM-R, DeBERTa-v3): the
 * `Precompiled` normalizer over a model's `precompiled_charsmap`, then ` {2,}` → ` `, each normalized
 * code point keeping the range of the text it comes from, as the reference keeps them:
 *
 * - the charsmap is a Darts-clone double-array trie of UTF-8 keys and a blob of NUL-terminated
 *   replacements; each grapheme cluster of the text shorter than 6 UTF-8 bytes is replaced whole by the
 *   replacement of its SHORTEST key prefix, if any; other graphemes (and those without one) code point
 *   by code point;
 * - a replacement's code points take the range of the code points they replace, in order; extra ones take
 *   the range of the one before; a shorter replacement drops the ranges of the code points it removes
 *   (a removed grapheme after a kept one, the same);
 * - a run of two or more spaces becomes one space with the range of the run's last space.
 *
 * One deliberate difference: the reference loses track of code points removed at the very start of a
 * text (a leading zero-width space), and every later range then points one code point too early; here
 * they are skipped, and the ranges stay right.
 */
import { ModelSecRangeError } from '@modelsec/core';

/** Longest replacement accepted, in code points. */
const MAX_REPLACEMENT = 32;

/** A parsed `precompiled_charsmap`. @internal */
export interface Charsmap {
  /** The trie's units. */
  units: Uint32Array;
  /** The replacements, UTF-8, each followed by a NUL. */
  blob: Uint8Array;
  /** Decoded replacements by blob offset (code points). */
  cache: Map<number, number[]>;
  /** The replacement of each BMP code point alone (blob offset; -1: none; -2: not looked up yet). */
  single: Int32Array;
}

/**
 * Read a `precompiled_charsmap` (bytes, or base64 as in `tokenizer.json`).
 * @internal
 *
 * @example
 * ```ts
 * const map = readCharsmap(json.normalizer.precompiled_charsmap);
 * ```
 */
export function readCharsmap(data: Uint8Array | string): Charsmap {
  const bytes = typeof data === 'string' ? fromBase64(data) : data;
  if (bytes.length < 4) throw new ModelSecRangeError('"charsmap" is too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const trieBytes = view.getUint32(0, true);
  if (trieBytes % 4 !== 0 || trieBytes === 0 || 4 + trieBytes > bytes.length)
    throw new ModelSecRangeError('"charsmap" has a trie size that does not fit its bytes');
  const units = new Uint32Array(trieBytes / 4);
  for (let i = 0; i < units.length; i++) units[i] = view.getUint32(4 + 4 * i, true);
  return { units, blob: bytes.slice(4 + trieBytes), cache: new Map(), single: new Int32Array(0x10000).fill(-2) };
}

/** Base64 text. @internal */
export const SPM_BASE64: RegExp = /^[A-Za-z0-9+/]*={0,2}$/;

function fromBase64(s: string): Uint8Array {
  if (!SPM_BASE64.test(s) || s.length % 4 !== 0) throw new ModelSecRangeError('"charsmap" is not base64');
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * The blob offset of the replacement of the shortest key that prefixes `bytes[0, n)`, or -1 (the
 * reference's `common_prefix_search(...)[0]`).
 */
function shortestPrefixValue(map: Charsmap, bytes: Uint8Array, n: number): number {
  const units = map.units;
  const size = units.length;
  let pos = offsetOf(units[0] as number);
  for (let i = 0; i < n; i++) {
    const c = bytes[i] as number;
    if (c === 0) return -1;
    pos ^= c;
    if (pos >= size) return -1;
    const unit = units[pos] as number;
    // The label (with the leaf flag, bit 31, so that a value unit never matches).
    if ((unit & 0x800000ff) >>> 0 !== c) return -1;
    pos ^= offsetOf(unit);
    if (((unit >>> 8) & 1) === 1) {
      if (pos >= size) return -1;
      return (units[pos] as number) & 0x7fffffff;
    }
  }
  return -1;
}

function offsetOf(unit: number): number {
  return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
}

/** The code points of the replacement at `at` (up to its NUL). */
function replacementAt(map: Charsmap, at: number): number[] {
  let cps = map.cache.get(at);
  if (cps === undefined) {
    if (at >= map.blob.length) throw new ModelSecRangeError('"charsmap" points past its replacements');
    // A replacement of at most MAX_REPLACEMENT code points ends within 4 bytes each (no scan to the
    // end of a blob without NULs).
    const limit = Math.min(map.blob.length, at + 4 * MAX_REPLACEMENT + 1);
    let end = at;
    while (end < limit && map.blob[end] !== 0) end++;
    if (end === limit && limit < map.blob.length)
      throw new ModelSecRangeError(`"charsmap" has a replacement longer than ${MAX_REPLACEMENT} code points`);
    const text = new TextDecoder().decode(map.blob.subarray(at, end));
    cps = [];
    for (const ch of text) cps.push(ch.codePointAt(0) as number);
    // NFKC's longest expansion is 18 code points (U+FDFA): a longer one would let a model file blow up
    // the text it normalizes.
    if (cps.length > MAX_REPLACEMENT)
      throw new ModelSecRangeError(`"charsmap" has a replacement longer than ${MAX_REPLACEMENT} code points`);
    map.cache.set(at, cps);
  }
  return cps;
}

/**
 * A normalized text: its code points and the `[start, end)` UTF-16 range of the text each comes from,
 * in typed arrays at `[start, length)` (one free slot before them, for the `▁` Metaspace may prepend).
 * @internal
 */
export class Normalized {
  cps: Int32Array;
  from: Int32Array;
  to: Int32Array;
  /** While `precompiledNormalize` builds it: each code point's change (see there). */
  change: Int32Array;
  start = 1;
  length = 1;
  /** Set by `codePoints`: the code points are those of `text`, unchanged. */
  direct = false;
  text = '';
  constructor(capacity: number) {
    this.cps = new Int32Array(capacity + 1);
    this.from = new Int32Array(capacity + 1);
    this.to = new Int32Array(capacity + 1);
    this.change = new Int32Array(capacity + 1);
  }
  /** Empty it, with room for `capacity` code points (arrays are reused across texts). */
  reset(capacity: number): this {
    if (this.cps.length < capacity + 1) {
      const size = Math.max(capacity + 1, 2 * this.cps.length);
      this.cps = new Int32Array(size);
      this.from = new Int32Array(size);
      this.to = new Int32Array(size);
      this.change = new Int32Array(size);
    }
    this.start = 1;
    this.length = 1;
    this.direct = false;
    this.text = '';
    return this;
  }
  /** Append a code point and its range. */
  pushRange(cp: number, from: number, to: number): void {
    const k = this.length;
    this.push(cp, 0);
    this.from[k] = from;
    this.to[k] = to;
  }
  /** Append a code point (its range set later) and its change. */
  push(cp: number, change: number): void {
    if (this.length === this.cps.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.cps = grow(this.cps);
      this.from = grow(this.from);
      this.to = grow(this.to);
      this.change = grow(this.change);
    }
    this.cps[this.length] = cp;
    this.change[this.length] = change;
    this.length++;
  }
}

/**
 * The code points of `text` with their UTF-16 ranges (a lone surrogate is U+FFFD, as in the reference).
 * @internal
 *
 * @example
 * ```ts
 * codePoints('a😀').length; // 3 (one free slot, then 2 code points)
 * ```
 */
export function codePoints(text: string, into?: Normalized): Normalized {
  const out = into ? into.reset(text.length) : new Normalized(text.length);
  const { cps, from, to } = out;
  let k = 1;
  for (let i = 0; i < text.length; k++) {
    let cp = text.charCodeAt(i);
    let next = i + 1;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const lo = text.charCodeAt(i + 1);
      if (cp <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        next = i + 2;
      } else cp = 0xfffd;
    }
    cps[k] = cp;
    from[k] = i;
    to[k] = next;
    i = next;
  }
  out.length = k;
  out.direct = true;
  out.text = text;
  return out;
}

let segmenter: Intl.Segmenter | undefined;

/** Most code points segmented by one `Intl.Segmenter` call (its iteration is quadratic in V8). */
const REGION = 256;

/**
 * The number of code points of each grapheme cluster of `text` (extended, UAX #29, as the engine's
 * `Intl.Segmenter` finds them). Two ASCII code points in a row (but CR LF) always have a boundary
 * between them, so only the regions around other code points go to the segmenter, and in pieces of at
 * most about `REGION` code points, cut before a code point that starts a cluster in every rule (not a
 * mark, joiner, variation selector, Hangul vowel or trailing jamo, regional indicator or emoji
 * modifier; not after a joiner, CR, leading jamo or regional indicator).
 */
function graphemeSizes(src: Normalized, text: string | undefined): Int32Array {
  const { cps, start, length } = src;
  const sizes = new Int32Array(length - start);
  let g = 0;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const asciiPair = (j: number) =>
    (cps[j - 1] as number) < 0x80 && (cps[j] as number) < 0x80 && !(cps[j - 1] === 13 && cps[j] === 10);
  for (let k = start; k < length; ) {
    if ((cps[k] as number) < 0x80 && (k + 1 === length || asciiPair(k + 1))) {
      sizes[g++] = 1;
      k++;
      continue;
    }
    let j = k + 1;
    while (j < length && !asciiPair(j) && !(j - k >= REGION && startsCluster(cps, j))) j++;
    // Segment the region's text (the original text's units, or its code points written out) and
    // count the code points of each cluster.
    let region: string;
    if (text !== undefined)
      region = text.slice(src.from[k] as number, j < length ? (src.from[j] as number) : (src.to[length - 1] as number));
    else {
      region = '';
      for (let q = k; q < j; q++) region += String.fromCodePoint(cps[q] as number);
    }
    let at = k;
    for (const { segment } of segmenter.segment(region)) {
      let count = 0;
      for (let u = 0; u < segment.length; count++) u += unitsOf(src, text, at + count);
      sizes[g++] = count;
      at += count;
    }
    k = j;
  }
  return sizes.subarray(0, g);
}

/** UTF-16 units of code point `k` in the region's text (see `graphemeSizes`). */
function unitsOf(src: Normalized, text: string | undefined, k: number): number {
  if (text !== undefined) return (src.to[k] as number) - (src.from[k] as number);
  return (src.cps[k] as number) > 0xffff ? 2 : 1;
}

/**
 * Lower-case each code point as the reference does (`Lowercase`: Unicode's default mapping, code point
 * by code point; "İ" becomes two), each result keeping the range of the code point it comes from.
 * @internal
 *
 * @example
 * ```ts
 * lowercase(codePoints('Ada'), new Normalized(3)); // "ada"
 * ```
 */
export function lowercase(src: Normalized, into: Normalized): Normalized {
  const out = into.reset(src.length);
  for (let k = src.start; k < src.length; k++) {
    const cp = src.cps[k] as number;
    const lower = (cp >= 65 && cp <= 90) || cp >= 128 ? String.fromCodePoint(cp).toLowerCase() : undefined;
    if (lower === undefined) out.pushRange(cp, src.from[k] as number, src.to[k] as number);
    else for (const ch of lower) out.pushRange(ch.codePointAt(0) as number, src.from[k] as number, src.to[k] as number);
  }
  return out;
}

/** White space as the reference's `char::is_whitespace` (`White_Space`). @internal */
export const SPM_WHITE_SPACE: RegExp = /^\p{White_Space}$/u;

/**
 * Drop white space at the start and/or end (the reference's `Strip`), in place.
 * @internal
 *
 * @example
 * ```ts
 * strip(codePoints('  a '), true, true); // "a"
 * ```
 */
export function strip(n: Normalized, left: boolean, right: boolean): void {
  const space = (k: number) => SPM_WHITE_SPACE.test(String.fromCodePoint(n.cps[k] as number));
  if (left) while (n.start < n.length && space(n.start)) n.start++;
  if (right) while (n.length > n.start && space(n.length - 1)) n.length--;
}

/** Code points that never start a grapheme cluster (marks, joiner, selectors, jamo, indicators). @internal */
export const SPM_NOT_A_START: RegExp =
  /^(?:\p{M}|\u200d|[\u1160-\u11ff\ud7b0-\ud7ff]|[\u{1f1e6}-\u{1f1ff}]|[\u{1f3fb}-\u{1f3ff}]|[\u{e0020}-\u{e007f}])$/u;
/** Code points a cluster may continue after (joiner, CR, leading jamo, indicators, prepend marks). @internal */
export const SPM_NOT_BEFORE_A_START: RegExp =
  /^(?:\u200d|[\r\u1100-\u115f\ua960-\ua97f\u{1f1e6}-\u{1f1ff}\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u0d4e])$/u;

/** Whether a grapheme cluster surely starts at code point `j` (see `graphemeSizes`). */
function startsCluster(cps: Int32Array, j: number): boolean {
  return (
    !SPM_NOT_A_START.test(String.fromCodePoint(cps[j] as number)) &&
    !SPM_NOT_BEFORE_A_START.test(String.fromCodePoint(cps[j - 1] as number))
  );
}

/** The replacement of one code point (blob offset, -1: none), looked up once per code point of the BMP. */
function singleValue(map: Charsmap, cp: number, bytes: Uint8Array): number {
  if (cp < 0x10000) {
    const known = map.single[cp] as number;
    if (known !== -2) return known;
  }
  const value = shortestPrefixValue(map, bytes, utf8(cp, bytes, 0));
  if (cp < 0x10000) map.single[cp] = value;
  return value;
}

/**
 * Apply the charsmap to `src` (code points with their ranges in the text; the reference's `Precompiled`
 * normalizer, with right ranges for code points removed at the start), into `out`.
 * @internal
 *
 * @example
 * ```ts
 * precompiledNormalize(readCharsmap(bytes), codePoints('ﬁne')); // "fine", ranges [0, 1) [0, 1) [1, 2) [2, 3)
 * ```
 */
export function precompiledNormalize(map: Charsmap, src: Normalized, out: Normalized = new Normalized(64)): Normalized {
  // The original text when `src` holds its code points unchanged (graphemes are then cut from it directly).
  const text = src.direct ? src.text : undefined;
  const n = src.length;
  // (code point, change): 0 replaces the next original code point, 1 is inserted, -k replaces it and
  // removes k more (the reference's transformations).
  out.reset(n);
  let leading = 0;
  const bytes = new Uint8Array(8);
  const replace = (old: number, cps: readonly number[]) => {
    for (const c of cps) out.push(c, 0);
    const diff = cps.length - old;
    if (diff > 0) for (let k = out.length - diff; k < out.length; k++) out.change[k] = 1;
    else if (diff < 0) {
      if (out.length > out.start) out.change[out.length - 1] = (out.change[out.length - 1] as number) + diff;
      else leading -= diff;
    }
  };
  const sizes = graphemeSizes(src, text);
  let k = src.start;
  for (let g = 0; g < sizes.length; g++) {
    // The grapheme's code points: src.cps[k, k + count).
    const count = sizes[g] as number;
    if (count === 1) {
      const cp = src.cps[k] as number;
      const at = singleValue(map, cp, bytes);
      if (at >= 0) replace(1, replacementAt(map, at));
      else out.push(cp, 0);
      k++;
      continue;
    }
    let size = 0;
    for (let j = 0; j < count && size <= 5; j++) size += utf8Length(src.cps[k + j] as number);
    if (size < 6) {
      let w = 0;
      for (let j = 0; j < count; j++) w = utf8(src.cps[k + j] as number, bytes, w);
      const at = shortestPrefixValue(map, bytes, w);
      if (at >= 0) {
        replace(count, replacementAt(map, at));
        k += count;
        continue;
      }
    }
    for (let j = 0; j < count; j++) {
      const cp = src.cps[k + j] as number;
      const at = singleValue(map, cp, bytes);
      if (at >= 0) replace(1, replacementAt(map, at));
      else replace(1, [cp]);
    }
    k += count;
  }
  // Apply the transformations to the original code points: each takes the range of the code point it
  // replaces (an inserted one, that of the code point before; none at the start: an empty range at 0).
  const ch = out.change;
  let at = src.start + leading;
  for (let i = out.start; i < out.length; i++) {
    const change = ch[i] as number;
    if (change > 0) {
      out.from[i] = at > src.start ? (src.from[at - 1] as number) : 0;
      out.to[i] = at > src.start ? (src.to[at - 1] as number) : 0;
    } else {
      out.from[i] = at < n ? (src.from[at] as number) : (src.to[n - 1] ?? 0);
      out.to[i] = at < n ? (src.to[at] as number) : (src.to[n - 1] ?? 0);
      at += 1 - change;
    }
  }
  return out;
}

/**
 * Replace each run of two or more spaces by one space with the range of the run's last space (the
 * reference's `Replace(" {2,}", " ")`), in place.
 * @internal
 *
 * @example
 * ```ts
 * collapseSpaces(codePoints('a   b')); // "a b", the space from [3, 4)
 * ```
 */
export function collapseSpaces(n: Normalized): void {
  const { cps, from, to, length } = n;
  let w = n.start;
  for (let r = n.start; r < length; ) {
    if (cps[r] === 32 && r + 1 < length && cps[r + 1] === 32) {
      let e = r + 1;
      while (e + 1 < length && cps[e + 1] === 32) e++;
      cps[w] = 32;
      from[w] = from[e] as number;
      to[w] = to[e] as number;
      w++;
      r = e + 1;
      continue;
    }
    cps[w] = cps[r] as number;
    from[w] = from[r] as number;
    to[w] = to[r] as number;
    w++;
    r++;
  }
  n.length = w;
}

/** UTF-8 length of a code point. */
export function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** Write the UTF-8 bytes of `cp` at `bytes[w]`; returns the new end. @internal */
export function utf8(cp: number, bytes: Uint8Array, w: number): number {
  if (cp < 0x80) bytes[w++] = cp;
  else if (cp < 0x800) {
    bytes[w++] = 0xc0 | (cp >> 6);
    bytes[w++] = 0x80 | (cp & 63);
  } else if (cp < 0x10000) {
    bytes[w++] = 0xe0 | (cp >> 12);
    bytes[w++] = 0x80 | ((cp >> 6) & 63);
    bytes[w++] = 0x80 | (cp & 63);
  } else {
    bytes[w++] = 0xf0 | (cp >> 18);
    bytes[w++] = 0x80 | ((cp >> 12) & 63);
    bytes[w++] = 0x80 | ((cp >> 6) & 63);
    bytes[w++] = 0x80 | (cp & 63);
  }
  return w;
}
