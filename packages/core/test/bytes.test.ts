import {
  base64ToBytes,
  bytesToBase64,
  bytesToHex,
  bytesToUtf8,
  concatBytes,
  equalBytes,
  hexToBytes,
  ModelSecError,
  randomBytes,
  utf8ToBytes,
  ValidationError,
  wipeBytes,
} from '@modelsec/core';
import { NOT_BYTES, NOT_STRINGS } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import rfc4648 from './vectors/rfc4648.json';

const enc = (s: string) => new TextEncoder().encode(s);

describe('RFC 4648 vectors', () => {
  test.each(rfc4648.base64)('base64(%j) = %j', (plain, encoded) => {
    expect(bytesToBase64(enc(plain))).toBe(encoded);
    expect(bytesToUtf8(base64ToBytes(encoded))).toBe(plain);
  });
  test.each(rfc4648.base16)('base16(%j) = %j', (plain, encoded) => {
    expect(bytesToHex(enc(plain))).toBe(encoded.toLowerCase());
    expect(bytesToUtf8(hexToBytes(encoded))).toBe(plain);
    expect(bytesToUtf8(hexToBytes(encoded.toLowerCase()))).toBe(plain);
  });
  test('url-safe alphabet without padding', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xfe]);
    expect(bytesToBase64(bytes)).toBe('+//+');
    expect(bytesToBase64(bytes, { url: true })).toBe('-__-');
    expect(base64ToBytes('-__-')).toEqual(bytes);
    expect(bytesToBase64(new Uint8Array([1]), { url: true })).toBe('AQ');
  });
});

describe('decoders reject malformed input with invalid_encoding', () => {
  test.each(['abc', 'zz', '0g', ' 00', '00 ', 'é0'])('hex %j', (s) => {
    expect(() => hexToBytes(s)).toThrow(ValidationError);
    try {
      hexToBytes(s);
    } catch (e) {
      expect(ModelSecError.isInstance(e) && e.code).toBe('invalid_encoding');
    }
  });
  test.each(['A', 'AB=C', 'A===', 'Zm9v\n', 'Zm9=v', '====', 'Zh==', 'Zm9vYmF=', '€€€€'])('base64 %j', (s) => {
    expect(() => base64ToBytes(s)).toThrow(ValidationError);
  });
  test('utf8 rejects invalid sequences', () => {
    expect(() => bytesToUtf8(new Uint8Array([0xc3, 0x28]))).toThrow(ValidationError);
    expect(() => bytesToUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toThrow(ValidationError);
  });
  test('messages never echo the input', () => {
    const secret = 'sk_live_THIS_IS_SECRET!';
    for (const f of [() => hexToBytes(secret), () => base64ToBytes(secret)]) {
      expect(f).toThrow();
      try {
        f();
      } catch (e) {
        expect(String((e as Error).message)).not.toContain('SECRET');
      }
    }
  });
});

describe('property tests', () => {
  test('hex and base64 round-trip any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, url) => {
        expect(hexToBytes(bytesToHex(bytes))).toEqual(bytes);
        expect(base64ToBytes(bytesToBase64(bytes, { url }))).toEqual(bytes);
      }),
    );
  });
  test('decoders on arbitrary strings return bytes or a ValidationError, never anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64, unit: 'binary' }), (s) => {
        for (const decode of [hexToBytes, base64ToBytes]) {
          try {
            expect(decode(s)).toBeInstanceOf(Uint8Array);
          } catch (e) {
            expect(ValidationError.isInstance(e)).toBe(true);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
  test('base64 decoding is canonical: accepted strings re-encode to themselves (modulo padding)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9+/]{0,12}={0,2}$/), (s) => {
        let bytes: Uint8Array;
        try {
          bytes = base64ToBytes(s);
        } catch {
          return;
        }
        expect(bytesToBase64(bytes).replace(/=+$/, '')).toBe(s.replace(/=+$/, ''));
      }),
      { numRuns: 2000 },
    );
  });
  test('utf8 round-trips well-formed strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(bytesToUtf8(utf8ToBytes(s))).toBe(s);
      }),
    );
  });
  test('a megabyte of hex decodes in linear time without recursion', () => {
    const big = 'ab'.repeat(1 << 19);
    expect(hexToBytes(big).length).toBe(1 << 19);
    expect(base64ToBytes(bytesToBase64(new Uint8Array(1 << 20))).length).toBe(1 << 20);
  });
});

describe('ops', () => {
  test('equalBytes', () => {
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
    expect(equalBytes(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
  test('concat, wipe, randomBytes', () => {
    expect(concatBytes(new Uint8Array([1]), new Uint8Array(0), new Uint8Array([2, 3]))).toEqual(
      new Uint8Array([1, 2, 3]),
    );
    const k = new Uint8Array([9, 9]);
    wipeBytes(k);
    expect(k).toEqual(new Uint8Array(2));
    const r = randomBytes(100_000);
    expect(r.length).toBe(100_000);
    expect(new Set(r).size).toBeGreaterThan(200); // all-zero or constant output would fail
    expect(equalBytes(randomBytes(32), randomBytes(32))).toBe(false);
    expect(() => randomBytes(-1)).toThrow(RangeError);
  });
  test('labelled TypeErrors for wrong argument types', () => {
    for (const bad of NOT_BYTES) {
      expect(() => bytesToHex(bad as Uint8Array)).toThrow(TypeError);
      expect(() => equalBytes(bad as Uint8Array, new Uint8Array(1))).toThrow(/"a" expected Uint8Array/);
    }
    for (const bad of NOT_STRINGS) {
      expect(() => hexToBytes(bad as string)).toThrow(/"hex" expected string/);
      expect(() => base64ToBytes(bad as string)).toThrow(TypeError);
    }
  });
});
