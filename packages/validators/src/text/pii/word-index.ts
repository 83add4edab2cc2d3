/**
 * Word tables for word lists: a 32-bit FNV-1a hash of a lower-case word, computed straight from the
 * text for ASCII words (no substring, no `toLowerCase`), and an open-addressing table of words with a
 * few flag bits each (which lists hold the word), compared unit by unit against the text: one probe
 * answers "is this word of the text in list A, B, C?" exactly, without allocating for ASCII words.
 */

/** @internal FNV-1a offset basis (for callers that fold a hash inline). */
export const FNV_OFFSET = 0x811c9dc5;
/** @internal FNV-1a prime. */
export const FNV_PRIME = 0x01000193;

/**
 * FNV-1a hash of the UTF-16 units of `s`.
 *
 * @example
 * ```ts
 * wordHash('maria') === asciiLowerHash('Maria', 0, 5); // true
 * ```
 */
export function wordHash(s: string): number {
  return foldString(FNV_OFFSET, s);
}

/**
 * Continue an FNV-1a hash `h` over the units of `s` (`foldString(wordHash(a), b) === wordHash(a + b)`).
 *
 * @example
 * ```ts
 * foldString(wordHash('new'), ' york') === wordHash('new york'); // true
 * ```
 */
export function foldString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h | 0;
}

/**
 * `wordHash(text.slice(start, end).toLowerCase())` for a range of ASCII units, or `undefined` when
 * the range has a non-ASCII unit (whose lower-case form only `toLowerCase` knows).
 *
 * @example
 * ```ts
 * asciiLowerHash('Hi Maria', 3, 8); // wordHash('maria')
 * ```
 */
export function asciiLowerHash(text: string, start: number, end: number): number | undefined {
  return foldAsciiLower(FNV_OFFSET, text, start, end);
}

/** `foldString(h, s.slice(start, end))`. */
function foldRange(h: number, s: string, start: number, end: number): number {
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h | 0;
}

/**
 * `foldString(h, text.slice(start, end).toLowerCase())` for a range of ASCII units, or `undefined`
 * when the range has a non-ASCII unit.
 *
 * @example
 * ```ts
 * foldAsciiLower(wordHash('new '), 'York', 0, 4) === wordHash('new york'); // true
 * ```
 */
export function foldAsciiLower(h: number, text: string, start: number, end: number): number | undefined {
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 128) return undefined;
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return h | 0;
}

/** Filter bits per slot of a word table, as a power of two (4 bits per slot, 8 or more per word). */
const FILTER_BITS = 2;

/**
 * An open-addressing table from lower-case words to flag bits (positive 31-bit numbers): `add(word, flag)` ORs `flag`
 * into the word's flags; `lookupText` finds a range of the text (lower-cased) without building its
 * string, comparing the stored words unit by unit, so its answers are exact.
 *
 * @example
 * ```ts
 * const t = new WordFlags(2);
 * t.add('ada', 1);
 * t.lookupText('Hi Ada', 3, 6); // 1
 * ```
 */
export class WordFlags {
  /**
   * Slot `i`: `slots[4i]` the word's hash, `slots[4i + 1]` its flags (0: empty slot), `slots[4i + 2]`
   * and `slots[4i + 3]` where its units start in `pool` and how many: a probe and the check of a hit
   * read one slot and one run of `pool`, not a string object.
   */
  private readonly slots: Int32Array;
  private pool: Uint16Array = new Uint16Array(256);
  private used = 0;
  private readonly shift: number;
  private readonly mask: number;
  /**
   * One bit per value of the low bits of a hash, set when a word of the table has such a hash: most
   * words that are not in a large table are answered from this small array, without a probe.
   */
  private readonly filter: Int32Array;
  private readonly filterMask: number;
  /** A table sized for `capacity` distinct words (load at most 1/2). */
  constructor(capacity: number) {
    let bits = 4;
    while (1 << bits < 2 * capacity) bits++;
    this.slots = new Int32Array(4 << bits);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    this.filter = new Int32Array(1 << (bits + FILTER_BITS - 5));
    this.filterMask = (1 << (bits + FILTER_BITS)) - 1;
  }
  /** 0 when no word of the table has hash `h`. */
  private maybe(h: number): number {
    const b = h & this.filterMask;
    return ((this.filter[b >>> 5] as number) >>> (b & 31)) & 1;
  }
  /** Whether the word of slot `i` is the units `[start, end)` of `src`. */
  private holds(i: number, src: string, start: number, end: number): boolean {
    const s = this.slots;
    const len = s[4 * i + 3] as number;
    if (len !== end - start) return false;
    const p = this.pool;
    const at = (s[4 * i + 2] as number) - start;
    for (let k = start; k < end; k++) if (p[at + k] !== src.charCodeAt(k)) return false;
    return true;
  }
  /** Add `flag` (positive, below 2^31) to the flags of `word` (lower-case). */
  add(word: string, flag: number): void {
    this.addRange(word, 0, word.length, flag);
  }
  /**
   * Add `flag` (positive, below 2^31) to the flags of the word `src.slice(start, end)` (lower-case),
   * read in place: a list shipped as one string is added without a string per word.
   * @returns the word's slot, for `flagsAt` and `setFlagsAt`.
   */
  addRange(src: string, start: number, end: number, flag: number): number {
    const h = foldRange(FNV_OFFSET, src, start, end);
    const s = this.slots;
    let i = Math.imul(h, 0x9e3779b1) >>> this.shift;
    while (s[4 * i + 1] !== 0 && !(s[4 * i] === h && this.holds(i, src, start, end))) i = (i + 1) & this.mask;
    if (s[4 * i + 1] === 0) {
      const len = end - start;
      if (this.used + len > this.pool.length) {
        const p = new Uint16Array(Math.max(2 * this.pool.length, this.used + len));
        p.set(this.pool);
        this.pool = p;
      }
      for (let k = 0; k < len; k++) this.pool[this.used + k] = src.charCodeAt(start + k);
      s[4 * i] = h;
      const b = h & this.filterMask;
      this.filter[b >>> 5] = (this.filter[b >>> 5] as number) | (1 << (b & 31));
      s[4 * i + 2] = this.used;
      s[4 * i + 3] = len;
      this.used += len;
    }
    s[4 * i + 1] = (s[4 * i + 1] as number) | flag;
    return i;
  }
  /** The flags of slot `slot` (from `addRange`). */
  flagsAt(slot: number): number {
    return this.slots[4 * slot + 1] as number;
  }
  /** Replace the flags of slot `slot` (from `addRange`; positive, below 2^31). */
  setFlagsAt(slot: number, flags: number): void {
    this.slots[4 * slot + 1] = flags;
  }
  /** Room for `units` more units of words (one allocation instead of doublings). */
  reserve(units: number): void {
    if (this.used + units <= this.pool.length) return;
    const p = new Uint16Array(this.used + units);
    p.set(this.pool);
    this.pool = p;
  }
  /** The flags of every word whose `wordHash` is `h`, OR-ed (0: no word of the table has that hash). */
  hashFlags(h: number): number {
    if (this.maybe(h) === 0) return 0;
    const s = this.slots;
    let i = Math.imul(h, 0x9e3779b1) >>> this.shift;
    let out = 0;
    for (;;) {
      const f = s[4 * i + 1] as number;
      if (f === 0) return out;
      if (s[4 * i] === h) out |= f;
      i = (i + 1) & this.mask;
    }
  }
  /** The flags of `word` (0 when absent). */
  lookup(word: string): number {
    const h = wordHash(word);
    if (this.maybe(h) === 0) return 0;
    const s = this.slots;
    let i = Math.imul(h, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const f = s[4 * i + 1] as number;
      if (f === 0) return 0;
      if (s[4 * i] === h && this.holds(i, word, 0, word.length)) return f;
      i = (i + 1) & this.mask;
    }
  }
  /** The flags of `text.slice(start, end).toLowerCase()` (0 when absent). */
  lookupText(text: string, start: number, end: number): number {
    const h = asciiLowerHash(text, start, end);
    if (h === undefined) return this.lookup(text.slice(start, end).toLowerCase());
    return this.lookupAscii(text, start, end, h);
  }
  /** `lookupText` for an ASCII range whose `asciiLowerHash` is `h`. */
  lookupAscii(text: string, start: number, end: number, h: number): number {
    if (this.maybe(h) === 0) return 0;
    const len = end - start;
    const s = this.slots;
    const p = this.pool;
    let i = Math.imul(h, 0x9e3779b1) >>> this.shift;
    outer: for (;;) {
      const f = s[4 * i + 1] as number;
      if (f === 0) return 0;
      if (s[4 * i] === h && s[4 * i + 3] === len) {
        const at = (s[4 * i + 2] as number) - start;
        for (let k = start; k < end; k++) {
          let c = text.charCodeAt(k);
          if (c >= 65 && c <= 90) c += 32;
          if (p[at + k] !== c) {
            i = (i + 1) & this.mask;
            continue outer;
          }
        }
        return f;
      }
      i = (i + 1) & this.mask;
    }
  }
}
