/**
 * Postcodes named as such: a number of 4 to 6 digits (or a ZIP+4, "12345-6789") standing alone, with
 * "zip", "postcode", "postal", "PLZ" or "CEP" among the 32 units before it ("my zip code is 37773",
 * "PLZ: 10115"). Without such a word a bare number is no address: years, amounts and phone groups look
 * the same.
 */
import { hasContext, wordSet } from '../shared/context';
import type { TextFacts } from '../shared/facts';
import type { PiiCandidate } from './types';

/** Words that name the number after them a postcode. */
const POSTCODE_WORDS = wordSet('zip zipcode postcode postcodes postal plz cep');
/** Units before the number searched for those words. */
const BEFORE = 32;

/**
 * Emit the postcodes of `text` (its digit runs in `f`) as ADDRESS.
 * @internal
 *
 * @example
 * ```ts
 * namedPostcodes('My zip code is 37773.', factsOf('My zip code is 37773.'), emit); // ADDRESS "37773"
 * ```
 */
export function namedPostcodes(text: string, f: TextFacts, emit: (c: PiiCandidate) => void): void {
  for (let k = 0; k < f.runs; k++) {
    const start = f.runStart[k] as number;
    let end = f.runEnd[k] as number;
    const length = end - start;
    if (length < 4 || length > 6) continue;
    // ZIP+4: five digits, a hyphen, four digits.
    if (length === 5 && text.charCodeAt(end) === 45 && k + 1 < f.runs && f.runStart[k + 1] === end + 1) {
      const plus = (f.runEnd[k + 1] as number) - end - 1;
      if (plus === 4) {
        end += 5;
        k++;
      }
    }
    if (!standsBefore(text, start) || !standsAfter(text, end)) continue;
    if (!hasContext(text, start, end, POSTCODE_WORDS, BEFORE, 0)) continue;
    emitPostcode(start, end, emit);
  }
}

/**
 * Emit a postcode as an ADDRESS (0.6, no context words): one named as such, the one after a block's
 * country line (address-lines.ts), a segment's (address.ts).
 * @internal
 *
 * @example
 * ```ts
 * emitPostcode(15, 20, emit); // "my zip code is 37773"
 * ```
 */
export function emitPostcode(start: number, end: number, emit: (c: PiiCandidate) => void): void {
  emit({ entity: 'ADDRESS', start, end, score: 0.6, recognizer: 'address', context: undefined, contextBoost: 0 });
}

/** The unit before `i` lets a number start there: none, a space, or `(`, `:`, `#`, `,`, a quote. */
function standsBefore(text: string, i: number): boolean {
  if (i === 0) return true;
  const c = text.charCodeAt(i - 1);
  return (
    c === 32 || c === 9 || c === 10 || c === 13 || c === 40 || c === 58 || c === 35 || c === 44 || c === 34 || c === 39
  );
}

/** The unit at `i` lets a number end there: none, a space, `,;:!?)` or a quote, or a period not before a digit. */
function standsAfter(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  if (c === 46) {
    const d = text.charCodeAt(i + 1);
    return !(d >= 48 && d <= 57);
  }
  return (
    c === 32 ||
    c === 9 ||
    c === 10 ||
    c === 13 ||
    c === 44 ||
    c === 59 ||
    c === 58 ||
    c === 33 ||
    c === 63 ||
    c === 41 ||
    c === 34 ||
    c === 39
  );
}
