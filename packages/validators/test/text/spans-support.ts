/**
 * Helper of the names tests: findings on arbitrary sequences of chosen words keep their spans inside the
 * text and never end inside a possessive "'s".
 */
import { detectPII } from '@modelsec/validators';
import fc from 'fast-check';
import { expect } from 'vitest';

/**
 * Check detectPII's spans on `numRuns` texts of up to 12 of `words` joined by spaces.
 *
 * @example
 * ```ts
 * expectSpansOnWordSequences(['Hi', "Liam's", 'said', '.']);
 * ```
 */
export function expectSpansOnWordSequences(words: readonly string[], numRuns = 2000): void {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...words), { maxLength: 12 }), (picked) => {
      const text = picked.join(' ');
      for (const f of detectPII(text)) {
        expect(f.start).toBeGreaterThanOrEqual(0);
        expect(f.end).toBeLessThanOrEqual(text.length);
        expect(f.start).toBeLessThan(f.end);
        // No finding ends inside a possessive "'s".
        expect(text.slice(f.end, f.end + 1)).not.toBe('s');
      }
    }),
    { numRuns },
  );
}
