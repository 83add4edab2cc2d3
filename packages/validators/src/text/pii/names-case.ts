/**
 * Which words of a text are written without capitals: fewer than one word in 20 capitalized among the
 * words that start at most `LOWER_BEFORE` units before the word's start and at most `LOWER_AFTER` units
 * after it (about 40 words of prose). There the PERSON scan also looks for lower-case given + family
 * names ("name: angela bravo"), which in capitalized writing would mostly be ordinary words.
 *
 * The decision is local, not one for the whole text, so that a long stretch written in lower case
 * inside a capitalized document (a chat log, a transcript) is read as lower-case writing, and so that a
 * stream redactor decides every word as a scan of the whole text does: it scans each new piece with
 * `SCAN_BEFORE` units of the text before it, more than the window reaches back, and a word that starts
 * two or more units into a scan starts there in the whole text too (the tokenizer looks two units back).
 */
import type { Words } from './names-tokens';

/** Units before a word's start whose words count (at most `SCAN_BEFORE` - 2: a stream scan reads them all). */
export const LOWER_BEFORE = 120;
/** Units after a word's start whose words count. */
export const LOWER_AFTER = 120;

/**
 * Whether some word that is not capitalized is written without capitals (see above): only those can
 * start a lower-case name. When true, `w.lower[i]` is 1 for each word `i` written without capitals and
 * 0 for the others (when false, `w.lower` is not read and may hold anything).
 * @internal
 *
 * @example
 * ```ts
 * tokenize(w, 'name: angela bravo', table);
 * markLowerCase(w); // true; w.lower[0 .. 2] are 1
 * ```
 */
export function markLowerCase(w: Words): boolean {
  const n = w.n;
  const starts = w.start;
  const cap = w.cap;
  const lower = w.lower;
  if (n === 0) return false;
  // Every window holds every word (short texts): one decision for the text.
  if ((starts[n - 1] as number) - (starts[0] as number) <= Math.min(LOWER_BEFORE, LOWER_AFTER)) {
    if (w.upper * 20 >= n) return false;
    lower.fill(1, 0, n);
    return true; // and some word is not capitalized
  }
  let lo = 0;
  let hi = 0;
  let caps = 0;
  let any = false;
  for (let i = 0; i < n; i++) {
    const s = starts[i] as number;
    while (hi < n && (starts[hi] as number) - s <= LOWER_AFTER) caps += cap[hi++] as number;
    while (s - (starts[lo] as number) > LOWER_BEFORE) caps -= cap[lo++] as number;
    const isLower = caps * 20 < hi - lo;
    lower[i] = isLower ? 1 : 0;
    if (isLower && cap[i] === 0) any = true;
  }
  return any;
}
