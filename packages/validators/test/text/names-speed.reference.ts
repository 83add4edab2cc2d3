/**
 * Reference for test/text/names-speed.test.ts: the PERSON/LOCATION recognizer as it was before the
 * capitalized-word index (`markCaps`), the one-pass word facts and the bucketed cue check (commit
 * d381cf4 of src/text/pii/names.ts, imports pointed at src), with one later change of behaviour: the
 * lower-case decision is made per word (`lowerWords`), as names-case.ts does, and names in numbered
 * streets are left to the address recognizer (`inNumberedStreet`). The word lists are the
 * package's own (names-lists.ts): they are data, and the property checks the algorithm. Not used by the
 * package.
 */

import { STREET_ENDINGS, STREET_SUFFIXES, TYPES } from '../../src/text/pii/address';
import { inNumberedStreet } from '../../src/text/pii/address-numbered';
import {
  defaultGazetteer,
  type Gazetteer,
  gazetteerTable,
  IN_FIRST,
  IN_LAST,
  IN_PLACE,
  IN_PLACE_HEAD,
  PLACE_WORDS_MANY,
  PLACE_WORDS_SHIFT,
} from '../../src/text/pii/gazetteer';
import { LOWER_AFTER, LOWER_BEFORE } from '../../src/text/pii/names-case';
import { PLACE_FEATURE_WORDS } from '../../src/text/pii/names-facilities';
import {
  COMMON_NAMES,
  COMMON_PLACES,
  CUE_ENDS,
  CUE_STOPS,
  FONT_NAMES,
  GIVING_VERBS,
  GREETINGS,
  HONORIFICS,
  HUMAN_VERBS,
  MAJOR_PLACES,
  NAME_CUE,
  NAMING_VERBS,
  NOT_NAMES,
  NOT_SURNAMES,
  OBJECT_PRONOUNS,
  ORG_ABBREVIATED,
  ORG_CONTEXT,
  ORG_HEADS,
  ORG_LEGAL,
  ORG_OF_HEADS,
  ORG_STOP,
  ORG_TAIL,
  ORG_WEAK,
  PARTICLES,
  PERSON_CONTEXT,
  PERSONAL_NOUNS,
  PLACE_CONTEXT,
  PLACE_CUES,
  PLACE_PREPOSITIONS,
  PLACE_THINGS,
  POSSESSIVE_DETERMINERS,
  RELATION_NOUNS,
  SELF_CUE_STOPS,
  THING_HEADS,
  TITLE_ABBREVIATIONS,
  TITLES,
  US_STATE_CODES,
  VOCATIVES,
} from '../../src/text/pii/names-lists';
import { asSite } from '../../src/text/pii/names-streets';
import type { PiiCandidate, PiiRecognizer } from '../../src/text/pii/types';
import { FNV_OFFSET, FNV_PRIME, foldAsciiLower, foldString, WordFlags, wordHash } from '../../src/text/pii/word-index';
import { hasContext } from '../../src/text/shared/context';

const MAX_WORD = 40;
// Bits of the small fixed word lists (one lookup per word instead of one per list).
const W_NOT_NAME = 1;
const W_PARTICLE = 2;
const W_HONORIFIC = 4;
const W_NAME_CUE = 8;
const W_CUE_END = 16;
const W_IS = 32;
const W_NAME = 64;
const SMALL_WORDS: ReadonlyMap<string, number> = /* @__PURE__ */ (() => {
  const m = new Map<string, number>();
  const add = (words: Iterable<string>, bit: number) => {
    for (const w of words) m.set(w, (m.get(w) ?? 0) | bit);
  };
  add(NOT_NAMES, W_NOT_NAME);
  add(PARTICLES, W_PARTICLE);
  add(HONORIFICS, W_HONORIFIC);
  add(NAME_CUE, W_NAME_CUE);
  add(CUE_ENDS, W_CUE_END);
  add(['is'], W_IS);
  add(['name'], W_NAME);
  return m;
})();
/** SMALL_WORDS as a word table (looked up in the text without building the lower-case word). */
const SMALL_TABLE: WordFlags = /* @__PURE__ */ (() => {
  const t = new WordFlags(SMALL_WORDS.size);
  for (const [w, bits] of SMALL_WORDS) t.add(w, bits);
  return t;
})();
/** @internal Place cues with their trailing space, as the text before a capitalized word must end. */
const PLACE_CUES_SPACED: readonly string[] = /* @__PURE__ */ PLACE_CUES.map((cue) => `${cue} `);

// Bits of the gazetteer lookups a word remembers (the bits of the gazetteer's word table).
const G_FIRST = IN_FIRST;
const G_LAST = IN_LAST;
const G_PLACE = IN_PLACE;

/**
 * The words of one text as parallel arrays (no object per word), reused by every scan: scans are
 * synchronous, and a scan that starts while another runs (a custom gazetteer's set calling back into
 * `detectPII`) gets arrays of its own. A word's lookups are made on first use (most words never need
 * them) and remembered, so each list is asked at most once per word and scan. With a word table
 * (gazetteers from `createGazetteer`), one probe answers every list and the lower-case string is not
 * built for ASCII words.
 */
class Words {
  text = '';
  table: WordFlags | undefined = undefined;
  busy = false;
  /** Number of words and of capitalized words. */
  n = 0;
  upper = 0;
  start: Int32Array = new Int32Array(0);
  end: Int32Array = new Int32Array(0);
  /** 1: the word is capitalized. */
  cap: Uint8Array = new Uint8Array(0);
  /** 1: the word is ASCII and `hash` holds its `asciiLowerHash`. */
  ascii: Uint8Array = new Uint8Array(0);
  hash: Int32Array = new Int32Array(0);
  /** Bits of the small word lists (`W_*`), -1 until asked. */
  small: Int32Array = new Int32Array(0);
  /** With a table: its flags for the word, -1 until asked; without: the `G_*` bits found among `asked`. */
  found: Int32Array = new Int32Array(0);
  asked: Uint8Array = new Uint8Array(0);
  grow(size: number): void {
    const grow32 = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    const grow8 = (a: Uint8Array) => {
      const b = new Uint8Array(size);
      b.set(a);
      return b;
    };
    this.start = grow32(this.start);
    this.end = grow32(this.end);
    this.cap = grow8(this.cap);
    this.ascii = grow8(this.ascii);
    this.hash = grow32(this.hash);
    this.small = grow32(this.small);
    this.found = grow32(this.found);
    this.asked = grow8(this.asked);
  }
}

const SHARED = /* @__PURE__ */ new Words();

/** The lower-case form of word `i`. */
function lowerOf(w: Words, i: number): string {
  return w.text.slice(w.start[i] as number, w.end[i] as number).toLowerCase();
}

/** Flags of word `i` in a word table. */
function flagsIn(w: Words, i: number, table: WordFlags): number {
  return w.ascii[i] === 1
    ? table.lookupAscii(w.text, w.start[i] as number, w.end[i] as number, w.hash[i] as number)
    : table.lookup(lowerOf(w, i));
}

/**
 * Since the common-word rule: word `i` is a common English word, or has no lower-case letter and is
 * not followed by a capitalized word after one space.
 */
function weakNameOf(w: Words, i: number): boolean {
  const word = w.text.slice(w.start[i] as number, w.end[i] as number);
  if (COMMON_NAMES.has(word.toLowerCase())) return true;
  const next = i + 1;
  const capsAfter =
    next < w.n && w.cap[next] === 1 && w.text.slice(w.end[i] as number, w.start[next] as number) === ' ';
  return word === word.toUpperCase() && !capsAfter;
}

/** Since the common-word rule: a capitalized known family or given name follows word `i` after one space. */
function knownNameNextOf(w: Words, g: Gazetteer, i: number): boolean {
  const next = i + 1;
  if (next >= w.n || w.cap[next] !== 1 || w.text.slice(w.end[i] as number, w.start[next] as number) !== ' ')
    return false;
  if ((wordsOf(w, next) & (W_HONORIFIC | W_NOT_NAME)) !== 0 || shortCaps(w, next)) return false;
  return inList(w, next, G_LAST, g.lastNames) || inList(w, next, G_FIRST, g.firstNames);
}

/** Bits of the small word lists (`W_*`) of word `i`. */
function wordsOf(w: Words, i: number): number {
  let f = w.small[i] as number;
  if (f < 0) {
    f = flagsIn(w, i, SMALL_TABLE);
    // Since the tag and font rules: a capitalized word that names a tag in capitals ("<PARAM") or that
    // is next to a typeface in a comma-separated list ("Arial, Geneva") is no name.
    if (w.cap[i] === 1 && (tagCapsOf(w, i) || fontNeighbourOf(w, i))) f |= W_NOT_NAME;
    // Since the digit rule: a capitalized word with an ASCII digit right before or after it is no name.
    if (w.cap[i] === 1 && /[0-9]/.test((w.text[(w.start[i] as number) - 1] ?? '') + (w.text[w.end[i] as number] ?? '')))
      f |= W_NOT_NAME;
    w.small[i] = f;
  }
  return f;
}

/** Since the tag rule: word `i` comes after "<" or "</" and has no lower-case letter. */
function tagCapsOf(w: Words, i: number): boolean {
  const before = w.text.slice(Math.max(0, (w.start[i] as number) - 2), w.start[i] as number);
  const word = w.text.slice(w.start[i] as number, w.end[i] as number);
  return (before.endsWith('<') || before === '</') && word === word.toUpperCase();
}

/** Since the font rule: a typeface name is the word before or after word `i`, with "," or ", " between. */
function fontNeighbourOf(w: Words, i: number): boolean {
  const comma = (a: number, b: number) => [',', ', '].includes(w.text.slice(w.end[a] as number, w.start[b] as number));
  return (
    (i > 0 && comma(i - 1, i) && FONT_NAMES.has(lowerOf(w, i - 1))) ||
    (i + 1 < w.n && comma(i, i + 1) && FONT_NAMES.has(lowerOf(w, i + 1)))
  );
}

/** Since the "in" rule: the word before word `i`, one space before it, is one of PLACE_PREPOSITIONS. */
function inBeforeOf(w: Words, i: number): boolean {
  return (
    i > 0 &&
    PLACE_PREPOSITIONS.has(lowerOf(w, i - 1)) &&
    w.text.slice(w.end[i - 1] as number, w.start[i] as number) === ' '
  );
}

/** A capitalized word follows word `i` after one space. */
function capitalAfterOf(w: Words, i: number): boolean {
  return i + 1 < w.n && w.cap[i + 1] === 1 && w.text.slice(w.end[i] as number, w.start[i + 1] as number) === ' ';
}

/**
 * A later rule: word `i` is one of MAJOR_PLACES, no "," or ", " comes right before it, and no capitalized
 * word follows it after one space unless that word is a NOT_NAMES word or short capitals.
 */
function majorAloneOf(w: Words, i: number): boolean {
  if (!MAJOR_PLACES.has(lowerOf(w, i))) return false;
  if (i > 0 && /^, ?$/.test(w.text.slice(w.end[i - 1] as number, w.start[i] as number))) return false;
  return !capitalAfterOf(w, i) || (wordsOf(w, i + 1) & W_NOT_NAME) !== 0 || shortCaps(w, i + 1);
}

/** Since the state-code rule: ", " or "," and a US state code in capitals follow word `i`, then no letter or digit. */
function stateCodeAfterOf(w: Words, i: number): boolean {
  const m = /^, ?([A-Z]{2})(?![\p{L}\p{N}])/u.exec(w.text.slice(w.end[i] as number));
  return m !== null && US_STATE_CODES.has((m[1] as string).toLowerCase());
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

/** Whether lower-case word `i` is in `set`, the gazetteer list of bit `bit` (`G_*`). */
function inList(w: Words, i: number, bit: number, set: ReadonlySet<string>): boolean {
  if (w.table !== undefined) return (tableFlags(w, i, w.table) & bit) !== 0;
  if (((w.asked[i] as number) & bit) === 0) {
    w.asked[i] = (w.asked[i] as number) | bit;
    if (set.has(lowerOf(w, i))) w.found[i] = (w.found[i] as number) | bit;
  }
  return ((w.found[i] as number) & bit) !== 0;
}

/** `g.placeWords.get(lower-case word i)`. */
function placeWordsOf(w: Words, i: number, map: ReadonlyMap<string, number>): number | undefined {
  if (w.table !== undefined) {
    const f = tableFlags(w, i, w.table);
    if ((f & IN_PLACE_HEAD) === 0) return undefined;
    const count = f >>> PLACE_WORDS_SHIFT;
    if (count !== PLACE_WORDS_MANY) return count;
  }
  return map.get(lowerOf(w, i));
}

/** `foldString(h, lower-case word i)`, without building the string for ASCII words. */
function foldLowerOf(w: Words, i: number, h: number): number {
  return foldAsciiLower(h, w.text, w.start[i] as number, w.end[i] as number) ?? foldString(h, lowerOf(w, i));
}

// Per-UTF-16-unit classes, ASCII filled now, other units on first use: 1 letter/mark (3 if upper-case), 2 other.
const CLASS: Uint8Array = /* @__PURE__ */ (() => {
  const k = new Uint8Array(65536);
  for (let c = 0; c < 128; c++) k[c] = (c | 32) >= 97 && (c | 32) <= 122 ? (c <= 90 ? 3 : 1) : 2;
  return k;
})();
/** @internal */
const LETTER: RegExp = /[\p{L}\p{M}]/u;

function classOf(c: number): number {
  const k = CLASS[c] as number;
  return k !== 0 ? k : classify(c);
}

/** Class of a non-ASCII unit not seen yet (kept out of `classOf` so that it inlines). */
function classify(c: number): number {
  const ch = String.fromCharCode(c);
  // Surrogate halves are not classified (astral letters are rare in names and places).
  const k = c >= 0xd800 && c <= 0xdfff ? 2 : LETTER.test(ch) ? (ch !== ch.toLowerCase() ? 3 : 1) : 2;
  CLASS[c] = k;
  return k;
}

/** Fill `w` with the words of `text` (and the `asciiLowerHash` of each ASCII word, in the same walk). */
function tokenize(w: Words, text: string, table: WordFlags | undefined): void {
  w.text = text;
  w.table = table;
  let count = 0;
  let upper = 0;
  const n = text.length;
  const unknown = table === undefined ? 0 : -1;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    const k = classOf(c);
    if (k === 2) {
      i++;
      continue;
    }
    const start = i;
    // FNV-1a of the lower-cased ASCII units (`wordHash` of the lower-case word); `wide` once a unit is not ASCII.
    let h = Math.imul(FNV_OFFSET ^ (c < 91 && c > 64 ? c + 32 : c), FNV_PRIME);
    let wide = c >= 128;
    i++;
    for (;;) {
      while (i < n) {
        c = text.charCodeAt(i);
        if (c < 128) {
          // ASCII: letters are the only units of class 1 or 3, and `| 32` lower-cases A-Z.
          if (((c | 32) - 97) >>> 0 >= 26) break;
          h = Math.imul(h ^ (c | 32), FNV_PRIME);
        } else {
          if (classOf(c) === 2) break;
          h = Math.imul(h ^ c, FNV_PRIME);
          wide = true;
        }
        i++;
      }
      // Apostrophes and hyphens join letters: "O'Neil", "Jean-Luc".
      if ((c === 39 || c === 0x2019 || c === 45) && i + 1 < n && classOf(text.charCodeAt(i + 1)) !== 2) {
        h = Math.imul(h ^ c, FNV_PRIME);
        if (c >= 128) wide = true;
        i++;
      } else break;
    }
    // Words longer than any name or place are skipped (and bound the length of a finding).
    if (i - start <= MAX_WORD) {
      if (count === w.start.length) w.grow(Math.max(64, 2 * count));
      w.start[count] = start;
      w.end[count] = i;
      w.cap[count] = k === 3 ? 1 : 0;
      w.ascii[count] = wide ? 0 : 1;
      w.hash[count] = h | 0;
      w.small[count] = -1;
      w.found[count] = unknown;
      w.asked[count] = 0;
      count++;
      if (k === 3) upper++;
    }
  }
  w.n = count;
  w.upper = upper;
}

/** True when words a and b are separated by exactly one space (or one space after a period for "St."). */
function adjacent(w: Words, a: number, b: number): boolean {
  const end = w.end[a] as number;
  const gap = (w.start[b] as number) - end;
  if (gap === 1) return w.text.charCodeAt(end) === 32;
  return gap === 2 && w.text.charCodeAt(end) === 46 && w.text.charCodeAt(end + 1) === 32;
}

/**
 * A recognizer of PERSON and LOCATION over a gazetteer (the shipped one by default).
 *
 * @example
 * ```ts
 * const rec = namesRecognizer(createGazetteer({ firstNames: ['Zaphod'], lastNames: [], places: [] }));
 * ```
 */
export function referenceNamesRecognizer(gazetteer?: Gazetteer): PiiRecognizer {
  return {
    name: 'names',
    entities: ['PERSON', 'LOCATION', 'ORGANIZATION'],
    maxLength: 6 * 42,
    scan(text, report) {
      // Names in numbered streets are left to the address recognizer, as names.ts does (a later rule,
      // tested in address-numbered.test.ts; applied here to every candidate).
      // A later rule (stop 50): a PERSON before a facility's word is the facility (names-facilities.ts).
      const emit = (c: PiiCandidate) => {
        if (inNumberedStreet(text, c.start, c.end, TYPES, STREET_SUFFIXES, STREET_ENDINGS)) return;
        // Since stop 51: a place before a site's word names the site ("Central Park"); since stop 52, a
        // saint's possessive and a site named head first ("St. Mary's Hospital", "Gare du Nord").
        const r = c.entity === 'ORGANIZATION' ? c : asSite(text, c);
        if (r !== undefined) report(r);
      };
      const g = gazetteer ?? defaultGazetteer();
      const table = gazetteerTable(g);
      const w = SHARED.busy ? new Words() : SHARED;
      w.busy = true;
      try {
        tokenize(w, text, table);
        // Lower-case names and places are only looked for where the text is written without capitals.
        const lowerAt = lowerWords(w);
        scanOrganizations(w, g, emit, lowerAt);
        scanPlaces(w, g, emit, lowerAt);
        scanPeople(w, g, emit, lowerAt);
        scanLists(w, g, emit);
        // A later rule: names written family name first ("Patient: Smith, John A.").
        scanInvertedPlain(w, g, emit);
      } finally {
        w.busy = false;
        w.text = '';
      }
    },
  };
}

/**
 * Lists of people, as names-coordinated.ts describes them, written plainly: runs of capitalized words
 * (not list words, not short capitals, not an organization's, not CUE_STOPS), each alone between its
 * neighbours, joined by ", " and a last " and " / " or " / ", and " / ", or ", with two known names that
 * are no places, no place that is no name, and no number after the last one.
 */
function scanLists(w: Words, g: Gazetteer, emit: (c: PiiCandidate) => void): void {
  const text = w.text;
  const gap = (a: number, b: number) => text.slice(w.end[a] as number, w.start[b] as number);
  const capsNext = (a: number, b: number) => w.cap[a] === 1 && w.cap[b] === 1 && adjacent(w, a, b);
  const memberAt = (i: number) =>
    i < w.n &&
    w.cap[i] === 1 &&
    (wordsOf(w, i) & W_NOT_NAME) === 0 &&
    !shortCaps(w, i) &&
    !CUE_STOPS.has(lowerOf(w, i)) &&
    !(i > 0 && capsNext(i - 1, i)) &&
    !(i + 1 < w.n && capsNext(i, i + 1));
  let i = 0;
  while (i < w.n) {
    if (!memberAt(i)) {
      i++;
      continue;
    }
    const members = [i];
    let joined = false;
    let k = i;
    while (!joined && !possessive(w, k) && k + 1 < w.n) {
      const sep = gap(k, k + 1);
      const word = lowerOf(w, k + 1);
      const conj =
        (word === 'and' || word === 'or') && w.text.slice(w.start[k + 1] as number, w.end[k + 1] as number) === word;
      if (conj && (sep === ' ' || sep === ', ') && k + 2 < w.n && gap(k + 1, k + 2) === ' ' && memberAt(k + 2)) {
        k += 2;
        joined = true;
      } else if (!conj && sep === ', ' && memberAt(k + 1)) k++;
      else break;
      members.push(k);
    }
    const after = text.slice(w.end[k] as number, (w.end[k] as number) + 2);
    const known = members.filter(
      (m) => (g.firstNames.has(lowerOf(w, m)) || g.lastNames.has(lowerOf(w, m))) && !g.places.has(lowerOf(w, m)),
    ).length;
    const placeOnly = members.some(
      (m) => g.places.has(lowerOf(w, m)) && !g.firstNames.has(lowerOf(w, m)) && !g.lastNames.has(lowerOf(w, m)),
    );
    if (joined && known >= 2 && !placeOnly && !/^ \d/.test(after)) {
      for (const m of members) {
        emit({
          entity: 'PERSON',
          start: w.start[m] as number,
          end: (w.end[m] as number) - (possessive(w, m) ? 2 : 0),
          score: 0.55,
          recognizer: 'names',
          context: PERSON_CONTEXT,
          contextBoost: 0.2,
        });
      }
    }
    i = k + 1;
  }
}

/**
 * Names written family name first, as names-inverted.ts describes them, written plainly: a kept capitalized
 * known family name that is no place and has no capitalized word one space (or ". ") before it, ", ", a kept
 * capitalized known given name that is no common given name, maybe one space and a capital letter (with
 * its period) or a kept capitalized known given name, then the end of the text, a line break, ";", ")",
 * " <", " (", " [", or a period before white space or the end.
 */
function scanInvertedPlain(w: Words, g: Gazetteer, emit: (c: PiiCandidate) => void): void {
  const text = w.text;
  const keptAt = (i: number) => i < w.n && w.cap[i] === 1 && (wordsOf(w, i) & W_NOT_NAME) === 0 && !shortCaps(w, i);
  const word = (i: number) => text.slice(w.start[i] as number, w.end[i] as number);
  for (let i = 0; i + 1 < w.n; i++) {
    const k = i + 1;
    if (text.slice(w.end[i] as number, w.start[k] as number) !== ', ') continue;
    if (i > 0 && w.cap[i - 1] === 1 && adjacent(w, i - 1, i)) continue;
    if (!keptAt(i) || !keptAt(k)) continue;
    const family = lowerOf(w, i);
    const given = lowerOf(w, k);
    if (!g.lastNames.has(family) || g.places.has(family) || !g.firstNames.has(given) || COMMON_NAMES.has(given))
      continue;
    let last = k;
    const m = k + 1;
    if (
      m < w.n &&
      w.cap[m] === 1 &&
      text.slice(w.end[k] as number, w.start[m] as number) === ' ' &&
      (/^[A-Z]$/.test(word(m)) || (keptAt(m) && g.firstNames.has(lowerOf(w, m))))
    )
      last = m;
    let end = w.end[last] as number;
    if (/^[A-Z]$/.test(word(last)) && text[end] === '.') end++;
    if (!/^(?:$|[\n\r;)]| [<([]|\.(?:$|[ \n\r\t]))/.test(text.slice(end, end + 2))) continue;
    emit({
      entity: 'PERSON',
      start: w.start[i] as number,
      end,
      score: 0.85,
      recognizer: 'names',
      context: PERSON_CONTEXT,
      contextBoost: 0.2,
    });
    i = k;
  }
}

/**
 * ORGANIZATION, as names-orgs.ts describes it, written plainly: the words' lower-case strings and the
 * lists as sets. The capitalized words of a finding become "not a name" for the scans after it.
 */
function scanOrganizations(w: Words, g: Gazetteer, emit: (c: PiiCandidate) => void, lowerAt: readonly boolean[]): void {
  const text = w.text;
  const n = w.n;
  const inOrg = new Set<number>();
  const gapText = (a: number, b: number) => text.slice(w.end[a] as number, w.start[b] as number);
  const notInName = (i: number) => {
    const l = lowerOf(w, i);
    return ORG_STOP.has(l) || HONORIFICS.has(l) || NAME_CUE.has(l) || CUE_ENDS.has(l) || l === 'is' || l === 'name';
  };
  const nameWord = (i: number, caps: boolean) =>
    !possessive(w, i) &&
    !notInName(i) &&
    (caps ? w.cap[i] === 1 : w.cap[i] === 0 && lowerAt[i] === true && !PARTICLES.has(lowerOf(w, i)));
  const ends = (i: number) => {
    const l = lowerOf(w, i);
    return ORG_LEGAL.has(l) || ORG_WEAK.has(l) || ORG_TAIL.has(l);
  };
  const found = (first: number, last: number, score: number) => {
    let end = w.end[last] as number;
    if (text[end] === '.' && ORG_ABBREVIATED.has(lowerOf(w, last))) end++;
    emit({
      entity: 'ORGANIZATION',
      start: w.start[first] as number,
      end,
      score,
      recognizer: 'names',
      context: ORG_CONTEXT,
      contextBoost: 0.15,
    });
  };
  const mark = (first: number, last: number) => {
    for (let k = first; k <= last; k++) {
      if (w.cap[k] === 1) {
        inOrg.add(k);
        w.small[k] = wordsOf(w, k) | W_NOT_NAME;
      }
    }
  };
  const nameBefore = (d: number, caps: boolean): number => {
    const l = lowerOf(w, d);
    if (l.length === 2 && text[w.end[d] as number] !== '.') return -1; // "Co."
    const legal = ORG_LEGAL.has(l);
    const tail = !legal && !ORG_WEAK.has(l);
    let j = d;
    let names = 0;
    while (j > 0 && names < (caps ? 4 : 1)) {
      const p = j - 1;
      const gap = gapText(p, j);
      if (gap === ' & ' || (gap === ', ' && names === 0 && legal)) {
        if (!nameWord(p, caps)) break;
      } else if (gap === '. ' && names > 0 && initial(w, p)) {
        // "H. J. Wilson & Company"
      } else if (gap === ' ') {
        const lp = lowerOf(w, p);
        const head = p > 0 && ORG_OF_HEADS.has(lowerOf(w, p - 1));
        if ((lp === 'and' ? names === 0 : lp === 'of' && names > 0 && head) && p > 0 && gapText(p - 1, p) === ' ') {
          if (!nameWord(p - 1, caps)) break;
          j = p - 1;
          names++;
          continue;
        }
        if (tail && names === 0) return -1;
        if (!nameWord(p, caps)) break;
      } else break;
      j = p;
      names++;
    }
    return names === 0 ? -1 : j;
  };
  // The last word of "<institution> of <name>" at word `d`, or -1.
  const afterOf = (d: number): number => {
    if (d + 2 >= n || lowerOf(w, d + 1) !== 'of' || gapText(d, d + 1) !== ' ') return -1;
    let last = -1;
    for (let k = d + 2; k < n && k <= d + 4; k++) {
      if (gapText(k - 1, k) !== ' ' || w.cap[k] === 0 || possessive(w, k) || notInName(k) || inOrg.has(k)) break;
      last = k;
    }
    return last;
  };
  for (let d = 1; d < n; d++) {
    if (w.cap[d] === 0 || !ends(d)) continue;
    if (d + 1 < n && w.cap[d + 1] === 1 && ends(d + 1) && adjacent(w, d, d + 1)) continue;
    const first = nameBefore(d, true);
    if (first < 0) continue;
    // Since the "Association of America" rule: an institution word that ends the name goes on over "of" and a name.
    const after = ORG_HEADS.has(lowerOf(w, d)) ? afterOf(d) : -1;
    const last = after >= 0 ? after : d;
    found(first, last, ORG_LEGAL.has(lowerOf(w, d)) ? 0.85 : 0.7);
    mark(first, last);
  }
  // "University of Michigan"
  for (let d = 0; d + 2 < n; d++) {
    if (w.cap[d] === 0 || inOrg.has(d) || !ORG_HEADS.has(lowerOf(w, d))) continue;
    const last = afterOf(d);
    if (last < 0) continue;
    found(d, last, 0.7);
    mark(d, last);
  }
  for (let d = 1; d < n; d++) {
    if (w.cap[d] === 1 || !lowerAt[d] || !ORG_LEGAL.has(lowerOf(w, d))) continue;
    const first = nameBefore(d, false);
    if (first >= 0) found(first, d, 0.6);
  }
  // "Smith & Wesson"
  // Since the digit rule, a word glued to a digit is no name here either ("Čaraveša & Aadi0").
  const firmWord = (k: number) =>
    w.cap[k] === 1 &&
    !inOrg.has(k) &&
    !NOT_NAMES.has(lowerOf(w, k)) &&
    (wordsOf(w, k) & W_NOT_NAME) === 0 &&
    !shortCaps(w, k) &&
    !HONORIFICS.has(lowerOf(w, k)) &&
    !possessive(w, k) &&
    !ORG_STOP.has(lowerOf(w, k));
  for (let i = 0; i + 1 < n; i++) {
    if (w.cap[i] === 0 || NOT_NAMES.has(lowerOf(w, i)) || shortCaps(w, i) || inOrg.has(i)) continue;
    const last = i + 1;
    if (gapText(i, last) !== ' & ' || !firmWord(i) || !firmWord(last)) continue;
    if (i > 0 && w.cap[i - 1] === 1 && adjacent(w, i - 1, i) && !ORG_STOP.has(lowerOf(w, i - 1))) continue;
    if (last + 1 < n && w.cap[last + 1] === 1 && adjacent(w, last, last + 1)) continue;
    const pair = [i, last];
    const family = pair.filter((k) => inList(w, k, G_LAST, g.lastNames)).length;
    const notGiven = pair.filter((k) => !inList(w, k, G_FIRST, g.firstNames)).length;
    const places = pair.filter((k) => inList(w, k, G_PLACE, g.places)).length;
    if (family < 1 || notGiven < 1 || places > 1) continue;
    found(i, last, 0.6);
    mark(i, last);
  }
}

/** The lower-case words `i` .. `i + n - 1` joined by single spaces. */
function joinLower(w: Words, i: number, n: number): string {
  let key = lowerOf(w, i);
  for (let k = 1; k < n; k++) key += ` ${lowerOf(w, i + k)}`;
  return key;
}

function scanPlaces(w: Words, g: Gazetteer, emit: (c: PiiCandidate) => void, lowerAt: readonly boolean[]): void {
  const text = w.text;
  const table = w.table;
  const count = w.n;
  // Lower-case writing: the longest known place of lower-case words right after a place cue.
  for (let i = 1; i < count; i++) {
    if (!lowerAt[i] || w.cap[i] === 1 || (wordsOf(w, i - 1) & W_CUE_END) === 0) continue;
    if (!cueEndsAt(text, w.start[i] as number)) continue;
    let best = 0;
    for (let n = 1; n <= 12 && i + n - 1 < count; n++) {
      const cur = i + n - 1;
      if (n > 1 && (w.cap[cur] === 1 || !adjacent(w, cur - 1, cur))) break;
      if (g.places.has(joinLower(w, i, n))) best = n;
    }
    if (best === 0) continue;
    emit({
      entity: 'LOCATION',
      start: w.start[i] as number,
      end: w.end[i + best - 1] as number,
      score: 0.6,
      recognizer: 'names',
      context: PLACE_CONTEXT,
      contextBoost: 0.2,
    });
    i += best - 1;
  }
  let paired = -1;
  // A later rule (stop 50): the words of the last place taken as one (no name, or cued, paired or
  // listed), for a name-or-place listed after it ("in Georgia or Virginia", "from Florence to Georgia").
  let lastPlace: [number, number] | undefined;
  const listed = (i: number): boolean => {
    if (lastPlace === undefined || capitalAfterOf(w, i)) return false;
    const [from, to] = lastPlace;
    const gap = text.slice(w.end[to] as number, w.start[i] as number);
    const joins =
      (i === to + 1 && gap === ', ') ||
      (i === to + 2 && [' and ', ' or ', ', and ', ', or '].includes(gap.toLowerCase())) ||
      (i === to + 2 &&
        gap.toLowerCase() === ' to ' &&
        from > 0 &&
        text.slice(w.end[from - 1] as number, w.start[from] as number) === ' ' &&
        lowerOf(w, from - 1) === 'from');
    return joins && !(i + 1 < w.n && adjacent(w, i, i + 1) && HUMAN_VERBS.has(lowerOf(w, i + 1)));
  };
  for (let i = 0; i < count; i++) {
    if (w.cap[i] === 0 || (wordsOf(w, i) & W_NOT_NAME) !== 0 || shortCaps(w, i)) continue;
    const tStart = w.start[i] as number;
    const max = placeWordsOf(w, i, g.placeWords);
    if (max === undefined) {
      // Since the possessive rule: a known place of one word written with "'s" ("Berlin's").
      const stem = possessive(w, i) ? text.slice(tStart, (w.end[i] as number) - 2).toLowerCase() : undefined;
      // Since the acronym-place rule, not a short town in capitals ("the UN's ranking").
      if (stem !== undefined && g.places.has(stem) && !acronymPlaceOf(w, g, i, tStart + stem.length)) {
        // Since the common-place rule, a common English word is decided as a name is.
        const isName = g.firstNames.has(stem) || g.lastNames.has(stem) || COMMON_PLACES.has(stem);
        const cued = isName && i > 0 && (wordsOf(w, i - 1) & W_CUE_END) !== 0 && cueEndsAt(text, tStart);
        if (!isName || cued || hasContext(text, tStart, tStart + stem.length, PLACE_CONTEXT, 12, 0)) {
          emit({
            entity: 'LOCATION',
            start: tStart,
            end: tStart + stem.length,
            score: isName && !cued ? 0.4 : 0.6,
            recognizer: 'names',
            context: PLACE_CONTEXT,
            contextBoost: 0.2,
          });
          continue;
        }
      }
      const n = placeCue(w, i, g);
      if (n > 0) {
        emit({
          entity: 'LOCATION',
          start: tStart,
          end: w.end[i + n - 1] as number,
          score: 0.55,
          recognizer: 'names',
          context: PLACE_CONTEXT,
          contextBoost: 0.05,
        });
        lastPlace = [i, i + n - 1];
        i += n - 1;
      }
      continue;
    }
    // Multi-word places: with a word table, the key's hash is extended word by word and the key is
    // built only when some place has that hash.
    let key = table === undefined ? lowerOf(w, i) : '';
    let h = table === undefined ? 0 : foldLowerOf(w, i, wordHash(''));
    let best = -1;
    let owner = false;
    for (let n = 1; n <= max && i + n - 1 < count; n++) {
      if (n > 1) {
        const cur = i + n - 1;
        if (!adjacent(w, cur - 1, cur)) break;
        if (table !== undefined) {
          h = foldLowerOf(w, cur, foldString(h, ' '));
          if (w.cap[cur] === 1 && (table.hashFlags(h) & IN_PLACE) !== 0 && g.places.has(joinLower(w, i, n))) best = n;
        } else {
          key += ` ${lowerOf(w, cur)}`;
          if (g.places.has(key) && w.cap[cur] === 1) best = n;
        }
        // Since the possessive-place rule: a capitalized last word with "'s" that ends a known place without
        // it ("San Francisco's City Hall"); the place ends there.
        if (best !== n && w.cap[cur] === 1 && possessive(w, cur)) {
          const stem = text.slice(w.start[cur] as number, (w.end[cur] as number) - 2).toLowerCase();
          if (g.places.has(`${joinLower(w, i, n - 1)} ${stem}`)) {
            best = n;
            owner = true;
            break;
          }
        }
      } else if (inList(w, i, G_PLACE, g.places)) best = 1; // word i is capitalized here
    }
    if (best < 0) continue;
    if (best === 1 && acronymPlaceOf(w, g, i, w.end[i] as number)) continue;
    if (owner) {
      emit(knownPlace(tStart, (w.end[i + best - 1] as number) - 2, 0.7));
      i += best - 1;
      continue;
    }
    // Since the place-thing rule: a place before a capitalized word that heads a thing's name, one space
    // after it, is none ("America Online", "New York Times").
    const after = i + best;
    if (
      after < count &&
      w.cap[after] === 1 &&
      text.slice(w.end[after - 1] as number, w.start[after] as number) === ' ' &&
      PLACE_THINGS.has(lowerOf(w, after))
    ) {
      i += best - 1;
      continue;
    }
    const isName = best === 1 && (inList(w, i, G_FIRST, g.firstNames) || inList(w, i, G_LAST, g.lastNames));
    // Since the common-place rule: a one-word place that is a common English word is decided as a name is.
    // A later rule: a major place alone (no name-like capitalized word after it) is the place.
    const major = isName && majorAloneOf(w, i);
    const weak = (isName && !major) || (best === 1 && COMMON_PLACES.has(lowerOf(w, i)));
    // After a place cue, a name that is also a place is the place.
    // Since the "in" rule: "in" before a one-word place that is a name cues it too, unless a capitalized
    // word follows after one space.
    const inCue = isName && inBeforeOf(w, i) && !capitalAfterOf(w, i);
    // Since stop 51: a common-word place right after a capitalized word that is no place and starts none
    // is part of a name ("Iron Man").
    if (
      best === 1 &&
      COMMON_PLACES.has(lowerOf(w, i)) &&
      i > 0 &&
      w.cap[i - 1] === 1 &&
      text.slice(w.end[i - 1] as number, tStart) === ' ' &&
      !g.places.has(lowerOf(w, i - 1)) &&
      ![...g.places].some((p) => p.startsWith(`${lowerOf(w, i - 1)} `))
    )
      continue;
    // Since stop 51: a site's word after the place cues it ("Central Park").
    const featured = /^ [A-Z][a-z]{2,11}(?![A-Za-z0-9\u0080-\uffff])(?! [A-Z]| of )/u.exec(
      text.slice(w.end[i + best - 1] as number),
    );
    const cued =
      weak &&
      ((i > 0 && (wordsOf(w, i - 1) & W_CUE_END) !== 0 && cueEndsAt(text, tStart)) ||
        inCue ||
        listed(i) ||
        (featured !== null && PLACE_FEATURE_WORDS.has(featured[0].slice(1).toLowerCase())));
    // Two known places with ", " between: both are places.
    // Not two names ("Elizabeth, Anna" is a list of people as often as of towns).
    // Since the state-code rule: a place before a US state code ("Austin, TX") is one too.
    let pair = i === paired || (weak && best === 1 && stateCodeAfterOf(w, i));
    if (commaPlace(w, g, i + best) && !(isName && nameAt(w, g, i + best))) {
      pair = true;
      paired = i + best;
    }
    // Since the family-name rule: a one-word place right after a capitalized given name that is no place
    // is a family name, unless cued.
    if (
      best === 1 &&
      !cued &&
      i > 0 &&
      w.cap[i - 1] === 1 &&
      text.slice(w.end[i - 1] as number, tStart) === ' ' &&
      !shortCaps(w, i - 1) &&
      (wordsOf(w, i - 1) & W_NOT_NAME) === 0 &&
      ((inList(w, i - 1, G_FIRST, g.firstNames) && !inList(w, i - 1, G_PLACE, g.places)) ||
        // Since stop 51: any capitalized word after an honorific or a title ("Dr. Barack Obama").
        honorificBefore(text, w.start[i - 1] as number) ||
        titleBeforeOf(w, i - 1))
    )
      continue;
    // Since stop 51: a one-word place right after a title of office is a family name ("Senator Obama").
    if (best === 1 && titleBeforeOf(w, i)) continue;
    const score = weak && !cued && !pair ? 0.4 : best > 1 ? 0.7 : 0.6;
    if (weak && !cued && !pair && !hasContext(text, tStart, w.end[i] as number, PLACE_CONTEXT, 12, 0)) {
      continue; // a name that is also a place: leave it to the PERSON scan unless the context says place
    }
    emit(knownPlace(tStart, w.end[i + best - 1] as number, score));
    if (score >= 0.6) lastPlace = [i, i + best - 1];
    i += best - 1;
  }
}

/** A LOCATION candidate of a known place (context words raise it by 0.2). */
function knownPlace(start: number, end: number, score: number): PiiCandidate {
  return { entity: 'LOCATION', start, end, score, recognizer: 'names', context: PLACE_CONTEXT, contextBoost: 0.2 };
}

/**
 * Since the acronym-place rule: word `i` up to `end` has four units or fewer, all capitals, after a word
 * with a lower-case letter, and is none of the countries, states and regions below; and no place cue, "in"
 * (PLACE_PREPOSITIONS), ", " with a known place after it, noun of places within 12 units or line of its own places it.
 */
function acronymPlaceOf(w: Words, g: Gazetteer, i: number, end: number): boolean {
  const text = w.text;
  const start = w.start[i] as number;
  const word = text.slice(start, end);
  const prev = i > 0 ? text.slice(w.start[i - 1] as number, w.end[i - 1] as number) : '';
  if (word.length > 4 || word !== word.toUpperCase() || prev === prev.toUpperCase()) return false;
  const countries =
    'asia chad cuba fiji gaza goa guam iowa iran iraq laos mali niue ohio oman peru togo uae uk usa utah';
  if (countries.split(' ').includes(word.toLowerCase())) return false;
  if ((wordsOf(w, i - 1) & W_CUE_END) !== 0 && cueEndsAt(text, start)) return false;
  if (inBeforeOf(w, i) || commaPlace(w, g, i + 1)) return false;
  const nouns = new Set('city town village country capital province region'.split(' '));
  if (hasContext(text, start, w.end[i] as number, nouns, 12, 0)) return false;
  return !(/(?:^|\n)[ \t]*$/.test(text.slice(0, start)) && /^[ \t]*(?:\r|\n|$)/.test(text.slice(w.end[i] as number)));
}

/** Word `k` comes after ", ", is capitalized, and is a known place or the first two words of one. */
function commaPlace(w: Words, g: Gazetteer, k: number): boolean {
  if (k >= w.n || w.cap[k] === 0) return false;
  if (w.text.slice(w.end[k - 1] as number, w.start[k] as number) !== ', ') return false;
  if (g.places.has(lowerOf(w, k))) return true;
  return k + 1 < w.n && w.cap[k + 1] === 1 && adjacent(w, k, k + 1) && g.places.has(joinLower(w, k, 2));
}

/** Word `k` is a given or family name. */
function nameAt(w: Words, g: Gazetteer, k: number): boolean {
  return inList(w, k, G_FIRST, g.firstNames) || inList(w, k, G_LAST, g.lastNames);
}

/**
 * Since the local lower-case rule (src/text/pii/names-case.ts), stated plainly: word i is in lower-case
 * writing when fewer than one in 20 of the words starting from LOWER_BEFORE units before its start to
 * LOWER_AFTER units after it are capitalized.
 */
export function lowerWords(w: { n: number; start: Int32Array; cap: Uint8Array }): boolean[] {
  const out: boolean[] = [];
  for (let i = 0; i < w.n; i++) {
    const s = w.start[i] as number;
    let words = 0;
    let caps = 0;
    for (let k = 0; k < w.n; k++) {
      const d = (w.start[k] as number) - s;
      if (d < -LOWER_BEFORE || d > LOWER_AFTER) continue;
      words++;
      if (w.cap[k] === 1) caps++;
    }
    out.push(caps * 20 < words);
  }
  return out;
}

function scanPeople(w: Words, g: Gazetteer, emit: (c: PiiCandidate) => void, lowerAt: readonly boolean[]): void {
  const text = w.text;
  const count = w.n;
  for (let i = 0; i < count; i++) {
    const up = w.cap[i] === 1;
    if (!up && !lowerAt[i]) {
      referenceCuedName(w, g, emit, i, capCueOf(w, i), lowerAt);
      continue;
    }
    if ((wordsOf(w, i) & (W_PARTICLE | W_HONORIFIC | W_NOT_NAME)) !== 0) continue;
    if (!up) {
      // Lower-case text: only a given name followed by a known family name ("roberto yamamura").
      const next = i + 1;
      if (
        next < count &&
        w.cap[next] === 0 &&
        // Since the lower-case common-word rule: not a given name that is a common English word.
        !COMMON_NAMES.has(lowerOf(w, i)) &&
        inList(w, i, G_FIRST, g.firstNames) &&
        inList(w, next, G_LAST, g.lastNames) &&
        adjacent(w, i, next)
      ) {
        emit({
          entity: 'PERSON',
          start: w.start[i] as number,
          end: w.end[next] as number,
          score: lowerCueOf(w, i) !== 'none' ? 0.6 : 0.5,
          recognizer: 'names',
          context: PERSON_CONTEXT,
          contextBoost: 0.2,
        });
        i++;
        continue;
      }
      // Since the verb cues: a given name and one more word alone on their line.
      const lineEnd = nameLineEndOf(w, g, i, lowerAt);
      if (lineEnd >= 0) {
        emit({
          entity: 'PERSON',
          start: w.start[i] as number,
          end: lineEnd,
          score: 0.5,
          recognizer: 'names',
          context: PERSON_CONTEXT,
          contextBoost: 0.2,
        });
        i++;
      } else referenceCuedName(w, g, emit, i, lowerCueOf(w, i), lowerAt);
      continue;
    }
    if (shortCaps(w, i)) continue;
    // Since the place-pair rule: the second word of a place starts no name ("York" of "New York Times").
    if (i > 0 && w.cap[i - 1] === 1 && adjacent(w, i - 1, i) && g.places.has(joinLower(w, i - 1, 2))) continue;
    // Since the possessive rule: a word ending in "'s" is looked up without it.
    const stem = possessive(w, i)
      ? w.text.slice(w.start[i] as number, (w.end[i] as number) - 2).toLowerCase()
      : undefined;
    if (stem !== undefined && (NOT_NAMES.has(stem) || HONORIFICS.has(stem) || PARTICLES.has(stem))) continue;
    // Since the common-word rule: a given name that is a common English word or written in capitals
    // counts as one only before a known name.
    const weak = stem === undefined && weakNameOf(w, i) && !knownNameNextOf(w, g, i);
    const first = stem !== undefined ? g.firstNames.has(stem) : !weak && inList(w, i, G_FIRST, g.firstNames);
    const lastOnly =
      !first && !weak && (stem !== undefined ? g.lastNames.has(stem) : inList(w, i, G_LAST, g.lastNames));
    // Since the verb cues: naming, giving and acting verbs around a word; a personal noun after a possessive.
    const around = stem !== undefined ? personalNounAfterOf(w, i) : verbCueOf(w, i);
    // Since the verb cues, a cue also raises a known family name alone.
    // Since stop 51: a title of office before a place, or before an unknown word and a known family name
    // or place ("Senator Obama", "Sen. Barack Obama").
    const titledName =
      stem === undefined &&
      titleBeforeOf(w, i) &&
      !allCapsOf(w, i) &&
      (inList(w, i, G_PLACE, g.places) ||
        (i + 1 < count &&
          w.cap[i + 1] === 1 &&
          text.slice(w.end[i] as number, w.start[i + 1] as number) === ' ' &&
          (wordsOf(w, i + 1) & (W_HONORIFIC | W_NOT_NAME)) === 0 &&
          !shortCaps(w, i + 1) &&
          (inList(w, i + 1, G_LAST, g.lastNames) || inList(w, i + 1, G_PLACE, g.places))));
    // Since stop 53: an honorific before one or two lower-case particles ("Mr de Vries"); the name starts
    // at the first particle.
    const particled = stem === undefined ? honorificParticlesOf(w, i) : -1;
    const cued =
      !first && (cueBefore(w, i) || around || titledName || particled >= 0) && !CUE_STOPS.has(stem ?? lowerOf(w, i));
    if (!first && !lastOnly && !cued) continue;
    // Since stop 51: a title before a capitalized word is the title ("Judge" of "Judge Judy").
    if (stem === undefined && i + 1 < count && w.cap[i + 1] === 1 && titleBeforeOf(w, i + 1)) continue;
    // A later rule (2026-11-30): a word in capitals after a word that is not in capitals is an acronym
    // ("said MSNBC", "called SPAM"), unless it is in a name list ("he said SMITH") or the word before is
    // "is", "am", "i'm", an honorific, or followed by ":" ("my name is ADLAN", "Name: ADLAN", "Mr. OKONKWO").
    if (!first && !lastOnly && stem === undefined && i > 0) {
      const word = w.text.slice(w.start[i] as number, w.end[i] as number);
      const before = w.text.slice(w.start[i - 1] as number, w.end[i - 1] as number);
      const naming =
        ['is', 'am', "i'm"].includes(before.toLowerCase()) ||
        HONORIFICS.has(before.toLowerCase().replace(/\.$/, '')) ||
        w.text[w.end[i - 1] as number] === ':';
      const listed = g.firstNames.has(word.toLowerCase()) || g.lastNames.has(word.toLowerCase());
      if (word === word.toUpperCase() && before !== before.toUpperCase() && !naming && !listed) continue;
    }
    // Since the state-code rule: a place that is also a name, before a US state code, is the place.
    // Since the "in" rule: so is one alone after "in" (no capitalized word after it, one space on).
    if (
      stem === undefined &&
      (stateCodeAfterOf(w, i) || (inBeforeOf(w, i) && !capitalAfterOf(w, i))) &&
      inList(w, i, G_PLACE, g.places)
    )
      continue;
    // A later rule: a major place alone, without a cue, is no person ("I love London").
    if (stem === undefined && majorAloneOf(w, i) && !cueBefore(w, i) && !around) continue;
    // Since stop 51: between "the", "a" or "an" and a lower-case thing's noun ("the Lewis structure").
    if (
      stem === undefined &&
      i > 0 &&
      i + 1 < count &&
      w.cap[i + 1] === 0 &&
      text.slice(w.end[i - 1] as number, w.start[i] as number) === ' ' &&
      text.slice(w.end[i] as number, w.start[i + 1] as number) === ' ' &&
      THING_HEADS.has(lowerOf(w, i + 1)) &&
      ['the', 'a', 'an'].includes(lowerOf(w, i - 1))
    )
      continue;
    // Extend over capitalized words (and name particles followed by one) separated by single spaces.
    let j = i;
    let thing = false;
    let known = 0;
    let unknown = 0;
    while (j + 1 < count && j - i < 4 && !possessive(w, j)) {
      const next = j + 1;
      if (!adjacent(w, j, next)) break;
      // A period ends the name unless it ends an initial; an initial followed by a capitalized word joins.
      if (text[w.end[j] as number] === '.' && !initial(w, j)) break;
      // Since the thing-head rule: a noun that heads a thing's name, not a known family name, after the
      // first word leaves no person ("Roman Empire"), after more ends the name ("Bharat Mediratta Gallery").
      if (w.cap[next] === 1 && THING_HEADS.has(lowerOf(w, next)) && !inList(w, next, G_LAST, g.lastNames)) {
        thing = j === i;
        break;
      }
      // Since the place-thing person rule: a known place first, then a word of PLACE_THINGS ("Washington Post").
      if (j === i && w.cap[next] === 1 && PLACE_THINGS.has(lowerOf(w, next)) && inList(w, i, G_PLACE, g.places)) {
        thing = true;
        break;
      }
      if (initial(w, next) && next + 1 < count && w.cap[next + 1] === 1 && adjacent(w, next, next + 1)) {
        j = next;
        continue;
      }
      // Since the capitalized-particle rule: a capitalized particle before a capitalized word is read as
      // a particle ("Dick Van Dyke").
      const capParticle =
        PARTICLES.has(lowerOf(w, next)) && next + 1 < count && w.cap[next + 1] === 1 && adjacent(w, next, next + 1);
      if (
        w.cap[next] === 1 &&
        (wordsOf(w, next) & (W_HONORIFIC | W_NOT_NAME)) === 0 &&
        !shortCaps(w, next) &&
        !capParticle
      ) {
        const isKnown = inList(w, next, G_LAST, g.lastNames) || inList(w, next, G_FIRST, g.firstNames);
        // A place after a given name that is no place and starts none is a family name ("Christopher Hobbs").
        // Since stop 51: after an honorific or a title, an unknown word too ("Dr. Barack Obama").
        const family =
          (first || honorificBefore(text, w.start[i] as number) || (stem === undefined && titleBeforeOf(w, i))) &&
          j === i &&
          !inList(w, i, G_PLACE, g.places) &&
          placeWordsOf(w, i, g.placeWords) === undefined;
        if (!isKnown && (unknown > 0 || (inList(w, next, G_PLACE, g.places) && !family))) break;
        j++;
        if (isKnown) known++;
        else unknown++;
        continue;
      }
      // Name particles: "van der Voet", "de la Cruz".
      let k = j + 1;
      while (k < count && k - j <= 2 && (wordsOf(w, k) & W_PARTICLE) !== 0 && adjacent(w, k - 1, k)) k++;
      if (k > j + 1 && k < count && w.cap[k] === 1 && adjacent(w, k - 1, k) && (wordsOf(w, k) & W_NOT_NAME) === 0) {
        j = k;
        continue;
      }
      break;
    }
    if (thing) {
      i = j + 1;
      continue;
    }
    while (j > i && initial(w, j)) j--;
    const words = j - i + 1;
    let score: number;
    if (words > 1) {
      score = first || known > 0 ? 0.85 : 0.6;
      // Two words that together are a known place ("Marshall Islands", "Costa Rica").
      if (j === i + 1 && g.places.has(joinLower(w, i, 2))) score = 0.6;
    } else if (first) score = 0.6;
    else score = cued ? 0.55 : 0.4;
    // Since stop 51: after a title, no place's discount, and the score of a cued name and 0.1 more.
    const titled = stem === undefined && titleBeforeOf(w, i);
    if (words === 1 && !titled && (stem !== undefined ? g.places.has(stem) : inList(w, i, G_PLACE, g.places)))
      score -= 0.1;
    if (titled) score = Math.max(score, 0.55) + 0.1;
    const start = (particled >= 0 ? w.start[particled] : w.start[i]) as number;
    let end = possessive(w, j) ? (w.end[j] as number) - 2 : (w.end[j] as number);
    // A suffix after one space ("Jr.", "MD") ends a name of two or more words.
    if (words > 1 && !possessive(w, j) && j + 1 < count && w.cap[j + 1] === 1 && w.start[j + 1] === end + 1) {
      const suffix = text.slice(w.start[j + 1] as number, w.end[j + 1] as number).toLowerCase();
      if (text[end] === ' ' && ['jr', 'sr', 'ii', 'iii', 'iv', 'md', 'phd', 'dds', 'dvm', 'esq'].includes(suffix)) {
        end = w.end[j + 1] as number;
        if (['jr', 'sr', 'esq'].includes(suffix) && text[end] === '.') end++;
      }
    }
    const c: PiiCandidate = {
      entity: 'PERSON',
      start,
      end,
      score,
      recognizer: 'names',
      context: PERSON_CONTEXT,
      contextBoost: 0.2,
    };
    if (honorificBefore(text, start)) c.score += 0.1;
    emit(c);
    i = j;
  }
}

/** Word `i` follows a title of office after " ", or after ". " (an abbreviation needs its period). */
function titleBeforeOf(w: Words, i: number): boolean {
  if (i === 0) return false;
  const title = lowerOf(w, i - 1);
  if (!TITLES.has(title)) return false;
  const gap = w.text.slice(w.end[i - 1] as number, w.start[i] as number);
  return gap === '. ' || (gap === ' ' && !TITLE_ABBREVIATIONS.has(title));
}

/** Word `i` has no lower-case letter. */
function allCapsOf(w: Words, i: number): boolean {
  const s = w.text.slice(w.start[i] as number, w.end[i] as number);
  return s === s.toUpperCase();
}

/** One capital letter and a period ("F."). */
function initial(w: Words, i: number): boolean {
  return (w.end[i] as number) - (w.start[i] as number) === 1 && w.cap[i] === 1 && w.text[w.end[i] as number] === '.';
}

/**
 * `hasContext(text, start, start, HONORIFICS, 6, 0)`: every honorific starts with m, d, p, s, h or f,
 * so a window without those letters (either case) and without non-ASCII units has none.
 * @internal
 */
function honorificBefore(text: string, start: number): boolean {
  for (let k = Math.max(0, start - 6); k < start; k++) {
    const c = text.charCodeAt(k) | 32;
    if (c === 109 || c === 100 || c === 112 || c === 115 || c === 104 || c === 102 || c >= 128) {
      return hasContext(text, start, start, HONORIFICS, 6, 0);
    }
  }
  return false;
}

/** The lower-cased word `i` ends with "'s" or "’s" (only "s" and "S" lower-case to "s"). */
function possessive(w: Words, i: number): boolean {
  const end = w.end[i] as number;
  if (end - (w.start[i] as number) < 2) return false;
  const s = w.text.charCodeAt(end - 1);
  const q = w.text.charCodeAt(end - 2);
  return (s === 115 || s === 83) && (q === 39 || q === 0x2019);
}

/** Word `i` is shorter than 3 units and all capitals ("US", "A"). */
function shortCaps(w: Words, i: number): boolean {
  const start = w.start[i] as number;
  const end = w.end[i] as number;
  if (end - start >= 3) return false;
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

/** @internal `text.slice(max(0, at - 16), at).toLowerCase()` ends with one of `PLACE_CUES_SPACED`. */
function cueEndsAt(text: string, at: number): boolean {
  const lo = Math.max(0, at - 16);
  for (let k = lo; k < at; k++) {
    if (text.charCodeAt(k) >= 128) {
      // Lower-casing may change the length of non-ASCII units: take the plain path.
      const before = text.slice(lo, at).toLowerCase();
      for (const cue of PLACE_CUES_SPACED) if (before.endsWith(cue)) return true;
      return false;
    }
  }
  next: for (const cue of PLACE_CUES_SPACED) {
    const len = cue.length;
    if (at - lo < len) continue;
    for (let k = 1; k <= len; k++) {
      let c = text.charCodeAt(at - k);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== cue.charCodeAt(len - k)) continue next;
    }
    return true;
  }
  return false;
}

/** Number of capitalized words (1-3) after a place cue such as "grew up in", or 0. */
function placeCue(w: Words, i: number, g: Gazetteer): number {
  if (i === 0 || (wordsOf(w, i - 1) & W_CUE_END) === 0) return 0;
  if (!cueEndsAt(w.text, w.start[i] as number)) return 0;
  if (inList(w, i, G_FIRST, g.firstNames) || (wordsOf(w, i) & W_NOT_NAME) !== 0) return 0;
  let n = 1;
  while (n < 3 && i + n < w.n) {
    const next = i + n;
    if (w.cap[next] === 0 || !adjacent(w, next - 1, next)) break;
    n++;
  }
  return n;
}

/** "my name is X", "Name: X", "called X". */
/**
 * A later rule, written plainly: in lower-case writing, a lone given name after a greeting or a name cue
 * ("hi petra", "my name is roberto"), a family name after a name cue ("mr smith"); a given name takes
 * the next lower-case word when it ends the sentence and is no common word ("janice beneventi.").
 */
function referenceCuedName(
  w: Words,
  g: Gazetteer,
  emit: (c: PiiCandidate) => void,
  i: number,
  cue: 'greeting' | 'name' | 'self' | 'none',
  lowerAt: readonly boolean[],
): void {
  if (cue === 'none') return;
  const lowerWriting = lowerAt[i] === true;
  const word = lowerOf(w, i);
  if (PARTICLES.has(word) || HONORIFICS.has(word) || NOT_NAMES.has(word) || VOCATIVES.has(word)) return;
  const given = g.firstNames.has(word);
  if (!given && !(cue === 'name' && g.lastNames.has(word))) return;
  // A later rule: after a self-introduction, no given name that is a common word ("i am frank").
  if (cue === 'self' && (COMMON_NAMES.has(word) || SELF_CUE_STOPS.has(word))) return;
  let end = w.end[i] as number;
  const next = i + 1;
  // In capitalized writing, a known family name after the given name (in lower-case writing, the pair).
  if (
    given &&
    !lowerWriting &&
    next < w.n &&
    w.cap[next] === 0 &&
    adjacent(w, i, next) &&
    g.lastNames.has(lowerOf(w, next))
  )
    end = w.end[next] as number;
  else if (
    // A later rule (stop 50): in lower-case writing, a given name takes the next lower-case word when it
    // is a known given or family name and no common word, in the middle of a sentence too.
    given &&
    lowerWriting &&
    next < w.n &&
    w.cap[next] === 0 &&
    lowerAt[next] === true &&
    adjacent(w, i, next) &&
    ![PARTICLES, HONORIFICS, NOT_NAMES, GREETINGS, VOCATIVES, NOT_SURNAMES, COMMON_NAMES].some((x) =>
      x.has(lowerOf(w, next)),
    ) &&
    (g.lastNames.has(lowerOf(w, next)) || g.firstNames.has(lowerOf(w, next)))
  )
    end = w.end[next] as number;
  else if (
    given &&
    next < w.n &&
    w.cap[next] === 0 &&
    (!lowerWriting || lowerAt[next] === true) &&
    adjacent(w, i, next)
  ) {
    const after = w.end[next] as number;
    const nextWord = lowerOf(w, next);
    const stops = [PARTICLES, HONORIFICS, NOT_NAMES, GREETINGS, VOCATIVES, NOT_SURNAMES];
    if (
      (after === w.text.length || /[.,!?;:)"\n\r]/.test(w.text[after] as string)) &&
      !stops.some((x) => x.has(nextWord))
    )
      end = after;
  } else if (
    // A later rule (stop 46): a cued family name takes the known given name after it ("my name is li wei").
    !given &&
    next < w.n &&
    w.cap[next] === 0 &&
    (!lowerWriting || lowerAt[next] === true) &&
    adjacent(w, i, next)
  ) {
    const nextWord = lowerOf(w, next);
    const stops = [PARTICLES, HONORIFICS, NOT_NAMES, GREETINGS, VOCATIVES, NOT_SURNAMES, COMMON_NAMES];
    if (!stops.some((x) => x.has(nextWord)) && g.firstNames.has(nextWord)) end = w.end[next] as number;
  }
  emit({
    entity: 'PERSON',
    start: w.start[i] as number,
    end,
    score: given ? 0.6 : 0.55,
    recognizer: 'names',
    context: PERSON_CONTEXT,
    contextBoost: 0.2,
  });
}

/**
 * The cue before lower-case word `i`: a greeting (or "thank you"), a name cue but "i'm" and "am", or none.
 * A later rule: "i'm", "i am", "im", "this is", "it's" and "its" are a self-introduction ('self').
 */
function lowerCueOf(w: Words, i: number): 'greeting' | 'name' | 'self' | 'none' {
  if (i === 0) return 'none';
  const prev = i - 1;
  if ((w.start[i] as number) - (w.end[prev] as number) > 3) return 'none';
  const p = lowerOf(w, prev);
  const before = i >= 2 ? lowerOf(w, i - 2) : '';
  const spaced = i >= 2 && w.text.slice(w.end[i - 2] as number, w.start[prev] as number) === ' ';
  if (GREETINGS.has(p)) return 'greeting';
  if (p === 'is') return before === 'name' ? 'name' : before === 'this' && spaced ? 'self' : 'none';
  if (HONORIFICS.has(p) || (p === 'name' && w.text[w.end[prev] as number] === ':'))
    return gapOf(w, prev, i, HONORIFICS.has(p)) ? 'name' : 'none';
  if (NAME_CUE.has(p)) {
    if (!gapOf(w, prev, i, false)) return 'none';
    if (p === "i'm") return 'self';
    if (p === 'am') return before === 'i' && spaced ? 'self' : 'none';
    return 'name';
  }
  if ((p === 'im' || p === "it's" || p === 'its') && gapOf(w, prev, i, false)) return 'self';
  // Since the verb cues: "call me anna", "named him joshua".
  if (OBJECT_PRONOUNS.has(p))
    return i >= 2 && adjacent(w, i - 2, prev) && NAMING_VERBS.has(lowerOf(w, i - 2)) ? 'name' : 'none';
  if (p === 'you' && i >= 2 && GREETINGS.has(lowerOf(w, i - 2))) return 'greeting';
  return 'none';
}

/** Since the verb cues: "calls me Adlan", "given Mikal his", "Kotoya shouted". */
function verbCueOf(w: Words, i: number): boolean {
  if (i >= 1 && adjacent(w, i - 1, i)) {
    const p = lowerOf(w, i - 1);
    if (OBJECT_PRONOUNS.has(p) && i >= 2 && adjacent(w, i - 2, i - 1) && NAMING_VERBS.has(lowerOf(w, i - 2)))
      return true;
    if (GIVING_VERBS.has(p) && i + 1 < w.n && adjacent(w, i, i + 1) && POSSESSIVE_DETERMINERS.has(lowerOf(w, i + 1))) {
      return true;
    }
    // A later rule (stop 50): "my boss Mark", a possessive determiner and a relation noun, one space apart.
    const gap = (a: number, b: number) => w.text.slice(w.end[a] as number, w.start[b] as number);
    if (
      RELATION_NOUNS.has(p) &&
      i >= 2 &&
      gap(i - 1, i) === ' ' &&
      gap(i - 2, i - 1) === ' ' &&
      POSSESSIVE_DETERMINERS.has(lowerOf(w, i - 2))
    )
      return true;
  }
  return i + 1 < w.n && adjacent(w, i, i + 1) && HUMAN_VERBS.has(lowerOf(w, i + 1));
}

/** Since the verb cues: a personal noun right after possessive word `i` ("Gregorina's address"). */
function personalNounAfterOf(w: Words, i: number): boolean {
  return i + 1 < w.n && adjacent(w, i, i + 1) && PERSONAL_NOUNS.has(lowerOf(w, i + 1));
}

/** Spaces or tabs (at most 8), then a line break or the end of the text. */
const LINE_END_RE = /[ \t]{0,8}(?:[\n\r]|$)/y;

/**
 * Since the verb cues: the end of the name line at lower-case word `i`, or -1. A known given name starts
 * its line (at most 16 units before it, none a letter, mark or digit), and the next word, of two units
 * or more, after exactly one space and in lower-case writing, ends the line; neither is a particle, honorific, common word,
 * greeting or form of address.
 */
function nameLineEndOf(w: Words, g: Gazetteer, i: number, lowerAt: readonly boolean[]): number {
  const next = i + 1;
  if (next >= w.n || w.cap[next] === 1 || lowerAt[next] !== true) return -1;
  const t = w.text;
  if (t.slice(w.end[i] as number, w.start[next] as number) !== ' ') return -1;
  const start = w.start[i] as number;
  const end = w.end[next] as number;
  if (end - (w.start[next] as number) < 2) return -1;
  LINE_END_RE.lastIndex = end;
  if (!LINE_END_RE.test(t)) return -1;
  const lineStart = Math.max(t.lastIndexOf('\n', start - 1), t.lastIndexOf('\r', start - 1)) + 1;
  const prefix = t.slice(lineStart, start);
  if (prefix.length > 16 || /[\p{L}\p{M}\p{N}]/u.test(prefix)) return -1;
  const stops = [PARTICLES, HONORIFICS, NOT_NAMES, GREETINGS, VOCATIVES];
  const word = lowerOf(w, i);
  const nextWord = lowerOf(w, next);
  if (stops.some((x) => x.has(word) || x.has(nextWord)) || NOT_SURNAMES.has(nextWord)) return -1;
  return g.firstNames.has(word) ? end : -1;
}

/**
 * The cue before lower-case word `i` in capitalized writing: a capitalized greeting, honorific or name cue
 * but "I'm" and "Am", "Thank you" after a capitalized greeting, or "name", "named", "name is" in any case.
 */
function capCueOf(w: Words, i: number): 'greeting' | 'name' | 'none' {
  if (i === 0) return 'none';
  const prev = i - 1;
  if ((w.start[i] as number) - (w.end[prev] as number) > 3) return 'none';
  const p = lowerOf(w, prev);
  const nameBefore = i >= 2 && lowerOf(w, i - 2) === 'name';
  if (w.cap[prev] === 1) {
    if (GREETINGS.has(p)) return 'greeting';
    if (p === 'is') return nameBefore ? 'name' : 'none';
    if (HONORIFICS.has(p)) return gapOf(w, prev, i, true) ? 'name' : 'none';
    if (NAME_CUE.has(p)) return p === "i'm" || p === 'am' || !gapOf(w, prev, i, false) ? 'none' : 'name';
    return 'none';
  }
  if (p === 'is') return nameBefore ? 'name' : 'none';
  if (p === 'name' || p === 'named') return gapOf(w, prev, i, false) ? 'name' : 'none';
  if (p === 'you' && i >= 2 && w.cap[i - 2] === 1 && GREETINGS.has(lowerOf(w, i - 2))) return 'greeting';
  return 'none';
}

/** Since stop 53: the first of one or two lower-case particles between an honorific and word `i`, or -1. */
function honorificParticlesOf(w: Words, i: number): number {
  let first = i;
  while (
    first > 0 &&
    i - first < 2 &&
    w.cap[first - 1] === 0 &&
    PARTICLES.has(lowerOf(w, first - 1)) &&
    w.text.slice(w.end[first - 1] as number, w.start[first] as number) === ' '
  )
    first--;
  if (first === i || first === 0) return -1;
  const h = first - 1;
  return HONORIFICS.has(lowerOf(w, h)) && gapOf(w, h, first, true) ? first : -1;
}

function cueBefore(w: Words, i: number): boolean {
  if (i === 0) return false;
  const prev = i - 1;
  if ((w.start[i] as number) - (w.end[prev] as number) > 3) return false;
  const f = wordsOf(w, prev);
  if ((f & W_IS) !== 0) return i >= 2 && (wordsOf(w, i - 2) & W_NAME) !== 0;
  // After a greeting on the same line, unless the word is a form of address.
  if (GREETINGS.has(lowerOf(w, prev))) {
    const gap = w.text.slice(w.end[prev] as number, w.start[i] as number);
    return (gap === ' ' || gap === ', ') && !VOCATIVES.has(lowerOf(w, i));
  }
  if (!((f & (W_NAME_CUE | W_HONORIFIC)) !== 0 || ((f & W_NAME) !== 0 && w.text[w.end[prev] as number] === ':')))
    return false;
  // Since the cue-gap rule: no "=" between, only spaces and periods after an honorific, no "am" of a time.
  const p = lowerOf(w, prev);
  if (!gapOf(w, prev, i, HONORIFICS.has(p))) return false;
  return !(p === 'am' && /\d ?$/.test(w.text.slice(0, w.start[prev] as number)));
}

/** Since the cue-gap rule: the gap between cue `prev` and word `i` has no "=", and only spaces and periods after an honorific. */
function gapOf(w: Words, prev: number, i: number, honorific: boolean): boolean {
  const gap = w.text.slice(w.end[prev] as number, w.start[i] as number);
  // Since the "MS" rule: "MS" in capitals without a period is no honorific ("MS Word").
  if (honorific && w.text.slice(w.start[prev] as number, w.end[prev] as number) === 'MS' && !gap.startsWith('.'))
    return false;
  // Since the blank-line rule: at most one line break after an honorific ("Mrs.⏎⏎Art is..." is no cue).
  // Since stop 51: no name cue reaches past the end of a sentence, a bracket or a table cell.
  return (
    !gap.includes('=') &&
    (honorific ? /^[ \t\r\n.]*$/.test(gap) && gap.split('\n').length <= 2 : !/[.!)\]}|>/;]/.test(gap))
  );
}
