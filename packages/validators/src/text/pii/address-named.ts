/**
 * Streets named without a house number: one to three capitalized words or an ordinal, then a street
 * type written out ("Main Street", "5th Avenue"), right after a word that places something on a
 * street: "the corner of Main Street and 5th Avenue", "the intersection of Oak Street and Elm Avenue",
 * "we met on Boyle Street", "at Abbey Road". Without such a word a capitalized phrase ending in "Road"
 * or "Lane" is as often a title or a firm, and is left alone. Each street is an ADDRESS of its own and a
 * street line (a name inside it is the street's, street-names.ts).
 */
import { stickyTwin } from '../shared/facts';
import type { PiiCandidate } from './types';

const TYPES = 'Street|Avenue|Road|Lane|Drive|Boulevard|Parkway|Highway|Terrace|Crescent';
/** @internal Every NAMED_STREET_RE match has one of its street types (a text without one is skipped). */
export const NAMED_STREET_GATE: RegExp = new RegExp(TYPES);
/**
 * @internal A placing word ("corner of", "intersection of", "on", "at", "and"...), then the street
 * (group 1): one to three capitalized words or an ordinal, and a street type.
 */
export const NAMED_STREET_RE: RegExp = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:corner of|intersection of|junction of|on|at|and|off|onto|along|near|via|between) ((?:(?:\\p{Lu}[\\p{L}\\p{M}'’-]{0,30}|\\d{1,3}(?:st|nd|rd|th)) ){1,3}(?:${TYPES}))(?![\\p{L}\\p{N}])`,
  'gu',
);

/** Score of a named street (a placing word before it, no house number). */
const NAMED_SCORE = 0.6;

/**
 * @internal Streets named without a house number that mostly stand for a trade, a government or a show
 * ("Wall Street has turned off the capital", "the Wall Street Journal", "Downing Street said"): no
 * ADDRESS there. With a house number they are addresses as any other ("10 Downing Street").
 */
export const FIGURATIVE_STREETS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'Wall Street',
  'Fleet Street',
  'Downing Street',
  'Sesame Street',
  'Easy Street',
]);

/**
 * @internal The street types (global, in text order): every NAMED_STREET_RE match ends at one (the
 * sticky twin then checks what follows it). No look-ahead here: with it the regex needed the `u` flag,
 * which made this scan over a long text 1.8% of detectPII's time, and no type holds another after its
 * first unit, so a scan that goes on after a type followed by a letter ("Streets") misses none.
 */
export const STREET_TYPE_RE: RegExp = new RegExp(TYPES, 'g');
/** NAMED_STREET_RE, tried at one position. */
const NAMED_AT: RegExp = /* @__PURE__ */ stickyTwin(NAMED_STREET_RE);

/** Most space-separated tokens before a street type that a match can span: "corner of A B C Street". */
const TOKENS_BACK = 5;
/** Longest token looked at (a capitalized word of NAMED_STREET_RE has at most 31 units). */
const TOKEN_MAX = 32;

/**
 * Exactly the matches of NAMED_STREET_RE over `text`, emitted through `emitAddress` (start and end of
 * the street, its score, and `true`: a street line). The regex is not run over the text: every match
 * ends at a street type after a space, with its placing word at most `TOKENS_BACK` space-separated
 * tokens before, so it is tried only at the word starts of those tokens, the leftmost first, keeping a
 * match that ends at that type (one that goes on to a later type is that type's, found there, and no
 * other placing word can stand between: the words of a match are capitalized). Call it only when
 * `NAMED_STREET_GATE` matches `text` (else there is no type to find).
 * @internal
 *
 * @example
 * ```ts
 * namedStreets('the corner of Main Street and 5th Avenue', emitAddress, emit); // "Main Street", "5th Avenue"
 * ```
 */
export function namedStreets(
  text: string,
  emitAddress: (start: number, end: number, score: number, line: boolean, emit: (c: PiiCandidate) => void) => void,
  emit: (c: PiiCandidate) => void,
): void {
  const types = STREET_TYPE_RE;
  types.lastIndex = 0;
  let next = 0; // the end of the last match (matches do not overlap)
  const starts: number[] = [];
  for (let t = types.exec(text); t !== null; t = types.exec(text)) {
    const at = t.index;
    const end = at + t[0].length;
    // The starts of up to TOKENS_BACK tokens before the type, each followed by one space.
    starts.length = 0;
    let q = at;
    while (starts.length < TOKENS_BACK && q > 0 && text.charCodeAt(q - 1) === 32) {
      let s = q - 1;
      while (s > 0 && text.charCodeAt(s - 1) !== 32 && q - 1 - s < TOKEN_MAX) s--;
      if (s === q - 1) break; // two spaces in a row: no match spans them
      starts.push(s);
      q = s;
    }
    let found = false;
    for (let k = starts.length - 1; k >= 0 && !found; k--) {
      const from = starts[k] as number;
      const to = k === 0 ? at : (starts[k - 1] as number);
      // A placing word starts after a unit that is no letter or digit (its look-behind): the token's
      // start, or a position after punctuation inside it ("(on").
      for (let i = Math.max(from, next); i < to && !found; i++) {
        if (i > from && isWordUnit(text, i - 1)) continue;
        NAMED_AT.lastIndex = i;
        const m = NAMED_AT.exec(text);
        if (m === null || NAMED_AT.lastIndex !== end) continue;
        // A street that stands for something else ("Wall Street has turned off the capital") is none.
        if (!FIGURATIVE_STREETS.has(m[1] as string))
          emitAddress(end - (m[1] as string).length, end, NAMED_SCORE, true, emit);
        next = end;
        found = true;
      }
    }
  }
  types.lastIndex = 0;
  NAMED_AT.lastIndex = 0;
}

/** A letter, mark or digit at `i` (what NAMED_STREET_RE's look-behind refuses before a placing word). */
function isWordUnit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  return WORD_UNIT.test(text[i] as string);
}

const WORD_UNIT = /[\p{L}\p{N}]/u;
