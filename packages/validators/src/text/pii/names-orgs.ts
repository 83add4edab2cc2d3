/**
 * The ORGANIZATION scan of the PERSON/LOCATION recognizer, without a model:
 * - up to four capitalized words before a legal designator ("Acme Inc.", "Drake PLC", "Bank of America
 *   Corp."), score 0.85; before "Company", "Group", "Holdings" or an institution word ("Boston
 *   Consulting Group", "Stanford University", "Mayo Clinic"), 0.7;
 * - an institution word, "of" and one to three capitalized words ("University of Michigan", "Bank of
 *   England"), 0.7;
 * - a name and "&" or "and" before "Sons", "Associates", "Partners" or "Brothers" ("Smith & Sons"), 0.7;
 * - two names joined by "&" ("Smith & Wesson"), 0.6;
 * - in lower-case writing, the word before a legal designator ("frost llc"), 0.6.
 *
 * It runs before the PERSON and LOCATION scans and takes the words it used from them, so that "Drake
 * PLC" is one organization, not a person and a word. Capitalized words that do not begin a name
 * ("Yesterday", "Contact", "The") are left out of it (`ORG_STOP`). Without a model, organizations with
 * no designator ("Gallup", "Palantir Technologies") are not found.
 */
import { type Gazetteer, IN_FIRST, IN_LAST, IN_PLACE } from './gazetteer';
import {
  ORG_ABBREVIATED,
  ORG_CONTEXT,
  ORG_LEGAL,
  ORG_OF_HEADS,
  ORG_STOP,
  W_CUE_END,
  W_HONORIFIC,
  W_IN_ORG,
  W_IS,
  W_NAME,
  W_NAME_CUE,
  W_NOT_NAME,
  W_ORG,
  W_ORG_HEAD,
  W_ORG_TAIL,
  W_ORG_WEAK,
  W_PARTICLE,
  W_SHORT,
} from './names-lists';
import { emitName } from './names-streets';
import type { Words } from './names-tokens';
import { adjacent, inList, lowerOf, possessive, spaced, wordsOf } from './names-words';
import type { PiiCandidate } from './types';

/** Most words of a name before its designator. */
const MAX_NAME_WORDS = 4;
/**
 * Most words of a lower-case name before its designator: without capitals, where the name begins is
 * not known ("we paid frost llc"), so only the word right before is taken.
 */
const MAX_LOWER_WORDS = 1;
/** Small-list bits of the words that are never part of the name before a designator (and `ORG_STOP`). */
const NOT_IN_NAME = W_HONORIFIC | W_NAME_CUE | W_CUE_END | W_IS | W_NAME;
/**
 * The shape of the legal designators, read from `ORG_LEGAL` (a cheap test before the table lookup):
 * `first[c]` is 1 for the units (ASCII, lower-case) that begin one, bit `n` of `lengths` is set for
 * their lengths.
 */
const DESIGNATOR: { first: Uint8Array; lengths: number } = /* @__PURE__ */ (() => {
  const first = new Uint8Array(128);
  let lengths = 0;
  for (const word of ORG_LEGAL) {
    first[word.charCodeAt(0) & 127] = 1;
    lengths |= 1 << Math.min(word.length, 31);
  }
  return { first, lengths };
})();
/** Bits of the words that may end an organization's name. */
const ENDS = W_ORG | W_ORG_WEAK | W_ORG_TAIL;

/**
 * Emit the ORGANIZATION candidates of `w` (after `tokenize`, `markLowerCase` and `markCaps`), and take
 * their capitalized words out of `w.caps` (marked `W_IN_ORG | W_NOT_NAME`), so that the PERSON and
 * LOCATION scans neither start at them nor extend over them.
 * @internal
 *
 * @example
 * ```ts
 * scanOrganizations(w, defaultGazetteer(), (c) => out.push(c), false);
 * ```
 */
export function scanOrganizations(w: Words, g: Gazetteer, emit: (c: PiiCandidate) => void, lowerCase: boolean): void {
  // Only texts with a designator (`w.nOrg`), an ampersand or lower-case writing may name one.
  if (w.nOrg === 0 && !lowerCase && w.text.indexOf('&') < 0) return;
  let marked = false;
  if (w.nOrg > 0) {
    const n = w.n;
    for (let d = 1; d < n; d++) {
      if (w.cap[d] === 0) continue;
      const bits = w.small[d] as number;
      if ((bits & ENDS) === 0) continue;
      // "Smith Group Ltd.": the last designator ends the name.
      const next = d + 1;
      if (next < n && w.cap[next] === 1 && ((w.small[next] as number) & ENDS) !== 0 && adjacent(w, d, next)) continue;
      const first = nameBefore(w, d, bits, true);
      if (first < 0) continue;
      // An institution word that ends the name goes on over "of" and a name: "Motion Picture Association of
      // America" (not "… Association" and the place "America").
      const after = (bits & W_ORG_HEAD) !== 0 ? nameAfterOf(w, d) : -1;
      const last = after >= 0 ? after : d;
      emitOrganization(w, emit, first, last, (bits & W_ORG) !== 0 ? 0.85 : 0.7);
      mark(w, first, last);
      marked = true;
    }
    // "University of Michigan": an institution word, "of", capitalized words.
    for (let d = 0; d + 2 < n; d++) {
      if (w.cap[d] === 0 || ((w.small[d] as number) & (W_ORG_HEAD | W_IN_ORG)) !== W_ORG_HEAD) continue;
      const last = nameAfterOf(w, d);
      if (last < 0) continue;
      emitOrganization(w, emit, d, last, 0.7);
      mark(w, d, last);
      marked = true;
    }
  }
  if (lowerCase) lowerOrganizations(w, emit);
  const caps = w.caps;
  for (let c = 0; c < w.nCaps; c++) {
    const i = caps[c] as number;
    if (((w.small[i] as number) & W_IN_ORG) !== 0) continue;
    const last = firmAt(w, g, i);
    if (last < 0) continue;
    emitOrganization(w, emit, i, last, 0.6);
    mark(w, i, last);
    marked = true;
  }
  if (marked) {
    let kept = 0;
    for (let c = 0; c < w.nCaps; c++) {
      const i = caps[c] as number;
      if (((w.small[i] as number) & W_IN_ORG) === 0) caps[kept++] = i;
    }
    w.nCaps = kept;
  }
}

/** In lower-case writing: the word before a legal designator ("frost llc"). */
function lowerOrganizations(w: Words, emit: (c: PiiCandidate) => void): void {
  const n = w.n;
  for (let d = 1; d < n; d++) {
    if (w.cap[d] === 1 || w.lower[d] === 0) continue;
    const start = w.start[d] as number;
    const len = (w.end[d] as number) - start;
    if (len > 30 || ((DESIGNATOR.lengths >>> len) & 1) === 0 || !DESIGNATOR.first[w.text.charCodeAt(start) & 127])
      continue;
    const bits = wordsOf(w, d);
    if ((bits & W_ORG) === 0) continue;
    const first = nameBefore(w, d, bits, false);
    if (first >= 0) emitOrganization(w, emit, first, d, 0.6);
  }
}

/**
 * The first word of the name before designator `d` (whose small-list bits are `bits`), or -1: words
 * joined by single spaces, "&" ("Procter & Gamble Co."), "of" inside the name after an institution
 * word (`ORG_OF_HEADS`: "Bank of America Corp.", not "Shares of Rand Corporation")
 * and "and" right before the designator ("Alter and Associates"); ", " only right before a legal
 * designator ("Acme, Inc."); initials before the name ("H. J. Wilson & Company"). `caps`: capitalized names; else lower-case writing.
 */
function nameBefore(w: Words, d: number, bits: number, caps: boolean): number {
  const text = w.text;
  const dEnd = w.end[d] as number;
  // "Co" only as "Co.".
  if (dEnd - (w.start[d] as number) === 2 && text.charCodeAt(dEnd) !== 46) return -1;
  const legal = (bits & W_ORG) !== 0;
  // "Sons", "Associates"...: only right after "&" or "and".
  const tail = (bits & (W_ORG | W_ORG_WEAK)) === 0;
  const max = caps ? MAX_NAME_WORDS : MAX_LOWER_WORDS;
  let j = d;
  let names = 0;
  while (j > 0 && names < max) {
    const p = j - 1;
    const end = w.end[p] as number;
    const gap = (w.start[j] as number) - end;
    const c0 = text.charCodeAt(end);
    if (gap === 3 && c0 === 32 && text.charCodeAt(end + 1) === 38 && text.charCodeAt(end + 2) === 32) {
      if (!nameWord(w, p, caps)) break;
    } else if (gap === 2 && c0 === 44 && text.charCodeAt(end + 1) === 32 && names === 0 && legal) {
      if (!nameWord(w, p, caps)) break;
    } else if (gap === 2 && c0 === 46 && text.charCodeAt(end + 1) === 32 && names > 0 && initial(w, p)) {
      // Initials before the name: "H. J. Wilson & Company".
    } else if (gap === 1 && c0 === 32) {
      const link = connector(w, p);
      if (link !== 0 && p > 0 && spaced(w, p - 1, p) && (link === 1 ? names === 0 : names > 0 && ofHead(w, p - 1))) {
        if (!nameWord(w, p - 1, caps)) break;
        j = p - 1;
        names++;
        continue;
      }
      if (tail && names === 0) return -1;
      if (!nameWord(w, p, caps)) break;
    } else break;
    j = p;
    names++;
  }
  return names === 0 ? -1 : j;
}

/**
 * The last word of "<institution> of <name>" at word `d` ("University of Michigan", "Bank of New York"):
 * "of", then one to three capitalized words, all one space apart, none of them a stop word or in an
 * organization already; or -1.
 */
function nameAfterOf(w: Words, d: number): number {
  const of = d + 1;
  if (connector(w, of) !== 2 || !spaced(w, d, of)) return -1;
  let last = -1;
  for (let k = of + 1; k < w.n && k <= of + 3; k++) {
    if (!spaced(w, k - 1, k) || w.cap[k] === 0 || possessiveOrStop(w, k)) break;
    last = k;
  }
  return last;
}

/**
 * Word `k` ends in "'s", is a stop word, or belongs to an organization already (a designator after the
 * name, "University of California Hospital", made the whole an organization first).
 */
function possessiveOrStop(w: Words, k: number): boolean {
  const bits = w.small[k] as number;
  return possessive(w, k) || (bits & (W_IN_ORG | NOT_IN_NAME)) !== 0 || stopWord(w, k);
}

/** Word `p` is one capital letter followed by a period. */
function initial(w: Words, p: number): boolean {
  return (
    w.cap[p] === 1 &&
    (w.end[p] as number) - (w.start[p] as number) === 1 &&
    w.text.charCodeAt(w.end[p] as number) === 46
  );
}

/** Word `p` may come before "of" in an organization's name ("Bank of America Corp."). */
function ofHead(w: Words, p: number): boolean {
  return (w.end[p] as number) - (w.start[p] as number) <= 11 && ORG_OF_HEADS.has(lowerOf(w, p));
}

/** 1: word `p` is "and"; 2: "of"; 0: neither (any case). */
function connector(w: Words, p: number): number {
  const start = w.start[p] as number;
  const len = (w.end[p] as number) - start;
  const text = w.text;
  if (len === 3) {
    return (text.charCodeAt(start) | 32) === 97 &&
      (text.charCodeAt(start + 1) | 32) === 110 &&
      (text.charCodeAt(start + 2) | 32) === 100
      ? 1
      : 0;
  }
  return len === 2 && (text.charCodeAt(start) | 32) === 111 && (text.charCodeAt(start + 1) | 32) === 102 ? 2 : 0;
}

/** Word `p` may be part of an organization's name: capitalized (or lower-case writing), not a stop word. */
function nameWord(w: Words, p: number, caps: boolean): boolean {
  if (possessive(w, p)) return false;
  if (caps) return w.cap[p] === 1 && ((w.small[p] as number) & NOT_IN_NAME) === 0 && !stopWord(w, p);
  return w.cap[p] === 0 && w.lower[p] === 1 && (wordsOf(w, p) & (NOT_IN_NAME | W_PARTICLE)) === 0 && !stopWord(w, p);
}

/** Word `p` is in `ORG_STOP` (asked only next to a designator or "&", so not kept in the small table). */
function stopWord(w: Words, p: number): boolean {
  return (w.end[p] as number) - (w.start[p] as number) <= 9 && ORG_STOP.has(lowerOf(w, p));
}

/**
 * The last word of a firm's name of two capitalized words joined by "&" that starts at word `i`
 * ("Smith & Wesson", "Marks & Spencer"), or -1: one a known family name, one no known given name ("Tom &
 * Jerry" is not), at most one a known place, no capitalized word right before (other than "The"...:
 * `ORG_STOP`) or after. Three names ("Jones, Mitchell and Williams") are left alone: written so, they
 * are a list of people as often as a firm.
 */
function firmAt(w: Words, g: Gazetteer, i: number): number {
  const text = w.text;
  const e = w.end[i] as number;
  if (text.charCodeAt(e) !== 32 || text.charCodeAt(e + 1) !== 38 || text.charCodeAt(e + 2) !== 32) return -1;
  const last = i + 1;
  const n = w.n;
  if (last >= n || (w.start[last] as number) !== e + 3) return -1;
  if (!firmWord(w, i) || !firmWord(w, last)) return -1;
  if (i > 0 && w.cap[i - 1] === 1 && adjacent(w, i - 1, i) && !stopWord(w, i - 1)) return -1;
  if (last + 1 < n && w.cap[last + 1] === 1 && adjacent(w, last, last + 1)) return -1;
  let family = 0;
  let notGiven = 0;
  let places = 0;
  for (let k = i; k <= last; k++) {
    if (inList(w, k, IN_LAST, g.lastNames)) family++;
    if (!inList(w, k, IN_FIRST, g.firstNames)) notGiven++;
    if (inList(w, k, IN_PLACE, g.places)) places++;
  }
  return family < 1 || notGiven < 1 || places > 1 ? -1 : last;
}

/** Word `k` is capitalized and may be a name in a firm's name (not a list word, an acronym or "The"). */
function firmWord(w: Words, k: number): boolean {
  return (
    w.cap[k] === 1 &&
    ((w.small[k] as number) & (W_NOT_NAME | W_SHORT | W_HONORIFIC)) === 0 &&
    !possessive(w, k) &&
    !stopWord(w, k)
  );
}

/** Emit words `first` .. `last` as an ORGANIZATION, with the period of an abbreviated designator. */
function emitOrganization(w: Words, emit: (c: PiiCandidate) => void, first: number, last: number, score: number): void {
  let end = w.end[last] as number;
  if (w.text.charCodeAt(end) === 46 && end - (w.start[last] as number) <= 4 && ORG_ABBREVIATED.has(lowerOf(w, last)))
    end++;
  emitName(
    w,
    {
      entity: 'ORGANIZATION',
      start: w.start[first] as number,
      end,
      score,
      recognizer: 'names',
      context: ORG_CONTEXT,
      contextBoost: 0.15,
    },
    emit,
  );
}

/** Mark the capitalized words `first` .. `last` as part of an organization (see `scanOrganizations`). */
function mark(w: Words, first: number, last: number): void {
  for (let k = first; k <= last; k++) {
    if (w.cap[k] === 1) w.small[k] = (w.small[k] as number) | W_IN_ORG | W_NOT_NAME;
  }
}
