/**
 * Opt-in recognizers of Indian, Korean and US identifiers, each validated by its check digit or its
 * structure (entity names as in Presidio):
 *
 * - `IN_AADHAAR`: 12 digits, the first 2-9, Verhoeff check digit, not a palindrome (Presidio and
 *   python-stdnum both reject palindromes, which covers the all-same-digit numbers).
 * - `IN_PAN`: 5 letters, 4 digits, 1 letter, upper case; the 4th letter is a holder type
 *   (A B C F G H J L P T), the serial is not 0000 (python-stdnum). The last letter's check is not
 *   published, so it is not checked. Written in lower or mixed case (chat, forms), it needs a context
 *   word.
 * - `KR_RRN`: YYMMDD-SNNNNNC with a valid birth date (not in the future), sex/century digit 1-8 and,
 *   for numbers of the old scheme, place code 00-96 and the mod-11 check digit. Numbers assigned since
 *   5 October 2020 end in random digits (no place code, no check digit): those of people born since
 *   September 2020 are reported without a check, at a score that needs a context word.
 * - `US_ITIN`: 9XX-GG-XXXX with the group in the IRS ranges 50-65, 70-88, 90-92, 94-99.
 * - `MEDICAL_LICENSE`: US DEA registration numbers, a registrant-type letter, the registrant's initial
 *   (or 9), 7 digits with the DEA check digit. Written in lower or mixed case, it needs a context word.
 *
 * All-digit numbers collide with phone, account and order numbers: Aadhaar and ITIN candidates, and
 * Korean numbers without their dash or without a check digit, score under the default threshold
 * (0.5) and pass it only with a context word. A validated PAN, a validated dashed RRN and a validated
 * DEA number pass it alone in upper case (their usual form); in lower or mixed case they need a context
 * word too.
 *
 * None of these recognizers is in `BUILTIN_RECOGNIZERS`: pass them to `detectPII`.
 *
 * @example
 * ```ts
 * detectPII('Aadhaar: 2345 6789 0124', { recognizers: [...BUILTIN_RECOGNIZERS, ...IN_KR_US_ID_RECOGNIZERS] });
 * ```
 */
import { wordSet } from '../shared/context';
import { factsOf, stickyTwin, type TextFacts, tryAt } from '../shared/facts';
import { daysInMonth, emitter, isAsciiLetter, lettersAt, runLength } from './ids-common';
import type { PiiCandidate, PiiRecognizer } from './types';

// Candidate patterns. Each is bounded (no unbounded repetition) and guarded so that a match is not part
// of a longer token: not after a word character, '+' or '-', nor after a digit and a separator (the
// tail of a longer grouped number); not before a word character nor before a separator and a digit.

/**
 * Aadhaar candidates: 12 digits, or three groups of 4 joined by one kind of separator (space, dash
 * or colon, as Presidio accepts). The colon form is not taken next to another colon (IPv6 addresses
 * such as 2001:4860:4001::1).
 * @internal
 *
 * @example
 * ```ts
 * AADHAAR_RE.lastIndex = 0;
 * AADHAAR_RE.exec('uid 2345 6789 0124')?.[0]; // '2345 6789 0124'
 * ```
 */
export const AADHAAR_RE: RegExp =
  /(?<![\w+-]|\d[ .:/])(?:\d{12}|\d{4} \d{4} \d{4}|\d{4}-\d{4}-\d{4}|(?<!:)\d{4}:\d{4}:\d{4}(?!:))(?![\w]|[ .:/-]\d)/g;

/**
 * PAN candidates: 3 letters, the holder-type letter, a letter, 4 digits and a letter, in either case
 * (the recognizer scores those not in upper case lower).
 * @internal
 *
 * @example
 * ```ts
 * PAN_RE.lastIndex = 0;
 * PAN_RE.exec('PAN ACUPA7085R')?.[0]; // 'ACUPA7085R'
 * ```
 */
export const PAN_RE: RegExp = /(?<![\w-])[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z](?![\w]|-\w)/gi;

/**
 * Korean RRN candidates: 6 digits, an optional dash, 7 digits.
 * @internal
 *
 * @example
 * ```ts
 * KR_RRN_RE.lastIndex = 0;
 * KR_RRN_RE.exec('RRN 960121-1021413')?.[0]; // '960121-1021413'
 * ```
 */
export const KR_RRN_RE: RegExp = /(?<![\w+-]|\d[ .:/])\d{6}-?\d{7}(?![\w]|[ .:/-]\d)/g;

/**
 * ITIN candidates: 9 and 8 digits, grouped 3-2-4 by dashes or by spaces, or ungrouped (the group
 * range is checked by `itinValid`).
 * @internal
 *
 * @example
 * ```ts
 * ITIN_RE.lastIndex = 0;
 * ITIN_RE.exec('ITIN 912-70-3456')?.[0]; // '912-70-3456'
 * ```
 */
export const ITIN_RE: RegExp = /(?<![\w+-]|\d[ .:/])9\d{2}(?:-\d{2}-|\d{2}| \d{2} )\d{4}(?![\w]|[ .:/-]\d)/g;

/**
 * DEA registration number candidates: a registrant-type letter, a letter or 9, 7 digits, in either case
 * (the recognizer scores those not in upper case lower). A dash may follow (the suffix of a supervised
 * prescriber, "F91234563-001AB").
 * @internal
 *
 * @example
 * ```ts
 * DEA_RE.lastIndex = 0;
 * DEA_RE.exec('DEA AP5836727')?.[0]; // 'AP5836727'
 * ```
 */
export const DEA_RE: RegExp = /(?<![\w-])[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}(?![\w]|\.\d)/gi;

// The candidate patterns of the validators (anchored; separators as the recognizers accept them).
const AADHAAR_FORM = /^(?:\d{12}|\d{4} \d{4} \d{4}|\d{4}-\d{4}-\d{4}|\d{4}:\d{4}:\d{4})$/;
const PAN_FORM = /^[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]$/;
const KR_RRN_FORM = /^\d{6}-?\d{7}$/;
const ITIN_FORM = /^9\d{2}(?:-\d{2}-|\d{2}| \d{2} )\d{4}$/;
const DEA_FORM = /^[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}$/i;

// Verhoeff's tables: `VERHOEFF_D` is the multiplication of the dihedral group D5 (0-4 rotations, 5-9
// reflections), `VERHOEFF_P` the powers 0-7 of the permutation (0 1 5 8 9 4 2 7)(3 6).
const VERHOEFF_D: readonly string[] = [
  '0123456789',
  '1234067895',
  '2340178956',
  '3401289567',
  '4012395678',
  '5987604321',
  '6598710432',
  '7659821043',
  '8765932104',
  '9876543210',
];
const VERHOEFF_P: readonly string[] = [
  '0123456789',
  '1576283094',
  '5803796142',
  '8916043527',
  '9453126870',
  '4286573901',
  '2793806415',
  '7046913258',
];

/** Digit `j` of table row `row` (the tables are strings of digits). */
function at(row: string, j: number): number {
  return row.charCodeAt(j) - 48;
}

/**
 * Verhoeff check over a string of decimal digits (the last digit is the check digit). It catches every
 * single-digit error and every transposition of adjacent digits. False for an empty string or any
 * non-digit; never throws.
 *
 * @example
 * ```ts
 * verhoeffValid('2363'); // true
 * verhoeffValid('2369'); // false
 * ```
 */
export function verhoeffValid(s: string): boolean {
  if (typeof s !== 'string' || s.length === 0) return false;
  let c = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(s.length - 1 - i) - 48;
    if (d < 0 || d > 9) return false;
    c = at(VERHOEFF_D[c] as string, at(VERHOEFF_P[i % 8] as string, d));
  }
  return c === 0;
}

/** The ASCII digits and letters of `s` (separators dropped). */
function compact(s: string): string {
  return s.replace(/[^0-9A-Z]/g, '');
}

/**
 * Aadhaar (India, UIDAI): 12 digits, alone or in three groups of 4 joined by one kind of separator
 * (space, dash or colon); the first digit 2-9; a valid Verhoeff check digit; not a palindrome.
 *
 * @example
 * ```ts
 * aadhaarValid('2341 2341 2346'); // true
 * aadhaarValid('2341 2341 2347'); // false (check digit)
 * ```
 */
export function aadhaarValid(s: string): boolean {
  if (typeof s !== 'string' || !AADHAAR_FORM.test(s)) return false;
  const d = compact(s);
  if (d.charCodeAt(0) < 50) return false; // never starts with 0 or 1
  let palindrome = true;
  for (let i = 0; i < 6 && palindrome; i++) palindrome = d[i] === d[11 - i];
  return !palindrome && verhoeffValid(d);
}

/**
 * PAN (India, income tax): upper-case `AAAHA9999A` where the 4th letter is the holder type
 * (A association, B body of individuals, C company, F firm, G government, H Hindu undivided family,
 * J artificial juridical person, L local authority, P individual, T trust) and the 4-digit serial is
 * not 0000. The last letter is a check letter whose algorithm is not published: not checked.
 *
 * @example
 * ```ts
 * panValid('AAPPV8261K'); // true
 * panValid('ABMXA3211G'); // false (no holder type X)
 * ```
 */
export function panValid(s: string): boolean {
  return typeof s === 'string' && PAN_FORM.test(s) && s.slice(5, 9) !== '0000';
}

/** Weights of the Korean RRN check digit. */
const KR_RRN_WEIGHTS: readonly number[] = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

/** Birth dates (YYYYMMDD) from which a Korean RRN may end in random digits (see `krRrnStatus`). */
const KR_RANDOM_FROM = 20200901;

/**
 * How `krRrnStatus` sees a Korean resident registration number: `checked` (old scheme: place code and
 * check digit valid), `unchecked` (born since September 2020, when numbers may end in random digits:
 * only the date and the sex/century digit could be checked), `invalid`.
 *
 * @example
 * ```ts
 * const status: KrRrnStatus = krRrnStatus('960121-1021413'); // 'checked'
 * ```
 */
export type KrRrnStatus = 'checked' | 'unchecked' | 'invalid';

/**
 * The latest date (YYYYMMDD) it is anywhere on Earth now (UTC+14), so that a birth "today" in Seoul
 * is never in the future.
 *
 * @example
 * ```ts
 * latestToday(); // e.g. 20260815
 * ```
 */
export function latestToday(now: number = Date.now()): number {
  const d = new Date(now + 14 * 3_600_000);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/**
 * Classify a Korean resident (or foreign resident) registration number, `YYMMDD-SNNNNNC` or the 13
 * digits alone:
 *
 * - the birth date YYMMDD must exist (Gregorian) and not be after `today` (YYYYMMDD, default: today);
 * - S gives the sex and the century: 1, 2, 5, 6 born 1900-1999; 3, 4, 7, 8 born 2000-2099 (5-8 are
 *   foreign residents). 9 and 0 (born 1800-1899: no living holder) are rejected, as Presidio does.
 * - Old scheme: the place code (digits 8-9) is at most 96 and C = (11 - Σ wᵢdᵢ mod 11) mod 10 with
 *   weights 2,3,4,5,6,7,8,9,2,3,4,5: `checked`.
 * - Since 5 October 2020 new numbers end in 6 random digits. A number that fails the old checks but
 *   whose holder was born on or after 1 September 2020 (a birth is registered within a month) is
 *   `unchecked`; before that date it is `invalid` (this misses the few old-date numbers reassigned
 *   since then, for example to victims of identity theft).
 *
 * @example
 * ```ts
 * krRrnStatus('960121-1021413'); // 'checked'
 * krRrnStatus('960121-1234567'); // 'invalid' (check digit)
 * krRrnStatus('230512-3123456', 20260101); // 'unchecked'
 * ```
 */
export function krRrnStatus(s: string, today: number = latestToday()): KrRrnStatus {
  if (typeof s !== 'string' || !KR_RRN_FORM.test(s)) return 'invalid';
  const d = compact(s);
  const digit = (i: number) => d.charCodeAt(i) - 48;
  const sex = digit(6);
  if (sex === 0 || sex === 9) return 'invalid';
  const century = sex === 1 || sex === 2 || sex === 5 || sex === 6 ? 1900 : 2000;
  const year = century + digit(0) * 10 + digit(1);
  const month = digit(2) * 10 + digit(3);
  const day = digit(4) * 10 + digit(5);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'invalid';
  const born = year * 10000 + month * 100 + day;
  if (born > today) return 'invalid';
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (KR_RRN_WEIGHTS[i] as number) * digit(i);
  if (digit(7) * 10 + digit(8) <= 96 && (11 - (sum % 11)) % 10 === digit(12)) return 'checked';
  return born >= KR_RANDOM_FROM ? 'unchecked' : 'invalid';
}

/**
 * Korean RRN with a valid check digit (`krRrnStatus(s, today) === 'checked'`).
 *
 * @example
 * ```ts
 * krRrnValid('9710131019901'); // true
 * krRrnValid('971013-9019903'); // false (check digit)
 * ```
 */
export function krRrnValid(s: string, today?: number): boolean {
  return krRrnStatus(s, today) === 'checked';
}

/**
 * US ITIN: `9XX-GG-XXXX` (dashes, spaces or none) whose group GG is in the ranges the IRS assigns:
 * 50-65, 70-88, 90-92 and 94-99 (89 is not used, 93 is the ATIN group).
 *
 * @example
 * ```ts
 * itinValid('912-90-3456'); // true
 * itinValid('912-93-4567'); // false (ATIN group)
 * ```
 */
export function itinValid(s: string): boolean {
  if (typeof s !== 'string' || !ITIN_FORM.test(s)) return false;
  const d = compact(s);
  const g = (d.charCodeAt(3) - 48) * 10 + (d.charCodeAt(4) - 48);
  return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || g >= 94;
}

/**
 * US DEA registration number: a registrant-type letter (A B C D E F G H J K L M P R S T U X), the
 * registrant's last-name initial or 9, then 7 digits d1..d7 with
 * d7 = (d1 + d3 + d5 + 2·(d2 + d4 + d6)) mod 10. The letters in either case (DEA writes them in upper
 * case; `usDeaRecognizer` scores other forms lower).
 *
 * @example
 * ```ts
 * deaValid('AP5836727'); // true
 * deaValid('ap5836727'); // true
 * deaValid('BG8207031'); // false (check digit)
 * ```
 */
export function deaValid(s: string): boolean {
  if (typeof s !== 'string' || !DEA_FORM.test(s)) return false;
  const digit = (i: number) => s.charCodeAt(2 + i) - 48;
  const sum = digit(0) + digit(2) + digit(4) + 2 * (digit(1) + digit(3) + digit(5));
  return sum % 10 === digit(6);
}

/** Context words of each entity (lower case; Korean ones with their common particles). */
const AADHAAR_CONTEXT = wordSet("aadhaar aadhar adhaar aadhaar's uid uidai आधार");
const PAN_CONTEXT = wordSet('pan pancard permanent account income tax itr cbdt');
const KR_RRN_CONTEXT = wordSet(
  [
    'rrn rrns resident registration korean jumin arn',
    ...['주민등록번호', '주민번호', '외국인등록번호'].flatMap((w) => [w, `${w}는`, `${w}가`, `${w}를`]),
    ...['주민등록'].flatMap((w) => [w, `${w}은`, `${w}이`, `${w}을`]),
  ].join(' '),
);
const ITIN_CONTEXT = wordSet('itin itins taxpayer taxpayers tin taxid tax irs');
const DEA_CONTEXT = wordSet('dea registration registrant prescriber license licence certificate medical physician');

const makeAadhaar = /* @__PURE__ */ emitter('inAadhaar', 'IN_AADHAAR', AADHAAR_CONTEXT, 0.4);
const makePan = /* @__PURE__ */ emitter('inPan', 'IN_PAN', PAN_CONTEXT, 0.35);
const makeKrRrn = /* @__PURE__ */ emitter('krRrn', 'KR_RRN', KR_RRN_CONTEXT, 0.35);
const makeItin = /* @__PURE__ */ emitter('usItin', 'US_ITIN', ITIN_CONTEXT, 0.35);
const makeDea = /* @__PURE__ */ emitter('usDea', 'MEDICAL_LICENSE', DEA_CONTEXT, 0.35);

type Emit = (candidate: PiiCandidate) => void;

// Each pattern starts at (or a fixed number of letters before) the start of a run of ASCII digits, so
// it is tried only there, through a sticky twin with the same source, and only when the run has a
// length and a following unit the pattern needs.
const AADHAAR_AT = /* @__PURE__ */ stickyTwin(AADHAAR_RE);
const PAN_AT = /* @__PURE__ */ stickyTwin(PAN_RE);
const KR_RRN_AT = /* @__PURE__ */ stickyTwin(KR_RRN_RE);
const ITIN_AT = /* @__PURE__ */ stickyTwin(ITIN_RE);
const DEA_AT = /* @__PURE__ */ stickyTwin(DEA_RE);

/** Whether runs `k` and `k + 1` both have 4 digits and one unit between them. */
function fourThenFour(f: TextFacts, k: number): boolean {
  return (
    k + 1 < f.runs &&
    runLength(f, k) === 4 &&
    runLength(f, k + 1) === 4 &&
    (f.runStart[k + 1] as number) === (f.runEnd[k] as number) + 1
  );
}

function onAadhaar(m: RegExpExecArray, emit: Emit): void {
  if (aadhaarValid(m[0])) emit(makeAadhaar(m.index, m.index + m[0].length, 0.15));
}

/** Whether the letters of a PAN candidate are all hexadecimal (A-F): then it is likelier a hex identifier. */
function hexLetters(s: string): boolean {
  for (let i = 0; i < 10; i++) if (s.charCodeAt(i) > 70) return false; // digits are < 70
  return true;
}

function onPan(m: RegExpExecArray, emit: Emit): void {
  const upper = m[0].toUpperCase();
  if (!panValid(upper)) return;
  // Lower or mixed case (chat, forms): 0.15, passing the threshold only with a context word.
  const score = upper !== m[0] ? 0.15 : hexLetters(m[0]) ? 0.2 : 0.5;
  emit(makePan(m.index, m.index + m[0].length, score));
}

function onKrRrn(m: RegExpExecArray, emit: Emit): void {
  const status = krRrnStatus(m[0]);
  if (status === 'invalid') return;
  const dashed = m[0].length === 14;
  const score = status === 'checked' ? (dashed ? 0.6 : 0.4) : dashed ? 0.3 : 0.2;
  emit(makeKrRrn(m.index, m.index + m[0].length, score));
}

function onItin(m: RegExpExecArray, emit: Emit): void {
  if (itinValid(m[0])) emit(makeItin(m.index, m.index + m[0].length, m[0].length === 9 ? 0.2 : 0.3));
}

function onDea(m: RegExpExecArray, emit: Emit): void {
  if (!deaValid(m[0])) return;
  // Lower or mixed case (chat, forms): 0.15, passing the threshold only with a context word.
  emit(makeDea(m.index, m.index + m[0].length, m[0].toUpperCase() === m[0] ? 0.5 : 0.15));
}

/**
 * Indian Aadhaar numbers (`IN_AADHAAR`): Verhoeff-valid 12-digit numbers, plain or grouped 4-4-4.
 * Scores 0.15, 0.55 with a context word ("aadhaar", "uidai"...): one 12-digit number in ten passes the
 * check, so a number alone is not enough.
 *
 * @example
 * ```ts
 * detectPII('My Aadhaar number is 2341 2341 2346', { recognizers: [inAadhaarRecognizer] });
 * // [{ entity: 'IN_AADHAAR', start: 21, end: 35, ... }]
 * ```
 */
export const inAadhaarRecognizer: PiiRecognizer = {
  name: 'inAadhaar',
  entities: ['IN_AADHAAR'],
  maxLength: 14,
  scan(text, emit) {
    // AADHAAR_RE starts at a run of exactly 12 digits, or at a run of 4 followed by a separator and
    // another run of 4 (then a third, checked by the pattern).
    const f = factsOf(text);
    if (f.digits < 12) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const len = runLength(f, k);
      if (len === 12 || fourThenFour(f, k))
        next = tryAt(AADHAAR_AT, text, f.runStart[k] as number, next, onAadhaar, emit);
    }
  },
};

/**
 * Indian Permanent Account Numbers (`IN_PAN`): upper-case `AAAHA9999A` with a known holder type. Scores
 * 0.5 (0.85 with "pan", "income tax"...): the shape is rare outside PANs, except in upper-case
 * hexadecimal identifiers (mail queue ids such as BACAA4022B): a candidate whose six letters are all
 * A-F scores 0.2 and needs a context word (no individual's PAN is among them: their holder type is P).
 * Written in lower or mixed case ("acupa7085r"), a PAN scores 0.15 and needs a context word (0.5).
 *
 * @example
 * ```ts
 * detectPII('PAN: ACUPA7085R', { recognizers: [inPanRecognizer] }); // one IN_PAN finding
 * ```
 */
export const inPanRecognizer: PiiRecognizer = {
  name: 'inPan',
  entities: ['IN_PAN'],
  maxLength: 10,
  scan(text, emit) {
    // PAN_RE starts five letters before a run of exactly 4 digits followed by one.
    const f = factsOf(text);
    if (f.digits < 4) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const s = f.runStart[k] as number;
      if (
        s < 5 ||
        runLength(f, k) !== 4 ||
        !isAsciiLetter(text.charCodeAt(s + 4)) ||
        !isAsciiLetter(text.charCodeAt(s - 1))
      )
        continue;
      next = tryAt(PAN_AT, text, s - 5, next, onPan, emit);
    }
  },
};

/**
 * Korean resident registration numbers (`KR_RRN`), see `krRrnStatus`. A checked number scores 0.6
 * written `YYMMDD-SNNNNNC`, 0.4 as 13 digits; a number of the new scheme (random tail, no check) 0.3
 * and 0.2. Context words ("rrn", "주민등록번호"...) add 0.35, so only the checked dashed form passes the
 * default threshold alone.
 *
 * @example
 * ```ts
 * detectPII('주민등록번호 960121-1021413', { recognizers: [krRrnRecognizer] }); // one KR_RRN finding
 * ```
 */
export const krRrnRecognizer: PiiRecognizer = {
  name: 'krRrn',
  entities: ['KR_RRN'],
  maxLength: 14,
  scan(text, emit) {
    // KR_RRN_RE starts at a run of exactly 13 digits, or at a run of 6 followed by a dash and a run of 7.
    const f = factsOf(text);
    if (f.digits < 13) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const len = runLength(f, k);
      const e = f.runEnd[k] as number;
      if (
        len === 13 ||
        (len === 6 &&
          k + 1 < f.runs &&
          f.runStart[k + 1] === e + 1 &&
          text.charCodeAt(e) === 45 &&
          runLength(f, k + 1) === 7)
      )
        next = tryAt(KR_RRN_AT, text, f.runStart[k] as number, next, onKrRrn, emit);
    }
  },
};

/**
 * US Individual Taxpayer Identification Numbers (`US_ITIN`): 9 digits starting with 9, the group in the
 * IRS ranges. Scores 0.3 grouped, 0.2 ungrouped; a context word ("itin", "taxpayer"...) adds 0.35:
 * they look like SSNs and phone numbers, so they need one.
 *
 * @example
 * ```ts
 * detectPII('ITIN 912-70-3456', { recognizers: [usItinRecognizer] }); // one US_ITIN finding
 * ```
 */
export const usItinRecognizer: PiiRecognizer = {
  name: 'usItin',
  entities: ['US_ITIN'],
  maxLength: 11,
  scan(text, emit) {
    // ITIN_RE starts at a run of exactly 9 digits starting with 9, or of 3 followed by a dash or space.
    const f = factsOf(text);
    if (f.digits < 9) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const s = f.runStart[k] as number;
      if (text.charCodeAt(s) !== 57) continue;
      const len = runLength(f, k);
      const c = text.charCodeAt(s + 3);
      if (len === 9 || (len === 3 && (c === 45 || c === 32))) next = tryAt(ITIN_AT, text, s, next, onItin, emit);
    }
  },
};

/**
 * US DEA registration numbers (`MEDICAL_LICENSE`), check digit valid. Scores 0.5 (0.85 with "dea",
 * "prescriber", "license"...). Written in lower or mixed case ("ap5836727", "Ap5836727": nine
 * characters that any lower-case identifier may take, with a one in ten chance of passing the check
 * digit), a DEA number scores 0.15 and needs a context word (0.5).
 *
 * @example
 * ```ts
 * detectPII('DEA number: AP5836727', { recognizers: [usDeaRecognizer] }); // one MEDICAL_LICENSE finding
 * ```
 */
export const usDeaRecognizer: PiiRecognizer = {
  name: 'usDea',
  entities: ['MEDICAL_LICENSE'],
  maxLength: 9,
  scan(text, emit) {
    // DEA_RE starts two letters (either case) before a run of exactly 7 digits, or one letter before a
    // run of 8 digits starting with 9.
    const f = factsOf(text);
    if (f.digits < 7) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const s = f.runStart[k] as number;
      const len = runLength(f, k);
      if (len === 7 && lettersAt(text, s - 2, 2)) next = tryAt(DEA_AT, text, s - 2, next, onDea, emit);
      else if (len === 8 && s >= 1 && text.charCodeAt(s) === 57 && isAsciiLetter(text.charCodeAt(s - 1)))
        next = tryAt(DEA_AT, text, s - 1, next, onDea, emit);
    }
  },
};

/**
 * The recognizers of this module, to add to `detectPII`'s (none is built in).
 *
 * @example
 * ```ts
 * detectPII(text, { recognizers: [...BUILTIN_RECOGNIZERS, ...IN_KR_US_ID_RECOGNIZERS] });
 * ```
 */
export const IN_KR_US_ID_RECOGNIZERS: readonly PiiRecognizer[] = /* @__PURE__ */ Object.freeze([
  inAadhaarRecognizer,
  inPanRecognizer,
  krRrnRecognizer,
  usItinRecognizer,
  usDeaRecognizer,
]);
