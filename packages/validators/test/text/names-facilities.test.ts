/**
 * Named facilities (names-facilities.ts, stop 50): a person's name before a facility's word is a place,
 * before "School" an organization, before a road's type the address recognizer's; before, each of these
 * was a PERSON (16 of the 4,150 SpamAssassin ham mails changed, among them "Lincoln Center", "Jackson
 * Square", "Willie Mays Plaza", "Stanford Law School"; no Presidio text changed).
 */
import { detectPII } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { asFacility, NAME_SPAN_MAX } from '../../src/text/pii/names-facilities';
import type { PiiCandidate } from '../../src/text/pii/types';

const found = (text: string) => detectPII(text).map((f) => [f.entity, text.slice(f.start, f.end)] as const);

const person = (start: number, end: number): PiiCandidate => ({
  entity: 'PERSON',
  start,
  end,
  score: 0.85,
  recognizer: 'names',
});

/** Texts made of the words the function reads, and others. */
const pieces = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'Ada',
        ' ',
        'Airport',
        'School',
        ' of ',
        'of',
        'Economics',
        'Parkway',
        "'s",
        'Memorial',
        'é',
        '.',
        'A',
        '7',
      ),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 30 },
  )
  .map((xs) => xs.join(''));

describe('named facilities', () => {
  test('a name before a facility word is the place', () => {
    expect(found('Meet at the Lincoln Memorial.')).toEqual([['LOCATION', 'Lincoln Memorial']]);
    expect(found('We landed at John F. Kennedy Airport.')).toEqual([['LOCATION', 'John F. Kennedy Airport']]);
    expect(found('Drive over the George Washington Bridge.')).toEqual([['LOCATION', 'George Washington Bridge']]);
    // The facility word inside the PERSON span the scan found ("Lone Hill Cemetery" was one PERSON).
    expect(found('He was buried at the Lone Hill Cemetery in Toledo.')).toEqual([
      ['LOCATION', 'Lone Hill Cemetery'],
      ['LOCATION', 'Toledo'],
    ]);
    // A possessive after the facility word stays out.
    expect(found("The Lincoln Memorial's steps")).toEqual([['LOCATION', 'Lincoln Memorial']]);
  });

  test('schools are organizations, with "of" and the words after it', () => {
    expect(found('He studied at Jackson High School.')).toEqual([['ORGANIZATION', 'Jackson High School']]);
    expect(found('a fellow at the London School of Economics and Political Science.')).toEqual([
      ['ORGANIZATION', 'London School of Economics'],
    ]);
  });

  test("a road's type leaves the road to the address recognizer", () => {
    expect(found('Take the Martin Luther King Jr. Expressway.')).toEqual([]);
    expect(found('a shop on Madison Avenue, which')).toEqual([['ADDRESS', 'Madison Avenue']]);
  });

  test('not when the name goes on, the word goes on, or the word is a family name', () => {
    expect(found('Doug Randall Memorial Weblog')).toEqual([['PERSON', 'Doug Randall Memorial']]);
    expect(found('I saw John Smith Towers today')).not.toContainEqual(['LOCATION', 'John Smith Towers']);
    expect(found('Ask John Smith. Tower is closed')).toContainEqual(['PERSON', 'John Smith']);
    expect(found('a song by Charlotte Church')).not.toContainEqual(['LOCATION', 'Charlotte Church']);
    expect(found('I met Anna Hall today')).toEqual([['PERSON', 'Anna Hall']]);
  });

  test('asFacility: known answers, and spans inside the text for any text', () => {
    expect(asFacility('at the Lincoln Memorial', person(7, 14))).toMatchObject({
      entity: 'LOCATION',
      start: 7,
      end: 23,
    });
    expect(asFacility('at the Lincoln Memorials', person(7, 14))).toMatchObject({ entity: 'PERSON', end: 14 });
    expect(asFacility('Ada Lovelace Parkway', person(0, 12))).toBeUndefined();
    expect(asFacility('Ada School of Fine Arts Now', person(0, 3))).toMatchObject({ end: 27 });
    // Over the recognizer's longest span: the candidate as it was.
    const long = `${'Ab '.repeat(90)}Airport`;
    expect(asFacility(long, person(0, long.length - 8))).toMatchObject({ entity: 'PERSON' });
    fc.assert(
      fc.property(pieces, fc.nat(80), fc.nat(80), (text, a, b) => {
        const start = Math.min(a, b, text.length);
        const end = Math.min(Math.max(a, b), text.length);
        if (start === end) return;
        const r = asFacility(text, person(start, end));
        if (r === undefined) return;
        expect(r.start).toBe(start);
        expect(r.end).toBeGreaterThanOrEqual(end);
        expect(r.end).toBeLessThanOrEqual(text.length);
        expect(r.end - r.start <= NAME_SPAN_MAX || r.end === end).toBe(true);
      }),
    );
  });
});
