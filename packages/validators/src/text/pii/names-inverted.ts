/**
 * Names written family name first, as forms, records and address books list them: "Smith, John",
 * "Patient: Smith, John A.", "MUELLER, HANS", "From: Garcia, Maria <maria@…>". A known family name that is
 * no place, ", ", a known given name that is no common word, and maybe a middle initial or a second known
 * given name, all capitalized, at the end of the line or the text or before ";", ")", "<", "(", "[" or a
 * period that ends the text or the line. Before, such a name came out as two findings ("Smith" and "John",
 * redacted as two people), or as the family name alone when the given name was in capitals ("MUELLER"),
 * which left the given name in the text. Lists ("Smith, Jones and Brown", "Bill Kennedy, Paul James") and
 * places ("Barcelona, Spain") are left alone: the family name starts the name, the second word must be a
 * given name, and nothing but the line's end may follow.
 */
import { type Gazetteer, IN_FIRST, IN_LAST, IN_PLACE } from './gazetteer';
import { PERSON_CONTEXT, W_COMMON } from './names-lists';
import { emitName } from './names-streets';
import type { Words } from './names-tokens';
import { adjacent, inList, keptCap, spaced, wordsOf } from './names-words';
import type { PiiCandidate } from './types';

/** Score of a name written family name first (as a given name and a family name in order). */
const INVERTED = 0.85;

/**
 * Emit the names of `w` written family name first (capitalized writing; after `markCaps`) as PERSON.
 * @internal
 *
 * @example
 * ```ts
 * scanInverted(w, defaultGazetteer(), emit); // "Smith, John A." in "Patient: Smith, John A."
 * ```
 */
export function scanInverted(w: Words, g: Gazetteer, emit: (c: PiiCandidate) => void): void {
  const caps = w.caps;
  for (let c = 0; c + 1 < w.nCaps; c++) {
    const i = caps[c] as number;
    const k = i + 1;
    // The cheap layout check first: ", " between the word and a capitalized next word.
    if (k >= w.n || w.cap[k] === 0 || !commaSpace(w, i, k)) continue;
    // The family name starts the name: no capitalized word one space (or ". ") before it ("Bill Kennedy,
    // Paul James" is a list of two names; "St. Louis, Maria" a place and a name).
    if (i > 0 && w.cap[i - 1] === 1 && adjacent(w, i - 1, i)) continue;
    if (!keptCap(w, i) || !keptCap(w, k) || (wordsOf(w, k) & W_COMMON) !== 0) continue;
    if (!inList(w, i, IN_LAST, g.lastNames) || inList(w, i, IN_PLACE, g.places)) continue;
    if (!inList(w, k, IN_FIRST, g.firstNames)) continue;
    // A middle initial ("A" or "A.") or a second known given name, one space after.
    let last = k;
    const m = k + 1;
    if (
      m < w.n &&
      w.cap[m] === 1 &&
      spaced(w, k, m) &&
      (initial(w, m) || (keptCap(w, m) && inList(w, m, IN_FIRST, g.firstNames)))
    ) {
      last = m;
    }
    let end = w.end[last] as number;
    if (initial(w, last) && w.text.charCodeAt(end) === 46) end++;
    if (!lineEndAt(w.text, end)) continue;
    emitName(
      w,
      {
        entity: 'PERSON',
        start: w.start[i] as number,
        end,
        score: INVERTED,
        recognizer: 'names',
        context: PERSON_CONTEXT,
        contextBoost: 0.2,
      },
      emit,
    );
    c++; // the given name starts no other such name
  }
}

/** Exactly ", " between words `a` and `b`. */
function commaSpace(w: Words, a: number, b: number): boolean {
  const e = w.end[a] as number;
  return (w.start[b] as number) === e + 2 && w.text.charCodeAt(e) === 44 && w.text.charCodeAt(e + 1) === 32;
}

/** Word `i` is one ASCII capital letter. */
function initial(w: Words, i: number): boolean {
  const s = w.start[i] as number;
  const c = w.text.charCodeAt(s);
  return (w.end[i] as number) - s === 1 && c >= 65 && c <= 90;
}

/**
 * What may follow the name at `end`: the end of the text, a line break, ";", ")", or after one space "<",
 * "(" or "["; or a period that ends the text or is followed by white space.
 */
function lineEndAt(text: string, end: number): boolean {
  if (end >= text.length) return true;
  const c = text.charCodeAt(end);
  if (c === 10 || c === 13 || c === 59 || c === 41) return true;
  if (c === 32) {
    const d = text.charCodeAt(end + 1);
    return d === 60 || d === 40 || d === 91;
  }
  if (c === 46) {
    const d = text.charCodeAt(end + 1);
    return end + 1 >= text.length || d === 32 || d === 10 || d === 13 || d === 9;
  }
  return false;
}
