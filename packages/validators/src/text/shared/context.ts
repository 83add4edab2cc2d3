/**
 * Context words: words near a candidate that make it more likely to be what the pattern says
 * ("SSN: 078-05-1120", "call me at ..."). Presidio raises a score by 0.35 when a context word is among
 * the few words before a match; we look at a window of characters before and after the match.
 */

/** Characters before a match searched for context words. */
export const CONTEXT_BEFORE = 48;
/** Characters after a match searched for context words. */
export const CONTEXT_AFTER = 24;

/** @internal */
export const LETTER: RegExp = /[\p{L}\p{M}]/u;

/**
 * True when one of `words` (lower-case) appears as a whole word in the window around `[start, end)`.
 *
 * @example
 * ```ts
 * hasContext('my ssn is 078-05-1120', 10, 21, new Set(['ssn'])); // true
 * ```
 */
export function hasContext(
  text: string,
  start: number,
  end: number,
  words: ReadonlySet<string>,
  before = CONTEXT_BEFORE,
  after = CONTEXT_AFTER,
): boolean {
  if (words.size === 0) return false;
  const left = text.slice(Math.max(0, start - before), start);
  const right = text.slice(end, Math.min(text.length, end + after));
  return windowHas(left, words) || windowHas(right, words);
}

function windowHas(s: string, words: ReadonlySet<string>): boolean {
  const lower = s.toLowerCase();
  for (const w of words) {
    for (let i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) {
      if (!isLetter(lower, i - 1) && !isLetter(lower, i + w.length)) return true;
    }
  }
  return false;
}

function isLetter(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39;
  return LETTER.test(s[i] as string);
}

/**
 * A lower-cased word set from a space-separated list (module-level constants stay tree-shakeable).
 *
 * @example
 * ```ts
 * const words = wordSet('phone call mobile');
 * ```
 */
export function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}
