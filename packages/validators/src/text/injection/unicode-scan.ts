/**
 * One pass over a text that is not all ASCII, for the injection detector: the repeated-phrase check on
 * words of letters and digits in any script (runs of `[\p{L}\p{N}]` code points, compared lower-cased),
 * keeping only the last few words; whether the text has any character the invisible-text and bidi
 * signals look for (zero-width characters, bidi controls, tag characters), so texts without one skip
 * those scans; the runs the payload decoder needs, and whether the text has what its Braille, Sneaky
 * Bits, Base2048 and Ecoji decoders and the Zalgo reading look for (so that none of them searches the
 * text). `asciiScan` is the same pass for ASCII text.
 */

import { codePointTest } from '../shared/code-points';
import { ignoreHit, type LiteralAutomaton, NO_LITERALS, stepWide } from './automaton';
import { PAYLOAD_CHARS } from './decode';
import { MARK_PART, UNIT_MARKS } from './marks';
import { addFormWord, addWord, repeatsFound, type Span, startRepeats } from './repeats';
import { TURNED } from './views';

/** What `unicodeScan` finds. */
export interface UnicodeScan {
  /** The first phrase of 1-4 words repeated at least 8 times in a row (offsets into the text). */
  repetition: Span | undefined;
  /** A zero-width character, bidi control or tag character (its high surrogate U+DB40) occurs. */
  invisible: boolean;
  /** A Braille cell U+2801-U+28FF occurs (what the Braille decoder looks for). */
  braille: boolean;
  /** U+2062 or U+2064 occurs (Sneaky Bits' binary digits). */
  sneaky: boolean;
  /** Three combining diacritical marks (U+0300-U+036F) in a row occur (Zalgo text). */
  zalgo: boolean;
  /**
   * A word has ǝ (U+01DD) or ʇ (U+0287), letters turned upside down that other writing hardly uses, and
   * no other non-ASCII letter but the turned ones upside-down text is written in (views.ts): the
   * upside-down reading applies. Base2048's long words of two dozen scripts have ǝ and ʇ too.
   */
  turned: boolean;
  /**
   * A fifth of the letters and digits or more carry a mark: a precomposed Latin letter with a diacritic
   * (U+00C0-U+024F) or a combining diacritical mark (U+0300-U+036F) each count as one (accents or
   * strokes put on every letter to hide a text; French, German or Vietnamese sentences stay well under it).
   */
  marked: boolean;
  /**
   * The words of 8 units or more that change script block (code point / 128) twice or more and have a
   * unit past the Latin blocks (U+0280 on), what the Base2048 decoder looks for (decode-base2048.ts):
   * start and end of each, in order; past `MIXED_WORDS` words, the last span reaches to the last word.
   */
  mixed: number[];
  /**
   * An emoji of the Ecoji lists may occur: a high surrogate of U+1F000-U+1FBFF, or a unit of
   * U+23F0-U+2B50 (the lists' few BMP emoji and ☕), what the Ecoji decoder looks for (decode-ecoji.ts).
   */
  emoji: boolean;
  /** `runsIn(text).base64`: a run of 16 base64 characters. */
  base64: boolean;
  /** `runsIn(text).hex`: a run of hex digits and separators with 24 digits. */
  hex: boolean;
  /**
   * The `MARK_*` bits (marks.ts) of the text's ASCII units, and `MARK_PART` always (its words are not
   * the ASCII words a pattern's `\b` sees): a check whose unit is not marked has nothing to find.
   */
  marks: number;
}

/** The units upside-down text is written in (views.ts' turned letters and signs, in either case). */
const TURNED_UNITS: ReadonlySet<number> = /* @__PURE__ */ (() => {
  const units = new Set<number>();
  for (const c of TURNED.keys()) {
    units.add(c);
    const upper = String.fromCharCode(c).toUpperCase();
    if (upper.length === 1) units.add(upper.charCodeAt(0));
  }
  return units;
})();

/** Whether the word `[start, end)` has no non-ASCII unit but turned letters. */
function turnedWord(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 128 && !TURNED_UNITS.has(c)) return false;
  }
  return true;
}

/** Words of `UnicodeScan.mixed` kept apart (a text with more is read from the last one to its end). */
export const MIXED_WORDS = 32;

/** 1 for the ASCII letters and digits, 0 for the other ASCII units. */
const ASCII_WORD = /* @__PURE__ */ (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) t[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  return t;
})();
/** @internal Letters and digits of any script (what a word is made of). */
export const WORD_CHAR: RegExp = /[\p{L}\p{N}]/u;
/** Whether a code point is a letter or digit (`WORD_CHAR`), from tables. */
const isWordCodePoint = /* @__PURE__ */ codePointTest(WORD_CHAR);

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
  if (c < 0xd800 || c > 0xdbff) return isWordCodePoint(c) ? 1 : 0;
  const d = text.charCodeAt(i + 1);
  if (!(d >= 0xdc00 && d <= 0xdfff)) return 0;
  return isWordCodePoint(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000) ? 2 : 0;
}

/**
 * Scan `text`; with `literals`, also report to `hit` every occurrence of them in `lower` as
 * `scanLiterals` (automaton.ts) would, in the same order, in the same walk (`lower` is `text` folded
 * unit for unit: as long, each unit from the one at its offset; `hit`'s answer is not read).
 *
 * @example
 * ```ts
 * unicodeScan('ça va '.repeat(8)).repetition; // { start: 0, end: 47 }
 * ```
 */
export function unicodeScan(
  text: string,
  lower: string = text,
  literals: LiteralAutomaton = NO_LITERALS,
  hit: (literal: number, end: number) => boolean = ignoreHit,
): UnicodeScan {
  startRepeats(text);
  let done = false; // a run of single words was found
  let invisible = false;
  let braille = false;
  let sneaky = false;
  let zalgo = false;
  let turned = false;
  const mixed: number[] = [];
  let emoji = false;
  let marks = 0; // combining diacritical marks in a row
  let letters = 0; // letters and digits (code points)
  let marked = 0; // precomposed Latin letters with a diacritic and combining diacritical marks
  // The payload-run counts of `runsIn` (decode.ts), without branches as in `asciiScan`: b counts base64
  // characters and h hex digits in the current runs; `flags` gets bit 0 at b = 16 and bit 1 at h = 24.
  let flags = 0;
  let b = 0;
  let h = 0;
  let units = 0; // the OR of the marks of the ASCII units outside words
  const n = text.length;
  // The literal automaton's state (a row offset) and tables, as in `scanLiterals`.
  const { asciiClass, classes, delta, output, outputs } = literals;
  const firstRow = literals.firstOutput * classes;
  let row = 0;
  // Without literals, no walk (a text not folded unit for unit is scanned for them on its own).
  const walk = literals !== NO_LITERALS;
  // Words of ASCII units are compared in place, folding A-Z (what lower-casing does to them); a word
  // with another unit is lower-cased on its own (context rules such as the final sigma included), as the
  // reference's word list did.
  for (let i = 0; i < n; ) {
    let c = text.charCodeAt(i);
    let len = c < 128 ? (ASCII_WORD[c] as number) : wordCharAt(text, i);
    if (len === 0) {
      if (walk) {
        const u = lower.charCodeAt(i);
        row = u < 128 ? (delta[row + (asciiClass[u] as number)] as number) : stepWide(literals, row, u);
        if (row >= firstRow)
          for (const k of outputs[output[row / classes] as number] as readonly number[]) hit(k, i + 1);
      }
      // Not a letter or digit: base64 punctuation keeps the base64 run, a separator the hex run.
      const bits = c < 128 ? (PAYLOAD_CHARS[c] as number) : 0;
      if (c < 128) units |= UNIT_MARKS[c] as number;
      b = (b + 1) & -(bits & 1);
      h = (h + ((bits >> 1) & 1)) & -(((bits >> 1) | (bits >> 2)) & 1);
      flags |= ((15 - b) >>> 31) | (((23 - h) >>> 31) << 1);
      if (c >= 0xad) {
        if (!invisible && isInvisible(c)) invisible = true;
        if (c >= 0x300 && c <= 0x36f) {
          marked++;
          if (++marks >= 3) zalgo = true;
        } else {
          marks = 0;
          if (c >= 0x2801 && c <= 0x28ff) braille = true;
          else if (c === 0x2062 || c === 0x2064) sneaky = true;
          else if ((c >= 0xd83c && c <= 0xd83e) || (c >= 0x23f0 && c <= 0x2b50)) emoji = true;
        }
      } else marks = 0;
      i++;
      continue;
    }
    marks = 0;
    // A word: letters and digits to the next other unit. ASCII ones count in the payload runs, others end them.
    const start = i;
    let hash = 0; // of the word's ASCII units, folded
    let ascii = true;
    let block = c >> 7; // of the last unit
    let changes = 0; // of block between two units of the word
    let far = false; // a unit past the Latin blocks (U+0280 on)
    let sawTurned = false; // ǝ or ʇ
    for (;;) {
      if (c >> 7 !== block) {
        changes++;
        block = c >> 7;
      }
      if (c < 128) {
        const bits = PAYLOAD_CHARS[c] as number;
        b = (b + 1) & -(bits & 1);
        h = (h + 1) & -((bits >> 1) & 1);
        hash = (Math.imul(hash, 31) + (c <= 90 && c >= 65 ? c + 32 : c)) | 0;
      } else {
        b = 0;
        h = 0;
        ascii = false;
        if (c >= 0x280) far = true;
        if (c === 0x1dd || c === 0x287) sawTurned = true;
        else if (c >= 0xc0 && c <= 0x24f) marked++;
      }
      letters++;
      flags |= ((15 - b) >>> 31) | (((23 - h) >>> 31) << 1);
      if (!walk) i += len;
      else
        for (const end = i + len; i < end; i++) {
          const u = lower.charCodeAt(i);
          row = u < 128 ? (delta[row + (asciiClass[u] as number)] as number) : stepWide(literals, row, u);
          if (row >= firstRow)
            for (const k of outputs[output[row / classes] as number] as readonly number[]) hit(k, i + 1);
        }
      if (i >= n) break;
      c = text.charCodeAt(i);
      len = c < 128 ? (ASCII_WORD[c] as number) : wordCharAt(text, i);
      if (len === 0) break;
    }
    if (sawTurned && !turned) turned = turnedWord(text, start, i);
    if (changes >= 2 && far && i - start >= 8) {
      if (mixed.length < 2 * MIXED_WORDS) mixed.push(start, i);
      else mixed[mixed.length - 1] = i;
    }
    if (!done) {
      if (ascii) done = addWord(start, i - start, hash, i);
      else {
        const form = text.slice(start, i).toLowerCase();
        hash = 0;
        for (let k = 0; k < form.length; k++) hash = (Math.imul(hash, 31) + form.charCodeAt(k)) | 0;
        done = addFormWord(form, hash, start, i);
      }
    }
  }
  return {
    repetition: repeatsFound(),
    invisible,
    braille,
    sneaky,
    zalgo,
    turned,
    mixed,
    emoji,
    marked: marked > 0 && marked * 5 >= letters,
    base64: (flags & 1) !== 0,
    hex: (flags & 2) !== 0,
    marks: units | MARK_PART,
  };
}
