/**
 * One pass over a text that is not all ASCII, for the injection detector: the repeated-phrase check on
 * words of letters and digits in any script (runs of `[\p{L}\p{N}]` code points, compared lower-cased),
 * keeping only the last few words; whether the text has any character the invisible-text and bidi
 * signals look for (zero-width characters, bidi controls, tag characters), so texts without one skip
 * those scans; and the runs the payload decoder needs. `asciiScan` is the same pass for ASCII text.
 */

import { RUN_BASE64, RUN_HEX, runStep } from './decode';

/** What `unicodeScan` finds. */
export interface UnicodeScan {
  /** The first phrase of 1-4 words repeated at least 8 times in a row (offsets into the text). */
  repetition: { start: number; end: number } | undefined;
  /** A zero-width character, bidi control or tag character (its high surrogate U+DB40) occurs. */
  invisible: boolean;
  /** `runsIn(text).base64`: a run of 16 base64 characters. */
  base64: boolean;
  /** `runsIn(text).hex`: a run of hex digits and separators with 24 digits. */
  hex: boolean;
}

/** Per-UTF-16-unit classes, filled on first sight: 1 word character, 2 not. */
const CLASS = new Uint8Array(65536);
/** @internal Letters and digits of any script (what a word is made of). */
export const WORD_CHAR: RegExp = /[\p{L}\p{N}]/u;
/** Words remembered (more than the longest phrase length, 4). */
const RING = 8;

function isWordUnit(c: number): boolean {
  let k = CLASS[c] as number;
  if (k === 0) {
    k = c >= 0xd800 && c <= 0xdfff ? 2 : WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    CLASS[c] = k;
  }
  return k === 1;
}

/** The zero-width characters, bidi controls and the high surrogate of tag characters. */
function isInvisible(c: number): boolean {
  return (
    (c >= 0x200b && c <= 0x200d) ||
    c === 0x2060 ||
    c === 0xfeff ||
    c === 0x00ad ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xdb40
  );
}

/**
 * Length of the word character (code point) at `i`: 0 when none, 1 for a BMP letter or digit, 2 for an
 * astral one.
 */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return isWordUnit(c) ? 1 : 0;
  const d = text.charCodeAt(i + 1);
  if (!(d >= 0xdc00 && d <= 0xdfff)) return 0;
  return WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0;
}

/**
 * Scan `text`.
 *
 * @example
 * ```ts
 * unicodeScan('ça va '.repeat(8)).repetition; // { start: 0, end: 47 }
 * ```
 */
export function unicodeScan(text: string): UnicodeScan {
  const words: string[] = new Array(RING);
  const starts = new Array<number>(RING);
  const run = [0, 0, 0, 0, 0];
  const runStart = [0, 0, 0, 0, 0];
  const found: ({ start: number; end: number } | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
  let repetition: { start: number; end: number } | undefined;
  let invisible = false;
  let count = 0;
  let runs = 0; // runStep state
  const n = text.length;
  let start = -1; // start of the word being read
  for (let i = 0; i <= n; ) {
    const len = i < n ? wordCharAt(text, i) : 0;
    if (len > 0) {
      // Letters and digits: ASCII ones count in the payload runs, others end them.
      runs = runStep(runs, text.charCodeAt(i));
      if (start < 0) start = i;
      i += len;
      continue;
    }
    if (start >= 0 && repetition === undefined) {
      const w = text.slice(start, i).toLowerCase();
      const slot = count % RING;
      words[slot] = w;
      starts[slot] = start;
      for (let k = 1; k <= 4 && k <= count; k++) {
        if (found[k] !== undefined) continue;
        const prev = (count - k) % RING;
        if (words[prev] === w) {
          if (run[k] === 0) runStart[k] = starts[prev] as number;
          run[k] = (run[k] as number) + 1;
          // The shortest phrase length wins: a run of single words ends the search.
          if ((run[k] as number) >= 7 * k) {
            found[k] = { start: runStart[k] as number, end: i };
            if (k === 1) repetition = found[1];
          }
        } else run[k] = 0;
      }
      count++;
    }
    start = -1;
    if (i === n) break;
    const c = text.charCodeAt(i);
    runs = runStep(runs, c);
    if (!invisible && isInvisible(c)) invisible = true;
    i++;
  }
  return {
    repetition: repetition ?? found[2] ?? found[3] ?? found[4],
    invisible,
    base64: (runs & RUN_BASE64) !== 0,
    hex: (runs & RUN_HEX) !== 0,
  };
}
