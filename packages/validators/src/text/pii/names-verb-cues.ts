/**
 * Cues of the PERSON scan read from the verbs and pronouns around a word, for names no list knows:
 * - naming: "call me Ishmael", "everyone calls me Adlan", "she named him joshua";
 * - giving: "had given Mikal his address", "told Ayla her results" (a giving verb, the word, a possessive
 *   determiner);
 * - acting: "Kotoya shouted at Morgan" (a verb only people do, right after the word);
 * - a relation: "my boss Mark", "our CEO Bill" (a possessive determiner and a relation noun before it);
 * - owning: "here's Gregorina's address", "Soib's phone" (a possessive before a personal noun);
 * - a line of its own, in lower-case writing: "jared paavolainen" above an address (a known given name and
 *   one more word, alone on their line).
 * Words are adjacent (one space, or a period and a space, between them), as in the other cues; the two words
 * of a name line have exactly one space between them.
 */

import { isAlnumAt } from '../shared/regex';
import { type Gazetteer, IN_FIRST } from './gazetteer';
import {
  NOT_SURNAMES,
  W_GIVING,
  W_GREETING,
  W_HONORIFIC,
  W_HUMAN_VERB,
  W_NAMING,
  W_NOT_NAME,
  W_OBJECT,
  W_PARTICLE,
  W_PERSONAL,
  W_POSSESSIVE,
  W_RELATION,
  W_VOCATIVE,
} from './names-lists';
import type { Words } from './names-tokens';
import { adjacent, inList, lowerOf, spaced, wordsOf } from './names-words';

/**
 * Word `i` is named by the words around it: after a naming verb and an object pronoun ("calls me
 * Adlan"), between a giving verb and a possessive determiner ("given Mikal his"), after a possessive
 * determiner and a relation noun ("my boss Mark"), or before a verb only people do ("Kotoya shouted").
 * @internal
 *
 * @example
 * ```ts
 * verbCue(w, 3); // true for "everyone calls me Adlan"
 * ```
 */
export function verbCue(w: Words, i: number): boolean {
  const prev = i - 1;
  const next = i + 1;
  if (prev >= 0 && adjacent(w, prev, i)) {
    const f = wordsOf(w, prev);
    if ((f & W_OBJECT) !== 0 && namingBefore(w, prev)) return true;
    if ((f & W_GIVING) !== 0 && next < w.n && adjacent(w, i, next) && (wordsOf(w, next) & W_POSSESSIVE) !== 0) {
      return true;
    }
    if ((f & W_RELATION) !== 0 && relationBefore(w, prev, i)) return true;
  }
  return next < w.n && adjacent(w, i, next) && (wordsOf(w, next) & W_HUMAN_VERB) !== 0;
}

/**
 * Word `k` (a relation noun) comes between a possessive determiner and word `i`, one space apart: "my
 * boss Mark", "our CEO Bill".
 */
function relationBefore(w: Words, k: number, i: number): boolean {
  return k >= 1 && spaced(w, k, i) && spaced(w, k - 1, k) && (wordsOf(w, k - 1) & W_POSSESSIVE) !== 0;
}

/**
 * Word `k` (an object pronoun) follows a naming verb one space before it: "calls me", "named him".
 * @internal
 *
 * @example
 * ```ts
 * namingBefore(w, 2); // true for "everyone calls me Adlan"
 * ```
 */
export function namingBefore(w: Words, k: number): boolean {
  return k >= 1 && adjacent(w, k - 1, k) && (wordsOf(w, k - 1) & W_NAMING) !== 0;
}

/**
 * Possessive word `i` ("Gregorina's") is followed by a personal noun ("address", "daughter").
 * @internal
 *
 * @example
 * ```ts
 * personalNounAfter(w, 1); // true for "here's Gregorina's address"
 * ```
 */
export function personalNounAfter(w: Words, i: number): boolean {
  const next = i + 1;
  return next < w.n && adjacent(w, i, next) && (wordsOf(w, next) & W_PERSONAL) !== 0;
}

/** Units looked back for the line break before a name line's first word (bullets, quotes, indentation). */
const LINE_PREFIX = 16;
/** Spaces and tabs looked over after a name line's last word. */
const LINE_SUFFIX = 8;

/**
 * The end of a name line at lower-case word `i` in lower-case writing, or -1: word `i` is a known given
 * name that starts its line (after at most `LINE_PREFIX` units of no letter, mark or digit: "??? natasha
 * higuchi"), and the next word, of two units or more, after exactly one space and also in lower-case writing,
 * ends the line ("jared paavolainen⏎"); neither is a particle, honorific or common word. Both looks are bounded, so a stream
 * decides the line as the whole text does.
 * @internal
 *
 * @example
 * ```ts
 * nameLineEnd(w, g, 0); // 17 for "jared paavolainen\n16 Salontie 6"
 * ```
 */
export function nameLineEnd(w: Words, g: Gazetteer, i: number): number {
  const next = i + 1;
  if (next >= w.n || w.cap[next] === 1 || w.lower[next] !== 1) return -1;
  const t = w.text;
  // One space between the words ("israel. seed" is two sentences).
  if (!spaced(w, i, next)) return -1;
  const end = w.end[next] as number;
  if (end - (w.start[next] as number) < 2) return -1; // "line i"
  let k = end;
  while (k < t.length && k - end < LINE_SUFFIX && (t.charCodeAt(k) === 32 || t.charCodeAt(k) === 9)) k++;
  if (k < t.length && t.charCodeAt(k) !== 10 && t.charCodeAt(k) !== 13) return -1;
  if (!startsLine(t, w.start[i] as number)) return -1;
  const stop = W_PARTICLE | W_HONORIFIC | W_NOT_NAME | W_GREETING | W_VOCATIVE;
  if ((wordsOf(w, i) & stop) !== 0 || (wordsOf(w, next) & stop) !== 0) return -1;
  if (NOT_SURNAMES.has(lowerOf(w, next)) || !inList(w, i, IN_FIRST, g.firstNames)) return -1;
  return end;
}

/** At most `LINE_PREFIX` units, none a letter, mark or digit, lie between a line break (or the text's start) and `start`. */
function startsLine(t: string, start: number): boolean {
  for (let k = start - 1; k >= 0; k--) {
    const c = t.charCodeAt(k);
    if (c === 10 || c === 13) return true;
    if (start - k > LINE_PREFIX || isAlnumAt(t, k)) return false;
  }
  return true;
}
