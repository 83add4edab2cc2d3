/**
 * The PII fast paths give exactly the slow paths' answers: the phone length shortcut never skips a
 * number libphonenumber-js would validate, and the gazetteer word tables answer like the sets.
 */
import { createGazetteer, defaultGazetteer, type Gazetteer, namesRecognizer } from '@modelsec/validators';
import fc from 'fast-check';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { describe, expect, test } from 'vitest';
import { scanWith } from '../../src/text/pii/ids';
import { isValidPhone } from '../../src/text/pii/phone';
import { internationalCertainlyInvalid, nationalCertainlyInvalid } from '../../src/text/pii/phone-lengths';
import { WordFlags } from '../../src/text/pii/word-index';

const REGIONS: CountryCode[] = [
  'US',
  'CA',
  'GB',
  'DE',
  'FR',
  'IN',
  'NL',
  'BE',
  'IT',
  'RU',
  'AR',
  'BR',
  'MX',
  'AU',
  'JP',
];

/** Phone-shaped strings: a leading prefix that exercises IDD, trunk and calling-code stripping, then digit groups. */
const phoneLike = fc
  .tuple(
    fc.constantFrom('', '', '0', '00', '1', '11', '10', '011', '44', '440', '49', '33', '91', '7', '8', '(0', '('),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom('', '', '', ' ', '-', '.')), {
      minLength: 3,
      maxLength: 18,
    }),
  )
  .map(([prefix, groups]) => {
    let s = prefix + groups.map(([d, sep]) => `${d}${sep}`).join('');
    if (prefix.startsWith('(')) s = s.replace(/^(\(\d{1,4})/, '$1)');
    return s.replace(/[ .-]+$/, '');
  });

function parsesValid(s: string, region: CountryCode): boolean {
  try {
    return parsePhoneNumberFromString(s, region)?.isValid() === true;
  } catch {
    return false;
  }
}

describe('phone length shortcut', () => {
  test('a skipped region never validates the number', () => {
    let skipped = 0;
    fc.assert(
      fc.property(phoneLike, fc.constantFrom(...REGIONS), (s, region) => {
        if (!nationalCertainlyInvalid(s.replace(/\D/g, ''), region)) return;
        skipped++;
        expect(parsesValid(s, region)).toBe(false);
      }),
      { numRuns: 4000 },
    );
    expect(skipped).toBeGreaterThan(500); // the property is not vacuous
  });

  test('a skipped international number is never valid', () => {
    let skipped = 0;
    fc.assert(
      fc.property(phoneLike, fc.boolean(), (s, trunk) => {
        const international = `+${s.replace(/^\(/, '')}${trunk ? ' (0) 20' : ''}`;
        if (!internationalCertainlyInvalid(international.replace(/\D/g, ''))) return;
        skipped++;
        expect(parsePhoneNumberFromString(international)?.isValid() === true).toBe(false);
      }),
      { numRuns: 3000 },
    );
    expect(skipped).toBeGreaterThan(300);
  });

  test('validation with the shortcut equals validation without it', () => {
    const regions: CountryCode[] = ['US', 'GB', 'DE', 'FR', 'IN'];
    fc.assert(
      fc.property(phoneLike, fc.boolean(), (s, plus) => {
        const main = plus ? `+${s.replace(/^\(/, '')}` : s;
        expect(isValidPhone(main, plus, regions)).toBe(isValidPhone(main, plus, regions, true));
      }),
      { numRuns: 1500 },
    );
  });

  test('known answers', () => {
    expect(nationalCertainlyInvalid('415555010', 'US')).toBe(true); // 9 digits: no NANP number
    expect(nationalCertainlyInvalid('4155550100', 'US')).toBe(false);
    expect(nationalCertainlyInvalid('3105555', 'US')).toBe(false); // 7-digit NANP pattern exists
    expect(nationalCertainlyInvalid('01234567890', 'FR')).toBe(true); // NSN 10 or 11, French NSNs have 9
    expect(nationalCertainlyInvalid('0123456789', 'FR')).toBe(false);
    expect(nationalCertainlyInvalid('0112345678', 'US')).toBe(false); // IDD prefix: another calling code
    expect(nationalCertainlyInvalid('5551234567', 'US')).toBe(false); // matches NANP patterns (not valid though)
    expect(internationalCertainlyInvalid('4412345')).toBe(true); // +44 with a 5-digit NSN
    expect(internationalCertainlyInvalid('442079460958')).toBe(false);
    expect(internationalCertainlyInvalid('8001234567')).toBe(false); // +800: no country list, never skipped
  });
});

describe('gazetteer word tables', () => {
  test('WordFlags.lookupText equals lower-casing and looking up', () => {
    const words = ['ada', 'grace', 'o’neil', 'jean-luc', 'élodie', 'straße', 'i̇stanbul'];
    const t = new WordFlags(words.length);
    for (const [i, w] of words.entries()) t.add(w, 1 << (i % 8));
    for (const [i, w] of words.entries()) t.add(w, 1 << ((i + 3) % 8));
    const flagsOf = (w: string) => {
      const i = words.indexOf(w);
      return i < 0 ? 0 : (1 << (i % 8)) | (1 << ((i + 3) % 8));
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...words, 'ADA', 'Grace', 'GRACe', 'Élodie', 'STRASSE', 'İstanbul', 'Jean-Luc', 'adA '),
          fc.string({ maxLength: 8 }),
        ),
        fc.string({ maxLength: 3 }),
        (word, pad) => {
          const text = pad + word + pad;
          expect(t.lookupText(text, pad.length, pad.length + word.length)).toBe(flagsOf(word.toLowerCase()));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('the names recognizer finds the same with and without the table', () => {
    const g = defaultGazetteer();
    // Plain sets and map (not built by createGazetteer): the recognizer takes the set lookups.
    const plain: Gazetteer = {
      firstNames: new Set(g.firstNames),
      lastNames: new Set(g.lastNames),
      places: new Set(g.places),
      placeWords: new Map(g.placeWords),
    };
    const fast = namesRecognizer(g);
    const slow = namesRecognizer(plain);
    const sample = (set: ReadonlySet<string>, n: number) =>
      [...set].filter((_, i) => i % Math.floor(set.size / n) === 0);
    const word = fc.oneof(
      fc.constantFrom(...sample(g.firstNames, 200), ...sample(g.lastNames, 200), ...sample(g.places, 200)),
      fc.constantFrom('in', 'to', 'my', 'name', 'is', 'Mr', 'Dr.', 'van', 'de', 'lives in', 'called', 'Street', 'the'),
      fc.string({ maxLength: 6 }),
    );
    const cased = fc
      .tuple(word, fc.constantFrom('lower', 'title', 'upper'))
      .map(([w, c]) =>
        c === 'upper'
          ? w.toUpperCase()
          : c === 'title'
            ? w.replace(/(^|\s)(\S)/gu, (_, a: string, x: string) => a + x.toUpperCase())
            : w,
      );
    const text = fc
      .array(fc.tuple(cased, fc.constantFrom(' ', ' ', ', ', '. ', '\n', "'s ")), { maxLength: 24 })
      .map((a) => a.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(scanWith(fast, t)).toEqual(scanWith(slow, t));
      }),
      { numRuns: 600 },
    );
  });

  test('gazetteers from createGazetteer are read-only', () => {
    const g = createGazetteer({ firstNames: ['Ada'], places: ['Marylebone'] });
    expect(() => (g.firstNames as Set<string>).add('x')).toThrow(TypeError);
    expect(() => (g.placeWords as Map<string, number>).set('x', 1)).toThrow(TypeError);
    expect(g.firstNames.has('ada')).toBe(true);
  });
});
