/**
 * What the PERSON/LOCATION scans ask about a word of `Words`: its small-list bits (`wordsOf`), whether
 * it is in a gazetteer list (`inList`), how many words a place starting with it may have
 * (`placeWordsOf`), and the layout checks (`adjacent`, `possessive`). Every finding starts at a
 * capitalized word (or, in lower-case writing, at any word): `markCaps` asks the lookups of the
 * capitalized words once and keeps those that may start a finding, and both scans visit only these
 * (same words, same order as a walk over all words that skips the others). Other words are looked up
 * on use: the small lists again for ASCII words (a fixed table, so the same answer), once for others;
 * the gazetteer only in lower-case writing (`markLowerCase`), remembered. With a word table (gazetteers from
 * `createGazetteer`), one probe answers every list and the lower-case string is not built for ASCII words.
 */
import { type Gazetteer, IN_PLACE, IN_PLACE_HEAD, PLACE_WORDS_MANY, PLACE_WORDS_SHIFT } from './gazetteer';
import {
  SMALL_TABLE,
  TITLE_ABBREVIATIONS,
  W_FONT,
  W_GREETING,
  W_HONORIFIC,
  W_MAJOR_PLACE,
  W_NAME_CUE,
  W_NOT_NAME,
  W_ORG,
  W_ORG_HEAD,
  W_ORG_TAIL,
  W_ORG_WEAK,
  W_PLACE_PREP,
  W_SHORT,
  W_TITLE,
  W_WEAK_CUE,
} from './names-lists';
import type { Words } from './names-tokens';
import { asciiLowerHash, foldAsciiLower, foldString, type WordFlags } from './word-index';

/**
 * The lower-case form of word `i`.
 * @internal
 *
 * @example
 * ```ts
 * lowerOf(w, 0); // 'ada' for the text 'Ada'
 * ```
 */
export function lowerOf(w: Words, i: number): string {
  return w.text.slice(w.start[i] as number, w.end[i] as number).toLowerCase();
}

/** Flags of word `i` in a word table. */
function flagsIn(w: Words, i: number, table: WordFlags): number {
  return w.ascii[i] === 1
    ? table.lookupAscii(w.text, w.start[i] as number, w.end[i] as number, w.hash[i] as number)
    : table.lookup(lowerOf(w, i));
}

/**
 * Bits of the small word lists (`W_*`) of word `i`.
 * @internal
 *
 * @example
 * ```ts
 * (wordsOf(w, i) & W_PARTICLE) !== 0; // word i is "van", "de", ...
 * ```
 */
export function wordsOf(w: Words, i: number): number {
  // Capitalized words have theirs from `markCaps`; other ASCII words are asked again (the table is
  // small and fixed: asking twice gives the same bits), others once (`tokenize` set them to -1).
  if (w.cap[i] === 1) return w.small[i] as number;
  if (w.ascii[i] === 1)
    return SMALL_TABLE.lookupAscii(w.text, w.start[i] as number, w.end[i] as number, w.hash[i] as number);
  let f = w.small[i] as number;
  if (f < 0) {
    f = SMALL_TABLE.lookup(lowerOf(w, i));
    w.small[i] = f;
  }
  return f;
}

/** Flags of word `i` in the gazetteer's word table. */
function tableFlags(w: Words, i: number, table: WordFlags): number {
  let f = w.found[i] as number;
  if (f < 0) {
    f = flagsIn(w, i, table);
    w.found[i] = f;
  }
  return f;
}

/**
 * Whether lower-case word `i` is in `set`, the gazetteer list of bit `bit` (`IN_FIRST`, `IN_LAST`,
 * `IN_PLACE`).
 * @internal
 *
 * @example
 * ```ts
 * inList(w, i, IN_FIRST, g.firstNames);
 * ```
 */
export function inList(w: Words, i: number, bit: number, set: ReadonlySet<string>): boolean {
  if (w.table !== undefined) return (tableFlags(w, i, w.table) & bit) !== 0;
  if (((w.asked[i] as number) & bit) === 0) {
    w.asked[i] = (w.asked[i] as number) | bit;
    if (set.has(lowerOf(w, i))) w.found[i] = (w.found[i] as number) | bit;
  }
  return ((w.found[i] as number) & bit) !== 0;
}

/**
 * Flags of the lower-cased units `[start, end)` of the text in `table` (not cached: for the stem of a
 * possessive word, `stemFlags`).
 */
function rangeFlags(w: Words, start: number, end: number, table: WordFlags): number {
  const h = asciiLowerHash(w.text, start, end);
  return h === undefined
    ? table.lookup(w.text.slice(start, end).toLowerCase())
    : table.lookupAscii(w.text, start, end, h);
}

/**
 * `inList` for word `i` without its possessive "'s" ("Liam's" is looked up as "liam"); other words as
 * `inList`. Words keep their "'s" (multi-word places are listed with it: "King's Lynn", "St. John's").
 * @internal
 *
 * @example
 * ```ts
 * inListStem(w, i, IN_FIRST, g.firstNames); // true for "Liam's"
 * ```
 */
export function inListStem(w: Words, i: number, bit: number, set: ReadonlySet<string>): boolean {
  if (!possessive(w, i)) return inList(w, i, bit, set);
  const start = w.start[i] as number;
  const end = (w.end[i] as number) - 2;
  if (w.table !== undefined) return (rangeFlags(w, start, end, w.table) & bit) !== 0;
  return set.has(w.text.slice(start, end).toLowerCase());
}

/**
 * Bits of the small word lists (`W_*`) of word `i` without its possessive "'s" ("Monday's" is a
 * `W_NOT_NAME` word as "Monday" is); `wordsOf` for other words.
 * @internal
 *
 * @example
 * ```ts
 * (stemWordsOf(w, i) & W_NOT_NAME) !== 0; // true for "Today's"
 * ```
 */
export function stemWordsOf(w: Words, i: number): number {
  if (!possessive(w, i)) return wordsOf(w, i);
  return rangeFlags(w, w.start[i] as number, (w.end[i] as number) - 2, SMALL_TABLE);
}

/**
 * `map.get(lower-case word i)`, where `map` is the gazetteer's `placeWords`.
 * @internal
 *
 * @example
 * ```ts
 * placeWordsOf(w, i, g.placeWords); // 2 for "New" (New York), undefined for "Hello"
 * ```
 */
export function placeWordsOf(w: Words, i: number, map: ReadonlyMap<string, number>): number | undefined {
  if (w.table !== undefined) {
    const f = tableFlags(w, i, w.table);
    if ((f & IN_PLACE_HEAD) === 0) return undefined;
    const count = f >>> PLACE_WORDS_SHIFT;
    if (count !== PLACE_WORDS_MANY) return count;
  }
  return map.get(lowerOf(w, i));
}

/**
 * `foldString(h, lower-case word i)`, without building the string for ASCII words.
 * @internal
 *
 * @example
 * ```ts
 * foldLowerOf(w, i, wordHash('new ')); // wordHash('new york') when word i is "York"
 * ```
 */
export function foldLowerOf(w: Words, i: number, h: number): number {
  return foldAsciiLower(h, w.text, w.start[i] as number, w.end[i] as number) ?? foldString(h, lowerOf(w, i));
}

/**
 * The lower-case words `i` .. `i + n - 1` joined by single spaces.
 * @internal
 *
 * @example
 * ```ts
 * joinLower(w, 0, 2); // 'new york' for the text 'New York'
 * ```
 */
export function joinLower(w: Words, i: number, n: number): string {
  let key = lowerOf(w, i);
  for (let k = 1; k < n; k++) key += ` ${lowerOf(w, i + k)}`;
  return key;
}

/**
 * `g.places.has(key)`, asked of the word table when there is one (the shipped gazetteer fills its sets
 * only when they are read: `shippedGazetteer`).
 * @internal
 *
 * @example
 * ```ts
 * placeHas(w, g, joinLower(w, i, 2)); // true for "New York"
 * ```
 */
export function placeHas(w: Words, g: Gazetteer, key: string): boolean {
  return w.table !== undefined ? (w.table.lookup(key) & IN_PLACE) !== 0 : g.places.has(key);
}

/**
 * Keep in `w.caps` the capitalized words that may start a finding (not in NOT_NAMES, not `shortCaps`, not
 * a tag's name in capitals such as "<PARAM", not next to a typeface in a comma list such as "Arial,
 * Geneva": those two are marked `W_NOT_NAME`), mark the `shortCaps` ones with `W_SHORT`, count those that may end an organization's name (`w.nOrg`), and ask the word table for the kept ones (every scan asks
 * it for them; a lookup has no side effects, so asking early changes no answer).
 * @internal
 *
 * @example
 * ```ts
 * tokenize(w, text, table);
 * markCaps(w); // w.caps[0 .. w.nCaps - 1]
 * ```
 */
export function markCaps(w: Words): void {
  const table = w.table;
  const caps = w.caps;
  let kept = 0;
  let orgs = 0;
  let cues = 0;
  let fonts = 0;
  for (let c = 0; c < w.upper; c++) {
    const i = caps[c] as number;
    // A word with a non-ASCII unit is lower-cased once for both tables.
    const lower = w.ascii[i] === 1 ? undefined : lowerOf(w, i);
    let f =
      lower === undefined
        ? SMALL_TABLE.lookupAscii(w.text, w.start[i] as number, w.end[i] as number, w.hash[i] as number)
        : SMALL_TABLE.lookup(lower);
    if (shortCaps(w, i)) f |= W_SHORT;
    // The name of an HTML tag in capitals ("<PARAM NAME=", "</FONT>") is no name ("<Tom> writes" is).
    if (tagNameAt(w.text, w.start[i] as number) && allCaps(w, i)) f |= W_NOT_NAME;
    // A word glued to a digit is part of a code, no name ("ran Sax2", "3Ware", the "Cy" of "/4Cy3bSK" in base64).
    if (digitAt(w.text, (w.start[i] as number) - 1) || digitAt(w.text, w.end[i] as number)) f |= W_NOT_NAME;
    if ((f & W_FONT) !== 0) fonts++;
    w.small[i] = f;
    if ((f & (W_ORG | W_ORG_WEAK | W_ORG_TAIL | W_ORG_HEAD)) !== 0) orgs++;
    if ((f & (W_GREETING | W_HONORIFIC | W_NAME_CUE)) !== 0 && (f & W_WEAK_CUE) === 0) cues++;
    if ((f & (W_NOT_NAME | W_SHORT)) !== 0) {
      // Not asked here: asked when a rule needs it ("Victoria, Group" asks whether "Group" is a place), not
      // read from an earlier text's word at the same index.
      if (table !== undefined) w.found[i] = -1;
      continue;
    }
    if (table !== undefined) {
      w.found[i] =
        lower === undefined
          ? table.lookupAscii(w.text, w.start[i] as number, w.end[i] as number, w.hash[i] as number)
          : table.lookup(lower);
    }
    caps[kept++] = i;
  }
  w.nCaps = kept;
  w.nOrg = orgs;
  w.nCues = cues;
  if (fonts > 0) dropFontLists(w);
}

/** An ASCII digit at `k` (false outside the text). */
function digitAt(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  return c >= 48 && c <= 57;
}

/** Word start `s` follows "<" or "</": a tag's name. */
function tagNameAt(text: string, s: number): boolean {
  const c = text.charCodeAt(s - 1);
  return c === 60 || (c === 47 && text.charCodeAt(s - 2) === 60);
}

/**
 * Take out of `w.caps` the capitalized words next to a typeface name in a comma-separated list
 * (`face="Arial, Geneva, Lucida"`: "Geneva" is a font there), marked `W_NOT_NAME`.
 */
function dropFontLists(w: Words): void {
  const caps = w.caps;
  let kept = 0;
  for (let c = 0; c < w.nCaps; c++) {
    const i = caps[c] as number;
    const font =
      (i > 0 && commaGap(w, i - 1, i) && (wordsOf(w, i - 1) & W_FONT) !== 0) ||
      (i + 1 < w.n && commaGap(w, i, i + 1) && (wordsOf(w, i + 1) & W_FONT) !== 0);
    if (font) w.small[i] = (w.small[i] as number) | W_NOT_NAME;
    else caps[kept++] = i;
  }
  w.nCaps = kept;
}

/** Words `a` and `b` are separated by "," or ", ". */
function commaGap(w: Words, a: number, b: number): boolean {
  const end = w.end[a] as number;
  const gap = (w.start[b] as number) - end;
  return w.text.charCodeAt(end) === 44 && (gap === 1 || (gap === 2 && w.text.charCodeAt(end + 1) === 32));
}

/**
 * True when words a and b are separated by exactly one space (or one space after a period for "St.").
 * @internal
 *
 * @example
 * ```ts
 * adjacent(w, 0, 1); // true for 'St. Louis' and 'New York', false for 'New  York'
 * ```
 */
export function adjacent(w: Words, a: number, b: number): boolean {
  const end = w.end[a] as number;
  const gap = (w.start[b] as number) - end;
  if (gap === 1) return w.text.charCodeAt(end) === 32;
  return gap === 2 && w.text.charCodeAt(end) === 46 && w.text.charCodeAt(end + 1) === 32;
}

/**
 * Word `i` is capitalized and kept by `markCaps` (no list word, no organization's word, no short capitals).
 * @internal
 *
 * @example
 * ```ts
 * keptCap(w, 0); // true for 'Eklund, Warren', false for 'US'
 * ```
 */
export function keptCap(w: Words, i: number): boolean {
  return i < w.n && w.cap[i] === 1 && ((w.small[i] as number) & (W_NOT_NAME | W_SHORT)) === 0;
}

/**
 * A capitalized word follows word `i` after one space ("Paris" of "in Paris Hilton's" starts a longer name).
 * @internal
 *
 * @example
 * ```ts
 * capitalNext(w, 0); // true for 'Paris Hilton'
 * ```
 */
export function capitalNext(w: Words, i: number): boolean {
  return i + 1 < w.n && w.cap[i + 1] === 1 && spaced(w, i, i + 1);
}

/**
 * Word `i` is a major place alone (`MAJOR_PLACES`, "I love London"): no capitalized word that could be part
 * of a name follows it after one space (NOT_NAMES and short capitals may: "Sydney NSW", "London SW1A"),
 * and no comma comes right before it (a segment of an address, "10 Downing Street, London SW1A 2AA", is
 * the block's; a list of places is decided by the place pairs).
 * @internal
 *
 * @example
 * ```ts
 * majorPlaceAlone(w, 2); // true for 'I love London', false for 'Paris Hilton' (i = 0)
 * ```
 */
export function majorPlaceAlone(w: Words, i: number): boolean {
  if ((wordsOf(w, i) & W_MAJOR_PLACE) === 0) return false;
  if (i > 0 && commaGap(w, i - 1, i)) return false;
  return !capitalNext(w, i) || (wordsOf(w, i + 1) & (W_NOT_NAME | W_SHORT)) !== 0;
}

/**
 * Word `i` follows a word that comes before places (`PLACE_PREPOSITIONS`: "in", "near", "outside", the
 * points of the compass) after one space: a name that is also a place is the place there ("met Sarah in
 * Paris", "south-west London").
 * @internal
 *
 * @example
 * ```ts
 * placeWordBefore(w, 1); // true for 'in Paris'
 * ```
 */
export function placeWordBefore(w: Words, i: number): boolean {
  const prev = i - 1;
  return prev >= 0 && spaced(w, prev, i) && (wordsOf(w, prev) & W_PLACE_PREP) !== 0;
}

/**
 * Words `a` and `b` are separated by exactly one space ("New York"; not "Ann. She", not "A  B").
 * @internal
 *
 * @example
 * ```ts
 * spaced(w, 0, 1); // true for 'New York', false for 'St. Louis'
 * ```
 */
export function spaced(w: Words, a: number, b: number): boolean {
  const end = w.end[a] as number;
  return (w.start[b] as number) === end + 1 && w.text.charCodeAt(end) === 32;
}

/**
 * The lower-cased word `i` ends with "'s" or "’s" (only "s" and "S" lower-case to "s").
 * @internal
 *
 * @example
 * ```ts
 * possessive(w, 0); // true for "Ada's"
 * ```
 */
export function possessive(w: Words, i: number): boolean {
  const end = w.end[i] as number;
  if (end - (w.start[i] as number) < 2) return false;
  const s = w.text.charCodeAt(end - 1);
  const q = w.text.charCodeAt(end - 2);
  return (s === 115 || s === 83) && (q === 39 || q === 0x2019);
}

/** Word `i` is shorter than 3 units and all capitals ("US", "A"). */
function shortCaps(w: Words, i: number): boolean {
  return (w.end[i] as number) - (w.start[i] as number) < 3 && allCaps(w, i);
}

/**
 * Word `i` has no lower-case letter: an ASCII word no a-z, another one equal to its upper case ("FREE",
 * "ÉMILE").
 * @internal
 *
 * @example
 * ```ts
 * allCaps(w, 0); // true for "RAM", false for "Ram"
 * ```
 */
export function allCaps(w: Words, i: number): boolean {
  const start = w.start[i] as number;
  const end = w.end[i] as number;
  const text = w.text;
  // ASCII words: upper-casing changes exactly the letters a-z.
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 128) {
      const s = text.slice(start, end);
      return s === s.toUpperCase();
    }
    if (c >= 97 && c <= 122) return false;
  }
  return true;
}

/**
 * Word `i` comes right after a title of office (`TITLES`: "Senator Obama", "Sen. Barack", "Gov. Mitt"):
 * one space, or a period and one space after an abbreviation, which needs its period ("Rep. Foley").
 * @internal
 *
 * @example
 * ```ts
 * titleBefore(w, i); // word i of "Senator Obama" is 1
 * ```
 */
export function titleBefore(w: Words, i: number): boolean {
  if (i === 0) return false;
  const prev = i - 1;
  if ((wordsOf(w, prev) & W_TITLE) === 0 || !adjacent(w, prev, i)) return false;
  return w.text.charCodeAt(w.end[prev] as number) === 46 || !TITLE_ABBREVIATIONS.has(lowerOf(w, prev));
}
