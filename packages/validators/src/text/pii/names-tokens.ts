/**
 * The words of a text for the PERSON/LOCATION recognizer: runs of letters and marks (joined by ' ’ -
 * between letters), as parallel arrays reused by every scan (`Words`), filled by one walk over the
 * text (`tokenize`), which also hashes each ASCII word (FNV-1a of its lower-case units, `wordHash`) so
 * that word tables are probed without building the lower-case string.
 */
import { LETTER } from '../shared/context';
import type { WordFlags } from './word-index';
import { FNV_OFFSET, FNV_PRIME } from './word-index';

/** Words longer than any name or place are skipped (and bound the length of a finding). */
const MAX_WORD = 40;

/**
 * The words of one text as parallel arrays (no object per word), reused by every scan: scans are
 * synchronous, and a scan that starts while another runs (a custom gazetteer's set calling back into
 * `detectPII`) gets arrays of its own.
 * @internal
 *
 * @example
 * ```ts
 * const w = new Words();
 * tokenize(w, 'Hi Ada', undefined); // w.n === 2
 * ```
 */
export class Words {
  /** The text being scanned. */
  text = '';
  /** The gazetteer's word table, if it has one. */
  table: WordFlags | undefined = undefined;
  /** The text has an ASCII digit (a name in it may be a numbered street's, `emitName`). */
  digits = false;
  /** A scan uses these arrays. */
  busy = false;
  /** Number of words. */
  n = 0;
  /** Number of capitalized words. */
  upper = 0;
  /** Where each word starts. */
  start: Int32Array = new Int32Array(0);
  /** Where each word ends. */
  end: Int32Array = new Int32Array(0);
  /** 1: the word is capitalized. */
  cap: Uint8Array = new Uint8Array(0);
  /** 1: the word is ASCII and `hash` holds its `asciiLowerHash`. */
  ascii: Uint8Array = new Uint8Array(0);
  /** `asciiLowerHash` of the ASCII words (see `ascii`). */
  hash: Int32Array = new Int32Array(0);
  /**
   * Bits of the small word lists (`W_*`, and `W_SHORT`) of the capitalized words (from `markCaps`);
   * for other words with a non-ASCII unit -1 until asked, then their bits; unused for other words.
   */
  small: Int32Array = new Int32Array(0);
  /**
   * With a table: its flags for the word, -1 until asked (set for every word only when some word is in
   * lower-case writing, `markLowerCase`; `markCaps` asks it for the capitalized words that may start a
   * finding, the only ones asked otherwise); without: the `G_*` bits found among `asked`.
   */
  found: Int32Array = new Int32Array(0);
  /** Without a table: the gazetteer lists asked for each word (bits as in `found`). */
  asked: Uint8Array = new Uint8Array(0);
  /** 1: the word is in lower-case writing (`markLowerCase`). */
  lower: Uint8Array = new Uint8Array(0);
  /** Indices of the capitalized words, then (after `markCaps`) of those that may start a finding. */
  caps: Int32Array = new Int32Array(0);
  /** Number of words in `caps` after `markCaps`. */
  nCaps = 0;
  /** Number of capitalized words that may end an organization's name (`W_ORG*`), from `markCaps`. */
  nOrg = 0;
  /** Number of capitalized greetings, honorifics and name cues but "I'm" and "Am", from `markCaps`. */
  nCues = 0;
  /** Make room for `size` words, keeping those there. */
  grow(size: number): void {
    const grow32 = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    const grow8 = (a: Uint8Array) => {
      const b = new Uint8Array(size);
      b.set(a);
      return b;
    };
    this.start = grow32(this.start);
    this.end = grow32(this.end);
    this.cap = grow8(this.cap);
    this.ascii = grow8(this.ascii);
    this.hash = grow32(this.hash);
    this.small = grow32(this.small);
    this.found = grow32(this.found);
    this.asked = grow8(this.asked);
    this.lower = grow8(this.lower);
    this.caps = grow32(this.caps);
  }
}

// Per-UTF-16-unit classes, ASCII filled now, other units on first use: 1 letter/mark (3 if upper-case), 2 other.
const CLASS: Uint8Array = /* @__PURE__ */ (() => {
  const k = new Uint8Array(65536);
  for (let c = 0; c < 128; c++) k[c] = (c | 32) >= 97 && (c | 32) <= 122 ? (c <= 90 ? 3 : 1) : 2;
  return k;
})();

// Words are made of letters and marks: `LETTER`, the letter class of context words too.

function classOf(c: number): number {
  const k = CLASS[c] as number;
  return k !== 0 ? k : classify(c);
}

/** Class of a non-ASCII unit not seen yet (kept out of `classOf` so that it inlines). */
function classify(c: number): number {
  const ch = String.fromCharCode(c);
  // Surrogate halves are not classified (astral letters are rare in names and places).
  const k = c >= 0xd800 && c <= 0xdfff ? 2 : LETTER.test(ch) ? (ch !== ch.toLowerCase() ? 3 : 1) : 2;
  CLASS[c] = k;
  return k;
}

/**
 * Fill `w` with the words of `text` (and the `asciiLowerHash` of each ASCII word, in the same walk).
 * @internal
 *
 * @example
 * ```ts
 * tokenize(w, "O'Neil met Jean-Luc", undefined); // 3 words, 2 capitalized
 * ```
 */
export function tokenize(w: Words, text: string, table: WordFlags | undefined): void {
  w.text = text;
  w.table = table;
  let count = 0;
  let upper = 0;
  const n = text.length;
  let starts = w.start;
  let ends = w.end;
  let cap = w.cap;
  let ascii = w.ascii;
  let hash = w.hash;
  let caps = w.caps;
  let small = w.small;
  // Module constants read through locals (bundlers turn them into `var`s the engine must re-read).
  const cls = CLASS;
  const prime = FNV_PRIME;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let k = cls[c] as number;
    if (k === 0) k = classify(c);
    if (k === 2) {
      i++;
      continue;
    }
    const start = i;
    let h = Math.imul(FNV_OFFSET ^ (c | (((c - 128) >>> 26) & 32)), prime);
    let or = c;
    i++;
    for (;;) {
      while (i < n) {
        c = text.charCodeAt(i);
        const kc = cls[c] as number;
        if (kc !== 1 && kc !== 3 && (kc === 2 || classify(c) === 2)) break;
        h = Math.imul(h ^ (c | (((c - 128) >>> 26) & 32)), prime);
        or |= c;
        i++;
      }
      // Apostrophes and hyphens join letters: "O'Neil", "Jean-Luc".
      if ((c === 39 || c === 0x2019 || c === 45) && i + 1 < n && classOf(text.charCodeAt(i + 1)) !== 2) {
        h = Math.imul(h ^ c, prime);
        or |= c;
        i++;
      } else break;
    }
    if (i - start <= MAX_WORD) {
      if (count === starts.length) {
        w.grow(Math.max(64, 2 * count));
        starts = w.start;
        ends = w.end;
        cap = w.cap;
        ascii = w.ascii;
        hash = w.hash;
        caps = w.caps;
        small = w.small;
      }
      starts[count] = start;
      ends[count] = i;
      cap[count] = k === 3 ? 1 : 0;
      ascii[count] = or >= 128 ? 0 : 1;
      hash[count] = h;
      if (or >= 128) small[count] = -1;
      if (k === 3) caps[upper++] = count;
      count++;
    }
  }
  w.n = count;
  w.upper = upper;
}
