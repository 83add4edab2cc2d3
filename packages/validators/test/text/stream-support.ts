/**
 * Helpers of the stream-vs-batch tests: neutral filler text, a long address line, and a stream
 * redactor fed a text a few units at a time.
 */
import { createPiiStreamRedactor, redactPII } from '@modelsec/validators';
import fc from 'fast-check';
import { expect } from 'vitest';

/** Neutral text of `n` units (no PII). */
export function filler(n: number): string {
  return 'the weather was fine today '.repeat(Math.ceil(Math.max(0, n) / 27)).slice(0, Math.max(0, n));
}

/**
 * An address line of about `100 + w` units (a street, then comma-separated segments), `tail` appended:
 * long enough to reach past what a stream keeps before a piece.
 */
export function longAddressLine(w: number, tail = ''): string {
  return `78 C${'a'.repeat(w)}o Ancho 91, Springfield Gardens North East Side, Sangamon County Central District Area, Illinois${tail}`;
}

/** `text` through `createPiiStreamRedactor({ mode: 'mask' })`, pushed `step` units at a time. */
export function streamMasked(text: string, step = 1): string {
  const r = createPiiStreamRedactor({ mode: 'mask' });
  let out = '';
  for (let at = 0; at < text.length; at += step) out += r.push(text.slice(at, at + step));
  return out + r.flush();
}

/** `text` through `createPiiStreamRedactor({ mode: 'mask' })`, in pieces of `sizes[0]`, `sizes[1]`... (cycled). */
export function streamMaskedBy(text: string, sizes: readonly number[]): string {
  const r = createPiiStreamRedactor({ mode: 'mask' });
  let out = '';
  for (let at = 0, k = 0; at < text.length; k++) {
    const n = sizes[k % sizes.length] as number;
    out += r.push(text.slice(at, at + n));
    at += n;
  }
  return out + r.flush();
}

/** Chunks of `text` at the given cut points (taken modulo its length + 1). */
export function chunks(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let at = 0;
  for (const p of points) {
    out.push(text.slice(at, p));
    at = p;
  }
  out.push(text.slice(at));
  return out;
}

/**
 * Property: each of `pieces`, framed by `frame(piece, before)` (filler of `before` units around it),
 * streamed in random piece sizes, is masked as the whole text is (150 runs).
 */
export function expectStreamsAsWhole(
  pieces: readonly string[],
  frame: (piece: string, before: number) => string,
  maxBefore = 300,
): void {
  fc.assert(
    fc.property(
      fc.constantFrom(...pieces),
      fc.nat(maxBefore),
      fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 20 }),
      (piece, before, sizes) => {
        const text = frame(piece, before);
        expect(streamMaskedBy(text, sizes)).toBe(redactPII(text, { mode: 'mask' }).text);
      },
    ),
    { numRuns: 150 },
  );
}
