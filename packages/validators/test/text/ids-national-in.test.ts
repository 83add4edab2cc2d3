/**
 * The Indian identifiers of ids-national-in.ts (IN_VOTER, IN_PASSPORT, IN_VEHICLE_REGISTRATION,
 * IN_GSTIN): known answers from public test suites (test/vectors/ids-national-in.json), the check rules
 * written out again here (differently) to build valid values for property tests, the single-character
 * changes they catch and those they cannot, spans in the original string, the facts-based scans against
 * plain global-regex scans, 1 MB adversarial inputs, and no candidate over the Presidio texts.
 */

import { detectPII, type PiiFinding } from '@modelsec/validators';
import { readSharedJSON } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  IN_GSTIN_RE,
  IN_ID_RECOGNIZERS,
  IN_PASSPORT_RE,
  IN_VEHICLE_REGISTRATION_RE,
  IN_VOTER_RE,
  type InIdStatus,
  inGstinRecognizer,
  inGstinValid,
  inPassportRecognizer,
  inPassportValid,
  inVehicleRegistrationRecognizer,
  inVehicleRegistrationStatus,
  inVehicleRegistrationValid,
  inVehicleScore,
  inVoterRecognizer,
  inVoterStatus,
  inVoterValid,
} from '../../src/text/pii/ids-national-in';
import type { PiiRecognizer } from '../../src/text/pii/types';
import vectors from '../vectors/ids-national-in.json';

interface VectorSet {
  source: string;
  valid?: string[];
  unchecked?: string[];
  invalid?: string[];
  note?: string;
}

type Entity = 'IN_VOTER' | 'IN_PASSPORT' | 'IN_VEHICLE_REGISTRATION' | 'IN_GSTIN';
const ENTITIES: Entity[] = ['IN_VOTER', 'IN_PASSPORT', 'IN_VEHICLE_REGISTRATION', 'IN_GSTIN'];
const SETS = vectors as unknown as Record<Entity, VectorSet[]>;

/** Per entity: the validator, the status (if any), a context phrase, the recognizer and its regex. */
const SPEC: Record<
  Entity,
  { valid: (s: string) => boolean; status?: (s: string) => InIdStatus; context: string; recognizer: PiiRecognizer }
> = {
  IN_VOTER: { valid: inVoterValid, status: inVoterStatus, context: 'Voter ID', recognizer: inVoterRecognizer },
  IN_PASSPORT: { valid: inPassportValid, context: 'Passport no.', recognizer: inPassportRecognizer },
  IN_VEHICLE_REGISTRATION: {
    valid: inVehicleRegistrationValid,
    status: inVehicleRegistrationStatus,
    context: 'Vehicle registration',
    recognizer: inVehicleRegistrationRecognizer,
  },
  IN_GSTIN: { valid: inGstinValid, context: 'GSTIN', recognizer: inGstinRecognizer },
};

const detect = (text: string, threshold?: number): PiiFinding[] =>
  detectPII(
    text,
    threshold === undefined ? { recognizers: IN_ID_RECOGNIZERS } : { recognizers: IN_ID_RECOGNIZERS, threshold },
  );

const of = (found: PiiFinding[], entity: string) => found.filter((f) => f.entity === entity);

function candidates(r: PiiRecognizer, text: string): { start: number; end: number; score: number }[] {
  const out: { start: number; end: number; score: number }[] = [];
  r.scan(text, (c) => out.push({ start: c.start, end: c.end, score: c.score }));
  return out;
}

/** `context value, thanks.` and where the value starts. */
function sentence(value: string, context: string): { text: string; start: number } {
  const before = `${context} `;
  return { text: `${before}${value}, thanks.`, start: before.length };
}

const replaceAt = (s: string, i: number, c: string): string => `${s.slice(0, i)}${c}${s.slice(i + 1)}`;

// ---------------------------------------------------------------------------------------------------
// The rules again, stated differently.
// ---------------------------------------------------------------------------------------------------

/** Luhn check digit of `body` (decimal digits), with the doubled digits' digit sums from a table. */
const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
function luhnCheck(body: string): number {
  let sum = 0;
  // The digit just left of the check digit is doubled, then every second one going left.
  for (let j = 0; j < body.length; j++) {
    const d = Number(body[body.length - 1 - j]);
    sum += j % 2 === 0 ? (DOUBLED[d] as number) : d;
  }
  return (10 - (sum % 10)) % 10;
}

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** GSTIN check character of 14 characters: Luhn mod 36, factors 2, 1, 2... from the right. */
function gstinCheck(body: string): string {
  let sum = 0;
  let factor = 2;
  for (let j = body.length - 1; j >= 0; j--) {
    const p = ALNUM.indexOf(body[j] as string) * factor;
    sum += Math.trunc(p / 36) + (p % 36);
    factor = 3 - factor;
  }
  return ALNUM[(36 - (sum % 36)) % 36] as string;
}

/** GST state codes taken: 01-38 and 97. */
const GST_STATES = [...Array.from({ length: 38 }, (_, i) => String(i + 1).padStart(2, '0')), '97'];
/** PAN holder types (4th letter). */
const HOLDER = 'ABCFGHJLPT';

/**
 * Presidio's RTO district lists, per code: `[first, last, ...missing]`, or the list in full (`list`).
 * Written apart from the module's ranges; the counts are checked against Presidio's test below.
 */
const DISTRICT_SPANS: Record<string, { first: number; last: number; missing?: number[] } | { list: number[] }> = {
  AN: { first: 1, last: 1 },
  AP: { first: 39, last: 40 },
  AR: { first: 1, last: 22, missing: [18, 21] },
  AS: { first: 1, last: 34, missing: [21] },
  BR: {
    list: [
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 19, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 37, 38, 39, 43, 44, 45,
      46, 50, 51, 52, 53, 55, 56,
    ],
  },
  CG: { first: 1, last: 30 },
  CH: { first: 1, last: 4 },
  DD: { first: 1, last: 3 },
  DN: { first: 9, last: 9 },
  DL: { first: 1, last: 13 },
  GA: { first: 1, last: 12 },
  GJ: { first: 1, last: 39 },
  HP: { first: 1, last: 99, missing: [21] },
  HR: { first: 1, last: 99, missing: [21] },
  JH: { first: 1, last: 24, missing: [21] },
  JK: { first: 1, last: 22, missing: [21] },
  KA: { first: 1, last: 71, missing: [21] },
  KL: { first: 1, last: 99, missing: [21] },
  LA: { first: 1, last: 2 },
  LD: { first: 1, last: 9 },
  MH: { first: 1, last: 51, missing: [21] },
  ML: { first: 1, last: 10 },
  MN: { first: 1, last: 7 },
  MP: { first: 1, last: 71, missing: [21] },
  MZ: { first: 1, last: 8 },
  NL: { first: 1, last: 10 },
  OD: { first: 1, last: 35, missing: [21] },
  OR: { first: 1, last: 31, missing: [21] },
  PB: { first: 1, last: 99, missing: [21] },
  PY: { first: 1, last: 5 },
  RJ: { first: 1, last: 58, missing: [21] },
  SK: { first: 1, last: 8 },
  TN: { first: 1, last: 99, missing: [21] },
  TR: { first: 1, last: 8 },
  TS: { first: 1, last: 38, missing: [21] },
  UK: { first: 1, last: 20 },
  UP: { first: 11, last: 96, missing: [21] },
  WB: { first: 1, last: 98, missing: [21] },
};

function districtsOf(code: string): number[] {
  const spec = DISTRICT_SPANS[code];
  if (spec === undefined) return [];
  if ('list' in spec) return spec.list;
  const out: number[] = [];
  for (let n = spec.first; n <= spec.last; n++) if (!spec.missing?.includes(n)) out.push(n);
  return out;
}

/** Codes Presidio knows without a district list. */
const NO_LIST_CODES = ['CT', 'DH', 'UA', 'UL', 'UT'];

/** Presidio's test_list_length counts (tests/test_in_vehicle_registration_recognizer.py). */
const PRESIDIO_COUNTS: Record<string, number> = {
  WB: 97,
  UP: 85,
  UK: 20,
  TS: 37,
  TR: 8,
  TN: 98,
  SK: 8,
  RJ: 57,
  PY: 5,
  PB: 98,
  OR: 30,
  OD: 34,
  NL: 10,
  MZ: 8,
  MP: 70,
  MN: 7,
  ML: 10,
  MH: 50,
  LD: 9,
  LA: 2,
  KL: 98,
  KA: 70,
  JH: 23,
  HR: 98,
  HP: 98,
  GJ: 39,
  GA: 12,
  DL: 13,
  DN: 1,
  DD: 3,
  CH: 4,
  CG: 30,
  BR: 38,
  AS: 33,
  AR: 20,
  AP: 2,
  AN: 1,
};

const upperLetter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const letters = (n: number) => fc.array(upperLetter, { minLength: n, maxLength: n }).map((a) => a.join(''));
const digits = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''));
const sep = fc.constantFrom('', ' ', '-');

const voterArb = fc.tuple(letters(3), digits(6)).map(([fusn, serial]) => `${fusn}${serial}${luhnCheck(serial)}`);

const passportArb = fc
  .tuple(
    upperLetter,
    fc.integer({ min: 1, max: 9 }),
    digits(5),
    fc.integer({ min: 1, max: 9 }),
    fc.constantFrom('', ' '),
  )
  .map(([l, a, mid, z, s]) => `${l}${a}${mid.slice(0, 1)}${s}${mid.slice(1)}${z}`);

const gstinArb = fc
  .tuple(
    fc.constantFrom(...GST_STATES),
    letters(3),
    fc.constantFrom(...HOLDER),
    upperLetter,
    fc.integer({ min: 1, max: 9999 }),
    upperLetter,
    fc.constantFrom(...ALNUM.slice(1)),
  )
  .map(([state, l3, holder, initial, serial, last, entity]) => {
    const body = `${state}${l3}${holder}${initial}${String(serial).padStart(4, '0')}${last}${entity}Z`;
    return `${body}${gstinCheck(body)}`;
  });

const LISTED_CODES = Object.keys(DISTRICT_SPANS);

/** Standard plates of a listed district, printed with random separators. */
const plateArb = fc
  .tuple(fc.constantFrom(...LISTED_CODES), fc.nat(), letters(3), fc.integer({ min: 1, max: 9999 }), sep, sep, sep)
  .map(([code, pick, series, number, s1, s2, s3]) => {
    const list = districtsOf(code);
    const n = list[pick % list.length] as number;
    const district = String(n).padStart(2, '0');
    return `${code}${s1}${district}${s2}${series.slice(0, 1 + (pick % 2))}${s3}${String(number).padStart(4, '0')}`;
  });

/** Bharat-series plates. */
const bharatArb = fc
  .tuple(
    fc.integer({ min: 21, max: 99 }),
    fc.integer({ min: 1, max: 9999 }),
    fc.array(fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ'), { minLength: 2, maxLength: 2 }),
    sep,
  )
  .map(([year, n, l, s]) => `${year}${s}BH${s}${String(n).padStart(4, '0')}${s}${l.join('')}`);

const anyPlateArb = fc.oneof(plateArb, bharatArb);

// ---------------------------------------------------------------------------------------------------

describe('known answers (test/vectors/ids-national-in.json)', () => {
  test('every set names its source and the counts are as recorded', () => {
    const counts: Record<string, number[]> = {};
    for (const entity of ENTITIES) {
      let [valid, unchecked, invalid] = [0, 0, 0];
      for (const set of SETS[entity]) {
        expect(set.source.length).toBeGreaterThan(10);
        valid += set.valid?.length ?? 0;
        unchecked += set.unchecked?.length ?? 0;
        invalid += set.invalid?.length ?? 0;
      }
      counts[entity] = [valid, unchecked, invalid];
    }
    expect(counts).toEqual({
      IN_VOTER: [5, 7, 13],
      IN_PASSPORT: [7, 0, 11],
      IN_VEHICLE_REGISTRATION: [16, 9, 25],
      IN_GSTIN: [42, 0, 21],
    });
  });

  test('valid ones validate and are found with their exact span next to a context word', () => {
    for (const entity of ENTITIES) {
      const { valid, status, context } = SPEC[entity];
      for (const set of SETS[entity]) {
        for (const v of set.valid ?? []) {
          expect(valid(v), `${v} (${set.source})`).toBe(true);
          if (status) expect(status(v), v).toBe('checked');
          const { text, start } = sentence(v, context);
          const found = of(detect(text), entity);
          expect(
            found.map((f) => [f.start, f.end]),
            `${v} (${set.source})`,
          ).toEqual([[start, start + v.length]]);
          expect((found[0] as PiiFinding).score).toBeGreaterThanOrEqual(0.55);
        }
      }
    }
  });

  test('valid EPIC numbers and GSTINs match the rules written here', () => {
    for (const set of SETS.IN_VOTER)
      for (const v of set.valid ?? []) expect(luhnCheck(v.slice(3, 9)), v).toBe(Number(v[9]));
    for (const set of SETS.IN_GSTIN) for (const v of set.valid ?? []) expect(gstinCheck(v.slice(0, 14)), v).toBe(v[14]);
  });

  test('unchecked ones fail validation, and are reported (exact span) only at a low score', () => {
    for (const entity of ENTITIES) {
      const { valid, status, context } = SPEC[entity];
      for (const set of SETS[entity]) {
        for (const v of set.unchecked ?? []) {
          expect(valid(v), `${v} (${set.source})`).toBe(false);
          expect(status?.(v.toUpperCase()), v).toBe('unchecked');
          const { text, start } = sentence(v, context);
          const found = of(detect(text, 0), entity);
          expect(
            found.map((f) => [f.start, f.end]),
            `${v} (${set.source})`,
          ).toEqual([[start, start + v.length]]);
          expect((found[0] as PiiFinding).score).toBeLessThanOrEqual(0.65);
          expect(of(detect(`Ref ${v} ok`), entity), v).toEqual([]);
        }
      }
    }
  });

  test('invalid ones fail validation and are not reported, even at threshold 0', () => {
    for (const entity of ENTITIES) {
      const { valid, status, context } = SPEC[entity];
      for (const set of SETS[entity]) {
        for (const v of set.invalid ?? []) {
          expect(valid(v), `${v} (${set.source})`).toBe(false);
          if (status) expect(status(v.toUpperCase()), v).toBe('invalid');
          expect(of(detect(sentence(v, context).text, 0), entity), `${v} (${set.source})`).toEqual([]);
        }
      }
    }
  });

  test("the district lists have the sizes Presidio's test gives them, and the codes without a list are unchecked", () => {
    for (const [code, count] of Object.entries(PRESIDIO_COUNTS)) {
      const checked: number[] = [];
      for (let n = 0; n <= 99; n++)
        if (inVehicleRegistrationStatus(`${code}${String(n).padStart(2, '0')}AB1234`) === 'checked') checked.push(n);
      expect(checked.length, code).toBe(count);
      expect(checked, code).toEqual(districtsOf(code));
    }
    expect(Object.keys(PRESIDIO_COUNTS).sort()).toEqual(LISTED_CODES.filter((c) => c !== 'JK').sort());
    expect(districtsOf('JK').length).toBe(21); // not counted by Presidio's test
    for (const code of NO_LIST_CODES) {
      expect(inVehicleRegistrationStatus(`${code}12AB1234`), code).toBe('unchecked');
      expect(inVehicleRegistrationStatus(`${code}00AB1234`), code).toBe('invalid');
    }
    // 43 codes known (Presidio's 29 states, 8 territories, 3 old states, 2 old territories, DD); no other.
    let known = 0;
    for (const a of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')
      for (const b of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')
        if (inVehicleRegistrationStatus(`${a}${b}12AB1234`) !== 'invalid') known++;
    expect(known).toBe(43);
    // One-digit districts only for DL and GJ (Presidio lists theirs as "1".."9").
    expect(inVehicleRegistrationStatus('DL3AB1234')).toBe('checked');
    expect(inVehicleRegistrationStatus('GJ3AB1234')).toBe('checked');
    expect(inVehicleRegistrationStatus('MH3AB1234')).toBe('unchecked');
    // Series: 1-3 letters after a 1-digit district, 1-2 after a 2-digit one.
    expect(inVehicleRegistrationStatus('DL3CAB1234')).toBe('checked');
    expect(inVehicleRegistrationStatus('DL03CAB1234')).toBe('invalid');
  });

  test("diplomatic plates: Presidio's 41 mission codes above 80, and 1-80", () => {
    const missions: number[] = [];
    for (let n = 0; n <= 999; n++) if (inVehicleRegistrationValid(`${n}CD12`)) missions.push(n);
    expect(missions.length).toBe(80 + 41);
    expect(missions.filter((n) => n > 80)).toEqual([
      84, 85, 89, 93, 94, 95, 97, 98, 99, 102, 104, 105, 106, 109, 111, 112, 113, 117, 119, 120, 121, 122, 123, 125,
      126, 128, 133, 134, 135, 137, 141, 145, 147, 149, 152, 153, 155, 156, 157, 159, 160,
    ]);
    for (const code of ['CD', 'CC', 'UN']) expect(inVehicleRegistrationValid(`77${code}1234`), code).toBe(true);
    expect(inVehicleRegistrationStatus('77CX1234')).toBe('invalid');
  });

  test('armed-forces plates: the 11 class letters, any year but 00', () => {
    const classes = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter(
      (c) => inVehicleRegistrationStatus(`15${c}123456K`) === 'unchecked',
    );
    expect(classes.join('')).toBe('ABCDEFHKPRX');
    expect(inVehicleRegistrationStatus('00B123456K')).toBe('invalid');
    expect(inVehicleRegistrationStatus('01B123456K')).toBe('unchecked');
  });

  test('Bharat series: years from 21, no I or O in the letters, number not 0000', () => {
    expect(inVehicleRegistrationValid('21BH0001AA')).toBe(true);
    expect(inVehicleRegistrationValid('20BH0001AA')).toBe(false);
    for (const c of 'IO') {
      expect(inVehicleRegistrationValid(`22BH1234${c}A`), c).toBe(false);
      expect(inVehicleRegistrationValid(`22BH1234A${c}`), c).toBe(false);
    }
    expect(inVehicleRegistrationValid('22BH0000AA')).toBe(false);
  });

  test('GSTIN components: state codes, the embedded PAN, the registration number and the Z', () => {
    const body = (state: string, pan = 'AAPFU0939F', reg = '1', z = 'Z') => {
      const b = `${state}${pan}${reg}${z}`;
      return `${b}${gstinCheck(b)}`;
    };
    const states: string[] = [];
    for (let n = 0; n <= 99; n++) {
      const st = String(n).padStart(2, '0');
      if (inGstinValid(body(st))) states.push(st);
    }
    expect(states).toEqual(GST_STATES);
    for (const holder of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')
      expect(inGstinValid(body('27', `AAP${holder}U0939F`)), holder).toBe(HOLDER.includes(holder));
    expect(inGstinValid(body('27', 'AAPFU0000F'))).toBe(false); // PAN serial 0000
    expect(inGstinValid(body('27', 'AAPFU0939F', '0'))).toBe(false); // registration 0
    expect(inGstinValid(body('27', 'AAPFU0939F', 'B'))).toBe(true);
    expect(inGstinValid(body('27', 'AAPFU0939F', '1', 'Y'))).toBe(false);
    expect(inGstinValid('27aapfu0939f1zv')).toBe(false); // the validator takes upper case
  });

  test('scores alone and with a context word', () => {
    const cases: [string, string, string, number, number][] = [
      // [entity, value, context, score alone, score with context]
      ['IN_VOTER', 'WKH1186253', 'voter id', 0.45, 0.8], // K: one of Presidio's second letters
      ['IN_VOTER', 'MUP5632815', 'EPIC no.', 0.4, 0.75], // U: not one of them
      ['IN_VOTER', 'KSD1287349', 'electoral roll', 0.2, 0.55],
      ['IN_VOTER', 'ksd1287341', 'मतदाता', 0.25, 0.6],
      ['IN_VOTER', 'ksd1287349', 'voter', 0.1, 0.45],
      ['IN_PASSPORT', 'J6932157', 'passport', 0.1, 0.55],
      ['IN_PASSPORT', 'J69 32157', 'पासपोर्ट', 0.1, 0.55],
      ['IN_VEHICLE_REGISTRATION', 'KA53ME3456', 'rto', 0.85, 1],
      ['IN_VEHICLE_REGISTRATION', 'MH 12 AB 1234', 'vehicle', 0.85, 1],
      ['IN_VEHICLE_REGISTRATION', 'ka53me3456', 'car', 0.2, 0.55],
      ['IN_VEHICLE_REGISTRATION', 'KA99ME3456', 'plate', 0.3, 0.65],
      ['IN_VEHICLE_REGISTRATION', '22 BH 1234 AA', 'registration', 0.6, 0.95],
      ['IN_VEHICLE_REGISTRATION', '22bh1234aa', 'vehicle', 0.2, 0.55],
      ['IN_VEHICLE_REGISTRATION', '77 CD 1234', 'vehicle', 0.4, 0.75],
      ['IN_VEHICLE_REGISTRATION', '15B123456K', 'vehicle', 0.3, 0.65],
      ['IN_VEHICLE_REGISTRATION', 'MCX1243', 'vehicle', 0.2, 0.55],
      ['IN_GSTIN', '27AAPFU0939F1ZV', 'gstin', 0.9, 1],
      ['IN_GSTIN', '27aapfu0939f1zv', 'gst', 0.6, 0.95],
    ];
    for (const [entity, v, context, alone, withContext] of cases) {
      const plain = of(detect(`Reference ${v} received.`, 0), entity);
      expect(plain, v).toMatchObject([{ start: 10, end: 10 + v.length, score: expect.closeTo(alone, 6) }]);
      const { text, start } = sentence(v, context);
      expect(of(detect(text, 0), entity), `${context} ${v}`).toMatchObject([
        { start, end: start + v.length, score: expect.closeTo(withContext, 6) },
      ]);
    }
    // Lower-case forms that are not taken.
    for (const v of ['77 cd 1234', '15b123456k', 'mcx1243', 'j6932157', 'ka99me3456'])
      expect(detect(sentence(v, 'vehicle passport').text, 0), v).toEqual([]);
  });

  test('values inside words, longer digit runs, decimals or dashed tokens are not reported', () => {
    for (const v of [
      'WKH1186253',
      'J6932157',
      'KA53ME3456',
      'MH 12 AB 1234',
      '22BH1234AA',
      '77CD1234',
      '27AAPFU0939F1ZV',
    ]) {
      for (const text of [`x${v}`, `${v}x`, `1${v}`, `${v}1`, `_${v}`, `${v}_`, `a-${v}`, `${v}-b`, `${v}.5`]) {
        expect(detect(`id ${text} voter passport vehicle gstin`, 0), text).toEqual([]);
      }
      // Punctuation around the value is fine.
      const found = detect(`(voter passport vehicle gstin: ${v}).`, 0);
      expect(
        found.map((f) => f.end - f.start),
        v,
      ).toEqual([v.length]);
    }
    expect(detect('vehicle 1.77CD1234', 0)).toEqual([]);
    expect(detect('vehicle 3,15B123456K', 0)).toEqual([]);
  });

  test('the recognizer list', () => {
    expect(IN_ID_RECOGNIZERS).toEqual([
      inVoterRecognizer,
      inPassportRecognizer,
      inVehicleRegistrationRecognizer,
      inGstinRecognizer,
    ]);
    expect(Object.isFrozen(IN_ID_RECOGNIZERS)).toBe(true);
    expect(IN_ID_RECOGNIZERS.map((r) => r.entities)).toEqual(ENTITIES.map((e) => [e]));
  });
});

describe('validators (fast-check)', () => {
  const fns: ((s: string) => unknown)[] = [
    inVoterValid,
    inVoterStatus,
    inPassportValid,
    inVehicleRegistrationValid,
    inVehicleRegistrationStatus,
    inVehicleScore,
    inGstinValid,
  ];

  test('never throw, and reject non-strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.string({ unit: fc.constantFrom(...'0123456789ABCDHZ -'), maxLength: 18 }),
        ),
        (s) => {
          for (const fn of fns) fn(s);
        },
      ),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.anything(), (x) => {
        if (typeof x === 'string') return;
        for (const fn of [inVoterValid, inPassportValid, inVehicleRegistrationValid, inGstinValid])
          expect(fn(x as string)).toBe(false);
        expect(inVoterStatus(x as string)).toBe('invalid');
        expect(inVehicleRegistrationStatus(x as string)).toBe('invalid');
        expect(inVehicleScore(x as string)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  test('generated values validate', () => {
    fc.assert(
      fc.property(voterArb, passportArb, gstinArb, anyPlateArb, (voter, passport, gstin, plate) => {
        expect(inVoterValid(voter), voter).toBe(true);
        expect(inPassportValid(passport), passport).toBe(true);
        expect(inGstinValid(gstin), gstin).toBe(true);
        expect(inVehicleRegistrationValid(plate), plate).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('GSTIN: every single-character change is caught (the doubling is one to one over 0-35)', () => {
    fc.assert(
      fc.property(gstinArb, fc.integer({ min: 0, max: 14 }), fc.integer({ min: 1, max: 35 }), (g, i, k) => {
        const changed = replaceAt(g, i, ALNUM[(ALNUM.indexOf(g[i] as string) + k) % 36] as string);
        expect(inGstinValid(changed), changed).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  test('EPIC: every change of one digit is caught; a change of a letter is not (the FUSN letters are outside the check)', () => {
    fc.assert(
      fc.property(voterArb, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 25 }), (v, i, k) => {
        if (i >= 3) {
          const changed = replaceAt(v, i, String((Number(v[i]) + (k % 9) + 1) % 10));
          expect(inVoterStatus(changed), changed).toBe('unchecked');
        } else {
          // Blind spot: the letters are not in the Luhn sum.
          const c = String.fromCharCode(65 + (((v.charCodeAt(i) as number) - 65 + k) % 26));
          expect(inVoterStatus(replaceAt(v, i, c))).toBe('checked');
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('plates: number 0000 is invalid, a district out of the list unchecked', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LISTED_CODES), fc.integer({ min: 1, max: 99 }), (code, n) => {
        const d = String(n).padStart(2, '0');
        expect(inVehicleRegistrationStatus(`${code}${d}AB0000`)).toBe('invalid');
        expect(inVehicleRegistrationStatus(`${code}${d}AB1234`)).toBe(
          districtsOf(code).includes(n) ? 'checked' : 'unchecked',
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('recognizers (fast-check)', () => {
  const valueArbs: Record<Entity, fc.Arbitrary<string>> = {
    IN_VOTER: voterArb,
    IN_PASSPORT: passportArb,
    IN_VEHICLE_REGISTRATION: anyPlateArb,
    IN_GSTIN: gstinArb,
  };

  test('spans index the original string, whatever surrounds the value', () => {
    for (const entity of ENTITIES) {
      const { context, valid, recognizer } = SPEC[entity];
      fc.assert(
        fc.property(
          fc.string({ unit: 'binary', maxLength: 40 }),
          valueArbs[entity],
          fc.string({ unit: 'binary', maxLength: 40 }),
          (pre, value, post) => {
            const before = `${pre} ${context} `;
            const text = `${before}${value}; ${post}`;
            const found = detect(text);
            expect(found).toContainEqual(
              expect.objectContaining({ entity, start: before.length, end: before.length + value.length }),
            );
            for (const f of of(found, entity)) {
              expect(f.start).toBeGreaterThanOrEqual(0);
              expect(f.end).toBeLessThanOrEqual(text.length);
              expect(f.end - f.start).toBeLessThanOrEqual(recognizer.maxLength);
              if (f.score >= 0.75) expect(valid(text.slice(f.start, f.end).toUpperCase())).toBe(true);
            }
          },
        ),
        { numRuns: 600 },
      );
    }
  });

  test('arbitrary strings never throw, and every candidate indexes the text', () => {
    const dense = fc.string({ unit: fc.constantFrom(...'0123456789ABCDHKMZbhz -.'), maxLength: 120 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), dense), (text) => {
        for (const r of IN_ID_RECOGNIZERS) {
          for (const c of candidates(r, text)) {
            expect(c.start).toBeGreaterThanOrEqual(0);
            expect(c.end).toBeLessThanOrEqual(text.length);
            expect(c.end - c.start).toBeLessThanOrEqual(r.maxLength);
            const s = text.slice(c.start, c.end).toUpperCase();
            if (r === inVoterRecognizer) expect(inVoterStatus(s)).not.toBe('invalid');
            if (r === inPassportRecognizer) expect(inPassportValid(s)).toBe(true);
            if (r === inVehicleRegistrationRecognizer) expect(inVehicleRegistrationStatus(s)).not.toBe('invalid');
            if (r === inGstinRecognizer) expect(inGstinValid(s)).toBe(true);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  /** Texts dense in candidate starts: valid values, letter and digit runs, separators. */
  const soup = fc
    .array(
      fc.oneof(
        voterArb,
        passportArb,
        gstinArb,
        anyPlateArb,
        fc.constantFrom('77 CD 12', '15B123456K', 'MCX1243', 'KA99ME3456', 'ka53me3456', '1 CC 99', 'J69 32157'),
        fc.constantFrom(' ', ' ', '-', '-', '.', ',', '\n', '_', 'x', 'BH', 'CD', 'UN'),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom(...'ABKMZDLabz'), minLength: 1, maxLength: 6 }),
      ),
      { maxLength: 16 },
    )
    .map((parts) => parts.join(''));

  const reference: [PiiRecognizer, RegExp, (s: string) => number | undefined][] = [
    [inVoterRecognizer, IN_VOTER_RE, (s) => (inVoterStatus(s.toUpperCase()) === 'invalid' ? undefined : 1)],
    [inPassportRecognizer, IN_PASSPORT_RE, (s) => (inPassportValid(s) ? 0.1 : undefined)],
    [inVehicleRegistrationRecognizer, IN_VEHICLE_REGISTRATION_RE, inVehicleScore],
    [inGstinRecognizer, IN_GSTIN_RE, (s) => (inGstinValid(s.toUpperCase()) ? 1 : undefined)],
  ];

  test("the facts-based scans give the global regexes' reported matches", () => {
    fc.assert(
      fc.property(soup, (text) => {
        for (const [r, re, score] of reference) {
          const expected = [...text.matchAll(re)]
            .filter((m) => score(m[0]) !== undefined)
            .map((m) => [m.index, m.index + m[0].length]);
          expect(
            candidates(r, text).map((c) => [c.start, c.end]),
            `${r.name} ${JSON.stringify(text)}`,
          ).toEqual(expected);
        }
      }),
      { numRuns: 3000 },
    );
    for (const [, re] of reference) expect(re.lastIndex).toBe(0);
    // And the vehicle scores are inVehicleScore's.
    const text = 'KA53ME3456, 77 CD 12, 15B123456K, MCX1243, ka53me3456, 22 BH 1234 AA';
    expect(candidates(inVehicleRegistrationRecognizer, text).map((c) => c.score)).toEqual([
      0.85, 0.4, 0.3, 0.2, 0.2, 0.6,
    ]);
  });
});

describe('adversarial and corpus inputs', () => {
  const MB = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.floor(MB / unit.length));

  test('1 MB adversarial strings complete (linear scans)', () => {
    const cases: [string, string, number][] = [
      // [name, text, expected findings at the default threshold]
      ['EPIC shapes glued', fill('ABC1234567'), 0],
      ['EPIC shapes apart', fill('ABC1234566 '), 0],
      ['EPIC numbers with context', fill('voter ABC1234566; '), Math.floor(MB / 18)],
      ['one letter run', 'A'.repeat(MB), 0],
      ['one digit run', '1'.repeat(MB), 0],
      ['letters and digits alternating', fill('A1'), 0],
      ['two letters, digit', fill('AB1'), 0],
      ['two letters, space, digit, space', fill('AB 1 '), 0],
      ['letter, two digits, space', fill('A12 '), 0],
      ['plates glued', fill('MH12AB1234'), 0],
      ['plates dashed and glued', fill('MH-12-AB-1234-'), 0],
      ['plates apart', fill('MH 12 AB 1234 '), Math.floor(MB / 14)],
      ['Bharat plates glued', fill('22BH1234AA'), 0],
      ['diplomatic shapes', fill('77 CD 1 '), 0],
      ['digits and separators', fill('1 '), 0],
      ['digits and dashes', fill('1-'), 0],
      ['GSTIN shapes glued', fill('27AAPFU0939F1ZV'), 0],
      ['GSTINs apart', fill('27AAPFU0939F1ZV '), Math.floor(MB / 16)],
      ['passport shapes', fill('J6932157'), 0],
      ['passport shapes apart', fill('J69 32157 '), 0],
    ];
    for (const [name, text, expected] of cases) {
      expect(detect(text).length, name).toBe(expected);
    }
  });

  test('cheap on texts without candidates: the patterns run only where a digit run can start a match', () => {
    const sources = new Set(
      [IN_VOTER_RE, IN_PASSPORT_RE, IN_VEHICLE_REGISTRATION_RE, IN_GSTIN_RE].map((r) => r.source),
    );
    const execs = (text: string): number => {
      const exec = RegExp.prototype.exec;
      let n = 0;
      RegExp.prototype.exec = function (this: RegExp, s: string) {
        if (sources.has(this.source)) n++;
        return exec.call(this, s);
      };
      try {
        expect(detect(text, 0)).toEqual([]);
      } finally {
        RegExp.prototype.exec = exec;
      }
      return n;
    };
    expect(execs('On 2024-01-02, 31/12/2023, 1.5; 123456789012 and 12345. '.repeat(3000))).toBe(0);
    expect(execs('No digits at all. '.repeat(3000))).toBe(0);
    // One try per start a match could have: "AB12" (plate from the letters, and from the digits: "12 a"
    // could be "12 CD"), "ABC1234567x" (EPIC, and passport from the C).
    expect(execs('Code AB12 and ABC1234567x. '.repeat(3000))).toBe(12000);
  });

  test('no candidate over the 2,109 Presidio texts, even at threshold 0', async () => {
    const records = await readSharedJSON<{ full_text: string }[]>('presidio/generated_large.json');
    expect(records.length).toBe(2109);
    const hits: string[] = [];
    for (const { full_text: t } of records) {
      for (const f of detectPII(t, { recognizers: IN_ID_RECOGNIZERS, threshold: 0 }))
        hits.push(`${t.slice(f.start, f.end)} in ${JSON.stringify(t.slice(Math.max(0, f.start - 40), f.end + 20))}`);
    }
    expect(hits).toEqual([]);
  });
});
