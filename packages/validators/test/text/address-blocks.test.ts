/**
 * Address blocks with a postcode (address.ts, 2026-11-30): a segment with a postcode makes the block
 * outscore a place name in it; lower-case town lines with a US state code and ZIP code extend a street
 * line after a space; after a ZIP code, lower-case words are prose. Known answers, the counter-cases,
 * redaction and streams.
 */
import { detectPII, redactPII } from '@modelsec/validators';
import { describe, expect, test } from 'vitest';
import { expectStreamsAsWhole, filler } from './stream-support';

const found = (text: string) => detectPII(text).map((f) => `${f.entity}:${text.slice(f.start, f.end)}`);

describe('address blocks with a postcode', () => {
  test.each([
    // Before: ADDRESS "1 Hacker Way", LOCATION "Menlo Park", ADDRESS "CA 94025".
    ['Our office is at 1 Hacker Way, Menlo Park, CA 94025.', 'ADDRESS:1 Hacker Way, Menlo Park, CA 94025'],
    ['Send it to 350 Fifth Avenue, New York, NY 10118 please', 'ADDRESS:350 Fifth Avenue, New York, NY 10118'],
    // Before: "12 main st" (the rest is in lower case, after a space).
    ['12 main st springfield il 62704 thanks', 'ADDRESS:12 main st springfield il 62704'],
    ['12 main st springfield ma 02131-1234, ok', 'ADDRESS:12 main st springfield ma 02131-1234'],
    // Before: "12 main st, springfield" (the lower-case segment "il 62704 thanks" was no place's).
    ['ship to 12 main st, springfield, il 62704 thanks', 'ADDRESS:12 main st, springfield, il 62704'],
    // Before: the block ran on over ", can you help".
    ['my address is 12 main st springfield il 62704, can you help', 'ADDRESS:12 main st springfield il 62704'],
    ['12 main st, springfield, il 62704, can you', 'ADDRESS:12 main st, springfield, il 62704'],
    // A segment in capitals still goes on after the ZIP code.
    ['12 main st springfield il 62704, USA', 'ADDRESS:12 main st springfield il 62704, USA'],
  ])('%j', (text, want) => {
    expect(found(text).join(' | ')).toBe(want);
  });

  test.each([
    // Not a state code, or not five digits: the street line alone.
    ['i live at 12 main st since 2019 and', 'ADDRESS:12 main st'],
    ['12 main st springfield xx 62704 thanks', 'ADDRESS:12 main st'],
    // (The time is a DATE_TIME of its own since stop 46.)
    ['meet at 12 main st at 10 am', 'ADDRESS:12 main st | DATE_TIME:10 am'],
    // Lower-case segments after a street without a ZIP code are read whole, as before.
    [
      '19 pierre delannoyplaats 211, erwetegem united states',
      'ADDRESS:19 pierre delannoyplaats 211, erwetegem united states',
    ],
  ])('%j stays %j', (text, want) => {
    expect(found(text).join(' | ')).toBe(want);
  });

  test.each([
    // A street line without a street type before an apartment or suite (before: "Suite 200⏎Austin, TX 78701").
    ['716 Congress, Suite 200\nAustin, TX  78701', 'ADDRESS:716 Congress, Suite 200\nAustin, TX  78701'],
    [
      'Inc., 19600 Fairchild, Suite 350, Irvine, CA 92612, phone',
      'ADDRESS:19600 Fairchild, Suite 350, Irvine, CA 92612',
    ],
    ['Visit 12 Old Mill, Apt 4, Springfield', 'ADDRESS:12 Old Mill, Apt 4, Springfield'],
    // "Level" before the floor's number (before: "3, 230 Victoria Road, Gladesville").
    ['Level 3, 230 Victoria Road, Gladesville', 'ADDRESS:Level 3, 230 Victoria Road, Gladesville'],
    ['Level 5, 123 Collins Street, Melbourne VIC 3000', 'ADDRESS:Level 5, 123 Collins Street, Melbourne VIC 3000'],
  ])('%j', (text, want) => {
    expect(found(text).join(' | ')).toBe(want);
  });

  test.each([
    // Not before an apartment or suite, not a house number, or no capitalized word.
    ['Chapter 5 Introduction, Room 4', 'ADDRESS:Room 4'],
    ['version 2.5 Beta, Suite 4', 'ADDRESS:Suite 4'],
    ['we had 5 meetings, Suite 200 was free', 'ADDRESS:Suite 200'],
    ['level 3 support at 12 Main Street', 'ADDRESS:12 Main Street'],
    // "level" before a house number that is no floor's number and comma.
    ['up to the next level 12 Main Street', 'ADDRESS:12 Main Street'],
  ])('%j stays %j', (text, want) => {
    expect(found(text).join(' | ')).toBe(want);
  });

  test('nothing of the block is left in the redacted text', () => {
    expect(redactPII('Our office is at 1 Hacker Way, Menlo Park, CA 94025.', { mode: 'placeholder' }).text).toBe(
      'Our office is at <ADDRESS_1>.',
    );
    expect(redactPII('ship to 12 main st springfield il 62704 thanks', { mode: 'placeholder' }).text).toBe(
      'ship to <ADDRESS_1> thanks',
    );
  });

  test('streams mask them as the whole text', () => {
    const pieces = [
      '1 Hacker Way, Menlo Park, CA 94025',
      '12 main st springfield il 62704 thanks',
      '12 main st, springfield, il 62704, can you',
    ];
    expectStreamsAsWhole(pieces, (piece, before) => `${filler(before)} ship to ${piece} today`);
  });
});
