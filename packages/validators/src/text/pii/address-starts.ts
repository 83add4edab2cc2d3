/**
 * Where the ADDRESS recognizer's global scans (UNIT_RE, ATTACHED_RE, PREFIX_RE) can find a match,
 * computed around the digit runs of the facts pass, so that each pattern's sticky twin is tried only
 * there instead of at every position of the text. Each function gives, in increasing order and
 * without repeats, a superset of the positions where its pattern can match (why, next to it). Trying
 * a sticky twin at such a superset, skipping starts inside the previous match, finds exactly the
 * matches of the global scan (`forEachMatchAt`, `scanAnchoredAt`). Words are compared as word numbers
 * (address-words.ts).
 */
import { isAsciiWordUnit, spanAt, type TextFacts } from '../shared/facts';
import { code, DIGIT, LETTER, unitClass, WordTable, wordNumber } from './address-words';

/** `ASCII_INFO` bits: the unit's `code` (0-27), */
const CODE = 31;
/** a word unit of `\b` without the `u` flag (`[A-Za-z0-9_]`), */
const ASCII_WORD = 32;
/** a unit WORD allows (`[A-Za-z0-9.'-]`). */
const IN_WORD = 64;
const ASCII_INFO: Uint8Array = /* @__PURE__ */ (() => {
  const info = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    info[c] = code(c) | (isAsciiWordUnit(c) ? ASCII_WORD : 0) | (unitClass(c) !== 0 ? IN_WORD : 0);
  }
  return info;
})();

/** An ASCII letter's code (1-26), else 0. */
function letterCode(c: number): number {
  const l = c | 32;
  return l >= 97 && l <= 122 ? l - 96 : 0;
}

const UNIT_HEADS = /* @__PURE__ */ new WordTable(
  ['apt', 'apartment', 'suite', 'ste', 'unit', 'flat', 'room', 'rm', 'floor', 'fl', 'psc'],
  wordNumber,
);
const MILITARY_TAILS = /* @__PURE__ */ new WordTable(['aa', 'ae', 'ap'], wordNumber);
const BOX = /* @__PURE__ */ wordNumber('box');
/** Bit `x - 97` for each last letter `x` of the words above and "box". */
const UNIT_LAST_LETTERS = /* @__PURE__ */ [...'tmerlcxap'].reduce((bits, x) => bits | (1 << (x.charCodeAt(0) - 97)), 0);

/**
 * Possible starts of the UNIT_RE alternatives with a digit. Their first digit starts a digit run `r`;
 * before it come, going back: at most 4 units of ".", " ", "#" (`\.? ?#? ?`), then a word of ASCII
 * letters, after a `\b`, that is a unit word (apt … fl, or "psc" before "psc 1, box 2"), or ends in
 * "box" ("p.o. box", "p o box", "pobox": the "p" is 2 to 6 units before the "b"), or is "aa", "ae" or
 * "ap" 4 units after the start of "apo", "fpo" or "dpo".
 *
 * @example
 * ```ts
 * unitStarts('Apt 4', factsOf('Apt 4')); // [0]
 * ```
 */
export function unitStarts(t: string, f: TextFacts): number[] {
  const out: number[] = [];
  for (let k = 0; k < f.runs; k++) {
    const r = f.runStart[k] as number;
    let e = r;
    for (let c = t.charCodeAt(e - 1); r - e < 4 && (c === 32 || c === 35 || c === 46); c = t.charCodeAt(e - 1)) e--;
    // The word before ends in the last letter of a unit word, "box", "aa", "ae" or "ap".
    const last = (t.charCodeAt(e - 1) | 32) - 97;
    if (last < 0 || last > 25 || ((UNIT_LAST_LETTERS >>> last) & 1) === 0) continue;
    let p = e;
    let h = 0;
    for (let l = letterCode(t.charCodeAt(p - 1)); l > 0 && e - p < 10; l = letterCode(t.charCodeAt(p - 1))) {
      h = h * 40 + l;
      p--;
      if (e - p === 3 && h === BOX) {
        for (let q = Math.max(0, p - 6); q <= p - 2; q++)
          if ((t.charCodeAt(q) | 32) === 112 && boundary(t, q)) out.push(q);
      }
    }
    if (e - p < 2 || !boundary(t, p)) continue;
    if (UNIT_HEADS.has(h)) out.push(p);
    else if (e - p === 2 && p >= 4 && t.charCodeAt(p - 1) === 32 && MILITARY_TAILS.has(h)) out.push(p - 4);
  }
  return increasing(out);
}

/** `\b` before the unit at `p` when it is an ASCII word unit (without `u`). */
function boundary(t: string, p: number): boolean {
  return p === 0 || !isAsciiWordUnit(t.charCodeAt(p - 1));
}

/** Sort and drop repeats unless already increasing (the lists are short, and nearly always are). */
function increasing(a: number[]): number[] {
  for (let i = 1; i < a.length; i++) {
    if ((a[i] as number) <= (a[i - 1] as number)) return [...new Set(a)].sort((x, y) => x - y);
  }
  return a;
}

/**
 * Merge two increasing lists into one increasing list without repeats.
 *
 * @example
 * ```ts
 * mergeStarts([1, 5], [3]); // [1, 3, 5]
 * ```
 */
export function mergeStarts(a: number[], b: number[]): number[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  return increasing([...a, ...b]);
}

/**
 * Possible starts of ATTACHED_RE matches (pushed to `attached`) and of STREET_PREFIX_RE anchors (pushed
 * to `prefix`), both found by one walk back from each digit run `r` that follows a space and has at
 * most 5 digits (a sixth digit fails both patterns' ends, and so does backing off to fewer):
 * - ATTACHED_RE, "<ending> <digits>": the `ℓ` units before that space spell an ending (`endings`, as
 *   word numbers, 2 to 7 units);
 * - STREET_PREFIX_RE, "<type> (<word> ){0,3}<word> <digits>": no word has a space, so the space after
 *   the type word is the 2nd to 5th space counted back from `r - 1`, and the words between are WORDs
 *   (`[\p{L}\p{N}][\p{L}\p{M}\p{N}.'’-]{0,30}`: 1 to 31 units, no ASCII unit outside `[A-Za-z0-9.'-]`,
 *   the first a letter or digit); the type word (`types`, 2 to 9 units) ends at that space and starts
 *   after a `\b` (PREFIX_RE's).
 * Both lists come out increasing, without repeats.
 *
 * @example
 * ```ts
 * const attached: number[] = [];
 * const prefix: number[] = [];
 * streetWordStarts('Rue du Bac 46', factsOf('Rue du Bac 46'), ENDINGS, TYPES, attached, prefix); // prefix: [0]
 * ```
 */
export function streetWordStarts(
  t: string,
  f: TextFacts,
  endings: WordTable,
  types: WordTable,
  attached: number[],
  prefix: number[],
): void {
  let walked = -1; // the space before the last digit run walked from
  for (let k = 0; k < f.runs; k++) {
    const r = f.runStart[k] as number;
    const end = f.runEnd[k] as number;
    if (t.charCodeAt(r - 1) !== 32 || end - r > 5 || !streetNumberEnd(t, end)) continue;
    let s = r - 1; // the space after the m-th word counted back
    let last = false; // `s` is where the walk from an earlier run started
    for (let m = 1; m <= 5; m++) {
      // Walk back over the word that ends at `s`, reading its last units as a word number `h` (of the
      // units after `p`; -1 once a unit in no word was read).
      let h = 0;
      let bad = false; // the word has an ASCII unit that WORD does not allow
      let p = s - 1;
      for (; p >= 0 && s - p <= 32; p--) {
        const c = t.charCodeAt(p);
        const v = c < 128 ? (ASCII_INFO[c] as number) : 0;
        // A type word may start at p + 1 when `c` is not an ASCII word unit (PREFIX_RE's `\b`).
        if (m >= 2 && (v & ASCII_WORD) === 0 && h > 0 && s - p - 1 >= 2 && s - p - 1 <= 9 && types.has(h)) {
          prefix.push(p + 1);
        }
        if (c === 32) break;
        if (c < 128 && (v & IN_WORD) === 0) bad = true;
        if (h < 0 || s - p > 9) {
          if (m === 5 || last || bad) break; // the type word (9 units at most) is all that matters now
          continue;
        }
        const x = c < 128 ? v & CODE : code(c);
        if (x === 0) {
          h = -1;
          continue;
        }
        h = h * 40 + x;
        // No word of the list ends with these two units: none can start further back.
        if (s - p === 2 && !(m === 1 ? endings : types).hasPair(h)) h = -1;
        else if (m === 1 && s - p >= 2 && s - p <= 7 && endings.has(h)) attached.push(p);
      }
      if (p < 0 && m >= 2 && h > 0 && s >= 2 && s <= 9 && types.has(h)) prefix.push(0);
      // Going on needs this word to be a WORD of 1 to 31 units after a space.
      if (m === 5 || last || bad || p < 0 || t.charCodeAt(p) !== 32 || s - p - 1 < 1 || s - p - 1 > 31) break;
      if ((unitClass(t.charCodeAt(p + 1)) & (LETTER | DIGIT)) === 0) break;
      s = p;
      // The walk from the earlier run went on from here with the same steps, at a smaller depth: past
      // this space it has checked every word this walk would (only this one was its word 1).
      last = s === walked;
    }
    walked = r - 1;
  }
  sortInPlace(attached);
  sortInPlace(prefix);
}

/**
 * After the digits ending at `end`, both patterns read `[a-z]?\.?` and a look-ahead that refuses a
 * letter or digit: an ASCII letter followed by an ASCII letter or digit fails both ("5th", "10am").
 */
function streetNumberEnd(t: string, end: number): boolean {
  const c = t.charCodeAt(end) | 32;
  if (c < 97 || c > 122) return true;
  return (unitClass(t.charCodeAt(end + 1)) & (LETTER | DIGIT)) === 0 || t.charCodeAt(end + 1) >= 128;
}

function sortInPlace(a: number[]): void {
  const b = increasing(a);
  if (b !== a) {
    a.length = 0;
    a.push(...b);
  }
}

/**
 * Exactly `scanAnchored(anchor, re, text, accept, (m) => fn(m.index, m.index + m[0].length, arg))`
 * (shared/regex.ts) when no match of the global `anchor` starts inside another and `starts`
 * (increasing) holds every anchor at which `re` matches: `anchorAt`, the sticky twin of `anchor`, keeps
 * the starts that are anchors. An anchor where `re` fails (or which `accept` refuses) only moves the
 * scan past itself, where no other anchor starts, so leaving it out changes nothing. The sticky
 * patterns are run by `test`, which leaves the end of the match in `lastIndex` (no match array).
 *
 * @example
 * ```ts
 * scanAnchoredAt(PREFIX_AT, STREET_PREFIX_RE, text, starts, wordStart, (start, end) => {}, undefined);
 * ```
 */
export function scanAnchoredAt<A>(
  anchorAt: RegExp,
  re: RegExp,
  text: string,
  starts: readonly number[],
  accept: (text: string, index: number) => boolean,
  fn: (start: number, end: number, arg: A) => void,
  arg: A,
): void {
  let next = 0;
  for (const at of starts) {
    if (at < next) continue;
    anchorAt.lastIndex = at;
    if (!anchorAt.test(text)) continue;
    next = Math.max(at + 1, anchorAt.lastIndex);
    if (!accept(text, at)) continue;
    next = Math.max(next, spanAt(re, text, at, at, fn, arg));
  }
  anchorAt.lastIndex = 0;
}

/**
 * Exactly `forEachMatchAt(sticky, text, starts, (m) => fn(m.index, m.index + m[0].length, arg))`
 * (shared/facts.ts), run by `test`, which leaves the end of the match in `lastIndex` (no match array).
 *
 * @example
 * ```ts
 * matchSpansAt(UNIT_AT, text, starts, (start, end, parts) => parts.push({ start, end }), parts);
 * ```
 */
export function matchSpansAt<A>(
  sticky: RegExp,
  text: string,
  starts: readonly number[],
  fn: (start: number, end: number, arg: A) => void,
  arg: A,
): void {
  let next = 0;
  for (const at of starts) next = spanAt(sticky, text, at, next, fn, arg);
}
