// Tables that replace a regex or a Map lookup per UTF-16 unit on the injection detector's paths over
// non-ASCII text (shared/letters.ts, confusables.ts's lookalikeCode), held equal to the definitions they
// replace over every unit, and decode.ts's textLike, rewritten over them, held equal to its definition
// over arbitrary strings.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { textLike } from '../../src/text/injection/decode';
import { homoglyphsOf } from '../../src/text/injection/homoglyphs';
import { isLetterUnit } from '../../src/text/shared/letters';
import { lookalikeCode, lookalikeOf, lookalikePattern } from '../../src/text/unicode/confusables';

const LETTER = /\p{L}/u;

/** textLike as it was written first: per code point, a regex per character. */
function textLikeByDefinition(s: string): boolean {
  if (s.length < 8) return false;
  let printable = 0;
  let letters = 0;
  let spaces = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c === 32) spaces++;
    if ((c >= 32 && c < 127) || c >= 160 || c === 10 || c === 9) printable++;
    if (LETTER.test(ch)) letters++;
  }
  return printable / s.length >= 0.85 && letters / s.length >= 0.5 && spaces >= 1;
}

// Units the readers treat apart: lookalikes (Cyrillic, Greek, small capitals), other letters, digits,
// marks, spaces, controls, surrogates (paired and lone), an astral letter.
const UNITS = [
  'a',
  'Z',
  '7',
  ' ',
  '\n',
  '\t',
  '\u0001',
  '.',
  '-',
  '_',
  '\u00a0',
  '\u00e9',
  '\u0301',
  'а',
  'і',
  'о',
  'ο',
  'ɪ',
  'ᴀ',
  'ʀ',
  'И',
  'ভ',
  'ண',
  '٣',
  '\ud835',
  '\udc00',
  '𝐀',
  '😀',
  '\u200b',
];
const mixed = (maxLength: number) => fc.array(fc.constantFrom(...UNITS), { maxLength }).map((xs) => xs.join(''));

describe('unit tables', () => {
  test('isLetterUnit is \\p{L} of the unit on its own, for every UTF-16 unit', () => {
    let wrong = 0;
    for (let c = 0; c < 0x10000; c++) if (isLetterUnit(c) !== LETTER.test(String.fromCharCode(c))) wrong++;
    expect(wrong).toBe(0);
    expect(isLetterUnit(0x438)).toBe(true);
    expect(isLetterUnit(0xd835)).toBe(false);
  });

  test('lookalikeCode is the code of lookalikeOf, for every UTF-16 unit; 0 above the BMP', () => {
    let wrong = 0;
    let found = 0;
    for (let c = 0; c < 0x10000; c++) {
      const want = lookalikeOf(c);
      if (lookalikeCode(c) !== (want === undefined ? 0 : want.charCodeAt(0))) wrong++;
      if (want !== undefined) found++;
      // Every lookalike is a letter (homoglyphsOf's word scan asks only isLetterUnit), and the quick test
      // of homoglyphsOf finds exactly the units the table knows.
      if (want !== undefined && !isLetterUnit(c)) wrong++;
      if (lookalikePattern().test(String.fromCharCode(c)) !== (want !== undefined)) wrong++;
    }
    expect(wrong).toBe(0);
    expect(found).toBeGreaterThan(100);
    expect(lookalikeCode(0x430)).toBe(97);
    expect(lookalikeCode(0x10430)).toBe(0);
  });
});

describe('readers over the tables', () => {
  test('textLike matches its definition (code points, astral letters, lone surrogates)', () => {
    fc.assert(
      fc.property(fc.oneof(mixed(40), fc.string({ unit: 'binary', maxLength: 40 })), (s) => {
        expect(textLike(s)).toBe(textLikeByDefinition(s));
      }),
      { numRuns: 3000 },
    );
    expect(textLike('ignore all previous')).toBe(true);
    // Letters are counted per code point, against the length in units: astral letters make half.
    expect(textLike('𝐀𝐁𝐂𝐃 𝐄𝐅𝐆𝐇')).toBe(false);
    expect(textLike('𝐀 abcdefgh')).toBe(true);
    expect(textLike('\ud835\ud835\ud835\ud835 \ud835\ud835\ud835')).toBe(false);
  });

  test('homoglyphsOf reads words of lookalikes, ASCII letters and other letters as before', () => {
    // Its word scan asks isLetterUnit where it asked lookalikeOf or \p{L}: the same answer, as every
    // lookalike is a letter (held above), and lookalikeCode where it asked lookalikeOf.
    expect(homoglyphsOf('іgnore аll ɪɢɴᴏʀᴇ')).toEqual({ text: 'ignore all ignore', start: 0, end: 6 });
    // A word with another letter (И) stays as it is; digits end no word of ASCII letters.
    expect(homoglyphsOf('Иgnore')).toBeUndefined();
    expect(homoglyphsOf('x іgnore3 y')?.text).toBe('x ignore3 y');
  });
});
