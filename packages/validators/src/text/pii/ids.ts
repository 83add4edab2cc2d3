/**
 * Numeric and alphanumeric identifiers validated by check digits or structure: payment cards
 * (Luhn + issuer ranges), IBAN (mod 97 + per-country length), US SSN (Presidio's invalidation rules),
 * UK NHS numbers (mod 11), and the context-dependent US bank account, passport and driver-licence numbers.
 */
import { wordSet } from '../shared/context';
import { factsOf, stickyTwin, tryAt } from '../shared/facts';
import { digitsOf } from '../shared/regex';
import { IBAN_LENGTHS, ibanValid, nhsValid } from './checksums';
import { cardGroupsOk, cardNumberOk, twelveDigitsFrom } from './ids-card';
import { emitter, isAsciiLetter, runLength } from './ids-common';
import type { PiiCandidate, PiiRecognizer } from './types';

/** @internal Payment card candidates: 12-19 digits with optional single space/dash separators. */
export const CARD_RE: RegExp = /\d(?:[ -]?\d){11,18}(?!\d)/y;
/** @internal */
export const DIGIT_RUN: RegExp = /\d+/g;
/** @internal IBAN candidates (case-insensitive, optional spaces). */
export const IBAN_RE: RegExp = /(?<![\p{L}\p{N}_])[a-z]{2}\d{2}(?: ?[a-z0-9]){11,32}/giu;
/** @internal SSN candidates: 3-2-4 digits with one kind of separator, or 9 digits. */
export const SSN_RE: RegExp =
  /(?<![\w-])(?:\d{3}-\d{2}-\d{4}|\d{3} \d{2} \d{4}|\d{3}\.\d{2}\.\d{4}|\d{9})(?![\w]|-\d)/g;
/** @internal NHS candidates: 3-3-4 digits. */
export const NHS_RE: RegExp = /(?<![\w-])(?:\d{3} \d{3} \d{4}|\d{3}-\d{3}-\d{4}|\d{10})(?![\w]|-\d)/g;
/** @internal Digit runs for bank account numbers. */
export const BANK_RE: RegExp = /(?<![\w-])\d{8,17}(?![\w]|-\d)/g;
/** @internal Passport numbers: 9 digits or a letter and 8 digits. */
export const PASSPORT_RE: RegExp = /(?<![\w-])(?:[A-Z]\d{8}|\d{9})(?![\w]|-\d)/g;
/** @internal US driver licence shapes (letters + digits in the common state formats). */
export const DRIVER_RE: RegExp =
  /(?<![\w-])(?:[A-Z]{1,2}\d{5,14}[A-Z]?|\d{7,14}[A-Z]{0,2}|\d{3}[A-Z]{2}\d{4})(?![\w]|-\d)/gi;

const CARD_CONTEXT = wordSet('credit card cc visa mastercard amex discover debit payment pay card# cvv expiry exp');
const IBAN_CONTEXT = wordSet('iban bank account transfer wire sepa');
const SSN_CONTEXT = wordSet('ssn ssns social security ss# ssid');
const NHS_CONTEXT = wordSet('nhs health patient hospital medical gp surgery');
const BANK_CONTEXT = wordSet('account acct bank checking savings routing deposit debit aba');
const PASSPORT_CONTEXT = wordSet('passport travel visa');
const DRIVER_CONTEXT = wordSet("driver driver's drivers license licence dl driving permit");

/**
 * Presidio's US SSN invalidation rules, and the Social Security Administration's area numbers 900-999,
 * which it never issues (ITINs are written in them: `usItinRecognizer`).
 *
 * @example
 * ```ts
 * ssnInvalid('912-70-3456'); // true (area 9XX)
 * ```
 */
export function ssnInvalid(raw: string): boolean {
  const d = digitsOf(raw);
  if (d.length !== 9) return true;
  if (/^(\d)\1{8}$/.test(d)) return true;
  if (d.slice(3, 5) === '00' || d.slice(5) === '0000') return true;
  if (d.startsWith('000') || d.startsWith('666') || d.startsWith('9')) return true;
  return ['123456789', '098765432', '078051120', '219099999'].includes(d);
}

// Every pattern below starts at (or one or two letters before) a run of ASCII digits, so each is tried
// only there, through a sticky twin with the same source, and only when the run has a length the
// pattern can match: the matches, and their order, are those of the global pattern.
const IBAN_AT = /* @__PURE__ */ stickyTwin(IBAN_RE);
const SSN_AT = /* @__PURE__ */ stickyTwin(SSN_RE);
const NHS_AT = /* @__PURE__ */ stickyTwin(NHS_RE);
const BANK_AT = /* @__PURE__ */ stickyTwin(BANK_RE);
const PASSPORT_AT = /* @__PURE__ */ stickyTwin(PASSPORT_RE);
const DRIVER_AT = /* @__PURE__ */ stickyTwin(DRIVER_RE);

type Emit = (candidate: PiiCandidate) => void;

// Match handlers are module-level functions (no closure per scan).

const makeCard = /* @__PURE__ */ emitter('creditCard', 'CREDIT_CARD', CARD_CONTEXT, 0.2);
const makeIban = /* @__PURE__ */ emitter('iban', 'IBAN_CODE', IBAN_CONTEXT, 0.1);
const makeSsn = /* @__PURE__ */ emitter('usSsn', 'US_SSN', SSN_CONTEXT);
const makeNhs = /* @__PURE__ */ emitter('ukNhs', 'UK_NHS', NHS_CONTEXT, 0.45);
const makeBank = /* @__PURE__ */ emitter('usBankNumber', 'US_BANK_NUMBER', BANK_CONTEXT, 0.5);
const makePassport = /* @__PURE__ */ emitter('usPassport', 'US_PASSPORT', PASSPORT_CONTEXT, 0.55);
const makeDriver = /* @__PURE__ */ emitter('usDriverLicense', 'US_DRIVER_LICENSE', DRIVER_CONTEXT, 0.55);

function onCard(m: RegExpExecArray, emit: Emit): void {
  if (!cardNumberOk(m[0]) || !cardGroupsOk(m[0])) return; // issuer, length and Luhn; grouping
  emit(makeCard(m.index, m.index + m[0].length, 0.8));
}

/** Payment cards: Luhn, issuer range and length, consistent grouping. */
export const creditCardRecognizer: PiiRecognizer = {
  name: 'creditCard',
  entities: ['CREDIT_CARD'],
  maxLength: 23,
  scan(text, emit) {
    const f = factsOf(text);
    if (f.digits < 12) return; // CARD_RE needs 12 digits
    // scanDigitRuns(f, CARD_RE, text, accept, onCard, emit) with accept(text, at) = "no digit, '.' or
    // '-' before `at`, and 12 digits from `at`", the latter read from the runs (ids-card.ts).
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const end = f.runEnd[k] as number;
      if (end <= next) continue;
      const at = Math.max(f.runStart[k] as number, next);
      next = end;
      const c = text.charCodeAt(at - 1); // NaN before the start: accepted
      if ((c >= 48 && c <= 57) || c === 46 || c === 45 || !twelveDigitsFrom(text, f, k, at)) continue;
      CARD_RE.lastIndex = at;
      const m = CARD_RE.exec(text);
      if (m !== null) {
        onCard(m, emit);
        next = Math.max(next, at + Math.max(1, m[0].length));
      }
    }
    CARD_RE.lastIndex = 0;
  },
};

/** IBAN: per-country length, mod 97. Accepts lower case and 4-character groups. */
export const ibanRecognizer: PiiRecognizer = {
  name: 'iban',
  entities: ['IBAN_CODE'],
  maxLength: 42,
  scan(text, emit) {
    // IBAN_RE starts two letters ([a-z] under /iu: ASCII letters, U+017F, U+212A) before a run of 2+ digits.
    const f = factsOf(text);
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const s = f.runStart[k] as number;
      if (s < 2 || runLength(f, k) < 2 || !ibanLetter(text.charCodeAt(s - 1)) || !ibanLetter(text.charCodeAt(s - 2)))
        continue;
      next = tryAt(IBAN_AT, text, s - 2, next, onIban, emit);
    }
  },
};

function onIban(m: RegExpExecArray, emit: Emit, text: string): void {
  const len = IBAN_LENGTHS[m[0].slice(0, 2).toUpperCase()];
  if (len === undefined) return;
  // Take exactly `len` alphanumerics (the regex may run into following words).
  let count = 0;
  let end = 0;
  const s = m[0];
  while (end < s.length && count < len) {
    if (s[end] !== ' ') count++;
    end++;
  }
  if (count !== len) return;
  const next = text.charCodeAt(m.index + end);
  if (isAlnum(next)) return;
  if (!ibanValid(s.slice(0, end))) return;
  emit(makeIban(m.index, m.index + end, 0.9));
}

function ibanLetter(c: number): boolean {
  return isAsciiLetter(c) || c === 0x17f || c === 0x212a;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function onSsn(m: RegExpExecArray, emit: Emit): void {
  if (ssnInvalid(m[0])) return;
  emit(makeSsn(m.index, m.index + m[0].length, m[0].length === 9 ? 0.15 : 0.6));
}

function onNhs(m: RegExpExecArray, emit: Emit): void {
  if (nhsValid(digitsOf(m[0]))) emit(makeNhs(m.index, m.index + m[0].length, 0.4));
}

function onBank(m: RegExpExecArray, emit: Emit): void {
  emit(makeBank(m.index, m.index + m[0].length, 0.1));
}

function onPassport(m: RegExpExecArray, emit: Emit): void {
  emit(makePassport(m.index, m.index + m[0].length, m[0].length === 9 ? 0.12 : 0.1));
}

function onDriver(m: RegExpExecArray, emit: Emit): void {
  if (!/\d/.test(m[0])) return;
  emit(makeDriver(m.index, m.index + m[0].length, 0.11));
}

/** US Social Security numbers: delimited ones score 0.5 (Presidio's "SSN5"), bare 9 digits need context. */
export const ssnRecognizer: PiiRecognizer = {
  name: 'usSsn',
  entities: ['US_SSN'],
  maxLength: 11,
  scan(text, emit) {
    // SSN_RE starts at a digit run of exactly 3 digits followed by its separator, or of exactly 9.
    const f = factsOf(text);
    if (f.digits < 9) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const len = runLength(f, k);
      const c = text.charCodeAt(f.runEnd[k] as number);
      if (len === 9 || (len === 3 && (c === 45 || c === 32 || c === 46)))
        next = tryAt(SSN_AT, text, f.runStart[k] as number, next, onSsn, emit);
    }
  },
};

/** UK NHS numbers: mod 11 valid; need a context word to pass the default threshold (they look like phone numbers). */
export const nhsRecognizer: PiiRecognizer = {
  name: 'ukNhs',
  entities: ['UK_NHS'],
  maxLength: 12,
  scan(text, emit) {
    // NHS_RE starts at a digit run of exactly 3 digits followed by a space or dash, or of exactly 10.
    const f = factsOf(text);
    if (f.digits < 10) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const len = runLength(f, k);
      const c = text.charCodeAt(f.runEnd[k] as number);
      if (len === 10 || (len === 3 && (c === 32 || c === 45)))
        next = tryAt(NHS_AT, text, f.runStart[k] as number, next, onNhs, emit);
    }
  },
};

/** US bank account numbers (8-17 digits): context only, as in Presidio. */
export const bankNumberRecognizer: PiiRecognizer = {
  name: 'usBankNumber',
  entities: ['US_BANK_NUMBER'],
  maxLength: 17,
  scan(text, emit) {
    // BANK_RE is a whole digit run of 8-17 digits.
    const f = factsOf(text);
    if (f.digits < 8) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const len = runLength(f, k);
      if (len >= 8 && len <= 17) next = tryAt(BANK_AT, text, f.runStart[k] as number, next, onBank, emit);
    }
  },
};

/** US passport numbers (9 digits, or a letter and 8 digits since 2021): context only. */
export const passportRecognizer: PiiRecognizer = {
  name: 'usPassport',
  entities: ['US_PASSPORT'],
  maxLength: 9,
  scan(text, emit) {
    // PASSPORT_RE is a whole run of 9 digits, or a capital letter and a whole run of 8.
    const f = factsOf(text);
    if (f.digits < 8) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const len = runLength(f, k);
      const s = f.runStart[k] as number;
      if (len === 9) next = tryAt(PASSPORT_AT, text, s, next, onPassport, emit);
      else if (len === 8 && s > 0) {
        const c = text.charCodeAt(s - 1);
        if (c >= 65 && c <= 90) next = tryAt(PASSPORT_AT, text, s - 1, next, onPassport, emit);
      }
    }
  },
};

/** US driver licence numbers (state formats vary widely): context only. */
export const driverLicenseRecognizer: PiiRecognizer = {
  name: 'usDriverLicense',
  entities: ['US_DRIVER_LICENSE'],
  maxLength: 17,
  scan(text, emit) {
    // DRIVER_RE (/i, ASCII) starts one or two letters before a whole run of 5-14 digits, or at a whole
    // run of 7-14 digits, or at a run of exactly 3 (then two letters and four digits).
    const f = factsOf(text);
    if (f.digits < 5) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const len = runLength(f, k);
      const s = f.runStart[k] as number;
      if (len >= 5 && len <= 14 && s > 0 && isAsciiLetter(text.charCodeAt(s - 1))) {
        if (s > 1 && isAsciiLetter(text.charCodeAt(s - 2))) next = tryAt(DRIVER_AT, text, s - 2, next, onDriver, emit);
        next = tryAt(DRIVER_AT, text, s - 1, next, onDriver, emit);
      }
      if ((len >= 7 && len <= 14) || len === 3) next = tryAt(DRIVER_AT, text, s, next, onDriver, emit);
    }
  },
};

/** Helper for tests: the candidates of one recognizer (no context scoring). @internal */
export function scanWith(recognizer: PiiRecognizer, text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  recognizer.scan(text, (c) => out.push(c));
  return out;
}
