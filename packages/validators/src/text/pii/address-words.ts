/**
 * Words of the ADDRESS patterns as exact numbers, read straight from the text (no substring, no case
 * mapping): each unit gets a code, equal for the units a pattern's case-insensitive matching treats as
 * equal, and a word is its codes in a fixed base, so one number is one word of the pattern. A
 * `WordTable` answers "is this number a word of the list?" with a 4096-bit filter before a small table.
 *
 * - Patterns without the `u` flag (UNIT_RE, ATTACHED_RE, PREFIX_RE): an ASCII letter matches only its
 *   other ASCII case, and "ä", "é", "ç", "ö", "ú", "ü" their upper case (a unit whose upper case is ASCII,
 *   like U+017F 'ſ', keeps its own case): `code`, words read backwards in base 40 (at most 9 units, so
 *   below 2^53).
 * - STREET_EN_RE (`/iu`): `[a-z]` and the letters of the street types also match U+017F 'ſ' (folds to
 *   "s") and U+212A 'K' (folds to "k"), and nothing else outside ASCII: `foldedCode`, words read
 *   forwards in base 27 (at most 10 letters).
 */

/**
 * Code of a unit in the words of the patterns without `u` (0: in none of them).
 *
 * @example
 * ```ts
 * code(0x41) === code(0x61); // true ("A" and "a")
 * ```
 */
export function code(c: number): number {
  if (c < 128) {
    const l = c | 32;
    if (l >= 97 && l <= 122) return l - 96;
    return c === 46 ? 27 : 0;
  }
  switch (c) {
    case 0xdf: // ß
      return 28;
    case 0xe4: // ä Ä
    case 0xc4:
      return 29;
    case 0xfa: // ú Ú
    case 0xda:
      return 30;
    case 0xfc: // ü Ü
    case 0xdc:
      return 31;
    case 0xe9: // é É
    case 0xc9:
      return 32;
    case 0xe7: // ç Ç
    case 0xc7:
      return 33;
    case 0xf6: // ö Ö
    case 0xd6:
      return 34;
    default:
      return 0;
  }
}

/**
 * `[a-z]` under `/iu` as a letter code 1-26 ("ſ" is "s", "K" is "k"), else 0.
 *
 * @example
 * ```ts
 * foldedCode(0x17f) === foldedCode(0x73); // true
 * ```
 */
export function foldedCode(c: number): number {
  const l = c | 32;
  if (l >= 97 && l <= 122) return l - 96;
  return c === 0x17f ? 19 : c === 0x212a ? 11 : 0;
}

/**
 * The number of a word for the patterns without `u`: its units' codes read backwards, base 40.
 *
 * @example
 * ```ts
 * wordNumber('BOX') === wordNumber('box'); // true
 * ```
 */
export function wordNumber(w: string): number {
  let h = 0;
  for (let i = w.length - 1; i >= 0; i--) h = h * 40 + code(w.charCodeAt(i));
  return h;
}

/**
 * The number of a street-type word for STREET_EN_RE: its letters' `foldedCode`s read forwards, base 27.
 *
 * @example
 * ```ts
 * suffixNumber('ST') === suffixNumber('ſt'); // true
 * ```
 */
export function suffixNumber(w: string): number {
  let h = 0;
  for (let i = 0; i < w.length; i++) h = h * 27 + foldedCode(w.charCodeAt(i));
  return h;
}

/** Class bit of a unit: a letter. */
export const LETTER = 1;
/** Class bit of a unit: a digit. */
export const DIGIT = 2;
/** Class bit of a unit: one of . ' - (the ASCII punctuation allowed in the words of the patterns). */
export const PUNCT = 4;
/** Class bits of the ASCII units (0: a unit no word of the patterns has). */
const ASCII_CLASS: Uint8Array = /* @__PURE__ */ (() => {
  const k = new Uint8Array(128);
  for (let c = 65; c <= 90; c++) k[c] = LETTER;
  for (let c = 97; c <= 122; c++) k[c] = LETTER;
  for (let c = 48; c <= 57; c++) k[c] = DIGIT;
  k[46] = PUNCT;
  k[39] = PUNCT;
  k[45] = PUNCT;
  return k;
})();
/** Any class: a unit outside ASCII may be a letter, mark or digit. */
const ANY = LETTER | DIGIT | PUNCT;

/**
 * The class bits of the unit `c` (see ASCII_CLASS; a unit outside ASCII gets all of them).
 *
 * @example
 * ```ts
 * unitClass(0x41); // 1 (a letter)
 * ```
 */
export function unitClass(c: number): number {
  return c < 128 ? (ASCII_CLASS[c] as number) : c >= 128 ? ANY : 0; // NaN (past the end): 0
}

/**
 * A set of word numbers: a 4096-bit filter (512 bytes), then an open-addressing table of the numbers
 * (linear probing, at most half full). Both are small typed arrays (the default gazetteer's tables
 * and the other recognizers' data run between two texts, so fewer cache lines stay warmer), and a
 * number is compared as a double (no `Set`, no boxing).
 */
export class WordTable {
  /** Bit `s` set for the filter slot `s` of each number. */
  private readonly bits = new Int32Array(128);
  /** The numbers, each at the top bits of its `mix` or after; -1 in empty slots. */
  private readonly keys: Float64Array;
  /** `keys.length - 1`. */
  private readonly mask: number;
  /** 32 minus the log2 of `keys.length`: a `mix` shifted right by it indexes `keys`. */
  private readonly shift: number;
  /** Bit `h` set for the last two units of each word (see `hasPair`). */
  private readonly pairs = new Int32Array(50);

  /**
   * @example
   * ```ts
   * const UNITS = new WordTable(['apt', 'suite'], wordNumber);
   * ```
   */
  constructor(words: readonly string[], numberOf: (word: string) => number) {
    const numbers = [...new Set(words.map(numberOf))];
    let size = 16;
    while (size < 2 * numbers.length) size *= 2;
    this.keys = new Float64Array(size).fill(-1);
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
    for (const h of numbers) {
      const x = mix(h);
      const s = x >>> 20;
      this.bits[s >>> 5] = (this.bits[s >>> 5] as number) | (1 << (s & 31));
      let i = x >>> this.shift;
      while (this.keys[i] !== -1) i = (i + 1) & this.mask;
      this.keys[i] = h;
    }
    for (const w of words) {
      if (w.length < 2) continue;
      const h = wordNumber(w.slice(-2));
      this.pairs[h >>> 5] = (this.pairs[h >>> 5] as number) | (1 << (h & 31));
    }
  }

  /**
   * Whether `h` is one of the numbers.
   *
   * @example
   * ```ts
   * new WordTable(['apt'], wordNumber).has(wordNumber('APT')); // true
   * ```
   */
  has(h: number): boolean {
    const x = mix(h);
    const s = x >>> 20;
    if ((((this.bits[s >>> 5] as number) >>> (s & 31)) & 1) === 0) return false;
    const keys = this.keys;
    for (let i = x >>> this.shift; ; i = (i + 1) & this.mask) {
      const k = keys[i] as number;
      if (k === -1) return false; // (before the compare: -1 itself is no word's number)
      if (k === h) return true;
    }
  }

  /**
   * Whether some word ends with the two units whose word number (read backwards, see `wordNumber`)
   * is `h` (0 <= h < 1600).
   *
   * @example
   * ```ts
   * new WordTable(['apt'], wordNumber).hasPair(wordNumber('pt')); // true
   * ```
   */
  hasPair(h: number): boolean {
    return (((this.pairs[h >>> 5] as number) >>> (h & 31)) & 1) === 1;
  }
}

/** The low 32 bits of the number, mixed (Fibonacci hashing): the top 12 bits are its filter slot. */
function mix(h: number): number {
  return Math.imul(h | 0, 0x9e3779b1) >>> 0;
}
