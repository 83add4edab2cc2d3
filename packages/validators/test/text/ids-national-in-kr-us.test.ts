/**
 * Indian, Korean and US identifier recognizers (IN_AADHAAR, IN_PAN, KR_RRN, US_ITIN, MEDICAL_LICENSE):
 * known answers from Presidio's and python-stdnum's tests, properties of each validator against an
 * implementation of its algorithm written here independently, the fast paths against the plain global
 * patterns, spans, scores and context, megabyte inputs and the Presidio texts.
 */
import { detectPII, type PiiFinding, type PiiRecognizer } from '@modelsec/validators';
import { readSharedJSON } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { scanWith } from '../../src/text/pii/ids';
import {
  AADHAAR_RE,
  aadhaarValid,
  DEA_RE,
  deaValid,
  IN_KR_US_ID_RECOGNIZERS,
  ITIN_RE,
  inAadhaarRecognizer,
  inPanRecognizer,
  itinValid,
  KR_RRN_RE,
  krRrnRecognizer,
  krRrnStatus,
  krRrnValid,
  latestToday,
  PAN_RE,
  panValid,
  usDeaRecognizer,
  usItinRecognizer,
  verhoeffValid,
} from '../../src/text/pii/ids-national-in-kr-us';
import vectors from '../vectors/ids-national-in-kr-us.json';

type Entity = 'IN_AADHAAR' | 'IN_PAN' | 'KR_RRN' | 'US_ITIN' | 'MEDICAL_LICENSE';
interface VectorSet {
  source: string;
  note?: string;
  valid: string[];
  invalid: string[];
}

const ENTITIES: readonly Entity[] = ['IN_AADHAAR', 'IN_PAN', 'KR_RRN', 'US_ITIN', 'MEDICAL_LICENSE'];

/** Each entity's validator (KR_RRN: reported at all, checked or not). */
const VALID: Record<Entity, (s: string) => boolean> = {
  IN_AADHAAR: aadhaarValid,
  IN_PAN: panValid,
  KR_RRN: (s) => krRrnStatus(s) !== 'invalid',
  US_ITIN: itinValid,
  MEDICAL_LICENSE: deaValid,
};

/** A sentence with a context word before `value`. */
const SENTENCE: Record<Entity, (value: string) => string> = {
  IN_AADHAAR: (v) => `My Aadhaar number is ${v} with a lot of text beyond it`,
  IN_PAN: (v) => `My PAN number is ${v} with a lot of text beyond it`,
  KR_RRN: (v) => `His Korean RRN is ${v}.`,
  US_ITIN: (v) => `my itin is ${v} as on the letter`,
  MEDICAL_LICENSE: (v) => `The DEA number is ${v}, renewed in May`,
};

const ALL = { recognizers: IN_KR_US_ID_RECOGNIZERS };
const spans = (found: PiiFinding[]) => found.map((f) => [f.entity, f.start, f.end]);
const sets = (e: Entity) => (vectors as unknown as Record<Entity, VectorSet[]>)[e];

// ---------------------------------------------------------------------------------------------------
// Independent implementations of the algorithms (not the module's tables or loops).

/** Verhoeff from its definition: D5 (rotations 0-4, reflections 5-9) and powers of σ = (0 1 5 8 9 4 2 7)(3 6). */
function d5(j: number, k: number): number {
  if (j < 5) return k < 5 ? (j + k) % 5 : 5 + ((j + k) % 5);
  return k < 5 ? 5 + ((j - k + 5) % 5) : (j - k + 5) % 5;
}
const SIGMA = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];
function sigmaPow(i: number, x: number): number {
  let y = x;
  for (let n = 0; n < i % 8; n++) y = SIGMA[y] as number;
  return y;
}
function verhoeffRef(digits: string): boolean {
  let c = 0;
  [...digits].reverse().forEach((ch, i) => {
    c = d5(c, sigmaPow(i, Number(ch)));
  });
  return c === 0;
}
/** The Verhoeff check digit of `body`. */
function verhoeffDigit(body: string): string {
  for (let c = 0; c < 10; c++) if (verhoeffRef(`${body}${c}`)) return String(c);
  throw new Error('no check digit');
}

/** Korean RRN: Σ (i mod 8 + 2)·dᵢ over the first 12 digits, check = (11 - Σ mod 11) mod 10. */
function rrnSum(d: string): number {
  let s = 0;
  for (let i = 0; i < 12; i++) s += ((i % 8) + 2) * Number(d[i]);
  return s;
}
const rrnCheck = (d: string) => String((11 - (rrnSum(d) % 11)) % 10);
/** Everything `krRrnStatus` checks but the check digit, on 13 digits, with `today` YYYYMMDD. */
function rrnStructureOk(d: string, today: number): { ok: boolean; born: number } {
  const century = (
    { 1: 1900, 2: 1900, 5: 1900, 6: 1900, 3: 2000, 4: 2000, 7: 2000, 8: 2000 } as Record<string, number>
  )[d[6] as string];
  if (century === undefined) return { ok: false, born: 0 };
  const y = century + Number(d.slice(0, 2));
  const m = Number(d.slice(2, 4));
  const day = Number(d.slice(4, 6));
  const date = new Date(Date.UTC(y, m - 1, day));
  const real = m >= 1 && m <= 12 && date.getUTCMonth() === m - 1 && date.getUTCDate() === day;
  const born = y * 10000 + m * 100 + day;
  return { ok: real && born <= today, born };
}
function rrnRef(s: string, today: number): 'checked' | 'unchecked' | 'invalid' {
  if (!/^\d{6}-?\d{7}$/.test(s)) return 'invalid';
  const d = s.replace('-', '');
  const { ok, born } = rrnStructureOk(d, today);
  if (!ok) return 'invalid';
  if (Number(d.slice(7, 9)) < 97 && rrnCheck(d) === d[12]) return 'checked';
  return born >= 20200901 ? 'unchecked' : 'invalid';
}

/** DEA: weights 1,2,1,2,1,2 over d1..d6; check = sum mod 10. */
const deaDigit = (six: string) => String([...six].reduce((s, ch, i) => s + Number(ch) * (i % 2 === 0 ? 1 : 2), 0) % 10);
const DEA_TYPES = 'ABCDEFGHJKLMPRSTUX';

/** ITIN groups the IRS assigns. */
const ITIN_GROUPS = new Set(
  [
    [50, 65],
    [70, 88],
    [90, 92],
    [94, 99],
  ].flatMap(([a, b]) => Array.from({ length: (b as number) - (a as number) + 1 }, (_, i) => (a as number) + i)),
);

const PAN_TYPES = 'ABCFGHJLPT';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const TODAY = 20260101;

// ---------------------------------------------------------------------------------------------------
// Arbitraries.

const digitsArb = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(''));
const letterOf = (chars: string) => fc.constantFrom(...chars.split(''));

const aadhaarArb = fc
  .tuple(fc.integer({ min: 2, max: 9 }), digitsArb(10, 10), fc.constantFrom('', ' ', '-', ':'))
  .map(([first, rest, sep]) => {
    const d = `${first}${rest}${verhoeffDigit(`${first}${rest}`)}`;
    return { d, text: sep === '' ? d : `${d.slice(0, 4)}${sep}${d.slice(4, 8)}${sep}${d.slice(8)}` };
  })
  .filter(({ d }) => d !== [...d].reverse().join(''));

const panArb = fc
  .tuple(
    fc.array(letterOf(UPPER), { minLength: 3, maxLength: 3 }),
    letterOf(PAN_TYPES),
    letterOf(UPPER),
    digitsArb(4, 4).filter((s) => s !== '0000'),
    letterOf(UPPER),
  )
  .map(([a, t, i, n, c]) => `${a.join('')}${t}${i}${n}${c}`);

const rrnArb = fc
  .tuple(
    fc.integer({ min: 1900, max: 2019 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 31 }),
    fc.boolean(),
    fc.boolean(),
    fc.integer({ min: 0, max: 96 }),
    digitsArb(3, 3),
    fc.boolean(),
  )
  .map(([y, m, day, male, foreign, place, rest, dash]) => {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const dd = Math.min(day, last);
    const sex = (y < 2000 ? 1 : 3) + (male ? 0 : 1) + (foreign ? 4 : 0);
    const body = `${String(y % 100).padStart(2, '0')}${String(m).padStart(2, '0')}${String(dd).padStart(2, '0')}${sex}${String(place).padStart(2, '0')}${rest}`;
    const d = `${body}${rrnCheck(body)}`;
    return { d, text: dash ? `${d.slice(0, 6)}-${d.slice(6)}` : d };
  });

const itinArb = fc
  .tuple(digitsArb(2, 2), fc.constantFrom(...ITIN_GROUPS), digitsArb(4, 4), fc.constantFrom('', '-', ' '))
  .map(([a, g, s, sep]) => `9${a}${sep}${g}${sep}${s}`);

const deaArb = fc
  .tuple(letterOf(DEA_TYPES), letterOf(`${UPPER}9`), digitsArb(6, 6))
  .map(([t, i, six]) => `${t}${i}${six}${deaDigit(six)}`);

/** Any string: printable, full Unicode, lone surrogates, and digit/separator soups. */
const anyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'0123456789 -:9ABPX\uD800'.split('')), maxLength: 20 }),
);

/** Replace the character at `i`. */
const withAt = (s: string, i: number, c: string) => `${s.slice(0, i)}${c}${s.slice(i + 1)}`;

// ---------------------------------------------------------------------------------------------------

describe('known answers', () => {
  test('every vector set names its source', () => {
    for (const e of ['verhoeff', ...ENTITIES]) {
      const list = (vectors as unknown as Record<string, VectorSet[]>)[e] as VectorSet[];
      expect(list.length).toBeGreaterThan(0);
      for (const set of list) expect(set.source.length).toBeGreaterThan(10);
    }
  });

  test('Verhoeff', () => {
    for (const set of vectors.verhoeff) {
      for (const s of set.valid) expect(verhoeffValid(s), s).toBe(true);
      for (const s of set.invalid) expect(verhoeffValid(s), s).toBe(false);
      for (const s of [...set.valid, ...set.invalid]) expect(verhoeffRef(s), s).toBe(verhoeffValid(s));
    }
  });

  for (const e of ENTITIES) {
    test(`${e}: valid ones are found with their exact span, invalid ones are not`, () => {
      let valid = 0;
      let invalid = 0;
      for (const set of sets(e)) {
        for (const v of set.valid) {
          expect(VALID[e](v), `${v} (${set.source})`).toBe(true);
          const text = SENTENCE[e](v);
          const start = text.indexOf(v);
          expect(spans(detectPII(text, ALL)), `${v} (${set.source})`).toEqual([[e, start, start + v.length]]);
          valid++;
        }
        for (const v of set.invalid) {
          expect(VALID[e](v), `${v} (${set.source})`).toBe(false);
          expect(detectPII(SENTENCE[e](v), ALL), `${v} (${set.source})`).toEqual([]);
          expect(detectPII(v, { ...ALL, threshold: 0 }), `${v} (${set.source})`).toEqual([]);
          invalid++;
        }
      }
      expect(valid).toBeGreaterThan(0);
      expect(invalid).toBeGreaterThan(0);
    });
  }

  test("Presidio's test texts give Presidio's spans", () => {
    // presidio-analyzer/tests/test_in_aadhaar_recognizer.py, test_in_pan_recognizer.py, test_kr_rrn_recognizer.py,
    // test_certificate_number_recognizer.py, tests/data/context_sentences_tests.txt.
    const cases: [string, string, number, number][] = [
      ['My Aadhaar number is 400123456787 with a lot of text beyond it', 'IN_AADHAAR', 21, 33],
      ['My PAN number is ABBPM4567S with a lot of text beyond it', 'IN_PAN', 17, 27],
      ['His Korean RRN is 960121-1021413', 'KR_RRN', 18, 32],
      ['His RRN is 9601211021413', 'KR_RRN', 11, 24],
      ['my certificate number is: BB1388568', 'MEDICAL_LICENSE', 26, 35],
      ['my itin is 911-70-1234', 'US_ITIN', 11, 22],
      ['my itin: 911701234', 'US_ITIN', 9, 18],
    ];
    for (const [text, entity, start, end] of cases)
      expect(spans(detectPII(text, ALL)), text).toEqual([[entity, start, end]]);
    expect(spans(detectPII('GL0285191 EU4488929', ALL))).toEqual([
      ['MEDICAL_LICENSE', 0, 9],
      ['MEDICAL_LICENSE', 10, 19],
    ]);
    const none = [
      'The DEA number is  BG8207031',
      '123 456\n789',
      'my tax id 911-89-1234',
      'ABCD1234',
      'my PAN number is DJPMS1234Z',
    ];
    for (const text of none) expect(detectPII(text, { ...ALL, threshold: 0 }), text).toEqual([]);
  });

  test('colon-grouped Aadhaar numbers, not IPv6 addresses', () => {
    expect(spans(detectPII('aadhaar 2341:2341:2346', ALL))).toEqual([['IN_AADHAAR', 8, 22]]);
    for (const text of ['aadhaar 2341:2341:2346::1', 'aadhaar fe80::2341:2341:2346', 'aadhaar 2341:2341:2346:ab'])
      expect(detectPII(text, { ...ALL, threshold: 0 }), text).toEqual([]);
  });

  test('a supervised prescriber suffix is not part of the DEA number', () => {
    expect(spans(detectPII('DEA F91234563-001AB', ALL))).toEqual([['MEDICAL_LICENSE', 4, 13]]);
  });

  test('Korean context words, with particles', () => {
    for (const text of ['주민등록번호 9601211021413', '주민등록번호는 9601211021413', '주민번호: 9601211021413'])
      expect(spans(detectPII(text, ALL)), text).toEqual([['KR_RRN', text.length - 13, text.length]]);
  });
});

describe('scores and context', () => {
  const score = (text: string) => detectPII(text, { ...ALL, threshold: 0 }).map((f) => f.score);

  test('Aadhaar and ITIN numbers need a context word', () => {
    expect(score('Ref 2341 2341 2346 attached')).toEqual([0.15]);
    expect(detectPII('Ref 2341 2341 2346 attached', ALL)).toEqual([]);
    expect(score('UIDAI ref 2341 2341 2346 attached')).toEqual([0.55]);
    expect(score('Ref 912-70-3456 attached')).toEqual([0.3]);
    expect(score('Ref 912703456 attached')).toEqual([0.2]);
    expect(detectPII('Ref 912-70-3456 attached', ALL)).toEqual([]);
    expect(score('Taxpayer 912-70-3456 attached')).toEqual([0.65]);
    expect(score('Taxpayer 912703456 attached')).toEqual([0.55]);
  });

  test('validated PAN, dashed RRN and DEA numbers pass alone', () => {
    expect(score('Ref ACUPA7085R attached')).toEqual([0.5]);
    // PAN-shaped upper-case hex ids (a Postfix queue id) need a context word.
    expect(score('with ESMTP id BACAA4022B for <jm@localhost>')).toEqual([0.2]);
    expect(detectPII('with ESMTP id BACAA4022B for <jm@localhost>', ALL)).toEqual([]);
    expect(score('PAN BACAA4022B')).toEqual([0.55]);
    expect(score('Ref 960121-1021413 attached')).toEqual([0.6]);
    expect(score('Ref AP5836727 attached')).toEqual([0.5]);
    expect(score('Ref 9601211021413 attached')).toEqual([0.4]);
    expect(detectPII('Ref 9601211021413 attached', ALL)).toEqual([]);
  });

  test('Korean numbers of the new scheme (random tail) need a context word', () => {
    // Born 2021-03-15 and 2024-11-30: no valid check digit needed, none given.
    for (const [v, alone] of [
      ['210315-3123456', 0.3],
      ['2103153123456', 0.2],
      ['241130-8999999', 0.3],
    ] as const) {
      expect(krRrnStatus(v)).toBe('unchecked');
      expect(score(`Ref ${v} attached`), v).toEqual([alone]);
      expect(detectPII(`Ref ${v} attached`, ALL), v).toEqual([]);
      expect(spans(detectPII(`주민등록번호 ${v}`, ALL)), v).toEqual([['KR_RRN', 7, 7 + v.length]]);
    }
    // Born before September 2020: the check digit is required.
    expect(krRrnStatus('200831-3123456')).toBe('invalid');
    // Births in the future are no RRN, checked or not.
    const next = latestToday() + 10000; // a year from now
    const yymmdd = String(next).slice(2);
    expect(krRrnStatus(`${yymmdd}-4123456`)).toBe('invalid');
    expect(krRrnStatus('991231-4019906')).toBe('invalid');
    expect(krRrnValid('991231-4019906', 20991231)).toBe(true);
  });
});

describe('validator properties', () => {
  test('random inputs never throw', () => {
    const validators = [verhoeffValid, aadhaarValid, panValid, krRrnValid, itinValid, deaValid];
    fc.assert(
      fc.property(anyString, (s) => {
        for (const v of validators) expect(typeof v(s)).toBe('boolean');
        expect(['checked', 'unchecked', 'invalid']).toContain(krRrnStatus(s));
      }),
      { numRuns: 2000 },
    );
    for (const v of validators) for (const bad of [undefined, null, 12, {}, []]) expect(v(bad as never)).toBe(false);
  });

  test('Verhoeff catches every single-digit error and every adjacent transposition', () => {
    fc.assert(
      fc.property(digitsArb(1, 30), (body) => {
        const s = `${body}${verhoeffDigit(body)}`;
        expect(verhoeffValid(s)).toBe(true);
        for (let i = 0; i < s.length; i++) {
          for (let d = 0; d < 10; d++)
            if (String(d) !== s[i]) expect(verhoeffValid(withAt(s, i, String(d))), s).toBe(false);
          if (i + 1 < s.length && s[i] !== s[i + 1]) {
            const t = `${s.slice(0, i)}${s[i + 1]}${s[i]}${s.slice(i + 2)}`;
            expect(verhoeffValid(t), s).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(digitsArb(1, 40), (s) => {
        expect(verhoeffValid(s)).toBe(verhoeffRef(s));
      }),
      { numRuns: 2000 },
    );
  });

  test('Aadhaar: generated numbers validate; any digit change or adjacent transposition does not', () => {
    fc.assert(
      fc.property(aadhaarArb, ({ d, text }) => {
        expect(aadhaarValid(text)).toBe(true);
        expect(aadhaarValid(d)).toBe(true);
        for (let i = 0; i < 12; i++) {
          for (let k = 0; k < 10; k++)
            if (String(k) !== d[i]) expect(aadhaarValid(withAt(d, i, String(k))), d).toBe(false);
          if (i < 11 && d[i] !== d[i + 1])
            expect(aadhaarValid(`${d.slice(0, i)}${d[i + 1]}${d[i]}${d.slice(i + 2)}`), d).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
    // First digit 0/1, palindromes and mixed separators are rejected even with a valid check digit.
    for (const body of ['01234567890', '12345678901'])
      expect(aadhaarValid(`${body}${verhoeffDigit(body)}`)).toBe(false);
    expect(verhoeffRef('234565432')).toBe(false);
    fc.assert(
      fc.property(digitsArb(6, 6), (half) => {
        const p = `${half}${[...half].reverse().join('')}`;
        expect(aadhaarValid(p)).toBe(false);
      }),
    );
    expect(aadhaarValid('2341 2341-2346')).toBe(false);
    expect(aadhaarValid('23412341 2346')).toBe(false);
  });

  test('Korean RRN: generated numbers are checked; a changed digit is caught unless both sums are 0 and 10 mod 11', () => {
    fc.assert(
      fc.property(rrnArb, fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 9 }), ({ d, text }, i, delta) => {
        expect(krRrnStatus(text, TODAY)).toBe('checked');
        const mutated = withAt(d, i, String((Number(d[i]) + delta) % 10));
        const status = krRrnStatus(mutated, TODAY);
        expect(status).toBe(rrnRef(mutated, TODAY));
        const structure = rrnStructureOk(mutated, TODAY);
        if (i === 12 || !structure.ok || Number(mutated.slice(7, 9)) > 96) {
          expect(status).not.toBe('checked');
          return;
        }
        const pair = new Set([rrnSum(d) % 11, rrnSum(mutated) % 11]);
        expect(status === 'checked').toBe(pair.has(0) && pair.has(10));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(digitsArb(13, 13), fc.boolean(), (d, dash) => {
        const s = dash ? `${d.slice(0, 6)}-${d.slice(6)}` : d;
        expect(krRrnStatus(s, TODAY)).toBe(rrnRef(s, TODAY));
      }),
      { numRuns: 5000 },
    );
  });

  test('ITIN: IRS groups validate, every other group and first digit does not', () => {
    fc.assert(
      fc.property(itinArb, (s) => {
        expect(itinValid(s)).toBe(true);
        const d = s.replace(/\D/g, '');
        for (let k = 0; k < 9; k++) expect(itinValid(`${k}${d.slice(1)}`)).toBe(false);
      }),
    );
    for (let g = 0; g < 100; g++) {
      const s = `912-${String(g).padStart(2, '0')}-3456`;
      expect(itinValid(s), s).toBe(ITIN_GROUPS.has(g));
      expect(itinValid(s.replace(/-/g, '')), s).toBe(ITIN_GROUPS.has(g));
    }
    expect(itinValid('912-70 3456')).toBe(false);
  });

  test('PAN: generated numbers validate; other holder types, serial 0000 and lower case do not', () => {
    fc.assert(
      fc.property(panArb, letterOf(UPPER), (s, t) => {
        expect(panValid(s)).toBe(true);
        expect(panValid(withAt(s, 3, t))).toBe(PAN_TYPES.includes(t));
        expect(panValid(`${s.slice(0, 5)}0000${s[9]}`)).toBe(false);
        expect(panValid(s.toLowerCase())).toBe(false);
        expect(panValid(withAt(s, 9, '7'))).toBe(false);
      }),
    );
  });

  test('PAN in lower or mixed case: found only next to a context word (0.15 alone, 0.5 with one)', () => {
    fc.assert(
      fc.property(panArb, fc.boolean(), (s, mixed) => {
        const written = mixed ? [...s].map((c, i) => (i % 2 === 0 ? c.toLowerCase() : c)).join('') : s.toLowerCase();
        fc.pre(written !== s);
        const alone = detectPII(`ref ${written} ok`, { recognizers: [inPanRecognizer], threshold: 0 });
        expect(alone.map((f) => [f.entity, f.score])).toEqual([['IN_PAN', 0.15]]);
        expect(detectPII(`ref ${written} ok`, { recognizers: [inPanRecognizer] })).toEqual([]);
        const text = `My PAN is ${written}.`;
        const found = detectPII(text, { recognizers: [inPanRecognizer] });
        expect(found.map((f) => [f.entity, text.slice(f.start, f.end), f.score])).toEqual([['IN_PAN', written, 0.5]]);
      }),
    );
    // Upper case keeps its score; the validator itself stays upper-case only (the official form).
    expect(detectPII('ref ACUPA7085R ok', { recognizers: [inPanRecognizer] }).map((f) => f.score)).toEqual([0.5]);
    expect(panValid('acupa7085r')).toBe(false);
  });

  test('DEA: generated numbers validate; a changed digit is caught unless an even-place digit moved by 5', () => {
    fc.assert(
      fc.property(deaArb, fc.integer({ min: 2, max: 8 }), fc.integer({ min: 1, max: 9 }), (s, i, delta) => {
        expect(deaValid(s)).toBe(true);
        const mutated = withAt(s, i, String((Number(s[i]) + delta) % 10));
        const weightTwo = i === 3 || i === 5 || i === 7;
        expect(deaValid(mutated)).toBe(weightTwo && delta === 5);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(deaArb, fc.constantFrom(...'INOQVWYZ0123'.split('')), (s, t) => {
        expect(deaValid(withAt(s, 0, t))).toBe(false);
        expect(deaValid(withAt(s, 0, t).toLowerCase())).toBe(false);
      }),
    );
  });

  test('DEA in lower or mixed case: the same check; found only next to a context word (0.15 alone, 0.5 with one)', () => {
    fc.assert(
      fc.property(deaArb, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 8 }), (s, caseMask, i) => {
        // caseMask: which of the two letters are lower case (1: the first, 2: the second, 3: both).
        const written = [...s].map((c, k) => (k < 2 && caseMask & (1 << k) ? c.toLowerCase() : c)).join('');
        fc.pre(written !== s);
        expect(deaValid(written), written).toBe(true);
        // The check digit is computed as in upper case: a digit moved by 1 is caught.
        expect(deaValid(withAt(written, i, String((Number(s[i]) + 1) % 10))), written).toBe(false);
        const alone = detectPII(`ref ${written} ok`, { recognizers: [usDeaRecognizer], threshold: 0 });
        expect(alone.map((f) => [f.entity, f.start, f.end, f.score])).toEqual([['MEDICAL_LICENSE', 4, 13, 0.15]]);
        expect(detectPII(`ref ${written} ok`, { recognizers: [usDeaRecognizer] })).toEqual([]);
        expect(detectPII(`ref ${written} ok`, ALL)).toEqual([]);
        for (const text of [`The DEA number is ${written}, renewed in May`, `prescriber registration: ${written}`]) {
          const found = detectPII(text, ALL);
          const start = text.indexOf(written);
          expect(
            found.map((f) => [f.entity, f.start, f.end, f.score]),
            text,
          ).toEqual([['MEDICAL_LICENSE', start, start + 9, 0.5]]);
        }
      }),
      { numRuns: 1000 },
    );
    // Upper case keeps its score.
    expect(detectPII('ref AP5836727 ok', { recognizers: [usDeaRecognizer] }).map((f) => f.score)).toEqual([0.5]);
    expect(detectPII('DEA AP5836727', { recognizers: [usDeaRecognizer] }).map((f) => f.score)).toEqual([0.85]);
    // A wrong check digit is not found in any case, nor a lower-case candidate glued to a word.
    for (const text of ['DEA ap5836728', 'DEA Bg8207031', 'DEA xap5836727', 'DEA ap5836727x', 'DEA ap5836727.5'])
      expect(detectPII(text, { recognizers: [usDeaRecognizer], threshold: 0 }), text).toEqual([]);
  });
});

describe('scanning', () => {
  /** The plain scan: every match of the global pattern, validated. */
  const plain = (re: RegExp, ok: (s: string) => boolean) => (text: string) =>
    [...text.matchAll(re)].filter((m) => ok(m[0])).map((m) => [m.index, m.index + m[0].length]);
  const cases: [PiiRecognizer, (text: string) => number[][]][] = [
    [inAadhaarRecognizer, plain(AADHAAR_RE, aadhaarValid)],
    [inPanRecognizer, plain(PAN_RE, (s) => panValid(s.toUpperCase()))],
    [krRrnRecognizer, plain(KR_RRN_RE, (s) => krRrnStatus(s) !== 'invalid')],
    [usItinRecognizer, plain(ITIN_RE, itinValid)],
    [usDeaRecognizer, plain(DEA_RE, deaValid)],
  ];
  const pieces = fc.constantFrom(
    ...['0', '1', '2', '9', '5', '7', ' ', '-', ':', '.', '/', '+', 'A', 'B', 'P', 'X', 'U', 'a', '_', '\n', '주'],
    '2341 2341 2346',
    '234123412346',
    'ACUPA7085R',
    'acupa7085r',
    'AcUpA7085r',
    'AAPPV',
    'aappv',
    '960121-1021413',
    '9601211021413',
    '210315-3123456',
    '912-70-3456',
    '912 70 3456',
    '912703456',
    'AP5836727',
    'F91234563',
    'ap5836727',
    'aP5836727',
    'f91234563',
    'p',
    '1021413',
  );
  const soup = fc.array(pieces, { maxLength: 40 }).map((a) => a.join(''));

  test('the fast paths find exactly what the global patterns find', () => {
    fc.assert(
      fc.property(soup, (text) => {
        for (const [r, ref] of cases) {
          const got = scanWith(r, text).map((c) => [c.start, c.end]);
          expect(got, `${r.name}: ${JSON.stringify(text)}`).toEqual(ref(text));
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('spans index the original string and fit maxLength', () => {
    const numbers = fc.oneof(
      aadhaarArb.map(({ text }) => ['IN_AADHAAR', 'aadhaar', text] as const),
      panArb.map((t) => ['IN_PAN', 'pan', t] as const),
      rrnArb.map(({ text }) => ['KR_RRN', 'rrn', text] as const),
      itinArb.map((t) => ['US_ITIN', 'itin', t] as const),
      deaArb.map((t) => ['MEDICAL_LICENSE', 'dea', t] as const),
    );
    const byEntity = new Map(IN_KR_US_ID_RECOGNIZERS.map((r) => [r.entities[0], r]));
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        numbers,
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        (pre, [entity, word, value], post) => {
          const text = `${pre} ${word} ${value}; ${post}`;
          const found = detectPII(text, ALL);
          const at = pre.length + word.length + 2;
          expect(found.some((f) => f.entity === entity && f.start === at && f.end === at + value.length)).toBe(true);
          for (const f of found) {
            const s = text.slice(f.start, f.end);
            expect(VALID[f.entity as Entity](s), s).toBe(true);
            expect(s.length).toBeLessThanOrEqual((byEntity.get(f.entity) as PiiRecognizer).maxLength);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('texts without digits or candidates give nothing', () => {
    for (const t of ['', 'no numbers here', 'ABCDE FGHIJ', '1234', '12 34 56 78 90 12'])
      expect(detectPII(t, ALL)).toEqual([]);
  });

  test('megabyte adversarial inputs complete', () => {
    const MB = 1 << 20;
    const mb = (unit: string) => unit.repeat(Math.ceil(MB / unit.length));
    const attacks = [
      mb('1'),
      mb('9'),
      mb('1 '),
      mb('1-'),
      mb('2345 '),
      mb('2345-'),
      mb('2345:'),
      mb('2341 2341 2346 '),
      mb('aadhaar 2341 2341 2346; '),
      mb('912-'),
      mb('912 70 '),
      mb('912-70-3456-'),
      mb('960121-'),
      mb('960121-1021413-'),
      mb('rrn 210315-3123456; '),
      mb('ABCPD1234'),
      mb('ABCPD1234Z'),
      mb('ACUPA7085R '),
      mb('AB1234567'),
      mb('A9'),
      mb('A91234567'),
      mb('AP5836727 '),
      mb('AAAAAAAAAA1234'),
      `${'A'.repeat(MB)}1234567`,
      `${'1'.repeat(MB)}-1021413`,
    ];
    for (const a of attacks) {
      const t0 = performance.now();
      const found = detectPII(a, ALL);
      const ms = performance.now() - t0;
      expect(Array.isArray(found)).toBe(true);
      expect(ms, `${a.slice(0, 24)}...: ${ms.toFixed(0)} ms`).toBeLessThan(8000);
    }
  });

  test('no finding in the Presidio texts', async () => {
    const records = await readSharedJSON<{ full_text: string }[]>('presidio/generated_large.json');
    expect(records.length).toBe(2109);
    const found: string[] = [];
    for (const { full_text: t } of records) {
      for (const f of detectPII(t, ALL)) found.push(`${f.entity}: ${t.slice(f.start, f.end)} in ${t}`);
    }
    expect(found).toEqual([]);
  });

  test('the recognizer list', () => {
    expect(IN_KR_US_ID_RECOGNIZERS.map((r) => r.entities[0])).toEqual(ENTITIES);
    expect(new Set(IN_KR_US_ID_RECOGNIZERS.map((r) => r.name)).size).toBe(5);
  });
});
