import { estimateTokens, sanitizeText, scriptsOf, skeleton } from '@modelsec/validators';
import { NOT_STRINGS } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

describe('sanitizeText', () => {
  test('strips invisible, private-use and control characters; reports spans in the original', () => {
    const input = 'pay\u200Bpal\uE000 ok\u0007';
    const r = sanitizeText(input);
    expect(r.text).toBe('paypal ok');
    expect(r.changed).toBe(true);
    expect(r.findings.map((f) => [f.issue, f.start, f.end])).toEqual([
      ['invisible', 3, 4],
      ['private_use', 7, 8],
      ['control', 11, 12],
    ]);
  });

  test('Trojan Source bidi controls are flagged and stripped (or kept on request)', () => {
    const src = 'access = "user\u202E \u2066// admin\u2069 \u2066"';
    const r = sanitizeText(src);
    expect(r.findings.filter((f) => f.issue === 'bidi')).toHaveLength(4);
    expect(r.text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(sanitizeText(src, { bidi: 'keep' }).text).toContain('\u202E');
  });

  test('NFKC normalization, mixed-script confusables', () => {
    expect(sanitizeText('ｆｕｌｌｗｉｄｔｈ ﬁ').text).toBe('fullwidth fi');
    const r = sanitizeText('login at pаypal.com now');
    const c = r.findings.find((f) => f.issue === 'confusable');
    expect(c && 'login at pаypal.com now'.slice(c.start, c.end)).toBe('pаypal');
    expect(skeleton('pаypаl')).toBe('paypal');
    expect(scriptsOf('pаypal')).toEqual(['Latin', 'Cyrillic']);
    expect(sanitizeText('Привет, мир').findings).toEqual([]);
  });

  test('length and token limits truncate at code point boundaries', () => {
    const r = sanitizeText('😀😀😀', { maxChars: 3 });
    expect(r.text).toBe('😀');
    expect(r.findings.map((f) => f.issue)).toContain('truncated');
    const t = sanitizeText('one two three four five six', { maxTokens: 3 });
    expect(estimateTokens(t.text)).toBeLessThanOrEqual(3);
    expect(
      sanitizeText('a b c d', { maxTokens: 2, countTokens: (s) => s.split(' ').filter(Boolean).length }).text,
    ).toBe('a b ');
  });

  test('argument checks; properties over arbitrary text', () => {
    for (const bad of NOT_STRINGS) expect(() => sanitizeText(bad as string)).toThrow(TypeError);
    expect(() => sanitizeText('x', { normalize: 'NFD' as never })).toThrow(RangeError);
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (s) => {
        const r = sanitizeText(s);
        expect(r.text).not.toMatch(/[\p{Cf}\p{Co}]/u);
        expect(sanitizeText(r.text).text).toBe(r.text);
        for (const f of r.findings) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(s.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('adversarial megabyte inputs complete', () => {
    for (const a of ['\u200B'.repeat(1 << 20), 'а'.repeat(1 << 20), 'aа'.repeat(1 << 19), '\u202E'.repeat(1 << 20)]) {
      expect(typeof sanitizeText(a).text).toBe('string');
    }
  });
});
