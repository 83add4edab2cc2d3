/**
 * The shared helpers of the PII recognizers give what their plain definitions give: `factsOf` equals
 * counting with regexes, `hasContext` (hash-probed word tables, walked in place) equals cutting the
 * windows out, splitting them into letter runs and looking each lower-cased run up in the set, and
 * `resolveOverlaps` (insertion sort for short lists) equals the builtin stable sort, and the match
 * iterators stop where their callback returns `false`.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hasContext, LETTER, wordSet } from '../../src/text/shared/context';
import { factsOf, forEachMatchAt, tryAt, withFacts } from '../../src/text/shared/facts';
import { resolveOverlaps } from '../../src/text/shared/overlap';
import { forEachMatch } from '../../src/text/shared/regex';

/** Text biased to digits, word units, the counted punctuation and non-ASCII units. */
const factsText = fc
  .array(
    fc.oneof(
      fc.constantFrom('0', '12', '3456789', '_', 'a', 'Z', '.', ':', '-', '@', ' ', '\n', 'é', '٣', '𝟘', '/'),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 24 },
  )
  .map((a) => a.join(''));

/** The facts by regexes. */
function factsByRegex(text: string) {
  const runs = [...text.matchAll(/[0-9]+/g)];
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  let maxDigitWord = 0;
  for (const m of text.matchAll(/[A-Za-z0-9_]+/g))
    if (/[0-9]/.test(m[0])) maxDigitWord = Math.max(maxDigitWord, m[0].length);
  return {
    runs: runs.length,
    runStart: runs.map((m) => m.index),
    runEnd: runs.map((m) => m.index + m[0].length),
    digits: count(/[0-9]/g),
    dots: count(/\./g),
    colons: count(/:/g),
    dashes: count(/-/g),
    ats: count(/@/g),
    maxDigitWord,
  };
}

/** hasContext by its definition: letter runs (per UTF-16 unit) of each window, lower-cased, up to 24 units. */
function contextByDefinition(
  text: string,
  start: number,
  end: number,
  words: ReadonlySet<string>,
  before: number,
  after: number,
): boolean {
  const n = text.length;
  const windows = [
    text.slice(Math.min(Math.max(0, start - before), n), Math.min(Math.max(start, 0), n)),
    text.slice(Math.min(Math.max(end, 0), n), Math.max(0, Math.min(n, end + after))),
  ];
  const letter = (u: string) => u === "'" || LETTER.test(u);
  for (const w of windows) {
    let run = '';
    for (const u of `${w} `) {
      if (letter(u) && u.length === 1 && !/[\uD800-\uDFFF]/.test(u)) {
        run += u;
        continue;
      }
      if (run.length > 0 && run.length <= 24 && words.has(run.toLowerCase())) return true;
      run = '';
    }
  }
  return false;
}

const CONTEXT = wordSet("ssn phone call o'neil dob straße café x mrs");
const PLAIN = new Set(['ssn', 'phone', 'café', 'straße']);
/** Only ASCII words: runs whose lower case is not ASCII are skipped (the Kelvin sign lower-cases to "k"). */
const ASCII_ONLY = wordSet("ssn key ok o'neil x");

/** Text made of context words in odd cases, cut words, letters whose lower case differs, other units. */
const contextText = fc
  .array(
    fc.oneof(
      {
        arbitrary: fc.constantFrom(
          'ssn',
          'SSN',
          'Phone',
          'CALL',
          "O'Neil",
          'dob',
          'STRASSE',
          'Straße',
          'CAFÉ',
          'café',
          'x',
          'Mrs',
          '\u212Aey',
          'O\u212A',
          'kéy',
        ),
        weight: 1,
      },
      { arbitrary: fc.constantFrom('x\u0301', 'ssn\u0301', 'caf\u00e9s', "'x", "x'", 'xſ', 'Kx', 'ssnİ'), weight: 1 },
      {
        arbitrary: fc.constantFrom(' ', ': ', "'", '’', 'İ', 'K', 'ſ', 'é', 'Σ', '\u0301', '\n', '7', '𝐀', 'ab'),
        weight: 3,
      },
      { arbitrary: fc.string({ maxLength: 4 }), weight: 2 },
    ),
    { maxLength: 16 },
  )
  .map((a) => a.join(''));

describe('shared recognizer helpers', () => {
  test('forEachMatch and forEachMatchAt stop at the first match whose callback returns false', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ab1 ]{0,40}$/), fc.nat(6), (text, stopAt) => {
        const all = [...text.matchAll(/a+|1/g)].map((m) => m.index);
        const want = all.slice(0, stopAt + 1);
        const seen: number[] = [];
        const fn = (m: RegExpExecArray) => {
          seen.push(m.index);
          return seen.length <= stopAt ? undefined : false;
        };
        const global = /a+|1/g;
        forEachMatch(global, text, fn);
        expect(seen).toEqual(want);
        expect(global.lastIndex).toBe(0);
        seen.length = 0;
        const sticky = /a+|1/y;
        const starts = [...text].flatMap((c, i) => (c === 'a' || c === '1' ? [i] : []));
        forEachMatchAt(sticky, text, starts, fn);
        expect(seen).toEqual(want);
        expect(sticky.lastIndex).toBe(0);
        // A callback that returns anything but false goes on (a count, true, undefined).
        let n = 0;
        forEachMatch(global, text, () => n++);
        expect(n).toBe(all.length);
      }),
    );
    expect(tryAt(/a/y, 'a', 0, 0, () => false, undefined)).toBe(Number.POSITIVE_INFINITY);
    expect(tryAt(/a/y, 'a', 0, 0, () => true, undefined)).toBe(1);
  });

  test('factsOf equals counting with regexes, inside and outside a facts scope', () => {
    fc.assert(
      fc.property(factsText, (t) => {
        const want = factsByRegex(t);
        expect(factsOf(t)).toEqual(want);
        expect(withFacts(t, () => factsOf(t))).toEqual(want);
      }),
      { numRuns: 3000 },
    );
    expect(factsOf('ab12_c3 x9 4.5:6-7@').maxDigitWord).toBe(7);
  });

  test('hasContext equals its definition, for indexed word sets and plain sets', () => {
    fc.assert(
      fc.property(
        contextText,
        fc.nat(),
        fc.nat(),
        fc.nat({ max: 60 }),
        fc.nat({ max: 30 }),
        (t, a, b, before, after) => {
          const n = t.length + 1;
          const start = (a % (n + 4)) - 2;
          const end = start + (b % 8);
          for (const set of [CONTEXT, PLAIN, ASCII_ONLY]) {
            expect(hasContext(t, start, end, set, before, after)).toBe(
              contextByDefinition(t, start, end, set, before, after),
            );
          }
        },
      ),
      { numRuns: 4000 },
    );
    expect(hasContext('my SSN is 078-05-1120', 10, 21, CONTEXT)).toBe(true);
    expect(hasContext('my SSNs are 078-05-1120', 12, 23, CONTEXT)).toBe(false);
    expect(hasContext("tell O'Neil 078", 12, 15, CONTEXT)).toBe(true);
    expect(hasContext('tell O’Neil 078', 12, 15, CONTEXT)).toBe(false); // ’ is not a letter here
    expect(hasContext('\u212AEY 078', 4, 7, ASCII_ONLY)).toBe(true); // the Kelvin sign lower-cases to "k"
    expect(hasContext('KÉY 078', 4, 7, ASCII_ONLY)).toBe(false);
  });

  test('resolveOverlaps equals keeping the best by the builtin stable sort, in text order', () => {
    const span = fc.record({
      start: fc.nat({ max: 300 }),
      length: fc.nat({ max: 8 }),
      score: fc.oneof(
        { arbitrary: fc.constantFrom(0.5, 0.6, 0.85, 1.05), weight: 8 },
        { arbitrary: fc.double({ noNaN: true }), weight: 1 },
      ),
    });
    const check = (spans: { start: number; length: number; score: number }[]) => {
      const cands = spans.map((x, i) => ({
        entity: 'E',
        start: x.start,
        end: x.start + x.length,
        score: x.score,
        recognizer: String(i),
      }));
      const order = cands.slice().sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start));
      const kept: typeof cands = [];
      for (const c of order) {
        const clash = kept.some((k) => k.start < k.end && c.start < c.end && c.start < k.end && k.start < c.end);
        if (!clash) kept.push(c);
      }
      kept.sort((a, b) => a.start - b.start);
      expect(resolveOverlaps(cands, 310).map((c) => c.recognizer)).toEqual(kept.map((c) => c.recognizer));
    };
    // Few candidates (insertion sort), some (builtin sort), many (the sweep).
    fc.assert(fc.property(fc.array(span, { maxLength: 40 }), check), { numRuns: 2000 });
    fc.assert(fc.property(fc.array(span, { minLength: 60, maxLength: 200 }), check), { numRuns: 500 });
    // Long spans, across several 32-bit words of the position bits.
    const long = fc.record({
      start: fc.nat({ max: 230 }),
      length: fc.nat({ max: 79 }),
      score: fc.constantFrom(0.5, 0.6, 0.85),
    });
    fc.assert(fc.property(fc.array(long, { minLength: 49, maxLength: 120 }), check), { numRuns: 500 });
    // Many candidates in runs of text order with gaps (as recognizers report them): the sweep keeps lone
    // spans and resolves each chain of overlapping spans on its own, small chains pairwise, long ones by bits.
    const sparse = fc.record({
      start: fc.nat({ max: 3000 }),
      length: fc.integer({ min: 1, max: 12 }),
      score: fc.constantFrom(0.5, 0.6, 0.85, 1.05),
    });
    const runs = fc
      .array(fc.array(sparse, { maxLength: 40 }), { minLength: 1, maxLength: 8 })
      .map((rs) => rs.flatMap((r) => r.sort((a, b) => a.start - b.start)));
    fc.assert(
      fc.property(
        runs.filter((s) => s.length > 48),
        check,
      ),
      { numRuns: 500 },
    );
    const chained = fc.record({
      start: fc.nat({ max: 230 }),
      length: fc.integer({ min: 1, max: 79 }),
      score: fc.constantFrom(0.5, 0.6, 0.85),
    });
    fc.assert(fc.property(fc.array(chained, { minLength: 49, maxLength: 160 }), check), { numRuns: 500 });
    // A NaN score (the sweep takes finite scores only) falls back to the comparator.
    check(
      Array.from({ length: 80 }, (_, i) => ({ start: (i * 7) % 290, length: 3, score: i === 5 ? Number.NaN : 0.6 })),
    );
  });
});
