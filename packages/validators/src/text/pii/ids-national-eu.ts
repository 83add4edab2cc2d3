/**
 * Opt-in recognizers of European national identifiers, each validated by its check character and its
 * structure: the Spanish DNI/NIF (mod 23 letter, also the K/L/M forms) and NIE (X/Y/Z + mod 23), the
 * Italian codice fiscale (odd/even tables mod 26, omocodia letters, birth date, place code) and partita
 * IVA (Luhn, office code; also written in groups of digits), the Polish PESEL (weights 1-3-7-9, birth
 * date with the century in the month), the Finnish henkilötunnus (mod 31, the century signs of 2023) and
 * the UK National Insurance number (prefix rules, HMRC's administrative and temporary numbers; it has no
 * checksum). Three Italian documents have no check character and are matched by their shape only: the
 * passport, the identity card (paper and electronic, CIE) and the driving licence.
 * Entity names are Presidio's. None is a built-in: pass `EU_ID_RECOGNIZERS` (or some of them) to
 * `detectPII`, with `BUILTIN_RECOGNIZERS` to keep the rest.
 *
 * Scores: a valid check character on a distinctive shape reaches the default threshold (0.5) alone;
 * a PESEL or a partita IVA (11 digits, like many other numbers), a DNI written with 7 digits and a
 * Finnish code written with digits only need a context word; a NINO in its usual upper-case form scores
 * 0.5, other forms and HMRC's administrative and temporary numbers need a context word; a partita IVA
 * written after "IT" scores 0.5, grouped or not. The Italian passport, identity card and driving licence
 * numbers (shapes shared by many product and reference codes) score 0.2 or less alone and reach 0.5 only
 * next to a context word ("passaporto", "carta d'identità", "patente"). Every pattern is tried only
 * where a match can start (at a digit run, found in the shared text facts), except the codice fiscale
 * written with letters only (all seven digits replaced), which takes one regex pass.
 */
import { wordSet } from '../shared/context';
import { factsOf, stickyTwin, type TextFacts, tryAt } from '../shared/facts';
import { dateOk, emitter, isAsciiLetter, lettersAt, runLength } from './ids-common';
import type { PiiCandidate, PiiRecognizer } from './types';

// Guards shared by the patterns: no letter, digit or underscore (any script) right before or after the
// match, no hyphen joining it to a letter or digit ("ref-", "-2"), and no "digit." before it or ".digit"
// after it (a longer number: "1.12345678E+5").

/** @internal Spanish DNI/NIF: 7-8 digits (or 1-2.3.3 with dots), or K/L/M and 7 digits; optional '-'; the control letter. */
export const ES_NIF_RE: RegExp =
  /(?<![\p{L}\p{N}_]|[\p{L}\p{N}]-|\p{N}\.)(?:[KLMklm]-?\d{7}|\d{7,8}|\d{1,2}\.\d{3}\.\d{3})-?[A-Za-z](?![\p{L}\p{N}_]|-[\p{L}\p{N}]|\.\p{N})/gu;
/** @internal Spanish NIE: X/Y/Z, 7 digits, the control letter (optional '-' after the prefix and before the letter). */
export const ES_NIE_RE: RegExp =
  /(?<![\p{L}\p{N}_]|[\p{L}\p{N}]-|\p{N}\.)[XYZxyz]-?\d{7}-?[A-Za-z](?![\p{L}\p{N}_]|-[\p{L}\p{N}]|\.\p{N})/gu;
/** @internal Italian codice fiscale: 6 letters, year, month letter, day, place, check letter; digits may be omocodia letters. */
export const IT_FISCAL_CODE_RE: RegExp =
  /(?<![\p{L}\p{N}_]|[\p{L}\p{N}]-|\p{N}\.)[A-Za-z]{6}[\dLMNP-Vlmnp-v]{2}[ABCDEHLMPRSTabcdehlmprst][\dLMNP-Vlmnp-v]{2}[A-Za-z][\dLMNP-Vlmnp-v]{3}[A-Za-z](?![\p{L}\p{N}_]|-[\p{L}\p{N}]|\.\p{N})/gu;
/** @internal Codice fiscale with all seven digits replaced by omocodia letters (upper case only: no digit to anchor on). */
export const IT_FISCAL_LETTERS_RE: RegExp =
  /(?<![\p{L}\p{N}_]|[\p{L}\p{N}]-|\p{N}\.)[A-Z]{6}[LMNP-V]{2}[ABCDEHLMPRST][LMNP-V]{2}[A-Z][LMNP-V]{3}[A-Z](?![\p{L}\p{N}_]|-[\p{L}\p{N}]|\.\p{N})/gu;
/** @internal Polish PESEL: 11 digits. */
export const PL_PESEL_RE: RegExp =
  /(?<![\p{L}\p{N}_]|[\p{L}\p{N}]-|\p{N}\.)\d{11}(?![\p{L}\p{N}_]|-[\p{L}\p{N}]|\.\p{N})/gu;
/** @internal Finnish personal identity code: DDMMYY, century sign, 3 digits, check character. */
export const FI_PIC_RE: RegExp =
  /(?<![\p{L}\p{N}_]|[\p{L}\p{N}]-|\p{N}\.)\d{6}[-+A-FU-Ya-fu-y]\d{3}[\dA-FHJ-NPR-Ya-fhj-npr-y](?![\p{L}\p{N}_]|-[\p{L}\p{N}]|\.\p{N})/gu;
/**
 * @internal UK National Insurance number: 2 letters, 3 pairs of digits, suffix A-D (or M/F, the sex of
 * a temporary number); single spaces allowed between the parts.
 *
 * @example
 * ```ts
 * UK_NINO_RE.test('NINO AB 12 34 56 C'); // true (a global regex: reset lastIndex between uses)
 * ```
 */
export const UK_NINO_RE: RegExp =
  /(?<![\p{L}\p{N}_]|[\p{L}\p{N}]-|\p{N}\.)[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-DFMa-dfm](?![\p{L}\p{N}_]|-[\p{L}\p{N}]|\.\p{N})/gu;

/**
 * @internal Italian partita IVA: 11 digits, optionally after "IT" (upper case) and an optional space or
 * '-'; or written in groups joined by single spaces, 2-3-3-3, 5-6 or 3-3-5, optionally after "IT" and
 * an optional space. Without the prefix, a grouped number is not taken after a '+' or after a digit and
 * a space, and never before a space and a digit (the groups of a longer number: a phone number, an
 * IBAN).
 *
 * @example
 * ```ts
 * IT_VAT_CODE_RE.test('P.IVA IT 01333550323'); // true (a global regex: reset lastIndex between uses)
 * IT_VAT_CODE_RE.test('P.IVA IT 00 595 000 217'); // true
 * ```
 */
export const IT_VAT_CODE_RE: RegExp =
  /(?<![\p{L}\p{N}_]|[\p{L}\p{N}]-|\p{N}\.)(?:(?:IT[ -]?)?\d{11}|(?:IT ?|(?<!\+|\p{N} ))(?:\d{2} \d{3} \d{3} \d{3}|\d{5} \d{6}|\d{3} \d{3} \d{5})(?! \p{N}))(?![\p{L}\p{N}_]|-[\p{L}\p{N}]|\.\p{N})/gu;
/**
 * @internal Italian passport: 2 letters, 7 digits.
 *
 * @example
 * ```ts
 * IT_PASSPORT_RE.test('Passaporto YA1234567'); // true
 * ```
 */
export const IT_PASSPORT_RE: RegExp =
  /(?<![\p{L}\p{N}_]|[\p{L}\p{N}]-|\p{N}\.)[A-Za-z]{2}\d{7}(?![\p{L}\p{N}_]|-[\p{L}\p{N}]|\.\p{N})/gu;
/**
 * @internal Italian identity card: paper (2 letters, optional space, 7 digits), CIE 2.0 (7 digits, 2
 * letters), CIE 3.0 (2 letters, 5 digits, 2 letters).
 *
 * @example
 * ```ts
 * IT_IDENTITY_CARD_RE.test('CIE CA12345AA'); // true
 * ```
 */
export const IT_IDENTITY_CARD_RE: RegExp =
  /(?<![\p{L}\p{N}_]|[\p{L}\p{N}]-|\p{N}\.)(?:[A-Za-z]{2}(?: ?\d{7}|\d{5}[A-Za-z]{2})|\d{7}[A-Za-z]{2})(?![\p{L}\p{N}_]|-[\p{L}\p{N}]|\.\p{N})/gu;
/**
 * @internal Italian driving licence: 2 letters, 7 digits, a letter; or a duplicate's U1, 7 digits or
 * letters other than A, I, O, Q and V, a letter.
 *
 * @example
 * ```ts
 * IT_DRIVER_LICENSE_RE.test('Patente U1H00B000C'); // true
 * ```
 */
export const IT_DRIVER_LICENSE_RE: RegExp =
  /(?<![\p{L}\p{N}_]|[\p{L}\p{N}]-|\p{N}\.)(?:[A-Za-z]{2}\d{7}|[Uu]1[\dB-HJ-NPR-UW-Zb-hj-npr-uw-z]{7})[A-Za-z](?![\p{L}\p{N}_]|-[\p{L}\p{N}]|\.\p{N})/gu;

const ES_NIF_CONTEXT = wordSet('dni nif documento identidad identificación identificacion fiscal');
const ES_NIE_CONTEXT = wordSet('nie extranjero extranjera extranjeros identificación identificacion residencia tie');
const IT_FISCAL_CONTEXT = wordSet('codice fiscale cf tessera sanitaria contribuente fiscal');
const PL_PESEL_CONTEXT = wordSet('pesel ewidencyjny');
const FI_PIC_CONTEXT = wordSet(
  'henkilötunnus henkilötunnuksen henkilötunnusta henkilötunnukseni hetu sotu personbeteckning personbeteckningen',
);
const UK_NINO_CONTEXT = wordSet('national insurance ni nino nic');
const IT_VAT_CONTEXT = wordSet('iva piva vat');
const IT_PASSPORT_CONTEXT = wordSet('passaporto passaporti passport');
const IT_IDENTITY_CARD_CONTEXT = wordSet("identità identita d'identità d'identita cie");
const IT_DRIVER_LICENSE_CONTEXT = wordSet('patente patenti licenza');

/** The DNI/NIE control letters, indexed by the number mod 23. */
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
/** The Finnish check characters, indexed by the nine digits mod 31. */
const FI_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
/** Codice fiscale: value of a character in an odd position (1st, 3rd... 15th), for 0-9 and for A-Z. */
const IT_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
/** Codice fiscale month letters, January to December. */
const IT_MONTHS = 'ABCDEHLMPRST';
/** Codice fiscale omocodia letters, standing for the digits 0-9. */
const IT_OMOCODIA = 'LMNPQRSTUV';
/** PESEL weights of the first ten digits. */
const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

// ---------------------------------------------------------------------------------------------------
// Character helpers (ASCII only: the patterns match ASCII letters and digits, never their look-alikes).

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiAlnum(c: number): boolean {
  return isDigit(c) || isAsciiLetter(c);
}

/** Upper case of an ASCII letter's code; other codes unchanged. */
function upper(c: number): number {
  return c >= 97 && c <= 122 ? c - 32 : c;
}

/** No ASCII lower-case letter in `s`. */
function isUpper(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
  }
  return true;
}

/** The ASCII digits of `s`, the other units left out. */
function asciiDigits(s: string): string {
  let d = '';
  for (let i = 0; i < s.length; i++) if (isDigit(s.charCodeAt(i))) d += s[i];
  return d;
}

/** The ASCII digits of `s` as a number (at most 9 of them, so it stays exact). */
function digitValue(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) n = n * 10 + (c - 48);
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------
// Validators. Each takes the value as written (the separators its recognizer accepts), in either case,
// and returns false for anything else; none throws.

/** Whole-value shapes of the validators (anchored, bounded: linear). */
const NIF_WHOLE = /^(?:([KLMklm])-?(\d{7})|(\d{7,8})|(\d{1,2})\.(\d{3})\.(\d{3}))-?([A-Za-z])$/;
const NIE_WHOLE = /^([XYZxyz])-?(\d{7})-?([A-Za-z])$/;
const NINO_WHOLE = /^([A-Za-z])([A-Za-z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-DFMa-dfm])$/;

/**
 * A Spanish DNI/NIF: 8 digits (7 when the leading zero is left out; dots as in "12.345.678") and the
 * letter `TRWAGMYFPDXBNJZSQVHLCKE[n mod 23]`, or K, L or M (minors, non-residents, foreigners without
 * NIE), 7 digits and the letter of those 7 digits. An optional '-' may precede the letter and follow
 * the K/L/M prefix; either case.
 *
 * @example
 * ```ts
 * esNifValid('12345678Z'); // true
 * esNifValid('12.345.678-z'); // true
 * esNifValid('M-1234567-L'); // true
 * esNifValid('12345678A'); // false (the letter of 12345678 is Z)
 * ```
 */
export function esNifValid(s: string): boolean {
  if (typeof s !== 'string' || s.length > 13) return false;
  const m = NIF_WHOLE.exec(s);
  if (m === null) return false;
  const letter = upper((m[7] as string).charCodeAt(0));
  const digits = m[2] ?? m[3] ?? `${m[4]}${m[5]}${m[6]}`;
  return DNI_LETTERS.charCodeAt(digitValue(digits) % 23) === letter;
}

/**
 * A Spanish NIE: X, Y or Z (standing for 0, 1, 2), 7 digits and the letter of that 8-digit number mod
 * 23; an optional '-' after the prefix and before the letter; either case.
 *
 * @example
 * ```ts
 * esNieValid('X1234567L'); // true
 * esNieValid('x-2482300-w'); // true
 * esNieValid('X1234567A'); // false
 * ```
 */
export function esNieValid(s: string): boolean {
  if (typeof s !== 'string' || s.length > 11) return false;
  const m = NIE_WHOLE.exec(s);
  if (m === null) return false;
  const prefix = upper((m[1] as string).charCodeAt(0)) - 88; // X, Y, Z → 0, 1, 2
  const n = prefix * 10_000_000 + digitValue(m[2] as string);
  return DNI_LETTERS.charCodeAt(n % 23) === upper((m[3] as string).charCodeAt(0));
}

/** Value 0-9 of a digit or omocodia letter (upper case), or -1. */
function itDigit(c: number): number {
  if (isDigit(c)) return c - 48;
  return IT_OMOCODIA.indexOf(String.fromCharCode(c));
}

function isVowel(c: number): boolean {
  return c === 65 || c === 69 || c === 73 || c === 79 || c === 85;
}

/**
 * Three name letters as the codice fiscale derives them: consonants first, then vowels, then X
 * padding. So two consonants and any letter, or a letter and a vowel followed by a vowel or X, or a
 * vowel and XX (the patterns Presidio accepts).
 */
function nameTripleOk(a: number, b: number, c: number): boolean {
  if (!isVowel(a) && !isVowel(b)) return true;
  if (isVowel(b) && (isVowel(c) || c === 88)) return true;
  return isVowel(a) && b === 88 && c === 88;
}

/**
 * An Italian codice fiscale of a person: 16 characters, surname and name letters (consonants, vowels,
 * X padding), year, month letter, day (+40 for women) forming a real date, birthplace (A-M or Z and a
 * number other than 000), and the check letter (odd-position table plus even-position values, mod 26).
 * Any of the seven digits may be an omocodia letter (L M N P Q R S T U V for 0-9). Either case.
 *
 * @example
 * ```ts
 * itFiscalCodeValid('RSSMRA45C12F205C'); // true
 * itFiscalCodeValid('RSSMRA45C12F20RX'); // true (omocodia: R stands for 5)
 * itFiscalCodeValid('RSSMRA45C12F205D'); // false
 * ```
 */
export function itFiscalCodeValid(s: string): boolean {
  if (typeof s !== 'string' || s.length !== 16) return false;
  const u = new Array<number>(16);
  for (let i = 0; i < 16; i++) {
    const c = s.charCodeAt(i);
    if (!isAsciiAlnum(c)) return false;
    u[i] = upper(c);
  }
  const at = (i: number) => u[i] as number;
  for (const i of [0, 1, 2, 3, 4, 5, 11, 15]) if (isDigit(at(i))) return false;
  if (!nameTripleOk(at(0), at(1), at(2)) || !nameTripleOk(at(3), at(4), at(5))) return false;
  const d = [6, 7, 9, 10, 12, 13, 14].map((i) => itDigit(at(i)));
  if (d.some((x) => x < 0)) return false;
  const [y1, y2, day1, day2, p1, p2, p3] = d as [number, number, number, number, number, number, number];
  const month = IT_MONTHS.indexOf(String.fromCharCode(at(8))) + 1;
  const dd = day1 * 10 + day2; // 1-31 for men, 41-71 for women
  if (dd > 71) return false;
  // The century is not written: 29 February is accepted in every year divisible by 4 (2000 was leap).
  if (!dateOk(2000 + y1 * 10 + y2, month, dd % 40)) return false;
  const place = at(11);
  if (!((place >= 65 && place <= 77) || place === 90) || p1 * 100 + p2 * 10 + p3 === 0) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = at(i);
    const v = isDigit(c) ? c - 48 : c - 65;
    sum += i % 2 === 0 ? (IT_ODD[v] as number) : v;
  }
  return at(15) === 65 + (sum % 26);
}

/**
 * A Polish PESEL: 11 digits, YYMMDD a real birth date with the century in the month (+80 for the
 * 1800s, +0 1900s, +20 2000s, +40 2100s, +60 2200s), and the check digit `(10 - Σ wᵢdᵢ mod 10) mod 10`
 * with weights 1, 3, 7, 9, 1, 3, 7, 9, 1, 3.
 *
 * @example
 * ```ts
 * plPeselValid('44051401359'); // true
 * plPeselValid('44051401358'); // false (check digit)
 * plPeselValid('02381307589'); // false (month 38)
 * ```
 */
export function plPeselValid(s: string): boolean {
  if (typeof s !== 'string' || s.length !== 11) return false;
  let sum = 0;
  for (let i = 0; i < 11; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return false;
    if (i < 10) sum += (c - 48) * (PESEL_WEIGHTS[i] as number);
  }
  if ((10 - (sum % 10)) % 10 !== s.charCodeAt(10) - 48) return false;
  const mm = digitValue(s.slice(2, 4));
  const century = [1900, 2000, 2100, 2200, 1800][Math.floor(mm / 20)] as number;
  return dateOk(century + digitValue(s.slice(0, 2)), mm % 20, digitValue(s.slice(4, 6)));
}

/** Century of a Finnish century sign (upper case), or 0. */
function fiCentury(c: number): number {
  if (c === 43) return 1800; // +
  if (c === 45 || (c >= 85 && c <= 89)) return 1900; // - U V W X Y
  if (c >= 65 && c <= 70) return 2000; // A-F
  return 0;
}

/**
 * A Finnish personal identity code (henkilötunnus): DDMMYY a real date, the century sign (+ for the
 * 1800s; - or U-Y for the 1900s; A-F for the 2000s, the letters other than - + A since 2023), an
 * individual number 002-999 (900-999 are temporary codes, still personal) and the check character
 * `0123456789ABCDEFHJKLMNPRSTUVWXY[DDMMYYNNN mod 31]`. Either case.
 *
 * @example
 * ```ts
 * fiPersonalIdentityCodeValid('131052-308T'); // true
 * fiPersonalIdentityCodeValid('010594Y9032'); // true
 * fiPersonalIdentityCodeValid('131052-308U'); // false
 * ```
 */
export function fiPersonalIdentityCodeValid(s: string): boolean {
  if (typeof s !== 'string' || s.length !== 11) return false;
  for (const i of [0, 1, 2, 3, 4, 5, 7, 8, 9]) if (!isDigit(s.charCodeAt(i))) return false;
  const century = fiCentury(upper(s.charCodeAt(6)));
  if (century === 0) return false;
  const individual = digitValue(s.slice(7, 10));
  if (individual < 2) return false;
  if (!dateOk(century + digitValue(s.slice(4, 6)), digitValue(s.slice(2, 4)), digitValue(s.slice(0, 2)))) return false;
  const n = digitValue(s.slice(0, 6)) * 1000 + individual;
  return FI_CHECK.charCodeAt(n % 31) === upper(s.charCodeAt(10));
}

// UK NINO prefixes. Sources: HMRC National Insurance Manual NIM39110 "What a NINO looks like", current
// text (gov.uk/hmrc-internal-manuals/national-insurance-manual/nim39110: the letter rules, the
// unallocated prefixes, and "Administrative Numbers and Temporary Numbers": OO, FY, NC, PP999999P, PY
// and PZ, TN) and its archived text (hmrc.gov.uk/manuals/nimmanual/NIM39110.htm, which also lists CR,
// issued by the Account Investigations Section, and MW, migrant workers 1980-1987). Per prefix:
// - OO (tax credit claims) and FY (Attendance Allowance claims) break the letter rules (O second, F
//   anywhere): rejected, as before.
// - PP is a valid prefix; its PP999999P pension-scheme placeholder has the suffix P: rejected.
// - CR, MW, NC, PY, PZ with a suffix A-D: "reference numbers which look like NINOs but which do not use
//   valid prefixes", each kept on an HMRC/DWP record of one person (a tax-only account, a migrant
//   worker, an investigation). Not rejected: HMRC's RTI NINO verification specification (2012, as
//   quoted in koblas/stdnum-js src/gb/nino-prefixes.ts) still accepts CR, MW and PY, and people hold
//   them. Reported as `administrative`, at a score that needs a context word.
// - TN (employers' temporary numbers, withdrawn) and NC (stakeholder pension dummies, unused since
//   2005-06): the date of birth DDMMYY and the sex, M or F. Reported as `temporary` when the date is
//   real; a TN number with a suffix A-D stays unallocated (rejected).
// Presidio's UK_NINO pattern and the other validators seen (stdnum-js, scrubadub) apply only the letter
// rules and the seven unallocated prefixes.

/** Letters HMRC never uses in a NINO prefix (first or second letter). */
const NINO_NEVER = 'DFIQUV';
/** Prefixes HMRC does not allocate. */
const NINO_UNALLOCATED = ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'];
/** Administrative prefixes of NIM39110 that pass the letter rules (see above). */
const NINO_ADMINISTRATIVE = ['CR', 'MW', 'NC', 'PY', 'PZ'];
/** Prefixes of the temporary numbers: date of birth and sex (see above). */
const NINO_TEMPORARY = ['TN', 'NC'];

/**
 * What `ukNinoStatus` says of a UK National Insurance number: `nino` (a prefix HMRC allocates),
 * `administrative` (an HMRC/DWP reference with an administrative prefix, CR, MW, NC, PY or PZ),
 * `temporary` (a TN or NC temporary number: date of birth and sex), `invalid`.
 *
 * @example
 * ```ts
 * const status: UkNinoStatus = ukNinoStatus('TN 31 08 55 M'); // 'temporary'
 * ```
 */
export type UkNinoStatus = 'nino' | 'administrative' | 'temporary' | 'invalid';

/**
 * Classify a UK National Insurance number (it has no check character): two prefix letters, six digits
 * and a suffix, single spaces allowed between the prefix, the digit pairs and the suffix; either case.
 *
 * - `nino`: neither prefix letter D, F, I, Q, U or V, the second not O; not BG, GB, KN, NK, NT, TN or
 *   ZZ, nor an administrative prefix; the suffix A-D.
 * - `administrative`: CR, MW, NC, PY or PZ and the suffix A-D (HMRC NIM39110: reference numbers of
 *   HMRC and DWP that look like NINOs; see the notes on the prefix tables).
 * - `temporary`: TN or NC, the digits a real date of birth DDMMYY (29 February in years divisible by
 *   4: the century is not written), the suffix M or F.
 *
 * @example
 * ```ts
 * ukNinoStatus('AB 12 34 56 C'); // 'nino'
 * ukNinoStatus('MW 12 34 56 A'); // 'administrative'
 * ukNinoStatus('TN310855M'); // 'temporary'
 * ukNinoStatus('TN320855M'); // 'invalid' (no 32nd)
 * ukNinoStatus('QQ 12 34 56 A'); // 'invalid' (HMRC's example: Q is never used)
 * ```
 */
export function ukNinoStatus(s: string): UkNinoStatus {
  if (typeof s !== 'string' || s.length > 13) return 'invalid';
  const m = NINO_WHOLE.exec(s);
  if (m === null) return 'invalid';
  const prefix = `${m[1]}${m[2]}`.toUpperCase();
  const suffix = upper((m[6] as string).charCodeAt(0));
  if (suffix === 77 || suffix === 70) {
    // M or F: a temporary number, DDMMYY.
    const ok =
      NINO_TEMPORARY.includes(prefix) &&
      dateOk(2000 + digitValue(m[5] as string), digitValue(m[4] as string), digitValue(m[3] as string));
    return ok ? 'temporary' : 'invalid';
  }
  const a = prefix.charAt(0);
  const b = prefix.charAt(1);
  if (NINO_NEVER.includes(a) || NINO_NEVER.includes(b) || b === 'O' || NINO_UNALLOCATED.includes(prefix))
    return 'invalid';
  return NINO_ADMINISTRATIVE.includes(prefix) ? 'administrative' : 'nino';
}

/**
 * A UK National Insurance number HMRC allocates (`ukNinoStatus(s) === 'nino'`): two prefix letters,
 * neither D, F, I, Q, U or V, the second not O, not BG, GB, KN, NK, NT, TN or ZZ nor the administrative
 * CR, MW, NC, PY or PZ; six digits; the suffix A-D. Single spaces may separate the prefix, the digit
 * pairs and the suffix; either case.
 *
 * @example
 * ```ts
 * ukNinoValid('AB 12 34 56 C'); // true
 * ukNinoValid('AB123456C'); // true
 * ukNinoValid('QQ 12 34 56 A'); // false (HMRC's example: Q is never used)
 * ukNinoValid('PY 12 34 56 A'); // false (administrative)
 * ```
 */
export function ukNinoValid(s: string): boolean {
  return ukNinoStatus(s) === 'nino';
}

/** Whole-value shapes of the Italian validators (anchored, bounded: linear). */
const VAT_WHOLE = /^(?:[Ii][Tt][ -]?)?(\d{11})$/;
const VAT_GROUPED_WHOLE = /^(?:[Ii][Tt] ?)?(?:\d{2} \d{3} \d{3} \d{3}|\d{5} \d{6}|\d{3} \d{3} \d{5})$/;
const PASSPORT_WHOLE = /^[A-Za-z]{2}\d{7}$/;
const IDENTITY_CARD_WHOLE = /^(?:[A-Za-z]{2}(?: ?\d{7}|\d{5}[A-Za-z]{2})|\d{7}[A-Za-z]{2})$/;
const DRIVER_LICENSE_WHOLE = /^(?:[A-Za-z]{2}\d{7}|[Uu]1[\dB-HJ-NPR-UW-Zb-hj-npr-uw-z]{7})[A-Za-z]$/;

/** The Luhn sum of a string of ASCII digits: from the right, every second digit doubled (less 9 above 9). */
function luhnSum(d: string): number {
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let v = d.charCodeAt(d.length - 1 - i) - 48;
    if (i % 2 === 1) v = v > 4 ? 2 * v - 9 : 2 * v;
    sum += v;
  }
  return sum;
}

/** Partita IVA office codes (digits 8-10): a province office 001-100, or 120, 121, 888, 999. */
function vatOfficeOk(office: number): boolean {
  return (office >= 1 && office <= 100) || office === 120 || office === 121 || office === 888 || office === 999;
}

/**
 * An Italian partita IVA (VAT number): 11 digits, the first seven (the taxpayer) not all zero, the next
 * three an office code (001-100, 120, 121, 888 or 999, as python-stdnum checks), and the last the Luhn
 * check digit of the first ten. It may follow "IT" (either case) and a space or '-'. The digits may be
 * written in groups joined by single spaces, 2-3-3-3 ("00 595 000 217", as in python-stdnum's tests),
 * 5-6 or 3-3-5, after "IT" glued or after a space; no other grouping, separator or mix.
 *
 * @example
 * ```ts
 * itVatCodeValid('00743110157'); // true
 * itVatCodeValid('IT 00743110157'); // true
 * itVatCodeValid('IT 00 595 000 217'); // true
 * itVatCodeValid('00595 000217'); // true
 * itVatCodeValid('00743110158'); // false (check digit)
 * itVatCodeValid('00687129980'); // false (office code 998)
 * itVatCodeValid('0059 5000 217'); // false (no such grouping)
 * ```
 */
export function itVatCodeValid(s: string): boolean {
  if (typeof s !== 'string' || s.length > 17) return false;
  const m = VAT_WHOLE.exec(s);
  let d: string;
  if (m !== null) d = m[1] as string;
  else if (VAT_GROUPED_WHOLE.test(s)) d = asciiDigits(s);
  else return false;
  if (digitValue(d.slice(0, 7)) === 0 || !vatOfficeOk(digitValue(d.slice(7, 10)))) return false;
  return luhnSum(d) % 10 === 0;
}

/**
 * The shape of an Italian passport number (it has no check character): two letters and seven digits,
 * either case, no separator.
 *
 * @example
 * ```ts
 * itPassportValid('AA1234567'); // true
 * itPassportValid('AA123456'); // false
 * ```
 */
export function itPassportValid(s: string): boolean {
  return typeof s === 'string' && s.length === 9 && PASSPORT_WHOLE.test(s);
}

/**
 * The shape of an Italian identity card number (it has no check character): the paper card's two
 * letters, an optional space and seven digits; the CIE 2.0's seven digits and two letters; or the CIE
 * 3.0's two letters, five digits and two letters. Either case.
 *
 * @example
 * ```ts
 * itIdentityCardValid('AA 1234567'); // true (paper)
 * itIdentityCardValid('1234567AA'); // true (CIE 2.0)
 * itIdentityCardValid('CA12345AA'); // true (CIE 3.0)
 * itIdentityCardValid('CA1234AA'); // false
 * ```
 */
export function itIdentityCardValid(s: string): boolean {
  return typeof s === 'string' && s.length <= 10 && IDENTITY_CARD_WHOLE.test(s);
}

/**
 * The shape of an Italian driving licence number (it has no check character): two letters, seven
 * digits and a letter; or, on a duplicate, U1, seven digits or letters other than A, I, O, Q and V, and
 * a letter. Either case.
 *
 * @example
 * ```ts
 * itDriverLicenseValid('AA0123456B'); // true
 * itDriverLicenseValid('U1H00B000C'); // true (duplicate)
 * itDriverLicenseValid('U1H00A000B'); // false (A in a duplicate)
 * ```
 */
export function itDriverLicenseValid(s: string): boolean {
  return typeof s === 'string' && s.length === 10 && DRIVER_LICENSE_WHOLE.test(s);
}

// ---------------------------------------------------------------------------------------------------
// Recognizers.

type Emit = (candidate: PiiCandidate) => void;

// Each recognizer tries its sticky twin only where a match can start (at a digit run, or one or two
// letters before one), in increasing order, skipping starts inside the previous match (`tryAt`).
const ES_NIF_AT = /* @__PURE__ */ stickyTwin(ES_NIF_RE);
const ES_NIE_AT = /* @__PURE__ */ stickyTwin(ES_NIE_RE);
const IT_FISCAL_AT = /* @__PURE__ */ stickyTwin(IT_FISCAL_CODE_RE);
const PL_PESEL_AT = /* @__PURE__ */ stickyTwin(PL_PESEL_RE);
const FI_PIC_AT = /* @__PURE__ */ stickyTwin(FI_PIC_RE);
const UK_NINO_AT = /* @__PURE__ */ stickyTwin(UK_NINO_RE);
const IT_VAT_AT = /* @__PURE__ */ stickyTwin(IT_VAT_CODE_RE);
const IT_PASSPORT_AT = /* @__PURE__ */ stickyTwin(IT_PASSPORT_RE);
const IT_IDENTITY_CARD_AT = /* @__PURE__ */ stickyTwin(IT_IDENTITY_CARD_RE);
const IT_DRIVER_LICENSE_AT = /* @__PURE__ */ stickyTwin(IT_DRIVER_LICENSE_RE);

const makeNif = /* @__PURE__ */ emitter('esNif', 'ES_NIF', ES_NIF_CONTEXT, 0.15);
const makeNifShort = /* @__PURE__ */ emitter('esNif', 'ES_NIF', ES_NIF_CONTEXT, 0.35);
const makeNie = /* @__PURE__ */ emitter('esNie', 'ES_NIE', ES_NIE_CONTEXT, 0.15);
const makeFiscal = /* @__PURE__ */ emitter('itFiscalCode', 'IT_FISCAL_CODE', IT_FISCAL_CONTEXT, 0.15);
const makePesel = /* @__PURE__ */ emitter('plPesel', 'PL_PESEL', PL_PESEL_CONTEXT, 0.45);
const makeFi = /* @__PURE__ */ emitter('fiPersonalIdentityCode', 'FI_PERSONAL_IDENTITY_CODE', FI_PIC_CONTEXT, 0.15);
const makeFiDigits = /* @__PURE__ */ emitter(
  'fiPersonalIdentityCode',
  'FI_PERSONAL_IDENTITY_CODE',
  FI_PIC_CONTEXT,
  0.35,
);
const makeNino = /* @__PURE__ */ emitter('ukNino', 'UK_NINO', UK_NINO_CONTEXT, 0.35);
const makeVat = /* @__PURE__ */ emitter('itVatCode', 'IT_VAT_CODE', IT_VAT_CONTEXT, 0.45);
const makePassport = /* @__PURE__ */ emitter('itPassport', 'IT_PASSPORT', IT_PASSPORT_CONTEXT, 0.45);
const makeIdentityCard = /* @__PURE__ */ emitter('itIdentityCard', 'IT_IDENTITY_CARD', IT_IDENTITY_CARD_CONTEXT, 0.45);
const makeDriverLicense = /* @__PURE__ */ emitter(
  'itDriverLicense',
  'IT_DRIVER_LICENSE',
  IT_DRIVER_LICENSE_CONTEXT,
  0.4,
);

function onNif(m: RegExpExecArray, emit: Emit): void {
  const s = m[0];
  if (!esNifValid(s)) return;
  const end = m.index + s.length;
  const c0 = s.charCodeAt(0);
  if (!isDigit(c0))
    emit(makeNif(m.index, end, isUpper(s) ? 0.7 : 0.55)); // K/L/M
  else if (digitCount(s) === 8) emit(makeNif(m.index, end, isUpper(s) ? 0.75 : 0.6));
  else emit(makeNifShort(m.index, end, 0.4)); // 7 digits: any 7-digit number and a letter
}

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (isDigit(s.charCodeAt(i))) n++;
  return n;
}

/**
 * Spanish DNI/NIF numbers (`ES_NIF`): the mod 23 control letter. 8 digits with an upper-case letter
 * score 0.75; 7 digits (leading zero left out) 0.4, so they need a context word ("DNI", "NIF").
 *
 * @example
 * ```ts
 * detectPII('Mi DNI es 12345678Z', { recognizers: [esNifRecognizer] }); // [{ entity: 'ES_NIF', start: 10, end: 19, ... }]
 * ```
 */
export const esNifRecognizer: PiiRecognizer = {
  name: 'esNif',
  entities: ['ES_NIF'],
  maxLength: 12,
  scan(text, emit) {
    // ES_NIF_RE starts at a run of 7-8 digits followed by '-' or a letter, at a run of 1-2 digits
    // followed by '.', or at K/L/M one or two units (K-) before a run of exactly 7 digits.
    const f = factsOf(text);
    if (f.digits < 7) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const len = runLength(f, k);
      const s = f.runStart[k] as number;
      const after = text.charCodeAt(f.runEnd[k] as number);
      if (len === 7 && s > 0) {
        const p = text.charCodeAt(s - 1);
        if (isKlm(p)) next = tryAt(ES_NIF_AT, text, s - 1, next, onNif, emit);
        else if (p === 45 && s > 1 && isKlm(text.charCodeAt(s - 2)))
          next = tryAt(ES_NIF_AT, text, s - 2, next, onNif, emit);
      }
      if (
        ((len === 7 || len === 8) && (after === 45 || isAsciiLetter(after))) ||
        ((len === 1 || len === 2) && after === 46)
      )
        next = tryAt(ES_NIF_AT, text, s, next, onNif, emit);
    }
  },
};

function isKlm(c: number): boolean {
  const u = upper(c);
  return u === 75 || u === 76 || u === 77;
}

function onNie(m: RegExpExecArray, emit: Emit): void {
  const s = m[0];
  if (esNieValid(s)) emit(makeNie(m.index, m.index + s.length, isUpper(s) ? 0.8 : 0.65));
}

/**
 * Spanish foreigner numbers (`ES_NIE`): X/Y/Z, 7 digits and the mod 23 control letter; 0.8 in upper
 * case (0.65 otherwise).
 *
 * @example
 * ```ts
 * detectPII('NIE X1234567L', { recognizers: [esNieRecognizer] }); // [{ entity: 'ES_NIE', start: 4, end: 13, ... }]
 * ```
 */
export const esNieRecognizer: PiiRecognizer = {
  name: 'esNie',
  entities: ['ES_NIE'],
  maxLength: 11,
  scan(text, emit) {
    // ES_NIE_RE starts at X/Y/Z one unit (or two, "X-") before a run of exactly 7 digits.
    const f = factsOf(text);
    if (f.digits < 7) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const s = f.runStart[k] as number;
      if (runLength(f, k) !== 7 || s === 0) continue;
      const p = text.charCodeAt(s - 1);
      if (isXyz(p)) next = tryAt(ES_NIE_AT, text, s - 1, next, onNie, emit);
      else if (p === 45 && s > 1 && isXyz(text.charCodeAt(s - 2)))
        next = tryAt(ES_NIE_AT, text, s - 2, next, onNie, emit);
    }
  },
};

function isXyz(c: number): boolean {
  const u = upper(c);
  return u === 88 || u === 89 || u === 90;
}

function onFiscal(m: RegExpExecArray, emit: Emit): void {
  const s = m[0];
  if (itFiscalCodeValid(s)) emit(makeFiscal(m.index, m.index + s.length, isUpper(s) ? 0.8 : 0.65));
}

/**
 * Italian fiscal codes of persons (`IT_FISCAL_CODE`): structure, birth date, place and check letter,
 * omocodia letters included; 0.8 in upper case (0.65 otherwise).
 *
 * @example
 * ```ts
 * detectPII('Codice fiscale: RSSMRA45C12F205C', { recognizers: [itFiscalCodeRecognizer] }); // [{ entity: 'IT_FISCAL_CODE', start: 16, end: 32, ... }]
 * ```
 */
export const itFiscalCodeRecognizer: PiiRecognizer = {
  name: 'itFiscalCode',
  entities: ['IT_FISCAL_CODE'],
  maxLength: 16,
  scan(text, emit) {
    if (text.length < 16) return;
    const f = factsOf(text);
    // A code with a digit is an ASCII word of 16 letters and digits around a digit run: found by
    // growing each run to its word (at most 16 units each way), tried at the word's start.
    if (f.maxDigitWord >= 16) {
      let next = 0;
      for (let k = 0; k < f.runs; k++) {
        const e0 = f.runEnd[k] as number;
        if (e0 <= next) continue;
        let s = f.runStart[k] as number;
        const floor = Math.max(0, e0 - 17);
        while (s > floor && isAsciiAlnum(text.charCodeAt(s - 1))) s--;
        let e = e0;
        const ceil = Math.min(text.length, s + 17);
        while (e < ceil && isAsciiAlnum(text.charCodeAt(e))) e++;
        if (e - s !== 16) {
          next = Math.max(next, e0);
          continue;
        }
        next = tryAt(IT_FISCAL_AT, text, s, next, onFiscal, emit);
        next = Math.max(next, e);
      }
    }
    // Codes without a digit (all seven replaced by omocodia letters): one pass, upper case only.
    const re = IT_FISCAL_LETTERS_RE;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) onFiscal(m, emit);
    re.lastIndex = 0;
  },
};

function onPesel(m: RegExpExecArray, emit: Emit): void {
  if (plPeselValid(m[0])) emit(makePesel(m.index, m.index + 11, 0.4));
}

/**
 * Polish PESEL numbers (`PL_PESEL`): check digit and birth date. Eleven digits collide with other
 * numbers (one in ten passes the check digit), so they score 0.4 and need a context word ("PESEL").
 *
 * @example
 * ```ts
 * detectPII('PESEL: 44051401359', { recognizers: [plPeselRecognizer] }); // [{ entity: 'PL_PESEL', start: 7, end: 18, ... }]
 * ```
 */
export const plPeselRecognizer: PiiRecognizer = {
  name: 'plPesel',
  entities: ['PL_PESEL'],
  maxLength: 11,
  scan(text, emit) {
    // PL_PESEL_RE is a whole run of exactly 11 digits.
    const f = factsOf(text);
    if (f.digits < 11) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++)
      if (runLength(f, k) === 11) next = tryAt(PL_PESEL_AT, text, f.runStart[k] as number, next, onPesel, emit);
  },
};

function onFi(m: RegExpExecArray, emit: Emit): void {
  const s = m[0];
  if (!fiPersonalIdentityCodeValid(s)) return;
  const end = m.index + s.length;
  const sign = s.charCodeAt(6);
  const digitsOnly = (sign === 43 || sign === 45) && isDigit(s.charCodeAt(10));
  // "DDMMYY-NNNN" is also a date-stamped serial number (one in 31 passes the check): context needed.
  if (digitsOnly) emit(makeFiDigits(m.index, end, 0.45));
  else if (sign === 43 || sign === 45) emit(makeFi(m.index, end, isUpper(s) ? 0.7 : 0.6));
  else emit(makeFi(m.index, end, isUpper(s) ? 0.8 : 0.65));
}

/**
 * Finnish personal identity codes (`FI_PERSONAL_IDENTITY_CODE`): date, century sign, individual number
 * and the mod 31 check character. A letter sign scores 0.8; '-'/'+' with a check letter 0.7; digits
 * only 0.45 (needs a context word such as "hetu").
 *
 * @example
 * ```ts
 * detectPII('hetu 131052-308T', { recognizers: [fiPersonalIdentityCodeRecognizer] }); // [{ entity: 'FI_PERSONAL_IDENTITY_CODE', start: 5, end: 16, ... }]
 * ```
 */
export const fiPersonalIdentityCodeRecognizer: PiiRecognizer = {
  name: 'fiPersonalIdentityCode',
  entities: ['FI_PERSONAL_IDENTITY_CODE'],
  maxLength: 11,
  scan(text, emit) {
    // FI_PIC_RE starts at a run of exactly 6 digits followed by a sign and a run of 3 or 4 digits.
    const f = factsOf(text);
    if (f.digits < 9) return;
    let next = 0;
    for (let k = 0; k + 1 < f.runs; k++) {
      const e = f.runEnd[k] as number;
      if (runLength(f, k) !== 6 || f.runStart[k + 1] !== e + 1) continue;
      const len = runLength(f, k + 1);
      if ((len === 3 || len === 4) && fiCentury(upper(text.charCodeAt(e))) !== 0)
        next = tryAt(FI_PIC_AT, text, f.runStart[k] as number, next, onFi, emit);
    }
  },
};

function onNino(m: RegExpExecArray, emit: Emit): void {
  const s = m[0];
  const status = ukNinoStatus(s);
  if (status === 'invalid') return;
  // The usual forms of an allocated prefix, "AB 12 34 56 C" and "AB123456C" in upper case, score 0.5;
  // other forms, administrative and temporary numbers need context.
  const usual = isUpper(s) && (s.length === 9 || (s.length === 13 && s[2] === ' ' && s[11] === ' '));
  emit(makeNino(m.index, m.index + s.length, status === 'nino' && usual ? 0.5 : 0.3));
}

/**
 * UK National Insurance numbers (`UK_NINO`): HMRC's prefix rules and suffix; no checksum (see
 * `ukNinoStatus`). The usual upper-case forms score 0.5, others 0.3; a context word ("national
 * insurance", "NI", "NINO") adds 0.35.
 *
 * HMRC's administrative references (CR, MW, NC, PY, PZ) and the withdrawn temporary numbers (TN or NC,
 * date of birth, M or F: "TN310855M") are no NINOs, but each stands for one person in payroll, pension
 * or benefit records, and a temporary number also gives that person's birth date and sex. A caller who
 * redacts wants them gone where the text calls them NI numbers; a caller who counts NINOs does not
 * want a part code such as "TN120395F" reported on its own. So they are reported as `UK_NINO` at 0.3 in
 * every form, under the default threshold alone and at 0.65 next to a context word ("temporary NI
 * number TN310855M"). To keep only allocated NINOs, check the span with `ukNinoValid`.
 *
 * @example
 * ```ts
 * detectPII('NI number: AB 12 34 56 C', { recognizers: [ukNinoRecognizer] }); // [{ entity: 'UK_NINO', start: 11, end: 24, ... }]
 * ```
 */
export const ukNinoRecognizer: PiiRecognizer = {
  name: 'ukNino',
  entities: ['UK_NINO'],
  maxLength: 13,
  scan(text, emit) {
    // UK_NINO_RE starts two letters (or two letters and a space) before a run of 2 or 6 digits.
    const f = factsOf(text);
    if (f.digits < 6) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const len = runLength(f, k);
      const s = f.runStart[k] as number;
      if ((len !== 2 && len !== 6) || s < 2) continue;
      const p = text.charCodeAt(s - 1);
      const at = p === 32 ? s - 3 : s - 2;
      if (at >= 0 && isAsciiLetter(text.charCodeAt(at)) && isAsciiLetter(text.charCodeAt(at + 1)))
        next = tryAt(UK_NINO_AT, text, at, next, onNino, emit);
    }
  },
};

function onVat(m: RegExpExecArray, emit: Emit): void {
  const s = m[0];
  // The pattern takes the "IT" prefix in upper case only; grouped or not, the same scores.
  if (itVatCodeValid(s)) emit(makeVat(m.index, m.index + s.length, s.charCodeAt(0) === 73 ? 0.5 : 0.4));
}

/** Lengths of the digit groups of a grouped partita IVA (see `IT_VAT_CODE_RE`). */
const VAT_GROUPINGS: readonly (readonly number[])[] = [
  [2, 3, 3, 3],
  [5, 6],
  [3, 3, 5],
];

/** Whether the digit runs from `k` on have the lengths of one of `VAT_GROUPINGS`, each after one space. */
function vatGroupsAt(text: string, f: TextFacts, k: number): boolean {
  for (const g of VAT_GROUPINGS) {
    if (k + g.length > f.runs) continue;
    let ok = runLength(f, k) === g[0];
    for (let i = 1; i < g.length && ok; i++) {
      const e = f.runEnd[k + i - 1] as number;
      ok = runLength(f, k + i) === g[i] && f.runStart[k + i] === e + 1 && text.charCodeAt(e) === 32;
    }
    if (ok) return true;
  }
  return false;
}

/** Where a match with the "IT" prefix would start before the digit run at `s` ("IT", "IT " or "IT-"), or -1. */
function vatPrefixAt(text: string, s: number): number {
  const p = text.charCodeAt(s - 1);
  const at = p === 32 || p === 45 ? s - 3 : s - 2;
  return at >= 0 && text.charCodeAt(at) === 73 && text.charCodeAt(at + 1) === 84 ? at : -1;
}

/**
 * Italian VAT numbers (`IT_VAT_CODE`, partita IVA): office code and Luhn check digit. Eleven digits
 * collide with other numbers (about one in a hundred passes both checks), so a bare number scores 0.4
 * and needs a context word ("IVA", "P.IVA", "piva", "VAT": +0.45); written after "IT" (upper case,
 * glued or after a space or '-', the prefix inside the span) it scores 0.5. The same holds for the
 * number written in groups joined by single spaces, 2-3-3-3 ("IT 00 595 000 217"), 5-6 ("00595
 * 000217") or 3-3-5 ("005 950 00217"), unless the groups continue a longer number: after a '+' or a
 * digit and a space (without "IT"), or before a space and a digit ("+39 02 123 456 789", IBAN groups).
 *
 * @example
 * ```ts
 * detectPII('P.IVA 01333550323', { recognizers: [itVatCodeRecognizer] }); // [{ entity: 'IT_VAT_CODE', start: 6, end: 17, ... }]
 * ```
 */
export const itVatCodeRecognizer: PiiRecognizer = {
  name: 'itVatCode',
  entities: ['IT_VAT_CODE'],
  maxLength: 17,
  scan(text, emit) {
    // IT_VAT_CODE_RE starts at a whole run of exactly 11 digits or at the first of the runs of a
    // grouping, or at "IT" (and a space or '-') before either.
    const f = factsOf(text);
    if (f.digits < 11) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      if (runLength(f, k) !== 11 && !vatGroupsAt(text, f, k)) continue;
      const s = f.runStart[k] as number;
      const at = vatPrefixAt(text, s);
      if (at >= 0) next = tryAt(IT_VAT_AT, text, at, next, onVat, emit);
      next = tryAt(IT_VAT_AT, text, s, next, onVat, emit);
    }
  },
};

function onPassport(m: RegExpExecArray, emit: Emit): void {
  emit(makePassport(m.index, m.index + 9, isUpper(m[0]) ? 0.1 : 0.05));
}

/**
 * Italian passport numbers (`IT_PASSPORT`): two letters and seven digits, no check character. The shape
 * is common (and the paper identity card's too), so it scores 0.1 (0.05 not in upper case) and needs a
 * context word ("passaporto", "passport": +0.45).
 *
 * @example
 * ```ts
 * detectPII('Passaporto n. YA1234567', { recognizers: [itPassportRecognizer] }); // [{ entity: 'IT_PASSPORT', start: 14, end: 23, ... }]
 * ```
 */
export const itPassportRecognizer: PiiRecognizer = {
  name: 'itPassport',
  entities: ['IT_PASSPORT'],
  maxLength: 9,
  scan(text, emit) {
    // IT_PASSPORT_RE starts two letters before a run of exactly 7 digits.
    const f = factsOf(text);
    if (f.digits < 7) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const s = f.runStart[k] as number;
      if (runLength(f, k) === 7 && lettersAt(text, s - 2, 2))
        next = tryAt(IT_PASSPORT_AT, text, s - 2, next, onPassport, emit);
    }
  },
};

function onIdentityCard(m: RegExpExecArray, emit: Emit): void {
  const s = m[0];
  emit(makeIdentityCard(m.index, m.index + s.length, isUpper(s) ? 0.1 : 0.05));
}

/**
 * Italian identity card numbers (`IT_IDENTITY_CARD`): the paper card's "AA 1234567" (the space
 * optional), the CIE 2.0's "1234567AA" and the CIE 3.0's "CA12345AA"; no check character. They score
 * 0.1 (0.05 not in upper case) and need a context word ("carta d'identità", "identità", "CIE": +0.45).
 *
 * @example
 * ```ts
 * detectPII("Carta d'identità CA12345AA", { recognizers: [itIdentityCardRecognizer] }); // [{ entity: 'IT_IDENTITY_CARD', start: 17, end: 26, ... }]
 * ```
 */
export const itIdentityCardRecognizer: PiiRecognizer = {
  name: 'itIdentityCard',
  entities: ['IT_IDENTITY_CARD'],
  maxLength: 10,
  scan(text, emit) {
    // IT_IDENTITY_CARD_RE starts two letters (or two letters and a space) before a run of exactly 7
    // digits, at a run of exactly 7 digits followed by two letters, or two letters before a run of
    // exactly 5 digits followed by two letters.
    const f = factsOf(text);
    if (f.digits < 5) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const len = runLength(f, k);
      const s = f.runStart[k] as number;
      const e = f.runEnd[k] as number;
      if (len === 7) {
        if (lettersAt(text, s - 2, 2)) next = tryAt(IT_IDENTITY_CARD_AT, text, s - 2, next, onIdentityCard, emit);
        else if (text.charCodeAt(s - 1) === 32 && lettersAt(text, s - 3, 2))
          next = tryAt(IT_IDENTITY_CARD_AT, text, s - 3, next, onIdentityCard, emit);
        if (lettersAt(text, e, 2)) next = tryAt(IT_IDENTITY_CARD_AT, text, s, next, onIdentityCard, emit);
      } else if (len === 5 && lettersAt(text, s - 2, 2) && lettersAt(text, e, 2))
        next = tryAt(IT_IDENTITY_CARD_AT, text, s - 2, next, onIdentityCard, emit);
    }
  },
};

function onDriverLicense(m: RegExpExecArray, emit: Emit): void {
  emit(makeDriverLicense(m.index, m.index + 10, isUpper(m[0]) ? 0.2 : 0.1));
}

/**
 * Italian driving licence numbers (`IT_DRIVER_LICENSE`): "AA1234567B", or a duplicate's "U1", seven
 * digits or letters other than A, I, O, Q and V, and a letter; no check character. They score 0.2 (0.1
 * not in upper case) and need a context word ("patente", "patenti", "licenza": +0.4).
 *
 * @example
 * ```ts
 * detectPII('Patente di guida AA0123456B', { recognizers: [itDriverLicenseRecognizer] }); // [{ entity: 'IT_DRIVER_LICENSE', start: 17, end: 27, ... }]
 * ```
 */
export const itDriverLicenseRecognizer: PiiRecognizer = {
  name: 'itDriverLicense',
  entities: ['IT_DRIVER_LICENSE'],
  maxLength: 10,
  scan(text, emit) {
    // IT_DRIVER_LICENSE_RE starts two letters before a run of exactly 7 digits followed by a letter,
    // or at a U one unit before a run that starts with 1.
    const f = factsOf(text);
    if (f.digits === 0) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const s = f.runStart[k] as number;
      if (runLength(f, k) === 7 && lettersAt(text, s - 2, 2) && isAsciiLetter(text.charCodeAt(f.runEnd[k] as number)))
        next = tryAt(IT_DRIVER_LICENSE_AT, text, s - 2, next, onDriverLicense, emit);
      if (s > 0 && upper(text.charCodeAt(s - 1)) === 85 && text.charCodeAt(s) === 49)
        next = tryAt(IT_DRIVER_LICENSE_AT, text, s - 1, next, onDriverLicense, emit);
    }
  },
};

/**
 * The European national identifier recognizers: `ES_NIF`, `ES_NIE`, `IT_FISCAL_CODE`, `IT_VAT_CODE`,
 * `IT_PASSPORT`, `IT_IDENTITY_CARD`, `IT_DRIVER_LICENSE`, `PL_PESEL`, `FI_PERSONAL_IDENTITY_CODE`,
 * `UK_NINO`. Opt-in: not among the built-ins.
 *
 * @example
 * ```ts
 * detectPII(text, { recognizers: [...BUILTIN_RECOGNIZERS, ...EU_ID_RECOGNIZERS] });
 * ```
 */
export const EU_ID_RECOGNIZERS: readonly PiiRecognizer[] = /* @__PURE__ */ Object.freeze([
  esNifRecognizer,
  esNieRecognizer,
  itFiscalCodeRecognizer,
  itVatCodeRecognizer,
  itPassportRecognizer,
  itIdentityCardRecognizer,
  itDriverLicenseRecognizer,
  plPeselRecognizer,
  fiPersonalIdentityCodeRecognizer,
  ukNinoRecognizer,
]);
