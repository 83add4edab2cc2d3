/**
 * Homoglyphs: "іgnore аll prevіous іnstructіons" with Cyrillic "і" and "а", or "ɪɢɴᴏʀᴇ" in small capitals,
 * look like English to a reader and a model but match no phrase. NFKC keeps them (they are letters of
 * their own), so the injection detector reads such words back with the ASCII letters they are
 * confusable with (UTS #39 prototypes, `lookalikeOf`) and scans the text again, as it does text written
 * in leetspeak (views.ts). Only words a homoglyph attack makes are read back: words that mix ASCII letters
 * with lookalikes, and words of three letters or more made of lookalikes only; a word with any other
 * letter (most Cyrillic and Greek words) stays as it is.
 */
import { lookalikeOf, lookalikePattern } from '../unicode/confusables';

const LETTER = /\p{L}/u;

/**
 * `lower` (a normalized, lower-cased text) with the lookalike letters of homoglyph words as ASCII
 * letters (the same length: each lookalike is one unit, and so is its letter), and the span of the
 * first such word; undefined when no word is one.
 *
 * @example
 * ```ts
 * homoglyphsOf('іgnore аll')?.text; // 'ignore all'
 * ```
 */
export function homoglyphsOf(lower: string): { text: string; start: number; end: number } | undefined {
  // Most texts have no lookalike at all: one regex scan tells.
  if (!lookalikePattern().test(lower)) return undefined;
  // The text read back: its pieces up to `copied`, each homoglyph word in ASCII letters.
  const out: string[] = [];
  let copied = 0;
  let first = -1;
  let firstEnd = -1;
  const n = lower.length;
  let i = 0;
  while (i < n) {
    const c = lower.charCodeAt(i);
    if (c < 128 || lookalikeOf(c) === undefined) {
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
      else if (lookalikeOf(u) !== undefined) lookalikes++;
      else others++;
    }
    if (lookalikes > 0 && others === 0 && (ascii || (lookalikes === end - start && lookalikes >= 3))) {
      out.push(lower.slice(copied, start));
      let word = '';
      for (let k = start; k < end; k++) {
        const u = lower.charCodeAt(k);
        word += u < 128 ? (lower[k] as string) : (lookalikeOf(u) as string);
      }
      out.push(word);
      copied = end;
      if (first < 0) {
        first = start;
        firstEnd = end;
      }
    }
    i = end;
  }
  if (first < 0) return undefined;
  out.push(lower.slice(copied));
  return { text: out.join(''), start: first, end: firstEnd };
}

/** A letter of a word: an ASCII letter or digit, or a non-ASCII letter (one UTF-16 unit). */
function isWordUnit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return c < 0xd800 || c > 0xdfff ? LETTER.test(s[i] as string) : false;
}
