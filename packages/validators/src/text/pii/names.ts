/**
 * PERSON and LOCATION from gazetteers and context, without a model: capitalized words found in the
 * shipped name lists (given name + following capitalized family name scores highest), names after cues
 * such as "my name is" or "Name:", and the longest run of words that is a known place. Scores are lower
 * for words that are both a name and a place ("Florence"), and context words raise them.
 */
import { hasContext, wordSet } from '../shared/context';
import {
  defaultGazetteer,
  type Gazetteer,
  gazetteerTable,
  IN_FIRST,
  IN_LAST,
  IN_PLACE,
  IN_PLACE_HEAD,
} from './gazetteer';
import type { PiiCandidate, PiiRecognizer } from './types';
import { asciiLowerHash, foldAsciiLower, foldString, WordFlags, wordHash } from './word-index';

const MAX_WORD = 40;
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'da',
  'di',
  'du',
  'del',
  'della',
  'la',
  'le',
  'ten',
  'ter',
  'bin',
  'al',
  'el',
  'dos',
  'das',
  'mc',
  'st',
]);
const HONORIFICS = wordSet('mr mrs ms miss dr prof sir madam mx');
const PERSON_CONTEXT = wordSet(
  'name named names mr mrs ms miss dr dear hi hello hey thanks thank sincerely regards from by customer patient client user employee son daughter wife husband friend meet met ask tell contact called call signed cc attn',
);
const NAME_CUE = wordSet("name named called i'm am signed");
/** Words that are names in some list but far more often something else in running text. */
const NOT_NAMES = wordSet(
  'name names fax office phone mobile tel street road avenue ltd inc llc corp company group services service web garden maintenance tale tales apt suite box email address country club city state university college hospital bank insurance street',
);
/** Phrases after which capitalized words are a place ("grew up in X"). */
const PLACE_CUES: readonly string[] = [
  'live in',
  'lives in',
  'lived in',
  'living in',
  'grew up in',
  'born in',
  'based in',
  'located in',
  'moved to',
  "i'm in",
  'i am in',
  "we're in",
  'we are in',
  'travel to',
  'traveling to',
  'travelling to',
  'trip to',
  'flew to',
  'arrived in',
  'arrived at',
  'visiting',
  'raised in',
  'resident of',
];
const CUE_ENDS = wordSet('in to at visiting of');
const PLACE_CONTEXT = wordSet(
  'in at from to near city town country live lives lived living born visit visiting located moved travel trip capital state region province village',
);

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
/** Place cues with their trailing space, as the text before a capitalized word must end. */
const PLACE_CUES_SPACED: readonly string[] = /* @__PURE__ */ PLACE_CUES.map((cue) => `${cue} `);

// Bits of the gazetteer lookups a token remembers (the bits of the gazetteer's word table).
const G_FIRST = IN_FIRST;
const G_LAST = IN_LAST;
const G_PLACE = IN_PLACE;

/**
 * A word of the text; its lower-case form and its lookups are computed on first use (most words never
 * need them) and remembered, so each list is asked at most once per word and scan. With a word table
 * (gazetteers from `createGazetteer`), one probe answers every list and the lower-case string is not
 * built for ASCII words.
 */
class Token {
  private low: string | undefined;
  private small = -1;
  private asked = 0;
  private found = 0;
  /** `asciiLowerHash` of the word: 0 = not computed, 1 = in `h`, 2 = the word is not ASCII. */
  private hashed = 0;
  private h = 0;
  constructor(
    private readonly text: string,
    readonly start: number,
    readonly end: number,
    readonly upper: boolean,
    private readonly table: WordFlags | undefined,
  ) {}
  get lower(): string {
    this.low ??= this.text.slice(this.start, this.end).toLowerCase();
    return this.low;
  }
  /** Flags of the word in a word table (hashed once for both tables). */
  private flagsIn(table: WordFlags): number {
    if (this.hashed === 0) {
      const h = asciiLowerHash(this.text, this.start, this.end);
      this.hashed = h === undefined ? 2 : 1;
      this.h = h ?? 0;
    }
    return this.hashed === 1 ? table.lookupAscii(this.text, this.start, this.end, this.h) : table.lookup(this.lower);
  }
  /** `foldString(h, this.lower)`, without building `lower` for ASCII words. */
  foldLower(h: number): number {
    return foldAsciiLower(h, this.text, this.start, this.end) ?? foldString(h, this.lower);
  }
  /** Bits of the small word lists (`W_*`). */
  get words(): number {
    if (this.small < 0) this.small = this.flagsIn(SMALL_TABLE);
    return this.small;
  }
  /** Whether the lower-case word is in `set`, the gazetteer list of bit `bit` (`G_*`). */
  in(bit: number, set: ReadonlySet<string>): boolean {
    if (this.table !== undefined) {
      if (this.asked === 0) {
        this.asked = 1;
        this.found = this.flagsIn(this.table);
      }
    } else if ((this.asked & bit) === 0) {
      this.asked |= bit;
      if (set.has(this.lower)) this.found |= bit;
    }
    return (this.found & bit) !== 0;
  }
  /** `map.get(this.lower)` for the gazetteer's `placeWords`. */
  placeWords(map: ReadonlyMap<string, number>): number | undefined {
    if (this.table !== undefined) {
      if (this.asked === 0) {
        this.asked = 1;
        this.found = this.flagsIn(this.table);
      }
      if ((this.found & IN_PLACE_HEAD) === 0) return undefined;
    }
    return map.get(this.lower);
  }
}

// Per-UTF-16-unit classes, ASCII filled now, other units on first use: 1 letter/mark (3 if upper-case), 2 other.
const CLASS: Uint8Array = /* @__PURE__ */ (() => {
  const k = new Uint8Array(65536);
  for (let c = 0; c < 128; c++) k[c] = (c | 32) >= 97 && (c | 32) <= 122 ? (c <= 90 ? 3 : 1) : 2;
  return k;
})();
/** @internal */
export const LETTER: RegExp = /[\p{L}\p{M}]/u;

function classOf(c: number): number {
  let k = CLASS[c] as number;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    // Surrogate halves are not classified (astral letters are rare in names and places).
    k = c >= 0xd800 && c <= 0xdfff ? 2 : LETTER.test(ch) ? (ch !== ch.toLowerCase() ? 3 : 1) : 2;
    CLASS[c] = k;
  }
  return k;
}

/** The words of a text and how many of them are capitalized. */
interface Tokens {
  tokens: Token[];
  upper: number;
}

function tokenize(text: string, table: WordFlags | undefined): Tokens {
  const out: Token[] = [];
  let upper = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const k = classOf(text.charCodeAt(i));
    if (k === 2) {
      i++;
      continue;
    }
    const start = i;
    i++;
    for (;;) {
      while (i < n && classOf(text.charCodeAt(i)) !== 2) i++;
      const c = text.charCodeAt(i);
      // Apostrophes and hyphens join letters: "O'Neil", "Jean-Luc".
      if ((c === 39 || c === 0x2019 || c === 45) && i + 1 < n && classOf(text.charCodeAt(i + 1)) !== 2) i++;
      else break;
    }
    // Words longer than any name or place are skipped (and bound the length of a finding).
    if (i - start <= MAX_WORD) {
      out.push(new Token(text, start, i, k === 3, table));
      if (k === 3) upper++;
    }
  }
  return { tokens: out, upper };
}

/** True when tokens a and b are separated by exactly one space (or one space after a period for "St."). */
function adjacent(text: string, a: Token, b: Token): boolean {
  const gap = b.start - a.end;
  if (gap === 1) return text.charCodeAt(a.end) === 32;
  return gap === 2 && text.charCodeAt(a.end) === 46 && text.charCodeAt(a.end + 1) === 32;
}

/**
 * A recognizer of PERSON and LOCATION over a gazetteer (the shipped one by default).
 *
 * @example
 * ```ts
 * const rec = namesRecognizer(createGazetteer({ firstNames: ['Zaphod'], lastNames: [], places: [] }));
 * ```
 */
export function namesRecognizer(gazetteer?: Gazetteer): PiiRecognizer {
  return {
    name: 'names',
    entities: ['PERSON', 'LOCATION'],
    maxLength: 6 * 42,
    scan(text, emit) {
      const g = gazetteer ?? defaultGazetteer();
      const table = gazetteerTable(g);
      const { tokens, upper } = tokenize(text, table);
      scanPlaces(text, tokens, g, table, emit);
      // Lower-case names are only looked for in text written without capitals (chat, transcripts).
      scanPeople(text, tokens, g, emit, upper * 20 < tokens.length);
    },
  };
}

/** The lower-case words `tokens[i]` .. `tokens[i + n - 1]` joined by single spaces. */
function joinLower(tokens: readonly Token[], i: number, n: number): string {
  let key = (tokens[i] as Token).lower;
  for (let k = 1; k < n; k++) key += ` ${(tokens[i + k] as Token).lower}`;
  return key;
}

function scanPlaces(
  text: string,
  tokens: readonly Token[],
  g: Gazetteer,
  table: WordFlags | undefined,
  emit: (c: PiiCandidate) => void,
): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!t.upper || (t.words & W_NOT_NAME) !== 0 || (t.end - t.start < 3 && isAllCaps(text, t))) continue;
    const max = t.placeWords(g.placeWords);
    if (max === undefined) {
      const n = placeCue(text, tokens, i, g);
      if (n > 0) {
        const last = tokens[i + n - 1] as Token;
        emit({
          entity: 'LOCATION',
          start: t.start,
          end: last.end,
          score: 0.55,
          recognizer: 'names',
          context: PLACE_CONTEXT,
          contextBoost: 0.05,
        });
        i += n - 1;
      }
      continue;
    }
    // Multi-word places: with a word table, the key's hash is extended word by word and the key is
    // built only when some place has that hash.
    let key = table === undefined ? t.lower : '';
    let h = table === undefined ? 0 : t.foldLower(wordHash(''));
    let best = -1;
    for (let n = 1; n <= max && i + n - 1 < tokens.length; n++) {
      if (n > 1) {
        const prev = tokens[i + n - 2] as Token;
        const cur = tokens[i + n - 1] as Token;
        if (!adjacent(text, prev, cur)) break;
        if (table !== undefined) {
          h = cur.foldLower(foldString(h, ' '));
          if (cur.upper && (table.hashFlags(h) & IN_PLACE) !== 0 && g.places.has(joinLower(tokens, i, n))) best = n;
        } else {
          key += ` ${cur.lower}`;
          if (g.places.has(key) && cur.upper) best = n;
        }
      } else if (t.in(G_PLACE, g.places)) best = 1; // t.upper holds here
    }
    if (best < 0) continue;
    const last = tokens[i + best - 1] as Token;
    const isName = best === 1 && (t.in(G_FIRST, g.firstNames) || t.in(G_LAST, g.lastNames));
    const score = isName ? 0.4 : best > 1 ? 0.7 : 0.6;
    if (isName && placeCue(text, tokens, i, g) === 0 && !hasContext(text, t.start, t.end, PLACE_CONTEXT, 12, 0)) {
      continue; // a name that is also a place: leave it to the PERSON scan unless the context says place
    }
    emit({
      entity: 'LOCATION',
      start: t.start,
      end: last.end,
      score,
      recognizer: 'names',
      context: PLACE_CONTEXT,
      contextBoost: 0.2,
    });
    i += best - 1;
  }
}

function scanPeople(
  text: string,
  tokens: readonly Token[],
  g: Gazetteer,
  emit: (c: PiiCandidate) => void,
  lowerCaseText: boolean,
): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!t.upper && !lowerCaseText) continue;
    if ((t.words & (W_PARTICLE | W_HONORIFIC | W_NOT_NAME)) !== 0) continue;
    if (!t.upper) {
      // Lower-case text: only a given name followed by a known family name ("roberto yamamura").
      const next = tokens[i + 1];
      if (
        next &&
        !next.upper &&
        t.in(G_FIRST, g.firstNames) &&
        next.in(G_LAST, g.lastNames) &&
        adjacent(text, t, next)
      ) {
        emit({
          entity: 'PERSON',
          start: t.start,
          end: next.end,
          score: 0.5,
          recognizer: 'names',
          context: PERSON_CONTEXT,
          contextBoost: 0.2,
        });
        i++;
      }
      continue;
    }
    if (t.end - t.start < 3 && isAllCaps(text, t)) continue;
    const first = t.in(G_FIRST, g.firstNames);
    const lastOnly = !first && t.in(G_LAST, g.lastNames);
    const cued = !first && !lastOnly && cueBefore(text, tokens, i);
    if (!first && !lastOnly && !cued) continue;
    // Extend over capitalized words (and name particles followed by one) separated by single spaces.
    let j = i;
    let known = 0;
    let unknown = 0;
    while (j + 1 < tokens.length && j - i < 4 && !possessive(text, tokens[j] as Token)) {
      const next = tokens[j + 1] as Token;
      if (!adjacent(text, tokens[j] as Token, next)) break;
      if (
        next.upper &&
        (next.words & (W_HONORIFIC | W_NOT_NAME)) === 0 &&
        !(next.end - next.start < 3 && isAllCaps(text, next))
      ) {
        const isKnown = next.in(G_LAST, g.lastNames) || next.in(G_FIRST, g.firstNames);
        if (!isKnown && (unknown > 0 || next.in(G_PLACE, g.places))) break;
        j++;
        if (isKnown) known++;
        else unknown++;
        continue;
      }
      // Name particles: "van der Voet", "de la Cruz".
      let k = j + 1;
      while (
        k < tokens.length &&
        k - j <= 2 &&
        ((tokens[k] as Token).words & W_PARTICLE) !== 0 &&
        adjacent(text, tokens[k - 1] as Token, tokens[k] as Token)
      )
        k++;
      const after = tokens[k];
      if (k > j + 1 && after && after.upper && adjacent(text, tokens[k - 1] as Token, after)) {
        j = k;
        continue;
      }
      break;
    }
    const words = j - i + 1;
    let score: number;
    if (words > 1) score = first || known > 0 ? 0.85 : 0.6;
    else if (first) score = 0.6;
    else score = cued ? 0.55 : 0.4;
    if (words === 1 && t.in(G_PLACE, g.places)) score -= 0.1;
    const endTok = tokens[j] as Token;
    const end = possessive(text, endTok) ? endTok.end - 2 : endTok.end;
    const c: PiiCandidate = {
      entity: 'PERSON',
      start: t.start,
      end,
      score,
      recognizer: 'names',
      context: PERSON_CONTEXT,
      contextBoost: 0.2,
    };
    if (hasContext(text, t.start, t.start, HONORIFICS, 6, 0)) c.score += 0.1;
    emit(c);
    i = j;
  }
}

/** The lower-cased word ends with "'s" or "’s" (only "s" and "S" lower-case to "s"). */
function possessive(text: string, t: Token): boolean {
  if (t.end - t.start < 2) return false;
  const s = text.charCodeAt(t.end - 1);
  const q = text.charCodeAt(t.end - 2);
  return (s === 115 || s === 83) && (q === 39 || q === 0x2019);
}

function isAllCaps(text: string, t: Token): boolean {
  // ASCII words: upper-casing changes exactly the letters a-z.
  for (let i = t.start; i < t.end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) {
      const w = text.slice(t.start, t.end);
      return w === w.toUpperCase();
    }
    if (c >= 97 && c <= 122) return false;
  }
  return true;
}

/** Number of capitalized words (1-3) after a place cue such as "grew up in", or 0. */
function placeCue(text: string, tokens: readonly Token[], i: number, g: Gazetteer): number {
  const t = tokens[i] as Token;
  const prev = tokens[i - 1];
  if (!prev || (prev.words & W_CUE_END) === 0) return 0;
  const before = text.slice(Math.max(0, t.start - 16), t.start).toLowerCase();
  let cued = false;
  for (const cue of PLACE_CUES_SPACED) if (before.endsWith(cue)) cued = true;
  if (!cued) return 0;
  if (t.in(G_FIRST, g.firstNames) || (t.words & W_NOT_NAME) !== 0) return 0;
  let n = 1;
  while (n < 3 && i + n < tokens.length) {
    const next = tokens[i + n] as Token;
    if (!next.upper || !adjacent(text, tokens[i + n - 1] as Token, next)) break;
    n++;
  }
  return n;
}

/** "my name is X", "Name: X", "called X". */
function cueBefore(text: string, tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  if (!prev || (tokens[i] as Token).start - prev.end > 3) return false;
  const w = prev.words;
  if ((w & W_IS) !== 0) return ((tokens[i - 2]?.words ?? 0) & W_NAME) !== 0;
  return (w & (W_NAME_CUE | W_HONORIFIC)) !== 0 || ((w & W_NAME) !== 0 && text[prev.end] === ':');
}

/** The default PERSON/LOCATION recognizer over the shipped gazetteer. */
export const defaultNamesRecognizer: PiiRecognizer = /* @__PURE__ */ namesRecognizer();
