/**
 * Streets named without a house number after a placing word (src/text/pii/address-named.ts):
 * intersections ("the corner of Main Street and 5th Avenue") and streets alone ("we met on Boyle
 * Street"); none of these was found before.
 */
import { detectPII, redactPII } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FIGURATIVE_STREETS, NAMED_STREET_GATE, NAMED_STREET_RE, namedStreets } from '../../src/text/pii/address-named';
import { expectStreamsAsWhole, filler } from './stream-support';

const found = (text: string) => detectPII(text).map((f) => `${f.entity}:${text.slice(f.start, f.end)}`);

/** The streets `namedStreets` reports in `text`, as text. */
function streets(text: string): string[] {
  const out: string[] = [];
  if (!NAMED_STREET_GATE.test(text)) return out;
  namedStreets(
    text,
    (start, end) => out.push(text.slice(start, end)),
    () => {},
  );
  return out;
}

describe('streets named without a house number', () => {
  test('intersections and streets after a placing word', () => {
    expect(found('Meet me at the corner of Main Street and 5th Avenue.')).toEqual([
      'ADDRESS:Main Street',
      'ADDRESS:5th Avenue',
    ]);
    expect(found('at the intersection of Oak Street and Elm Avenue')).toEqual([
      'ADDRESS:Oak Street',
      'ADDRESS:Elm Avenue',
    ]);
    expect(found('He lives on Baker Street in London')).toEqual(['ADDRESS:Baker Street', 'LOCATION:London']);
    expect(streets('a shop near Martin Luther King Jr Boulevard, open late')).toEqual([]);
    expect(streets('a shop near Martin Luther King Boulevard, open late')).toEqual(['Martin Luther King Boulevard']);
    expect(streets('at the corner of Martin Luther King Boulevard')).toEqual(['Martin Luther King Boulevard']);
    expect(redactPII('Meet me at the corner of Main Street and 5th Avenue.', { mode: 'placeholder' }).text).toBe(
      'Meet me at the corner of <ADDRESS_1> and <ADDRESS_2>.',
    );
  });

  test("a name inside the street is the street's (it was a PERSON)", () => {
    expect(found('these early shows on Boyle Street were important')).toEqual(['ADDRESS:Boyle Street']);
  });

  test('counter-cases: no placing word, a title, a lower-case type, a house number (the numbered rule)', () => {
    expect(streets('The Road Less Traveled is a book')).toEqual([]);
    expect(streets('I love Abbey Road')).toEqual([]);
    expect(streets('we drove on main street')).toEqual([]);
    expect(streets('Drive on Main Streets')).toEqual([]);
    expect(found('Meet at 12 Main Street')).toEqual(['ADDRESS:12 Main Street']);
    expect(streets('Meet at 12 Main Street')).toEqual([]);
  });

  test('spans: every match is the street of a placing word, on arbitrary word sequences', () => {
    const word = fc.constantFrom(
      'on',
      'at',
      'and',
      'corner',
      'of',
      'Main',
      'Wall',
      'Downing',
      'Oak',
      '5th',
      'Street',
      'Avenue',
      'road',
      'the',
      'X',
      '12',
      ',',
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 14 }), (words) => {
        const text = words.join(' ');
        namedStreets(
          text,
          (start, end, score) => {
            expect(score).toBe(0.6);
            expect(start).toBeGreaterThan(0);
            expect(end).toBeLessThanOrEqual(text.length);
            expect(text.slice(start, end)).toMatch(
              /^(?:(?:\p{Lu}\S*|\d{1,3}(?:st|nd|rd|th)) ){1,3}(?:Street|Avenue)$/u,
            );
            expect(text[start - 1]).toBe(' ');
          },
          () => {},
        );
      }),
      { numRuns: 2000 },
    );
    expect(NAMED_STREET_RE.lastIndex).toBe(0);
  });

  test('exactly the matches of NAMED_STREET_RE over the whole text (the scan tries it only before street types)', () => {
    const spec = (text: string) => {
      const out: string[] = [];
      NAMED_STREET_RE.lastIndex = 0;
      for (let m = NAMED_STREET_RE.exec(text); m !== null; m = NAMED_STREET_RE.exec(text)) {
        const end = m.index + m[0].length;
        // A later rule (2026-11-30): streets that stand for something else ("Wall Street") are none.
        if (!FIGURATIVE_STREETS.has(m[1] as string)) out.push(`${end - (m[1] as string).length}-${end}`);
      }
      NAMED_STREET_RE.lastIndex = 0;
      return out;
    };
    const got = (text: string) => {
      const out: string[] = [];
      if (NAMED_STREET_GATE.test(text))
        namedStreets(
          text,
          (start, end) => out.push(`${start}-${end}`),
          () => {},
        );
      return out;
    };
    const word = fc.constantFrom(
      'on',
      'at',
      'and',
      'of',
      'corner',
      'intersection',
      'via',
      'Main',
      'Oak',
      'Élan',
      '5th',
      '12',
      'Street',
      'Streets',
      // A letter or digit outside ASCII right after a type (an astral one too): no match ends there.
      'Street𝐀',
      'Road٣',
      'Avenue',
      'Road',
      'Lane',
      'x',
      'The',
      '(on',
      'on,',
      'A'.repeat(31),
      'B'.repeat(40),
      'Über',
    );
    const sep = fc.constantFrom(' ', ' ', ' ', '  ', ', ', '\n', '-', '');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, sep), { maxLength: 16 }), (parts) => {
        const text = parts.map(([w, s]) => w + s).join('');
        expect(got(text)).toEqual(spec(text));
      }),
      { numRuns: 5000 },
    );
    // Placing words before one to four capitalized words and a type, in a row.
    const cue = fc.constantFrom('corner of', 'intersection of', 'on', 'and', '(at');
    const named = fc
      .tuple(
        cue,
        fc.array(fc.constantFrom('Main', 'Martin', 'Luther', 'King', '5th', 'Street'), { minLength: 1, maxLength: 4 }),
      )
      .map(([c, ws]) => `${c} ${ws.join(' ')} ${ws.length % 2 ? 'Avenue' : 'Street'}`);
    fc.assert(
      fc.property(fc.array(fc.oneof(named, word), { maxLength: 6 }), (parts) => {
        const text = parts.join(' ');
        expect(got(text)).toEqual(spec(text));
      }),
      { numRuns: 3000 },
    );
  });

  test('a stream finds these streets as the whole text does, wherever it is cut', () => {
    expectStreamsAsWhole(
      [
        'the corner of Main Street and 5th Avenue',
        'we met on Boyle Street',
        'at the intersection of Oak Street and Elm Avenue',
      ],
      (line, before) => `${filler(before)} ${line}. ${filler(40)}`,
    );
  });

  test('a megabyte of placing words and capitalized words completes', () => {
    // No street type; one street per repetition; four words before each type (one more than a street has).
    expect(streets('on Main '.repeat(131_072))).toEqual([]);
    expect(streets('and Oak Street '.repeat(69_905)).length).toBe(69_905);
    expect(streets('at A B C D Street '.repeat(58_254))).toEqual([]);
  });
});
