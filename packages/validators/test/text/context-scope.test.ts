/**
 * Context lookups through a scope (`contextAround`, context-scope.ts): once the windows walked pass the
 * text's length, the words of a set are found once in the whole text and each window is answered from
 * that list and its two cut words. Every answer must be `hasContext`'s, whether the list is built or not.
 */
import { detectPII } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CONTEXT_AFTER, CONTEXT_BEFORE, hasContext, wordSet } from '../../src/text/shared/context';
import { contextAround, createContextScope } from '../../src/text/shared/context-scope';

const WORDS = wordSet("ssn phone call card# téléphone o'neil kelvin");
/** Context words, their parts and longer words, cased and not; letters, marks, apostrophes, a Kelvin sign. */
const PIECES = [
  'ssn',
  'SSN',
  'xssn',
  'ssnx',
  'phone',
  'Phone',
  'phones',
  'call',
  'card#',
  'téléphone',
  'TÉLÉPHONE',
  "o'neil",
  "O'Neil",
  '\u212Aelvin',
  'e\u0301',
  'ß',
  'İ',
  'a'.repeat(30),
  ' ',
  ' ',
  '  ',
  '\n',
  '-',
  "'",
  '7',
  '078-05-1120',
];

describe('contextAround', () => {
  test('answers as hasContext does, before and after the list is built, windows cut anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 80 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(40)), { minLength: 1, maxLength: 60 }),
        (pieces, spans) => {
          const text = pieces.join('');
          const scope = createContextScope(text);
          for (const [s, len] of spans) {
            const start = s % (text.length + 1);
            const end = Math.min(text.length, start + len);
            expect(contextAround(scope, start, end, WORDS)).toBe(hasContext(text, start, end, WORDS));
          }
          // Enough lookups that the list is built: each walks CONTEXT_BEFORE + CONTEXT_AFTER units.
          const more = Math.ceil(text.length / (CONTEXT_BEFORE + CONTEXT_AFTER)) + 1;
          for (let k = 0; k < more; k++) contextAround(scope, 0, 0, WORDS);
          for (let start = 0; start <= text.length; start++) {
            const end = Math.min(text.length, start + 3);
            expect(contextAround(scope, start, end, WORDS)).toBe(hasContext(text, start, end, WORDS));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test('known answers once the list is built: whole words, and the parts windows cut', () => {
    // "xxssn" holds no word "ssn"; a window starting at its "s" reads "ssn" (hasContext's cut word).
    const text = `${'z '.repeat(60)}xxssn 12 ${'z '.repeat(60)}phone 34 ${'z '.repeat(60)}`;
    const scope = createContextScope(text);
    for (let k = 0; k < 10; k++) contextAround(scope, 0, 0, WORDS);
    expect(scope.sets.get(WORDS)?.runs).toBeDefined();
    const at = text.indexOf('12');
    const cut = text.indexOf('ssn');
    expect(contextAround(scope, at, at + 2, WORDS)).toBe(false);
    expect(contextAround(scope, cut + CONTEXT_BEFORE, cut + CONTEXT_BEFORE + 1, WORDS)).toBe(true);
    expect(hasContext(text, cut + CONTEXT_BEFORE, cut + CONTEXT_BEFORE + 1, WORDS)).toBe(true);
    const phone = text.indexOf('34');
    expect(contextAround(scope, phone, phone + 2, WORDS)).toBe(true);
  });

  test('a set that may change is looked up every time', () => {
    const words = new Set(['ssn']);
    const text = `${'z '.repeat(100)}ssn 12`;
    const scope = createContextScope(text);
    for (let k = 0; k < 10; k++) contextAround(scope, 0, 0, words);
    expect(scope.sets.size).toBe(0);
    expect(contextAround(scope, text.length - 2, text.length, words)).toBe(true);
    words.delete('ssn');
    expect(contextAround(scope, text.length - 2, text.length, words)).toBe(false);
  });

  test('detectPII on a long text scores context as on its parts', () => {
    // 400 lines with a number each, half of them after a context word, apart by more than the windows: the
    // scores of a line are the same alone and in the long text (which looks context up through the list).
    const lines = Array.from({ length: 400 }, (_, i) =>
      i % 2 === 0 ? `my ssn is 078-05-${String(1000 + i)}.` : `order 078-05-${String(1000 + i)} shipped.`,
    );
    const gap = `\n${'-'.repeat(CONTEXT_BEFORE + CONTEXT_AFTER)}\n`;
    const text = lines.join(gap);
    expect(text.length).toBeGreaterThan(4096);
    const whole = detectPII(text, { entities: ['US_SSN'], threshold: 0.01 });
    let offset = 0;
    const parts = lines.flatMap((line) => {
      const found = detectPII(line, { entities: ['US_SSN'], threshold: 0.01 }).map((f) => ({
        ...f,
        start: f.start + offset,
        end: f.end + offset,
      }));
      offset += line.length + gap.length;
      return found;
    });
    expect(whole).toEqual(parts);
    expect(new Set(whole.map((f) => f.score)).size).toBe(2);
  });
});
