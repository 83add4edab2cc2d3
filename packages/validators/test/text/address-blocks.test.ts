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
    ['meet at 12 main st at 10 am', 'ADDRESS:12 main st'],
    // Lower-case segments after a street without a ZIP code are read whole, as before.
    [
      '19 pierre delannoyplaats 211, erwetegem united states',
      'ADDRESS:19 pierre delannoyplaats 211, erwetegem united states',
    ],
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
