/**
 * ADDRESS (street addresses): street lines in English ("221B Baker Street") and continental order
 * ("Schaarsteinweg 58", "Rue du Bac 46", "ul. Podleśna 17"), units ("Apt. 12", "Suite 400"), post office
 * and military boxes, merged with adjacent components and extended over the following city / region /
 * country / postcode segments of a written address block.
 */
import { wordSet } from '../shared/context';
import { factsOf, scanDigitRuns } from '../shared/facts';
import { forEachMatch, isAlnumAt, scanAnchored } from '../shared/regex';
import type { PiiCandidate, PiiRecognizer } from './types';

const SUFFIX =
  'street|st|road|rd|avenue|ave|av|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place|pl|square|sq|terrace|ter|highway|hwy|parkway|pkwy|circle|cir|trail|trl|close|crescent|cres|row|alley|plaza|park|hill|grove|gardens|walk|mews|quay|wharf|green|loop|pike|turnpike|expressway|freeway|run|path|point|ridge|view|vista|heights';
const WORD = "[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}.'’-]{0,30}";
/** @internal (sticky, at a digit-run start) "12 Main Street", "2914 184th St.". */
export const STREET_EN_RE: RegExp = new RegExp(
  `\\d{1,5}[a-z]?,? (?:${WORD} ){0,3}(?:${SUFFIX})\\.?(?![\\p{L}\\p{N}])`,
  'iuy',
);
/** @internal (sticky, at a digit-run start) "35 Kromwater 38", "98 Grote Baan 477" at the end of a line or before a comma or unit. */
export const STREET_NUM_RE: RegExp = new RegExp(
  `\\d{1,5} (?:${WORD} ){0,3}\\p{L}[\\p{L}\\p{M}.'’-]{1,30} \\d{1,5}[a-z]?(?=,|\\n| (?:apt|suite|ste|unit)\\b|[.?!]?$)`,
  'iuy',
);
const ATTACHED =
  'straße|strasse|str\\.|weg|gasse|platz|allee|damm|ring|ufer|vej|vegen|veien|veg|gata|gatan|vägen|katu|tie|polku|kuja|laan|straat|gracht|plein|kade|dijk|singel|utca|út|u\\.|ulica|cesta|ulice|iela|gatve|tee|brücke|markt|hof';
const PREFIX =
  'rue|via|viale|calle|avenida|avda\\.|av\\.|rua|ul\\.|ulica|piazza|plaza|chemin|boulevard|bd|avenue|allée|strada|carrer|travessa|largo|quai|impasse|place|camino|paseo|rambla|praça|alameda|trg|ulitsa';
/** @internal Street-type words written before the name ("Rue du Bac 46", "ul. Podleśna 17"). */
export const PREFIX_RE: RegExp = new RegExp(`\\b(?:${PREFIX}) `, 'gi');
/** @internal (sticky, at a street-type word) the rest of a prefix-type street line. */
export const STREET_PREFIX_RE: RegExp = new RegExp(
  `(?:${PREFIX}) (?:${WORD} ){0,3}${WORD} \\d{1,5}[a-z]?\\.?(?![\\p{L}\\p{N}])`,
  'iuy',
);
/** @internal Street-type endings joined to the name ("Schaarsteinweg 58", "Lille Vibyvej 8"). */
export const ATTACHED_RE: RegExp = new RegExp(`(?:${ATTACHED}) \\d{1,5}[a-z]?\\.?(?![0-9A-Za-z\\u00C0-\\u024F])`, 'gi');
/** @internal Units and boxes. */
export const UNIT_RE: RegExp =
  /\b(?:(?:apt|apartment|suite|ste|unit|flat|room|rm|floor|fl)\.? ?#? ?\d{1,6}[a-z]?|p\.? ?o\.? ?box \d{1,6}|psc \d{1,5}, box \d{1,5}|(?:apo|fpo|dpo) (?:aa|ae|ap) \d{5}|(?:uss|usns|usnv) [A-Z][A-Za-z]{1,30})\b/gi;
/** @internal Every UNIT_RE alternative has a digit but "uss|usns|usnv". */
export const US_SN: RegExp = /us[sn]/i;
/** @internal */
export const HOUSE_NUMBER: RegExp = /(?:^|[^\p{L}\p{N}])(\d{1,5}) $/u;

const ADDRESS_CONTEXT = wordSet(
  'address addresses live lives living located ship shipping deliver delivery mail send sent billing street residence home moved',
);
/** A following segment that continues an address block: place words, optional region code and postcode. */
export const SEGMENT_RE: RegExp =
  /^(?:[\p{L}\p{M}][\p{L}\p{M}.'’-]{0,30}(?: [\p{L}\p{M}][\p{L}\p{M}.'’-]{0,30}){0,4})?(?: ?[A-Z]{2})?(?: ?\d{4,6}(?:-\d{4})?)?$/u;

interface Part {
  start: number;
  end: number;
}

/** Street addresses and address blocks. */
export const addressRecognizer: PiiRecognizer = {
  name: 'address',
  entities: ['ADDRESS'],
  maxLength: 400,
  scan(text, emit) {
    const f = factsOf(text);
    // Every component but a "USS Name" unit has a digit.
    if (f.digits === 0 && !US_SN.test(text)) return;
    const parts: Part[] = [];
    if (f.digits > 0) streets(text, f, parts);
    forEachMatch(UNIT_RE, text, (m) => addPart(m, parts));
    if (parts.length === 0) return;
    emitBlocks(text, parts, emit);
  },
};

/** Street lines: English and continental order at digit runs, prefix-type and attached street words. */
function streets(text: string, f: ReturnType<typeof factsOf>, parts: Part[]): void {
  scanDigitRuns(f, STREET_EN_RE, text, shortNumber, addPart, parts);
  scanDigitRuns(f, STREET_NUM_RE, text, shortNumber, addPart, parts);
  // STREET_PREFIX_RE and ATTACHED_RE matches have a space followed by a digit run.
  let spaceDigits = false;
  for (let k = 0; k < f.runs && !spaceDigits; k++) spaceDigits = text.charCodeAt((f.runStart[k] as number) - 1) === 32;
  if (!spaceDigits) return;
  scanAnchored(PREFIX_RE, STREET_PREFIX_RE, text, wordStart, (m) => {
    parts.push({ start: withHouseNumber(text, m.index), end: m.index + m[0].length });
  });
  forEachMatch(ATTACHED_RE, text, (m) => {
    // Walk back to the start of the word carrying the ending, then over up to two capitalized words.
    let start = m.index;
    while (start > 0 && m.index - start < 30 && isNameChar(text, start - 1)) start--;
    if (start === m.index && !/^(?:str\.|u\.)/i.test(m[0])) return;
    for (let w = 0; w < 2; w++) {
      if (text[start - 1] !== ' ') break;
      let k = start - 1;
      while (k > 0 && start - 1 - k < 30 && isNameChar(text, k - 1)) k--;
      if (k === start - 1 || !/\p{Lu}/u.test(text[k] as string)) break;
      start = k;
    }
    parts.push({ start: withHouseNumber(text, start), end: m.index + m[0].length });
  });
}

function addPart(m: RegExpExecArray, parts: Part[]): void {
  parts.push({ start: m.index, end: m.index + m[0].length });
}

function wordStart(t: string, i: number): boolean {
  return !isAlnumAt(t, i - 1);
}

/**
 * STREET_EN_RE and STREET_NUM_RE start with 1-5 digits then a letter, comma or space (a longer run
 * cannot match); tried at the digit runs exactly as scanAnchored(/\d+/g, ...) would. After the digits
 * comes a space (both), a comma or a letter ([a-z] under /iu: ASCII letters, U+017F, U+212A).
 */
function shortNumber(t: string, i: number): boolean {
  if (!wordStart(t, i)) return false;
  let j = i + 1;
  while (j <= i + 5 && isDigitAt(t, j)) j++;
  if (j > i + 5) return false;
  const c = t.charCodeAt(j);
  return c === 32 || c === 44 || ((c | 32) >= 97 && (c | 32) <= 122) || c === 0x17f || c === 0x212a;
}

function isDigitAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Merge components into blocks, extend them over the following segments and emit them. */
function emitBlocks(text: string, parts: Part[], emit: (c: PiiCandidate) => void): void {
  parts.sort((a, b) => a.start - b.start || b.end - a.end);
  // Merge overlapping or adjacent components (separated by commas, spaces or one line break).
  // (Blocks are built field by field: an object spread here cost more than the rest of the merge.)
  const p0 = parts[0] as Part;
  let cur: Part & { n: number; street: boolean } = { start: p0.start, end: p0.end, n: 1, street: false };
  const blocks: (typeof cur)[] = [];
  for (let k = 1; k <= parts.length; k++) {
    const p = parts[k];
    if (p && p.start <= cur.end) {
      cur.end = Math.max(cur.end, p.end);
      continue;
    }
    if (p && separatedByCommaOrSpace(text, cur.end, p.start)) {
      cur.end = p.end;
      cur.n++;
      continue;
    }
    blocks.push(cur);
    if (p) cur = { start: p.start, end: p.end, n: 1, street: false };
  }
  for (const b of blocks) {
    const first = text.slice(b.start, b.end);
    const isUnitOnly = UNIT_RE.test(first) && first.length < 16;
    UNIT_RE.lastIndex = 0;
    // Extend over up to three following segments of the block ("City", "Country 12345", "ST 12345").
    let end = b.end;
    let extra = 0;
    for (let s = 0; s < 3; s++) {
      // Comma- or space-separated segments only: in a line-per-field block, the city and country lines are
      // reported as LOCATION by the gazetteer.
      const sep = /^(?:, ?| )/.exec(text.slice(end, end + 2));
      if (!sep) break;
      const from = end + sep[0].length;
      let to = from;
      while (to < text.length && to - from < 60 && !',\n?!;'.includes(text[to] as string)) to++;
      if (text[to - 1] === '.') to--;
      const seg = text.slice(from, to).trimEnd();
      if (
        seg.length === 0 ||
        !SEGMENT_RE.test(seg) ||
        (!/^[\p{Lu}\d]/u.test(seg) && !/^[\p{Ll}]+(?: [\p{Ll}]+)*(?: \d{4,6})?$/u.test(seg))
      )
        break;
      if (sep[0] === ' ' && !/^\p{Lu}/u.test(seg)) break;
      end = from + seg.length;
      extra++;
    }
    const n = b.n + extra;
    const score = isUnitOnly && n === 1 ? 0.5 : Math.min(0.95, 0.65 + 0.08 * (n - 1));
    emit({
      entity: 'ADDRESS',
      start: b.start,
      end,
      score,
      recognizer: 'address',
      context: ADDRESS_CONTEXT,
      contextBoost: 0.15,
    });
  }
}

/** `text.slice(from, to)` is ",", ", " or " " (what /^(?:, ?| )$/ accepts). */
function separatedByCommaOrSpace(text: string, from: number, to: number): boolean {
  const c = text.charCodeAt(from);
  if (to - from === 1) return c === 44 || c === 32;
  return to - from === 2 && c === 44 && text.charCodeAt(from + 1) === 32;
}

function isNameChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 39 || c === 0x2019 || c === 45 || (c !== 32 && isAlnumAt(text, i) && !(c >= 48 && c <= 57));
}

/** Include a house number written before the street ("98 Grote Baan 477"). */
function withHouseNumber(text: string, start: number): number {
  const m = HOUSE_NUMBER.exec(text.slice(Math.max(0, start - 7), start));
  return m ? start - (m[1] as string).length - 1 : start;
}
