// bench/dataset: streaming PII screening of a large CSV generated OUTSIDE the repo (deleted after).
// Side by side in the same run: reading the file (the I/O limit), parsing it only (screenPII with no
// column selected), and the full screen with a redacted copy written to /dev/null; memory (RSS) is
// sampled while the screen runs to show it stays flat whatever the file size.

import { once } from 'node:events';
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { screenPII } from '@modelsec/validators/dataset';

const FIRST = ['Maria', 'John', 'Wei', 'Aisha', 'Lukas', 'Sofia', 'Omar', 'Emma', 'Ivan', 'Chloe'];
const LAST = ['Garcia', 'Smith', 'Chen', 'Khan', 'Müller', 'Rossi', 'Haddad', 'Brown', 'Petrov', 'Martin'];
const NOTES = [
  'renewal due, no contact details',
  'sensor recalibrated on day %d',
  'borderline sample, second annotator agreed',
  'image slightly blurred, kept',
  'duplicate of batch %d removed',
  'call back on +1 (415) 555-%04d after 5pm',
  'paid with card 4111 1111 1111 1111',
  'prefers email: %s',
  'moved to %d Main Street, Springfield',
  'login from 10.%d.0.1 flagged',
  'nothing to report for ticket %d',
];

/**
 * Write a labelled tabular training set of about `bytes` bytes to `file`: id, 8 numeric features, a
 * label and a free-text note (a third of the notes hold an email, phone, card, address or IP); returns
 * its rows.
 */
export async function generateCsv(file: string, bytes: number): Promise<number> {
  const out = createWriteStream(file);
  out.write('id,f1,f2,f3,f4,f5,f6,f7,f8,label,note\n');
  let size = 0;
  let row = 0;
  let seed = 1;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 8;
  };
  while (size < bytes) {
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++, row++) {
      const first = FIRST[next() % 10] as string;
      const last = LAST[next() % 10] as string;
      const email = `${first.toLowerCase()}.${last.toLowerCase()}${next() % 10000}@example.com`;
      const note = (NOTES[next() % NOTES.length] as string)
        .replace('%04d', String(next() % 10000).padStart(4, '0'))
        .replace('%s', email)
        .replace('%d', String(next() % 250));
      const f: string[] = [];
      for (let j = 0; j < 8; j++) f.push(String(((next() % 200000) - 100000) / 1000));
      lines.push(`${row},${f.join(',')},${next() % 10},"${note}"\n`);
    }
    const chunk = lines.join('');
    size += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return row;
}

/** Stream rows/s of reading, parsing and screening a generated CSV of `megabytes`. */
export async function streamBench(megabytes: number) {
  const file = join(tmpdir(), `modelsec-dataset-bench-${process.pid}.csv`);
  try {
    const rows = await generateCsv(file, megabytes * 2 ** 20);
    const bytes = statSync(file).size;
    const t0 = performance.now();
    let read = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) read += (chunk as Buffer).length;
    const readSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const parsed = await screenPII(createReadStream(file, { highWaterMark: 1 << 20 }), { format: 'csv', columns: [] });
    const parseSeconds = (performance.now() - t1) / 1000;
    const rss: number[] = [];
    const sink = createWriteStream('/dev/null');
    const t2 = performance.now();
    const report = await screenPII(createReadStream(file, { highWaterMark: 1 << 20 }), {
      format: 'csv',
      redact: {
        write: async (c) => {
          if (!sink.write(c)) await once(sink, 'drain');
        },
      },
      onProgress: (_r, b) => {
        if (rss.length < Math.floor((10 * b) / bytes) + 1) rss.push(process.memoryUsage().rss / 2 ** 20);
      },
    });
    const screenSeconds = (performance.now() - t2) / 1000;
    sink.end();
    if (parsed.rows !== rows || report.rows !== rows || read !== bytes) throw new Error('row count mismatch');
    return {
      file: { megabytes: bytes / 2 ** 20, rows },
      readMBps: bytes / 2 ** 20 / readSeconds,
      parseRowsPerSecond: rows / parseSeconds,
      screenRowsPerSecond: rows / screenSeconds,
      screenMBps: bytes / 2 ** 20 / screenSeconds,
      screenSeconds,
      findings: report.findings,
      byEntity: report.byEntity,
      cellsScanned: report.cellsScanned,
      cellsSkipped: report.cellsSkipped,
      /** RSS in MiB at each tenth of the file. */
      rssMiB: rss.map((x) => Math.round(x)),
    };
  } finally {
    rmSync(file, { force: true });
  }
}
