/**
 * PERSON and LOCATION from gazetteers and context, without a model: capitalized words found in the
 * shipped name lists (given name + following capitalized family name scores highest), names after cues
 * such as "my name is" or "Name:", and the longest run of words that is a known place. Scores are lower
 * for words that are both a name and a place ("Florence"), and context words raise them.
 */
import { hasContext, wordSet } from '../shared/context';
import { defaultGazetteer, type Gazetteer } from './gazetteer';
import type { PiiCandidate, PiiRecognizer } from './types';

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

/** A word of the text; its lower-case form is computed on first use (most words never need it). */
class Token {
  private low: string | undefined;
  constructor(
    private readonly text: string,
    readonly start: number,
    readonly end: number,
    readonly upper: boolean,
  ) {}
  get lower(): string {
    this.low ??= this.text.slice(this.start, this.end).toLowerCase();
    return this.low;
  }
}

// Per-UTF-16-unit classes, filled lazily for non-ASCII units: 1 letter/mark (3 if upper-case), 2 other.
const CLASS = new Uint8Array(65536);
/** @internal */
export const LETTER: RegExp = /[\p{L}\p{M}]/u;

function classOf(c: number): number {
  if (c < 128) return (c | 32) >= 97 && (c | 32) <= 122 ? (c <= 90 ? 3 : 1) : 2;
  let k = CLASS[c] as number;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    // Surrogate halves are not classified (astral letters are rare in names and places).
    k = c >= 0xd800 && c <= 0xdfff ? 2 : LETTER.test(ch) ? (ch !== ch.toLowerCase() ? 3 : 1) : 2;
    CLASS[c] = k;
  }
  return k;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
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
    if (i - start <= MAX_WORD) out.push(new Token(text, start, i, k === 3));
  }
  return out;
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
      const tokens = tokenize(text);
      let upper = 0;
      for (const t of tokens) if (t.upper) upper++;
      scanPlaces(text, tokens, g, emit);
      // Lower-case names are only looked for in text written without capitals (chat, transcripts).
      scanPeople(text, tokens, g, emit, upper * 20 < tokens.length);
    },
  };
}

function scanPlaces(text: string, tokens: readonly Token[], g: Gazetteer, emit: (c: PiiCandidate) => void): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!t.upper || NOT_NAMES.has(t.lower) || (t.end - t.start < 3 && isAllCaps(text, t))) continue;
    const max = g.placeWords.get(t.lower);
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
    let key = t.lower;
    let best = -1;
    for (let n = 1; n <= max && i + n - 1 < tokens.length; n++) {
      if (n > 1) {
        const prev = tokens[i + n - 2] as Token;
        const cur = tokens[i + n - 1] as Token;
        if (!adjacent(text, prev, cur)) break;
        key += ` ${cur.lower}`;
      }
      if (g.places.has(key) && (tokens[i + n - 1] as Token).upper) best = n;
    }
    if (best < 0) continue;
    const last = tokens[i + best - 1] as Token;
    const isName = best === 1 && (g.firstNames.has(t.lower) || g.lastNames.has(t.lower));
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
    if (PARTICLES.has(t.lower) || HONORIFICS.has(t.lower) || NOT_NAMES.has(t.lower)) continue;
    if (!t.upper) {
      // Lower-case text: only a given name followed by a known family name ("roberto yamamura").
      const next = tokens[i + 1];
      if (next && !next.upper && g.firstNames.has(t.lower) && g.lastNames.has(next.lower) && adjacent(text, t, next)) {
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
    const first = g.firstNames.has(t.lower);
    const lastOnly = !first && g.lastNames.has(t.lower);
    const cued = !first && !lastOnly && cueBefore(text, tokens, i);
    if (!first && !lastOnly && !cued) continue;
    // Extend over capitalized words (and name particles followed by one) separated by single spaces.
    let j = i;
    let known = 0;
    let unknown = 0;
    while (j + 1 < tokens.length && j - i < 4 && !possessive(tokens[j] as Token)) {
      const next = tokens[j + 1] as Token;
      if (!adjacent(text, tokens[j] as Token, next)) break;
      if (
        next.upper &&
        !HONORIFICS.has(next.lower) &&
        !NOT_NAMES.has(next.lower) &&
        !(next.end - next.start < 3 && isAllCaps(text, next))
      ) {
        const isKnown = g.lastNames.has(next.lower) || g.firstNames.has(next.lower);
        if (!isKnown && (unknown > 0 || g.places.has(next.lower))) break;
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
        PARTICLES.has((tokens[k] as Token).lower) &&
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
    if (words === 1 && g.places.has(t.lower)) score -= 0.1;
    const endTok = tokens[j] as Token;
    const end = possessive(endTok) ? endTok.end - 2 : endTok.end;
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

function possessive(t: Token): boolean {
  return t.lower.endsWith("'s") || t.lower.endsWith('’s');
}

function isAllCaps(text: string, t: Token): boolean {
  const w = text.slice(t.start, t.end);
  return w === w.toUpperCase();
}

/** Number of capitalized words (1-3) after a place cue such as "grew up in", or 0. */
function placeCue(text: string, tokens: readonly Token[], i: number, g: Gazetteer): number {
  const t = tokens[i] as Token;
  const prev = tokens[i - 1];
  if (!prev || !CUE_ENDS.has(prev.lower)) return 0;
  const before = text.slice(Math.max(0, t.start - 16), t.start).toLowerCase();
  if (!PLACE_CUES.some((cue) => before.endsWith(`${cue} `))) return 0;
  if (g.firstNames.has(t.lower) || NOT_NAMES.has(t.lower)) return 0;
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
  if (prev.lower === 'is') return tokens[i - 2]?.lower === 'name';
  return NAME_CUE.has(prev.lower) || HONORIFICS.has(prev.lower) || (prev.lower === 'name' && text[prev.end] === ':');
}

/** The default PERSON/LOCATION recognizer over the shipped gazetteer. */
export const defaultNamesRecognizer: PiiRecognizer = /* @__PURE__ */ namesRecognizer();
