/**
 * Facts from libphonenumber-js's own metadata, used to skip validations whose answer is certainly
 * "not valid". A number parsed with a default region is valid only if its national significant
 * number (NSN) entirely matches the national number pattern of one of the countries sharing the
 * region's calling code (`isValidNumber` and `getNumberType` both require it) and, for a country with
 * number types, one of its types' patterns (`getNumberType` returns a type only then). The NSN is the
 * number's digits, less a leading national prefix and/or the calling code when the digits start with
 * them (an IDD prefix would switch to another calling code: never skipped then). When none of these
 * NSNs has a length those patterns can match and matches one of them, the call
 * `parsePhoneNumberFromString(number, region).isValid()` is false and is skipped. The lengths a pattern
 * can match are found exactly by turning each one-character atom (digit, `\d`, class) into `.` and
 * matching strings of each length. Patterns with other syntax, national prefixes that are not plain
 * digit strings (or alternations of them), transform rules and IDD prefix patterns disable the skip.
 */
import { Metadata } from 'libphonenumber-js/core';
import minMetadata from 'libphonenumber-js/metadata.min.json';
import type { CountryCode, MetadataJson } from 'libphonenumber-js/min';

/** What the shortcut needs of a calling code (undefined: never skip). */
interface CallingCodeFacts {
  callingCode: string;
  /** Alternatives of the national prefix for parsing of its main country (plain digit strings). */
  nationalPrefixes: readonly string[];
  /** Lengths its national number patterns can match. */
  lengths: ReadonlySet<number>;
  /** Matches (entirely) every NSN some country of the calling code can validate. */
  accepts: RegExp;
}

interface Plan {
  hasTypes(): boolean;
  type(t: string): { pattern(): string } | undefined;
  callingCode(): string;
  IDDPrefix(): string;
  nationalNumberPattern(): string;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
}
interface Meta {
  selectNumberingPlan(country: string): void;
  numberingPlan?: Plan;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
  hasCallingCode(callingCode: string): boolean;
}

/**
 * Every number type libphonenumber-js's `getNumberType` tries.
 * @internal
 *
 * @example
 * ```ts
 * NUMBER_TYPES.includes('MOBILE'); // true
 * ```
 */
export const NUMBER_TYPES: readonly string[] = [
  'FIXED_LINE',
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
];

/** Longest digit string the shortcut answers for (longer ones are always parsed). */
const MAX_DIGITS = 24;

/**
 * `lengths[n]` true when some string of `n` characters matches `^(?:pattern)$`, for n <= MAX_DIGITS;
 * undefined for syntax other than digits, `\d`, classes, groups, alternation and quantifiers.
 */
function patternLengths(pattern: string): boolean[] | undefined {
  let shape = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c >= '0' && c <= '9') shape += '.';
    else if (c === '\\') {
      if (pattern[i + 1] !== 'd') return undefined;
      shape += '.';
      i++;
    } else if (c === '[') {
      const end = pattern.indexOf(']', i);
      const body = pattern.slice(i + 1, end);
      if (end < 0 || !/^\^?(?:\d|\d-\d)+$/.test(body.replace(/\\d/g, '0'))) return undefined;
      shape += '.';
      i = end;
    } else if (c === '{') {
      const end = pattern.indexOf('}', i);
      if (end < 0 || !/^\d+(?:,\d*)?$/.test(pattern.slice(i + 1, end))) return undefined;
      shape += pattern.slice(i, end + 1);
      i = end;
    } else if (c === '(') {
      if (pattern.startsWith('(?:', i)) {
        shape += '(?:';
        i += 2;
      } else shape += '(';
    } else if (c === ')' || c === '|' || c === '?' || c === '*' || c === '+') shape += c;
    else return undefined;
  }
  const re = new RegExp(`^(?:${shape})$`);
  const out: boolean[] = [];
  for (let n = 0; n <= MAX_DIGITS; n++) out.push(re.test('x'.repeat(n)));
  return out;
}

const BY_CODE = new Map<string, CallingCodeFacts | undefined>();
/** A region's calling code facts, IDD prefix and national prefixes (its own plan's). */
interface RegionFacts {
  facts: CallingCodeFacts;
  idd: string;
  nationalPrefixes: readonly string[];
}
const BY_REGION = new Map<string, RegionFacts | undefined>();
let metadata: Meta | undefined;

/**
 * The metadata `libphonenumber-js/min` validates with. (The `Metadata` class of `/min` is not used: its
 * CommonJS build receives the JSON module object, `{ default }`, and throws.)
 * @internal
 *
 * @example
 * ```ts
 * new Metadata(metadataJson()); // libphonenumber-js/core's Metadata over the "min" data
 * ```
 */
export function metadataJson(): MetadataJson {
  const m = minMetadata as MetadataJson | { default: MetadataJson };
  return 'countries' in m ? m : m.default;
}

/** Compute once; any surprise in the metadata means "never skip". */
function cached<T>(map: Map<string, T | undefined>, key: string, compute: (m: Meta) => T | undefined): T | undefined {
  if (map.has(key)) return map.get(key);
  let out: T | undefined;
  try {
    metadata ??= new Metadata(metadataJson()) as unknown as Meta;
    out = compute(metadata);
  } catch {
    out = undefined;
  }
  map.set(key, out);
  return out;
}

function callingCodeFacts(callingCode: string): CallingCodeFacts | undefined {
  return cached(BY_CODE, callingCode, (m) => {
    const countries = m.getCountryCodesForCallingCode(callingCode);
    if (!countries || countries.length === 0) return undefined;
    const lengths = new Set<number>();
    const alternatives: string[] = [];
    // Numbers that carry the calling code are parsed with the numbering plan of its main (first) country.
    m.selectNumberingPlan(countries[0] as string);
    const nationalPrefixes = nationalPrefixesOf(m.numberingPlan);
    if (nationalPrefixes === undefined) return undefined;
    for (const country of countries) {
      m.selectNumberingPlan(country);
      const q = m.numberingPlan;
      const pattern = q?.nationalNumberPattern();
      if (q === undefined || typeof pattern !== 'string') return undefined;
      const ls = patternLengths(pattern);
      if (ls === undefined) return undefined;
      ls.forEach((ok, n) => {
        if (ok) lengths.add(n);
      });
      // With number types, a valid NSN matches one of the types' patterns; without, the national pattern.
      if (!q.hasTypes()) alternatives.push(pattern);
      else
        for (const t of NUMBER_TYPES) {
          const tp = q.type(t)?.pattern();
          if (typeof tp === 'string' && tp !== '') alternatives.push(tp);
        }
    }
    if (alternatives.length === 0) return undefined;
    const accepts = new RegExp(`^(?:${alternatives.map((a) => `(?:${a})`).join('|')})$`);
    return { callingCode, nationalPrefixes, lengths, accepts };
  });
}

/** The national prefix for parsing of a plan as plain digit alternatives; undefined when not that simple. */
function nationalPrefixesOf(p: Plan | undefined): string[] | undefined {
  if (p === undefined || p.nationalPrefixTransformRule()) return undefined;
  const np = p.nationalPrefixForParsing() || '';
  if (np === '') return [];
  return /^\d+(?:\|\d+)*$/.test(np) ? np.split('|') : undefined;
}

function regionFacts(region: CountryCode): RegionFacts | undefined {
  return cached(BY_REGION, region, (m) => {
    m.selectNumberingPlan(region);
    const p = m.numberingPlan;
    const idd = p?.IDDPrefix();
    const nationalPrefixes = nationalPrefixesOf(p);
    if (p === undefined || nationalPrefixes === undefined) return undefined;
    if (typeof idd !== 'string' || !/^\d+$/.test(idd)) return undefined;
    const facts = callingCodeFacts(p.callingCode());
    return facts && { facts, idd, nationalPrefixes };
  });
}

/**
 * True when `parsePhoneNumberFromString(number, region)?.isValid()` is certainly false for a number
 * whose ASCII digits are `digits` (no "+", no extension, no other digits): none of the NSNs it can
 * parse to has a possible length and matches a pattern of its calling code's countries.
 *
 * @example
 * ```ts
 * nationalCertainlyInvalid('415555010', 'US'); // true: 9 digits never make a NANP number
 * ```
 */
export function nationalCertainlyInvalid(digits: string, region: CountryCode): boolean {
  const r = regionFacts(region);
  if (r === undefined || digits.length > MAX_DIGITS || digits.startsWith(r.idd)) return false;
  const f = r.facts;
  const cc = f.callingCode;
  // Parsed with the region's plan: the digits, less one of its national prefixes.
  if (nsnMayBeValid(f, r.nationalPrefixes, digits, 0)) return false;
  // The calling code, written without "+", may be taken off; then the main country's plan applies.
  return !(digits.startsWith(cc) && nsnMayBeValid(f, f.nationalPrefixes, digits, cc.length));
}

/**
 * True when `parsePhoneNumberFromString('+' + digits)?.isValid()` is certainly false for `digits`
 * (ASCII digits after the "+"): the calling code libphonenumber-js takes (the shortest prefix of 1-3
 * digits that is one) leaves no NSN of a possible length matching its patterns.
 *
 * @example
 * ```ts
 * internationalCertainlyInvalid('4412345'); // true: too short for any +44 number
 * ```
 */
export function internationalCertainlyInvalid(digits: string): boolean {
  if (digits.length > MAX_DIGITS || digits.startsWith('0')) return false;
  for (let i = 1; i <= 3 && i <= digits.length; i++) {
    const cc = digits.slice(0, i);
    const known = cached(KNOWN_CODES, cc, (m) => m.hasCallingCode(cc) === true);
    if (known === undefined) return false;
    if (!known) continue;
    const f = callingCodeFacts(cc);
    return f !== undefined && !nsnMayBeValid(f, f.nationalPrefixes, digits, i);
  }
  return false;
}

const KNOWN_CODES = new Map<string, boolean | undefined>();

/** The NSN `digits.slice(from)`, or it less a national prefix, may be valid for the calling code. */
function nsnMayBeValid(f: CallingCodeFacts, prefixes: readonly string[], digits: string, from: number): boolean {
  if (viable(f, digits, from)) return true;
  for (const np of prefixes) if (digits.startsWith(np, from) && viable(f, digits, from + np.length)) return true;
  return false;
}

/** The NSN `digits.slice(from)` has a possible length and matches a pattern of the calling code. */
function viable(f: CallingCodeFacts, digits: string, from: number): boolean {
  return f.lengths.has(digits.length - from) && f.accepts.test(from === 0 ? digits : digits.slice(from));
}
