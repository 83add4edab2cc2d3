/**
 * ADDRESS (street addresses): street lines in English ("221B Baker Street"), continental order
 * ("Schaarsteinweg 58", "Rue du Bac 46", "ul. Podleśna 17") and number first ("40 rue Victor Hugo",
 * `address-numbered.ts`), units ("Apt. 12", "Suite 400"), post office and military boxes, merged with
 * adjacent components and extended over the following city / region / country / postcode segments of a
 * written address block and over its last line on the next line ("Springfield, IL 62704"); in a block
 * written one field per line, the locality and country lines are LOCATION and the postcode an ADDRESS
 * (`address-lines.ts`); postcodes named as such ("zip code 37773", `address-postcodes.ts`).
 */

import { LETTER } from '../shared/context';
import { factsOf, stickyTwin } from '../shared/facts';
import { isAlnumAt } from '../shared/regex';
import { regionPostcodes } from './address-codes';
import { lastLineAfter, localityAfter } from './address-lines';
import { NAMED_STREET_GATE, namedStreets } from './address-named';
import { numberedStreets } from './address-numbered';
import { emitPostcode, namedPostcodes } from './address-postcodes';
import { englishEnding, proseStreet } from './address-prose';
import { matchSpansAt, mergeStarts, scanAnchoredAt, streetWordStarts, unitStarts } from './address-starts';
import { scanStreetRuns } from './address-streets';
import { suffixNumber, WordTable, wordNumber } from './address-words';
import { INTL_MONTHS } from './dates-intl';
import { US_STATE_CODES } from './names-lists';
import { ADDRESS_CONTEXT, STREET_LINE_CONTEXT } from './street-names';
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
  'straße|strasse|str\\.|weg|gasse|platz|allee|damm|ring|ufer|vej|vegen|veien|veg|gata|gatan|vägen|katu|tie|polku|kuja|laan|straat|gracht|plein|kade|dijk|singel|utca|út|tér|körút|u\\.|ulica|cesta|ulice|iela|gatve|tee|brücke|markt|hof';
/**
 * @internal The endings of ATTACHED_RE that are also written as a word of their own after the street's
 * name ("Berliner Straße 12", "Gosposka ulica 47", "Dózsa György út 78."): a street there only after a
 * capitalized word. Left out: those that are common English words or names ("ring", "tie", "tee",
 * "hof", "markt", "kade"...).
 */
export const SEPARATE_TYPE_RE: RegExp =
  /^(?:straße|strasse|weg|gasse|platz|allee|damm|ufer|vej|vegen|veien|gata|gatan|vägen|katu|laan|straat|gracht|utca|út|tér|körút|ulica|ulice|cesta|iela|gatve) /iu;
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

/** @internal Sticky twins of the global scans, tried only where `address-starts.ts` says a match can start. */
export const UNIT_AT: RegExp = stickyTwin(UNIT_RE);
/** @internal See `UNIT_AT`. */
export const ATTACHED_AT: RegExp = stickyTwin(ATTACHED_RE);
/** @internal See `UNIT_AT`. */
export const PREFIX_AT: RegExp = stickyTwin(PREFIX_RE);
/** @internal Where a "USS Name" unit can start (every "us[sn]", found without overlaps). */
export const US_SN_ALL: RegExp = /us[sn]/gi;
/**
 * @internal The street types of STREET_EN_RE, the endings of ATTACHED_RE and the street-type words of
 * PREFIX_RE as word tables (address-words.ts).
 *
 * @example
 * ```ts
 * SUFFIXES.has(suffixNumber('street')); // true
 * ```
 */
export const SUFFIXES: WordTable = new WordTable(SUFFIX.split('|'), suffixNumber);
/**
 * @internal The street types of `SUFFIXES` that are hardly ever a family name, in lower case: a name
 * after a house number and before one of them is a street's ("15 Millicent Drive", `inNumberedStreet`).
 */
export const STREET_SUFFIXES: ReadonlySet<string> = /* @__PURE__ */ new Set(
  'street st road rd avenue ave drive dr boulevard blvd lane ln parkway pkwy highway hwy terrace crescent expressway freeway turnpike'.split(
    ' ',
  ),
);
/**
 * @internal The endings of `ENDINGS` that hardly end a name, in lower case: a name ending in one and
 * followed by a house number is a street's ("Joan Maetsuyckerstraat 15", `inNumberedStreet`).
 */
export const STREET_ENDINGS: readonly string[] = /* @__PURE__ */ Object.freeze(
  'straße strasse weg gasse platz allee straat laan gracht vej vegen veien gata gatan vägen katu utca ulica ulice iela'.split(
    ' ',
  ),
);
/** @internal See `SUFFIXES`. */
export const ENDINGS: WordTable = new WordTable(ATTACHED.replace(/\\/g, '').split('|'), wordNumber);
/** @internal See `SUFFIXES`. */
export const TYPES: WordTable = new WordTable(PREFIX.replace(/\\/g, '').split('|'), wordNumber);

const BARE_ENDING = /^(?:str\.|u\.)/i;
const UPPER = /\p{Lu}/u;
const UPPER_FIRST = /^\p{Lu}/u;
const UPPER_OR_DIGIT_FIRST = /^[\p{Lu}\d]/u;
const LOWER_WORDS = /^[\p{Ll}]+(?: [\p{Ll}]+)*(?: \d{4,6}(?:-\d{4})?)?$/u;
/** @internal Lower-case words and a postcode at a segment's start, before a space and more text. */
export const LOWER_THEN_CODE: RegExp = /^\p{Ll}+(?: \p{Ll}+){0,4} \d{4,6}(?= \S)/u;

/**
 * A following segment that continues an address block: place words, an optional region code and
 * postcode ("Springfield, IL 62704", "London SW1A 2AA", "ON M5V 2T6"), the postcode followed by the
 * country as signatures write it ("MA 02131 USA", "SW1A 2AA UK"), or a postcode then place words
 * ("75001 Paris", "00184 Roma RM", "111 43 Stockholm", "00-590 Warszawa", "1100-053 Lisboa").
 */
export const SEGMENT_RE: RegExp =
  /^(?:(?:\d{4,6}|\d{3} \d{2}|\d{2}-\d{3}|\d{4}-\d{3}) )?(?:[\p{L}\p{M}][\p{L}\p{M}.'’-]{0,30}(?: [\p{L}\p{M}][\p{L}\p{M}.'’-]{0,30}){0,4})?(?: ?[A-Z]{2})?(?: ?(?:\d{4,6}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d)(?: (?:USA|U\.S\.A\.?|UK|U\.K\.?))?)?$/u;

/** An empty list of starts (never written to). */
const NONE: number[] = [];

interface Part {
  start: number;
  end: number;
  /** A UNIT_RE match. */
  unit: boolean;
}

/** Longest ADDRESS reported, in UTF-16 units (a block is not extended past it). */
const MAX_ADDRESS = 400;

/** Street addresses and address blocks. */
export const addressRecognizer: PiiRecognizer = {
  name: 'address',
  entities: ['ADDRESS', 'LOCATION'],
  maxLength: MAX_ADDRESS,
  scan(text, emit) {
    // Streets named without a house number, after a placing word ("the corner of Main Street and 5th Avenue").
    if (NAMED_STREET_GATE.test(text)) namedStreets(text, emitAddress, emit);
    const f = factsOf(text);
    // Every component but a "USS Name" unit has a digit.
    if (f.digits === 0 && !US_SN.test(text)) return;
    if (f.digits > 0) {
      namedPostcodes(text, f, emit);
      // State codes and ZIP codes after a town, UK and Canadian postcodes, without a street.
      regionPostcodes(text, f, emit);
    }
    const parts: Part[] = [];
    if (f.digits > 0) streets(text, f, parts);
    const units = mergeStarts(f.digits > 0 ? unitStarts(text, f) : NONE, usStarts(text, f.digits === 0));
    if (units.length > 0)
      matchSpansAt(UNIT_AT, text, units, (start, end) => addUnit(text, start, end, parts), undefined);
    if (parts.length === 0) return;
    emitBlocks(text, parts, emit);
  },
};

/** Street lines: English and continental order at digit runs, prefix-type and attached street words. */
function streets(text: string, f: ReturnType<typeof factsOf>, parts: Part[]): void {
  // Not across the end of a sentence ("28013 Madrid. My colleague Dr." is no "… Drive").
  scanStreetRuns(
    f,
    STREET_EN_RE,
    STREET_NUM_RE,
    SUFFIXES,
    text,
    (start, end, p) => {
      if (!sentenceInside(text, start, end) && !proseStreet(text, start, end, false) && !dateLike(text, start, end))
        addPart(levelBefore(text, start, end), end, p);
    },
    parts,
  );
  // STREET_PREFIX_RE and ATTACHED_RE matches have a space followed by a digit run.
  const attached: number[] = [];
  const prefix: number[] = [];
  streetWordStarts(text, f, ENDINGS, TYPES, attached, prefix);
  if (prefix.length > 0) {
    const prefixPart = (start: number, end: number) => {
      if (!proseStreet(text, start, end, true)) parts.push({ start: withHouseNumber(text, start), end, unit: false });
    };
    scanAnchoredAt(PREFIX_AT, STREET_PREFIX_RE, text, prefix, wordStart, prefixPart, undefined);
  }
  if (attached.length > 0) {
    matchSpansAt(ATTACHED_AT, text, attached, (at, end) => attachedPart(text, at, end, parts), undefined);
  }
  // Number first, then the street type: "40 rue Victor Hugo", with a building number before it ("56 138
  // Rue de Libya").
  numberedStreets(text, f, TYPES, (start, end) =>
    parts.push({ start: withHouseNumber(text, start), end, unit: false }),
  );
}

/** An attached-ending street: walk back to the start of the word carrying the ending, then over up to two capitalized words. */
function attachedPart(text: string, at: number, end: number, parts: Part[]): void {
  let start = at;
  while (start > 0 && at - start < 30 && isNameChar(text, start - 1)) start--;
  // The ending is a word of its own: "str.", "u.", or one of SEPARATE_TYPE_RE after a capitalized word.
  const word = start === at ? text.slice(at, end) : undefined;
  // An English word that ends like a joined street ("During 2002", "Committee 2").
  if (word === undefined && englishEnding(text, start, at, text.indexOf(' ', at))) return;
  const bare = word !== undefined && BARE_ENDING.test(word);
  if (word !== undefined && !bare && !SEPARATE_TYPE_RE.test(word)) return;
  const own = start;
  for (let w = 0; w < 2; w++) {
    if (text[start - 1] !== ' ') break;
    let k = start - 1;
    while (k > 0 && start - 1 - k < 30 && isNameChar(text, k - 1)) k--;
    if (k === start - 1 || !UPPER.test(text[k] as string)) break;
    start = k;
  }
  if (word !== undefined && !bare && start === own) return;
  parts.push({ start: withHouseNumber(text, start), end, unit: false });
}

/** Starts of every "us[sn]" (none overlap): a superset of the "USS Name" unit starts (`tested`: US_SN matched). */
function usStarts(text: string, tested: boolean): number[] {
  if (!tested && !US_SN.test(text)) return NONE;
  const out: number[] = [];
  US_SN_ALL.lastIndex = 0;
  for (let m = US_SN_ALL.exec(text); m !== null; m = US_SN_ALL.exec(text)) out.push(m.index);
  US_SN_ALL.lastIndex = 0;
  return out;
}

function addPart(start: number, end: number, parts: Part[]): void {
  parts.push({ start, end, unit: false });
}

/**
 * A UNIT_RE match, to the end of its last word: its `\b` (no `u` flag) holds between an ASCII letter
 * and a non-ASCII one, which cuts "USNS Björklund" after "Bj". The part takes the rest of the word (at
 * most 31 more units, as long as a ship's name).
 */
function addUnit(text: string, start: number, end: number, parts: Part[]): void {
  // A version number ("RH 7.3/Apt 0.3", "apt 0.5.4"): no unit.
  if (text.charCodeAt(end) === 46 && isDigit(text.charCodeAt(end + 1))) return;
  const last = text.charCodeAt(end - 1) | 32;
  let e = end;
  if (last >= 97 && last <= 122 && text.charCodeAt(e) >= 128) {
    while (e - end < 31 && (isAsciiLetter(text.charCodeAt(e)) || isLetterOrMarkAt(text, e))) e++;
  }
  parts.push({ start, end: e, unit: true });
  // A street line without a street type before an apartment or suite: "716 Congress, Suite 200".
  // The unit word is tested first: it is cheaper than reading back up to 100 units for the street.
  if (start < 2 || text.charCodeAt(start - 2) !== 44 || text.charCodeAt(start - 1) !== 32) return;
  if (!OFFICE_UNIT.test(text.slice(start, Math.min(e, start + 10)))) return;
  const street = typelessStreetBefore(text, start - 2);
  if (street >= 0) parts.push({ start: street, end: start - 2, unit: false });
}

/** @internal An apartment or suite (not a room, floor or box): the units a street line without a type can come before. */
export const OFFICE_UNIT: RegExp = /^(?:apt|apartment|suite|ste|unit)\b/i;
/**
 * @internal A house number and one to three capitalized words at the end of the text before a unit
 * ("716 Congress", "12 Old Mill"), the number not glued to a letter or digit (group 1: the number).
 */
export const TYPELESS_STREET_RE: RegExp =
  /(?:^|[^\p{L}\p{N}.,/:-])(\d{1,5}) \p{Lu}[\p{L}\p{M}'’-]{1,30}(?: \p{Lu}[\p{L}\p{M}'’-]{1,30}){0,2}$/u;

/**
 * Where a street line `[start, end)` that starts with a floor's number ("3, 230 Victoria Road") starts
 * with the word "Level" before it ("Level 3, 230 Victoria Road", as Australian addresses write the
 * floor), else `start`. "level" is no unit word of its own ("level 3 support").
 */
function levelBefore(text: string, start: number, end: number): number {
  if (start < 6 || !LEVEL_BEFORE.test(text.slice(Math.max(0, start - 7), start))) return start;
  return LEVEL_FLOOR.test(text.slice(start, Math.min(end, start + 6))) ? start - 6 : start;
}

/** @internal "Level " at a word's start, before a floor's number. */
export const LEVEL_BEFORE: RegExp = /(?:^|[^\p{L}\p{N}])level $/iu;
/** @internal A floor's number and a comma, before the street line's house number. */
export const LEVEL_FLOOR: RegExp = /^\d{1,3}, \d/;

/** Where a street line without a street type ends at `end` starts ("716 Congress"), or -1. */
function typelessStreetBefore(text: string, end: number): number {
  const from = Math.max(0, end - 100);
  const m = TYPELESS_STREET_RE.exec(text.slice(from, end));
  if (m === null) return -1;
  // The match may start with the unit before the number.
  return from + m.index + m[0].indexOf(m[1] as string);
}

/** A non-ASCII letter or mark (a unit of a word cut by an ASCII `\b`). */
function isLetterOrMarkAt(text: string, i: number): boolean {
  return text.charCodeAt(i) >= 128 && LETTER.test(text[i] as string);
}

function isAsciiLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

function wordStart(t: string, i: number): boolean {
  return !isAlnumAt(t, i - 1);
}

/** Merge components into blocks, extend them over the following segments and emit them. */
function emitBlocks(text: string, parts: Part[], emit: (c: PiiCandidate) => void): void {
  sortParts(parts);
  // Merge overlapping or adjacent components (separated by commas, spaces or one line break), and emit
  // each block once it is complete.
  const p0 = parts[0] as Part;
  let start = p0.start;
  let end = p0.end;
  let n = 1;
  let unit = p0.unit;
  for (let k = 1; k < parts.length; k++) {
    const p = parts[k] as Part;
    // A block holds at most MAX_ADDRESS units (the recognizer's `maxLength`, which streams rely on): a
    // longer run of parts ("12 Main St, 12 Main St, …") is cut into blocks.
    if (p.start <= end && Math.max(end, p.end) - start <= MAX_ADDRESS) {
      end = Math.max(end, p.end);
      unit ||= p.unit;
    } else if (p.start > end && p.end - start <= MAX_ADDRESS && separatedByCommaOrSpace(text, end, p.start)) {
      end = p.end;
      n++;
      unit ||= p.unit;
    } else {
      emitBlock(text, start, end, n, unit, emit);
      start = p.start;
      end = p.end;
      n = 1;
      unit = p.unit;
    }
  }
  emitBlock(text, start, end, n, unit, emit);
}

/**
 * Extend the block `[start, blockEnd)` of `parts` components (`unit`: one of them is a UNIT_RE match)
 * over the following segments and emit it.
 */
function emitBlock(
  text: string,
  start: number,
  blockEnd: number,
  parts: number,
  unit: boolean,
  emit: (c: PiiCandidate) => void,
): void {
  // Extend over up to three following segments of the block ("City", "Country 12345", "ST 12345").
  let end = blockEnd;
  let extra = 0;
  // The postcodes of the segments (with a region code before one), as [start, end] pairs.
  let codes: number[] | undefined;
  for (let s = 0; s < 3; s++) {
    // Comma- or space-separated segments only (/^(?:, ?| )/): in a line-per-field block, the city and
    // country lines are reported as LOCATION by the gazetteer.
    const c0 = text.charCodeAt(end);
    const space = c0 === 32;
    if (!space && c0 !== 44) break;
    const from = space ? end + 1 : text.charCodeAt(end + 1) === 32 ? end + 2 : end + 1;
    let to = from;
    for (; to < text.length && to - from < 60; to++) {
      const u = text.charCodeAt(to);
      if (segmentStop(u) || (u === 46 && sentenceEnd(text, to))) break;
    }
    if (text.charCodeAt(to - 1) === 46) to--;
    // What the tests below need of the first unit, for ASCII: an upper-case letter after a space, else
    // a letter or digit (a segment starting with a space or other ASCII unit fails them all).
    const c = text.charCodeAt(from);
    // In lower-case writing, a town, a US state code and a ZIP code after a space: "12 main st
    // springfield il 62704 thanks" is one address to the ZIP code.
    const lowerLine =
      space && c >= 97 && c <= 122 && hasDigit(text, from, to) ? lowerUsLine(text.slice(from, to)) : undefined;
    if (to > from && c < 128 && lowerLine === undefined) {
      if (space ? c < 65 || c > 90 : !((c | 32) >= 97 && (c | 32) <= 122) && !(c >= 48 && c <= 57)) break;
    }
    // After a ZIP code (five digits or more at the block's end), lower-case words are prose: "…
    // springfield il 62704, can you help" ends at the ZIP code ("…, 62704, USA" goes on).
    if (c >= 97 && c <= 122 && !space && endsWithZip(text, end)) break;
    let seg = text.slice(from, to).trimEnd();
    if (lowerLine !== undefined) seg = lowerLine;
    else if (space) {
      // Cut before prose; after a period, prose is a new sentence ("Via Scala 50. Please call me").
      const place = placePrefix(seg);
      if (place.length < seg.length && text.charCodeAt(end - 1) === 46) break;
      seg = place;
    } else if (UPPER_OR_DIGIT_FIRST.test(seg)) {
      // After a comma too, a segment written in capitals ends before prose: "…, Springfield, IL 62704
      // now" is "…, IL 62704", and ", Springfield and never came back" is ", Springfield". A segment in
      // lower case ("…, erwetegem united states") is read whole, as before.
      seg = placePrefix(seg);
    } else {
      // A segment in lower case ends after its postcode when more words follow: "…, il 62704 thanks" is
      // "…, il 62704".
      const cut = LOWER_THEN_CODE.exec(seg);
      if (cut !== null) seg = cut[0];
    }
    if (seg.length === 0 || !SEGMENT_RE.test(seg) || (!UPPER_OR_DIGIT_FIRST.test(seg) && !LOWER_WORDS.test(seg))) break;
    if (space && lowerLine === undefined && !UPPER_FIRST.test(seg)) break;
    if (from + seg.length - start > MAX_ADDRESS) break;
    end = from + seg.length;
    extra++;
    const code = postcodeIn(seg);
    if (code !== undefined) {
      codes ??= [];
      codes.push(from + code[0], from + code[1]);
    }
  }
  // The address's last line on the next line: "123 Main St⏎Springfield, IL 62704".
  let lastLine = false;
  const after = text.charCodeAt(end);
  if (after === 10 || after === 13 || after === 32 || after === 9) {
    const to = lastLineAfter(text, end);
    if (to > 0 && to - start <= MAX_ADDRESS) {
      end = to;
      extra++;
      lastLine = true;
    }
  }
  const n = parts + extra;
  // A lone short unit ("Apt 4") scores lower; UNIT_RE is tested only when that can apply, and not when
  // the block holds a UNIT_RE match of the text: that match is also one of the block's text (the `\b`
  // at its ends holds there too, at the ends of the block or before the same units).
  let isUnitOnly = false;
  if (parts === 1 && blockEnd - start < 16) {
    isUnitOnly = unit || UNIT_RE.test(text.slice(start, blockEnd));
    UNIT_RE.lastIndex = 0;
  }
  const coreScore = isUnitOnly ? 0.5 : Math.min(0.95, 0.65 + 0.08 * (parts - 1));
  // The street line (its parts alone) holds the names in it, unless it is a lone short unit ("USS
  // Enterprise" is no street).
  const line = !isUnitOnly;
  // A segment with a postcode ("CA 94025", "SW1A 2AA") makes the block an address more surely than any
  // place name in it: "1 Hacker Way, Menlo Park, CA 94025" is one ADDRESS, not a street, a LOCATION and a
  // postcode.
  const blockScore = Math.min(0.95, 0.65 + 0.08 * (n - 1) + (codes !== undefined ? 0.1 : 0));
  emitAddress(start, end, extra === 0 ? coreScore : blockScore, line && extra === 0, emit);
  // The block without the segments it was extended over, scored as its parts alone: a finding in those
  // segments that outscores the whole ("Forest Park" as a PERSON in "19 2249 College Street, Forest
  // Park") then wins them, not the street line too (which would leave it in the text).
  if (extra > 0) emitAddress(start, blockEnd, coreScore, line, emit);
  // The segments' postcodes alone: when a place name in a segment outscores the whole block, the
  // postcode next to it is not left in the text ("Berliner Straße 12, 10115 Berlin").
  if (codes !== undefined) {
    for (let k = 0; k < codes.length; k += 2) emitPostcode(codes[k] as number, codes[k + 1] as number, emit);
  }
  // One field per line: the town on the next line.
  const next = text.charCodeAt(end);
  if (!lastLine && (next === 10 || next === 13 || next === 32 || next === 9)) localityAfter(text, start, end, emit);
}

/** Emit an ADDRESS; `line`: the block's street line (its parts alone), where a name is the street's. */
function emitAddress(start: number, end: number, score: number, line: boolean, emit: (c: PiiCandidate) => void): void {
  emit({
    entity: 'ADDRESS',
    start,
    end,
    score,
    recognizer: 'address',
    context: line ? STREET_LINE_CONTEXT : ADDRESS_CONTEXT,
    contextBoost: 0.15,
  });
}

/** @internal A postcode at the start of a segment, before the town ("75001 Paris", "111 43 Stockholm"). */
export const POSTCODE_HEAD_RE: RegExp = /^(?:\d{4,6}|\d{3} \d{2}|\d{2}-\d{3}|\d{4}-\d{3})(?= )/;
/**
 * @internal A postcode at the end of a segment, at a word's start, with a region code before it ("IL
 * 62704", "London SW1A 2AA"): group 1.
 */
export const POSTCODE_TAIL_RE: RegExp =
  /(?:^| )((?:[A-Z]{2} )?(?:\d{4,6}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d))$/;

/**
 * Where a segment's postcode is (`[start, end]` in the segment), at its start or its end, or undefined.
 * @internal
 *
 * @example
 * ```ts
 * postcodeIn('Springfield IL 62704'); // [12, 20]
 * ```
 */
export function postcodeIn(seg: string): [number, number] | undefined {
  // Every postcode has a digit.
  let digit = false;
  for (let k = 0; k < seg.length && !digit; k++) digit = (seg.charCodeAt(k) - 48) >>> 0 <= 9;
  if (!digit) return undefined;
  const head = POSTCODE_HEAD_RE.exec(seg);
  if (head !== null) return [0, head[0].length];
  const tail = POSTCODE_TAIL_RE.exec(seg);
  return tail === null ? undefined : [seg.length - (tail[1] as string).length, seg.length];
}

/**
 * Lower-case words inside a place's name ("Rio de Janeiro", "Trinidad and Tobago", "Isle of Man",
 * "Frankfurt am Main", "Alphen aan den Rijn", "Bergen op Zoom", "Kostelec nad Orlicí", "Nové Město na Moravě").
 */
const PLACE_PARTICLES: ReadonlySet<string> = /* @__PURE__ */ new Set(
  'de da do das dos del della di du des la le les el al and of upon et y e von van der den am im an sur en aan op ob bei sous lès nad pod na pri u sul the'.split(
    ' ',
  ),
);

/**
 * A segment after a space up to its first word that can be in no place's name (one that starts with
 * neither an upper-case letter nor a digit, and is no `PLACE_PARTICLES` word; or "I"), without the
 * particles before that word: "Calgary AB last night" is "Calgary AB", prose after an address is not
 * part of it. A segment with an empty word (two spaces in a row) is returned whole (SEGMENT_RE refuses it).
 */
function placePrefix(seg: string): string {
  if (seg.charCodeAt(0) === 32 || seg.includes('  ')) return seg;
  const n = seg.length;
  let keep = 0; // the end of the last word kept
  for (let k = 0; k < n; ) {
    let e = k;
    while (e < n && seg.charCodeAt(e) !== 32) e++;
    const c = seg.charCodeAt(k);
    const place =
      c < 128
        ? (c >= 65 && c <= 90 && !(c === 73 && e === k + 1)) || (c >= 48 && c <= 57)
        : UPPER_OR_DIGIT_FIRST.test(seg.slice(k, k + 2));
    if (place) keep = e;
    else if (!PLACE_PARTICLES.has(seg.slice(k, e))) break;
    k = e + 1;
  }
  return keep === n ? seg : seg.slice(0, keep);
}

/** @internal Lower-case words, a state code and a ZIP code at a segment's start (groups: the state code). */
export const LOWER_US_LINE: RegExp = /^\p{Ll}+(?: \p{Ll}+){0,3} ([a-z]{2}) \d{5}(?:-\d{4})?(?![\p{L}\p{N}])/u;

/**
 * The start of a segment that is a lower-case town line with a US state code and ZIP code ("springfield
 * il 62704"), or undefined.
 */
function lowerUsLine(seg: string): string | undefined {
  const m = LOWER_US_LINE.exec(seg);
  return m !== null && US_STATE_CODES.has(m[1] as string) ? m[0] : undefined;
}

/** An ASCII digit in `text` between `from` and `to` (a lower-case town line has its ZIP code). */
function hasDigit(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isDigit(text.charCodeAt(k))) return true;
  return false;
}

/** `text` has a run of five or more digits (a ZIP code, or the "-1234" of a ZIP+4 code) ending at `end`. */
function endsWithZip(text: string, end: number): boolean {
  let k = end;
  while (k > 0 && isDigit(text.charCodeAt(k - 1))) k--;
  if (end - k === 4 && text.charCodeAt(k - 1) === 45) {
    let j = k - 1;
    while (j > 0 && isDigit(text.charCodeAt(j - 1))) j--;
    return k - 1 - j >= 5;
  }
  return end - k >= 5;
}

/** @internal A month's name or abbreviation, as a whole word (a period after it or not). */
export const MONTH_WORD_RE: RegExp =
  /(?:^| )(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\.?(?: |$)/i;
/** @internal A year of four digits (1000-2099) as the first or the last word. */
export const YEAR_END_RE: RegExp = /^(?:1\d{3}|20\d{2}) | (?:1\d{3}|20\d{2})$/;

/**
 * A date that STREET_NUM_RE reads as a street written name then number ("18 Sep 2002", "02 September
 * 2002", "36 Monday 7th October 2002" after "12:", "2002 Sept 16", "25 juli 2002"): the match ends in a
 * number, has a month's name among its words (English, or `INTL_MONTHS`), and a year of four digits first or last. EN matches end in a street type
 * ("12 May Street", "2019 March Road" are streets).
 */
function dateLike(text: string, start: number, end: number): boolean {
  const c = text.charCodeAt(end - 1);
  if (!isDigit(c) && !isDigit(text.charCodeAt(end - 2))) return false;
  const m = text.slice(start, end);
  return YEAR_END_RE.test(m) && (MONTH_WORD_RE.test(m) || intlMonthIn(m));
}

/** A word of `m` (between spaces, periods and commas) is a month of another language ("25 juli 2002"). */
function intlMonthIn(m: string): boolean {
  for (const w of m.toLowerCase().split(/[ .,]+/)) if (INTL_MONTHS.has(w)) return true;
  return false;
}

/** `,`, `\n`, `?`, `!`, `;`, `(`, `)` or `"`: where a segment ends. */
function segmentStop(c: number): boolean {
  return c === 44 || c === 10 || c === 63 || c === 33 || c === 59 || c === 40 || c === 41 || c === 34;
}

/**
 * A sentence's period inside `[start, end)`, before its last unit: `sentenceEnd` after a word of 5 letters
 * or more (street types are abbreviated to 4: "Ctra.", "Avda.", "Blvd.", "Λεωφ.").
 */
function sentenceInside(text: string, start: number, end: number): boolean {
  for (let i = start; i < end - 1; i++) {
    if (text.charCodeAt(i) === 46 && text.charCodeAt(i + 1) === 32 && sentenceEnd(text, i, 5)) return true;
  }
  return false;
}

/**
 * A period that ends a sentence at `i`: followed by white space or the end, after a word of `letters` (4)
 * letters or more ("Madrid. My colleague"; not "St. Louis", "D.C. 20001").
 */
function sentenceEnd(text: string, i: number, letters = 4): boolean {
  if (text.charCodeAt(i) !== 46) return false;
  const next = text.charCodeAt(i + 1);
  if (i + 1 < text.length && next !== 32 && next !== 9 && next !== 10 && next !== 13) return false;
  let k = i;
  while (k > 0 && i - k < letters && LETTER.test(text[k - 1] as string)) k--;
  return i - k >= letters;
}

/**
 * `parts.sort((a, b) => a.start - b.start || b.end - a.end)`: by start, the longer first. An insertion
 * sort for the few parts of a text (stable, like `sort`), the built-in sort for many.
 */
function sortParts(parts: Part[]): void {
  if (parts.length > 16) {
    parts.sort((a, b) => a.start - b.start || b.end - a.end);
    return;
  }
  for (let i = 1; i < parts.length; i++) {
    const x = parts[i] as Part;
    let j = i - 1;
    for (; j >= 0; j--) {
      const y = parts[j] as Part;
      if (y.start < x.start || (y.start === x.start && y.end >= x.end)) break;
      parts[j + 1] = y;
    }
    parts[j + 1] = x;
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
  // HOUSE_NUMBER over the 7 units before `start`: they end with a space after 1-5 digits, which start
  // those 7 units or follow a unit that is not a letter or digit (outside ASCII, the pattern decides).
  const lo = Math.max(0, start - 7);
  if (start - 1 < lo || text.charCodeAt(start - 1) !== 32) return start;
  let d = start - 1;
  while (d > lo && isDigit(text.charCodeAt(d - 1))) d--;
  const digits = start - 1 - d;
  if (digits === 0 || digits > 5) return start;
  if (d > lo) {
    const c = text.charCodeAt(d - 1);
    if (c >= 128) {
      const m = HOUSE_NUMBER.exec(text.slice(lo, start));
      return m ? start - (m[1] as string).length - 1 : start;
    }
    if (((c | 32) >= 97 && (c | 32) <= 122) || isDigit(c)) return start;
  }
  return start - digits - 1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
