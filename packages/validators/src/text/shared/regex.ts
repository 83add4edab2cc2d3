/**
 * Regex scanning helpers. Every pattern of the text detectors is linear-time (bounded repetitions,
 * anchors by look-behind, no nested unbounded quantifiers) and is checked by `recheck` in the tests;
 * this module only iterates matches without allocating per-character.
 */

/**
 * Call `fn(match)` for every match of a global (or sticky) regex over `text`, advancing past
 * empty matches, until `fn` returns `false` (any other result goes on). The regex's `lastIndex` is
 * reset before and after.
 *
 * @example
 * ```ts
 * forEachMatch(/\d+/g, 'a1b22', (m) => console.log(m.index, m[0]));
 * forEachMatch(/\d+/g, 'a1b22', (m) => m[0].length < 2); // stops at "22"
 * ```
 */
export function forEachMatch(re: RegExp, text: string, fn: (m: RegExpExecArray) => unknown): void {
  re.lastIndex = 0;
  let m = re.exec(text);
  while (m !== null) {
    if (fn(m) === false) break;
    if (m[0].length === 0) re.lastIndex++;
    m = re.exec(text);
  }
  re.lastIndex = 0;
}

/**
 * True when `text` has a word character (letter, digit, underscore, any script) at `i`.
 *
 * @example
 * ```ts
 * isWordAt('a b', 1); // false
 * ```
 */
export function isWordAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) return true;
  if (c < 128) return false;
  return WORD_RE.test(text[i] as string);
}

/** @internal */
export const WORD_RE: RegExp = /[\p{L}\p{M}\p{N}]/u;

/**
 * Count the decimal digits of a string.
 *
 * @example
 * ```ts
 * countDigits('(555) 010-0000'); // 10
 * ```
 */
export function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/**
 * The decimal digits of a string, in order.
 *
 * @example
 * ```ts
 * digitsOf('4111-1111'); // '41111111'
 * ```
 */
export function digitsOf(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) out += s[i];
  }
  return out;
}

/**
 * Anchored scanning for patterns that would otherwise be tried at every position: a cheap global
 * `anchor` regex (a literal or a simple class) finds candidate starts, `accept(text, index)` filters
 * them (e.g. "the previous character is not a letter"), and the sticky `re` (flag `y`) is tried only
 * there. Matches do not overlap; the scan resumes after each match.
 *
 * @example
 * ```ts
 * scanAnchored(/\d/g, /\d{3}-\d{4}/y, text, (t, i) => !isWordAt(t, i - 1), (m) => console.log(m[0]));
 * ```
 */
export function scanAnchored(
  anchor: RegExp,
  re: RegExp,
  text: string,
  accept: (text: string, index: number) => boolean,
  fn: (m: RegExpExecArray) => void,
): void {
  anchor.lastIndex = 0;
  let a = anchor.exec(text);
  while (a !== null) {
    const at = a.index;
    let next = at + Math.max(1, a[0].length);
    if (accept(text, at)) {
      re.lastIndex = at;
      const m = re.exec(text);
      if (m !== null && m.index === at) {
        fn(m);
        next = Math.max(next, at + Math.max(1, m[0].length));
      }
    }
    anchor.lastIndex = next;
    a = anchor.exec(text);
  }
  anchor.lastIndex = 0;
  re.lastIndex = 0;
}

/** @internal */
export const LETTER_OR_DIGIT: RegExp = /[\p{L}\p{M}\p{N}]/u;

/**
 * True when the UTF-16 unit at `i` is a letter, combining mark or digit (any script); false outside the string.
 *
 * @example
 * ```ts
 * isAlnumAt('é1', 0); // true
 * ```
 */
export function isAlnumAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  if (c >= 0xdc00 && c <= 0xdfff) return i > 0 && LETTER_OR_DIGIT.test(text.slice(i - 1, i + 1));
  return LETTER_OR_DIGIT.test(text.slice(i, c >= 0xd800 && c <= 0xdbff ? i + 2 : i + 1));
}
