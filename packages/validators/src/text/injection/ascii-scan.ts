/**
 * One pass over the lower-cased form of an ASCII text for the injection detector's ASCII fast path:
 * the repeated-phrase check of `unicodeScan` on [a-z0-9] words, compared by length, hash and then
 * characters, keeping only the last few words, and the runs the payload decoder needs before it scans
 * (`runsIn` of decode.ts). Lower-casing ASCII keeps offsets, and keeps each unit in or out of the
 * base64 alphabet, the hex digits and the hex separators, so the flags are those of the original text.
 */
import { PAYLOAD_CHARS } from './decode';

/** What `asciiScan` finds. */
export interface AsciiScan {
  /** The first phrase of 1-4 words repeated at least 8 times in a row, as `unicodeScan` finds it. */
  repetition: { start: number; end: number } | undefined;
  /** A run of 16 base64 characters (standard or URL-safe alphabet). */
  base64: boolean;
  /** A run of hex digits and separators (space, `:`, `,`) with 24 hex digits. */
  hex: boolean;
}

const WORD = 1;
// Bit positions of the payload classes of decode.ts, shifted up one bit past WORD.
const BASE64_BIT = 1;
const HEX_BIT = 2;
const SEP_BIT = 3;
/** [a-z0-9] (WORD) plus the payload classes of decode.ts at BASE64_BIT, HEX_BIT and SEP_BIT. */
const CLASSES = /* @__PURE__ */ (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    t[c] = ((PAYLOAD_CHARS[c] as number) << 1) | (word ? WORD : 0);
  }
  return t;
})();
/** Words remembered (more than the longest phrase length, 4). */
const RING = 8;
const SCRATCH = {
  /** Start, end and hash of word i at i % RING. */
  starts: new Int32Array(RING),
  ends: new Int32Array(RING),
  hashes: new Int32Array(RING),
  /** Per phrase length 1-4: words in the current run, and where the run's phrase starts. */
  run: new Int32Array(5),
  runStart: new Int32Array(5),
};

/**
 * Scan `lower` (an ASCII text lower-cased).
 *
 * @example
 * ```ts
 * asciiScan('ha '.repeat(8)).repetition; // { start: 0, end: 23 }
 * ```
 */
export function asciiScan(lower: string): AsciiScan {
  // Scratch state shared by calls (the scan is synchronous; allocating it per call cost more than the scan).
  const { starts, ends, hashes, run, runStart } = SCRATCH;
  run.fill(0);
  const found: ({ start: number; end: number } | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
  let repetition: { start: number; end: number } | undefined;
  let words = 0;
  // The payload-run counts of `runStep` (decode.ts), kept in local variables on this hot path and
  // updated without branches (whether a letter is a hex digit is unpredictable): b counts base64
  // characters and h hex digits in the current runs, `flags` gets bit 0 at b = 16 and bit 1 at h = 24.
  let flags = 0;
  let b = 0;
  let h = 0;
  const table = CLASSES;
  const n = lower.length;
  for (let i = 0; i < n; ) {
    const c = lower.charCodeAt(i);
    const bits = c < 128 ? (table[c] as number) : 0;
    if ((bits & WORD) === 0) {
      b = (b + 1) & -((bits >> BASE64_BIT) & 1);
      h &= -((bits >> SEP_BIT) & 1); // a separator keeps the run
      flags |= (15 - b) >>> 31;
      i++;
      continue;
    }
    let hash = c;
    let j = i;
    for (; j < n; j++) {
      const d = lower.charCodeAt(j);
      const e = d < 128 ? (table[d] as number) : 0;
      if ((e & WORD) === 0) break;
      if (j > i) hash = (Math.imul(hash, 31) + d) | 0;
      b++; // every word character is a base64 character
      h = (h + 1) & -((e >> HEX_BIT) & 1);
      flags |= ((15 - b) >>> 31) | (((23 - h) >>> 31) << 1);
    }
    if (repetition === undefined) {
      const slot = words % RING;
      starts[slot] = i;
      ends[slot] = j;
      hashes[slot] = hash;
      for (let w = 1; w <= 4 && w <= words; w++) {
        if (found[w] !== undefined) continue;
        const prev = (words - w) % RING;
        const start = starts[prev] as number;
        if (hashes[prev] === hash && (ends[prev] as number) - start === j - i && sameWord(lower, start, i, j - i)) {
          if (run[w] === 0) runStart[w] = start;
          run[w] = (run[w] as number) + 1;
          // The shortest phrase length wins: a run of single words ends the search.
          if ((run[w] as number) >= 7 * w) {
            found[w] = { start: runStart[w] as number, end: j };
            if (w === 1) repetition = found[1];
          }
        } else run[w] = 0;
      }
      words++;
    }
    i = j;
  }
  return {
    repetition: repetition ?? found[2] ?? found[3] ?? found[4],
    base64: (flags & 1) !== 0,
    hex: (flags & 2) !== 0,
  };
}

/** Whether the `len` units at `a` and at `b` of `s` are equal. */
function sameWord(s: string, a: number, b: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (s.charCodeAt(a + k) !== s.charCodeAt(b + k)) return false;
  return true;
}
