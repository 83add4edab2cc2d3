/**
 * Length facts from libphonenumber-js's own metadata, used to skip validations whose answer is
 * certainly "not valid". A number parsed with a default region is valid only if its national
 * significant number (NSN) matches, entirely, the national number pattern of one of the countries
 * sharing the region's calling code (`isValidNumber` and `getNumberType` both require it). The NSN is
 * the number's digits, less a leading national prefix and/or the calling code when the digits start
 * with them (an IDD prefix would switch to another calling code: never skipped then). When no such
 * length can match any of those patterns, `parsePhoneNumberFromString(number, region).isValid()` is
 * false and the call is skipped. The lengths a pattern can match are found exactly by turning each
 * one-character atom (digit, `\d`, class) into `.` and matching strings of each length; patterns
 * using other syntax, national prefixes that are not plain digit strings (or alternations of them), transform rules and IDD prefix
 * patterns disable the skip for the region.
 */
import { type CountryCode, Metadata } from 'libphonenumber-js/min';

/** What the shortcut needs of a region (undefined: never skip). */
interface RegionLengths {
  callingCode: string;
  /** Alternatives of the national prefix for parsing (plain digit strings). */
  nationalPrefixes: readonly string[];
  idd: string;
  lengths: ReadonlySet<number>;
}

interface Plan {
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
}

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

const CACHE = new Map<string, RegionLengths | undefined>();

function regionLengths(region: CountryCode): RegionLengths | undefined {
  if (CACHE.has(region)) return CACHE.get(region);
  let out: RegionLengths | undefined;
  try {
    out = compute(region);
  } catch {
    out = undefined; // unknown region or metadata shape: never skip
  }
  CACHE.set(region, out);
  return out;
}

function compute(region: CountryCode): RegionLengths | undefined {
  const m = new Metadata() as unknown as Meta;
  m.selectNumberingPlan(region);
  const p = m.numberingPlan;
  if (p === undefined) return undefined;
  const callingCode = p.callingCode();
  const np = p.nationalPrefixForParsing() || '';
  const idd = p.IDDPrefix();
  if (p.nationalPrefixTransformRule()) return undefined;
  if (np !== '' && !/^\d+(?:\|\d+)*$/.test(np)) return undefined;
  const nationalPrefixes = np === '' ? [] : np.split('|');
  if (typeof idd !== 'string' || !/^\d+$/.test(idd)) return undefined;
  const lengths = new Set<number>();
  const countries = m.getCountryCodesForCallingCode(callingCode);
  if (!countries || countries.length === 0) return undefined;
  for (const country of countries) {
    m.selectNumberingPlan(country);
    const pattern = m.numberingPlan?.nationalNumberPattern();
    if (typeof pattern !== 'string') return undefined;
    const ls = patternLengths(pattern);
    if (ls === undefined) return undefined;
    ls.forEach((ok, n) => {
      if (ok) lengths.add(n);
    });
  }
  return { callingCode, nationalPrefixes, idd, lengths };
}

/**
 * True when `parsePhoneNumberFromString(number, region)?.isValid()` is certainly false for a number
 * whose ASCII digits are `digits` (no "+", no extension, no other digits): no NSN length it can parse
 * to is a possible length of its calling code.
 *
 * @example
 * ```ts
 * nationalLengthImpossible('415555010', 'US'); // true: 9 digits never make a NANP number
 * ```
 */
export function nationalLengthImpossible(digits: string, region: CountryCode): boolean {
  const r = regionLengths(region);
  const n = digits.length;
  if (r === undefined || n > MAX_DIGITS || digits.startsWith(r.idd)) return false;
  const { lengths, nationalPrefixes, callingCode: cc } = r;
  if (lengths.has(n)) return false;
  for (const np of nationalPrefixes) if (digits.startsWith(np) && lengths.has(n - np.length)) return false;
  if (digits.startsWith(cc)) {
    if (lengths.has(n - cc.length)) return false;
    for (const np of nationalPrefixes)
      if (digits.startsWith(np, cc.length) && lengths.has(n - cc.length - np.length)) return false;
  }
  return true;
}
