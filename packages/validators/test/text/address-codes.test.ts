/**
 * Postcodes that say what they are by their shape, without a street (address-codes.ts, 2026-11-30): US town
 * lines with a state code and ZIP code, UK postcodes and Canadian postal codes. Known answers, the
 * counter-cases, and the recognizer's function against a plain reference written with regexes on
 * generated text.
 */
import { detectPII, redactPII } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { regionPostcodes } from '../../src/text/pii/address-codes';
import { US_STATE_CODES } from '../../src/text/pii/names-lists';
import type { PiiCandidate } from '../../src/text/pii/types';
import { factsOf } from '../../src/text/shared/facts';
import { expectStreamsAsWhole, filler } from './stream-support';

const found = (text: string) => detectPII(text).map((f) => `${f.entity}:${text.slice(f.start, f.end)}`);

const UK_AREAS =
  'AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE'.split(
    ' ',
  );

/** The rules of address-codes.ts written plainly, with regexes, as `[start, end, score]` triples. */
function reference(text: string): [number, number, number][] {
  const out: [number, number, number][] = [];
  // US: one to three capitalized words (the last ones before the code), ", " or " ", a state code, a
  // space, five digits (and "-" four digits) that no letter or digit follows.
  for (const m of text.matchAll(
    /(?<![0-9A-Za-z\u0080-\uFFFF])([A-Z]{2}) (\d{5})(?:-(\d{4}))?(?![0-9A-Za-z\u0080-\uFFFF])/g,
  )) {
    if (!US_STATE_CODES.has((m[1] as string).toLowerCase())) continue;
    const code = m.index;
    const before = text.slice(0, code);
    const town =
      /(?:(?:^|(?<=[^0-9A-Za-z.'\-\u0080-\uFFFF]))[A-Z][A-Za-z.'\-\u0080-\uFFFF]{0,29})(?: [A-Z][A-Za-z.'\-\u0080-\uFFFF]{0,29}){0,2},? $/.exec(
        before,
      );
    if (town === null) continue;
    out.push([town.index, code + m[0].length, 0.6], [code, code + m[0].length, 0.55]);
  }
  // UK: an area, the rest of the outward code, a space, a digit and two letters (not C I K M O V).
  for (const m of text.matchAll(
    /(?<![0-9A-Za-z\u0080-\uFFFF])([A-Z]{1,2})(?:\d|\d\d|\d[A-Z]) \d[ABD-HJLNP-UW-Z]{2}(?![0-9A-Za-z\u0080-\uFFFF])/g,
  )) {
    if (UK_AREAS.includes(m[1] as string)) out.push([m.index, m.index + m[0].length, 0.6]);
  }
  // Canada: A9A 9A9 with Canada Post's letters.
  for (const m of text.matchAll(
    /(?<![0-9A-Za-z\u0080-\uFFFF])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d(?![0-9A-Za-z\u0080-\uFFFF])/g,
  )) {
    out.push([m.index, m.index + m[0].length, 0.6]);
  }
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
}

function scanned(text: string): [number, number, number][] {
  const out: [number, number, number][] = [];
  regionPostcodes(text, factsOf(text), (c: PiiCandidate) => out.push([c.start, c.end, c.score]));
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
}

describe('postcodes without a street', () => {
  test('a US town line, a UK postcode, a Canadian postal code (none was whole before)', () => {
    expect(found('I work in Chicago, IL 60601 now')).toEqual(['LOCATION:Chicago', 'ADDRESS:IL 60601']);
    expect(found('Springfield, IL 62704')).toEqual(['ADDRESS:Springfield, IL 62704']);
    expect(found('New York, NY 10118-0110')).toEqual(['LOCATION:New York', 'ADDRESS:NY 10118-0110']);
    expect(found('St. Louis, MO 63101')).toEqual(['LOCATION:St. Louis', 'ADDRESS:MO 63101']);
    expect(found('Reply to M1 1AE please')).toEqual(['ADDRESS:M1 1AE']);
    expect(found('Order SW19 5AE shipped')).toEqual(['ADDRESS:SW19 5AE']);
    expect(found('Toronto, ON M5V 2T6')).toContain('ADDRESS:M5V 2T6');
  });

  test('a block with a street keeps them inside it', () => {
    expect(found('44 Farquhar Street, Boston, MA 02131 USA')).toEqual([
      'ADDRESS:44 Farquhar Street, Boston, MA 02131 USA',
    ]);
    expect(found('Meet at 10 Downing Street, London SW1A 2AA')).toContain('ADDRESS:10 Downing Street, London SW1A 2AA');
  });

  test('redaction leaves no state code, ZIP code or postcode', () => {
    expect(redactPII('I work in Chicago, IL 60601 now', { mode: 'placeholder' }).text).toBe(
      'I work in <LOCATION_1>, <ADDRESS_1> now',
    );
  });

  test('counter-cases', () => {
    for (const text of [
      'size A4 2FT', // no UK area "A"
      'call me IN 12345 ways', // no town before the code
      'pH 7 and ID 12345', // no state code
      'Chicago, IL 606011', // six digits
      'Chicago, il 60601', // lower-case code
      'M5V2T6', // no space
      'W1 1CA', // C is no inward letter
      'D5V 2T6', // D starts no Canadian code
    ]) {
      expect(
        found(text).filter((f) => f.startsWith('ADDRESS')),
        text,
      ).toEqual([]);
    }
  });

  test('the scan equals the plain reference on generated text', () => {
    const towns = ['Chicago', 'New York', 'St. Louis', 'in Austin', 'São Paulo', 'X', 'Ab-c', 'Aa Bb Cc Dd'];
    const codes = ['IL', 'NY', 'ZZ', 'il', 'CA', 'ON', 'SW1A', 'M1', 'SW19', 'EC1A', 'A4', 'M5V', 'BT48', 'V1L', 'D5V'];
    const tails = [
      '60601',
      '10118-0110',
      '1234',
      '123456',
      '2AA',
      '1AE',
      '5AE',
      '2T6',
      '1CA',
      '7BY',
      '2W3',
      '12345-678',
    ];
    const piece = fc.oneof(
      fc.constantFrom(...towns, 'the'),
      fc.constantFrom(...codes),
      fc.constantFrom(...tails),
      fc.stringMatching(/^[A-Za-z0-9]{1,6}$/),
    );
    const sep = fc.constantFrom(' ', ', ', ',', '', '\n', '. ', '-', '  ');
    const line = fc
      .tuple(
        fc.constantFrom(...towns, ''),
        fc.constantFrom(', ', ' ', ',', ''),
        fc.constantFrom(...codes),
        fc.constantFrom(' ', '', '  '),
        fc.constantFrom(...tails),
      )
      .map((parts) => parts.join(''));
    const text = fc
      .array(fc.tuple(fc.oneof(line, line, piece), sep), { maxLength: 6 })
      .map((a) => a.map(([p, s]) => p + s).join(''));
    let withAny = 0;
    fc.assert(
      fc.property(text, (t) => {
        const got = scanned(t);
        expect(got).toEqual(reference(t));
        if (got.length > 0) withAny++;
      }),
      { numRuns: 4000 },
    );
    // Not vacuous: many generated texts hold a code.
    expect(withAny).toBeGreaterThan(300);
  });

  test('a stream redacts them as the whole text does', () => {
    expectStreamsAsWhole(
      ['Springfield, IL 62704', 'Reply to M1 1AE', 'Toronto, ON M5V 2T6'],
      (line, before) => `${filler(before)}\n${line}\n${filler(40)}`,
    );
  });
});
