/**
 * Named facilities: a person's name followed by a word for a building or a site ("Lincoln Memorial",
 * "John F. Kennedy Airport", "George Washington Bridge") names a place (LOCATION: Presidio maps spaCy's
 * facilities, FAC, to it), before "School" ("Jackson High School", "London School of Economics") an
 * organization, and before a road's type ("Martin Luther King Jr. Expressway") a road, left to the
 * address recognizer: none of them is the person. The words are those hardly ever a family name ("Hall",
 * "Park", "Church" and "Street" are family names too) or a gerund ("Building"), and only as the name's
 * last word (not "Memorial Weblog", "Memorial Hospital").
 */
import { wordSet } from '../shared/context';
import { ORG_CONTEXT, PLACE_CONTEXT } from './names-lists';
import type { PiiCandidate } from './types';

/**
 * Longest candidate of the PERSON/LOCATION recognizer, in UTF-16 units (its `maxLength`): six words of
 * at most 40 units and their separators.
 * @internal
 */
export const NAME_SPAN_MAX = 6 * 42;

/**
 * Words that end the name of a facility (LOCATION).
 * @internal
 *
 * @example
 * ```ts
 * FACILITY_WORDS.has('airport'); // true
 * ```
 */
export const FACILITY_WORDS: ReadonlySet<string> = /* @__PURE__ */ wordSet(
  'airport arena bridge cathedral cemetery centre center library mall memorial monument museum pier plaza square stadium station tower tunnel',
);

/**
 * Words that end the name of a school (ORGANIZATION).
 * @internal
 *
 * @example
 * ```ts
 * SCHOOL_WORDS.has('school'); // true
 * ```
 */
export const SCHOOL_WORDS: ReadonlySet<string> = /* @__PURE__ */ wordSet('school elementary');

/**
 * Road types after a name ("Madison Avenue"): the road is the address recognizer's (address-named.ts).
 * @internal
 *
 * @example
 * ```ts
 * ROAD_WORDS.has('expressway'); // true
 * ```
 */
export const ROAD_WORDS: ReadonlySet<string> = /* @__PURE__ */ wordSet(
  'avenue boulevard expressway freeway highway parkway',
);

/**
 * Words after a place that name a site in it or by it (LOCATION over both: "Central Park", "Lake Tahoe"
 * is the other order and not read): the facility words and natural features.
 * @internal
 *
 * @example
 * ```ts
 * PLACE_FEATURE_WORDS.has('park'); // true
 * ```
 */
export const PLACE_FEATURE_WORDS: ReadonlySet<string> = /* @__PURE__ */ wordSet(
  `${[...FACILITY_WORDS].join(' ')} park lake river island islands beach valley mountain mountains canyon falls gardens zoo castle palace harbour harbor`,
);

/** Longer than any word of `FACILITY_WORDS`, `SCHOOL_WORDS`, `ROAD_WORDS` and `PLACE_FEATURE_WORDS`. */
const MAX_WORD = 12;

/**
 * What to report for PERSON candidate `c` of `text`: when its last word, or the capitalized word one
 * space after it, ends a facility's name, a LOCATION over the name and that word; a school's, an
 * ORGANIZATION (with "of" and up to three capitalized words after "School"); a road's, nothing; else `c`.
 * The score stays the candidate's.
 * @internal
 *
 * @example
 * ```ts
 * asFacility('at the Lincoln Memorial', person(7, 14)); // LOCATION 7-23
 * ```
 */
export function asFacility(text: string, c: PiiCandidate): PiiCandidate | undefined {
  // The candidate's own last word ("Lone Hill Cemetery").
  let s = c.end;
  while (s > c.start && s > c.end - MAX_WORD && text.charCodeAt(s - 1) !== 32) s--;
  let kind = s > c.start && text.charCodeAt(s - 1) === 32 ? kindOf(text, s, c.end) : 0;
  let end = c.end;
  if (kind === 0) {
    // The word after it: one space, a capital A-Z and lower-case letters, then no letter or digit (a
    // possessive's apostrophe may follow: "Lincoln Memorial's").
    const a = c.end + 1;
    if (text.charCodeAt(c.end) !== 32) return c;
    let e = a + 1;
    while (e - a < MAX_WORD && isLower(text.charCodeAt(e))) e++;
    if (isLetterOrDigit(text.charCodeAt(e))) return c;
    kind = kindOf(text, a, e);
    end = e;
  }
  // The name goes on after the word ("Memorial Weblog"): not the facility's end.
  if (kind === 0 || capitalAfter(text, end)) return c;
  if (kind === ROAD) return undefined;
  if (kind === SCHOOL) end = ofNameEnd(text, end);
  if (end - c.start > NAME_SPAN_MAX) return c;
  const { start, score, recognizer } = c;
  return kind === FACILITY
    ? { entity: 'LOCATION', start, end, score, recognizer, context: PLACE_CONTEXT, contextBoost: 0.2 }
    : { entity: 'ORGANIZATION', start, end, score, recognizer, context: ORG_CONTEXT, contextBoost: 0.1 };
}

/**
 * The end of the capitalized word of `PLACE_FEATURE_WORDS` one space after `end` (lower-case ASCII letters
 * after its capital, then no letter or digit), when no capitalized word or " of " follows it (the name goes
 * on: "Central Park Conservancy", "Denver Museum of Nature & Science"); else -1.
 * @internal
 *
 * @example
 * ```ts
 * featureAfter('Central Park is big', 7); // 12
 * ```
 */
export function featureAfter(text: string, end: number): number {
  if (!capitalAfter(text, end)) return -1;
  const a = end + 1;
  let e = a + 1;
  while (e - a < MAX_WORD && isLower(text.charCodeAt(e))) e++;
  if (e - a < 3 || isLetterOrDigit(text.charCodeAt(e)) || capitalAfter(text, e) || text.startsWith(' of ', e))
    return -1;
  return PLACE_FEATURE_WORDS.has(text.slice(a, e).toLowerCase()) ? e : -1;
}

/**
 * What to report for LOCATION candidate `c` of `text`: with a site's word one space after it ("Central
 * Park", "London Bridge", "Seattle Center"), the place and that word; else `c`.
 * @internal
 *
 * @example
 * ```ts
 * asPlaceFeature('near London Bridge', place(5, 11)); // LOCATION 5-18
 * ```
 */
export function asPlaceFeature(text: string, c: PiiCandidate): PiiCandidate {
  const end = featureAfter(text, c.end);
  return end < 0 || end - c.start > NAME_SPAN_MAX ? c : { ...c, end };
}

/** One space and an ASCII capital at `i`. */
function capitalAfter(text: string, i: number): boolean {
  const c = text.charCodeAt(i + 1);
  return text.charCodeAt(i) === 32 && c >= 65 && c <= 90;
}

/** After " of ", up to three capitalized ASCII words with one space between ("of Economics"), or `end`. */
function ofNameEnd(text: string, end: number): number {
  if (text.charCodeAt(end) !== 32 || text.charCodeAt(end + 1) !== 111 || text.charCodeAt(end + 2) !== 102) return end;
  let to = end;
  let i = end + 3;
  for (let n = 0; n < 3 && capitalAfter(text, i); n++) {
    let e = i + 2;
    while (e - i <= 40 && isLower(text.charCodeAt(e))) e++;
    if (isLetterOrDigit(text.charCodeAt(e))) break;
    to = e;
    i = e;
  }
  return to;
}

const FACILITY = 1;
const SCHOOL = 2;
const ROAD = 3;

/** Whether `[from, to)` is a capitalized facility word (`FACILITY`), school word, road word, or none (0). */
function kindOf(text: string, from: number, to: number): number {
  const c = text.charCodeAt(from);
  if (c < 65 || c > 90 || to - from < 3) return 0;
  const word = text.slice(from, to).toLowerCase();
  if (FACILITY_WORDS.has(word)) return FACILITY;
  if (SCHOOL_WORDS.has(word)) return SCHOOL;
  return ROAD_WORDS.has(word) ? ROAD : 0;
}

/**
 * A lower-case ASCII letter.
 * @internal
 *
 * @example
 * ```ts
 * isLower(97); // true: "a"
 * ```
 */
export function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

/**
 * An ASCII letter or digit, or any unit from U+0080 (a word goes on).
 * @internal
 *
 * @example
 * ```ts
 * isLetterOrDigit(0xe9); // true: "é"
 * ```
 */
export function isLetterOrDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c >= 128;
}
