/**
 * PHONE_NUMBER: a linear-time candidate pattern for international and national formats (country code,
 * area code in parentheses, groups separated by space, dot or dash, extensions), scored by shape,
 * raised when libphonenumber-js (metadata "min") validates it for the number's own country code or one
 * of the configured regions, and raised again by context words such as "call", "mobile" or "fax".
 *
 * Shortcuts, each giving the answer of the plain code (test/text/phone-fastpaths.test.ts compares the
 * scan with that code on generated texts): a digit run that PHONE_RE cannot carry past its end (no
 * "[ .-]<digit>", no extension label) yields at most itself, under 10 digits without separator or
 * "+", which the handler always drops, so it is not matched at all; a match without "x", "X" or "#"
 * has no extension; the group count walks the match instead of splitting it; and libphonenumber-js is
 * asked only when its metadata does not settle the answer (phone-lengths.ts: certainly invalid by
 * length; phone-valid.ts: the library's parse and validity re-derived for the common cases).
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { wordSet } from '../shared/context';
import { factsOf, type TextFacts } from '../shared/facts';
import { isUnspacedScript } from '../shared/letters';
import { countDigits, digitsOf, isWordAt } from '../shared/regex';
import { internationalCertainlyInvalid, nationalCertainlyInvalid } from './phone-lengths';
import { internationalValid, nationalValid } from './phone-valid';
import type { PiiCandidate, PiiRecognizer } from './types';

/** @internal Candidate phone numbers. */
export const PHONE_RE: RegExp =
  /(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,12}(?:[ .-]\d{1,12}){0,6}(?: ?(?:x|ext\.?|#) ?\d{1,6})?(?![\w/]|[.,:-]\d)/iy;
/** Candidate starts: a digit run, optionally after "+" or "(". */
export const PHONE_ANCHOR: RegExp = /[+(]?\d+/g;

/**
 * A phone number cannot start right after a word character, "+", "/", ".", "-" or "_", after "<digit>,", or
 * after ":" unless it starts with "+" or "(".
 */
function phoneStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i - 1);
  if (i === 0) return true;
  // A label's colon may come right before "+" or "(" ("tel:+1 415…", "Phone:(415) …"); before a digit it
  // is a time or a ratio ("10:30").
  if (c === 58) return text.charCodeAt(i) === 43 || text.charCodeAt(i) === 40;
  if (c === 43 || c === 47 || c === 46 || c === 45 || c === 95) return false;
  if (c === 44) return !(text.charCodeAt(i - 2) >= 48 && text.charCodeAt(i - 2) <= 57);
  // After Han, kana or Hangul a number may follow right away ("电话13812345678", "電話番号は090-1234-5678").
  return !isWordAt(text, i - 1) || isUnspacedScript(c);
}

const PHONE_CONTEXT = wordSet(
  'phone phones telephone tel tel. call called calling cell cellphone mobile mob fax office home work ph whatsapp sms text dial reach contact landline answering answer ring' +
    // Since stop 53, the words for a phone and for calling in Spanish, French, Italian, Portuguese,
    // German and Dutch ("Mi teléfono es 612 345 678", "Cellulare 347 123 4567", "bel 06-12345678"); not
    // their words for "number" ("número de cuenta"), as "number" is none in English.
    ' teléfono telefono téléphone telephone telefone telefon telefonnummer tél tlf móvil movil celular cellulare portable handy mobil mobiel llamar llámame llamame chiamare chiamami appeler appelez ligar liga anrufen bel bellen' +
    // Russian, and Chinese, Japanese and Korean as their letter runs end before a number or a colon
    // ("电话：", "手机号码13812345678", "電話番号：", "전화번호:").
    ' телефон тел мобильный звоните 电话 電話 手机 手機 手机号 手机号码 电话号码 電話番号 携帯 携帯電話 전화 전화번호 휴대폰 핸드폰',
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

/** The extension at the end of a match (every form has an "x" or "#"). */
const EXT_RE = /(?: ?(?:x|ext\.?|#) ?\d{1,6})$/i;

function onPhone(m: RegExpExecArray, st: PhoneScan): void {
  const s = m[0];
  // A match is "+", digits, [ .()-] and maybe an extension: without "x", "X" or "#" it has none.
  const ext = s.indexOf('x') < 0 && s.indexOf('X') < 0 && s.indexOf('#') < 0 ? null : EXT_RE.exec(s);
  const main = ext ? s.slice(0, ext.index) : s;
  const digits = countDigits(main);
  if (digits < 6 || digits > 15) return;
  if (DATE_LIKE.test(main)) return;
  // Five digits, "-", three digits: a Brazilian postcode (CEP, "01304-001"), no phone's grouping.
  if (digits === 8 && main.length === 9 && main.charCodeAt(5) === 45) return;
  const separated = digits + (main.charCodeAt(0) === 43 ? 1 : 0) < main.length; // anything else is [ .()-]
  const plus = main.charCodeAt(0) === 43;
  if (!separated && !plus && digits < 10) return;
  // A run of more than 4 groups of 1-2 digits is a list of numbers, not a phone.
  if (listOfShortGroups(main)) return;
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

/**
 * `main.split(/[ .()-]+/).filter(Boolean)` has more than 5 groups, each of at most 2 characters,
 * counted in one walk without the array.
 * @internal
 *
 * @example
 * ```ts
 * listOfShortGroups('1 2 3 4 5 6'); // true: a list of numbers, not a phone
 * listOfShortGroups('12 34 56 78 901'); // false
 * ```
 */
export function listOfShortGroups(main: string): boolean {
  let groups = 0;
  let run = 0;
  for (let i = 0; i <= main.length; i++) {
    const c = i < main.length ? main.charCodeAt(i) : 32;
    if (c === 32 || c === 46 || c === 40 || c === 41 || c === 45) {
      if (run > 0) groups++;
      run = 0;
    } else if (++run > 2) return false;
  }
  return groups > 5;
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
    // A match from the run's own start that cannot go on past the run's end (no "[ .-]<digit>", no
    // extension start) is at most the run: fewer than 10 digits, no separator, no "+", never a phone
    // (onPhone drops it); and it leaves `next` at `e` as a skipped run does: no exec.
    if (at === s && e - s < 10 && !continues(text, e)) continue;
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

/** PHONE_RE could go on at `e`, the end of a digit run: a group "[ .-]<digit>" or an extension. */
function continues(text: string, e: number): boolean {
  const c = text.charCodeAt(e);
  if (c === 32 || c === 46 || c === 45) {
    const d = text.charCodeAt(e + 1);
    if (d >= 48 && d <= 57) return true;
    return c === 32 && extStart(d);
  }
  return extStart(c);
}

/** x, X, e, E or # (an extension label starts with one of them). */
function extStart(c: number): boolean {
  return c === 120 || c === 88 || c === 101 || c === 69 || c === 35;
}

/**
 * Whether libphonenumber-js validates `s` (international with "+" or "00", else national for one of
 * `regions`). With `exhaustive` false, regions whose parse is certainly invalid by length are not
 * parsed (`nationalCertainlyInvalid`) and the metadata answers where it can (`nationalValid`,
 * `internationalValid`); the answer is the same.
 * @internal
 */
export function isValidPhone(s: string, plus: boolean, regions: readonly CountryCode[], exhaustive = false): boolean {
  try {
    if (plus || s.startsWith('00')) {
      const international = plus ? s : `+${s.slice(2)}`;
      if (!exhaustive) {
        const digits = digitsOf(international);
        if (internationalCertainlyInvalid(digits)) return false;
        const fast = internationalValid(digits);
        if (fast !== undefined) return fast;
      }
      return parsePhoneNumberFromString(international)?.isValid() === true;
    }
    // National numbers: a trunk prefix 0 rules out NANP regions, ten digits without it rules in NANP.
    const trunk = /^\(?0/.test(s);
    const digits = exhaustive ? '' : digitsOf(s);
    for (const r of regions) {
      const nanp = r === 'US' || r === 'CA';
      if (trunk === nanp) continue;
      if (!exhaustive) {
        if (nationalCertainlyInvalid(digits, r)) continue;
        const fast = nationalValid(digits, r);
        if (fast === true) return true;
        if (fast === false) continue;
      }
      if (parsePhoneNumberFromString(s, r)?.isValid()) return true;
    }
  } catch {
    // libphonenumber-js rejects some inputs by throwing; they are simply not valid numbers.
  }
  return false;
}

/** The default phone recognizer (regions US, GB, DE, FR, IN). */
export const defaultPhoneRecognizer: PiiRecognizer = /* @__PURE__ */ phoneRecognizer();
