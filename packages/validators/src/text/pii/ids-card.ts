/**
 * Payment-card checks of the credit-card recognizer, made cheap without changing any answer:
 * - `cardIssuerOk` reads the issuer prefixes from the digit codes (no substrings, no `Number`): the
 *   prefix of the first k digits of a digit string is the same number either way; `cardNumberOk`
 *   also runs the Luhn check, both over the match itself without building its digit string.
 * - `twelveDigitsFrom` answers "can CARD_RE (`\d(?:[ -]?\d){11,18}`) match at `at`" from the digit runs
 *   of the facts instead of walking the text unit by unit: 12 digits must follow with at most one space
 *   or dash between two digits, i.e. the run of `at` and the runs after it, each starting one unit
 *   after the previous one ends with that unit a space or a dash, must hold 12 digits.
 */
import type { TextFacts } from '../shared/facts';
import { luhnOfDigits } from './checksums';

/**
 * Issuer prefixes and allowed lengths of a card number given as its digits (ISO/IEC 7812 ranges of the
 * major networks).
 * @internal
 *
 * @example
 * ```ts
 * cardIssuerOk('4111111111111111'); // true: Visa, 16 digits
 * ```
 */
export function cardIssuerOk(d: string): boolean {
  let p6 = 0;
  for (let i = 0; i < 6 && i < d.length; i++) p6 = p6 * 10 + (d.charCodeAt(i) - 48);
  return issuerOk(p6, d.length);
}

/**
 * `cardIssuerOk(digitsOf(s)) && luhn(digitsOf(s))` without building the digit string: the digits of `s`
 * are read in place (ASCII digits, everything else skipped, as `digitsOf` does).
 * @internal
 *
 * @example
 * ```ts
 * cardNumberOk('4111 1111 1111 1111'); // true
 * ```
 */
export function cardNumberOk(s: string): boolean {
  let n = 0;
  let p6 = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) continue;
    if (n < 6) p6 = p6 * 10 + c;
    n++;
  }
  if (!issuerOk(p6, n)) return false;
  return luhnOfDigits(s); // n >= 12 here: luhn's two-digit minimum holds
}

/** The issuer rules on the number `p6` of the first six digits and the digit count `n`. */
function issuerOk(p6: number, n: number): boolean {
  if (n < 12) return false; // every range below needs 12 digits or more (and p6 six digits)
  const p4 = (p6 / 100) | 0;
  const p3 = (p6 / 1000) | 0;
  const p2 = (p6 / 10000) | 0;
  if (p2 >= 40 && p2 <= 49) return n === 13 || n === 16 || n === 19; // Visa
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

/**
 * True when 12 ASCII digits follow `at` (inside digit run `k` of `facts`), with at most one space or
 * dash between two digits: CARD_RE cannot match at `at` otherwise.
 * @internal
 *
 * @example
 * ```ts
 * twelveDigitsFrom('4111 1111 1111 1111', factsOf(text), 0, 0); // true
 * ```
 */
export function twelveDigitsFrom(text: string, facts: TextFacts, k: number, at: number): boolean {
  let end = facts.runEnd[k] as number;
  let count = end - at;
  while (count < 12) {
    if (++k >= facts.runs) return false;
    const start = facts.runStart[k] as number;
    const sep = text.charCodeAt(end);
    if (start !== end + 1 || !(sep === 32 || sep === 45)) return false;
    end = facts.runEnd[k] as number;
    count += end - start;
  }
  return true;
}

/**
 * One kind of separator, in groups of 4 (or Amex 4-6-5): random digit runs with stray spaces are not cards.
 * @internal
 *
 * @example
 * ```ts
 * cardGroupsOk('4111 1111-1111 1111'); // false: two kinds of separator
 * ```
 */
export function cardGroupsOk(s: string): boolean {
  const seps = s.match(/[ -]/g);
  if (!seps) return true;
  if (new Set(seps).size > 1) return false;
  const groups = s.split(/[ -]/).map((g) => g.length);
  if (groups.every((g, i) => g === 4 || (i === groups.length - 1 && g >= 1 && g <= 4))) return true;
  const shape = groups.join('-');
  return shape === '4-6-5' || shape === '4-6-4' || shape === '6-13' || shape === '4-4-4-4-3';
}
