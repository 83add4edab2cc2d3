/**
 * Indian identifiers beside Aadhaar and PAN (those are in ids-national-in-kr-us.ts), entity names as in
 * Presidio:
 *
 * - `IN_VOTER`: the EPIC number of the voter ID card, three letters (the constituency's FUSN code) and
 *   seven digits, the last of them a check digit. The Election Commission's handbook says the seventh
 *   digit is a checksum; python-stdnum checks it with Luhn over the seven digits. Numbers that fail that
 *   check are still reported, lower (Presidio's own test numbers fail it, and the algorithm is not
 *   published by the Commission).
 * - `IN_PASSPORT`: a letter and seven digits, the first and the last digit 1-9 (Presidio's pattern),
 *   upper case, optionally a space after the third character. No check digit.
 * - `IN_VEHICLE_REGISTRATION`: Presidio's forms: state or territory code, RTO district number, series
 *   letters and a number 0001-9999 ("KA 53 ME 3456"), the district checked against Presidio's list for
 *   the state; Bharat series ("22 BH 1234 AA"); diplomatic plates (mission code, CD/CC/UN, serial); the
 *   armed forces' form ("15B123456K"); the pre-1989 three letters and four digits ("MCX1243").
 * - `IN_GSTIN`: 2-digit state code, the holder's PAN, the registration number (1-9, A-Z), 'Z' and a
 *   check character (Luhn mod 36 over 0-9A-Z, python-stdnum): every single-character change is caught.
 *
 * Opt-in: none is among the built-ins. Pass `IN_ID_RECOGNIZERS` as `detectPII`'s `recognizers` (alone,
 * or concatenated with `BUILTIN_RECOGNIZERS`).
 *
 * Scores: a checked GSTIN passes the default threshold (0.5) alone (0.9 upper case, 0.6 otherwise), and
 * so does a standard plate whose district is in the state's list (0.85, upper case) and a Bharat-series
 * plate (0.6). The other shapes are common outside these documents (order numbers, part numbers, hex
 * ids) and need a context word nearby ("voter", "epic", "passport", "vehicle", "rto", "gstin"...):
 * EPIC numbers 0.45 or 0.4 with a valid check digit, 0.2 without; passports 0.1 (context adds 0.45);
 * plates of an unknown district 0.3, diplomatic 0.4, armed forces 0.3, pre-1989 0.2. Context words add
 * 0.35 unless stated. Lower or mixed case scores lower, and pre-1989, diplomatic, armed-forces plates
 * and passports are taken in upper case only.
 *
 * Spans: a candidate never starts or ends inside a word or a digit run: not after a letter, digit,
 * underscore or dash, nor after a digit and a decimal point (digit-led forms); not before a word
 * character, a dash and a word character, or a decimal point and a digit.
 */
import { wordSet } from '../shared/context';
import { factsOf, stickyTwin, type TextFacts, tryAt } from '../shared/facts';
import { emitter, isAsciiLetter, lettersAt, runLength } from './ids-common';
import { panValid } from './ids-national-in-kr-us';
import type { PiiCandidate, PiiRecognizer } from './types';

/**
 * How an identifier is seen: `checked` (its check digit or its lists say it is valid), `unchecked` (the
 * shape is right, but there is nothing to check it against, or the check failed where the check is not
 * certain), `invalid`.
 *
 * @example
 * ```ts
 * const status: InIdStatus = inVoterStatus('WKH1186253'); // 'checked'
 * ```
 */
export type InIdStatus = 'checked' | 'unchecked' | 'invalid';

type Emit = (candidate: PiiCandidate) => void;

// ---------------------------------------------------------------------------------------------------
// Candidate patterns. Bounded (no unbounded repetition, no nested quantifier), guarded on both sides.
// ---------------------------------------------------------------------------------------------------

/**
 * @internal EPIC (voter ID) candidates: three letters and seven digits, any case, standing alone.
 *
 * @example
 * ```ts
 * IN_VOTER_RE.test('EPIC WKH1186253'); // true (a global regex: reset lastIndex between uses)
 * ```
 */
export const IN_VOTER_RE: RegExp = /(?<![\w-])[A-Z]{3}\d{7}(?!\w|-\w|[.,]\d)/gi;

/**
 * @internal Indian passport candidates: an upper-case letter, seven digits (the first and the last 1-9),
 * optionally a space after the second digit (Presidio's pattern), standing alone.
 *
 * @example
 * ```ts
 * IN_PASSPORT_RE.test('passport J6932157'); // true (a global regex: reset lastIndex between uses)
 * ```
 */
export const IN_PASSPORT_RE: RegExp = /(?<![\w-])[A-Z][1-9]\d ?\d{4}[1-9](?!\w|-\w|[.,]\d)/g;

/**
 * @internal Indian vehicle registration candidates, any case, standing alone, one of:
 * - standard: 2 letters, district 1-2 digits, series 1-3 letters, 4 digits, each group optionally
 *   after a space or a dash ("MH 12 AB 1234", "DL 3C AB 1234", "KA53ME3456");
 * - pre-1989: 3 letters and 4 digits;
 * - Bharat series: 2 digits, BH, 4 digits, 2 letters;
 * - diplomatic: 1-3 digits, CD, CC or UN, 2-4 digits (the first 1-9);
 * - armed forces: 2 digits, a letter, 6 digits, a letter.
 *
 * @example
 * ```ts
 * IN_VEHICLE_REGISTRATION_RE.test('RTO: KA 53 ME 3456'); // true (a global regex: reset lastIndex between uses)
 * ```
 */
export const IN_VEHICLE_REGISTRATION_RE: RegExp =
  /(?<![\w-]|\d[.,])(?:[A-Z]{2}[ -]?\d{1,2}[ -]?[A-Z](?:[ -]?[A-Z]{1,2})?[ -]?\d{4}|[A-Z]{3}\d{4}|\d{2}[ -]?BH[ -]?\d{4}[ -]?[A-Z]{2}|\d{1,3}[ -]?(?:CD|CC|UN)[ -]?[1-9]\d{1,3}|\d{2}[A-Z]\d{6}[A-Z])(?!\w|-\w|[.,]\d)/gi;

/**
 * @internal GSTIN candidates: 2 digits, 5 letters, 4 digits, a letter, a letter or digit, Z, a letter or
 * digit; any case, standing alone.
 *
 * @example
 * ```ts
 * IN_GSTIN_RE.test('GSTIN 27AAPFU0939F1ZV'); // true (a global regex: reset lastIndex between uses)
 * ```
 */
export const IN_GSTIN_RE: RegExp = /(?<![\w-]|\d[.,])\d{2}[A-Z]{5}\d{4}[A-Z][0-9A-Z]Z[0-9A-Z](?!\w|-\w|[.,]\d)/gi;

// Anchored forms of the validators (upper case; separators as the recognizers accept them).
const VOTER_FORM = /^[A-Z]{3}\d{7}$/;
const PASSPORT_FORM = /^[A-Z][1-9]\d ?\d{4}[1-9]$/;
const GSTIN_FORM = /^\d{2}[A-Z]{5}\d{4}[A-Z][0-9A-Z]Z[0-9A-Z]$/;
const VEHICLE_STANDARD = /^([A-Z]{2})[ -]?(\d{1,2})[ -]?([A-Z](?:[ -]?[A-Z]{1,2})?)[ -]?(\d{4})$/;
const VEHICLE_OLD = /^[A-Z]{3}(\d{4})$/;
const VEHICLE_BHARAT = /^(\d{2})[ -]?BH[ -]?(\d{4})[ -]?[A-HJ-NP-Z]{2}$/;
const VEHICLE_DIPLOMATIC = /^(\d{1,3})[ -]?(?:CD|CC|UN)[ -]?[1-9]\d{1,3}$/;
const VEHICLE_ARMED = /^(\d{2})[ABCDEFHKPRX]\d{6}[A-Z]$/;

// ---------------------------------------------------------------------------------------------------
// IN_VOTER
// ---------------------------------------------------------------------------------------------------

/** Luhn over the digits of `s` from index `from` (the last is the check digit). */
function luhnFrom(s: string, from: number): boolean {
  let sum = 0;
  let double = false;
  for (let i = s.length - 1; i >= from; i--) {
    let d = s.charCodeAt(i) - 48;
    if (double) d = d < 5 ? 2 * d : 2 * d - 9;
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Classify an EPIC (voter ID) number, upper case `AAA9999999`: `checked` when the seven digits pass the
 * Luhn check (python-stdnum's rule), `unchecked` when only the shape is right, otherwise `invalid`.
 * Luhn catches every single-digit change and every swap of adjacent digits but 0/9; the three letters
 * are outside the check.
 *
 * @example
 * ```ts
 * inVoterStatus('WKH1186253'); // 'checked'
 * inVoterStatus('WKH1186263'); // 'unchecked' (check digit)
 * inVoterStatus('WKH118625'); // 'invalid'
 * ```
 */
export function inVoterStatus(s: string): InIdStatus {
  if (typeof s !== 'string' || !VOTER_FORM.test(s)) return 'invalid';
  return luhnFrom(s, 3) ? 'checked' : 'unchecked';
}

/**
 * EPIC (voter ID) number with a valid check digit (`inVoterStatus(s) === 'checked'`).
 *
 * @example
 * ```ts
 * inVoterValid('WKH1186253'); // true
 * inVoterValid('WKH1186254'); // false
 * ```
 */
export function inVoterValid(s: string): boolean {
  return inVoterStatus(s) === 'checked';
}

/** Second letters of Presidio's stronger EPIC pattern. */
const VOTER_SECOND = 'ABCDGHJKMNPRSY';

const VOTER_CONTEXT = wordSet("voter voters voter's epic elector electors elector's electoral election मतदाता");

const makeVoter = /* @__PURE__ */ emitter('inVoter', 'IN_VOTER', VOTER_CONTEXT, 0.35);

const VOTER_AT = /* @__PURE__ */ stickyTwin(IN_VOTER_RE);

function onVoter(m: RegExpExecArray, emit: Emit): void {
  const upper = m[0].toUpperCase();
  const status = inVoterStatus(upper);
  if (status === 'invalid') return;
  let score: number;
  if (upper !== m[0]) score = status === 'checked' ? 0.25 : 0.1;
  else if (status === 'checked') score = VOTER_SECOND.includes(upper.charAt(1)) ? 0.45 : 0.4;
  else score = 0.2;
  emit(makeVoter(m.index, m.index + m[0].length, score));
}

/**
 * Indian voter ID (EPIC) numbers (`IN_VOTER`): three letters and seven digits. Scores, upper case: 0.45
 * with a valid check digit and one of Presidio's second letters, 0.4 with a valid check digit, 0.2
 * without; lower or mixed case 0.25 and 0.1. A context word ("voter", "epic", "elector", "मतदाता"...)
 * adds 0.35: every EPIC number needs one to pass the default threshold.
 *
 * @example
 * ```ts
 * detectPII('Voter ID: WKH1186253', { recognizers: [inVoterRecognizer] }); // [{ entity: 'IN_VOTER', start: 10, end: 20, ... }]
 * ```
 */
export const inVoterRecognizer: PiiRecognizer = {
  name: 'inVoter',
  entities: ['IN_VOTER'],
  maxLength: 10,
  scan(text, emit) {
    // IN_VOTER_RE starts three letters before a run of exactly 7 digits.
    const f = factsOf(text);
    if (f.digits < 7) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const s = f.runStart[k] as number;
      if (runLength(f, k) === 7 && lettersAt(text, s - 3, 3)) next = tryAt(VOTER_AT, text, s - 3, next, onVoter, emit);
    }
  },
};

// ---------------------------------------------------------------------------------------------------
// IN_PASSPORT
// ---------------------------------------------------------------------------------------------------

/**
 * Indian passport number shape (Presidio's): an upper-case letter and seven digits, the first and the
 * last 1-9, optionally a space after the second digit. There is no published check digit.
 *
 * @example
 * ```ts
 * inPassportValid('J6932157'); // true
 * inPassportValid('J69 32157'); // true
 * inPassportValid('B0097650'); // false (first digit 0)
 * ```
 */
export function inPassportValid(s: string): boolean {
  return typeof s === 'string' && PASSPORT_FORM.test(s);
}

const PASSPORT_CONTEXT = wordSet("passport passports passport's पासपोर्ट");

const makePassport = /* @__PURE__ */ emitter('inPassport', 'IN_PASSPORT', PASSPORT_CONTEXT, 0.45);

const PASSPORT_AT = /* @__PURE__ */ stickyTwin(IN_PASSPORT_RE);

function onPassport(m: RegExpExecArray, emit: Emit): void {
  if (inPassportValid(m[0])) emit(makePassport(m.index, m.index + m[0].length, 0.1));
}

/**
 * Indian passport numbers (`IN_PASSPORT`): "J6932157" (see `inPassportValid`). A letter and seven digits
 * is a common shape (ids, references): a number scores 0.1 alone, 0.55 with a context word ("passport",
 * "पासपोर्ट").
 *
 * @example
 * ```ts
 * detectPII('passport number: J6932157', { recognizers: [inPassportRecognizer] }); // [{ entity: 'IN_PASSPORT', start: 17, end: 25, ... }]
 * ```
 */
export const inPassportRecognizer: PiiRecognizer = {
  name: 'inPassport',
  entities: ['IN_PASSPORT'],
  maxLength: 9,
  scan(text, emit) {
    // IN_PASSPORT_RE starts one letter before a run of exactly 7 digits, or before a run of exactly 2
    // followed by a space and a run of exactly 5.
    const f = factsOf(text);
    if (f.digits < 7) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const s = f.runStart[k] as number;
      if (s < 1 || !isAsciiLetter(text.charCodeAt(s - 1))) continue;
      const len = runLength(f, k);
      const e = f.runEnd[k] as number;
      if (
        len === 7 ||
        (len === 2 &&
          text.charCodeAt(e) === 32 &&
          k + 1 < f.runs &&
          f.runStart[k + 1] === e + 1 &&
          runLength(f, k + 1) === 5)
      )
        next = tryAt(PASSPORT_AT, text, s - 1, next, onPassport, emit);
    }
  },
};

// ---------------------------------------------------------------------------------------------------
// IN_VEHICLE_REGISTRATION
// ---------------------------------------------------------------------------------------------------

/**
 * RTO district numbers of each state or territory code, as Presidio lists them (ranges, inclusive).
 * Every list but Bihar's and Arunachal Pradesh's is a range without 21: Presidio leaves 21 out (plates
 * of a district 21 are reported as `unchecked`).
 */
const DISTRICTS: Readonly<Record<string, string>> = {
  AN: '1',
  AP: '39-40',
  AR: '1-17 19-20 22',
  AS: '1-20 22-34',
  BR: '1-11 19 21-22 24-34 37-39 43-46 50-53 55-56',
  CG: '1-30',
  CH: '1-4',
  DD: '1-3',
  DN: '9',
  DL: '1-13',
  GA: '1-12',
  GJ: '1-39',
  HP: '1-20 22-99',
  HR: '1-20 22-99',
  JH: '1-20 22-24',
  JK: '1-20 22',
  KA: '1-20 22-71',
  KL: '1-20 22-99',
  LA: '1-2',
  LD: '1-9',
  MH: '1-20 22-51',
  ML: '1-10',
  MN: '1-7',
  MP: '1-20 22-71',
  MZ: '1-8',
  NL: '1-10',
  OD: '1-20 22-35',
  OR: '1-20 22-31',
  PB: '1-20 22-99',
  PY: '1-5',
  RJ: '1-20 22-58',
  SK: '1-8',
  TN: '1-20 22-99',
  TR: '1-8',
  TS: '1-20 22-38',
  UK: '1-20',
  UP: '11-20 22-96',
  WB: '1-20 22-98',
};

/** Codes whose districts Presidio lists as "1".."9": a one-digit district is written without a 0. */
const UNPADDED: ReadonlySet<string> = /* @__PURE__ */ new Set(['DL', 'GJ']);

/** State and territory codes Presidio knows without a district list (old or non-standard codes). */
const NO_LIST: ReadonlySet<string> = /* @__PURE__ */ new Set(['CT', 'DH', 'UA', 'UL', 'UT']);

/** The district lists as bit sets (bit n: district n), built once. */
const DISTRICT_BITS: ReadonlyMap<string, Uint8Array> = /* @__PURE__ */ (() => {
  const out = new Map<string, Uint8Array>();
  for (const [code, list] of Object.entries(DISTRICTS)) {
    const bits = new Uint8Array(100);
    for (const part of list.split(' ')) {
      const [lo, hi = lo] = part.split('-').map(Number) as [number, number?];
      for (let n = lo; n <= (hi as number); n++) bits[n] = 1;
    }
    out.set(code, bits);
  }
  return out;
})();

/** Diplomatic mission codes beyond 1-80 (Presidio's list). */
const MISSIONS: ReadonlySet<number> = /* @__PURE__ */ new Set([
  84, 85, 89, 93, 94, 95, 97, 98, 99, 102, 104, 105, 106, 109, 111, 112, 113, 117, 119, 120, 121, 122, 123, 125, 126,
  128, 133, 134, 135, 137, 141, 145, 147, 149, 152, 153, 155, 156, 157, 159, 160,
]);

/** The plate forms `inVehicleRegistrationStatus` knows. */
type VehicleForm = 'standard' | 'old' | 'bharat' | 'diplomatic' | 'armed';

/** The separators dropped from a series of letters. */
function lettersOnly(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) if (isAsciiLetter(s.charCodeAt(i))) out += s.charAt(i);
  return out;
}

/** Status of a standard plate: code, district (1-2 digits), series (letters, maybe separated), number. */
function standardStatus(code: string, district: string, series: string, number: string): InIdStatus {
  const n = Number(district);
  if (number === '0000' || n === 0 || lettersOnly(series).length > (district.length === 2 ? 2 : 3)) return 'invalid';
  const known = DISTRICT_BITS.get(code);
  if (known === undefined) return NO_LIST.has(code) ? 'unchecked' : 'invalid';
  return known[n] === 1 && (district.length === 2 || UNPADDED.has(code)) ? 'checked' : 'unchecked';
}

/** The form and status of an upper-case plate, `undefined` when it has none of the forms. */
function plateOf(s: string): { form: VehicleForm; status: InIdStatus } | undefined {
  const std = VEHICLE_STANDARD.exec(s);
  if (std !== null) {
    const [, code = '', district = '', series = '', number = ''] = std;
    return { form: 'standard', status: standardStatus(code, district, series, number) };
  }
  const old = VEHICLE_OLD.exec(s);
  if (old !== null) return { form: 'old', status: old[1] === '0000' ? 'invalid' : 'unchecked' };
  const bh = VEHICLE_BHARAT.exec(s);
  if (bh !== null) return { form: 'bharat', status: Number(bh[1]) >= 21 && bh[2] !== '0000' ? 'checked' : 'invalid' };
  const cd = VEHICLE_DIPLOMATIC.exec(s);
  if (cd !== null) {
    const n = Number(cd[1]);
    return { form: 'diplomatic', status: (n >= 1 && n <= 80) || MISSIONS.has(n) ? 'checked' : 'invalid' };
  }
  const armed = VEHICLE_ARMED.exec(s);
  if (armed !== null) return { form: 'armed', status: armed[1] === '00' ? 'invalid' : 'unchecked' };
  return undefined;
}

/**
 * Classify an Indian vehicle registration (upper case; groups optionally separated by a space or a dash
 * where the recognizer accepts them):
 *
 * - standard ("KA 53 ME 3456"): a state or territory code Presidio knows, the RTO district (1-2
 *   digits; 1 digit only for DL and GJ, whose lists Presidio writes so), 1-3 series letters (1-2 after
 *   a 2-digit district) and a number 0001-9999. `checked` when the district is in Presidio's list for
 *   the state, `unchecked` when it is not or the code has no list (CT, DH, UA, UL, UT), `invalid` for an
 *   unknown code, district 0 or number 0000;
 * - Bharat series ("22 BH 1234 AA"): year 21 or later, number 0001-9999, letters without I and O:
 *   `checked`;
 * - diplomatic ("77 CD 1234"): mission code 1-80 or in Presidio's list of higher codes: `checked`;
 * - armed forces ("15B123456K"): a year other than 00, a class letter (A B C D E F H K P R X), a serial
 *   and a letter whose check is not published: `unchecked`;
 * - pre-1989 ("MCX1243"), three letters and a number 0001-9999: `unchecked`.
 *
 * @example
 * ```ts
 * inVehicleRegistrationStatus('KA53ME3456'); // 'checked'
 * inVehicleRegistrationStatus('KA99ME3456'); // 'unchecked' (no district 99 in Karnataka's list)
 * inVehicleRegistrationStatus('XX53ME3456'); // 'invalid'
 * ```
 */
export function inVehicleRegistrationStatus(s: string): InIdStatus {
  if (typeof s !== 'string' || s.length > 15) return 'invalid';
  return plateOf(s)?.status ?? 'invalid';
}

/**
 * Indian vehicle registration that `inVehicleRegistrationStatus` reports `checked`: a standard plate of
 * a listed district, a Bharat-series plate or a diplomatic plate of a listed mission.
 *
 * @example
 * ```ts
 * inVehicleRegistrationValid('MH 12 AB 1234'); // true
 * inVehicleRegistrationValid('MH 12 AB 0000'); // false
 * ```
 */
export function inVehicleRegistrationValid(s: string): boolean {
  return inVehicleRegistrationStatus(s) === 'checked';
}

/**
 * @internal The score the recognizer gives a match of `IN_VEHICLE_REGISTRATION_RE` (`undefined`: not
 * reported): standard 0.85 checked, 0.3 unchecked (0.2 checked in lower or mixed case, unchecked not
 * reported); Bharat 0.6 (0.2); diplomatic 0.4, armed forces 0.3, pre-1989 0.2, upper case only.
 *
 * @example
 * ```ts
 * inVehicleScore('KA53ME3456'); // 0.85
 * inVehicleScore('ka53me3456'); // 0.2
 * ```
 */
export function inVehicleScore(s: string): number | undefined {
  if (typeof s !== 'string' || s.length > 15) return undefined;
  const upper = s.toUpperCase();
  const plate = plateOf(upper);
  if (plate === undefined || plate.status === 'invalid') return undefined;
  const asIs = upper === s;
  switch (plate.form) {
    case 'standard':
      if (plate.status === 'checked') return asIs ? 0.85 : 0.2;
      return asIs ? 0.3 : undefined;
    case 'bharat':
      return asIs ? 0.6 : 0.2;
    case 'diplomatic':
      return asIs ? 0.4 : undefined;
    case 'armed':
      return asIs ? 0.3 : undefined;
    default:
      return asIs ? 0.2 : undefined;
  }
}

const VEHICLE_CONTEXT = wordSet(
  "rto vehicle vehicles vehicle's plate plates numberplate registration regn reg registered rc " +
    "car car's bike bike's scooter motorcycle motorbike truck taxi vahan वाहन",
);

const makeVehicle = /* @__PURE__ */ emitter('inVehicleRegistration', 'IN_VEHICLE_REGISTRATION', VEHICLE_CONTEXT, 0.35);

const VEHICLE_AT = /* @__PURE__ */ stickyTwin(IN_VEHICLE_REGISTRATION_RE);

function onVehicle(m: RegExpExecArray, emit: Emit): void {
  const score = inVehicleScore(m[0]);
  if (score !== undefined) emit(makeVehicle(m.index, m.index + m[0].length, score));
}

function isSep(c: number): boolean {
  return c === 32 || c === 45;
}

/**
 * Where a letter-led form of IN_VEHICLE_REGISTRATION_RE can start for digit run `k` (-1: nowhere): two
 * letters, or two letters and a separator, before a run of 1-2 digits (the district); three letters
 * before a run of exactly 4 (pre-1989).
 */
function letterStart(text: string, f: TextFacts, k: number): number {
  const s = f.runStart[k] as number;
  const len = runLength(f, k);
  if (len === 4) return lettersAt(text, s - 3, 3) ? s - 3 : -1;
  if (len > 2) return -1;
  if (lettersAt(text, s - 2, 2)) return s - 2;
  return s >= 3 && isSep(text.charCodeAt(s - 1)) && lettersAt(text, s - 3, 2) ? s - 3 : -1;
}

/**
 * Whether a digit-led form can start at digit run `k`: a run of 1-3 digits followed by a letter, or by a
 * separator and a letter.
 */
function digitStart(text: string, f: TextFacts, k: number): boolean {
  if (runLength(f, k) > 3) return false;
  const e = f.runEnd[k] as number;
  const c = text.charCodeAt(e);
  return isAsciiLetter(c) || (isSep(c) && isAsciiLetter(text.charCodeAt(e + 1)));
}

/**
 * Indian vehicle registration numbers (`IN_VEHICLE_REGISTRATION`), see `inVehicleRegistrationStatus`.
 * A standard plate of a listed district scores 0.85 and a Bharat-series plate 0.6: both pass the default
 * threshold alone in upper case. The other forms need a context word ("vehicle", "rto", "plate",
 * "registration", "car"...; +0.35): unknown district 0.3, diplomatic 0.4, armed forces 0.3, pre-1989
 * 0.2; checked plates in lower or mixed case 0.2.
 *
 * @example
 * ```ts
 * detectPII('My car is KA 53 ME 3456', { recognizers: [inVehicleRegistrationRecognizer] });
 * // [{ entity: 'IN_VEHICLE_REGISTRATION', start: 10, end: 23, ... }]
 * ```
 */
export const inVehicleRegistrationRecognizer: PiiRecognizer = {
  name: 'inVehicleRegistration',
  entities: ['IN_VEHICLE_REGISTRATION'],
  maxLength: 15,
  scan(text, emit) {
    // Every form holds a digit run of 1-2 (standard, Bharat, armed forces), 1-3 (diplomatic) or 4
    // (pre-1989) digits where it starts or 2-3 units after; starts are tried in increasing order (a
    // letter-led start needs letters or a separator before run k, so it is after run k - 1).
    const f = factsOf(text);
    if (f.digits < 3) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const at = letterStart(text, f, k);
      if (at >= 0) next = tryAt(VEHICLE_AT, text, at, next, onVehicle, emit);
      if (digitStart(text, f, k)) next = tryAt(VEHICLE_AT, text, f.runStart[k] as number, next, onVehicle, emit);
    }
  },
};

// ---------------------------------------------------------------------------------------------------
// IN_GSTIN
// ---------------------------------------------------------------------------------------------------

/** Value of a character of 0-9A-Z (upper case), -1 for others. */
function base36(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return c - 55;
  return -1;
}

/**
 * Whether `code` (2 digits) is a GST state code: 01-37 (python-stdnum), 38 (Ladakh) and 97 (Other
 * Territory). 99 (Centre Jurisdiction) is left out: its registrations do not embed a PAN.
 */
function gstState(code: number): boolean {
  return (code >= 1 && code <= 38) || code === 97;
}

/**
 * GSTIN (India, GST): upper-case `99AAAAA9999A9ZC`: a state code (01-38, 97), a valid PAN
 * (`panValid`: holder type, serial not 0000), a registration number 1-9 or A-Z (not 0), 'Z', and a
 * check character: over the first 14 characters valued 0-35 (0-9, A-Z), every second one (2nd, 4th...)
 * doubled and its base-36 digits added, the check makes the total a multiple of 36 (Luhn mod 36). The
 * doubling maps 0-35 one to one, so every single-character change is caught.
 *
 * @example
 * ```ts
 * inGstinValid('27AAPFU0939F1ZV'); // true
 * inGstinValid('27AAPFU0939F1ZO'); // false (check character)
 * ```
 */
export function inGstinValid(s: string): boolean {
  if (typeof s !== 'string' || !GSTIN_FORM.test(s)) return false;
  const state = (s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48);
  if (!gstState(state) || s.charCodeAt(12) === 48 || !panValid(s.slice(2, 12))) return false;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const v = base36(s.charCodeAt(i)) * (i % 2 === 1 ? 2 : 1);
    sum += Math.floor(v / 36) + (v % 36);
  }
  return (36 - (sum % 36)) % 36 === base36(s.charCodeAt(14));
}

const GSTIN_CONTEXT = wordSet('gstin gstins gstn gst goods services tax taxpayer identification vat');

const makeGstin = /* @__PURE__ */ emitter('inGstin', 'IN_GSTIN', GSTIN_CONTEXT, 0.35);

const GSTIN_AT = /* @__PURE__ */ stickyTwin(IN_GSTIN_RE);

function onGstin(m: RegExpExecArray, emit: Emit): void {
  const upper = m[0].toUpperCase();
  if (inGstinValid(upper)) emit(makeGstin(m.index, m.index + m[0].length, upper === m[0] ? 0.9 : 0.6));
}

/**
 * Indian GST identification numbers (`IN_GSTIN`), checked (`inGstinValid`). Scores 0.9 in upper case,
 * 0.6 in lower or mixed case; a context word ("gstin", "gst", "tax"...) adds 0.35.
 *
 * @example
 * ```ts
 * detectPII('GSTIN: 27AAPFU0939F1ZV', { recognizers: [inGstinRecognizer] }); // [{ entity: 'IN_GSTIN', start: 7, end: 22, ... }]
 * ```
 */
export const inGstinRecognizer: PiiRecognizer = {
  name: 'inGstin',
  entities: ['IN_GSTIN'],
  maxLength: 15,
  scan(text, emit) {
    // IN_GSTIN_RE starts at a run of exactly 2 digits, followed by 5 letters and a run of exactly 4.
    const f = factsOf(text);
    if (f.digits < 6) return;
    let next = 0;
    for (let k = 0; k + 1 < f.runs; k++) {
      const e = f.runEnd[k] as number;
      if (runLength(f, k) === 2 && f.runStart[k + 1] === e + 5 && runLength(f, k + 1) === 4)
        next = tryAt(GSTIN_AT, text, f.runStart[k] as number, next, onGstin, emit);
    }
  },
};

/**
 * The Indian identifier recognizers of this module, opt-in: voter ID (`IN_VOTER`), passport
 * (`IN_PASSPORT`), vehicle registration (`IN_VEHICLE_REGISTRATION`) and GSTIN (`IN_GSTIN`).
 *
 * @example
 * ```ts
 * import { BUILTIN_RECOGNIZERS, detectPII } from '@modelsec/validators';
 * detectPII(text, { recognizers: [...BUILTIN_RECOGNIZERS, ...IN_ID_RECOGNIZERS] });
 * ```
 */
export const IN_ID_RECOGNIZERS: readonly PiiRecognizer[] = /* @__PURE__ */ Object.freeze([
  inVoterRecognizer,
  inPassportRecognizer,
  inVehicleRegistrationRecognizer,
  inGstinRecognizer,
]);
