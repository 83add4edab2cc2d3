/**
 * Where the named-date pattern of the DATE_TIME recognizer can match, found from the digit runs without
 * running it over the whole text; its sticky twin is tried only there. The pattern is `/i` without `/u`,
 * so `\b`, `\d`, letters and case folding are ASCII-only (U+017F and U+212A match nothing in it and
 * are non-word units for `\b`).
 *
 * Why the starts are exact:
 * - NAMED_DATE_RE: every alternative starts with `\b` and then either `\d{1,2}` followed by one of
 *   `s n r t` (any case) or " ", or a month name (3-9 letters) followed by an optional "." and then
 *   " " and a digit. A digit start is a digit-run start (`\b` rules out a digit before it) of a run of
 *   1-2 digits, with no word unit before it. A month start p begins the run of ASCII letters that ends
 *   at e where text[e..s) is " " or ". " and s starts a digit run: the month name is all letters and is
 *   followed by "." or " ", so it spans the whole letter run, and `\b` needs no word unit before p.
 *   Each digit run gives at most one start of each kind, the month start before the digit start, so
 *   the starts come in increasing order.
 * The sticky twin is tried at each start that is not inside the previous match, as the global scan
 * (leftmost match, then resume at its end) would, so the matches and their order are the global ones.
 */
import { type TextFacts, tryAt } from '../shared/facts';

/** `[A-Za-z0-9_]`: a word unit for `\b` without `/u`. */
function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;
}

function isLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `MONTH3[(a * 26 + b) * 26 + c]` is 1 for the first three letters (a-z as 0-25) of a month name. */
const MONTH3: Uint8Array = /* @__PURE__ */ (() => {
  const t = new Uint8Array(26 * 26 * 26);
  for (const m of MONTHS) t[((m.charCodeAt(0) - 97) * 26 + (m.charCodeAt(1) - 97)) * 26 + (m.charCodeAt(2) - 97)] = 1;
  return t;
})();

/** Bit `x - 97` set for each last letter x of a month name (jan, january, ..., sept, september, ...). */
const MONTH_LAST: number = /* @__PURE__ */ (() => {
  let bits = 0;
  for (const c of 'nybrhlegtpvc') bits |= 1 << (c.charCodeAt(0) - 97);
  return bits;
})();

/** `(c | 32) - 97`: 0-25 for an ASCII letter (`c | 32` maps A-Z to a-z and nothing else into a-z), else out of 0-25. */
function letterIndex(c: number): number {
  return (c | 32) - 97;
}

/** The three units at `q` are the first three letters of a month name in some case, as MONTH needs. */
function monthAt(text: string, q: number): boolean {
  const a = letterIndex(text.charCodeAt(q));
  const b = letterIndex(text.charCodeAt(q + 1));
  const c = letterIndex(text.charCodeAt(q + 2));
  return (a | b | c) >= 0 && a < 26 && b < 26 && c < 26 && MONTH3[(a * 26 + b) * 26 + c] === 1;
}

/** Start of the run of at most `max` ASCII letters ending before `end`, or -1 (longer, or a word unit before it). */
function wordStartBefore(text: string, end: number, max: number): number {
  let p = end;
  while (p > 0 && end - p <= max && isLetter(text.charCodeAt(p - 1))) p--;
  if (end - p > max || (p > 0 && isWord(text.charCodeAt(p - 1)))) return -1;
  return p;
}

/** The start of a month name before the digit run at `s`, or -1 where NAMED_DATE_RE cannot start one. */
function monthStart(text: string, s: number): number {
  if (text.charCodeAt(s - 1) !== 32) return -1;
  const e = text.charCodeAt(s - 2) === 46 ? s - 2 : s - 1;
  const last = letterIndex(text.charCodeAt(e - 1));
  if (last < 0 || last >= 26 || ((MONTH_LAST >> last) & 1) === 0) return -1;
  const p = wordStartBefore(text, e, 9);
  return p >= 0 && e - p >= 3 && monthAt(text, p) ? p : -1;
}

/** NAMED_DATE_RE can start at the digit run `[s, e)`: `\d{1,2}(?:st|nd|rd|th)? (?:of )?` and a month. */
function digitStart(text: string, s: number, e: number): boolean {
  if (e - s > 2 || (s > 0 && isWord(text.charCodeAt(s - 1)))) return false;
  let q = e;
  if (text.charCodeAt(q) !== 32) {
    const a = text.charCodeAt(q) | 32;
    const b = text.charCodeAt(q + 1) | 32;
    // st nd rd th
    if (!((a === 115 && b === 116) || (a === 110 && b === 100) || (a === 114 && b === 100) || (a === 116 && b === 104)))
      return false;
    q += 2;
    if (text.charCodeAt(q) !== 32) return false;
  }
  q++;
  if (monthAt(text, q)) return true;
  return (
    (text.charCodeAt(q) | 32) === 111 &&
    (text.charCodeAt(q + 1) | 32) === 102 &&
    text.charCodeAt(q + 2) === 32 &&
    monthAt(text, q + 3)
  );
}

/**
 * Every match of NAMED_DATE_RE (given as its sticky twin `sticky`) in `text`, in order, as the global
 * scan finds them; `facts` are those of `text`.
 * @internal
 *
 * @example
 * ```ts
 * forEachNamedDate(NAMED_AT, text, factsOf(text), (m, out) => out.push([m.index, m[0].length]), spans);
 * ```
 */
export function forEachNamedDate<A>(
  sticky: RegExp,
  text: string,
  facts: TextFacts,
  fn: (m: RegExpExecArray, arg: A) => void,
  arg: A,
): void {
  let next = 0;
  for (let k = 0; k < facts.runs; k++) {
    const s = facts.runStart[k] as number;
    const p = s >= 4 ? monthStart(text, s) : -1;
    if (p >= 0) next = tryAt(sticky, text, p, next, fn, arg);
    if (s >= next && digitStart(text, s, facts.runEnd[k] as number)) next = tryAt(sticky, text, s, next, fn, arg);
  }
  sticky.lastIndex = 0;
}
