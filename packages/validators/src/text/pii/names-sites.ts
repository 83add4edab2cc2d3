/**
 * Sites named head first, as French, Spanish, Italian and Portuguese write them: a word for the kind of
 * site, a particle, then a name ("Gare du Nord", "Puerta del Sol", "Rue de Rivoli", "Bois de Boulogne").
 * The name after the particle is no person or place of its own, and a head that is also a given name
 * ("Gare") starts no person: the whole is a LOCATION; so are English natural sites named head first ("Mount
 * Fuji", "Lake Michigan", "Gulf of Mexico"), and a place after a word for a part of it ("Latin America",
 * "Western Europe", "Southeast Asia", "Greater London"). A saint's name in the possessive names a site or a
 * day ("St. Mary's Hospital", "St. James's Park": LOCATION; "St. Patrick's Day": no person).
 */
import { wordSet } from '../shared/context';
import { isLetterOrDigit, isLower } from './names-facilities';
import { ORG_CONTEXT, PLACE_CONTEXT } from './names-lists';
import type { PiiCandidate } from './types';

/**
 * Words for a kind of site written before its name (lower-case). Left out: those that name events or
 * people as often ("tour", "casa", "villa", "san"), and the street types the address recognizer reads
 * with a house number (they are here too: without one, the street is a LOCATION).
 * @internal
 *
 * @example
 * ```ts
 * SITE_HEADS.has('gare'); // true
 * ```
 */
export const SITE_HEADS: ReadonlySet<string> = /* @__PURE__ */ wordSet(
  'gare rue place plaza plaça praça piazza piazzale largo puerta porta porte pont ponte puente palais palacio palazzo palácio château castillo castello castelo musée museo museu parc parque jardin jardín jardim église iglesia igreja chiesa basilique basílica basilica cathédrale catedral estación estação stazione avenida boulevard calle via viale quai paseo lago lac isla île isola bois bahía baía cerro sierra serra mont monte',
);

/** Particles between a site's head and its name ("du", "de la", "del", "della"). @internal */
export const SITE_PARTICLES: ReadonlySet<string> = /* @__PURE__ */ wordSet(
  'de du des del dello della delle dei degli di da do dos das la le les',
);

/**
 * A capitalized head word and one or two particles that end right before a candidate (in at most the 30
 * units before it). @internal
 */
export const HEAD_BEFORE: RegExp = /(?:^|[^\p{L}\p{N}'’-])(\p{Lu}\p{Ll}{1,11}) ([a-z]{1,5}(?: [a-z]{1,5})?) $/u;
/** A candidate that starts with a capitalized head word and a particle. @internal */
export const HEAD_FIRST: RegExp = /^(\p{Lu}\p{Ll}{1,11}) ([a-z]{1,5}) \p{Lu}/u;

/**
 * The LOCATION of the site that PERSON or LOCATION candidate `c` of `text` names, head first ("Gare du
 * Nord" itself, or "Sol" of "Puerta del Sol"): over the head, the particles and the candidate, with the
 * candidate's score; else `undefined`.
 * @internal
 *
 * @example
 * ```ts
 * asHeadedSite('at the Puerta del Sol', { entity: 'PERSON', start: 18, end: 21, score: 0.6, recognizer: 'names' });
 * // LOCATION 7-21
 * ```
 */
export function asHeadedSite(text: string, c: PiiCandidate): PiiCandidate | undefined {
  let start = -1;
  // Before it: a word of lower-case ASCII letters (the last particle) between two spaces; only then
  // is the pattern read ("Hi Ada" is asked at every name of a greeting).
  if (particleBefore(text, c.start)) {
    const from = Math.max(0, c.start - 30);
    const m = HEAD_BEFORE.exec(text.slice(from, c.start));
    if (m !== null && isHead(m[1] as string) && particles(m[2] as string))
      start = from + m.index + m[0].length - (m[1] as string).length - (m[2] as string).length - 2;
  }
  // English heads of natural sites: "Mount Fuji", "Lake Michigan", "Gulf of Mexico".
  if (start < 0) start = englishHeadBefore(text, c.start);
  // Or the candidate's own first words ("Gare du Nord": "Gare" is a given name too).
  if (start < 0) {
    if (!lowerAfterSpace(text, c.start, c.end)) return undefined;
    const m = HEAD_FIRST.exec(text.slice(c.start, c.end));
    if (m === null || !isHead(m[1] as string) || !SITE_PARTICLES.has(m[2] as string)) return undefined;
    start = c.start;
  }
  const { end, score, recognizer } = c;
  return { entity: 'LOCATION', start, end, score, recognizer, context: PLACE_CONTEXT, contextBoost: 0.2 };
}

/** English words before the name of a natural site, with their space ("Mount ", "Gulf of "). */
const ENGLISH_HEADS: readonly string[] = [
  'Mount ',
  'Mt. ',
  'Lake ',
  'Cape ',
  'Loch ',
  'Isle of ',
  'Gulf of ',
  'Bay of ',
  'Sea of ',
  'Strait of ',
  'Straits of ',
];

/** Where an `ENGLISH_HEADS` word that ends at `at` starts (no letter or digit before it), or -1. */
function englishHeadBefore(text: string, at: number): number {
  // Every head ends with a space after a letter, a period or "of".
  if (text.charCodeAt(at - 1) !== 32) return -1;
  // The heads end with "t", ".", "e", "h" or "f" ("Mount", "Mt.", "Lake", "Loch", "of").
  const last = text.charCodeAt(at - 2);
  if (last !== 116 && last !== 46 && last !== 101 && last !== 104 && last !== 102) return -1;
  for (const head of ENGLISH_HEADS) {
    const s = at - head.length;
    if (s >= 0 && text.startsWith(head, s) && !isLetterOrDigit(text.charCodeAt(s - 1))) return s;
  }
  return -1;
}

/**
 * `at - 1` is a space after a particle ("du", "de") after a space: 1-5 lower-case ASCII letters, a word
 * of `SITE_PARTICLES` (as the last word of `HEAD_BEFORE`'s second group must be; "went to London" and
 * "is John" are not read further).
 */
function particleBefore(text: string, at: number): boolean {
  if (text.charCodeAt(at - 1) !== 32) return false;
  let i = at - 1;
  while (i > 0 && at - 1 - i < 6 && isLower(text.charCodeAt(i - 1))) i--;
  return i < at - 1 && at - 1 - i <= 5 && text.charCodeAt(i - 1) === 32 && SITE_PARTICLES.has(text.slice(i, at - 1));
}

/** A space followed by a lower-case ASCII letter within the first 14 units of `[start, end)`. */
function lowerAfterSpace(text: string, start: number, end: number): boolean {
  const to = Math.min(end - 1, start + 14);
  for (let i = start + 2; i < to; i++) if (text.charCodeAt(i) === 32) return isLower(text.charCodeAt(i + 1));
  return false;
}

function isHead(word: string): boolean {
  return SITE_HEADS.has(word.toLowerCase());
}

/** One or two particles ("de la"). */
function particles(s: string): boolean {
  const sp = s.indexOf(' ');
  return sp < 0 ? SITE_PARTICLES.has(s) : SITE_PARTICLES.has(s.slice(0, sp)) && SITE_PARTICLES.has(s.slice(sp + 1));
}

/** Holidays named after a saint: "St. Patrick's Day", "St. Agnes' Eve". */
const SAINT_DAYS: ReadonlySet<string> = /* @__PURE__ */ wordSet('day eve');

/**
 * Words after a saint's possessive that make an organization, not a site: a publisher ("St. Martin's
 * Press"), a school ("St. John's College", "St. Paul's School", "St. Mary's University").
 */
const SAINT_ORGS: ReadonlySet<string> = /* @__PURE__ */ wordSet('press college university school academy seminary');

/**
 * The site that PERSON or LOCATION candidate `c` of `text` names when it is a saint's name in the
 * possessive, after "St. ", "St " or "Saint " or starting with "Saint " ("St. Mary's Hospital", "Saint
 * Michael's Church"): a LOCATION from "St." over the possessive and the capitalized word after it, if any
 * (an ORGANIZATION when that word is a publisher's or a school's: "St. Martin's Press", "St. John's
 * College"); `null` for a saint's day (report nothing); else `undefined`.
 * @internal
 *
 * @example
 * ```ts
 * asSaintSite("at St. Mary's Hospital", { entity: 'PERSON', start: 7, end: 11, score: 0.6, recognizer: 'names' });
 * // LOCATION 3-22
 * ```
 */
export function asSaintSite(text: string, c: PiiCandidate): PiiCandidate | null | undefined {
  // A listed place written with its possessive ("St. John's", a town): only a publisher's, a school's
  // or a saint's day's word after it is read ("St. John's College"; "St. John's Tuesday" stays the town).
  const listed = isPossessive(text, c.end - 2) && (text.startsWith('St. ', c.start) || text.startsWith('St ', c.start));
  // Else the possessive right after the candidate.
  if (!listed && !isPossessive(text, c.end)) return undefined;
  let start: number;
  if (listed || text.startsWith('Saint ', c.start)) start = c.start;
  else if (text.startsWith('St. ', c.start - 4)) start = c.start - 4;
  else if (text.startsWith('Saint ', c.start - 6)) start = c.start - 6;
  else if (text.startsWith('St ', c.start - 3)) start = c.start - 3;
  else return undefined;
  if (start > 0 && isLetterOrDigit(text.charCodeAt(start - 1))) return undefined;
  let end = listed ? c.end : c.end + 2;
  // A capitalized word after it: "Hospital", "Church", "Park"; "Day" and "Eve" make a holiday. One
  // space, or a line break and the next line's indent before a publisher's or a school's word ("St.
  // Martin's ⏎    Press" in a mail).
  const spaced = text.charCodeAt(end) === 32 && isUpper(text.charCodeAt(end + 1));
  const a = spaced ? end + 1 : lineBreakAfter(text, end);
  if (a > end && isUpper(text.charCodeAt(a))) {
    let e = a + 1;
    while (e - a < 20 && isLower(text.charCodeAt(e))) e++;
    if (!isLetterOrDigit(text.charCodeAt(e))) {
      const word = text.slice(a, e).toLowerCase();
      if (SAINT_DAYS.has(word) && spaced) return null;
      if (SAINT_ORGS.has(word)) {
        const { score, recognizer } = c;
        return { entity: 'ORGANIZATION', start, end: e, score, recognizer, context: ORG_CONTEXT, contextBoost: 0.1 };
      }
      if (listed) return undefined;
      if (spaced) end = e;
    }
  }
  if (listed) return undefined;
  const { score, recognizer } = c;
  return { entity: 'LOCATION', start, end, score, recognizer, context: PLACE_CONTEXT, contextBoost: 0.2 };
}

/** A capital A-Z. */
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/**
 * Where the next line's text starts after a line break at `k` ("\n" or "\r\n", after up to 8 spaces or
 * tabs ending the line) and up to 8 spaces or tabs of indent; else -1.
 */
function lineBreakAfter(text: string, k: number): number {
  let i = k;
  while (i < k + 8 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (text.charCodeAt(i) === 13) i++;
  if (text.charCodeAt(i) !== 10) return -1;
  i++;
  const to = i + 8;
  while (i < to && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

/** "'s" or "’s" at `k`, and no letter or digit after it. */
function isPossessive(text: string, k: number): boolean {
  const q = text.charCodeAt(k);
  return (q === 39 || q === 0x2019) && text.charCodeAt(k + 1) === 115 && !isLetterOrDigit(text.charCodeAt(k + 2));
}

/** Words for a part of a place, written before it ("Latin America", "Western Europe", "Greater London"). @internal */
export const REGION_WORDS: ReadonlySet<string> = /* @__PURE__ */ wordSet(
  'north south east west northern southern eastern western central northeast northwest southeast southwest northeastern northwestern southeastern southwestern upper lower greater inner outer latin sub-saharan',
);

/**
 * LOCATION candidate `c` of `text` extended over a capitalized word for a part of a place one space before
 * it ("Latin America", "Western Europe", "Greater London": the place alone was reported); else `c`.
 * @internal
 *
 * @example
 * ```ts
 * withRegionWord('trade with Latin America', { entity: 'LOCATION', start: 17, end: 24, score: 0.6, recognizer: 'names' });
 * // LOCATION 11-24
 * ```
 */
export function withRegionWord(text: string, c: PiiCandidate): PiiCandidate {
  if (text.charCodeAt(c.start - 1) !== 32) return c;
  let s = c.start - 1;
  while (s > 0 && c.start - 1 - s < 14 && isWordOrHyphen(text.charCodeAt(s - 1))) s--;
  const first = text.charCodeAt(s);
  if (s === c.start - 1 || first < 65 || first > 90 || isLetterOrDigit(text.charCodeAt(s - 1))) return c;
  return REGION_WORDS.has(text.slice(s, c.start - 1).toLowerCase()) ? { ...c, start: s } : c;
}

/** An ASCII letter or "-". */
function isWordOrHyphen(c: number): boolean {
  return ((c | 32) >= 97 && (c | 32) <= 122) || c === 45;
}
