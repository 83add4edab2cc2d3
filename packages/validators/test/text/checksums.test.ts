import { base58CheckValid, bech32Valid, eip55Valid, ibanValid, luhn, nhsValid } from '@modelsec/validators';
import { describe, expect, test } from 'vitest';
import vectors from '../vectors/text-checksums.json';

describe('check digits (known answers)', () => {
  const cases = [
    ['luhn', luhn, vectors.luhn],
    ['iban', ibanValid, vectors.iban],
    ['nhs', nhsValid, vectors.nhs],
    ['bech32', bech32Valid, vectors.bech32],
    ['base58check', base58CheckValid, vectors.base58check],
    ['eip55', eip55Valid, vectors.eip55],
  ] as const;
  for (const [name, fn, v] of cases) {
    test(name, () => {
      for (const s of v.valid) expect(fn(s), s).toBe(true);
      for (const s of v.invalid) expect(fn(s), s).toBe(false);
    });
  }
  test('EIP-55 has no checksum in single-case addresses', () => {
    expect(eip55Valid('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toBeUndefined();
  });
  test('malformed input is simply invalid', () => {
    for (const s of ['', 'x', '4', '😀'.repeat(20), 'GB', '1'.repeat(100)]) {
      expect(luhn(s) && s.length > 1 && /^\d+$/.test(s)).toBe(luhn(s));
      expect(ibanValid(s)).toBe(false);
      expect(nhsValid(s)).toBe(false);
      expect(bech32Valid(s)).toBe(false);
      expect(base58CheckValid(s)).toBe(false);
      expect(eip55Valid(s)).toBe(false);
    }
  });
});
