/**
 * Context words: words near a candidate that make it more likely to be what the pattern says
 * ("SSN: 078-05-1120", "call me at ..."). Presidio raises a score by 0.35 when a context word is among
 * the few words before a match; we look at a window of characters before and after the match.
 *
 * Speed: the windows are walked in place (no substring per window). For the word sets built here
 * (`wordSet`, immutable), an ASCII word's hash of its lower-case letters is computed in the same walk
 * and probed in an open-addressing table, then compared character by character, without allocating;
 * other words and other sets take the plain path (lower-case the word, look it up), with identical
 * results (test/text/facts-context.test.ts compares both with the plain definition).
 */

/** Characters before a match searched for context words. */
export const CONTEXT_BEFORE = 48;
/** Characters after a match searched for context words. */
export const CONTEXT_AFTER = 24;

/** @internal */
export const LETTER: RegExp = /[\p{L}\p{M}]/u;

/** Longest letter run looked up as a context word. */
const MAX_CONTEXT_WORD = 24;

/**
 * Lookup table of an immutable word set, for ASCII words only (other words go through `Set.has`): an
 * open-addressing table of the ×31 hashes of the lower-case words, probed straight from the text.
 * @internal
 */
export interface WordIndex {
  /** Length of the shortest indexed word. */
  minLength: number;
  /** Length of the longest indexed word. */
  maxLength: number;
  /** Bit `c - 96` set when some word starts with the lower-case ASCII letter `c` (bit 0: apostrophe). */
  first: number;
  /** `mask + 1` slots (a power of two, at most half full): the hash of a word, and the word. */
  mask: number;
  /** The hash of the word in each slot. */
  hashes: Int32Array;
  /** The word in each slot (`undefined`: empty). */
  words: (string | undefined)[];
  /** No word of the set has a non-ASCII unit. */
  asciiOnly: boolean;
}

/**
 * True when one of `words` (lower-case) appears as a whole word in the window around `[start, end)`.
 * Words are the letter runs (letters, marks and apostrophes) of the window itself: a run cut by the
 * window's edge counts as the part inside.
 *
 * @example
 * ```ts
 * hasContext('my ssn is 078-05-1120', 10, 21, new Set(['ssn'])); // true
 * ```
 */
export function hasContext(
  text: string,
  start: number,
  end: number,
  words: ReadonlySet<string>,
  before = CONTEXT_BEFORE,
  after = CONTEXT_AFTER,
): boolean {
  if (words.size === 0) return false;
  const index = words instanceof FrozenWordSet ? words.index : undefined;
  const n = text.length;
  const lo = Math.min(Math.max(0, start - before), n);
  const hi = Math.min(Math.max(start, 0), n);
  if (windowHas(text, lo, hi, words, index)) return true;
  const lo2 = Math.min(Math.max(end, 0), n);
  return windowHas(text, lo2, Math.min(n, end + after), words, index);
}

/**
 * Walk the letter runs of `[lo, hi)` (no regex, no allocation for ASCII runs). An ASCII run's hash is
 * computed in the same walk; `c | 32` lower-cases A-Z and leaves a-z and the apostrophe (39) as they are.
 * Whether a run is one of `words`. With `out`, every such run is pushed there (start, end), the walk goes
 * on to `hi`, and the answer is whether `out` holds any.
 * @internal
 *
 * @example
 * ```ts
 * const set = wordSet('ssn');
 * windowHas('my ssn is', 0, 9, set, undefined); // true
 * const out: number[] = [];
 * windowHas('ssn or SSN', 0, 10, set, undefined, out); // out: [0, 3, 7, 10]
 * ```
 */
export function windowHas(
  text: string,
  lo: number,
  hi: number,
  words: ReadonlySet<string>,
  index: WordIndex | undefined,
  out?: number[],
): boolean {
  let i = lo;
  while (i < hi) {
    let c = text.charCodeAt(i);
    if (c < 128 ? ASCII_LETTER[c] === 0 : letterClass(c) !== 1) {
      i++;
      continue;
    }
    const start = i;
    let h = 0;
    let ascii = true;
    // A unit whose lower case is not ASCII (every non-ASCII unit but the Kelvin sign, U+212A → "k").
    let alien = false;
    for (;;) {
      if (c < 128) h = (Math.imul(h, 31) + (c | 32)) | 0;
      else {
        ascii = false;
        if (c !== 0x212a) alien = true;
      }
      if (++i >= hi) break;
      c = text.charCodeAt(i);
      if (c < 128 ? ASCII_LETTER[c] === 0 : letterClass(c) !== 1) break;
    }
    const len = i - start;
    if (len > MAX_CONTEXT_WORD) continue;
    let found: boolean;
    if (index !== undefined && ascii) found = asciiWordIn(text, start, len, h, index);
    // The run's lower case has a non-ASCII unit, and no word of the set does.
    else if (alien && index?.asciiOnly === true) found = false;
    else found = words.has(text.slice(start, i).toLowerCase());
    if (!found) continue;
    if (out === undefined) return true;
    out.push(start, i);
  }
  return out !== undefined && out.length > 0;
}

/**
 * Whether the unit `c` belongs to the letter runs `windowHas` reads as words (letters, marks and the
 * apostrophe).
 * @internal
 *
 * @example
 * ```ts
 * isContextUnit(0x61); // true ("a")
 * ```
 */
export function isContextUnit(c: number): boolean {
  return c < 128 ? ASCII_LETTER[c] === 1 : letterClass(c) === 1;
}

/** An ASCII run (letters and apostrophes) with hash `h`, looked up without allocating. */
function asciiWordIn(text: string, start: number, len: number, h: number, index: WordIndex): boolean {
  if (len < index.minLength || len > index.maxLength) return false;
  const c0 = text.charCodeAt(start) | 32;
  if (((index.first >>> (c0 === 39 ? 0 : c0 - 96)) & 1) === 0) return false;
  for (let slot = h & index.mask; ; slot = (slot + 1) & index.mask) {
    const w = index.words[slot];
    if (w === undefined) return false;
    if (index.hashes[slot] !== h || w.length !== len) continue;
    let k = 0;
    while (k < len && w.charCodeAt(k) === (text.charCodeAt(start + k) | 32)) k++;
    if (k === len) return true;
  }
}

/** 1 for ASCII letters and the apostrophe, 0 for other ASCII units. */
const ASCII_LETTER: Uint8Array = /* @__PURE__ */ (() => {
  const k = new Uint8Array(128);
  for (let c = 0; c < 128; c++) k[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 ? 1 : 0;
  return k;
})();

/**
 * Letter class of each non-ASCII UTF-16 unit: 1 letter (when `LETTER` matches it), 2 not, 0 until
 * first classified.
 */
const LETTER_CLASS: Uint8Array = /* @__PURE__ */ new Uint8Array(65536);

function letterClass(c: number): number {
  let k = LETTER_CLASS[c] as number;
  if (k === 0) {
    k = LETTER.test(String.fromCharCode(c)) ? 1 : 2;
    LETTER_CLASS[c] = k;
  }
  return k;
}

/**
 * A `Set` whose contents cannot change after construction (so lookup tables built from it stay valid).
 * @internal
 *
 * @example
 * ```ts
 * const names = new FrozenWordSet(['ada', 'grace']); // names.add('x') throws a TypeError
 * ```
 */
export class FrozenWordSet extends Set<string> {
  #sealed = false;
  /** The lookup table of `wordSet`'s sets (set once, after the words). @internal */
  index: WordIndex | undefined = undefined;
  /** The set of `words`, read-only from now on. */
  constructor(words: Iterable<string>) {
    super();
    for (const w of words) super.add(w);
    this.#sealed = true;
  }
  /** Throws: the set is read-only. */
  override add(value: string): this {
    if (this.#sealed) throw new TypeError('word sets are read-only');
    return super.add(value);
  }
  /** Throws: the set is read-only. */
  override delete(_value: string): boolean {
    throw new TypeError('word sets are read-only');
  }
  /** Throws: the set is read-only. */
  override clear(): void {
    throw new TypeError('word sets are read-only');
  }
}

/**
 * A lower-cased word set from a space-separated list (module-level constants stay tree-shakeable).
 * The set is read-only and indexed for allocation-free lookups by `hasContext`.
 *
 * @example
 * ```ts
 * const words = wordSet('phone call mobile');
 * ```
 */
export function wordSet(list: string): ReadonlySet<string> {
  const set = new FrozenWordSet(list.split(/\s+/).filter(Boolean));
  // Only words made of lower-case ASCII letters and apostrophes can equal a lower-cased ASCII run;
  // other entries ("card#", "tel.") can never match a letter run and are left out of the index.
  const ascii = [...set].filter((w) => /^[a-z']+$/.test(w));
  let size = 8;
  while (size < 2 * ascii.length) size *= 2;
  const index: WordIndex = {
    minLength: Infinity,
    maxLength: 0,
    first: 0,
    mask: size - 1,
    hashes: new Int32Array(size),
    words: new Array<string | undefined>(size).fill(undefined),
    asciiOnly: [...set].every((w) => [...w].every((u) => u.charCodeAt(0) < 128)),
  };
  for (const w of ascii) {
    index.minLength = Math.min(index.minLength, w.length);
    index.maxLength = Math.max(index.maxLength, w.length);
    const c0 = w.charCodeAt(0);
    index.first |= 1 << (c0 === 39 ? 0 : c0 - 96);
    let h = 0;
    for (let k = 0; k < w.length; k++) h = (Math.imul(h, 31) + w.charCodeAt(k)) | 0;
    let slot = h & index.mask;
    while (index.words[slot] !== undefined) slot = (slot + 1) & index.mask;
    index.hashes[slot] = h;
    index.words[slot] = w;
  }
  set.index = index;
  return set;
}
