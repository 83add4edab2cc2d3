/**
 * Numeric and alphanumeric identifiers validated by check digits or structure: payment cards
 * (Luhn + issuer ranges), IBAN (mod 97 + per-country length), US SSN (Presidio's invalidation rules),
 * UK NHS numbers (mod 11), and the context-dependent US bank account, passport and driver-licence numbers.
 */
import { wordSet } from '../shared/context';
import { digitsOf, forEachMatch, scanAnchored } from '../shared/regex';
import { IBAN_LENGTHS, ibanValid, luhn, nhsValid } from './checksums';
import type { PiiCandidate, PiiRecognizer } from './types';

/** @internal Payment card candidates: 12-19 digits with optional single space/dash separators. */
export const CARD_RE: RegExp = /\d(?:[ -]?\d){11,18}(?!\d)/y;
/** @internal */
export const DIGIT_RUN: RegExp = /\d+/g;
const cardStart = (t: string, i: number) => !/[\d.-]/.test(t[i - 1] ?? '');
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

/** Issuer prefixes and allowed lengths (ISO/IEC 7812 ranges of the major networks). */
function cardIssuerOk(d: string): boolean {
  const n = d.length;
  const p2 = Number(d.slice(0, 2));
  const p3 = Number(d.slice(0, 3));
  const p4 = Number(d.slice(0, 4));
  const p6 = Number(d.slice(0, 6));
  if (d[0] === '4') return n === 13 || n === 16 || n === 19; // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return n === 15; // American Express
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) return n >= 16 && n <= 19; // Discover
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19; // JCB
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39 || p4 === 3095) return n >= 14 && n <= 19; // Diners
  if (p2 === 62 || p2 === 81) return n >= 16 && n <= 19; // UnionPay
  if (p2 === 50 || (p2 >= 56 && p2 <= 69) || p4 === 6759) return n >= 12 && n <= 19; // Maestro
  if (p4 >= 2200 && p4 <= 2204) return n === 16; // Mir
  return false;
}

/** One kind of separator, in groups of 4 (or Amex 4-6-5): random digit runs with stray spaces are not cards. */
function cardGroupsOk(s: string): boolean {
  const seps = s.match(/[ -]/g);
  if (!seps) return true;
  if (new Set(seps).size > 1) return false;
  const groups = s.split(/[ -]/).map((g) => g.length);
  if (groups.every((g, i) => g === 4 || (i === groups.length - 1 && g >= 1 && g <= 4))) return true;
  const shape = groups.join('-');
  return shape === '4-6-5' || shape === '4-6-4' || shape === '6-13' || shape === '4-4-4-4-3';
}

/** Presidio's US SSN invalidation rules. */
export function ssnInvalid(raw: string): boolean {
  const d = digitsOf(raw);
  if (d.length !== 9) return true;
  if (/^(\d)\1{8}$/.test(d)) return true;
  if (d.slice(3, 5) === '00' || d.slice(5) === '0000') return true;
  if (d.startsWith('000') || d.startsWith('666')) return true;
  return ['123456789', '098765432', '078051120', '219099999'].includes(d);
}

const emitter =
  (name: string, entity: string, context: ReadonlySet<string>, contextBoost?: number) =>
  (start: number, end: number, score: number): PiiCandidate => {
    const c: PiiCandidate = { entity, start, end, score, recognizer: name, context };
    if (contextBoost !== undefined) c.contextBoost = contextBoost;
    return c;
  };

/** Payment cards: Luhn, issuer range and length, consistent grouping. */
export const creditCardRecognizer: PiiRecognizer = {
  name: 'creditCard',
  entities: ['CREDIT_CARD'],
  maxLength: 23,
  scan(text, emit) {
    const make = emitter('creditCard', 'CREDIT_CARD', CARD_CONTEXT, 0.2);
    scanAnchored(DIGIT_RUN, CARD_RE, text, cardStart, (m) => {
      const d = digitsOf(m[0]);
      if (!cardIssuerOk(d) || !luhn(d) || !cardGroupsOk(m[0])) return;
      emit(make(m.index, m.index + m[0].length, 0.8));
    });
  },
};

/** IBAN: per-country length, mod 97. Accepts lower case and 4-character groups. */
export const ibanRecognizer: PiiRecognizer = {
  name: 'iban',
  entities: ['IBAN_CODE'],
  maxLength: 42,
  scan(text, emit) {
    const make = emitter('iban', 'IBAN_CODE', IBAN_CONTEXT, 0.1);
    forEachMatch(IBAN_RE, text, (m) => {
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
      emit(make(m.index, m.index + end, 0.9));
    });
  },
};

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** US Social Security numbers: delimited ones score 0.5 (Presidio's "SSN5"), bare 9 digits need context. */
export const ssnRecognizer: PiiRecognizer = {
  name: 'usSsn',
  entities: ['US_SSN'],
  maxLength: 11,
  scan(text, emit) {
    const make = emitter('usSsn', 'US_SSN', SSN_CONTEXT);
    forEachMatch(SSN_RE, text, (m) => {
      if (ssnInvalid(m[0])) return;
      emit(make(m.index, m.index + m[0].length, m[0].length === 9 ? 0.15 : 0.6));
    });
  },
};

/** UK NHS numbers: mod 11 valid; need a context word to pass the default threshold (they look like phone numbers). */
export const nhsRecognizer: PiiRecognizer = {
  name: 'ukNhs',
  entities: ['UK_NHS'],
  maxLength: 12,
  scan(text, emit) {
    const make = emitter('ukNhs', 'UK_NHS', NHS_CONTEXT, 0.45);
    forEachMatch(NHS_RE, text, (m) => {
      if (nhsValid(digitsOf(m[0]))) emit(make(m.index, m.index + m[0].length, 0.4));
    });
  },
};

/** US bank account numbers (8-17 digits): context only, as in Presidio. */
export const bankNumberRecognizer: PiiRecognizer = {
  name: 'usBankNumber',
  entities: ['US_BANK_NUMBER'],
  maxLength: 17,
  scan(text, emit) {
    const make = emitter('usBankNumber', 'US_BANK_NUMBER', BANK_CONTEXT, 0.5);
    forEachMatch(BANK_RE, text, (m) => emit(make(m.index, m.index + m[0].length, 0.1)));
  },
};

/** US passport numbers (9 digits, or a letter and 8 digits since 2021): context only. */
export const passportRecognizer: PiiRecognizer = {
  name: 'usPassport',
  entities: ['US_PASSPORT'],
  maxLength: 9,
  scan(text, emit) {
    const make = emitter('usPassport', 'US_PASSPORT', PASSPORT_CONTEXT, 0.55);
    forEachMatch(PASSPORT_RE, text, (m) => emit(make(m.index, m.index + m[0].length, m[0].length === 9 ? 0.12 : 0.1)));
  },
};

/** US driver licence numbers (state formats vary widely): context only. */
export const driverLicenseRecognizer: PiiRecognizer = {
  name: 'usDriverLicense',
  entities: ['US_DRIVER_LICENSE'],
  maxLength: 17,
  scan(text, emit) {
    const make = emitter('usDriverLicense', 'US_DRIVER_LICENSE', DRIVER_CONTEXT, 0.55);
    forEachMatch(DRIVER_RE, text, (m) => {
      if (!/\d/.test(m[0])) return;
      emit(make(m.index, m.index + m[0].length, 0.11));
    });
  },
};

/** Helper for tests: the candidates of one recognizer (no context scoring). @internal */
export function scanWith(recognizer: PiiRecognizer, text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  recognizer.scan(text, (c) => out.push(c));
  return out;
}
