/**
 * PHONE_NUMBER: a linear-time candidate pattern for international and national formats (country code,
 * area code in parentheses, groups separated by space, dot or dash, extensions), scored by shape,
 * raised when libphonenumber-js (metadata "min") validates it for the number's own country code or one
 * of the configured regions, and raised again by context words such as "call", "mobile" or "fax".
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { wordSet } from '../shared/context';
import { factsOf, type TextFacts } from '../shared/facts';
import { countDigits, digitsOf, isWordAt } from '../shared/regex';
import { internationalCertainlyInvalid, nationalCertainlyInvalid } from './phone-lengths';
import type { PiiCandidate, PiiRecognizer } from './types';

/** @internal Candidate phone numbers. */
export const PHONE_RE: RegExp =
  /(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,12}(?:[ .-]\d{1,12}){0,6}(?: ?(?:x|ext\.?|#) ?\d{1,6})?(?![\w/]|[.,:-]\d)/iy;
/** Candidate starts: a digit run, optionally after "+" or "(". */
export const PHONE_ANCHOR: RegExp = /[+(]?\d+/g;

/** A phone number cannot start right after a word character, "+", "/", ".", ":" or "-", or after "<digit>,". */
function phoneStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i - 1);
  if (i === 0) return true;
  if (c === 43 || c === 47 || c === 46 || c === 58 || c === 45 || c === 95) return false;
  if (c === 44) return !(text.charCodeAt(i - 2) >= 48 && text.charCodeAt(i - 2) <= 57);
  return !isWordAt(text, i - 1);
}

const PHONE_CONTEXT = wordSet(
  'phone phones telephone tel tel. call called calling cell cellphone mobile mob fax office home work ph whatsapp sms text dial reach contact landline answering answer ring',
);

/** Options of the phone recognizer. */
export interface PhoneOptions {
  /**
   * Regions tried for numbers written without a country code (ISO 3166 alpha-2). Default
   * `['US', 'GB', 'DE', 'FR', 'IN']`.
   */
  regions?: readonly string[];
  /**
   * Most libphonenumber-js validations per scan (each costs ~40 µs); candidates beyond the budget
   * keep their shape score. Default 2,000.
   */
  validationBudget?: number;
}

/** @internal */
export const DATE_LIKE: RegExp = /^\d{4}-\d{2}-\d{2}|^\d{2}-\d{2}-\d{4}$/;

/**
 * A phone recognizer with the given regions and validation budget.
 *
 * @example
 * ```ts
 * const nl = phoneRecognizer({ regions: ['NL', 'BE'] });
 * detectPII('bel 06-12345678', { recognizers: [nl] });
 * ```
 */
export function phoneRecognizer(options: PhoneOptions = {}): PiiRecognizer {
  const regions = (options.regions ?? ['US', 'GB', 'DE', 'FR', 'IN']) as readonly CountryCode[];
  const budget = options.validationBudget ?? 2000;
  return {
    name: 'phone',
    entities: ['PHONE_NUMBER'],
    maxLength: 4 + 7 + 7 * 13 + 11,
    scan(text, emit) {
      const f = factsOf(text);
      if (f.digits < 6) return; // no candidate has fewer than 6 digits
      scanPhoneAnchors(text, f, onPhone, { left: budget, regions, emit });
    },
  };
}

/** State of one phone scan (passed to the module-level match handler: no closure per scan). */
interface PhoneScan {
  /** Validations left in the budget. */
  left: number;
  regions: readonly CountryCode[];
  emit: (c: PiiCandidate) => void;
}

function onPhone(m: RegExpExecArray, st: PhoneScan): void {
  const s = m[0];
  const ext = /(?: ?(?:x|ext\.?|#) ?\d{1,6})$/i.exec(s);
  const main = ext ? s.slice(0, ext.index) : s;
  const digits = countDigits(main);
  if (digits < 6 || digits > 15) return;
  if (DATE_LIKE.test(main)) return;
  const separated = /[ .()-]/.test(main);
  const plus = main.startsWith('+');
  if (!separated && !plus && digits < 10) return;
  // A run of more than 4 groups of 1-2 digits is a list of numbers, not a phone.
  const groups = main.split(/[ .()-]+/).filter(Boolean);
  if (groups.length > 5 && allShort(groups)) return;
  let score = plus || main.startsWith('(') || (separated && digits >= 10) ? 0.45 : digits >= 7 ? 0.35 : 0.25;
  if (ext) score += 0.05;
  if (st.left > 0) {
    st.left--;
    if (isValidPhone(main, plus, st.regions)) score += 0.2;
  }
  st.emit({
    entity: 'PHONE_NUMBER',
    start: m.index,
    end: m.index + s.length,
    score,
    recognizer: 'phone',
    context: PHONE_CONTEXT,
    contextBoost: 0.35,
  });
}

/** Every group has at most 2 digits. */
function allShort(groups: readonly string[]): boolean {
  for (const g of groups) if (g.length > 2) return false;
  return true;
}

/**
 * Exactly `scanAnchored(PHONE_ANCHOR, PHONE_RE, text, phoneStart, fn)`, with the anchors (a digit run,
 * with the "+" or "(" right before it) taken from the digit runs of the facts.
 */
function scanPhoneAnchors(
  text: string,
  f: TextFacts,
  fn: (m: RegExpExecArray, st: PhoneScan) => void,
  st: PhoneScan,
): void {
  let next = 0;
  for (let k = 0; k < f.runs; k++) {
    const s = f.runStart[k] as number;
    const e = f.runEnd[k] as number;
    if (e <= next) continue;
    const before = text.charCodeAt(s - 1);
    const at = s - 1 >= next && (before === 43 || before === 40) ? s - 1 : Math.max(s, next);
    next = e;
    if (!phoneStart(text, at)) continue;
    PHONE_RE.lastIndex = at;
    const m = PHONE_RE.exec(text);
    if (m !== null && m.index === at) {
      fn(m, st);
      next = Math.max(next, at + Math.max(1, m[0].length));
    }
  }
  PHONE_RE.lastIndex = 0;
}

/**
 * Whether libphonenumber-js validates `s` (international with "+" or "00", else national for one of
 * `regions`). With `exhaustive` false, regions whose parse is certainly invalid by length are not
 * parsed (`nationalCertainlyInvalid`); the answer is the same.
 * @internal
 */
export function isValidPhone(s: string, plus: boolean, regions: readonly CountryCode[], exhaustive = false): boolean {
  try {
    if (plus) {
      if (!exhaustive && internationalCertainlyInvalid(digitsOf(s))) return false;
      return parsePhoneNumberFromString(s)?.isValid() === true;
    }
    if (s.startsWith('00')) {
      const international = `+${s.slice(2)}`;
      if (!exhaustive && internationalCertainlyInvalid(digitsOf(international))) return false;
      return parsePhoneNumberFromString(international)?.isValid() === true;
    }
    // National numbers: a trunk prefix 0 rules out NANP regions, ten digits without it rules in NANP.
    const trunk = /^\(?0/.test(s);
    const digits = exhaustive ? '' : digitsOf(s);
    for (const r of regions) {
      const nanp = r === 'US' || r === 'CA';
      if (trunk === nanp) continue;
      if (!exhaustive && nationalCertainlyInvalid(digits, r)) continue;
      if (parsePhoneNumberFromString(s, r)?.isValid()) return true;
    }
  } catch {
    // libphonenumber-js rejects some inputs by throwing; they are simply not valid numbers.
  }
  return false;
}

/** The default phone recognizer (regions US, GB, DE, FR, IN). */
export const defaultPhoneRecognizer: PiiRecognizer = /* @__PURE__ */ phoneRecognizer();
