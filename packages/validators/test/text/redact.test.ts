import { bytesToHex, hexToBytes } from '@modelsec/core';
import { createPiiVault, detectPII, type PiiFinding, redactPII } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import vectors from '../vectors/text-checksums.json';

const key = hexToBytes(vectors.hmac.keyHex);

describe('redactPII', () => {
  const text = 'Ada (ada@example.com) and Alan (alan@example.com); again ada@example.com';

  test('mask replaces every code point of each value', () => {
    const r = redactPII('mail ada@example.com or 4111 1111 1111 1111', { mode: 'mask' });
    expect(r.text).toBe(`mail ${'*'.repeat(15)} or ${'*'.repeat(19)}`);
    expect(redactPII('to ada@example.com', { maskChar: '#' }).text).toBe(`to ${'#'.repeat(15)}`);
  });

  test('placeholder: consistent per value, reversible through the vault', () => {
    const vault = createPiiVault();
    const r = redactPII(text, { mode: 'placeholder', vault, entities: ['EMAIL_ADDRESS'] });
    expect(r.text).toBe('Ada (<EMAIL_ADDRESS_1>) and Alan (<EMAIL_ADDRESS_2>); again <EMAIL_ADDRESS_1>');
    expect(r.vault).toBe(vault);
    expect(vault.restore('Reply to <EMAIL_ADDRESS_2> and <EMAIL_ADDRESS_9>')).toBe(
      'Reply to alan@example.com and <EMAIL_ADDRESS_9>',
    );
    expect(vault.reveal('<EMAIL_ADDRESS_1>')).toBe('ada@example.com');
    expect(JSON.stringify(vault)).toBe('{"size":2}');
    vault.clear();
    expect(vault.size).toBe(0);
  });

  test('hash: keyed HMAC-SHA256, consistent per key (known answer from OpenSSL)', () => {
    const r = redactPII(`x ${vectors.hmac.value} y`, { mode: 'hash', key, hashLength: 64 });
    expect(r.text).toBe(`x <${vectors.hmac.entity}:${vectors.hmac.macHex}> y`);
    const a = redactPII(text, { mode: 'hash', key, entities: ['EMAIL_ADDRESS'] }).text;
    expect(a.match(/<EMAIL_ADDRESS:([0-9a-f]{16})>/g)?.length).toBe(3);
    const tokens = a.match(/<EMAIL_ADDRESS:[0-9a-f]{16}>/g) ?? [];
    expect(tokens[0]).toBe(tokens[2]);
    expect(tokens[0]).not.toBe(tokens[1]);
    const other = redactPII(text, { mode: 'hash', key: new Uint8Array(32).fill(9), entities: ['EMAIL_ADDRESS'] }).text;
    expect(other).not.toBe(a);
    expect(() => redactPII(text, { mode: 'hash' })).toThrow(TypeError);
    expect(() => redactPII(text, { mode: 'hash', key: new Uint8Array(8) })).toThrow(RangeError);
    expect(bytesToHex(key)).toBe(vectors.hmac.keyHex);
  });

  test('overlapping findings given by the caller are redacted as their union', () => {
    // Mask mode on ASCII text: exactly the units covered by some finding become the mask character.
    const spans = fc.array(fc.tuple(fc.nat(39), fc.integer({ min: 1, max: 12 })), { maxLength: 6 });
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z ]{40,60}$/), spans, (t, raw) => {
        const findings = raw.map(([s, n]) => ({
          entity: 'X',
          start: s,
          end: Math.min(t.length, s + n),
          score: 1,
          recognizer: 'test',
        }));
        const out = redactPII(t, { findings }).text;
        const want = [...t].map((c, i) => (findings.some((f) => f.start <= i && i < f.end) ? '*' : c)).join('');
        expect(out).toBe(want);
      }),
      { numRuns: 500 },
    );
    const t = 'Call Maria Garcia now';
    const two = [
      { entity: 'PERSON', start: 5, end: 10, score: 1, recognizer: 'test' },
      { entity: 'PERSON', start: 8, end: 17, score: 1, recognizer: 'test' },
    ];
    expect(redactPII(t, { findings: two, mode: 'placeholder' }).text).toBe('Call <PERSON_1> now');
  });

  test('malformed vaults and finding entities are typed errors', () => {
    const findings = [{ entity: 5, start: 0, end: 2, score: 1 }] as never;
    expect(() => redactPII('hello', { findings })).toThrow(TypeError);
    expect(() => redactPII('ada@example.com', { mode: 'placeholder', vault: {} as never })).toThrow(TypeError);
  });

  test('precomputed findings are validated', () => {
    const findings: PiiFinding[] = [{ entity: 'X', start: 0, end: 99, score: 1, recognizer: 'x' }];
    expect(() => redactPII('short', { findings })).toThrow(RangeError);
    expect(() => redactPII('short', { mode: 'nope' as never })).toThrow(RangeError);
  });

  test('property: redaction never leaves a detected value behind', () => {
    const value = fc.oneof(
      fc.tuple(fc.stringMatching(/^[a-z]{3,10}$/), fc.stringMatching(/^[a-z]{3,8}$/)).map(([u, d]) => `${u}@${d}.com`),
      fc.constantFrom(
        '4111 1111 1111 1111',
        '5555555555554444',
        '078-05-1121',
        '192.168.1.77',
        'GB82WEST12345698765432',
      ),
      fc.integer({ min: 1000000, max: 9999999 }).map((n) => `+1 415-${String(n).slice(0, 3)}-${String(n).slice(3)}`),
    );
    const filler = fc.constantFrom(' ', ' and ', ', call ', '\n', ' mail: ', ' x ');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(filler, value), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('mask', 'placeholder', 'hash'),
        (parts, mode) => {
          const text = parts.map(([f, v]) => f + v).join('');
          const found = detectPII(text);
          const out = redactPII(text, { mode: mode as 'mask', key }).text;
          for (const f of found) {
            const v = text.slice(f.start, f.end);
            const elsewhere = text.split(v).length - 1 > found.filter((g) => text.slice(g.start, g.end) === v).length;
            if (!elsewhere) expect(out.includes(v)).toBe(false);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
