/**
 * `parsePhoneNumberFromString(text, region)?.isValid()` of libphonenumber-js (metadata "min") answered
 * from the same metadata with regexes compiled once, for the digits of a phone-shaped text: a "+"
 * (international) or nothing (national), then digits and the punctuation the library drops (spaces,
 * dots, dashes, parentheses), at least 3 digits, no letters. Such a text is always "viable" and has no
 * extension, so the library's answer depends on its digits alone. The steps, as the library takes them
 * (its semantics, re-derived; the property tests compare every answer with the library's):
 *
 * 1. International: the calling code is the shortest 1-3 digit prefix that is one (none, or a leading
 *    0: not valid); the rest is parsed with the numbering plan of the code's main (first) country.
 *    National: the region's own plan; when the digits start with the region's calling code and the
 *    full number does not match the national pattern after prefix stripping while the shorter one
 *    does (or the full one is too long), the code is taken off and the main country's plan applies.
 * 2. National prefix stripping: the plan's prefix-for-parsing regex, anchored, is taken off unless
 *    the number matched the national pattern before and does not after, or the rest has no possible
 *    length for the country its calling code and rest select (TOO_LONG counts as possible).
 * 3. Country: the only country of the calling code, or the first of its countries whose leading-digit
 *    pattern matches at 0 or, without one, for which the rest has a number type; else the region.
 * 4. Valid: 2-17 digits and, for a plan with number types, the national pattern and one type (its
 *    possible lengths, then its pattern) match; without types, the national pattern matches.
 *
 * Where the semantics get subtle the answer is `undefined` (the caller asks the library): an IDD
 * prefix at the start of a national number, a national prefix transform rule that applies, a region
 * the metadata lacks, fewer than 3 digits, or metadata that is not the expected version 4.
 */
import { Metadata } from 'libphonenumber-js/core';
import type { CountryCode } from 'libphonenumber-js/min';
import { metadataJson, NUMBER_TYPES } from './phone-lengths';

/** A number type's facts: its pattern (entire match) and possible lengths. */
interface TypeFacts {
  re: RegExp;
  lengths: readonly number[] | undefined;
}

/** A numbering plan's facts, compiled once. */
interface PlanFacts {
  callingCode: string;
  /** The IDD prefix, sticky (tested at 0). */
  idd: RegExp;
  /** `^(?:nationalNumberPattern)$`. */
  nnp: RegExp;
  lengths: readonly number[] | undefined;
  /** `^(?:nationalPrefixForParsing)`, when the plan has one. */
  prefix: RegExp | undefined;
  transform: boolean;
  /** Leading digits, sticky (tested at 0). */
  leading: RegExp | undefined;
  /** Types with a non-empty pattern; undefined when the plan has no types. */
  types: readonly TypeFacts[] | undefined;
}

interface Plan {
  callingCode(): string;
  IDDPrefix(): string | undefined;
  nationalNumberPattern(): string;
  possibleLengths(): number[] | undefined;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  leadingDigits(): string | undefined;
  hasTypes(): boolean;
  type(t: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}
interface Meta {
  selectNumberingPlan(countryOrCallingCode: string): void;
  numberingPlan?: Plan;
  hasCountry(country: string): boolean;
  hasCallingCode(callingCode: string): boolean | undefined;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
}

let meta: Meta | null | undefined;
/** Plans by country code or calling code (null: unsupported, always ask the library). */
const PLANS = new Map<string, PlanFacts | null>();

function metadata(): Meta | null {
  if (meta === undefined) {
    try {
      const json = metadataJson();
      meta = (json as { version?: unknown }).version === 4 ? (new Metadata(json) as unknown as Meta) : null;
    } catch {
      meta = null;
    }
  }
  return meta;
}

/** The facts of the plan `selectNumberingPlan(key)` selects (a country or a calling code). */
function plan(key: string): PlanFacts | null {
  let p = PLANS.get(key);
  if (p !== undefined) return p;
  p = null;
  const m = metadata();
  try {
    if (m !== null) {
      m.selectNumberingPlan(key);
      const q = m.numberingPlan;
      if (q !== undefined) p = compile(q);
    }
  } catch {
    p = null;
  }
  PLANS.set(key, p);
  return p;
}

function compile(q: Plan): PlanFacts {
  const prefix = q.nationalPrefixForParsing();
  const leading = q.leadingDigits();
  let types: TypeFacts[] | undefined;
  if (q.hasTypes()) {
    types = [];
    for (const t of NUMBER_TYPES) {
      const d = q.type(t);
      const pattern = d?.pattern();
      if (d !== undefined && pattern) types.push({ re: entire(pattern), lengths: d.possibleLengths() });
    }
  }
  return {
    callingCode: q.callingCode(),
    idd: new RegExp(q.IDDPrefix() ?? '', 'y'),
    nnp: entire(q.nationalNumberPattern()),
    lengths: q.possibleLengths(),
    prefix: prefix ? new RegExp(`^(?:${prefix})`) : undefined,
    transform: Boolean(q.nationalPrefixTransformRule()),
    leading: leading ? new RegExp(leading, 'y') : undefined,
    types,
  };
}

function entire(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

/** What a calling code selects: its main plan and the plans of its countries (in metadata order). */
interface CodeFacts {
  known: boolean;
  /** The plan `selectNumberingPlan(callingCode)` selects. */
  main: PlanFacts | null;
  /** The plans of the countries sharing the code; undefined for non-geographic codes. */
  countries: readonly (PlanFacts | null)[] | undefined;
}
const CODES = new Map<string, CodeFacts>();

function callingCode(cc: string): CodeFacts {
  let c = CODES.get(cc);
  if (c === undefined) {
    const m = metadata();
    const known = m?.hasCallingCode(cc) === true;
    const countries = known ? m?.getCountryCodesForCallingCode(cc) : undefined;
    c = { known, main: known ? plan(cc) : null, countries: countries?.map(plan) };
    CODES.set(cc, c);
  }
  return c;
}

function stickyAt0(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  return re.test(s);
}

/** `getNumberType(nn)` is defined for the plan: the national pattern and some type match. */
function hasType(p: PlanFacts, nn: string): boolean {
  if (p.types === undefined || !p.nnp.test(nn)) return false;
  for (const t of p.types) if ((t.lengths === undefined || t.lengths.includes(nn.length)) && t.re.test(nn)) return true;
  return false;
}

/** Whether the last `countryOf` chose its country because the number has a type there (so it is valid). */
let byType = false;

/** The plan of the country a calling code's national number belongs to (undefined: none determined). */
function countryOf(code: CodeFacts, nn: string): PlanFacts | undefined {
  byType = false;
  const countries = code.countries;
  if (countries === undefined) return undefined;
  if (countries.length === 1) return countries[0] ?? unsupported();
  for (const p of countries) {
    if (p === null) return unsupported();
    if (p.leading !== undefined) {
      if (nn !== '' && stickyAt0(p.leading, nn)) return p;
    } else if (hasType(p, nn)) {
      byType = true;
      return p;
    }
  }
  return undefined;
}

/** Thrown inside the emulation when the library must answer. */
const UNSUPPORTED = new Error('unsupported');
function unsupported(): never {
  throw UNSUPPORTED;
}

/** The number less the plan's national prefix, when the library takes it off. */
function nationalNumber(number: string, p: PlanFacts): string {
  if (number === '' || p.prefix === undefined) return number;
  const m = p.prefix.exec(number);
  if (m === null) return number;
  if (p.transform && m.length > 1 && m[m.length - 1]) unsupported();
  const nn = number.slice(m[0].length);
  if (nn === number) return nn;
  if (p.nnp.test(number) && !p.nnp.test(nn)) return number;
  if (p.lengths !== undefined) {
    const lengths = (countryOf(callingCode(p.callingCode), nn) ?? p).lengths;
    if (lengths !== undefined && !possibleIncomplete(nn.length, lengths)) return number;
  }
  return nn;
}

/** The length check is neither TOO_SHORT nor INVALID_LENGTH. */
function possibleIncomplete(n: number, lengths: readonly number[]): boolean {
  const min = lengths[0] as number;
  if (n === min) return true;
  if (n < min) return false;
  if (n > (lengths[lengths.length - 1] as number)) return true;
  return lengths.indexOf(n, 1) >= 0;
}

/**
 * Steps 2-4 for the digits after the calling code (`number`), parsed with plan `p`; `region` is the
 * default region's plan when the number keeps it (national, no calling code taken off).
 */
function finish(code: CodeFacts, region: PlanFacts | undefined, number: string, p: PlanFacts): boolean {
  if (number === '') return false;
  const nn = nationalNumber(number, p);
  const country = countryOf(code, nn);
  if (nn.length < 2 || nn.length > 17) return false;
  if (country !== undefined && byType) return true; // the country was chosen because the number has a type there
  const q = country ?? region ?? code.main ?? unsupported();
  return q.types !== undefined ? hasType(q, nn) : q.nnp.test(nn);
}

/**
 * `parsePhoneNumberFromString('+' + digits)?.isValid() === true` for the ASCII digits of an
 * international phone-shaped text; undefined when the library must answer.
 *
 * @example
 * ```ts
 * internationalValid('14165550199'); // true (a Canadian number: +1 is shared by 25 countries)
 * internationalValid('4412345'); // false: too short for any +44 number
 * ```
 */
export function internationalValid(digits: string): boolean | undefined {
  if (digits.length < 3 || metadata() === null) return undefined;
  if (digits.charCodeAt(0) === 48) return false;
  try {
    for (let i = 1; i <= 3 && i <= digits.length; i++) {
      const code = callingCode(digits.slice(0, i));
      if (!code.known) continue;
      return finish(code, undefined, digits.slice(i), code.main ?? unsupported());
    }
    return false;
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}

/**
 * `parsePhoneNumberFromString(text, region)?.isValid() === true` for the ASCII digits of a national
 * phone-shaped text (no "+"); undefined when the library must answer.
 *
 * @example
 * ```ts
 * nationalValid('2079460000', 'GB'); // true
 * nationalValid('415555012', 'US'); // false: 9 digits
 * nationalValid('00442079460000', 'GB'); // undefined: an IDD prefix, the library answers
 * ```
 */
export function nationalValid(digits: string, region: CountryCode): boolean | undefined {
  const m = metadata();
  if (digits.length < 3 || m === null || region === ('001' as CountryCode) || !m.hasCountry(region)) return undefined;
  try {
    const r = plan(region) ?? unsupported();
    if (stickyAt0(r.idd, digits)) return undefined;
    const cc = r.callingCode;
    const code = callingCode(cc);
    if (digits.startsWith(cc)) {
      const shorter = digits.slice(cc.length);
      const full = nationalNumber(digits, r);
      if (
        (!r.nnp.test(full) && r.nnp.test(nationalNumber(shorter, r))) ||
        (r.lengths !== undefined && tooLong(full.length, r.lengths))
      )
        return finish(code, undefined, shorter, code.main ?? unsupported());
    }
    return finish(code, r, digits, r);
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}

/** The length check answers TOO_LONG. */
function tooLong(n: number, lengths: readonly number[]): boolean {
  const min = lengths[0] as number;
  return n > min && n > (lengths[lengths.length - 1] as number);
}
