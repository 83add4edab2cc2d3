/**
 * People named together: in a list of capitalized words joined by commas and a final "and" or "or"
 * ("our founders: Eklund, Warren and Bailey", "Sousa and Ball were engineers"), two known given or
 * family names that are no places make every member a person, unknown names and lone family names
 * included (alone they score under the default threshold, or nothing). Each member is one capitalized
 * word kept by `markCaps` (no list word, no organization's word, no short capitals) and not a word that
 * follows a cue as often as a name ("The"). Left alone: a list with a member that is a known place and
 * no name ("Berlin, Paris and Rome"), one with a member of several words ("Merrill Lynch, Arrive Labs
 * and Buildzoom": firms), and one followed by a number ("Lauren and Sorlaskeid 32": a street).
 */
import { type Gazetteer, IN_FIRST, IN_LAST, IN_PLACE } from './gazetteer';
import { CUE_STOPS, PERSON_CONTEXT } from './names-lists';
import { emitName } from './names-streets';
import type { Words } from './names-tokens';
import { adjacent, inList, keptCap, lowerOf, possessive, spaced } from './names-words';
import type { PiiCandidate } from './types';

/** Score of each member of a list of people. */
const LISTED = 0.55;

/**
 * Emit each member of the lists of people in `w` (capitalized writing; after `markCaps`) as a PERSON.
 * @internal
 *
 * @example
 * ```ts
 * scanCoordinated(w, defaultGazetteer(), emit); // "Eklund", "Warren", "Bailey" in "Eklund, Warren and Bailey"
 * ```
 */
export function scanCoordinated(w: Words, g: Gazetteer, emit: (c: PiiCandidate) => void): void {
  const caps = w.caps;
  let next = 0;
  const members: number[] = [];
  for (let c = 0; c + 1 < w.nCaps; c++) {
    const i = caps[c] as number;
    // The cheap layout checks first: most capitalized words are followed by no list.
    if (i < next || (i > 0 && w.cap[i - 1] === 1 && adjacent(w, i - 1, i))) continue;
    let after = nextMember(w, i);
    if (after < 0 || CUE_STOPS.has(lowerOf(w, i))) continue;
    members.length = 0;
    members.push(i);
    let at = i;
    let joined = false; // an "and" or "or" came before the last member
    while (after >= 0) {
      joined = after > at + 1;
      at = after;
      members.push(at);
      if (joined) break;
      after = nextMember(w, at);
    }
    next = at + 1;
    if (!joined || numberAfter(w, at) || !people(w, g, members)) continue;
    for (const k of members) {
      emitName(
        w,
        {
          entity: 'PERSON',
          start: w.start[k] as number,
          // Without a possessive "'s" ("Warren and Bailey's").
          end: (w.end[k] as number) - (possessive(w, k) ? 2 : 0),
          score: LISTED,
          recognizer: 'names',
          context: PERSON_CONTEXT,
          contextBoost: 0.2,
        },
        emit,
      );
    }
  }
}

/** Word `i` can be a member: kept, and not a word such as "The". */
function member(w: Words, i: number): boolean {
  return keptCap(w, i) && !CUE_STOPS.has(lowerOf(w, i));
}

/**
 * The first word of the member after the member ending at word `end`: after ", " (the next word), or
 * after " and " / " or " / ", and " / ", or " (the word after the conjunction); -1 when none.
 */
function nextMember(w: Words, end: number): number {
  if (possessive(w, end) || capAfter(w, end)) return -1;
  const text = w.text;
  const e = w.end[end] as number;
  const k = end + 1;
  if (k >= w.n) return -1;
  const comma = text.charCodeAt(e) === 44;
  if ((w.start[k] as number) !== e + (comma ? 2 : 1) || text.charCodeAt(comma ? e + 1 : e) !== 32) return -1;
  // One space after the conjunction ("and. Aadi" is no list: `adjacent` would take ". ").
  if (conjunction(w, k))
    return k + 1 < w.n && spaced(w, k, k + 1) && member(w, k + 1) && !capAfter(w, k + 1) ? k + 1 : -1;
  return comma && member(w, k) && !capAfter(w, k) ? k : -1;
}

/** A capitalized word follows word `i` after one space (the member would have several words). */
function capAfter(w: Words, i: number): boolean {
  return i + 1 < w.n && w.cap[i + 1] === 1 && adjacent(w, i, i + 1);
}

/** A digit follows word `i` after one space ("Sorlaskeid 32"). */
function numberAfter(w: Words, i: number): boolean {
  const e = w.end[i] as number;
  const c = w.text.charCodeAt(e + 1);
  return w.text.charCodeAt(e) === 32 && c >= 48 && c <= 57;
}

/** Word `k` is "and" or "or" (lower case). */
function conjunction(w: Words, k: number): boolean {
  const s = w.start[k] as number;
  const len = (w.end[k] as number) - s;
  const t = w.text;
  if (len === 3) return t.charCodeAt(s) === 97 && t.charCodeAt(s + 1) === 110 && t.charCodeAt(s + 2) === 100;
  return len === 2 && t.charCodeAt(s) === 111 && t.charCodeAt(s + 1) === 114;
}

/** The members are people: two are known given or family names that are no places, none a place and no name. */
function people(w: Words, g: Gazetteer, members: readonly number[]): boolean {
  let known = 0;
  for (const i of members) {
    const name = inList(w, i, IN_FIRST, g.firstNames) || inList(w, i, IN_LAST, g.lastNames);
    const place = inList(w, i, IN_PLACE, g.places);
    if (place && !name) return false;
    if (name && !place) known++;
  }
  return known >= 2;
}
