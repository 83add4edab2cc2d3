/**
 * The word-by-word lower-case decision of the PERSON scan (src/text/pii/names-case.ts): equal to its
 * plain definition on word layouts that put words at and around the window edges, and what it changes
 * in `detectPII`: a lower-case name in a lower-case line of a capitalized document is found, one among
 * capitalized words is not.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { detectPII } from '../../src/text/pii/detect';
import { LOWER_AFTER, LOWER_BEFORE, markLowerCase } from '../../src/text/pii/names-case';
import { tokenize, Words } from '../../src/text/pii/names-tokens';
import { CONTEXT_BEFORE } from '../../src/text/shared/context';
import { SCAN_BEFORE } from '../../src/text/shared/stream';
import { lowerWords } from './names-speed.reference';

describe('markLowerCase', () => {
  test('equals its plain definition, words at every distance from the window edges', () => {
    // Gaps around 40 and 80 units put word starts exactly on, just inside and just outside the edges.
    const gap = fc.oneof(
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: LOWER_BEFORE - 6, max: LOWER_BEFORE + 2 }),
      fc.integer({ min: LOWER_AFTER - 6, max: LOWER_AFTER + 2 }),
    );
    const word = fc.tuple(fc.constantFrom('a', 'ab', 'abc', 'Ab', 'A', 'ÉM', 'é'), gap);
    const w = new Words();
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), (layout) => {
        const text = layout.map(([t, g]) => t + ' '.repeat(g)).join('');
        tokenize(w, text, undefined);
        const any = markLowerCase(w);
        const want = lowerWords(w).map((x) => (x ? 1 : 0)); // the plain definition, in the reference
        expect(any).toBe(want.some((x, i) => x === 1 && w.cap[i] === 0));
        if (any) expect(Array.from(w.lower.subarray(0, w.n))).toEqual(want);
      }),
      { numRuns: 3000 },
    );
  });

  test('a stream scan reads the whole window back (two units more for the tokenizer) and the context words', () => {
    expect(LOWER_BEFORE + 2).toBeLessThanOrEqual(SCAN_BEFORE);
    expect(CONTEXT_BEFORE).toBeLessThanOrEqual(SCAN_BEFORE);
  });

  test('no words, and text without capitals', () => {
    const w = new Words();
    tokenize(w, ' 12 ', undefined);
    expect(markLowerCase(w)).toBe(false);
    tokenize(w, 'name: angela bravo', undefined);
    expect(markLowerCase(w)).toBe(true);
    expect(Array.from(w.lower.subarray(0, 3))).toEqual([1, 1, 1]);
  });
});

describe('lower-case names in detectPII', () => {
  const persons = (t: string) =>
    detectPII(t)
      .filter((f) => f.entity === 'PERSON')
      .map((f) => t.slice(f.start, f.end));

  test('a lower-case line inside a capitalized document is read as lower-case writing', () => {
    // The document has more than 1 capitalized word in 20; the lines around the name have none.
    const doc =
      'Thank You For Contacting Acme Support Today. Your Ticket Number Is Below.\n' +
      'ok so i tried to log in again this morning and it still says my account is locked, no idea why.\n' +
      'sure, here are the details you asked for in the form: name: angela bravo, phone 040 898 9331\n' +
      'thanks a lot, please get back to me soon because i need the invoice for my taxes by friday.\n' +
      'Best Regards From The Acme Team, Support Desk, Ticket Closed On Request.';
    expect(persons(doc)).toContain('angela bravo');
    // The same line alone among capitalized lines is capitalized writing: there a lower-case given +
    // family name is a person only after a cue ("name:", names-lower-cues.test.ts).
    const short = 'Thank You For Contacting Acme Support Today.\nname: angela bravo\nBest Regards, The Acme Team.';
    expect(persons(short)).toContain('angela bravo');
    expect(persons(short.replace('name:', 'contact:'))).not.toContain('angela bravo');
  });

  test('a lower-case given + family name among capitalized words is left alone', () => {
    expect(persons('Meeting Notes From The Board Of Directors, Final: mark taylor')).not.toContain('mark taylor');
  });
});

describe('acronyms after a cue are no people (2026-11-30, from the ham mail)', () => {
  const people = (text: string) =>
    detectPII(text)
      .filter((f) => f.entity === 'PERSON')
      .map((f) => text.slice(f.start, f.end));

  test.each([
    'worst monthly performance in four years, said MSNBC.',
    'Security Advisory that were wrongly called SPAM this morning.',
    'A Pentagon statement said NORAD received unverified reports',
    'The sources said AOL execs pointed the finger',
    'You deserve better. Signed CPU.',
    'Hi XFS developers, when starting',
  ])('%j has no PERSON', (text) => {
    expect(people(text)).toEqual([]);
  });

  test.each([
    // The name after an acronym and a title is found whole (before: "MIT Professor Hal").
    ['said MIT Professor Hal Abelson, one of his advisers', 'Hal Abelson'],
    // Names written in capitals after a cue that names, or in a name list.
    ['my name is ADLAN', 'ADLAN'],
    ['Name: ADLAN', 'ADLAN'],
    ['i am ADLAN', 'ADLAN'],
    ['Mr. OKONKWO called back', 'OKONKWO'],
    ['he said SMITH was late', 'SMITH'],
    // A text in capitals.
    ['MY NAME IS ADLAN', 'ADLAN'],
  ])('%j has PERSON %j', (text, want) => {
    expect(people(text)).toContain(want);
  });
});
