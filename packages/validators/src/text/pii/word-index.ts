/**
 * Word tables for word lists: a 32-bit FNV-1a hash of a lower-case word, computed straight from the
 * text for ASCII words (no substring, no `toLowerCase`), and an open-addressing table of words with a
 * few flag bits each (which lists hold the word), compared unit by unit against the text: one probe
 * answers "is this word of the text in list A, B, C?" exactly, without allocating for ASCII words.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

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
  /** Slot `i`: `slots[2i]` the word's hash, `slots[2i + 1]` its flags (0: empty slot); one cache line per probe. */
  private readonly slots: Int32Array;
  private readonly words: (string | undefined)[];
  private readonly shift: number;
  private readonly mask: number;
  /** A table sized for `capacity` distinct words (load at most 1/2). */
  constructor(capacity: number) {
    let bits = 4;
    while (1 << bits < 2 * capacity) bits++;
    this.slots = new Int32Array(2 << bits);
    this.words = new Array<string | undefined>(1 << bits).fill(undefined);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
  }
  /** Add `flag` (positive, below 2^31) to the flags of `word` (lower-case). */
  add(word: string, flag: number): void {
    const h = wordHash(word);
    const s = this.slots;
    let i = Math.imul(h, 0x9e3779b1) >>> this.shift;
    while (s[2 * i + 1] !== 0 && !(s[2 * i] === h && this.words[i] === word)) i = (i + 1) & this.mask;
    s[2 * i] = h;
    s[2 * i + 1] = (s[2 * i + 1] as number) | flag;
    this.words[i] = word;
  }
  /** The flags of every word whose `wordHash` is `h`, OR-ed (0: no word of the table has that hash). */
  hashFlags(h: number): number {
    const s = this.slots;
    let i = Math.imul(h, 0x9e3779b1) >>> this.shift;
    let out = 0;
    for (;;) {
      const f = s[2 * i + 1] as number;
      if (f === 0) return out;
      if (s[2 * i] === h) out |= f;
      i = (i + 1) & this.mask;
    }
  }
  /** The flags of `word` (0 when absent). */
  lookup(word: string): number {
    const h = wordHash(word);
    const s = this.slots;
    let i = Math.imul(h, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const f = s[2 * i + 1] as number;
      if (f === 0) return 0;
      if (s[2 * i] === h && this.words[i] === word) return f;
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
    const len = end - start;
    const s = this.slots;
    let i = Math.imul(h, 0x9e3779b1) >>> this.shift;
    outer: for (;;) {
      const f = s[2 * i + 1] as number;
      if (f === 0) return 0;
      if (s[2 * i] === h) {
        const w = this.words[i] as string;
        if (w.length === len) {
          for (let k = 0; k < len; k++) {
            let c = text.charCodeAt(start + k);
            if (c >= 65 && c <= 90) c += 32;
            if (w.charCodeAt(k) !== c) {
              i = (i + 1) & this.mask;
              continue outer;
            }
          }
          return f;
        }
      }
      i = (i + 1) & this.mask;
    }
  }
}
