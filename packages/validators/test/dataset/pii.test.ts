/**
 * PII screening of datasets: Presidio-research's labelled texts screened as a JSONL dataset give
 * exactly the per-entity and per-column counts of `detectPII` run on every string, the redacted copy
 * holds none of the detected values, reports hold only masked previews, and CSV / text datasets are
 * counted per column and redacted in place; any chunking of the stream gives the same result.
 */
import { ValidationError } from '@modelsec/core';
import { detectPII } from '@modelsec/validators';
import {
  type PiiScreenReport,
  type RedactedSink,
  type ScreenPiiOptions,
  screenPII,
} from '@modelsec/validators/dataset';
import { readSharedJSON } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const enc = (s: string) => new TextEncoder().encode(s);

type TestOptions = Omit<ScreenPiiOptions, 'redact'> & { redact?: Omit<RedactedSink, 'write'> };

async function screen(text: string, options: TestOptions, chunk = 1 << 16) {
  let out = '';
  const bytes = enc(text);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  const { redact, ...rest } = options;
  const report = await screenPII(chunks, {
    ...rest,
    ...(redact === undefined
      ? {}
      : {
          redact: {
            ...redact,
            write: (c: string) => {
              out += c;
            },
          },
        }),
  });
  return { report, out };
}

/** Every string of a JSON value with its path, in document order. */
function strings(v: unknown, path = '$', acc: [string, string][] = []): [string, string][] {
  if (typeof v === 'string') acc.push([path, v]);
  else if (Array.isArray(v)) for (const x of v) strings(x, path === '$' ? '[]' : `${path}[]`, acc);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) strings(x, path === '$' ? k : `${path}.${k}`, acc);
  return acc;
}

describe('Presidio-research generated_large.json as a JSONL dataset', async () => {
  const records = await readSharedJSON<Record<string, unknown>[]>('presidio/generated_large.json');
  const jsonl = `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
  const { report, out } = await screen(jsonl, { format: 'jsonl', redact: {} });
  // detectPII on every string of every record, once: [path, text, findings] per string, per record.
  const direct = records.map((r) => strings(r).map(([path, s]) => ({ path, s, found: detectPII(s) })));

  test('reproduces detectPII counts per entity and per column', () => {
    const byEntity: Record<string, number> = {};
    const byColumn: Record<string, Record<string, number>> = {};
    let rowsWithPii = 0;
    for (const r of direct) {
      let any = false;
      for (const { path, found } of r) {
        for (const f of found) {
          any = true;
          byEntity[f.entity] = (byEntity[f.entity] ?? 0) + 1;
          byColumn[path] ??= {};
          (byColumn[path] as Record<string, number>)[f.entity] =
            ((byColumn[path] as Record<string, number>)[f.entity] ?? 0) + 1;
        }
      }
      if (any) rowsWithPii++;
    }
    expect(report.rows).toBe(2109);
    expect({ ...report.byEntity }).toEqual(byEntity);
    expect(JSON.parse(JSON.stringify(report.byColumn))).toEqual(byColumn);
    expect(report.rowsWithPii).toBe(rowsWithPii);
    expect(report.byEntity.EMAIL_ADDRESS).toBeGreaterThan(50);
    expect(report.byColumn.full_text?.PERSON).toBeGreaterThan(500);
  });

  test('the redacted copy holds none of the detected values and keeps everything else', () => {
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(records.length);
    let detected = 0;
    records.forEach((r, i) => {
      const red = JSON.parse(lines[i] as string) as Record<string, unknown>;
      expect(Object.keys(red)).toEqual(Object.keys(r));
      expect(red.template_id).toEqual(r.template_id); // non-strings untouched
      const flat = JSON.stringify(red);
      for (const { s, found } of direct[i] ?? []) {
        for (const f of found) {
          detected++;
          expect(flat.includes(s.slice(f.start, f.end)), `row ${i} ${f.entity}`).toBe(false);
        }
      }
    });
    expect(detected).toBe(report.findings);
  });

  test('samples are masked: no detected value in the report', () => {
    expect(report.samples.length).toBe(20);
    const text = JSON.stringify(report);
    for (const s of report.samples) expect(s.preview).toContain('*'.repeat(Math.min(3, s.end - s.start)));
    for (const r of direct.slice(0, 20)) {
      for (const { s, found } of r)
        for (const f of found) if (f.end - f.start > 4) expect(text).not.toContain(s.slice(f.start, f.end));
    }
  });
});

const CSV = [
  'id,name,email,note,score',
  '1,Maria Garcia,maria.garcia@example.com,"Call +1 (415) 555-0123, ask for Maria",0.93',
  '2,John Smith,john@example.org,no contact details,0.12',
  '3,anon,,"card 4111 1111 1111 1111 on file",1e-3',
  '4,,,"quoted ""text"" with, commas",-7.5',
].join('\r\n');

describe('CSV datasets', () => {
  test('counts per column, redacts cells in place, keeps the header and other cells', async () => {
    const { report, out } = await screen(CSV, { format: 'csv', redact: { mode: 'placeholder' } });
    expect(report.rows).toBe(4);
    expect(report.byColumn.email).toEqual({ EMAIL_ADDRESS: 2 });
    expect(report.byColumn.note).toMatchObject({ PHONE_NUMBER: 1, CREDIT_CARD: 1 });
    expect(report.byColumn.score).toBeUndefined();
    expect(report.cellsSkipped).toBeGreaterThanOrEqual(4); // the id and score numbers
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('id,name,email,note,score');
    expect(lines).toHaveLength(5);
    expect(out).not.toContain('maria.garcia@example.com');
    expect(out).not.toContain('4111 1111 1111 1111');
    expect(out).not.toMatch(/Maria|Garcia/); // the name column repeats in the note: masked by row propagation
    expect(out).toContain('<EMAIL_ADDRESS_1>');
    expect(lines[4]).toBe('4,,,"quoted ""text"" with, commas",-7.5');
  });

  test('only the chosen columns, and no propagation when turned off', async () => {
    const { report, out } = await screen(CSV, { format: 'csv', columns: ['note'], propagate: false, redact: {} });
    expect(Object.keys(report.byColumn)).toEqual(['note']);
    expect(out).toContain('maria.garcia@example.com');
  });

  test('a file without header names its columns by position', async () => {
    const { report } = await screen('x,bob@example.com\n', { format: 'csv', header: false });
    expect(report.byColumn).toEqual({ column_1: { EMAIL_ADDRESS: 1 } });
  });

  test('text datasets: one cell per line, line ends kept', async () => {
    const text = 'nothing here\r\nwrite to ann@example.com\n\nlast line 10.0.0.1';
    const { report, out } = await screen(text, { format: 'text', redact: {} });
    expect(report.rows).toBe(4);
    expect(report.byEntity).toEqual({ EMAIL_ADDRESS: 1, IP_ADDRESS: 1 });
    expect(out).toBe('nothing here\r\nwrite to ***************\n\nlast line ********');
  });

  test('any chunking of the stream gives the same report and copy', async () => {
    const big = `${CSV}\n`.repeat(3);
    const ref = await screen(big, { format: 'csv', redact: {} });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 97 }), async (size) => {
        const r = await screen(big, { format: 'csv', redact: {} }, size);
        expect(r.out).toBe(ref.out);
        expect(r.report.byColumn).toEqual(ref.report.byColumn);
        expect(r.report.samples).toEqual(ref.report.samples);
      }),
      { numRuns: 25 },
    );
  });
});

describe('bad input is a typed error', () => {
  const codeOf = async (p: Promise<PiiScreenReport>) => {
    try {
      await p;
      return 'ok';
    } catch (e) {
      expect(ValidationError.isInstance(e), String(e)).toBe(true);
      return (e as ValidationError).code;
    }
  };

  test('encoding, quoting, JSON, limits', async () => {
    expect(await codeOf(screenPII([Uint8Array.of(0x61, 0xff, 0x0a)], { format: 'text' }))).toBe('invalid_encoding');
    expect(await codeOf(screenPII([enc('a,"b\n')], { format: 'csv' }))).toBe('invalid_format');
    expect(await codeOf(screenPII([enc('{"a":1}\n{"a":\n')], { format: 'jsonl' }))).toBe('invalid_json');
    expect(await codeOf(screenPII([enc(`${'['.repeat(100)}${']'.repeat(100)}\n`)], { format: 'jsonl' }))).toBe(
      'too_deep',
    );
    expect(await codeOf(screenPII([enc('x'.repeat(5000))], { format: 'text', maxRecordLength: 1000 }))).toBe(
      'too_large',
    );
    expect(await codeOf(screenPII([enc(`"${'x'.repeat(5000)}`)], { format: 'csv', maxRecordLength: 1000 }))).toBe(
      'too_large',
    );
  });

  test('a hash redaction without a key fails before reading', async () => {
    let read = false;
    const source = (async function* () {
      read = true;
      yield enc('a\n');
    })();
    await expect(screenPII(source, { format: 'text', redact: { mode: 'hash', write: () => {} } })).rejects.toThrow();
    expect(read).toBe(false);
  });

  test('adversarial megabyte inputs: the parsers finish with a result or a typed error', async () => {
    // The detector's own megabyte tests live with it (test/text); here the cells are parsed, not scanned.
    const mb = 1 << 20;
    const shapes = [
      '"'.repeat(mb),
      ','.repeat(mb),
      '\r'.repeat(mb),
      '\n'.repeat(mb),
      `"${'""'.repeat(mb / 2)}"`,
      `"a"${'b'.repeat(mb)}`,
      '{"a":'.repeat(mb / 5),
      `["${'\\u0041'.repeat(mb / 6)}"]`,
      `{${'"k":1,'.repeat(mb / 6)}"k":1}`,
    ];
    for (const s of shapes) {
      for (const format of ['csv', 'jsonl', 'text'] as const) {
        const code = await codeOf(
          screenPII([enc(s)], { format, columns: ['none'], maxRecordLength: 2 * mb, maxSamples: 1 }),
        );
        expect(['ok', 'invalid_format', 'invalid_json', 'too_large', 'too_deep']).toContain(code);
      }
    }
    // One scanned megabyte cell of a hostile shape.
    const code = await codeOf(screenPII([enc(`x,${'a@'.repeat(1 << 17)}\n`)], { format: 'csv', header: false }));
    expect(code).toBe('ok');
  });
});
