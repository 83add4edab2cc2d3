import { bytesToHex, hexToBytes, isModelSecError } from '@modelsec/core';
import { NOT_BYTES } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';
import { deriveKey, keyBytes, packBits, unpackBits } from '../src/index';
import { keyStream } from '../src/shared/stream';
import chacha from './vectors/chacha20.json';

describe('keys and keyed randomness', () => {
  test('the keystream is RFC 8439 ChaCha20 (vectors from openssl), across 4 KiB chunk boundaries', () => {
    const zero = keyStream(new Uint8Array(32), 0).fill(new Uint8Array(128));
    expect(bytesToHex(zero)).toBe(chacha.zeroKeyIndex0);
    const s = keyStream(hexToBytes(chacha.key), chacha.index);
    // Odd-sized reads exercise the buffering.
    const parts = [s.fill(new Uint8Array(1)), s.fill(new Uint8Array(4095)), s.fill(new Uint8Array(904))];
    expect(parts.map(bytesToHex).join('')).toBe(chacha.keystream5000);
  });

  test('uniform, below and normal are deterministic and look right', () => {
    const s = keyStream(new Uint8Array(32).fill(7), 1);
    let sum = 0;
    let sq = 0;
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 5000; i++) {
      const u = s.uniform();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      const g = s.normal();
      sum += g;
      sq += g * g;
      counts[s.below(7)]++;
    }
    expect(Math.abs(sum / 5000)).toBeLessThan(0.06);
    expect(Math.abs(sq / 5000 - 1)).toBeLessThan(0.1);
    for (const c of counts) expect(Math.abs(c / 5000 - 1 / 7)).toBeLessThan(0.03);
    expect(keyStream(new Uint8Array(32).fill(7), 1).uniform()).toBe(keyStream(new Uint8Array(32).fill(7), 1).uniform());
  });

  test('keys: bytes or passphrases of 16 to 4096 bytes, never echoed', () => {
    expect(keyBytes('sixteen chars ok')).toHaveLength(16);
    expect(deriveKey(keyBytes('sixteen chars ok'), 'a')).not.toEqual(deriveKey(keyBytes('sixteen chars ok'), 'b'));
    for (const bad of NOT_BYTES) {
      if (typeof bad === 'string') continue;
      expect(() => keyBytes(bad)).toThrow(TypeError);
    }
    try {
      keyBytes('short secret');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RangeError);
      expect(isModelSecError(error)).toBe(true);
      expect(String((error as Error).message)).not.toContain('short secret');
    }
    expect(() => keyBytes(new Uint8Array(4097))).toThrow(RangeError);
  });

  test('message bits pack and unpack most significant bit first', () => {
    expect(Array.from(unpackBits(Uint8Array.of(0xa0)))).toEqual([1, 0, 1, 0, 0, 0, 0, 0]);
    const m = Uint8Array.of(0xde, 0xad, 0xbe, 0xef);
    expect(packBits(unpackBits(m))).toEqual(m);
    expect(() => unpackBits(new Uint8Array(0))).toThrow(RangeError);
    expect(() => unpackBits(new Uint8Array(65))).toThrow(RangeError);
    expect(() => unpackBits('00')).toThrow(TypeError);
  });
});
