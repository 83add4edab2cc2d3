/**
 * Shortcuts of the PERSON/LOCATION recognizer give what the plain computations give: the honorific
 * check before a name equals `hasContext` over the 6 units before it, and the place-cue check compared
 * in the text equals lower-casing the 16 units before the word and testing `endsWith`.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cueEndsAt, HONORIFICS, honorificBefore, PLACE_CUES_SPACED } from '../../src/text/pii/names-lists';
import { hasContext } from '../../src/text/shared/context';

/** Text made of cue and honorific pieces, odd cases, and units whose lower case differs in length. */
const piece = fc.oneof(
  fc.constantFrom(...PLACE_CUES_SPACED, ...HONORIFICS, 'MR', 'Dr.', 'Mrs ', 'LIVE IN ', 'Grew Up In '),
  fc.constantFrom(' ', '. ', "'", '’', 'İ', 'K', 'ß', 'é', 'Σ', '\n', 'x', 'S'),
  fc.string({ maxLength: 4 }),
);
const text = fc.array(piece, { maxLength: 12 }).map((a) => a.join(''));

describe('names recognizer shortcuts', () => {
  test('honorificBefore equals hasContext over the 6 units before', () => {
    fc.assert(
      fc.property(text, fc.nat(), (t, k) => {
        const start = t.length === 0 ? 0 : k % (t.length + 1);
        expect(honorificBefore(t, start)).toBe(hasContext(t, start, start, HONORIFICS, 6, 0));
      }),
      { numRuns: 3000 },
    );
  });

  test('cueEndsAt equals lower-casing the 16 units before and testing endsWith', () => {
    fc.assert(
      fc.property(text, fc.nat(), (t, k) => {
        const at = t.length === 0 ? 0 : k % (t.length + 1);
        const before = t.slice(Math.max(0, at - 16), at).toLowerCase();
        expect(cueEndsAt(t, at)).toBe(PLACE_CUES_SPACED.some((cue) => before.endsWith(cue)));
      }),
      { numRuns: 3000 },
    );
    expect(cueEndsAt('She grew up in Lima', 15)).toBe(true);
    expect(cueEndsAt('She GREW UP IN Lima', 15)).toBe(true);
    expect(cueEndsAt('She grew up on Lima', 15)).toBe(false);
  });
});
