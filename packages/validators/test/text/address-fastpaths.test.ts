/**
 * The ADDRESS recognizer's shortcuts give exactly what the plain regex scans give. The reference below
 * is the recognizer as it was before them (every global pattern scanned at every position, every street
 * pattern tried at every digit run, the block code with its slices and regexes); each gated scan is also
 * compared with its plain scan, and the word numbers with the patterns' case-insensitive matching.
 * Generated texts are built from the pieces that matter: house numbers, street types, endings and
 * street-type words in mixed case (with U+017F 'ſ' and U+212A 'K'), units, boxes, ship names,
 * separators, non-ASCII letters and marks.
 */
import { readSharedJSON } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ATTACHED_AT,
  ATTACHED_RE,
  addressRecognizer,
  ENDINGS,
  HOUSE_NUMBER,
  PREFIX_AT,
  PREFIX_RE,
  SEGMENT_RE,
  SEPARATE_TYPE_RE,
  STREET_EN_RE,
  STREET_NUM_RE,
  STREET_PREFIX_RE,
  SUFFIXES,
  TYPES,
  UNIT_AT,
  UNIT_RE,
  US_SN,
  US_SN_ALL,
} from '../../src/text/pii/address';
import { regionPostcodes } from '../../src/text/pii/address-codes';
import { lastLineAfter, localityAfter } from '../../src/text/pii/address-lines';
import { NAMED_STREET_GATE, namedStreets } from '../../src/text/pii/address-named';
import { numberedStreets } from '../../src/text/pii/address-numbered';
import { namedPostcodes } from '../../src/text/pii/address-postcodes';
import { ENGLISH_ENDINGS, PROSE_WORDS, QUANTITY_WORDS } from '../../src/text/pii/address-prose';
import {
  matchSpansAt,
  mergeStarts,
  scanAnchoredAt,
  streetWordStarts,
  unitStarts,
} from '../../src/text/pii/address-starts';
import { scanStreetRuns } from '../../src/text/pii/address-streets';
import { code, foldedCode, suffixNumber, wordNumber } from '../../src/text/pii/address-words';
import { US_STATE_CODES } from '../../src/text/pii/names-lists';
import type { PiiCandidate } from '../../src/text/pii/types';
import { factsOf, scanDigitRuns, withFacts } from '../../src/text/shared/facts';
import { forEachMatch, isAlnumAt, scanAnchored } from '../../src/text/shared/regex';

// ---------------------------------------------------------------------------------------------------
// Reference: the recognizer before the shortcuts (plain scans), kept verbatim but for names.

interface Part {
  start: number;
  end: number;
}

/** An emitted candidate: start, end, score, and `L` for a LOCATION (ADDRESS otherwise). */
type Found = [number, number, number] | [number, number, number, 'L'];

/** A later rule, plainly: the words between the first and the last of a street match say prose. */
function prose(match: string, prefix: boolean): boolean {
  const words = match
    .split(' ')
    .slice(1, -1)
    .map((x) => x.replace(/[.,]+$/, ''));
  if (words.length === 0) return !prefix;
  return words.some(
    (x) => (!prefix && QUANTITY_WORDS.has(x.toLowerCase())) || (x === x.toLowerCase() && PROSE_WORDS.has(x)),
  );
}

function referenceScan(text: string): Found[] {
  const out: Found[] = [];
  // Later rules, not shortcuts (tested on their own in address-numbered.test.ts,
  // address-lines.test.ts, address-named.test.ts and address-codes.test.ts), called as the recognizer calls them: streets
  // named without a number, named postcodes, number-first streets, the last line of an address and the
  // locality lines after a block.
  const found = (c: PiiCandidate) =>
    out.push(c.entity === 'LOCATION' ? [c.start, c.end, c.score, 'L'] : [c.start, c.end, c.score]);
  if (NAMED_STREET_GATE.test(text)) {
    namedStreets(
      text,
      (start, end, score) => out.push([start, end, score]),
      () => {},
    );
  }
  const f = factsOf(text);
  if (f.digits === 0 && !US_SN.test(text)) return out;
  if (f.digits > 0) {
    namedPostcodes(text, f, found);
    // A later rule, tested on its own in address-codes.test.ts: town lines with a state and ZIP code, UK and
    // Canadian postcodes.
    regionPostcodes(text, f, found);
  }
  const parts: Part[] = [];
  if (f.digits > 0) {
    // A later rule: not across a sentence's period after 5 letters or more ("28013 Madrid. My colleague
    // Dr."; "47 Ctra. Bailén-Motril 84" stays).
    const streetPart = (m: RegExpExecArray, p: Part[]) => {
      // A later rule: prose is no street ("600 sq", "10 million square", "43 to 28").
      if (!/[\p{L}\p{M}]{5}\. /u.test(m[0].slice(0, -1)) && !prose(m[0], false) && !dateOf(m[0])) {
        // A later rule (2026-11-30): "Level" before a floor's number, a comma and the house number.
        const level = /(?:^|[^\p{L}\p{N}])level $/iu.test(text.slice(0, m.index)) && /^\d{1,3}, \d/.test(m[0]);
        p.push({ start: level ? m.index - 6 : m.index, end: m.index + m[0].length });
      }
    };
    scanDigitRuns(f, STREET_EN_RE, text, shortNumber, streetPart, parts);
    scanDigitRuns(f, STREET_NUM_RE, text, shortNumber, streetPart, parts);
    let spaceDigits = false;
    for (let k = 0; k < f.runs && !spaceDigits; k++)
      spaceDigits = text.charCodeAt((f.runStart[k] as number) - 1) === 32;
    if (spaceDigits) {
      scanAnchored(PREFIX_RE, STREET_PREFIX_RE, text, wordStart, (m) => {
        // A later rule: prose is no street ("place on July 2").
        if (!prose(m[0], true)) parts.push({ start: withHouseNumber(text, m.index), end: m.index + m[0].length });
      });
      forEachMatch(ATTACHED_RE, text, (m) => {
        let start = m.index;
        while (start > 0 && m.index - start < 30 && isNameChar(text, start - 1)) start--;
        // A later rule: a street-type word of its own (SEPARATE_TYPE_RE) after a capitalized word.
        const bare = start === m.index && /^(?:str\.|u\.)/i.test(m[0]);
        const own = start === m.index && !bare;
        // A later rule: English words ending like a joined street ("During 2002", "Committee 2").
        const ending = (m[0].split(' ')[0] as string).toLowerCase();
        const stem = text.slice(start, m.index);
        if (stem !== '') {
          if (ending === 'ring' && (stem.length < 3 || 'aeiouyäöüáéíóú'.includes(stem.slice(-1).toLowerCase()))) return;
          if (ending === 'tee' && ENGLISH_ENDINGS.has((stem + ending).toLowerCase())) return;
        }
        if (own && !SEPARATE_TYPE_RE.test(m[0])) return;
        for (let w = 0; w < 2; w++) {
          if (text[start - 1] !== ' ') break;
          let k = start - 1;
          while (k > 0 && start - 1 - k < 30 && isNameChar(text, k - 1)) k--;
          if (k === start - 1 || !/\p{Lu}/u.test(text[k] as string)) break;
          start = k;
        }
        if (own && start === m.index) return;
        parts.push({ start: withHouseNumber(text, start), end: m.index + m[0].length });
      });
    }
    numberedStreets(text, f, TYPES, (start, end) => parts.push({ start: withHouseNumber(text, start), end }));
  }
  forEachMatch(UNIT_RE, text, (m) => {
    // A later rule (2026-11-30): a version number is no unit ("Apt 0.3").
    const end = m.index + m[0].length;
    if (text[end] === '.' && /[0-9]/.test(text[end + 1] ?? '')) return;
    parts.push({ start: m.index, end: unitEnd(text, end) });
    // A later rule (2026-11-30): before ", " and an apartment or suite, a house number and one to three
    // capitalized words are a street line without a street type ("716 Congress, Suite 200").
    const before = text.slice(Math.max(0, m.index - 102), m.index);
    const street =
      /(?:^|[^\p{L}\p{N}.,/:-])(\d{1,5} \p{Lu}[\p{L}\p{M}'’-]{1,30}(?: \p{Lu}[\p{L}\p{M}'’-]{1,30}){0,2}), $/u.exec(
        before,
      );
    if (street && /^(?:apt|apartment|suite|ste|unit)\b/i.test(m[0])) {
      const s0 = m.index - 2 - (street[1] as string).length;
      if (s0 >= Math.max(0, m.index - 102)) parts.push({ start: s0, end: m.index - 2 });
    }
  });
  if (parts.length === 0) return out;
  parts.sort((a, b) => a.start - b.start || b.end - a.end);
  const p0 = parts[0] as Part;
  let cur = { start: p0.start, end: p0.end, n: 1 };
  const blocks: (typeof cur)[] = [];
  for (let k = 1; k <= parts.length; k++) {
    const p = parts[k];
    // A later rule: a block holds at most 400 units.
    if (p && p.start <= cur.end && Math.max(cur.end, p.end) - cur.start <= 400) {
      cur.end = Math.max(cur.end, p.end);
      continue;
    }
    if (p && p.start > cur.end && p.end - cur.start <= 400 && /^(?:, ?| )$/.test(text.slice(cur.end, p.start))) {
      cur.end = p.end;
      cur.n++;
      continue;
    }
    blocks.push(cur);
    if (p) cur = { start: p.start, end: p.end, n: 1 };
  }
  for (const b of blocks) {
    const first = text.slice(b.start, b.end);
    const isUnitOnly = UNIT_RE.test(first) && first.length < 16;
    UNIT_RE.lastIndex = 0;
    let end = b.end;
    const codes: Found[] = [];
    let extra = 0;
    for (let s = 0; s < 3; s++) {
      const sep = /^(?:, ?| )/.exec(text.slice(end, end + 2));
      if (!sep) break;
      const from = end + sep[0].length;
      let to = from;
      // A later rule: also "(", ")", '"' and a sentence's period (after a word of 4 letters or more, before
      // white space or the end) end a segment.
      const sentence = (i: number) =>
        /^\.(?:[ \t\r\n]|$)/.test(text.slice(i, i + 2)) && /[\p{L}\p{M}]{4}$/u.test(text.slice(Math.max(0, i - 4), i));
      while (to < text.length && to - from < 60 && !',\n?!;()"'.includes(text[to] as string) && !sentence(to)) to++;
      if (text[to - 1] === '.') to--;
      let seg = text.slice(from, to).trimEnd();
      // Later rules (2026-11-30), written plainly: after a ZIP code (5 digits or more, or ZIP+4, at the
      // block's end) a comma segment in lower case is prose; after a space, a lower-case town, a US state
      // code and a ZIP code (what no letter or digit follows) is a segment to its ZIP code; after a comma,
      // a lower-case segment ends after its first postcode when a space and more text follow.
      if (sep[0] !== ' ' && /^[a-z]/.test(seg) && /(?:^|[^0-9])(?:\d{5,}|\d{5,}-\d{4})$/.test(text.slice(0, end)))
        break;
      const lowerLine =
        sep[0] === ' '
          ? /^\p{Ll}+(?: \p{Ll}+){0,3} ([a-z]{2}) \d{5}(?:-\d{4})?(?![\p{L}\p{N}])/u.exec(text.slice(from, to))
          : null;
      const usLine =
        lowerLine !== null && /^[a-z]/.test(text[from] as string) && US_STATE_CODES.has(lowerLine[1] as string);
      if (usLine) seg = (lowerLine as RegExpExecArray)[0];
      else if (sep[0] !== ' ' && !/^[\p{Lu}\d]/u.test(seg)) {
        const lowerCut = /^\p{Ll}+(?: \p{Ll}+){0,4} \d{4,6}(?= \S)/u.exec(seg);
        if (lowerCut) seg = lowerCut[0];
      }
      // A later rule, written plainly: after a space, the segment ends before its first word that is in
      // no place's name (lower-case and no particle, or "I"), particles before it dropped ("Calgary AB
      // last night" is "Calgary AB"); with two spaces in a row it stays whole.
      // A later rule: after a comma too, when the segment starts with an upper-case letter or a digit;
      // the period rule below is for a space only.
      const cut = !usLine && (sep[0] === ' ' || /^[\p{Lu}\d]/u.test(seg));
      if (cut && !seg.split(' ').includes('')) {
        const particles = new Set(
          'de da do das dos del della di du des la le les el al and of upon et y e von van der den am im an sur en aan op ob bei sous lès nad pod na pri u sul the'.split(
            ' ',
          ),
        );
        const words = seg.split(' ');
        let keep = 0;
        for (let k = 0; k < words.length; k++) {
          const x = words[k] as string;
          if (x !== 'I' && /^[\p{Lu}\d]/u.test(x)) keep = k + 1;
          else if (!particles.has(x)) break;
        }
        // After a period, a cut segment is a new sentence: no extension.
        if (sep[0] === ' ' && keep < words.length && text[end - 1] === '.') break;
        seg = words.slice(0, keep).join(' ');
      }
      if (
        seg.length === 0 ||
        !SEGMENT_RE.test(seg) ||
        (!/^[\p{Lu}\d]/u.test(seg) && !/^[\p{Ll}]+(?: [\p{Ll}]+)*(?: \d{4,6}(?:-\d{4})?)?$/u.test(seg))
      )
        break;
      if (sep[0] === ' ' && !usLine && !/^\p{Lu}/u.test(seg)) break;
      if (from + seg.length - b.start > 400) break;
      end = from + seg.length;
      extra++;
      // A later rule: each segment's postcode (a region code before one) is also an ADDRESS (0.6).
      const head = /^(?:\d{4,6}|\d{3} \d{2}|\d{2}-\d{3}|\d{4}-\d{3})(?= )/.exec(seg);
      const tail =
        /(?:^| )((?:[A-Z]{2} )?(?:\d{4,6}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d))$/.exec(
          seg,
        );
      if (head) codes.push([from, from + head[0].length, 0.6]);
      else if (tail) codes.push([from + seg.length - (tail[1] as string).length, from + seg.length, 0.6]);
    }
    const last = /^[ \t\r\n]/.test(text.slice(end, end + 1)) ? lastLineAfter(text, end) : -1;
    const lastLine = last > 0 && last - b.start <= 400;
    if (lastLine) {
      end = last;
      extra++;
    }
    const n = b.n + extra;
    // A later rule (2026-11-30): a block extended over a segment with a postcode scores 0.1 more.
    const bonus = codes.length > 0 ? 0.1 : 0;
    out.push([
      b.start,
      end,
      isUnitOnly && n === 1 ? 0.5 : Math.min(0.95, 0.65 + 0.08 * (n - 1) + (extra > 0 ? bonus : 0)),
    ]);
    // A later rule: an extended block is also reported without its extension (its parts' score).
    if (extra > 0) out.push([b.start, b.end, isUnitOnly && b.n === 1 ? 0.5 : Math.min(0.95, 0.65 + 0.08 * (b.n - 1))]);
    out.push(...codes);
    if (!lastLine && /^[ \t\r\n]/.test(text.slice(end, end + 1))) localityAfter(text, b.start, end, found);
  }
  return out;
}

/**
 * A later rule (2026-11-30): a street match that is a date is none: it ends in a number (STREET_NUM_RE's),
 * one of its words is a month's name or abbreviation (a period after it or not), and its first or last
 * word is a year from 1000 to 2099 ("18 Sep 2002", "2002 Sept 16").
 */
function dateOf(match: string): boolean {
  const months =
    'jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september october november december'.split(
      ' ',
    );
  if (!/[0-9][a-z]?$/i.test(match)) return false;
  const w = match.split(' ');
  const year = (x: string | undefined) =>
    x !== undefined && /^[0-9]{4}$/.test(x) && Number(x) >= 1000 && Number(x) <= 2099;
  return (year(w[0]) || year(w[w.length - 1])) && w.some((x) => months.includes(x.toLowerCase().replace(/\.$/, '')));
}

/** A later rule: a unit cut inside a word by UNIT_RE's ASCII `\b` ("USNS Bj|örklund") takes the word's rest. */
function unitEnd(text: string, end: number): number {
  if (!/[A-Za-z]$/.test(text.slice(0, end)) || text.charCodeAt(end) < 128) return end;
  let e = end;
  while (e - end < 31 && /^[\p{L}\p{M}]$/u.test(text[e] ?? '')) e++;
  return e;
}

function wordStart(t: string, i: number): boolean {
  return !isAlnumAt(t, i - 1);
}

function shortNumber(t: string, i: number): boolean {
  if (!wordStart(t, i)) return false;
  let j = i + 1;
  while (j <= i + 5 && /[0-9]/.test(t[j] ?? '')) j++;
  if (j > i + 5) return false;
  const c = t.charCodeAt(j);
  return c === 32 || c === 44 || ((c | 32) >= 97 && (c | 32) <= 122) || c === 0x17f || c === 0x212a;
}

function isNameChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 39 || c === 0x2019 || c === 45 || (c !== 32 && isAlnumAt(text, i) && !(c >= 48 && c <= 57));
}

function withHouseNumber(text: string, start: number): number {
  const m = HOUSE_NUMBER.exec(text.slice(Math.max(0, start - 7), start));
  return m ? start - (m[1] as string).length - 1 : start;
}

function recognizerScan(text: string): Found[] {
  const out: Found[] = [];
  addressRecognizer.scan(text, (c: PiiCandidate) => {
    expect(['ADDRESS', 'LOCATION']).toContain(c.entity);
    out.push(c.entity === 'LOCATION' ? [c.start, c.end, c.score, 'L'] : [c.start, c.end, c.score]);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Address-like text.

/** Random upper/lower case, sometimes with 'ſ' for "s" and 'K' for "k" (equal to them under /iu). */
const cased = (w: string) =>
  fc.array(fc.nat(5), { minLength: w.length, maxLength: w.length }).map((r) =>
    [...w]
      .map((ch, i) => {
        const x = r[i] as number;
        if (x === 0 && ch === 's') return 'ſ';
        if (x === 0 && ch === 'k') return 'K';
        return x % 2 ? ch.toUpperCase() : ch;
      })
      .join(''),
  );
const list = (words: string) => words.split(' ');
const SUFFIX_WORDS = list(
  'street st road rd avenue ave av lane ln drive dr boulevard blvd way court ct place pl square sq terrace ter highway hwy parkway pkwy circle cir trail trl close crescent cres row alley plaza park hill grove gardens walk mews quay wharf green loop pike turnpike expressway freeway run path point ridge view vista heights',
);
const ENDING_WORDS = list(
  'straße strasse str. weg gasse platz allee damm ring ufer vej vegen veien veg gata gatan vägen katu tie polku kuja laan straat gracht plein kade dijk singel utca út tér körút u. ulica cesta ulice iela gatve tee brücke markt hof',
);
const TYPE_WORDS = list(
  'rue via viale calle avenida avda. av. rua ul. ulica piazza plaza chemin boulevard bd avenue allée strada carrer travessa largo quai impasse place camino paseo rambla praça alameda trg ulitsa',
);
const UNIT_WORDS = list('apt apartment suite ste unit flat room rm floor fl');
const NAMES = list(
  'Main Baker oak Schaarstein Lille Viby Grote Baan du Bac Podleśna Kromwater 184th North the at in is on É-cole O’Neil x2 Łódź İzmir straßen million GB hard to and Du Offe Ost Kaiser Commit maan',
);

const word = (words: string[]) => fc.constantFrom(...words).chain(cased);
const num = fc.oneof(
  fc.integer({ min: 0, max: 99_999 }).map(String),
  fc.integer({ min: 0, max: 9_999_999 }).map(String),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom('b', 'B', 'x', 'ſ', 'K', 'é')).map(([n, l]) => `${n}${l}`),
);
const sp = fc.constantFrom(' ', ' ', ' ', ' ', '  ', ', ', ',', '\n', '');
const names = (min: number, max: number) =>
  fc.array(fc.oneof(word(NAMES), word(SUFFIX_WORDS), num), { minLength: min, maxLength: max }).map((a) => a.join(' '));
const tail = fc.constantFrom('', '', '.', ',', '!', '?', '\n', ' apt 2', ' Suite 3', 'x', '-', ' and', '’s', '\u0301');
/** The shapes of the patterns, each with a chance of a broken separator. */
const shape = fc.oneof(
  // "12 Main Street", "221B Baker St."
  fc.tuple(num, fc.constantFrom('', ',', 'b'), sp, names(0, 4), sp, word(SUFFIX_WORDS), tail).map((a) => a.join('')),
  // "98 Grote Baan 477"
  fc.tuple(num, sp, names(0, 4), sp, word(NAMES), sp, num, tail).map((a) => a.join('')),
  // "Schaarsteinweg 58", "Lille Vibyvej 8"
  fc
    .tuple(fc.constantFrom('', 'Lille ', 'Grote '), word(NAMES), word(ENDING_WORDS), sp, num, tail)
    .map((a) => a.join('')),
  // "Berliner Straße 12", "Dózsa György út 78.", "the weg 5": the street type as a word of its own
  fc
    .tuple(fc.constantFrom('', 'Berliner ', 'the ', 'Dózsa György ', '12 '), word(ENDING_WORDS), sp, num, tail)
    .map((a) => a.join('')),
  // "Rue du Bac 46", "(ul. Podleśna 17"
  fc
    .tuple(fc.constantFrom('', '(', '12 ', 'x'), word(TYPE_WORDS), sp, names(1, 5), sp, num, tail)
    .map((a) => a.join('')),
  // "Apt. # 12", "P.O. Box 12", "PSC 123, Box 45", "APO AE 12345", "USS Nimitz"
  fc
    .tuple(word(UNIT_WORDS), fc.constantFrom('', '.', '. ', ' ', ' #', '# ', '.# ', '. # ', '. #  ', '  '), num, tail)
    .map((a) => a.join('')),
  fc
    .tuple(fc.constantFrom('p.o. box ', 'P. O. Box ', 'po box ', 'POBOX ', 'p o box ', 'box '), num)
    .map((a) => a.join('')),
  fc
    .tuple(fc.constantFrom('psc ', 'PSC '), num, fc.constantFrom(', box ', ', Box ', ' box '), num)
    .map((a) => a.join('')),
  fc
    .tuple(fc.constantFrom('apo ', 'FPO ', 'dpo '), fc.constantFrom('aa ', 'AE ', 'ap ', 'xx '), num)
    .map((a) => a.join('')),
  fc.tuple(fc.constantFrom('uss ', 'USS ', 'usns ', 'USNV ', 'uſs '), word(NAMES)).map((a) => a.join('')),
  // following segments: ", Springfield, IL 62704", " Berlin 10115", ", new york 1234"
  fc
    .tuple(
      fc.constantFrom(', ', ' ', ','),
      names(1, 3),
      fc.constantFrom('', ' IL', ' ST 12345', ' 10115', ' 12345-6789', '.'),
    )
    .map((a) => a.join('')),
);
const noise = fc.oneof(
  fc.constantFrom(
    'é',
    'É',
    'Ä',
    'ß',
    'Ł',
    'İ',
    'ı',
    'K',
    'ſ',
    '\u0301',
    '𝐀',
    'Ú',
    'Ç',
    '_',
    '#',
    '(',
    "'",
    '’',
    '-',
    '.',
  ),
  fc.string({ maxLength: 3 }),
);
const addressText = fc
  .array(fc.oneof({ weight: 4, arbitrary: shape }, { weight: 1, arbitrary: noise }, { weight: 1, arbitrary: num }), {
    maxLength: 6,
  })
  .chain((chunks) =>
    fc
      .array(sp, { minLength: chunks.length, maxLength: chunks.length })
      .map((seps) => chunks.map((c, i) => c + (seps[i] as string)).join('')),
  );

/** The matches of a global pattern as [start, end]. */
const spans = (re: RegExp, t: string) => {
  const out: [number, number][] = [];
  forEachMatch(re, t, (m) => out.push([m.index, m.index + m[0].length]));
  return out;
};

// ---------------------------------------------------------------------------------------------------

describe('address recognizer shortcuts', () => {
  test('the generated text has matches of every pattern (so the properties below are not vacuous)', () => {
    const hits = { unit: 0, uss: 0, attached: 0, prefix: 0, en: 0, num: 0, blocks: 0, segments: 0 };
    for (const t of fc.sample(addressText, { numRuns: 3000, seed: 42 })) {
      const f = factsOf(t);
      hits.unit += spans(UNIT_RE, t).length;
      hits.uss += spans(UNIT_RE, t).filter(([a]) => /^us/i.test(t.slice(a))).length;
      hits.attached += spans(ATTACHED_RE, t).length;
      scanAnchored(PREFIX_RE, STREET_PREFIX_RE, t, wordStart, () => hits.prefix++);
      scanDigitRuns(f, STREET_EN_RE, t, shortNumber, () => hits.en++);
      scanDigitRuns(f, STREET_NUM_RE, t, shortNumber, () => hits.num++);
      const blocks = referenceScan(t);
      hits.blocks += blocks.length;
      hits.segments += blocks.filter(([, , score]) => score > 0.65).length;
    }
    for (const n of Object.values(hits)) expect(n).toBeGreaterThan(20);
  });

  test('the recognizer equals the plain-scan reference on generated address text', () => {
    fc.assert(
      fc.property(addressText, (t) => {
        expect(withFacts(t, () => recognizerScan(t))).toEqual(referenceScan(t));
      }),
      { numRuns: 4000 },
    );
  });

  test('the recognizer equals the plain-scan reference on the 2,109 Presidio texts', async () => {
    const records = await readSharedJSON<{ full_text: string }[]>('presidio/generated_large.json');
    let candidates = 0;
    for (const { full_text: t } of records) {
      const ref = referenceScan(t);
      candidates += ref.length;
      expect(recognizerScan(t)).toEqual(ref);
    }
    expect(candidates).toBeGreaterThan(500);
  });

  test('hand-picked shapes: touching parts, boxes, ships, attached endings, segments', () => {
    const texts = [
      '12 Main St.Apt 4, Springfield, IL 62704',
      'Ship to USS Nimitz or PSC 123, Box 45 and P. O. Box 12',
      'Lille Vibyvej 8, 2300 København S',
      'ul. Podleśna 17 and Rue du Bac 46, Paris',
      '98 Grote Baan 477\nApt. # 12',
      'APO AE 12345 then 221B Baker Street, London NW1 6XE',
    ];
    for (const t of texts) expect(recognizerScan(t)).toEqual(referenceScan(t));
    // The block, then the block without its two segments, then its postcode.
    expect(recognizerScan(texts[0] as string)).toEqual([
      // A later rule (address-codes.ts): the town line and its state and ZIP code, without the street.
      [18, 39, 0.6],
      [31, 39, 0.55],
      // A later rule (2026-11-30): 0.1 more for a segment with a postcode.
      [0, 39, 0.91],
      [0, 16, 0.65],
      // A later rule: the last segment's region code and postcode alone.
      [31, 39, 0.6],
    ]);
  });

  test('units: the sticky scan at unitStarts equals the global UNIT_RE scan', () => {
    fc.assert(
      fc.property(addressText, (t) => {
        const f = factsOf(t);
        const us: number[] = [];
        if (US_SN.test(t)) forEachMatch(US_SN_ALL, t, (m) => us.push(m.index));
        const got: [number, number][] = [];
        matchSpansAt(UNIT_AT, t, mergeStarts(unitStarts(t, f), us), (a, b) => got.push([a, b]), undefined);
        expect(got).toEqual(spans(UNIT_RE, t));
      }),
      { numRuns: 4000 },
    );
  });

  test('attached endings and street-type words: the gated scans equal the plain scans', () => {
    fc.assert(
      fc.property(addressText, (t) => {
        const f = factsOf(t);
        const attached: number[] = [];
        const prefix: number[] = [];
        streetWordStarts(t, f, ENDINGS, TYPES, attached, prefix);
        const got: [number, number][] = [];
        matchSpansAt(ATTACHED_AT, t, attached, (a, b) => got.push([a, b]), undefined);
        expect(got).toEqual(spans(ATTACHED_RE, t));
        const gotPrefix: [number, number][] = [];
        scanAnchoredAt(PREFIX_AT, STREET_PREFIX_RE, t, prefix, wordStart, (a, b) => gotPrefix.push([a, b]), undefined);
        const wantPrefix: [number, number][] = [];
        scanAnchored(PREFIX_RE, STREET_PREFIX_RE, t, wordStart, (m) =>
          wantPrefix.push([m.index, m.index + m[0].length]),
        );
        expect(gotPrefix).toEqual(wantPrefix);
      }),
      { numRuns: 4000 },
    );
  });

  test('street lines at digit runs: scanStreetRuns equals the two plain digit-run scans', () => {
    fc.assert(
      fc.property(addressText, (t) => {
        const f = factsOf(t);
        const got: [number, number][] = [];
        scanStreetRuns(f, STREET_EN_RE, STREET_NUM_RE, SUFFIXES, t, (a, b) => got.push([a, b]), undefined);
        const want: [number, number][] = [];
        const push = (m: RegExpExecArray) => want.push([m.index, m.index + m[0].length]);
        scanDigitRuns(f, STREET_EN_RE, t, shortNumber, push);
        scanDigitRuns(f, STREET_NUM_RE, t, shortNumber, push);
        const order = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];
        expect(got.sort(order)).toEqual(want.sort(order));
      }),
      { numRuns: 4000 },
    );
  });

  test('matchSpansAt equals the global scan for a pattern whose matches can overlap', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 24 }), (t) => {
        const got: [number, number][] = [];
        const all = [...Array(t.length).keys()];
        matchSpansAt(/ab?a|c/y, t, all, (a, b) => got.push([a, b]), undefined);
        expect(got).toEqual(spans(/ab?a|c/g, t));
      }),
      { numRuns: 2000 },
    );
  });

  test('word numbers are equal exactly when the case-insensitive patterns match', () => {
    const units = fc.constantFrom(...'aAsSkKeEoOäÄéÉçÇúÚüÜßẞſKıİ.-x'.split(''));
    const short = fc.array(units, { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
    const literal = (w: string) => w.replace(/[.]/g, '\\.');
    fc.assert(
      fc.property(short, short, (a, b) => {
        // Without `u` (UNIT_RE, ATTACHED_RE, PREFIX_RE), on words made of units that have a code.
        if ([...a, ...b].every((ch) => code(ch.charCodeAt(0)) > 0)) {
          expect(wordNumber(a) === wordNumber(b)).toBe(new RegExp(`^${literal(b)}$`, 'i').test(a));
        }
        // With `u` (STREET_EN_RE's street types, ASCII letters only), on runs of `[a-zſK]`.
        if (/^[a-z]+$/i.test(b) && [...a].every((ch) => foldedCode(ch.charCodeAt(0)) > 0)) {
          expect(suffixNumber(a) === suffixNumber(b)).toBe(new RegExp(`^${b}$`, 'iu').test(a));
        }
      }),
      { numRuns: 4000 },
    );
  });
});
