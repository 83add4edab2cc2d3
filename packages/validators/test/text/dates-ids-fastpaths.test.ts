/**
 * The DATE_TIME, ids and net fast paths give exactly the answers of the plain global regex scans they
 * replace: the named-date starts found from the digit runs, and the recognizers as a whole against
 * references written with the global patterns only.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { nhsValid } from '../../src/text/pii/checksums';
import {
  DAY_MONTH_RE,
  dateRecognizer,
  ISO_DATE_RE,
  NAMED_DATE_RE,
  NUMERIC_DATE_RE,
  WEEKDAY_RE,
} from '../../src/text/pii/dates';
import { forEachNamedDate } from '../../src/text/pii/dates-named';
import {
  BANK_RE,
  bankNumberRecognizer,
  CARD_RE,
  creditCardRecognizer,
  DRIVER_RE,
  driverLicenseRecognizer,
  NHS_RE,
  nhsRecognizer,
  PASSPORT_RE,
  passportRecognizer,
  SSN_RE,
  scanWith,
  ssnInvalid,
  ssnRecognizer,
} from '../../src/text/pii/ids';
import { cardGroupsOk, cardIssuerOk, cardNumberOk, twelveDigitsFrom } from '../../src/text/pii/ids-card';
import { emailRecognizer, hasWww, URL_RE, urlRecognizer, WWW } from '../../src/text/pii/net';
import { CRYPTO_RE, cryptoRecognizer, cryptoScore } from '../../src/text/pii/net-crypto';
import { ipv6Valid } from '../../src/text/pii/net-ip';
import { forEachTime } from '../../src/text/pii/times';
import { factsOf, stickyTwin } from '../../src/text/shared/facts';
import { digitsOf, forEachMatch, scanAnchored } from '../../src/text/shared/regex';

type Span = [number, number];

function spans(re: RegExp, text: string): Span[] {
  const out: Span[] = [];
  forEachMatch(re, text, (m) => out.push([m.index, m[0].length]));
  return out;
}

/** Random case for each ASCII letter of `s` (seeded by `flips`). */
const recase = (s: string, flips: boolean[]) =>
  [...s].map((c, i) => (flips[i % Math.max(1, flips.length)] ? c.toUpperCase() : c)).join('');

const MONTHS = [
  'jan',
  'january',
  'feb',
  'february',
  'mar',
  'march',
  'apr',
  'april',
  'may',
  'jun',
  'june',
  'jul',
  'july',
  'aug',
  'august',
  'sep',
  'sept',
  'september',
  'oct',
  'october',
  'nov',
  'november',
  'dec',
  'december',
  // near misses
  'ma',
  'mays',
  'junee',
  'septem',
  'marc',
  'janu',
  'xmar',
  'decembers',
  'monday',
  'Tuesday',
  'wednesDAY',
  'sunday',
  'day',
];

/** Pieces of date-like text: month names (any case), numbers, suffixes, "of", separators, glue. */
const piece = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...MONTHS), fc.array(fc.boolean())).map(([m, f]) => recase(m, f)) },
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 99999 }).map((n) => String(n).slice(0, 1 + (n % 4))) },
  { weight: 2, arbitrary: fc.constantFrom('st', 'nd', 'rd', 'th', 'ST', 'Th', 'of', 'OF', 'oF') },
  { weight: 8, arbitrary: fc.constantFrom(' ', ' ', ' ', '. ', ', ', ',', '.', '-', '/', '  ', 'of ') },
  { weight: 2, arbitrary: fc.constantFrom('x', '_', 'é', 'ſ', 'K', '\u212a', 'İ', '1', '٣', '\n', 's', 'y') },
);
const month = fc.tuple(fc.constantFrom(...MONTHS), fc.array(fc.boolean())).map(([m, f]) => recase(m, f));
const day = fc.integer({ min: 0, max: 999 }).map((n) => String(n % (n > 500 ? 1000 : 100)));
const year = fc.integer({ min: 0, max: 99999 }).map((n) => String(n).slice(0, n % 7 === 0 ? 3 : 4));
const opt = (...xs: string[]) => fc.constantFrom('', ...xs);
const suffix = opt('st', 'nd', 'rd', 'th', 'TH', 'sT', 'nD');
/** The four shapes of NAMED_DATE_RE ("March 5th, 2020", "5 of mar. 2020", "Sept 2020", "may 3rd"). */
const shape = fc.oneof(
  fc.tuple(month, opt('.'), fc.constant(' '), day, suffix, opt(','), fc.constant(' '), year),
  fc.tuple(day, suffix, fc.constant(' '), opt('of ', 'OF ', 'of'), month, opt('.'), opt(','), fc.constant(' '), year),
  fc.tuple(month, opt(' ', '.'), fc.constant(' '), year),
  fc.tuple(month, opt('.'), fc.constant(' '), day, suffix),
);
const dateText = fc
  .array(
    fc.tuple(
      fc.oneof({ weight: 3, arbitrary: shape.map((p) => p.join('')) }, { weight: 2, arbitrary: piece }),
      fc.constantFrom(' ', ' ', ', ', '', '\n'),
    ),
    { maxLength: 8 },
  )
  .map((p) => p.flat().join(''));
const anyText = fc.oneof({ weight: 4, arbitrary: dateText }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) });

describe('named dates from the digit runs', () => {
  const sticky = stickyTwin(NAMED_DATE_RE);
  const fast = (text: string) => {
    const out: Span[] = [];
    forEachNamedDate(sticky, text, factsOf(text), (m, acc) => acc.push([m.index, m[0].length]), out);
    return out;
  };

  test('forEachNamedDate equals the global scan', () => {
    let found = 0;
    fc.assert(
      fc.property(anyText, (text) => {
        const want = spans(NAMED_DATE_RE, text);
        found += want.length;
        expect(fast(text)).toEqual(want);
      }),
      { numRuns: 6000 },
    );
    expect(found).toBeGreaterThan(1000); // the property is not vacuous
  });

  test('forEachNamedDate with DAY_MONTH_RE equals its global scan (the same starts hold its matches)', () => {
    const dayMonth = stickyTwin(DAY_MONTH_RE);
    let found = 0;
    fc.assert(
      fc.property(anyText, (text) => {
        const want = spans(DAY_MONTH_RE, text);
        found += want.length;
        const out: Span[] = [];
        forEachNamedDate(dayMonth, text, factsOf(text), (m, acc) => acc.push([m.index, m[0].length]), out);
        expect(out).toEqual(want);
      }),
      { numRuns: 6000 },
    );
    // The shapes recase their months at random: few come out capitalized (about 240 matches a run).
    expect(found).toBeGreaterThan(100);
  });

  test('a day and a capitalized month without a year (DAY_MONTH_RE): known answers', () => {
    const found = (t: string) => scanWith(dateRecognizer, t).map((c) => `${t.slice(c.start, c.end)}:${c.score}`);
    expect(found('from 20 November to 18 December 2022')).toEqual(['18 December 2022:0.7', '20 November:0.6']);
    expect(found('on the 3rd of May.')).toEqual(['3rd of May:0.6']);
    expect(found('See you on November 20.')).toEqual(['November 20:0.6']);
    expect(found('Sept. 11 changed it')).toEqual(['Sept. 11:0.6']);
    expect(found('20 may be enough; march 3 miles')).toEqual([]);
    expect(found('June 45, Nov 0, 20 Marvel, version 3.5 March 2.5')).toEqual([]);
    expect(found('March 5, 2020')).toEqual(['March 5, 2020:0.7']); // the dated match only
  });

  test('known answers', () => {
    const t = 'On March 5th, 2020 and 5 of mar. 2020, Sept 2020; x5 May 2020, 12th DECEMBER 1999, may 3rd';
    expect(fast(t).map(([s, n]) => t.slice(s, s + n))).toEqual([
      'March 5th, 2020',
      '5 of mar. 2020',
      'Sept 2020',
      'May 2020',
      '12th DECEMBER 1999',
      'may 3rd',
    ]);
    expect(fast(t)).toEqual(spans(NAMED_DATE_RE, t));
    expect(fast('mar 5th')).toEqual([[0, 7]]); // text edges
    expect(fast('Mar. 05th')).toEqual([[0, 9]]);
    expect(fast('1may 2020 _may 2020 émay 2020')).toEqual([[21, 8]]); // \b is ASCII without /u
  });
});

/** HEAD's DATE_TIME recognizer: the four global patterns, no facts. */
/**
 * The date recognizer's candidates without the times of day it also emits (times.ts, tested in
 * pii-times.test.ts): what the date patterns' global scans give.
 */
function datesOnly(text: string): number[][] {
  const times = new Set<string>();
  forEachTime(text, factsOf(text), (c) => times.add(`${c.start},${c.end},${c.score}`));
  return scanWith(dateRecognizer, text)
    .map((c) => [c.start, c.end, c.score])
    .filter(([s, e, score]) => !times.has(`${s},${e},${score}`));
}

function referenceDates(text: string): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  const ok = (a: number, b: number) =>
    (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31);
  forEachMatch(NUMERIC_DATE_RE, text, (m) => {
    if (ok(Number(m[1]), Number(m[2] ?? m[3] ?? m[4])))
      out.push([m.index, m.index + m[0].length, (m[5] as string).length === 4 ? 0.65 : 0.45]);
  });
  forEachMatch(ISO_DATE_RE, text, (m) => {
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return;
    if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59)) return;
    out.push([m.index, m.index + m[0].length, m[4] === undefined ? 0.7 : 0.8]);
  });
  const named: number[][] = [];
  forEachMatch(NAMED_DATE_RE, text, (m) => named.push([m.index, m.index + m[0].length, 0.7]));
  out.push(...(named as Array<[number, number, number]>));
  // Since stop 51: a day and a capitalized month without a year, where no dated match is, day 1-31.
  forEachMatch(DAY_MONTH_RE, text, (m) => {
    const [s, e] = [m.index, m.index + m[0].length];
    const d = Number(/\d+/.exec(m[0])?.[0]);
    if (d >= 1 && d <= 31 && !named.some(([a, b]) => s < (b as number) && (a as number) < e)) out.push([s, e, 0.6]);
  });
  forEachMatch(WEEKDAY_RE, text, (m) => out.push([m.index, m.index + m[0].length, 0.55]));
  return out;
}

describe('dateRecognizer', () => {
  const numeric = fc
    .array(
      fc.oneof(
        fc.integer({ min: 0, max: 2099 }).map((n) => String(n).padStart(1 + (n % 4), '0')),
        fc.constantFrom('/', '-', '.', ':', 'T', ' ', 'Z', '+', 'a', '_'),
      ),
      { maxLength: 12 },
    )
    .map((p) => p.join(''));

  const numericShape = fc
    .tuple(
      fc.integer({ min: 0, max: 40 }),
      fc.constantFrom('/', '-', '.'),
      fc.integer({ min: 0, max: 40 }),
      fc.boolean(),
      fc.integer({ min: 0, max: 99999 }),
      fc.constantFrom(1, 2, 2, 3, 4, 4, 5),
    )
    .map(([d, sep, m, same, y, n]) => `${d}${sep}${m}${same ? sep : '/'}${String(y).padStart(n, '0').slice(0, n)}`);
  const two = fc.integer({ min: 0, max: 39 }).map((n) => String(n).padStart(2, '0'));
  /** ISO 8601 dates and timestamps ("2020-05-17", "2020-05-17T10:20:30.5+02:00"), sometimes broken. */
  const isoShape = fc
    .tuple(
      fc.integer({ min: 900, max: 2100 }).map((y) => String(y).padStart(4, '0')),
      two,
      two,
      fc.constantFrom('', '', 'T', ' ', 't'),
      two,
      two,
      fc.constantFrom('', ':07', ':59.123', ':5'),
      fc.constantFrom('', 'Z', '+02:00', '-0530', '+1'),
    )
    .map(([y, mo, d, sep, h, mi, sec, zone]) => `${y}-${mo}-${d}${sep === '' ? '' : `${sep}${h}:${mi}${sec}${zone}`}`);
  const numericText = fc
    .array(fc.oneof(numericShape, isoShape, fc.constantFrom(' ', '', '.', '/', '-', 'x', '_', '1', '\n')), {
      maxLength: 5,
    })
    .map((p) => p.join(''));

  test('equals the global scans', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, numeric, numericText), (text) => {
        expect(datesOnly(text)).toEqual(referenceDates(text));
      }),
      { numRuns: 4000 },
    );
  });

  test('weekdays read back from their "day" equal WEEKDAY_RE', () => {
    // Stems and "day" in any case, glued to word units (ASCII or not: no \b without the `u` flag there).
    const stem = fc
      .tuple(
        fc.constantFrom('mon', 'tues', 'wednes', 'thurs', 'fri', 'satur', 'sun', 'sat', 'thu', ''),
        fc.array(fc.boolean()),
      )
      .map(([w, f]) => recase(w, f));
    const dayWord = fc
      .tuple(fc.constantFrom('day', 'days', 'dayx', 'da'), fc.array(fc.boolean()))
      .map(([w, f]) => recase(w, f));
    const glue = fc.constantFrom('', ' ', '_', '1', 'x', 'é', 'ſ', '\u212a', '-', ',', '\n');
    const weekdayText = fc.array(fc.tuple(glue, stem, dayWord), { maxLength: 6 }).map((p) => p.flat().join(''));
    fc.assert(
      fc.property(weekdayText, (text) => {
        expect(datesOnly(text)).toEqual(referenceDates(text));
      }),
      { numRuns: 3000 },
    );
  });
});

// ---- credit cards ----

/** HEAD's issuer check (substrings and Number). */
function refIssuerOk(d: string): boolean {
  const n = d.length;
  const p2 = Number(d.slice(0, 2));
  const p3 = Number(d.slice(0, 3));
  const p4 = Number(d.slice(0, 4));
  const p6 = Number(d.slice(0, 6));
  if (d[0] === '4') return n === 13 || n === 16 || n === 19;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16;
  if (p2 === 34 || p2 === 37) return n === 15;
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) return n >= 16 && n <= 19;
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19;
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39 || p4 === 3095) return n >= 14 && n <= 19;
  if (p2 === 62 || p2 === 81) return n >= 16 && n <= 19;
  if (p2 === 50 || (p2 >= 56 && p2 <= 69) || p4 === 6759) return n >= 12 && n <= 19;
  if (p4 >= 2200 && p4 <= 2204) return n === 16;
  return false;
}

/** HEAD's Luhn check (checksums.ts now shares its loop with the card fast path). */
function luhn(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 1, k = 0; i >= 0; i--, k++) {
    const d = (digits.charCodeAt(i) - 48) * (k % 2 === 1 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return sum % 10 === 0;
}

/** HEAD's unit-by-unit look-ahead. */
function refTwelveAhead(t: string, i: number): boolean {
  let count = 0;
  for (let j = i; count < 12; j++) {
    const c = t.charCodeAt(j);
    if (c >= 48 && c <= 57) count++;
    else if (!((c === 32 || c === 45) && count > 0 && /[0-9]/.test(t[j + 1] ?? ''))) return false;
  }
  return true;
}

/** HEAD's credit-card recognizer: every digit run found by a global regex (cardGroupsOk is unchanged). */
function referenceCards(text: string): Span[] {
  const out: Span[] = [];
  const start = (t: string, i: number) => {
    const c = t.charCodeAt(i - 1);
    return !((c >= 48 && c <= 57) || c === 46 || c === 45) && refTwelveAhead(t, i);
  };
  scanAnchored(/\d+/g, CARD_RE, text, start, (m) => {
    const d = digitsOf(m[0]);
    if (refIssuerOk(d) && luhn(d) && cardGroupsOk(m[0])) out.push([m.index, m.index + m[0].length]);
  });
  return out;
}

const PREFIXES = ['4', '51', '55', '2221', '2720', '34', '37', '6011', '65', '644', '649', '622126', '622925', '3528'];
PREFIXES.push(
  '3589',
  '300',
  '305',
  '36',
  '38',
  '39',
  '3095',
  '62',
  '81',
  '50',
  '56',
  '69',
  '6759',
  '2200',
  '2204',
  '1',
  '7',
);

/** Luhn-valid (mostly) digit strings with issuer prefixes, 11-20 digits. */
const cardDigits = fc
  .tuple(
    fc.constantFrom(...PREFIXES),
    fc.constantFrom(16, 16, 16, 15, 13, 19, 12, 14, 17, 18, 11, 20),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 20, maxLength: 20 }),
    fc.boolean(),
  )
  .map(([p, n, rest, fix]) => {
    let d = (p + rest.join('')).slice(0, n);
    if (fix) for (let c = 0; c <= 9 && !luhn(d); c++) d = d.slice(0, -1) + String(c);
    return d;
  });
/** Card numbers grouped 4-4-4-4, 4-6-5 or at random, with one or mixed separators, glued into text. */
const cardText = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc
          .tuple(cardDigits, fc.constantFrom('', ' ', '-', '.', ' -'), fc.constantFrom(4, 4, 6, 3, 5))
          .map(([d, sep, g]) => {
            const parts: string[] = [];
            for (let i = 0; i < d.length; i += g) parts.push(d.slice(i, i + g));
            return parts
              .map((x, i) => (sep.length > 1 ? (sep[i % 2] as string) : sep) + x)
              .join('')
              .slice(sep.length > 0 ? 1 : 0);
          }),
        fc.constantFrom(' ', ' ', ' ', '-', '.', 'x', '12', '4111', ' - ', '\n', 'é'),
      ),
      fc.constantFrom(' ', ' ', ' ', ', ', '', '-'),
    ),
    { maxLength: 6 },
  )
  .map((p) => p.flat().join(''));

describe('credit cards', () => {
  test('cardIssuerOk equals the substring version', () => {
    fc.assert(
      fc.property(fc.oneof(cardDigits, fc.stringMatching(/^[0-9]{0,22}$/)), (d) => {
        expect(cardIssuerOk(d)).toBe(refIssuerOk(d));
      }),
      { numRuns: 5000 },
    );
  });

  test('cardNumberOk equals the issuer and Luhn checks on the digit string', () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.oneof(cardDigits, cardText, fc.string({ maxLength: 24 })), (s) => {
        const d = digitsOf(s);
        const want = refIssuerOk(d) && luhn(d);
        if (want) valid++;
        expect(cardNumberOk(s)).toBe(want);
      }),
      { numRuns: 5000 },
    );
    expect(valid).toBeGreaterThan(200);
  });

  test('twelveDigitsFrom equals the unit-by-unit look-ahead at every digit', () => {
    fc.assert(
      fc.property(cardText, (text) => {
        const f = factsOf(text);
        const got: boolean[] = [];
        const want: boolean[] = [];
        for (let k = 0; k < f.runs; k++)
          for (let at = f.runStart[k] as number; at < (f.runEnd[k] as number); at++) {
            got.push(twelveDigitsFrom(text, f, k, at));
            want.push(refTwelveAhead(text, at));
          }
        expect(got).toEqual(want);
      }),
      { numRuns: 3000 },
    );
  });

  test('the recognizer equals the global-run scan', () => {
    let found = 0;
    fc.assert(
      fc.property(cardText, (text) => {
        const want = referenceCards(text);
        found += want.length;
        expect(scanWith(creditCardRecognizer, text).map((c) => [c.start, c.end])).toEqual(want);
      }),
      { numRuns: 3000 },
    );
    expect(found).toBeGreaterThan(150);
  });
});

// ---- digit-group ids ----

type Scored = [number, number, number];

/** HEAD's SSN, NHS, bank, passport and driver-licence recognizers: the global patterns. */
const REFERENCES: Array<[string, (text: string) => Scored[]]> = [
  [
    'usSsn',
    (text) => {
      const out: Scored[] = [];
      forEachMatch(SSN_RE, text, (m) => {
        if (!ssnInvalid(m[0])) out.push([m.index, m.index + m[0].length, m[0].length === 9 ? 0.15 : 0.6]);
      });
      return out;
    },
  ],
  [
    'ukNhs',
    (text) => {
      const out: Scored[] = [];
      forEachMatch(NHS_RE, text, (m) => {
        if (nhsValid(digitsOf(m[0]))) out.push([m.index, m.index + m[0].length, 0.4]);
      });
      return out;
    },
  ],
  [
    'usBankNumber',
    (text) => {
      const out: Scored[] = [];
      forEachMatch(BANK_RE, text, (m) => out.push([m.index, m.index + m[0].length, 0.1]));
      return out;
    },
  ],
  [
    'usPassport',
    (text) => {
      const out: Scored[] = [];
      forEachMatch(PASSPORT_RE, text, (m) =>
        out.push([m.index, m.index + m[0].length, m[0].length === 9 ? 0.12 : 0.1]),
      );
      return out;
    },
  ],
  [
    'usDriverLicense',
    (text) => {
      const out: Scored[] = [];
      forEachMatch(DRIVER_RE, text, (m) => {
        if (/\d/.test(m[0])) out.push([m.index, m.index + m[0].length, 0.11]);
      });
      return out;
    },
  ],
];
const RECOGNIZERS = {
  usSsn: ssnRecognizer,
  ukNhs: nhsRecognizer,
  usBankNumber: bankNumberRecognizer,
  usPassport: passportRecognizer,
  usDriverLicense: driverLicenseRecognizer,
};

const digitRun = fc
  .tuple(fc.constantFrom(1, 2, 3, 3, 4, 4, 5, 7, 8, 9, 9, 10, 10, 12, 14, 15, 18), fc.nat())
  .map(([n, seed]) => String(seed).padStart(n, '7').slice(0, n));
/** Mod-11-valid NHS numbers as 3-3-4 groups with a space, a dash or nothing between. */
const nhsNumber = fc
  .tuple(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }), fc.constantFrom(' ', '-', ''))
  .map(([d, sep]) => {
    const sum = d.reduce((acc, x, i) => acc + x * (10 - i), 0);
    const check = (11 - (sum % 11)) % 11;
    const s = `${d.join('')}${check === 10 ? 0 : check}`;
    return `${s.slice(0, 3)}${sep}${s.slice(3, 6)}${sep}${s.slice(6)}`;
  });
/** 3-2-4 digit groups with one separator (mostly), as SSNs are written. */
const ssnShape = fc
  .tuple(
    fc.integer({ min: 1, max: 899 }),
    fc.constantFrom('-', ' ', '.'),
    fc.integer({ min: 1, max: 99 }),
    fc.boolean(),
    fc.integer({ min: 1, max: 9999 }),
  )
  .map(
    ([a, sep, b, same, c]) =>
      `${String(a).padStart(3, '0')}${sep}${String(b).padStart(2, '0')}${same ? sep : '-'}${String(c).padStart(4, '0')}`,
  );
/** Digit groups ("123-45-6789", "943 476 5919", "5/3/2020"...) with one or mixed separators, letters, edges. */
const groupText = fc
  .array(
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc
          .tuple(digitRun, fc.constantFrom('-', ' ', '.', '/'), digitRun, fc.boolean(), digitRun)
          .map(([a, sep, b, same, c]) => `${a}${sep}${b}${same ? sep : '-'}${c}`),
      },
      { weight: 2, arbitrary: digitRun },
      { weight: 1, arbitrary: nhsNumber },
      { weight: 1, arbitrary: ssnShape },
      {
        weight: 1,
        arbitrary: fc.constantFrom('943 476 5919', '9434765919', '123-45-6789', '219-09-9999', '078-05-1120'),
      },
      {
        weight: 3,
        arbitrary: fc.constantFrom(' ', ' ', '-', '.', '/', 'A', 'ab', 'X', 'dl', 'Z9', '_', 'é', '\u212a', '\n'),
      },
    ),
    { maxLength: 7 },
  )
  .map((p) => p.join(''));

describe('digit-group ids', () => {
  for (const [name, reference] of REFERENCES) {
    test(`${name} equals the global scan`, () => {
      const r = RECOGNIZERS[name as keyof typeof RECOGNIZERS];
      let found = 0;
      fc.assert(
        fc.property(groupText, (text) => {
          const want = reference(text);
          found += want.length;
          expect(scanWith(r, text).map((c) => [c.start, c.end, c.score])).toEqual(want);
        }),
        { numRuns: 2500 },
      );
      expect(found).toBeGreaterThan(100);
    });
  }
});

// ---- net ----

describe('url gate', () => {
  test('hasWww equals WWW.test', () => {
    const www = fc
      .array(fc.constantFrom('w', 'W', '.', 'ww', 'www.', 'WwW', 'x', ' ', 'ŵ', '\u24e6'), { maxLength: 8 })
      .map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(www, fc.string({ maxLength: 12 })), (t) => {
        expect(hasWww(t)).toBe(WWW.test(t));
      }),
      { numRuns: 5000 },
    );
  });

  /** HEAD's URL recognizer. */
  function referenceUrls(text: string): Span[] {
    const out: Span[] = [];
    if (text.indexOf('://') < 0 && !WWW.test(text)) return out;
    const trailing = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}', "'", '"', '>', '*']);
    const count = (s: string, ch: string) => s.split(ch).length - 1;
    forEachMatch(URL_RE, text, (m) => {
      let s = m[0];
      while (s.length > 0 && trailing.has(s[s.length - 1] as string)) {
        if (s.endsWith(')') && count(s, '(') >= count(s, ')')) break;
        s = s.slice(0, -1);
      }
      const host = s.replace(/^[a-z]+:\/\//i, '');
      if (/^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u.test(host)) out.push([m.index, m.index + s.length]);
    });
    return out;
  }

  test('the recognizer equals HEAD without its dot and colon gates', () => {
    const url = fc
      .array(
        fc.constantFrom(
          'http://',
          'HTTPS://',
          'ftp://',
          'wss://',
          'www.',
          'WWW.',
          'wWw',
          'ex',
          'ample',
          '.',
          '.com',
          ':',
          '/',
          '(',
          ')',
          ' ',
          ',',
          'é',
          '-',
        ),
        { maxLength: 10 },
      )
      .map((p) => p.join(''));
    let found = 0;
    fc.assert(
      fc.property(url, (text) => {
        const want = referenceUrls(text);
        found += want.length;
        expect(scanWith(urlRecognizer, text).map((c) => [c.start, c.end])).toEqual(want);
      }),
      { numRuns: 4000 },
    );
    expect(found).toBeGreaterThan(300);
  });
});

describe('ipv6Valid', () => {
  /** HEAD's version (split into parts and groups). */
  function reference(s: string): boolean {
    const parts = s.split('::');
    if (parts.length > 2) return false;
    const groups = (p: string) => (p === '' ? [] : p.split(':'));
    const head = groups(parts[0] as string);
    const tail = parts.length === 2 ? groups(parts[1] as string) : [];
    const all = [...head, ...tail];
    if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
    return parts.length === 2 ? all.length <= 7 : all.length === 8;
  }

  test('equals the split version', () => {
    const group = fc.oneof(
      fc.stringMatching(/^[0-9a-fA-F]{0,5}$/),
      fc.constantFrom('', ':', '::', 'g', ' ', '.', '\u017f', '\u212a', 'ſf', 'db8', 'FFFF'),
    );
    const address = fc
      .array(fc.tuple(group, fc.constantFrom(':', ':', ':', '::', '', ':::')), { maxLength: 10 })
      .map((p) => p.flat().join(''));
    /** 1-9 groups of 1-4 hex digits, "::" at some place or none, sometimes a group broken. */
    const shaped = fc
      .tuple(
        fc.array(fc.stringMatching(/^[0-9a-fA-F]{1,4}$/), { minLength: 0, maxLength: 9 }),
        fc.integer({ min: -1, max: 9 }),
        fc.constantFrom('', '', '', 'g', '12345', ':'),
      )
      .map(([gs, at, bad]) => {
        const g = bad === '' ? gs : [...gs.slice(1), bad];
        if (at < 0 || at > g.length) return g.join(':');
        return `${g.slice(0, at).join(':')}::${g.slice(at).join(':')}`;
      });
    let valid = 0;
    fc.assert(
      fc.property(fc.oneof(shaped, address, fc.string({ maxLength: 12 })), (s) => {
        const want = reference(s);
        if (want) valid++;
        expect(ipv6Valid(s)).toBe(want);
      }),
      { numRuns: 6000 },
    );
    expect(valid).toBeGreaterThan(300);
  });
});

describe('email and crypto', () => {
  test('email: no "@", no candidate; with one, found as before', () => {
    expect(scanWith(emailRecognizer, 'mail me at ada.example.org')).toEqual([]);
    expect(scanWith(emailRecognizer, 'mail ada@example.org').map((c) => [c.start, c.end])).toEqual([[5, 20]]);
  });

  /** HEAD's crypto recognizer: the global scan (the scoring is unchanged). */
  function referenceCrypto(text: string): Array<[number, number, number]> {
    const out: Array<[number, number, number]> = [];
    forEachMatch(CRYPTO_RE, text, (m) => {
      const score = cryptoScore(m[0]);
      if (score > 0) out.push([m.index, m.index + m[0].length, score]);
    });
    return out;
  }

  /** A Bech32 string with a valid checksum (BIP 173's reference algorithm), to reach every length. */
  function bech32(hrp: string, data: number[]): string {
    const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    const polymod = (values: number[]) => {
      let chk = 1;
      for (const v of values) {
        const top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ v;
        for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= gen[i] as number;
      }
      return chk;
    };
    const expand = [...hrp]
      .map((c) => c.charCodeAt(0) >> 5)
      .concat(
        [0],
        [...hrp].map((c) => c.charCodeAt(0) & 31),
      );
    const mod = polymod([...expand, ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
    const check = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
    return `${hrp}1${[...data, ...check].map((v) => 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'[v]).join('')}`;
  }

  test('the Bech32 helper reproduces a BIP 173 vector', () => {
    const data = [...'qw508d6qejxtdg4y5r3zarvary0c5xw7k'].map((c) => 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'.indexOf(c));
    expect(bech32('bc', data)).toBe('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4');
  });

  test('crypto equals the global scan', () => {
    const addresses = [
      '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
      '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy',
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
      'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
      '0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED',
    ];
    // Data lengths 0 and 81 give the shortest (9) and longest (90) addresses CRYPTO_RE takes.
    const dataLength = fc.oneof(fc.constantFrom(0, 1, 80, 81, 82), fc.integer({ min: 0, max: 82 }));
    const segwit = fc
      .tuple(
        fc.constantFrom('bc', 'tb'),
        dataLength.chain((n) => fc.array(fc.integer({ min: 0, max: 31 }), { minLength: n, maxLength: n })),
        fc.boolean(),
      )
      .map(([hrp, data, upper]) => (upper ? bech32(hrp, data).toUpperCase() : bech32(hrp, data)));
    const word = fc.oneof(
      fc.constantFrom(...addresses),
      segwit,
      fc.constantFrom(...addresses).map((a) => a.slice(0, -1)),
      fc.stringMatching(/^(?:[13]|bc1|tb1|0x|Bc1)[0-9a-zA-Z]{4,45}$/),
    );
    const text = fc
      .array(fc.oneof(word, fc.constantFrom(' ', ' ', '_', 'x', '1', '-', '.', 'é', '\u212a', '\n')), { maxLength: 6 })
      .map((p) => p.join(''));
    let found = 0;
    fc.assert(
      fc.property(text, (t) => {
        const want = referenceCrypto(t);
        found += want.length;
        expect(scanWith(cryptoRecognizer, t).map((c) => [c.start, c.end, c.score])).toEqual(want);
      }),
      { numRuns: 3000 },
    );
    expect(found).toBeGreaterThan(300);
  });
});
