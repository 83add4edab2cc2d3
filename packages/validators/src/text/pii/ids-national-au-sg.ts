/**
 * Australian and Singaporean identifiers, each validated by its check digits: the Australian Business
 * Number (ABN, mod 89), Australian Company Number (ACN, mod 10), Tax File Number (TFN, mod 11; 9 digits,
 * or 8 for the older numbers), Medicare card number (weighted mod 10), the Singapore NRIC/FIN (weighted
 * mod 11 to a check letter) and the Singapore Unique Entity Number (UEN, weighted mod 11 to a check
 * letter, in its three formats). Entity names are Presidio's (`AU_ABN`, `AU_ACN`, `AU_TFN`,
 * `AU_MEDICARE`, `SG_NRIC_FIN`, `SG_UEN`).
 *
 * Opt-in: these recognizers are not among the built-ins. Pass `AU_SG_ID_RECOGNIZERS` as `detectPII`'s
 * `recognizers` (alone, or concatenated with `BUILTIN_RECOGNIZERS`).
 *
 * Scores: the four Australian numbers are bare digits, as common as phone numbers, prices and order
 * numbers, and a random number passes their checks one time in 10 (ACN, Medicare), 11 (TFN) or 89 (ABN).
 * A valid one scores 0.4 (0.35 unformatted), under the default threshold, and needs a context word nearby
 * ("abn", "tfn", "medicare"...) to reach 0.85 (0.8). An NRIC/FIN (series letter, seven digits, check
 * letter) is a rarer shape: in upper case with a valid check letter it scores 0.6 alone. So does a UEN
 * of the third format ("T08LL0003B": series letter, year, one of 38 entity types, serial, check letter);
 * the other two UEN formats are a digit run and a letter, like many reference numbers, and score 0.4
 * (0.35 in lower case), needing a context word ("uen", "acra"...).
 *
 * Spans: a number is found only where it stands alone: not inside a word, a longer digit run, a decimal
 * or a longer grouped number (the lookbehinds and lookaheads of the patterns), so the ACN or a TFN-shaped
 * tail inside an ABN ("53 004 085 616") is not reported on its own.
 */
import { wordSet } from '../shared/context';
import { factsOf, stickyTwin, type TextFacts, tryAt } from '../shared/facts';
import { digitValues, emitter, isAsciiLetter, runLength, SPACE_DASH } from './ids-common';
import type { PiiCandidate, PiiRecognizer } from './types';

/**
 * @internal ABN candidates: 11 digits, bare or grouped 2-3-3-3 by single spaces or dashes (one kind per
 * number), standing alone.
 *
 * @example
 * ```ts
 * AU_ABN_RE.test('ABN 51 824 753 556'); // true (a global regex: reset lastIndex between uses)
 * ```
 */
export const AU_ABN_RE: RegExp =
  /(?<![\w./-]|\d )(?:\d{2} \d{3} \d{3} \d{3}|\d{2}-\d{3}-\d{3}-\d{3}|\d{11})(?!\w|[ ./-]\d)/g;

/**
 * @internal ACN candidates: 9 digits, bare or grouped 3-3-3 by single spaces or dashes (one kind per
 * number), standing alone.
 *
 * @example
 * ```ts
 * AU_NINE_DIGIT_RE.test('ACN 004 085 616'); // true
 * ```
 */
export const AU_NINE_DIGIT_RE: RegExp = /(?<![\w./-]|\d )(?:\d{3} \d{3} \d{3}|\d{3}-\d{3}-\d{3}|\d{9})(?!\w|[ ./-]\d)/g;

/**
 * @internal TFN candidates: 9 digits grouped 3-3-3, or 8 (older numbers) grouped 3-3-2 as python-stdnum
 * prints them, by single spaces or dashes (one kind per number), or bare; standing alone.
 *
 * @example
 * ```ts
 * AU_TFN_RE.test('TFN 325 476 89'); // true
 * ```
 */
export const AU_TFN_RE: RegExp = /(?<![\w./-]|\d )(?:\d{3} \d{3} \d{2,3}|\d{3}-\d{3}-\d{2,3}|\d{8,9})(?!\w|[ ./-]\d)/g;

/**
 * @internal Medicare candidates: first digit 2-6, 10 digits grouped 4-5-1 (spaces or dashes) or bare,
 * then an optional individual reference number (IRN) after a space, dash or slash, or as an 11th digit.
 *
 * @example
 * ```ts
 * AU_MEDICARE_RE.test('Medicare 2123 45670 1'); // true
 * ```
 */
export const AU_MEDICARE_RE: RegExp =
  /(?<![\w./-]|\d )[2-6]\d{3}(?: \d{5} \d(?:[ /-]\d)?|-\d{5}-\d(?:[/-]\d)?|\d{6}(?:\d|[/-]\d)?)(?!\w|[ ./-]\d)/g;

/**
 * @internal NRIC/FIN candidates: S, T, F, G or M, seven digits, a letter (ASCII letters of either case:
 * `/i` without `/u`), standing alone.
 *
 * @example
 * ```ts
 * SG_NRIC_FIN_RE.test('NRIC S1234567D'); // true
 * ```
 */
export const SG_NRIC_FIN_RE: RegExp = /(?<![\w-])[STFGM]\d{7}[A-Z](?!\w)/gi;

/**
 * @internal UEN candidates: 8 or 9 digits and a letter (businesses; local companies), or R, S or T, two
 * digits, two letters, four digits and a letter (other entities); ASCII letters of either case (`/i`
 * without `/u`), standing alone.
 *
 * @example
 * ```ts
 * SG_UEN_RE.test('UEN 201434292D'); // true
 * ```
 */
export const SG_UEN_RE: RegExp = /(?<![\w./-])(?:\d{8,9}|[RST]\d{2}[A-Z]{2}\d{4})[A-Z](?!\w)/gi;

const ABN_CONTEXT = wordSet('abn abns abr australian business gst');
const ACN_CONTEXT = wordSet('acn acns asic company');
const TFN_CONTEXT = wordSet('tfn tfns tax ato');
const MEDICARE_CONTEXT = wordSet('medicare irn');
const NRIC_CONTEXT = wordSet('nric nrics fin fins uin ic singapore singaporean identity');
const UEN_CONTEXT = wordSet('uen uens acra entity registration singapore');

/** ABN weights (ABR): the first digit, less one, weighs 10. */
const ABN_WEIGHTS = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19] as const;
/** ACN weights of its first eight digits (ASIC). */
const ACN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 1] as const;
/** TFN weights (ATO). */
const TFN_WEIGHTS = [1, 4, 3, 7, 5, 8, 6, 9, 10] as const;
/**
 * Weights of the older 8-digit TFNs: those of a 9-digit TFN with a 0 inserted before the last digit
 * (1, 4, 3, 7, 5, 8, 6, 10), times -1 mod 11.
 */
const TFN8_WEIGHTS = [10, 7, 8, 4, 6, 3, 5, 1] as const;
/** Medicare weights of the first eight digits. */
const MEDICARE_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9] as const;
/** NRIC/FIN weights of the seven digits. */
const NRIC_WEIGHTS = [2, 7, 6, 5, 4, 3, 2] as const;
/** Check letters of the S and T series, by `(offset + sum) % 11`. */
const NRIC_ST = 'JZIHGFEDCBA';
/** Check letters of the F and G series, by `(offset + sum) % 11`. */
const NRIC_FG = 'XWUTRQPNMLK';
/** Check letters of the M series, by `10 - (3 + sum) % 11` (as GovTech's FormSG reads it; reversed: "XWUTRQPNJLK"). */
const NRIC_M = 'KLJNPQRTUWX';
/** UEN weights of a business (ROB) number's eight digits. */
const UEN_ROB_WEIGHTS = [10, 4, 9, 3, 8, 2, 7, 1] as const;
/** UEN check letters of a business number, by `sum % 11`. */
const UEN_ROB_LETTERS = 'XMKECAWLJDB';
/** UEN weights of a local company (ROC) number's nine digits. */
const UEN_ROC_WEIGHTS = [10, 8, 6, 4, 9, 7, 5, 3, 1] as const;
/** UEN check letters of a local company number, by `sum % 11`. */
const UEN_ROC_LETTERS = 'ZKCMDNERGWH';
/** UEN weights of the nine characters of another entity's number, each valued by its index in `UEN_ALPHABET`. */
const UEN_OTHER_WEIGHTS = [4, 3, 5, 3, 10, 2, 2, 5, 7] as const;
/** Values of the characters of another entity's UEN (no I, no O); the check letter is at `(sum - 5) mod 11`. */
const UEN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWX0123456789';
/** Entity types of the third UEN format (python-stdnum's list). */
const UEN_ENTITY_TYPES: ReadonlySet<string> = /* @__PURE__ */ new Set(
  (
    'CC CD CH CL CM CP CS CX DP FB FC FM FN GA GB GS HS LL LP MB MC MD MH MM MQ NB NR PA PB PF RF RP SM SS ' +
    'TC TU VH XL'
  ).split(' '),
);

/** Space, dash and slash (before a Medicare IRN). */
const SPACE_DASH_SLASH = [32, 45, 47] as const;

/**
 * Australian Business Number check (ABR): 11 digits, the first not 0; subtract 1 from the first digit,
 * weigh the digits 10, 1, 3, 5, ..., 19; the sum is a multiple of 89. Spaces and dashes are ignored.
 * Every single-digit change is caught (89 is prime and larger than every weight).
 *
 * @example
 * ```ts
 * auAbnValid('51 824 753 556'); // true
 * auAbnValid('52 824 753 556'); // false
 * ```
 */
export function auAbnValid(s: string): boolean {
  const d = digitValues(s, 11, 11, SPACE_DASH);
  if (d === undefined || d[0] === 0) return false;
  let sum = -ABN_WEIGHTS[0];
  for (let i = 0; i < 11; i++) sum += (d[i] as number) * (ABN_WEIGHTS[i] as number);
  return sum % 89 === 0;
}

/**
 * Australian Company Number check (ASIC): 9 digits; weigh the first eight 8, 7, ..., 1; the check digit
 * is `(10 - sum % 10) % 10`. Spaces and dashes are ignored. A change of ±5 in a digit of even weight
 * (the 1st, 3rd, 5th or 7th) keeps the sum mod 10 and is not caught; every other single-digit change is.
 *
 * @example
 * ```ts
 * auAcnValid('004 085 616'); // true
 * auAcnValid('004 085 617'); // false
 * ```
 */
export function auAcnValid(s: string): boolean {
  const d = digitValues(s, 9, 9, SPACE_DASH);
  if (d === undefined) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (d[i] as number) * (ACN_WEIGHTS[i] as number);
  return (10 - (sum % 10)) % 10 === d[8];
}

/**
 * Australian Tax File Number check: 9 digits weighed 1, 4, 3, 7, 5, 8, 6, 9, 10, or 8 (older numbers)
 * weighed 10, 7, 8, 4, 6, 3, 5, 1; the sum is a multiple of 11. Spaces and dashes are ignored. Every
 * single-digit change is caught (11 is prime; no weight is a multiple of it).
 *
 * python-stdnum takes the first eight of the 9-digit weights for an 8-digit number; the weights here are
 * those of the ATO's older numbers as other validators (idnumbers and many more) use them: an 8-digit
 * TFN is valid when the 9-digit number with a 0 inserted before its last digit is.
 *
 * @example
 * ```ts
 * auTfnValid('123 456 782'); // true
 * auTfnValid('325 476 89'); // true (an 8-digit TFN)
 * auTfnValid('123 456 781'); // false
 * ```
 */
export function auTfnValid(s: string): boolean {
  const d = digitValues(s, 8, 9, SPACE_DASH);
  if (d === undefined) return false;
  const weights = d.length === 9 ? TFN_WEIGHTS : TFN8_WEIGHTS;
  let sum = 0;
  for (let i = 0; i < d.length; i++) sum += (d[i] as number) * (weights[i] as number);
  return sum % 11 === 0;
}

/**
 * Australian Medicare card number check: 10 digits (identifier, check digit, issue number), or 11 with
 * the individual reference number; the first digit is 2-6 and the 9th is the sum of the first eight
 * weighed 1, 3, 7, 9, 1, 3, 7, 9, mod 10. Spaces, dashes and slashes are ignored. Every single-digit
 * change of the first nine digits is caught (the weights are prime to 10); the issue number and the IRN
 * carry no check.
 *
 * @example
 * ```ts
 * auMedicareValid('2123 45670 1'); // true
 * auMedicareValid('2123 25870 1'); // false
 * ```
 */
export function auMedicareValid(s: string): boolean {
  const d = digitValues(s, 10, 11, SPACE_DASH_SLASH);
  if (d === undefined) return false;
  const first = d[0] as number;
  if (first < 2 || first > 6) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (d[i] as number) * (MEDICARE_WEIGHTS[i] as number);
  return sum % 10 === d[8];
}

/**
 * Singapore NRIC/FIN check: a series letter, seven digits and a check letter (either case). The digits
 * weighed 2, 7, 6, 5, 4, 3, 2 are summed with an offset (S, F: 0; T, G: 4; M: 3); the remainder mod 11
 * picks the letter in "JZIHGFEDCBA" (S, T) or "XWUTRQPNMLK" (F, G), or, for M, the letter at `10 - r` in
 * "KLJNPQRTUWX". Every single change of a digit or of the check letter is caught.
 *
 * @example
 * ```ts
 * sgNricFinValid('S1234567D'); // true
 * sgNricFinValid('M1234567K'); // true
 * sgNricFinValid('S1234567E'); // false
 * ```
 */
export function sgNricFinValid(s: string): boolean {
  if (typeof s !== 'string' || s.length !== 9) return false;
  if (!isAsciiLetter(s.charCodeAt(0)) || !isAsciiLetter(s.charCodeAt(8))) return false;
  const series = s.charCodeAt(0) & ~32; // upper case
  const check = s.charCodeAt(8) & ~32;
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const v = s.charCodeAt(i + 1) - 48;
    if (v < 0 || v > 9) return false;
    sum += v * (NRIC_WEIGHTS[i] as number);
  }
  let letter: string | undefined;
  if (series === 83)
    letter = NRIC_ST[sum % 11]; // S
  else if (series === 84)
    letter = NRIC_ST[(sum + 4) % 11]; // T
  else if (series === 70)
    letter = NRIC_FG[sum % 11]; // F
  else if (series === 71)
    letter = NRIC_FG[(sum + 4) % 11]; // G
  else if (series === 77) letter = NRIC_M[10 - ((sum + 3) % 11)]; // M
  return letter !== undefined && letter.charCodeAt(0) === check;
}

/** The current year (UTC): UEN registration years may not be later. */
function currentYear(): number {
  return new Date().getUTCFullYear();
}

/** Value of the ASCII digit at `i` of `s`, or -1. */
function digitAt(s: string, i: number): number {
  const v = s.charCodeAt(i) - 48;
  return v >= 0 && v <= 9 ? v : -1;
}

/** Sum of the digits of `s` from 0 weighed by `weights` (as many as there are weights), or -1 on a non-digit. */
function weighedDigits(s: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    const v = digitAt(s, i);
    if (v < 0) return -1;
    sum += v * (weights[i] as number);
  }
  return sum;
}

/** Business (ROB) UEN, upper case: 8 digits and the check letter. */
function uenRobValid(u: string): boolean {
  const sum = weighedDigits(u, UEN_ROB_WEIGHTS);
  return sum >= 0 && UEN_ROB_LETTERS[sum % 11] === u[8];
}

/** Local company (ROC) UEN, upper case: a year not after this one, 5 digits and the check letter. */
function uenRocValid(u: string): boolean {
  const sum = weighedDigits(u, UEN_ROC_WEIGHTS);
  if (sum < 0) return false;
  const year = Number(u.slice(0, 4));
  return year <= currentYear() && UEN_ROC_LETTERS[sum % 11] === u[9];
}

/**
 * Other entities' UEN, upper case: R, S or T, a 2-digit year (not after this one for T, the 2000s), an
 * entity type, 4 digits and the check letter.
 */
function uenOtherValid(u: string): boolean {
  const series = u[0];
  if (series !== 'R' && series !== 'S' && series !== 'T') return false;
  const y1 = digitAt(u, 1);
  const y2 = digitAt(u, 2);
  if (y1 < 0 || y2 < 0) return false;
  if (series === 'T' && y1 * 10 + y2 > currentYear() % 100) return false;
  if (!UEN_ENTITY_TYPES.has(u.slice(3, 5))) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    // Digits at 1-2 and 5-8; letters of the type at 3-4 (both already known to be in the alphabet).
    if (i >= 5 && digitAt(u, i) < 0) return false;
    sum += UEN_ALPHABET.indexOf(u[i] as string) * (UEN_OTHER_WEIGHTS[i] as number);
  }
  return UEN_ALPHABET[(sum + 6) % 11] === u[9]; // (sum - 5) mod 11, sum >= 0
}

/**
 * Singapore Unique Entity Number check (python-stdnum's rules), either case:
 *
 * - businesses registered with ACRA (ROB): 8 digits and a check letter, "XMKECAWLJDB" at the digits
 *   weighed 10, 4, 9, 3, 8, 2, 7, 1, mod 11;
 * - local companies (ROC): a year (not after this one), 5 digits and a check letter, "ZKCMDNERGWH" at
 *   the digits weighed 10, 8, 6, 4, 9, 7, 5, 3, 1, mod 11;
 * - other entities: R, S or T, a 2-digit year (T: the 2000s, not after this year), one of 38 entity
 *   types ("LL", "FC", "SS"...), 4 digits and a check letter: each character valued by its index in
 *   "ABCDEFGHJKLMNPQRSTUVWX0123456789", weighed 4, 3, 5, 3, 10, 2, 2, 5, 7; the letter of that alphabet
 *   at the sum less 5, mod 11.
 *
 * Every single change of a digit or of the check letter is caught (11 is prime; no weight is a multiple
 * of it).
 *
 * @example
 * ```ts
 * sgUenValid('53125226D'); // true (ROB)
 * sgUenValid('201434292D'); // true (ROC)
 * sgUenValid('T08LL0003B'); // true (other)
 * sgUenValid('53125226E'); // false
 * ```
 */
export function sgUenValid(s: string): boolean {
  if (typeof s !== 'string' || (s.length !== 9 && s.length !== 10)) return false;
  if (!isAsciiLetter(s.charCodeAt(s.length - 1))) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false; // keeps the length upper-cased
  const u = s.toUpperCase();
  if (u.length === 9) return uenRobValid(u);
  return digitAt(u, 0) >= 0 ? uenRocValid(u) : uenOtherValid(u);
}

type Emit = (candidate: PiiCandidate) => void;

const makeAbn = /* @__PURE__ */ emitter('auAbn', 'AU_ABN', ABN_CONTEXT, 0.45);
const makeAcn = /* @__PURE__ */ emitter('auAcn', 'AU_ACN', ACN_CONTEXT, 0.45);
const makeTfn = /* @__PURE__ */ emitter('auTfn', 'AU_TFN', TFN_CONTEXT, 0.45);
const makeMedicare = /* @__PURE__ */ emitter('auMedicare', 'AU_MEDICARE', MEDICARE_CONTEXT, 0.45);
const makeNric = /* @__PURE__ */ emitter('sgNricFin', 'SG_NRIC_FIN', NRIC_CONTEXT, 0.3);
const makeUen = /* @__PURE__ */ emitter('sgUen', 'SG_UEN', UEN_CONTEXT, 0.45);
/** A third-format UEN in upper case: 0.6, and 0.9 with context. */
const makeUenOther = /* @__PURE__ */ emitter('sgUen', 'SG_UEN', UEN_CONTEXT, 0.3);

/** Score of a valid all-digit number: grouped as printed (0.4), or bare (0.35). Both need context. */
function digitScore(match: string): number {
  for (let i = 0; i < match.length; i++) {
    const c = match.charCodeAt(i);
    if (c < 48 || c > 57) return 0.4;
  }
  return 0.35;
}

// Each pattern starts at a digit run (the NRIC one letter before a run), so each is tried only there,
// through a sticky twin with the same source, and only when the run has a length the pattern can start
// with: the matches, and their order, are those of the global pattern.
const ABN_AT = /* @__PURE__ */ stickyTwin(AU_ABN_RE);
const NINE_AT = /* @__PURE__ */ stickyTwin(AU_NINE_DIGIT_RE);
const TFN_AT = /* @__PURE__ */ stickyTwin(AU_TFN_RE);
const MEDICARE_AT = /* @__PURE__ */ stickyTwin(AU_MEDICARE_RE);
const NRIC_AT = /* @__PURE__ */ stickyTwin(SG_NRIC_FIN_RE);
const UEN_AT = /* @__PURE__ */ stickyTwin(SG_UEN_RE);

function onAbn(m: RegExpExecArray, emit: Emit): void {
  if (auAbnValid(m[0])) emit(makeAbn(m.index, m.index + m[0].length, digitScore(m[0])));
}

function onAcn(m: RegExpExecArray, emit: Emit): void {
  if (auAcnValid(m[0])) emit(makeAcn(m.index, m.index + m[0].length, digitScore(m[0])));
}

function onTfn(m: RegExpExecArray, emit: Emit): void {
  if (auTfnValid(m[0])) emit(makeTfn(m.index, m.index + m[0].length, digitScore(m[0])));
}

function onMedicare(m: RegExpExecArray, emit: Emit): void {
  if (auMedicareValid(m[0])) emit(makeMedicare(m.index, m.index + m[0].length, digitScore(m[0])));
}

function onNric(m: RegExpExecArray, emit: Emit): void {
  const s = m[0];
  if (!sgNricFinValid(s)) return;
  // Upper case as printed on the card; other spellings need a context word.
  emit(makeNric(m.index, m.index + 9, s === s.toUpperCase() ? 0.6 : 0.35));
}

function onUen(m: RegExpExecArray, emit: Emit): void {
  const s = m[0];
  if (!sgUenValid(s)) return;
  const end = m.index + s.length;
  // Upper case as registered; the third format (a letter first) is distinctive enough to stand alone.
  if (s !== s.toUpperCase()) emit(makeUen(m.index, end, 0.35));
  else if (isAsciiLetter(s.charCodeAt(0))) emit(makeUenOther(m.index, end, 0.6));
  else emit(makeUen(m.index, end, 0.4));
}

/** Space or dash. */
function isGroupSep(c: number): boolean {
  return c === 32 || c === 45;
}

/**
 * Run `sticky` at each digit run of length `bare` (or `bare2`), or of length `group` followed by a space
 * or dash: where the ACN (`bare` 9, `group` 3), TFN (`bare` 9 and 8, `group` 3) and ABN (`bare` 11,
 * `group` 2) patterns can start.
 */
function scanRuns(
  text: string,
  f: TextFacts,
  sticky: RegExp,
  bare: number,
  group: number,
  on: (m: RegExpExecArray, emit: Emit) => void,
  emit: Emit,
  bare2 = bare,
): void {
  let next = 0;
  for (let k = 0; k < f.runs; k++) {
    const len = runLength(f, k);
    if (len === bare || len === bare2 || (len === group && isGroupSep(text.charCodeAt(f.runEnd[k] as number))))
      next = tryAt(sticky, text, f.runStart[k] as number, next, on, emit);
  }
}

/**
 * Australian Business Numbers (`AU_ABN`): 11 digits, bare or grouped "51 824 753 556", mod 89 valid
 * (`auAbnValid`). Scores 0.4 (0.35 bare): a context word ("abn", "business"...) is needed to pass the
 * default threshold.
 *
 * @example
 * ```ts
 * detectPII('ABN: 51 824 753 556', { recognizers: [auAbnRecognizer] }); // [{ entity: 'AU_ABN', start: 5, end: 19, ... }]
 * ```
 */
export const auAbnRecognizer: PiiRecognizer = {
  name: 'auAbn',
  entities: ['AU_ABN'],
  maxLength: 14,
  scan(text, emit) {
    // AU_ABN_RE starts at a run of exactly 2 digits followed by its separator, or of exactly 11.
    const f = factsOf(text);
    if (f.digits < 11) return;
    scanRuns(text, f, ABN_AT, 11, 2, onAbn, emit);
  },
};

/**
 * Australian Company Numbers (`AU_ACN`): 9 digits, bare or grouped "004 085 616", check digit valid
 * (`auAcnValid`). Scores 0.4 (0.35 bare): a context word ("acn", "company"...) is needed to pass the
 * default threshold.
 *
 * @example
 * ```ts
 * detectPII('ACN 004 085 616', { recognizers: [auAcnRecognizer] }); // [{ entity: 'AU_ACN', start: 4, end: 15, ... }]
 * ```
 */
export const auAcnRecognizer: PiiRecognizer = {
  name: 'auAcn',
  entities: ['AU_ACN'],
  maxLength: 11,
  scan(text, emit) {
    // AU_NINE_DIGIT_RE starts at a run of exactly 3 digits followed by its separator, or of exactly 9.
    const f = factsOf(text);
    if (f.digits < 9) return;
    scanRuns(text, f, NINE_AT, 9, 3, onAcn, emit);
  },
};

/**
 * Australian Tax File Numbers (`AU_TFN`): 9 digits, bare or grouped "123 456 782", or 8 (older
 * numbers), bare or grouped "325 476 89"; mod 11 valid (`auTfnValid`). Scores 0.4 (0.35 bare): a context
 * word ("tfn", "tax"...) is needed to pass the default threshold.
 *
 * @example
 * ```ts
 * detectPII('my TFN is 123 456 782', { recognizers: [auTfnRecognizer] }); // [{ entity: 'AU_TFN', start: 10, end: 21, ... }]
 * ```
 */
export const auTfnRecognizer: PiiRecognizer = {
  name: 'auTfn',
  entities: ['AU_TFN'],
  maxLength: 11,
  scan(text, emit) {
    // AU_TFN_RE starts at a run of exactly 3 digits followed by its separator, or of exactly 8 or 9.
    const f = factsOf(text);
    if (f.digits < 8) return;
    scanRuns(text, f, TFN_AT, 9, 3, onTfn, emit, 8);
  },
};

/**
 * Australian Medicare card numbers (`AU_MEDICARE`): "2123 45670 1" (identifier, check digit, issue
 * number), bare or grouped, with an optional individual reference number ("2123 45670 1-1", 11 digits);
 * first digit 2-6 and check digit valid (`auMedicareValid`). Scores 0.4 (0.35 bare): the context word
 * "medicare" (or "irn") is needed to pass the default threshold.
 *
 * @example
 * ```ts
 * detectPII('Medicare card 2123 45670 1', { recognizers: [auMedicareRecognizer] }); // [{ entity: 'AU_MEDICARE', start: 14, end: 26, ... }]
 * ```
 */
export const auMedicareRecognizer: PiiRecognizer = {
  name: 'auMedicare',
  entities: ['AU_MEDICARE'],
  maxLength: 14,
  scan(text, emit) {
    // AU_MEDICARE_RE starts at a run of exactly 4 digits followed by a space or dash, or of exactly 10
    // or 11 digits, whose first digit is 2-6.
    const f = factsOf(text);
    if (f.digits < 10) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const len = runLength(f, k);
      const s = f.runStart[k] as number;
      const first = text.charCodeAt(s);
      if (first < 50 || first > 54) continue;
      if (len === 10 || len === 11 || (len === 4 && isGroupSep(text.charCodeAt(f.runEnd[k] as number))))
        next = tryAt(MEDICARE_AT, text, s, next, onMedicare, emit);
    }
  },
};

/** S, T, F, G or M in either case. */
function isNricSeries(c: number): boolean {
  if (!isAsciiLetter(c)) return false;
  const u = c & ~32;
  return u === 83 || u === 84 || u === 70 || u === 71 || u === 77;
}

/**
 * Singapore NRIC/FIN numbers (`SG_NRIC_FIN`): "S1234567D", with a valid check letter
 * (`sgNricFinValid`, S/T/F/G and the M series of 2022). Upper case scores 0.6, enough alone; other
 * spellings 0.35, which need a context word ("nric", "fin"...).
 *
 * @example
 * ```ts
 * detectPII('NRIC S1234567D', { recognizers: [sgNricFinRecognizer] }); // [{ entity: 'SG_NRIC_FIN', start: 5, end: 14, ... }]
 * ```
 */
export const sgNricFinRecognizer: PiiRecognizer = {
  name: 'sgNricFin',
  entities: ['SG_NRIC_FIN'],
  maxLength: 9,
  scan(text, emit) {
    // SG_NRIC_FIN_RE starts at a series letter just before a run of exactly 7 digits that a letter follows.
    const f = factsOf(text);
    if (f.digits < 7) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const s = f.runStart[k] as number;
      if (runLength(f, k) !== 7 || s === 0 || !isNricSeries(text.charCodeAt(s - 1))) continue;
      if (!isAsciiLetter(text.charCodeAt(f.runEnd[k] as number))) continue;
      next = tryAt(NRIC_AT, text, s - 1, next, onNric, emit);
    }
  },
};

/** R, S or T in either case. */
function isUenSeries(c: number): boolean {
  const u = c & ~32;
  return isAsciiLetter(c) && (u === 82 || u === 83 || u === 84);
}

/** Whether a UEN can start at digit run `k`, or at the letter before it: see `sgUenRecognizer`. */
function uenStart(text: string, f: TextFacts, k: number): number {
  const s = f.runStart[k] as number;
  const e = f.runEnd[k] as number;
  if (!isAsciiLetter(text.charCodeAt(e))) return -1;
  const len = e - s;
  if (len === 8 || len === 9) return s;
  if (len === 2 && s > 0 && isUenSeries(text.charCodeAt(s - 1)) && isAsciiLetter(text.charCodeAt(e + 1))) return s - 1;
  return -1;
}

/**
 * Singapore Unique Entity Numbers (`SG_UEN`): "53125226D" (businesses), "201434292D" (local companies)
 * or "T08LL0003B" (other entities), with a valid check letter (`sgUenValid`). A third-format UEN in
 * upper case scores 0.6, enough alone; the other formats 0.4 (any lower case: 0.35), which need a
 * context word ("uen", "acra", "entity"...).
 *
 * @example
 * ```ts
 * detectPII('UEN 201434292D', { recognizers: [sgUenRecognizer] }); // [{ entity: 'SG_UEN', start: 4, end: 14, ... }]
 * ```
 */
export const sgUenRecognizer: PiiRecognizer = {
  name: 'sgUen',
  entities: ['SG_UEN'],
  maxLength: 10,
  scan(text, emit) {
    // SG_UEN_RE starts at a run of exactly 8 or 9 digits that a letter follows, or at R, S or T just
    // before a run of exactly 2 digits that two letters follow.
    const f = factsOf(text);
    if (f.digits < 6) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const at = uenStart(text, f, k);
      if (at >= 0) next = tryAt(UEN_AT, text, at, next, onUen, emit);
    }
  },
};

/**
 * The Australian and Singaporean identifier recognizers, opt-in: ABN, ACN, TFN, Medicare, NRIC/FIN, UEN.
 *
 * @example
 * ```ts
 * import { BUILTIN_RECOGNIZERS, detectPII } from '@modelsec/validators';
 * detectPII(text, { recognizers: [...BUILTIN_RECOGNIZERS, ...AU_SG_ID_RECOGNIZERS] });
 * ```
 */
export const AU_SG_ID_RECOGNIZERS: readonly PiiRecognizer[] = /* @__PURE__ */ Object.freeze([
  auAbnRecognizer,
  auAcnRecognizer,
  auTfnRecognizer,
  auMedicareRecognizer,
  sgNricFinRecognizer,
  sgUenRecognizer,
]);
