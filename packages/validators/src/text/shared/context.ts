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
  // Walk the letter runs of the window (no regex, no allocation for windows without letters).
  let i = 0;
  while (i < s.length) {
    if (!isLetter(s, i)) {
      i++;
      continue;
    }
    const start = i;
    while (i < s.length && isLetter(s, i)) i++;
    if (i - start <= 24 && words.has(s.slice(start, i).toLowerCase())) return true;
  }
  return false;
}

function isLetter(s: string, i: number): boolean {
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
