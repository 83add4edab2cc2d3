// Tables that replace a regex or a Map lookup per UTF-16 unit on the injection detector's paths over
// non-ASCII text (shared/letters.ts, confusables.ts's lookalikeCode), held equal to the definitions they
// replace over every unit, and decode.ts's textLike, rewritten over them, held equal to its definition
// over arbitrary strings.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CONFUSABLES } from '../../src/text/data/confusables';
import { sanitizeText, scriptsOf, skeleton } from '../../src/text/index';
import { textLike } from '../../src/text/injection/decode';
import { homoglyphsOf } from '../../src/text/injection/homoglyphs';
import { isLetterUnit } from '../../src/text/shared/letters';
import { lookalikeCode, lookalikeOf, lookalikePattern, SCRIPTS } from '../../src/text/unicode/confusables';

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

/** scriptsOf as it was written first: per code point, a regex per script. */
function scriptsByDefinition(word: string): string[] {
  const found = new Set<string>();
  for (const ch of word) {
    if (ch.charCodeAt(0) < 128) {
      if (/[A-Za-z]/.test(ch)) found.add('Latin');
      continue;
    }
    const hit = SCRIPTS.find(([, re]) => re.test(ch));
    if (hit) found.add(hit[0]);
  }
  return [...found];
}

const PROTOTYPES = new Map(
  CONFUSABLES.split('\u0001').map((e) => [
    Number.parseInt(e.slice(0, e.indexOf(':')), 16),
    e.slice(e.indexOf(':') + 1),
  ]),
);

/** skeleton as it was written first: a string built a code point at a time. */
function skeletonByDefinition(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFD')) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0x300 && cp <= 0x36f) continue;
    out += PROTOTYPES.get(cp) ?? ch;
  }
  return out;
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

  test('scriptsOf, skeleton and the confusable count of sanitizeText match their definitions', () => {
    const units = fc.oneof(
      fc.constantFrom(...UNITS, 'Ա', 'Ꭺ', 'ⲁ', 'ρ', 'é', 'é', '\u0300', 'ﬁ'),
      fc.string({ unit: 'binary', maxLength: 2 }),
    );
    fc.assert(
      fc.property(fc.array(units, { maxLength: 40 }), (xs) => {
        const s = xs.join('');
        expect(scriptsOf(s)).toEqual(scriptsByDefinition(s));
        expect(skeleton(s)).toBe(skeletonByDefinition(s));
        for (const f of sanitizeText(s).findings)
          if (f.issue === 'confusable') expect(f.count).toBe([...s.slice(f.start, f.end)].length);
      }),
      { numRuns: 3000 },
    );
    expect(scriptsOf('pаypal')).toEqual(['Latin', 'Cyrillic']);
    expect(skeleton('ρаypаl')).toBe('paypal');
  });
});
