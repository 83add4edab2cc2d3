/**
 * Phone-shaped texts for the property tests of the phone validation shortcut (and its offline check):
 * national significant numbers drawn from libphonenumber-js's own "min" metadata (each country's
 * national pattern and number-type patterns, so leading digits, lengths and NANP area codes are
 * real), random digit strings of 6-15 digits, optionally a digit changed, dropped or added; then a
 * prefix (trunk/national prefix, calling code without "+", both, IDD) and a layout (groups separated
 * by space, dot or dash, the first group in parentheses, "+" or "00" in front). Also texts around
 * them and the phone recognizer as it was before its shortcuts (the reference its scan must equal).
 */
import fc from 'fast-check';
import minMetadata from 'libphonenumber-js/metadata.min.json';
import type { CountryCode, MetadataJson } from 'libphonenumber-js/min';
import { DATE_LIKE, defaultPhoneRecognizer, isValidPhone, PHONE_ANCHOR, PHONE_RE } from '../../src/text/pii/phone';
import type { PiiCandidate } from '../../src/text/pii/types';
import { withFacts } from '../../src/text/shared/facts';
import { isWordAt, scanAnchored } from '../../src/text/shared/regex';

const json = ((minMetadata as { default?: MetadataJson }).default ?? minMetadata) as MetadataJson;
type Row = (string | number | unknown[] | undefined)[];
const countries = json.countries as unknown as Record<string, Row>;

/** Every country of the metadata. */
export const ALL_REGIONS = Object.keys(countries).filter((c) => c !== '001') as CountryCode[];
/** The recognizer's default regions. */
export const DEFAULT_REGIONS: CountryCode[] = ['US', 'GB', 'DE', 'FR', 'IN'];
/** Countries sharing a calling code with others (NANP, +44, +7, +47, +61, +262, +590, +599, ...). */
const SHARED = ALL_REGIONS.filter((c) => {
  const cc = countries[c]?.[0] as string;
  return ((json.country_calling_codes as Record<string, string[]>)[cc]?.length ?? 0) > 1;
});

/** The patterns a national number of `country` may be drawn from (national pattern and type patterns). */
function patternsOf(country: string): string[] {
  const row = countries[country] as Row;
  const out = [row[2] as string];
  const types = row[11];
  if (Array.isArray(types)) for (const t of types as ([string, number[]?] | undefined)[]) if (t?.[0]) out.push(t[0]);
  return out;
}

/** A region biased towards the defaults and the calling codes shared by several countries. */
export const regionArb: fc.Arbitrary<CountryCode> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...DEFAULT_REGIONS) },
  { weight: 2, arbitrary: fc.constantFrom(...(SHARED as CountryCode[])) },
  { weight: 2, arbitrary: fc.constantFrom(...ALL_REGIONS) },
);

/** A national significant number of a region, from one of its own patterns. */
function nsnOf(region: string): fc.Arbitrary<string> {
  return fc
    .constantFrom(...patternsOf(region))
    .chain((p) => fc.stringMatching(new RegExp(`^(?:${p})$`)))
    .filter((s) => s.length >= 2 && s.length <= 17);
}

const digitString = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));

/** Change, drop or add one digit (or leave the number alone). */
function mutate(digits: string): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat(), fc.integer({ min: 0, max: 9 }), fc.constantFrom('keep', 'keep', 'set', 'drop', 'add'))
    .map(([at, d, op]) => {
      const i = at % (digits.length + 1);
      if (op === 'set') return digits.slice(0, i) + d + digits.slice(i + 1);
      if (op === 'drop') return digits.slice(0, i) + digits.slice(i + 1);
      if (op === 'add') return digits.slice(0, i) + d + digits.slice(i);
      return digits;
    });
}

/** Digits a text may start with for a region: nothing, its national prefix, calling code, both, IDD, noise. */
function prefixOf(region: string): fc.Arbitrary<string> {
  const row = countries[region] as Row;
  const cc = row[0] as string;
  const np = (row[5] as string | undefined) || '';
  const idd = /^\d+$/.test((row[1] as string) ?? '') ? (row[1] as string) : '00';
  return fc.constantFrom('', '', '', np, np, cc, cc, `${cc}${np}`, idd + cc, '0', '1', '00');
}

/** The digits of a phone number: a prefix and a metadata-drawn or random national number, maybe mutated. */
export const phoneDigitsArb: fc.Arbitrary<string> = regionArb.chain((region) =>
  fc
    .tuple(
      prefixOf(region),
      fc.oneof({ weight: 3, arbitrary: nsnOf(region) }, { weight: 1, arbitrary: digitString(6, 15) }),
    )
    .chain(([prefix, nsn]) => mutate(prefix + nsn)),
);

/** Lay digits out as a phone number: groups of 1-5 separated by space, dot, dash or nothing, maybe "(...)". */
export function layoutArb(digits: string): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 8 }),
      fc.constantFrom('', ' ', '-', '.', ' ', '-'),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([sizes, sep, paren, mixed]) => {
      const groups: string[] = [];
      let i = 0;
      for (const n of sizes) {
        if (i >= digits.length) break;
        groups.push(digits.slice(i, i + n));
        i += n;
      }
      if (i < digits.length) groups.push(digits.slice(i));
      if (paren && groups.length > 1) groups[0] = `(${groups[0]})`;
      return groups.map((g, k) => (k === 0 ? g : (mixed && k % 2 ? ' ' : sep) + g)).join('');
    });
}

/** A national phone-shaped text (no "+"), 3+ digits. */
export const nationalTextArb: fc.Arbitrary<string> = phoneDigitsArb
  .filter((d) => d.length >= 3)
  .chain((d) => layoutArb(d));

/** An international phone-shaped text: "+" then a calling code and national number (a trunk "0" sometimes). */
const fromRegion: fc.Arbitrary<string> = regionArb.chain((region) =>
  fc
    .tuple(
      fc.constant((countries[region] as Row)[0] as string),
      fc.constantFrom('', '', '', '0', (countries[region] as Row)[5] as string | undefined),
      fc.oneof({ weight: 3, arbitrary: nsnOf(region) }, { weight: 1, arbitrary: digitString(4, 14) }),
      fc.boolean(),
    )
    .chain(([cc, np, nsn, spaced]) =>
      mutate(nsn).chain((n) => layoutArb(n).map((t) => `+${cc}${spaced ? ' ' : ''}${np ?? ''}${t}`)),
    ),
);

/** An international phone-shaped text: "+" then a calling code and national number, or "+" and random digits. */
export const internationalTextArb: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 4, arbitrary: fromRegion },
    {
      weight: 1,
      arbitrary: digitString(6, 15)
        .chain(layoutArb)
        .map((t) => `+${t}`),
    },
  )
  .filter((s) => s.replace(/\D/g, '').length >= 3);

// The recognizer before the shortcuts (reference): anchors by regex, the match handler with
// `split`/`filter` and the extension regex on every match, validation by libphonenumber-js alone.
function phoneStartRef(text: string, i: number): boolean {
  const c = text.charCodeAt(i - 1);
  if (i === 0) return true;
  // A later rule: a colon may come right before "+" or "(" ("tel:+1 415…").
  if (c === 58) return text[i] === '+' || text[i] === '(';
  if (c === 43 || c === 47 || c === 46 || c === 45 || c === 95) return false;
  if (c === 44) return !(text.charCodeAt(i - 2) >= 48 && text.charCodeAt(i - 2) <= 57);
  return !isWordAt(text, i - 1);
}

/** The candidates (`start-end:score`) of the reference scan. */
export function referencePhoneScan(text: string): string[] {
  const out: string[] = [];
  let left = 2000;
  scanAnchored(PHONE_ANCHOR, PHONE_RE, text, phoneStartRef, (m) => {
    const s = m[0];
    const ext = /(?: ?(?:x|ext\.?|#) ?\d{1,6})$/i.exec(s);
    const main = ext ? s.slice(0, ext.index) : s;
    const digits = main.replace(/\D/g, '').length;
    if (digits < 6 || digits > 15) return;
    if (DATE_LIKE.test(main)) return;
    const separated = /[ .()-]/.test(main);
    const plus = main.startsWith('+');
    if (!separated && !plus && digits < 10) return;
    const groups = main.split(/[ .()-]+/).filter(Boolean);
    if (groups.length > 5 && groups.every((g) => g.length <= 2)) return;
    let score = plus || main.startsWith('(') || (separated && digits >= 10) ? 0.45 : digits >= 7 ? 0.35 : 0.25;
    if (ext) score += 0.05;
    if (left > 0) {
      left--;
      if (isValidPhone(main, plus, DEFAULT_REGIONS, true)) score += 0.2;
    }
    out.push(`${m.index}-${m.index + s.length}:${score}`);
  });
  return out;
}

/** The candidates (`start-end:score`) of the default phone recognizer. */
export function phoneScan(text: string): string[] {
  const out: string[] = [];
  const emit = (c: PiiCandidate) => out.push(`${c.start}-${c.end}:${c.score}`);
  withFacts(text, () => defaultPhoneRecognizer.scan(text, emit));
  return out;
}

/** Texts full of phone-like numbers, digit runs, separators, extensions, dates and words. */
export const phoneTextArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: nationalTextArb },
      { weight: 2, arbitrary: internationalTextArb },
      { weight: 3, arbitrary: fc.stringMatching(/^\d{1,14}$/) },
      {
        weight: 4,
        arbitrary: fc.constantFrom(' ', ' ', '.', '-', '/', ',', ':', '(', ')', '+', '#', '_', '\n', ' x', 'x', 'X'),
      },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          ' ext. ',
          ' ext',
          'ext.',
          'Ext ',
          ' EXT.',
          'e',
          'E',
          ' # ',
          'call ',
          'tel: ',
          'é',
          'ſ',
          '\u212a',
          'a1',
        ),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '2024-01-05',
          '05-01-2024',
          '12 34 56 78 90 12',
          '1.2.3.4.5.6.7',
          '(0)',
          '123456789',
        ),
      },
      // An extension after a short run, then more digits: the extension's digits belong to the first match.
      { weight: 1, arbitrary: fc.constantFrom(' Ext 123456 7890', 'E. 12 3456 7890', ' x12 345 6789', '#123456 7890') },
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join(''));
