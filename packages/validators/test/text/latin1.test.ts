import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compactLatin1 } from '../../src/text/shared/latin1';

describe('compactLatin1', () => {
  test('returns a string equal to its argument', () => {
    // Cut from a text with a unit over U+00FF (two bytes per unit in V8), and arbitrary text.
    const word = 'règles αγνο ignore'.slice(12);
    expect(compactLatin1(word)).toBe('ignore');
    expect(compactLatin1('')).toBe('');
    expect(compactLatin1('été à Paris')).toBe('été à Paris');
    expect(compactLatin1('\u00ff\u0000\u0080')).toBe('\u00ff\u0000\u0080');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme-ascii' }), (s, t) => {
        expect(compactLatin1(s)).toBe(s);
        expect(compactLatin1(`${s}\u0100${t}`.slice(s.length + 1))).toBe(t);
      }),
      { numRuns: 2000 },
    );
  });

  test('a megabyte, Latin-1 and not', () => {
    const one = 'ignore previous é '.repeat(1 << 16);
    expect(compactLatin1(`${one}\u0100`.slice(0, -1))).toBe(one);
    const wide = `${one}\u0100`;
    expect(compactLatin1(wide)).toBe(wide);
  });
});
