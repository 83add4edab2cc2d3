/**
 * Check digits that turn a pattern match into a validated identifier: Luhn (payment cards), ISO 7064
 * mod 97-10 (IBAN), NHS mod 11, Base58Check and Bech32/Bech32m (Bitcoin addresses) and EIP-55
 * (Ethereum mixed-case addresses). Each returns false for anything malformed; none throws.
 */
import { sha256 } from '@noble/hashes/sha2';
import { keccak_256 } from '@noble/hashes/sha3';

/**
 * Luhn (mod 10) check over a string of decimal digits.
 *
 * @example
 * ```ts
 * luhn('4111111111111111'); // true
 * ```
 */
export function luhn(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && luhnOfDigits(digits);
}

/**
 * The Luhn (mod 10) sum over the ASCII digits of `s`, every other unit skipped: `luhn(digitsOf(s))`
 * for a string with two digits or more, without building the digit string.
 * @internal
 *
 * @example
 * ```ts
 * luhnOfDigits('4111 1111 1111 1111'); // true
 * ```
 */
export function luhnOfDigits(s: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = s.length - 1; i >= 0; i--) {
    let d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) continue;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * ISO 13616 IBAN check: country code, per-country length and mod 97 == 1. Spaces are ignored,
 * letters may be lower-case.
 *
 * @example
 * ```ts
 * ibanValid('GB82 WEST 1234 5698 7654 32'); // true
 * ```
 */
export function ibanValid(iban: string): boolean {
  const s = iban.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const len = IBAN_LENGTHS[s.slice(0, 2)];
  if (len === undefined || s.length !== len) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < moved.length; i++) {
    const c = moved.charCodeAt(i);
    const v = c >= 65 ? c - 55 : c - 48;
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return rem === 1;
}

/**
 * IBAN lengths per country (SWIFT IBAN registry, release 99, plus the experimental entries Presidio lists).
 * @internal
 */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = /* @__PURE__ */ Object.freeze({
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
});

/**
 * NHS number check (mod 11 over ten digits, weights 10..2).
 *
 * @example
 * ```ts
 * nhsValid('9434765919'); // true
 * ```
 */
export function nhsValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === digits.charCodeAt(9) - 48;
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/**
 * Base58Check: decode, then compare the last four bytes with the double SHA-256 of the rest.
 *
 * @example
 * ```ts
 * base58CheckValid('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'); // true
 * ```
 */
export function base58CheckValid(s: string): boolean {
  if (s.length < 26 || s.length > 35) return false;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let carry = B58.indexOf(s[i] as string);
    if (carry < 0) return false;
    for (let j = 0; j < bytes.length; j++) {
      carry += (bytes[j] as number) * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  for (let i = 0; i < s.length && s[i] === '1'; i++) bytes.push(0);
  const raw = Uint8Array.from(bytes.reverse());
  if (raw.length !== 25) return false;
  const sum = sha256(sha256(raw.subarray(0, 21)));
  for (let i = 0; i < 4; i++) if (sum[i] !== raw[21 + i]) return false;
  return true;
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

/**
 * Bech32 (BIP-173) or Bech32m (BIP-350) checksum of a segwit address such as `bc1q...`.
 *
 * @example
 * ```ts
 * bech32Valid('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'); // true
 * ```
 */
export function bech32Valid(address: string): boolean {
  if (address.length < 8 || address.length > 90) return false;
  const lower = address.toLowerCase();
  if (lower !== address && address.toUpperCase() !== address) return false;
  const pos = lower.lastIndexOf('1');
  if (pos < 1 || pos + 7 > lower.length) return false;
  const hrp = lower.slice(0, pos);
  const values: number[] = [];
  for (let i = 0; i < hrp.length; i++) values.push(hrp.charCodeAt(i) >> 5);
  values.push(0);
  for (let i = 0; i < hrp.length; i++) values.push(hrp.charCodeAt(i) & 31);
  for (let i = pos + 1; i < lower.length; i++) {
    const v = BECH32.indexOf(lower[i] as string);
    if (v < 0) return false;
    values.push(v);
  }
  const check = polymod(values);
  return check === 1 || check === 0x2bc830a3;
}

function polymod(values: readonly number[]): number {
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i] as number;
  }
  return chk >>> 0;
}

/**
 * EIP-55 mixed-case checksum of an Ethereum address (`0x` + 40 hex). All-lower or all-upper
 * addresses carry no checksum and return `undefined`.
 *
 * @example
 * ```ts
 * eip55Valid('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'); // true
 * ```
 */
export function eip55Valid(address: string): boolean | undefined {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return false;
  const hex = address.slice(2);
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return undefined;
  const hash = keccak_256(new TextEncoder().encode(hex.toLowerCase()));
  for (let i = 0; i < 40; i++) {
    const nibble = ((hash[i >> 1] as number) >> (i % 2 === 0 ? 4 : 0)) & 0xf;
    const c = hex[i] as string;
    if (/[a-f]/i.test(c) && nibble >= 8 !== (c === c.toUpperCase())) return false;
  }
  return true;
}
