/**
 * `screenPII()`: stream a CSV, JSONL or text dataset, find personal data in every cell with the text
 * module's `detectPII`, count it per entity and per column, keep a few masked samples, and optionally
 * write a redacted copy (`redactPII` with the same findings) through a caller-supplied writer. Memory is
 * bounded by the longest record, the sample count and the column cap, whatever the dataset size.
 */
import { ainteger, aobject, aoneOf, type ByteSource, iterateBytes, ValidationError } from '@modelsec/core';
import { type DetectPiiOptions, type PiiFinding, type RedactionMode, redactPII } from '../../text/index';
import { createCsvParser, csvLine } from '../io/csv';
import { scanJson } from '../io/json-scan';
import { createLineSplitter } from '../io/lines';
import { createCellScanner } from './cells';
import { type PiiScreenReport, PiiTally } from './tally';

/** Where the redacted copy goes: `write` is awaited, so a stream's backpressure holds the screen back. */
export interface RedactedSink {
  /** Redaction mode (default `mask`). `placeholder` keeps a vault of every value in memory. */
  mode?: RedactionMode;
  /** HMAC key for `hash` mode (at least 16 bytes). */
  key?: Uint8Array;
  /** Receives the redacted dataset in order, in chunks of about 64 KiB. */
  write(chunk: string): void | Promise<void>;
}

/** Options of `screenPII`. */
export interface ScreenPiiOptions
  extends Pick<DetectPiiOptions, 'entities' | 'threshold' | 'recognizers' | 'allowList'> {
  /** `csv`, `jsonl` (one JSON document per line) or `text` (one cell per line). */
  format: 'csv' | 'jsonl' | 'text';
  /** CSV: the first record is the header (default true). */
  header?: boolean;
  /** CSV delimiter (default `,`). */
  delimiter?: string;
  /** Only these columns (CSV header names or JSON paths such as `user.email`, `tags[]`) are scanned. */
  columns?: readonly string[];
  /** JSONL: scan object keys too (default false). */
  keys?: boolean;
  /** Sample findings kept (default 20). */
  maxSamples?: number;
  /** Characters of masked context each side of a sample (default 24). */
  sampleContext?: number;
  /** Distinct columns counted before folding into `(other)` (default 1,000). */
  maxColumns?: number;
  /** Longest record or line in UTF-16 units (default 8 MiB). */
  maxRecordLength?: number;
  /** Write a redacted copy. */
  redact?: RedactedSink;
  /**
   * In the redacted copy, also mask the other occurrences, in the same row, of every value detected in
   * that row (default true): a name found in a free-text column is masked where it repeats in a column
   * the detector alone would not flag (a bare family name). The counts stay the detector's own.
   */
  propagate?: boolean;
  /** Skip plain numbers and memoize short cells (default true; exact for the built-in recognizers). */
  fastPaths?: boolean;
  /** Called about every 64 KiB with the rows and bytes read so far. */
  onProgress?: (rows: number, bytes: number) => void;
  /** Stops the screen (rejects with the signal's reason). */
  signal?: AbortSignal;
}

/**
 * Screen a dataset for personal data.
 *
 * @param source - the dataset bytes: a `ReadableStream`, an (async) iterable of chunks, a `Blob`/`File`, or bytes.
 * @returns counts per entity and column, masked samples, and what was written.
 * @throws ValidationError `invalid_encoding` (not UTF-8), `invalid_format`/`invalid_json` (malformed
 *   record), `too_large`/`too_deep` (a record over the limits).
 * @example
 * ```ts
 * const chunks: string[] = [];
 * const report = await screenPII(file.stream(), {
 *   format: 'csv',
 *   redact: { mode: 'mask', write: (c) => { chunks.push(c); } },
 * });
 * report.byColumn; // { email: { EMAIL_ADDRESS: 120 }, notes: { PERSON: 4, PHONE_NUMBER: 2 } }
 * ```
 */
export async function screenPII(source: ByteSource | Uint8Array, options: ScreenPiiOptions): Promise<PiiScreenReport> {
  aobject(options as unknown, 'options');
  aoneOf(options.format, 'options.format', ['csv', 'jsonl', 'text'] as const);
  const maxSamples = options.maxSamples ?? 20;
  ainteger(maxSamples, 'options.maxSamples', { min: 0, max: 100_000 });
  const context = options.sampleContext ?? 24;
  ainteger(context, 'options.sampleContext', { min: 0, max: 1000 });
  const maxColumns = options.maxColumns ?? 1000;
  ainteger(maxColumns, 'options.maxColumns', { min: 1 });
  const maxRecord = options.maxRecordLength ?? 1 << 23;
  ainteger(maxRecord, 'options.maxRecordLength', { min: 1 });
  const sink = options.redact;
  if (sink !== undefined) {
    aobject(sink as unknown, 'options.redact');
    if (typeof sink.write !== 'function') throw new TypeError('"options.redact.write" expected a function');
  }
  const detect: DetectPiiOptions = {
    ...(options.entities ? { entities: options.entities } : {}),
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    ...(options.recognizers ? { recognizers: options.recognizers } : {}),
    ...(options.allowList ? { allowList: options.allowList } : {}),
  };
  const scanner = createCellScanner(detect, options.fastPaths !== false);
  const tally = new PiiTally(maxSamples, context, maxColumns);
  const only = options.columns ? new Set(options.columns) : undefined;
  const mode = sink?.mode ?? 'mask';
  const redactOptions = { mode, ...(sink?.key ? { key: sink.key } : {}) };
  // Validate the redaction options once (a bad key must fail before any data is read).
  if (sink) redactPII('', { ...redactOptions, findings: [] });

  let out = '';
  let written = 0;
  const emit = async (text: string, force = false) => {
    if (!sink) return;
    out += text;
    if (out.length >= 1 << 16 || (force && out.length > 0)) {
      const chunk = out;
      out = '';
      written += chunk.length;
      await sink.write(chunk);
    }
  };
  const redactCell = (cell: string, found: readonly PiiFinding[]) =>
    found.length === 0 ? cell : redactPII(cell, { ...redactOptions, findings: found }).text;
  const propagate = options.propagate !== false;

  let rows = 0;
  let bytes = 0;
  let lastProgress = 0;
  let pendingOut: string[] = [];
  let header: string[] | undefined;
  const wantHeader = options.header !== false;

  const onCsvRecord = (fields: string[]) => {
    if (wantHeader && header === undefined) {
      header = fields;
      if (sink) pendingOut.push(csvLine(fields, options.delimiter ?? ','));
      return;
    }
    const row = rows++;
    const found: (readonly PiiFinding[])[] = new Array(fields.length);
    for (let i = 0; i < fields.length; i++) {
      const column = header?.[i] ?? `column_${i}`;
      if (only && !only.has(column)) {
        found[i] = NO_FINDINGS;
        continue;
      }
      const cell = fields[i] as string;
      found[i] = scanner.scan(cell);
      tally.add(row, column, cell, found[i] as readonly PiiFinding[]);
    }
    if (!sink) return;
    const cells = propagate ? withRowValues(fields, found) : found;
    pendingOut.push(
      csvLine(
        fields.map((cell, i) => redactCell(cell, cells[i] as readonly PiiFinding[])),
        options.delimiter ?? ',',
      ),
    );
  };
  const onJsonLine = (line: string, eol: string) => {
    if (line.trim() === '') {
      if (sink) pendingOut.push(line + eol);
      return;
    }
    const row = rows++;
    const tokens: { start: number; end: number; value: string }[] = [];
    const found: (readonly PiiFinding[])[] = [];
    scanJson(line, (t) => {
      const scanned = !(t.key && options.keys !== true) && !(only && !only.has(t.path));
      const f = scanned ? scanner.scan(t.value) : NO_FINDINGS;
      if (scanned) tally.add(row, t.path, t.value, f);
      if (sink && (scanned || propagate)) {
        tokens.push({ start: t.start, end: t.end, value: t.value });
        found.push(f);
      }
    });
    if (!sink) return;
    const cells = propagate
      ? withRowValues(
          tokens.map((t) => t.value),
          found,
        )
      : found;
    let rebuilt = '';
    let pos = 0;
    tokens.forEach((t, i) => {
      const f = cells[i] as readonly PiiFinding[];
      if (f.length === 0) return;
      rebuilt += line.slice(pos, t.start) + JSON.stringify(redactCell(t.value, f));
      pos = t.end;
    });
    pendingOut.push(rebuilt + line.slice(pos) + eol);
  };
  const onTextLine = (line: string, eol: string) => {
    const row = rows++;
    const found = only && !only.has('text') ? [] : scanner.scan(line);
    tally.add(row, 'text', line, found);
    if (sink) pendingOut.push(redactCell(line, found) + eol);
  };

  const csv =
    options.format === 'csv'
      ? createCsvParser(onCsvRecord, {
          ...(options.delimiter ? { delimiter: options.delimiter } : {}),
          maxRecordLength: maxRecord,
        })
      : undefined;
  const lines =
    options.format === 'csv'
      ? undefined
      : createLineSplitter(options.format === 'jsonl' ? onJsonLine : onTextLine, maxRecord);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const decode = (chunk: Uint8Array, stream: boolean) => {
    try {
      return decoder.decode(chunk, { stream });
    } catch (cause) {
      throw new ValidationError('invalid_encoding', 'the dataset is not valid UTF-8', { cause });
    }
  };
  const flushOut = async (force = false) => {
    if (pendingOut.length > 0) {
      const text = pendingOut.join('');
      pendingOut = [];
      await emit(text, force);
    } else if (force) await emit('', true);
  };

  for await (const chunk of iterateBytes(source as ByteSource)) {
    options.signal?.throwIfAborted();
    bytes += chunk.length;
    const text = decode(chunk, true);
    if (csv) csv.push(text);
    else lines?.push(text);
    await flushOut();
    if (options.onProgress && bytes - lastProgress >= 1 << 16) {
      lastProgress = bytes;
      options.onProgress(rows, bytes);
    }
  }
  const tail = decode(new Uint8Array(0), false);
  if (csv) {
    if (tail) csv.push(tail);
    csv.end();
  } else {
    if (tail) lines?.push(tail);
    lines?.end();
  }
  await flushOut(true);
  options.onProgress?.(rows, bytes);
  return {
    format: options.format,
    rows,
    bytes,
    cellsScanned: scanner.scanned,
    cellsSkipped: scanner.skipped + scanner.cached,
    findings: tally.findings,
    rowsWithPii: tally.rowsWithPii,
    ...tally.counts(),
    columnsTruncated: tally.columnsTruncated,
    samples: tally.samples,
    ...(sink ? { redacted: { mode, chars: written } } : {}),
  };
}

const NO_FINDINGS: readonly PiiFinding[] = Object.freeze([]);

/**
 * The findings of each cell of a row plus every other occurrence, in any cell of the row, of a value
 * detected somewhere in that row (values of 2+ characters; overlapping spans are dropped).
 */
export function withRowValues(
  cells: readonly string[],
  found: readonly (readonly PiiFinding[])[],
): (readonly PiiFinding[])[] {
  const values = new Map<string, PiiFinding>();
  cells.forEach((cell, i) => {
    for (const f of found[i] ?? NO_FINDINGS) {
      const v = cell.slice(f.start, f.end);
      if (v.length >= 2 && !values.has(v)) values.set(v, f);
    }
  });
  if (values.size === 0) return found as (readonly PiiFinding[])[];
  const ordered = [...values].sort((a, b) => b[0].length - a[0].length); // "John Smith" before "John"
  return cells.map((cell, i) => {
    const own = found[i] ?? NO_FINDINGS;
    const extra: PiiFinding[] = [];
    for (const [v, f] of ordered) {
      for (let at = cell.indexOf(v); at >= 0; at = cell.indexOf(v, at + v.length)) {
        const end = at + v.length;
        const overlaps = (g: PiiFinding) => g.start < end && at < g.end;
        if (own.some(overlaps) || extra.some(overlaps)) continue;
        extra.push({ entity: f.entity, start: at, end, score: f.score, recognizer: 'row' });
      }
    }
    return extra.length === 0 ? own : [...own, ...extra].sort((a, b) => a.start - b.start);
  });
}
