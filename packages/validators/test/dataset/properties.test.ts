/**
 * Property tests of the dataset module's untrusted-input surfaces: the streaming CSV parser (any text,
 * any chunking: records or a typed error; `csvLine` round-trips any fields), the JSON string scanner
 * (every string of any JSON value, with exact source ranges; any text: tokens or a typed error),
 * manifest parsing (any JSON or bytes: a manifest or `bundle_malformed`) and `screenDataset` (any rows
 * and labels: a report or a typed error).
 */
import { isModelSecError } from '@modelsec/core';
import { createCsvParser, csvLine, parseDatasetManifest, scanJson, screenDataset } from '@modelsec/validators/dataset';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const typed = (e: unknown) => isModelSecError(e) || e instanceof TypeError || e instanceof RangeError;

function parseCsv(text: string, chunk: number): string[][] {
  const rows: string[][] = [];
  const p = createCsvParser((f) => rows.push(f), { maxRecordLength: 1 << 16 });
  for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk));
  p.end();
  return rows;
}

describe('CSV parser', () => {
  test('csvLine then the parser gives the fields back, whatever the chunking', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é', '😀') });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 9 }),
        (rows, chunk) => {
          const kept = rows.filter((r) => !(r.length === 1 && r[0] === '')); // an empty line is no record
          const text = kept.map((r) => csvLine(r)).join('');
          expect(parseCsv(text, chunk)).toEqual(kept);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('any text: the same records for any chunking, or a typed error', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', '\uFEFF', 'x') }),
        fc.integer({ min: 1, max: 7 }),
        (text, chunk) => {
          let whole: string[][] | string;
          try {
            whole = parseCsv(text, text.length + 1);
          } catch (e) {
            expect(typed(e), String(e)).toBe(true);
            whole = (e as { code: string }).code;
          }
          let parts: string[][] | string;
          try {
            parts = parseCsv(text, chunk);
          } catch (e) {
            parts = (e as { code: string }).code;
          }
          expect(parts).toEqual(whole);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('JSON string scanner', () => {
  test('every string of any JSON value, with its exact source range', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const text = JSON.stringify(value);
        const seen: string[] = [];
        scanJson(text, (t) => {
          expect(JSON.parse(text.slice(t.start, t.end))).toBe(t.value);
          seen.push(t.value);
        });
        const expected: string[] = [];
        const walk = (v: unknown) => {
          if (typeof v === 'string') expected.push(v);
          else if (Array.isArray(v)) v.forEach(walk);
          else if (v && typeof v === 'object')
            for (const [k, x] of Object.entries(v)) {
              expected.push(k);
              walk(x);
            }
        };
        walk(JSON.parse(text));
        expect(seen.sort()).toEqual(expected.sort());
      }),
      { numRuns: 300 },
    );
  });

  test('any text: tokens or a typed error', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '\\', 'u', '1', 'a', ' ', 'n') }),
        (text) => {
          try {
            scanJson(text, () => {});
          } catch (e) {
            expect(typed(e), String(e)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('untrusted manifests and datasets', () => {
  test('parseDatasetManifest: any JSON or bytes is a manifest or bundle_malformed', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.uint8Array({ maxLength: 64 }),
          fc.string(),
        ),
        (input) => {
          try {
            parseDatasetManifest(input);
          } catch (e) {
            expect(typed(e), String(e)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test('screenDataset: any small rows and labels give a report or a typed error', async () => {
    const num = fc.oneof(fc.double(), fc.integer({ min: -3, max: 3 }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(num, { minLength: 1, maxLength: 3 }), { maxLength: 12 }),
        fc.option(fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 12 })),
        async (rows, labels) => {
          try {
            const r = await screenDataset({ features: rows, ...(labels ? { labels } : {}) }, { seed: 1 });
            expect(r.rowCount).toBe(rows.length);
            expect(typeof r.toHTML()).toBe('string');
          } catch (e) {
            expect(typed(e), String(e)).toBe(true);
          }
        },
      ),
      { numRuns: 120 },
    );
  });
});
