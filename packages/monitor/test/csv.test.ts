import { isModelSecError } from '@modelsec/core';
import { parseCsv } from '@modelsec/monitor';
import fc from 'fast-check';
import { expect, test } from 'vitest';

test('parses RFC 4180 CSV with quotes, CRLF, BOM, empty cells and numeric inference', () => {
  const t = parseCsv('\ufeffage,city,score\r\n31,"Oslo, NO",1e3\r\n,"He said ""hi""\nthere",-.5\n45,Bergen,\n');
  expect(t.header).toEqual(['age', 'city', 'score']);
  expect(t.rows).toBe(3);
  expect(t.columns.age).toEqual([31, null, 45]);
  expect(t.columns.city).toEqual(['Oslo, NO', 'He said "hi"\nthere', 'Bergen']);
  expect(t.columns.score).toEqual([1000, -0.5, null]);
  expect(parseCsv('a;b\n1;x', { delimiter: ';' }).columns).toEqual({ a: [1], b: ['x'] });
  expect(parseCsv('a,b\n1,2').columns.b).toEqual([2]);
});

test('limits and malformed input give typed errors', () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return (e as { code?: string }).code;
    }
    return 'ok';
  };
  expect(code(() => parseCsv(''))).toBe('empty_input');
  expect(code(() => parseCsv('a,a\n1,2'))).toBe('invalid_format');
  expect(code(() => parseCsv('a,b\n1'))).toBe('invalid_shape');
  expect(code(() => parseCsv('a\n"open'))).toBe('invalid_format');
  expect(code(() => parseCsv('a\n"x"y'))).toBe('invalid_format');
  expect(code(() => parseCsv('a\n1\n2\n3', { maxRows: 2 }))).toBe('too_large');
  expect(code(() => parseCsv('a,b,c', { maxColumns: 2 }))).toBe('too_large');
  expect(code(() => parseCsv(`a\n${'x'.repeat(20_000)}`))).toBe('too_large');
  expect(code(() => parseCsv(`a\n"${'x'.repeat(20_000)}"`))).toBe('too_large');
  expect(code(() => parseCsv('x'.repeat(100), { maxLength: 10 }))).toBe('too_large');
});

test('adversarial megabyte inputs are handled in linear time with typed errors', () => {
  const mb = 1 << 20;
  for (const text of [
    '"'.repeat(mb),
    `a\n${'1'.repeat(mb)}`,
    `a\n${'"",'.repeat(mb / 3)}`,
    `a\n${'1e'.repeat(mb / 2)}`,
    ','.repeat(mb),
  ]) {
    try {
      parseCsv(text);
    } catch (e) {
      expect(isModelSecError(e)).toBe(true);
    }
  }
});

test('arbitrary text never crashes', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', '1', ',', '"', '\n', '\r', ' ', '.', 'e', '-') }), (s) => {
      try {
        const t = parseCsv(s);
        for (const name of t.header) expect(t.columns[name]).toHaveLength(t.rows);
      } catch (e) {
        if (!isModelSecError(e)) throw e;
      }
    }),
    { numRuns: 1000 },
  );
});
