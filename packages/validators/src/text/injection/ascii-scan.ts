/**
 * One pass over the lower-cased form of an ASCII text for the injection detector's ASCII fast path:
 * the repeated-phrase check (`repeats.ts`) on [a-z0-9] words, and the runs the payload decoder needs before it scans
 * (`runsIn` of decode.ts). Lower-casing ASCII keeps offsets, and keeps each unit in or out of the
 * base64 alphabet, the hex digits and the hex separators, so the flags are those of the original text.
 * The same pass can step the phrase gate's literal automaton (`automaton.ts`): one walk over the text
 * instead of two.
 */
import { ignoreHit, type LiteralAutomaton, NO_LITERALS } from './automaton';
import { PAYLOAD_CHARS } from './decode';
import { MARK_PART, UNIT_MARKS } from './marks';
import { addWord, repeatsFound, type Span, startRepeats } from './repeats';

/** What `asciiScan` finds. */
export interface AsciiScan {
  /** The first phrase of 1-4 words repeated at least 8 times in a row, as `unicodeScan` finds it. */
  repetition: Span | undefined;
  /** A run of 16 base64 characters (standard or URL-safe alphabet). */
  base64: boolean;
  /** A run of hex digits and separators (space, `:`, `,`) with 24 hex digits. */
  hex: boolean;
  /**
   * Which of the units and words other checks look for occur (`MARK_*` bits of marks.ts): a text
   * without one skips the check's search.
   */
  marks: number;
}

const WORD = 1;
// Bit positions of the payload classes of decode.ts, shifted up one bit past WORD.
const BASE64_BIT = 1;
const HEX_BIT = 2;
const SEP_BIT = 3;
/**
 * Bit position of the `marks` of a unit (MARK_PERCENT to MARK_COLON, MARK_BACKSLASH, MARK_AMPERSAND,
 * MARK_RARE, MARK_DELETE), past the payload classes.
 */
const MARK_BIT = 4;
/**
 * [a-z0-9] (WORD) plus the payload classes of decode.ts at BASE64_BIT, HEX_BIT and SEP_BIT, and the
 * unit's `marks` bit from MARK_BIT on.
 */
const CLASSES = /* @__PURE__ */ (() => {
  const t = new Uint16Array(128);
  for (let c = 0; c < 128; c++) {
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    t[c] = ((PAYLOAD_CHARS[c] as number) << 1) | (word ? WORD : 0) | ((UNIT_MARKS[c] as number) << MARK_BIT);
  }
  return t;
})();
/** The hash `asciiScan` computes of the word "part". */
const PART_HASH = /* @__PURE__ */ (() => {
  let h = 112; // p
  for (const c of 'art') h = (Math.imul(h, 31) + (c.charCodeAt(0) as number)) | 0;
  return h;
})();
/**
 * Scan `lower` (an ASCII text lower-cased), and report to `hit` every occurrence of the literals of
 * `literals` as `scanLiterals` (automaton.ts) would, in the same order (`hit`'s answer is not read: every
 * occurrence is reported). A unit outside ASCII, which `lower` should not have, sends the literal scan
 * back to its start.
 *
 * @example
 * ```ts
 * asciiScan('ha '.repeat(8)).repetition; // { start: 0, end: 23 }
 * ```
 */
export function asciiScan(
  lower: string,
  literals: LiteralAutomaton = NO_LITERALS,
  hit: (literal: number, end: number) => boolean = ignoreHit,
): AsciiScan {
  startRepeats(lower);
  let done = false; // a run of single words was found
  // The payload-run counts of `runsIn` (decode.ts), kept in local variables on this hot path and
  // updated without branches (whether a letter is a hex digit is unpredictable): b counts base64
  // characters and h hex digits in the current runs, `flags` gets bit 0 at b = 16 and bit 1 at h = 24.
  let flags = 0;
  let b = 0;
  let h = 0;
  let units = 0; // the OR of the table entries of the units outside words (their marks)
  let part = 0; // MARK_PART once the word "part" is seen
  const table = CLASSES;
  const n = lower.length;
  // The literal automaton's state (a row offset) and tables, as in `scanLiterals` (ASCII units only).
  const { asciiClass, classes, delta, output, outputs } = literals;
  const firstRow = literals.firstOutput * classes;
  let row = 0;
  for (let i = 0; i < n; ) {
    const c = lower.charCodeAt(i);
    const ascii = c < 128;
    row = delta[row + (ascii ? (asciiClass[c] as number) : 0)] as number;
    if (row >= firstRow) for (const k of outputs[output[row / classes] as number] as readonly number[]) hit(k, i + 1);
    const bits = ascii ? (table[c] as number) : 0;
    if ((bits & WORD) === 0) {
      units |= bits;
      b = (b + 1) & -((bits >> BASE64_BIT) & 1);
      h &= -((bits >> SEP_BIT) & 1); // a separator keeps the run
      flags |= (15 - b) >>> 31;
      i++;
      continue;
    }
    let hash = c;
    b++; // every word character is a base64 character
    h = (h + 1) & -((bits >> HEX_BIT) & 1);
    flags |= ((15 - b) >>> 31) | (((23 - h) >>> 31) << 1);
    let j = i + 1;
    for (; j < n; j++) {
      const d = lower.charCodeAt(j);
      const e = d < 128 ? (table[d] as number) : 0;
      if ((e & WORD) === 0) break;
      row = delta[row + (asciiClass[d] as number)] as number; // a word unit is ASCII
      if (row >= firstRow) for (const k of outputs[output[row / classes] as number] as readonly number[]) hit(k, j + 1);
      hash = (Math.imul(hash, 31) + d) | 0;
      b++;
      h = (h + 1) & -((e >> HEX_BIT) & 1);
      flags |= ((23 - h) >>> 31) << 1;
    }
    // b only grows inside a word: it is largest at the word's end.
    flags |= (15 - b) >>> 31;
    if (hash === PART_HASH && j - i === 4) part = MARK_PART;
    if (!done) done = addWord(i, j - i, hash, j);
    i = j;
  }
  return {
    repetition: repeatsFound(),
    base64: (flags & 1) !== 0,
    hex: (flags & 2) !== 0,
    marks: (units >> MARK_BIT) | part,
  };
}
