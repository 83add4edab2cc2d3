/**
 * Streets named without a house number: one to three capitalized words or an ordinal, then a street
 * type written out ("Main Street", "5th Avenue"), right after a word that places something on a
 * street: "the corner of Main Street and 5th Avenue", "the intersection of Oak Street and Elm Avenue",
 * "we met on Boyle Street", "at Abbey Road". Without such a word a capitalized phrase ending in "Road"
 * or "Lane" is as often a title or a firm, and is left alone. Each street is an ADDRESS of its own and a
 * street line (a name inside it is the street's, street-names.ts).
 */
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
 * Emit the streets of `text` named after a placing word, through `emitAddress` (start, end, score, and
 * `true`: a street line). Call it only when `NAMED_STREET_GATE` matches `text` (else it finds nothing).
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
  const re = NAMED_STREET_RE;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].length;
    // The street is the match without its placing word: the end of the match.
    emitAddress(end - (m[1] as string).length, end, NAMED_SCORE, true, emit);
  }
  re.lastIndex = 0;
}
