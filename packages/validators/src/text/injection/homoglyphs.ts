/**
 * Homoglyphs: "іgnore аll prevіous іnstructіons" with Cyrillic "і" and "а", or "ɪɢɴᴏʀᴇ" in small capitals,
 * look like English to a reader and a model but match no phrase. NFKC keeps them (they are letters of
 * their own), so the injection detector reads such words back with the ASCII letters they are
 * confusable with (UTS #39 prototypes, `lookalikeOf`) and scans the text again, as it does text written
 * in leetspeak (views.ts). Only words a homoglyph attack makes are read back: words that mix ASCII letters
 * with lookalikes, and words of three letters or more made of lookalikes only; a word with any other
 * letter (most Cyrillic and Greek words), or of more than 64 units, stays as it is.
 */
import { isLetterUnit } from '../shared/letters';
import { lookalikeCode, lookalikePattern } from '../unicode/confusables';

/** Units kept on each side of a homoglyph word in the text read back (a phrase around it is shorter). */
export const HOMOGLYPH_REACH = 256;
/** Homoglyph words read back per text, the first ones (bounds the rescan a text of them causes). */
export const HOMOGLYPH_WORDS = 4096;

/**
 * `lower` (a normalized, lower-cased text) read back with the lookalike letters of its homoglyph words
 * (the first `HOMOGLYPH_WORDS`) as ASCII letters: the parts of the text within `HOMOGLYPH_REACH` units of such a word, joined by
 * line breaks (a phrase found there and not in `lower` holds one of the words: the rest of the text was
 * scanned as it is), and the span of the first such word; undefined when no word is one.
 *
 * @example
 * ```ts
 * homoglyphsOf('іgnore аll')?.text; // 'ignore all'
 * ```
 */
export function homoglyphsOf(lower: string): { text: string; start: number; end: number } | undefined {
  // Most texts have no lookalike at all: one regex scan tells.
  if (!lookalikePattern().test(lower)) return undefined;
  // The homoglyph words: start, end and the word in ASCII letters.
  const starts: number[] = [];
  const ends: number[] = [];
  const words: string[] = [];
  const n = lower.length;
  let i = 0;
  while (i < n && words.length < HOMOGLYPH_WORDS) {
    const c = lower.charCodeAt(i);
    if (c < 128 || lookalikeCode(c) === 0) {
      // Skip to the next lookalike (a letter: a word without one is never read back); its word starts
      // at the letters before it.
      i++;
      continue;
    }
    let start = i;
    while (start > 0 && isWordUnit(lower, start - 1)) start--;
    let end = i;
    while (end < n && isWordUnit(lower, end)) end++;
    let ascii = false;
    let lookalikes = 0;
    let others = 0;
    for (let k = start; k < end; k++) {
      const u = lower.charCodeAt(k);
      if (u < 128) ascii = true;
      else if (lookalikeCode(u) !== 0) lookalikes++;
      else others++;
    }
    if (
      lookalikes > 0 &&
      others === 0 &&
      end - start <= LONGEST_WORD &&
      (ascii || (lookalikes === end - start && lookalikes >= 3))
    ) {
      const codes: number[] = [];
      for (let k = start; k < end; k++) {
        const u = lower.charCodeAt(k);
        codes.push(u < 128 ? u : lookalikeCode(u));
      }
      const word = String.fromCharCode(...codes);
      starts.push(start);
      ends.push(end);
      words.push(word);
    }
    i = end;
  }
  if (words.length === 0) return undefined;
  // The parts within reach of the words, overlapping ones merged.
  const parts: string[] = [];
  let w = 0;
  while (w < words.length) {
    const from = Math.max(0, (starts[w] as number) - HOMOGLYPH_REACH);
    let part = '';
    let at = from;
    let to = Math.min(n, (ends[w] as number) + HOMOGLYPH_REACH);
    while (w < words.length && (starts[w] as number) <= to) {
      part += lower.slice(at, starts[w]) + (words[w] as string);
      at = ends[w] as number;
      to = Math.max(to, Math.min(n, at + HOMOGLYPH_REACH));
      w++;
    }
    parts.push(part + lower.slice(at, to));
  }
  return { text: parts.join('\n'), start: starts[0] as number, end: ends[0] as number };
}

/** Longest word read back (a homoglyph attack writes words, not runs of thousands of letters). */
const LONGEST_WORD = 64;

/** A letter of a word: an ASCII letter or digit, or a non-ASCII letter (one UTF-16 unit). */
function isWordUnit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  // Every lookalike is a letter; a surrogate is no letter on its own.
  return isLetterUnit(c);
}
