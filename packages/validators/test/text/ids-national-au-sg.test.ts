/**
 * Australian and Singaporean identifiers (ids-national-au-sg.ts): known answers from public test suites
 * (test/vectors/ids-national-au-sg.json), each check rule written out again here (differently) to build
 * valid numbers for property tests, the one-digit changes each checksum catches, spans in the original
 * string, the facts-based scans against plain global-regex scans, 1 MB adversarial inputs, and no finding
 * over the Presidio texts. SG_UEN (three formats) and the older 8-digit TFNs are covered the same way.
 */

import { detectPII, type PiiFinding, type PiiRecognizer } from '@modelsec/validators';
import { readSharedJSON } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  AU_ABN_RE,
  AU_MEDICARE_RE,
  AU_NINE_DIGIT_RE,
  AU_SG_ID_RECOGNIZERS,
  AU_TFN_RE,
  auAbnRecognizer,
  auAbnValid,
  auAcnRecognizer,
  auAcnValid,
  auMedicareRecognizer,
  auMedicareValid,
  auTfnRecognizer,
  auTfnValid,
  SG_NRIC_FIN_RE,
  SG_UEN_RE,
  sgNricFinRecognizer,
  sgNricFinValid,
  sgUenRecognizer,
  sgUenValid,
} from '../../src/text/pii/ids-national-au-sg';
import vectors from '../vectors/ids-national-au-sg.json';

type Entity = 'AU_ABN' | 'AU_ACN' | 'AU_TFN' | 'AU_MEDICARE' | 'SG_NRIC_FIN' | 'SG_UEN';

interface VectorSet {
  source: string;
  valid?: string[];
  invalid?: string[];
  valid_irregular_spacing?: string[];
  acn_abn_pairs?: [string, string][];
}

const ENTITIES: Entity[] = ['AU_ABN', 'AU_ACN', 'AU_TFN', 'AU_MEDICARE', 'SG_NRIC_FIN', 'SG_UEN'];
const V = vectors as unknown as Record<Entity, VectorSet[]>;

const VALID: Record<Entity, (s: string) => boolean> = {
  AU_ABN: auAbnValid,
  AU_ACN: auAcnValid,
  AU_TFN: auTfnValid,
  AU_MEDICARE: auMedicareValid,
  SG_NRIC_FIN: sgNricFinValid,
  SG_UEN: sgUenValid,
};

const RECOGNIZER: Record<Entity, PiiRecognizer> = {
  AU_ABN: auAbnRecognizer,
  AU_ACN: auAcnRecognizer,
  AU_TFN: auTfnRecognizer,
  AU_MEDICARE: auMedicareRecognizer,
  SG_NRIC_FIN: sgNricFinRecognizer,
  SG_UEN: sgUenRecognizer,
};

/** A phrase with a context word of each entity, put before the number. */
const CONTEXT: Record<Entity, string> = {
  AU_ABN: 'Our ABN is',
  AU_ACN: 'The company ACN:',
  AU_TFN: 'my TFN is',
  AU_MEDICARE: 'Medicare card no.',
  SG_NRIC_FIN: 'NRIC no.',
  SG_UEN: 'Our UEN is',
};

const GLOBAL_RE: Record<Entity, RegExp> = {
  AU_ABN: AU_ABN_RE,
  AU_ACN: AU_NINE_DIGIT_RE,
  AU_TFN: AU_TFN_RE,
  AU_MEDICARE: AU_MEDICARE_RE,
  SG_NRIC_FIN: SG_NRIC_FIN_RE,
  SG_UEN: SG_UEN_RE,
};

const detect = (text: string, threshold?: number): PiiFinding[] =>
  detectPII(
    text,
    threshold === undefined ? { recognizers: AU_SG_ID_RECOGNIZERS } : { recognizers: AU_SG_ID_RECOGNIZERS, threshold },
  );

/** `context value, thanks.` and where the value starts. */
function sentence(entity: Entity, value: string): { text: string; start: number } {
  const before = `${CONTEXT[entity]} `;
  return { text: `${before}${value}, thanks.`, start: before.length };
}

function candidates(r: PiiRecognizer, text: string): { start: number; end: number; score: number }[] {
  const out: { start: number; end: number; score: number }[] = [];
  r.scan(text, (c) => out.push({ start: c.start, end: c.end, score: c.score }));
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The rules again, written as generators: from a body, the check digits or letter that complete it.
// ---------------------------------------------------------------------------------------------------

const sumOf = (digits: readonly number[], weights: readonly number[]): number =>
  weights.reduce((acc, w, i) => acc + w * (digits[i] as number), 0);
const mod = (a: number, m: number): number => ((a % m) + m) % m;

/** ABN from a 9-digit body: check digits c with c - 10 + Σ body·(3, 5, ..., 19) ≡ 0 (mod 89), 10 ≤ c ≤ 98. */
function abnOf(body: readonly number[]): string {
  let c = mod(10 - sumOf(body, [3, 5, 7, 9, 11, 13, 15, 17, 19]), 89);
  if (c < 10) c += 89;
  return `${c}${body.join('')}`;
}

/** ACN from 8 digits: the digit that makes the weighted sum (8..1) a multiple of 10. */
function acnOf(body: readonly number[]): string {
  const s = sumOf(body, [8, 7, 6, 5, 4, 3, 2, 1]);
  let check = 0;
  while ((s + check) % 10 !== 0) check++;
  return `${body.join('')}${check}`;
}

/** TFN from 8 digits: last digit d with Σ + 10d ≡ 0 (mod 11), i.e. d ≡ Σ (mod 11); none when that is 10. */
function tfnOf(body: readonly number[]): string | undefined {
  const d = sumOf(body, [1, 4, 3, 7, 5, 8, 6, 9]) % 11;
  return d === 10 ? undefined : `${body.join('')}${d}`;
}

/**
 * Older 8-digit TFN from 7 digits, idnumbers' way: the 9-digit TFN with a 0 inserted before the last
 * digit is valid, i.e. Σ7 + 9·0 + 10d ≡ 0, d ≡ Σ7 (mod 11); none when that is 10.
 */
function tfn8Of(body: readonly number[]): string | undefined {
  const d = sumOf(body, [1, 4, 3, 7, 5, 8, 6]) % 11;
  return d === 10 ? undefined : `${body.join('')}${d}`;
}

/** Medicare from 8 digits (first 2-6), an issue number and an optional IRN. */
function medicareOf(body: readonly number[], issue: number, irn?: number): string {
  const check = sumOf(body, [1, 3, 7, 9, 1, 3, 7, 9]) % 10;
  return `${body.join('')}${check}${issue}${irn ?? ''}`;
}

/** NRIC/FIN: go-nric's formulation (one table per series, indexed by (offset + Σ) mod 11). */
const NRIC_TABLES: Record<string, [number, string]> = {
  S: [0, 'JZIHGFEDCBA'],
  T: [4, 'JZIHGFEDCBA'],
  F: [0, 'XWUTRQPNMLK'],
  G: [4, 'XWUTRQPNMLK'],
  M: [3, 'XWUTRQPNJLK'],
};
function nricOf(series: string, body: readonly number[]): string {
  const [offset, table] = NRIC_TABLES[series] as [number, string];
  return `${series}${body.join('')}${table[(offset + sumOf(body, [2, 7, 6, 5, 4, 3, 2])) % 11]}`;
}

/** UEN check letters by format, each indexed by the weighted sum mod 11 (python-stdnum's tables). */
const UEN_TABLES = {
  rob: { weights: [10, 4, 9, 3, 8, 2, 7, 1], letters: 'XMKECAWLJDB' },
  roc: { weights: [10, 8, 6, 4, 9, 7, 5, 3, 1], letters: 'ZKCMDNERGWH' },
} as const;
/** The UEN alphabet of the third format: 22 letters (no I, O, Y, Z) then the digits. */
const UEN_CHARS = 'ABCDEFGHJKLMNPQRSTUVWX0123456789';
const UEN_TYPES =
  'CC CD CH CL CM CP CS CX DP FB FC FM FN GA GB GS HS LL LP MB MC MD MH MM MQ NB NR PA PB PF RF RP SM SS TC TU VH XL'.split(
    ' ',
  );
const THIS_YEAR = new Date().getUTCFullYear();

/** A business (ROB) or local company (ROC) UEN from its digits. */
function uenDigitsOf(format: 'rob' | 'roc', body: readonly number[]): string {
  const { weights, letters } = UEN_TABLES[format];
  return `${body.join('')}${letters.charAt(sumOf(body, weights) % 11)}`;
}

/** A third-format UEN: every character valued by its place in UEN_CHARS; the letter at (Σ - 5) mod 11. */
function uenOtherOf(series: string, year: string, type: string, serial: string): string {
  const body = `${series}${year}${type}${serial}`;
  const values = [...body].map((c) => UEN_CHARS.indexOf(c));
  return `${body}${UEN_CHARS.charAt(mod(sumOf(values, [4, 3, 5, 3, 10, 2, 2, 5, 7]) - 5, 11))}`;
}

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n });
const sep = fc.constantFrom('', ' ', '-');

/** Print `d` in groups of `sizes` joined by `s` (one kind of separator). */
function group(d: string, sizes: readonly number[], s: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const n of sizes) {
    parts.push(d.slice(at, at + n));
    at += n;
  }
  return parts.join(s);
}

const abnArb = fc
  .tuple(digits(9), sep)
  .map(([b, s]) => ({ compact: abnOf(b), printed: group(abnOf(b), [2, 3, 3, 3], s) }));
const acnArb = fc
  .tuple(digits(8), sep)
  .map(([b, s]) => ({ compact: acnOf(b), printed: group(acnOf(b), [3, 3, 3], s) }));
const tfn9Arb = fc
  .tuple(digits(8), sep)
  .filter(([b]) => tfnOf(b) !== undefined)
  .map(([b, s]) => ({ compact: tfnOf(b) as string, printed: group(tfnOf(b) as string, [3, 3, 3], s) }));
/** Older 8-digit TFNs, printed 3-3-2 (python-stdnum's format). */
const tfn8Arb = fc
  .tuple(digits(7), sep)
  .filter(([b]) => tfn8Of(b) !== undefined)
  .map(([b, s]) => ({ compact: tfn8Of(b) as string, printed: group(tfn8Of(b) as string, [3, 3, 2], s) }));
const tfnArb = fc.oneof(tfn9Arb, tfn8Arb);
const medicareArb = fc
  .tuple(
    fc.integer({ min: 2, max: 6 }),
    digits(7),
    fc.integer({ min: 0, max: 9 }),
    fc.option(fc.integer({ min: 0, max: 9 })),
    sep,
    fc.constantFrom('', ' ', '-', '/'),
  )
  .map(([first, rest, issue, irn, s, irnSep]) => {
    const compact = medicareOf([first, ...rest], issue, irn ?? undefined);
    let printed = group(compact.slice(0, 10), [4, 5, 1], s);
    if (irn !== null) {
      // An IRN follows a space-grouped number after a space, dash or slash; a dash-grouped one after a
      // dash or slash; a bare one directly or after a dash or slash.
      const joiner =
        s === ' ' ? irnSep || ' ' : s === '-' ? (irnSep === '/' ? '/' : '-') : irnSep === ' ' ? '' : irnSep;
      printed += `${joiner}${irn}`;
    }
    return { compact, printed };
  });
const nricArb = fc.tuple(fc.constantFrom('S', 'T', 'F', 'G', 'M'), digits(7)).map(([series, b]) => {
  const v = nricOf(series, b);
  return { compact: v, printed: v };
});

const uenRobArb = digits(8).map((b) => uenDigitsOf('rob', b));
const uenRocArb = fc
  .tuple(fc.integer({ min: 1900, max: THIS_YEAR }), digits(5))
  .map(([y, b]) => uenDigitsOf('roc', [...String(y)].map(Number).concat(b)));
const uenOtherArb = fc
  .tuple(fc.constantFrom('R', 'S', 'T'), fc.integer({ min: 0, max: 99 }), fc.constantFrom(...UEN_TYPES), digits(4))
  .map(([series, y, type, serial]) => {
    // T numbers are of the 2000s, up to this year.
    const year = series === 'T' ? y % ((THIS_YEAR % 100) + 1) : y;
    return uenOtherOf(series, String(year).padStart(2, '0'), type, serial.join(''));
  });
const uenArb = fc.oneof(uenRobArb, uenRocArb, uenOtherArb).map((v) => ({ compact: v, printed: v }));

const ARB: Record<Entity, fc.Arbitrary<{ compact: string; printed: string }>> = {
  AU_ABN: abnArb,
  AU_ACN: acnArb,
  AU_TFN: tfnArb,
  AU_MEDICARE: medicareArb,
  SG_NRIC_FIN: nricArb,
  SG_UEN: uenArb,
};

/** Replace the character at `i` of `s` by `c`. */
const replaceAt = (s: string, i: number, c: string): string => `${s.slice(0, i)}${c}${s.slice(i + 1)}`;

// ---------------------------------------------------------------------------------------------------

describe('known answers (test/vectors/ids-national-au-sg.json)', () => {
  test('every set names its source and the counts are as recorded', () => {
    const counts: Record<string, [number, number]> = {};
    for (const e of ENTITIES) {
      expect(V[e].length).toBeGreaterThan(0);
      let valid = 0;
      let invalid = 0;
      for (const set of V[e]) {
        expect(set.source.length).toBeGreaterThan(10);
        valid += set.valid?.length ?? 0;
        invalid += set.invalid?.length ?? 0;
      }
      counts[e] = [valid, invalid];
    }
    expect(counts).toEqual({
      AU_ABN: [104, 8],
      AU_ACN: [76, 7],
      AU_TFN: [15, 10],
      AU_MEDICARE: [12, 10],
      SG_NRIC_FIN: [19, 20],
      SG_UEN: [206, 14],
    });
  });

  for (const entity of ENTITIES) {
    test(`${entity}: valid ones validate and are found with their exact span next to a context word`, () => {
      for (const set of V[entity]) {
        for (const v of set.valid ?? []) {
          expect(VALID[entity](v), `${v} (${set.source})`).toBe(true);
          const { text, start } = sentence(entity, v);
          const found = detect(text).filter((f) => f.entity === entity);
          expect(
            found.map((f) => [f.start, f.end]),
            `${v} (${set.source})`,
          ).toEqual([[start, start + v.length]]);
          expect((found[0] as PiiFinding).score).toBeGreaterThanOrEqual(0.79);
        }
        for (const v of set.valid_irregular_spacing ?? []) expect(VALID[entity](v), v).toBe(true);
      }
    });

    test(`${entity}: invalid ones fail validation and are not reported`, () => {
      for (const set of V[entity]) {
        for (const v of set.invalid ?? []) {
          expect(VALID[entity](v), `${v} (${set.source})`).toBe(false);
          const { text } = sentence(entity, v);
          expect(
            detect(text, 0).filter((f) => f.entity === entity),
            `${v} (${set.source})`,
          ).toEqual([]);
        }
      }
    });
  }

  test('an ACN inside its ABN is reported as the ABN only', () => {
    const pairs = V.AU_ABN.flatMap((s) => s.acn_abn_pairs ?? []);
    expect(pairs.length).toBe(9);
    for (const [acn, abn] of pairs) {
      expect(auAcnValid(acn), acn).toBe(true);
      expect(auAbnValid(abn), abn).toBe(true);
      expect(abn.replace(/\D/g, '').slice(2)).toBe(acn.replace(/\D/g, ''));
      const text = `Company ACN and ABN: ${abn}.`;
      const found = detect(text, 0);
      expect(
        found.map((f) => f.entity),
        abn,
      ).toEqual(['AU_ABN']);
      expect(text.slice((found[0] as PiiFinding).start, (found[0] as PiiFinding).end)).toBe(abn);
    }
  });

  test('the all-digit numbers need a context word; an upper-case NRIC/FIN does not', () => {
    for (const [entity, v] of [
      ['AU_ABN', '51 824 753 556'],
      ['AU_ACN', '004 085 616'],
      ['AU_TFN', '123 456 782'],
      ['AU_TFN', '325 476 89'],
      ['AU_MEDICARE', '2123 45670 1'],
    ] as const) {
      expect(detect(`Reference ${v} received.`), v).toEqual([]);
      const low = detect(`Reference ${v} received.`, 0.3).filter((f) => f.entity === entity);
      expect(low.map((f) => f.score)).toEqual([0.4]);
      const bare = v.replace(/ /g, '');
      expect(detect(`Reference ${bare} received.`, 0.3).find((f) => f.entity === entity)?.score).toBe(0.35);
      expect(detect(`${CONTEXT[entity]} ${bare}.`).find((f) => f.entity === entity)?.score).toBeCloseTo(0.8);
    }
    expect(detect('Reference S1234567D received.')).toMatchObject([
      { entity: 'SG_NRIC_FIN', start: 10, end: 19, score: 0.6 },
    ]);
    expect(detect('NRIC S1234567D')[0]?.score).toBeCloseTo(0.9);
    // Other spellings need context.
    expect(detect('Reference s1234567d received.')).toEqual([]);
    expect(detect('my nric: s1234567d')).toMatchObject([{ entity: 'SG_NRIC_FIN', start: 9, end: 18 }]);
  });

  test('a third-format UEN in upper case stands alone; the others, and lower case, need a context word', () => {
    expect(detect('Reference T08LL0003B received.')).toMatchObject([
      { entity: 'SG_UEN', start: 10, end: 20, score: 0.6 },
    ]);
    expect(detect('UEN T08LL0003B')[0]?.score).toBeCloseTo(0.9);
    for (const v of ['53125226D', '201434292D']) {
      expect(detect(`Reference ${v} received.`), v).toEqual([]);
      expect(detect(`Reference ${v} received.`, 0.3).map((f) => [f.entity, f.score])).toEqual([['SG_UEN', 0.4]]);
      expect(detect(`UEN ${v}`)[0]?.score).toBeCloseTo(0.85);
      expect(detect(`ACRA entity ${v}.`).map((f) => f.entity)).toEqual(['SG_UEN']);
    }
    for (const v of ['t08ll0003b', 'T08LL0003b', '53125226d', '201434292d']) {
      expect(detect(`Reference ${v} received.`), v).toEqual([]);
      expect(detect(`Reference ${v} received.`, 0.3).map((f) => f.score)).toEqual([0.35]);
      expect(detect(`my uen: ${v}`).map((f) => [f.entity, f.start, f.end])).toEqual([['SG_UEN', 8, 8 + v.length]]);
    }
  });

  test('UEN years: a local company (ROC) or T-series year after this one is rejected', () => {
    const next = THIS_YEAR + 1;
    const roc = uenDigitsOf('roc', [...`${next}12345`].map(Number));
    expect(sgUenValid(roc), roc).toBe(false);
    const rocNow = uenDigitsOf('roc', [...`${THIS_YEAR}12345`].map(Number));
    expect(sgUenValid(rocNow), rocNow).toBe(true);
    const yy = String((THIS_YEAR + 1) % 100).padStart(2, '0');
    if (yy !== '00') {
      expect(sgUenValid(uenOtherOf('T', yy, 'LL', '0001'))).toBe(false);
      // S (the 1900s) and R numbers have no such bound.
      expect(sgUenValid(uenOtherOf('S', yy, 'LL', '0001'))).toBe(true);
      expect(sgUenValid(uenOtherOf('R', yy, 'LL', '0001'))).toBe(true);
    }
    expect(sgUenValid(uenOtherOf('T', '00', 'LL', '0001'))).toBe(true);
    // Another series letter, or an entity type not on the list, is rejected whatever the check letter.
    for (const c of UEN_CHARS.slice(0, 11)) {
      expect(sgUenValid(`W08LL0003${c}`)).toBe(false);
      expect(sgUenValid(`T08HC0003${c}`)).toBe(false); // in Presidio's list, not in python-stdnum's
      expect(sgUenValid(`T08LI0003${c}`)).toBe(false);
    }
  });

  test('numbers inside words, decimals, longer digit runs or longer grouped numbers are not reported', () => {
    for (const text of [
      'TFN 0.123456782',
      'TFN 1123456782',
      'TFN 123 456 782 9',
      'TFN 9 123 456 782',
      'TFN 123-456-782-9',
      'TFN x123456782',
      'TFN 123456782x',
      'TFN 123 456-782',
      'TFN 123/456/782',
      'ABN 51 824 753 556.5',
      'ABN 51-824 753 556',
      'ABN 9 51 824 753 556',
      'ABN 951824753556',
      'Medicare 2123 45670 1 12',
      'Medicare 2123 45670 1/1/2',
      'NRIC AS1234567D',
      'NRIC S1234567DX',
      'NRIC S12345678D',
      'NRIC -S1234567D',
      'TFN 0.32547689',
      'TFN 132547689',
      'TFN 325 476 89 1',
      'TFN 1 325 476 89',
      'TFN 325-476-89-1',
      'TFN 325 476-89',
      'TFN 32547689x',
      'UEN 0.53125226D',
      'UEN x53125226D',
      'UEN 53125226DX',
      'UEN 53125226D7',
      'UEN 5-53125226D',
      'UEN 53125226-D',
      'UEN AT08LL0003B',
      'UEN T08LL0003BX',
      'UEN T08LL00030B',
      'UEN T08LL0003-B',
      'UEN T 08LL0003B',
    ]) {
      expect(detect(text, 0), text).toEqual([]);
    }
    // Punctuation around a number is fine.
    expect(detect('(TFN: 123 456 782).').map((f) => f.entity)).toEqual(['AU_TFN']);
    expect(detect('NRIC "S1234567D".').map((f) => f.entity)).toEqual(['SG_NRIC_FIN']);
  });

  test('the recognizer list', () => {
    expect(AU_SG_ID_RECOGNIZERS.map((r) => r.entities[0])).toEqual(ENTITIES);
    expect(Object.isFrozen(AU_SG_ID_RECOGNIZERS)).toBe(true);
    for (const e of ENTITIES) expect(RECOGNIZER[e].entities).toEqual([e]);
  });
});

describe('validators (fast-check)', () => {
  test('never throw, and reject non-strings and arbitrary strings of the wrong shape', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.string({ unit: fc.constantFrom(...'0123456789 -/STFGMDKx'), maxLength: 16 }),
          fc.string({ unit: fc.constantFrom(...'0123456789RSTLCFBDXßıſ'), minLength: 8, maxLength: 11 }),
        ),
        (s) => {
          for (const e of ENTITIES) expect(typeof VALID[e](s)).toBe('boolean');
        },
      ),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.anything(), (x) => {
        if (typeof x === 'string') return;
        for (const e of ENTITIES) expect(VALID[e](x as string)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  for (const entity of ENTITIES) {
    test(`${entity}: generated numbers validate, compact and as printed`, () => {
      fc.assert(
        fc.property(ARB[entity], ({ compact, printed }) => {
          expect(VALID[entity](compact), compact).toBe(true);
          expect(VALID[entity](printed), printed).toBe(true);
          if (entity === 'SG_NRIC_FIN' || entity === 'SG_UEN') expect(VALID[entity](compact.toLowerCase())).toBe(true);
        }),
        { numRuns: 1000 },
      );
    });
  }

  test('AU_ABN: every single-digit change is caught (89 is prime, every weight·change is under 89·2 and not 89)', () => {
    fc.assert(
      fc.property(abnArb, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), ({ compact }, i, k) => {
        const changed = replaceAt(compact, i, String((Number(compact[i]) + k) % 10));
        expect(auAbnValid(changed), changed).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  test('AU_ABN: a leading 0 is rejected even where the mod 89 sum works out (check digits are 10-99)', () => {
    let seen = 0;
    fc.assert(
      fc.property(digits(9), (body) => {
        const c = mod(10 - sumOf(body, [3, 5, 7, 9, 11, 13, 15, 17, 19]), 89);
        fc.pre(c < 10);
        seen++;
        const n = `0${c}${body.join('')}`;
        expect(auAbnValid(n), n).toBe(false);
        expect(auAbnValid(`${c + 89}${body.join('')}`)).toBe(true); // the same residue, 89 higher
      }),
      { numRuns: 300 },
    );
    expect(seen).toBeGreaterThan(0);
  });

  test('AU_MEDICARE: a first digit outside 2-6 is rejected even with a valid check digit', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 7, 8, 9), digits(7), fc.integer({ min: 0, max: 9 }), (first, rest, issue) => {
        const n = medicareOf([first, ...rest], issue);
        expect(auMedicareValid(n), n).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  test('AU_ACN: every single-digit change is caught but a change of 5 in a digit of even weight (8, 6, 4, 2)', () => {
    const weights = [8, 7, 6, 5, 4, 3, 2, 1, 1];
    let uncaught = 0;
    fc.assert(
      fc.property(acnArb, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), ({ compact }, i, k) => {
        const changed = replaceAt(compact, i, String((Number(compact[i]) + k) % 10));
        const blind = i < 8 && ((weights[i] as number) * k) % 10 === 0; // only k = 5 with an even weight
        if (blind) uncaught++;
        expect(auAcnValid(changed), changed).toBe(blind);
      }),
      { numRuns: 3000 },
    );
    expect(uncaught).toBeGreaterThan(0); // the exception is exercised
  });

  test('AU_TFN: every single-digit change is caught, 9 or 8 digits (11 is prime, no weight is a multiple of 11)', () => {
    fc.assert(
      fc.property(tfnArb, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), ({ compact }, at, k) => {
        const i = at % compact.length;
        const changed = replaceAt(compact, i, String((Number(compact[i]) + k) % 10));
        expect(auTfnValid(changed), changed).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  test('AU_TFN: 8 digits are weighed as the older numbers (10, 7, 8, 4, 6, 3, 5, 1), not as the first eight 9-digit weights', () => {
    let seen = 0;
    fc.assert(
      fc.property(digits(8), (d) => {
        const n = d.join('');
        const ours = sumOf(d, [10, 7, 8, 4, 6, 3, 5, 1]) % 11 === 0;
        const truncated = sumOf(d, [1, 4, 3, 7, 5, 8, 6, 9]) % 11 === 0; // python-stdnum's
        if (truncated && !ours) seen++;
        expect(auTfnValid(n), n).toBe(ours);
      }),
      { numRuns: 3000 },
    );
    expect(seen).toBeGreaterThan(0);
    // Neither a 7- nor a 10-digit number is a TFN, whatever its sum.
    expect(auTfnValid('0000000')).toBe(false);
    expect(auTfnValid('0000000000')).toBe(false);
  });

  test('SG_UEN: every change of one digit or of the check letter is caught, in each format', () => {
    fc.assert(
      fc.property(uenArb, fc.nat(), fc.integer({ min: 1, max: 25 }), ({ compact }, at, k) => {
        // The digits' places, and the check letter's.
        const places = [...compact].flatMap((c, j) => (/\d/.test(c) || j === compact.length - 1 ? [j] : []));
        const i = places[at % places.length] as number;
        const c = compact.charCodeAt(i);
        const changed =
          i === compact.length - 1
            ? replaceAt(compact, i, String.fromCharCode(65 + ((c - 65 + k) % 26)))
            : replaceAt(compact, i, String((c - 48 + (k % 9) + 1) % 10));
        expect(sgUenValid(changed), changed).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  test('AU_MEDICARE: every single-digit change of the first nine digits is caught; the issue number and IRN are unchecked', () => {
    fc.assert(
      fc.property(medicareArb, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), ({ compact }, i, k) => {
        if (i >= compact.length) return;
        const changed = replaceAt(compact, i, String((Number(compact[i]) + k) % 10));
        // Weights 1, 3, 7, 9 are prime to 10; a first digit out of 2-6 is rejected outright.
        expect(auMedicareValid(changed), changed).toBe(i >= 9);
      }),
      { numRuns: 3000 },
    );
  });

  test('SG_NRIC_FIN: every change of one digit or of the check letter is caught', () => {
    fc.assert(
      fc.property(nricArb, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 25 }), ({ compact }, i, k) => {
        const c = compact.charCodeAt(i);
        const changed =
          i === 8
            ? replaceAt(compact, 8, String.fromCharCode(65 + ((c - 65 + k) % 26)))
            : replaceAt(compact, i, String((c - 48 + (k % 9) + 1) % 10));
        expect(sgNricFinValid(changed), changed).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('recognizers (fast-check)', () => {
  const entityArb = fc.constantFrom(...ENTITIES).chain((e) => ARB[e].map((v) => ({ entity: e, ...v })));

  test('spans index the original string, whatever surrounds the number', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        entityArb,
        fc.string({ unit: 'binary', maxLength: 40 }),
        (pre, { entity, printed }, post) => {
          const before = `${pre} ${CONTEXT[entity]} `;
          const text = `${before}${printed}; ${post}`;
          const found = detect(text);
          expect(found).toContainEqual(
            expect.objectContaining({ entity, start: before.length, end: before.length + printed.length }),
          );
          for (const f of found) {
            expect(f.start).toBeGreaterThanOrEqual(0);
            expect(f.end).toBeLessThanOrEqual(text.length);
            const r = RECOGNIZER[f.entity as Entity];
            expect(f.end - f.start).toBeLessThanOrEqual(r.maxLength);
            expect(VALID[f.entity as Entity](text.slice(f.start, f.end))).toBe(true);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  /** Texts dense in candidate starts: valid numbers, digit groups, separators, series letters. */
  const soup = fc
    .array(
      fc.oneof(
        entityArb.map((x) => x.printed),
        fc.constantFrom(
          ' ',
          ' ',
          '-',
          '/',
          '.',
          ',',
          '\n',
          'S',
          's',
          'M',
          'D',
          'K',
          'x',
          'abn ',
          'tfn ',
          'T',
          'r',
          'LL',
          'FC',
          'uen ',
        ),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 12 }),
      ),
      { maxLength: 16 },
    )
    .map((parts) => parts.join(''));

  for (const entity of ENTITIES) {
    test(`${entity}: the facts-based scan gives the global regex's validated matches`, () => {
      const global = GLOBAL_RE[entity];
      fc.assert(
        fc.property(soup, (text) => {
          const expected = [...text.matchAll(global)]
            .filter((m) => VALID[entity](m[0]))
            .map((m) => [m.index, m.index + m[0].length]);
          expect(
            candidates(RECOGNIZER[entity], text).map((c) => [c.start, c.end]),
            JSON.stringify(text),
          ).toEqual(expected);
        }),
        { numRuns: 2000 },
      );
      expect(global.lastIndex).toBe(0);
    });
  }
});

describe('adversarial and corpus inputs', () => {
  const MB = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.floor(MB / unit.length));

  test('1 MB adversarial strings complete in linear time', () => {
    const cases: [string, string, number][] = [
      // [name, text, expected findings at the default threshold]
      ['tfn-shaped groups', fill('123 456 782 '), 0],
      ['abn-shaped groups', fill('51 824 753 556 '), 0],
      ['medicare-shaped groups', fill('2123 45670 1 '), 0],
      ['medicare with IRN', fill('2123 45670 1-1 '), 0],
      ['one digit run', '1'.repeat(MB), 0],
      ['digit pairs', fill('12 '), 0],
      ['digit and space', fill('1 '), 0],
      ['digit and dash', fill('1-'), 0],
      ['ten-digit runs', fill('2123456701 '), 0],
      ['glued NRICs', fill('S1234567D'), 0],
      ['series letters and digits', fill('S1234567'), 0],
      ['separated NRICs', fill('S1234567D '), Math.floor(MB / 10)],
      ['TFNs with context', fill('TFN 123 456 782; '), Math.floor(MB / 17)],
      ['8-digit TFNs with context', fill('TFN 325 476 89; '), Math.floor(MB / 16)],
      ['8-digit TFN-shaped groups', fill('325 476 89 '), 0],
      ['eight-digit runs', fill('32547689 '), 0],
      ['UEN-shaped runs and letters', fill('53125226D '), 0],
      ['ROC-shaped runs and letters', fill('201434292D '), 0],
      ['glued UENs', fill('201434292D'), 0],
      ['series letters, digit pairs and types', fill('T08LL'), 0],
      ['glued third-format UENs', fill('T08LL0003B'), 0],
      ['separated third-format UENs', fill('T08LL0003B '), Math.floor(MB / 11)],
      ['ABNs with context', fill('ABN 51824753556, '), Math.floor(MB / 17)],
    ];
    for (const [name, text, expected] of cases) {
      const t0 = performance.now();
      const found = detect(text);
      const ms = performance.now() - t0;
      expect(found.length, name).toBe(expected);
      expect(ms, name).toBeLessThan(15_000);
    }
  });

  test('cheap on texts without candidates: a pattern runs only where a digit run can start a match', () => {
    const ours = new Set(
      [AU_ABN_RE, AU_NINE_DIGIT_RE, AU_TFN_RE, AU_MEDICARE_RE, SG_NRIC_FIN_RE, SG_UEN_RE].map((r) => r.source),
    );
    const execs = (text: string): number => {
      const exec = RegExp.prototype.exec;
      let n = 0;
      RegExp.prototype.exec = function (this: RegExp, s: string) {
        if (ours.has(this.source)) n++;
        return exec.call(this, s);
      };
      try {
        for (const r of AU_SG_ID_RECOGNIZERS) expect(candidates(r, text)).toEqual([]);
      } finally {
        RegExp.prototype.exec = exec;
      }
      return n;
    };
    // Digit runs of lengths, and followed by characters, no pattern starts with (8 digits may start a TFN).
    expect(execs('Lorem ipsum, page 7 of 12. In 2024, on 31/12/2023. 1.5 km: 1234567 units. '.repeat(3000))).toBe(0);
    // "12345678X": an 8-digit run may start a TFN, and followed by a letter a UEN; "2024A", "S12x" and
    // "T08." start nothing (a UEN needs 8 or 9 digits and a letter, or R, S or T, 2 digits, 2 letters).
    expect(execs('Model 12345678X, 2024A and S12x; T08. '.repeat(3000))).toBe(6000);
    expect(execs('No digits at all. '.repeat(3000))).toBe(0);
    // The counter works: a two-digit run before a space may start an ABN.
    expect(execs('Lorem ipsum, 12 of them, 12345678901234.')).toBe(1);
  });

  test('no finding at the default threshold over the 2,109 Presidio texts', async () => {
    const records = await readSharedJSON<{ full_text: string }[]>('presidio/generated_large.json');
    expect(records.length).toBe(2109);
    const hits: string[] = [];
    for (const { full_text: t } of records) {
      for (const f of detectPII(t, { recognizers: AU_SG_ID_RECOGNIZERS }))
        hits.push(
          `${f.entity} ${t.slice(f.start, f.end)} in ${JSON.stringify(t.slice(Math.max(0, f.start - 40), f.end + 20))}`,
        );
    }
    expect(hits).toEqual([]);
  });
});
