/**
 * Times of day as DATE_TIME (src/text/pii/times.ts): with am/pm, with seconds, with a zone, after a word
 * that sets a time, near a time word; and none of the same shapes that are verses, scores, laps, ratios
 * or parts of addresses.
 */
import { detectPII } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { forEachTime } from '../../src/text/pii/times';
import type { PiiCandidate } from '../../src/text/pii/types';
import { factsOf } from '../../src/text/shared/facts';

const times = (text: string) =>
  detectPII(text)
    .filter((f) => f.entity === 'DATE_TIME')
    .map((f) => text.slice(f.start, f.end));

describe('times of day', () => {
  test.each([
    ['Can we meet at 3pm?', ['3pm']],
    ['the pickup is at 3 p.m. sharp', ['3 p.m.']],
    // A period after "am"/"pm" ends the sentence; "p.m." keeps its own (found by a spot check, stop 52).
    ['I will meet Pierre tomorrow at 9am.', ['9am']],
    ['Doors open at 7 PM. Bring a coat', ['7 PM']],
    ['the pickup is at 3 p.m.', ['3 p.m.']],
    ['alongside the house at about 7.15am, on', ['7.15am']],
    ['At 6:54 PM +0100 on 8/7/02, Adam wrote', ['6:54 PM +0100', '8/7/02']],
    ['call at 3:45 PM EST', ['3:45 PM EST']],
    ['Date: Fri, 19 Jul 2002 14:28:42 +0100', ['19 Jul 2002', '14:28:42 +0100']],
    ['Thursday, August 8, 2002, at 01:44  PM, Jordan wrote', ['Thursday', 'August 8, 2002', '01:44  PM']],
    ['starts 09:00+02:00 daily', ['09:00+02:00']],
    ['see you at 14:30', ['14:30']],
    ['Termin um 8:15 bitte', ['8:15']],
    ['the meeting moved to 10:30 today', ['10:30']],
    ['open from 9:00-17:30 on weekdays', ['9:00', '17:30']],
    ['11:17:54 FastPath part=0=1', ['11:17:54']],
    // French and German writing (stop 46, after the first version).
    ['rendez-vous à 14h30 demain', ['14h30']],
    ['Termin um 15 Uhr', ['15 Uhr']],
    ['Abfahrt 8:15 Uhr', ['8:15 Uhr']],
    // A bare hour that starts a range ending in am/pm or "Uhr", French "14h" after a cue or in a range
    // (stop 47).
    ['open 2 to 4pm daily', ['2', '4pm']],
    ['call 9-11am', ['9', '11am']],
    ['zwischen 13 und 18 Uhr geöffnet', ['13', '18 Uhr']],
    ['from 9 until 11am', ['9', '11am']],
    ['rendez-vous à 14h', ['14h']],
    ['ouvert de 9h à 17h', ['9h', '17h']],
    ['abierto de 9h a 17h', ['9h', '17h']],
    ['ab 8:15 und 17:45', ['8:15', '17:45']],
    ['order 12345 to 4pm', ['4pm']],
    ['on 2021-10-11 am, I think', ['2021-10-11']],
    // A timestamp is one DATE_TIME, not a date and a time.
    ['Date: 2011-10-24 06:30:25', ['2011-10-24 06:30:25']],
  ])('%s', (text, want) => {
    expect(times(text)).toEqual(want);
  });

  test.each([
    // The same shapes, written for something else.
    'John 3:16 and Psalm 23:4',
    'The final score was 2:10.',
    'Lap 1:23.45 was the fastest',
    'frame 12:34:56:78 of the reel',
    'screen ratio 16:9 or 4:3',
    'v1:30 of the spec',
    'fe80::1:23 is link-local',
    'device 00:1A:2B:3C:4D:5E joined',
    'version 1.2.30am was tagged',
    // Out of range, or no time at all.
    'at 24:00',
    'at 12:60',
    'at 13pm',
    'I am 3 and you are 4, PM me',
    'Chapter 2, page 3, 10 amazing tips',
    'the build took 15h to finish',
    'page 14h of the log',
    'rows 13 und 19 of the sheet',
    'Ich habe 15 Uhren gekauft',
  ])('not: %s', (text) => {
    expect(times(text)).toEqual([]);
  });

  test('a bare HH:MM is below the default threshold, reported at a lower one or near a time word', () => {
    expect(times('Chapter 3:16 of the book')).toEqual([]);
    const low = detectPII('Chapter 3:16 of the book', { threshold: 0.3 }).filter((f) => f.entity === 'DATE_TIME');
    expect(low.map((f) => f.score)).toEqual([0.4]);
    expect(times('I have the 10:15 doctor appointment')).toEqual(['10:15']);
  });

  test('on arbitrary text, each time is at a run of 1-2 digits, in range, inside the text', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        ' ',
        ':',
        '.',
        'am',
        'PM',
        'p.m.',
        ' UTC',
        '+02:00',
        '-',
        'at ',
        'a',
        '\n',
        'h',
        ' to ',
        ' und ',
        ' Uhr',
        'à ',
      ),
      fc.integer({ min: 0, max: 99 }).map(String),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const out: PiiCandidate[] = [];
        forEachTime(text, factsOf(text), (c) => out.push(c));
        for (const c of out) {
          expect(0 <= c.start && c.start < c.end && c.end <= text.length).toBe(true);
          const m = /^(\d{1,2})(?:[:.](\d{2}))?/.exec(text.slice(c.start, c.end));
          expect(m).not.toBeNull();
          expect(Number(m?.[1])).toBeLessThanOrEqual(23);
          expect(Number(m?.[2] ?? 0)).toBeLessThanOrEqual(59);
          expect(c.start === 0 || !/[\w:./]/.test(text[c.start - 1] as string)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('a megabyte of time-like text is read in linear time', () => {
    for (const text of [
      '1:11 '.repeat(210_000),
      '12 am '.repeat(175_000),
      '12:30:'.repeat(175_000),
      'at 9:00-'.repeat(130_000),
      '1 p. m'.repeat(175_000),
    ]) {
      const out: PiiCandidate[] = [];
      forEachTime(text, factsOf(text), (c) => out.push(c));
      expect(out.length).toBeLessThanOrEqual(text.length / 3);
      expect(Array.isArray(detectPII(text))).toBe(true);
    }
  });
});
