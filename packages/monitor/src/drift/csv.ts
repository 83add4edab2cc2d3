/**
 * `parseCsv`: a small RFC 4180 CSV reader for drift data (header row, quoted fields with `""`
 * escapes and embedded newlines, CRLF or LF, optional BOM) with hard limits on size, rows, columns
 * and field length, checked while scanning so hostile input cannot make it allocate without bound.
 * Columns whose non-empty cells all look like decimal numbers become numbers; empty cells become null.
 */
import { describeValue, ModelSecTypeError, ValidationError } from '@modelsec/core';
import type { CellValue } from './columns';

/** Limits of {@link parseCsv}. */
export interface CsvOptions {
  /** Field delimiter (default `,`). */
  delimiter?: string;
  /** Largest input in characters (default 256 Mi). */
  maxLength?: number;
  /** Most data rows (default 2,000,000). */
  maxRows?: number;
  /** Most columns (default 1000). */
  maxColumns?: number;
  /** Longest field (default 10,000 characters). */
  maxFieldLength?: number;
}

/** A parsed CSV table. */
export interface CsvTable {
  /** Header names, in file order. */
  header: string[];
  /** Values per column (numbers for numeric columns, strings otherwise, null for empty cells). */
  columns: Record<string, CellValue[]>;
  /** Number of data rows. */
  rows: number;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parse CSV text with a header row.
 *
 * @throws ValidationError `too_large` past a limit, `invalid_format` for unterminated quotes or
 * duplicate/empty headers, `invalid_shape` for a row with the wrong number of fields, `empty_input`
 * for a file without a header.
 * @example
 * ```ts
 * const { columns } = parseCsv('age,city\n31,Oslo\n45,"Bergen, NO"\n');
 * columns.age; // [31, 45]
 * ```
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  if (typeof text !== 'string') throw new ModelSecTypeError(`"text" expected string, got ${describeValue(text)}`);
  const delimiter = options.delimiter ?? ',';
  if (
    typeof delimiter !== 'string' ||
    delimiter.length !== 1 ||
    delimiter === '"' ||
    delimiter === '\n' ||
    delimiter === '\r'
  ) {
    throw new ModelSecTypeError('"delimiter" must be one character other than a quote or newline');
  }
  const maxLength = options.maxLength ?? 256 * 1024 * 1024;
  const maxRows = options.maxRows ?? 2_000_000;
  const maxColumns = options.maxColumns ?? 1000;
  const maxField = options.maxFieldLength ?? 10_000;
  if (text.length > maxLength)
    throw new ValidationError('too_large', `CSV has ${text.length} characters, more than ${maxLength}`);
  const d = delimiter.charCodeAt(0);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let header: string[] | undefined;
  let cells: string[][] = [];
  let row: string[] = [];
  let lineNo = 1;
  const endRow = () => {
    if (header === undefined) {
      header = row;
      if (header.length > maxColumns) throw new ValidationError('too_large', `CSV has more than ${maxColumns} columns`);
      const seen = new Set<string>();
      for (const h of header) {
        if (h === '' || seen.has(h))
          throw new ValidationError('invalid_format', 'CSV header has an empty or duplicate column name');
        seen.add(h);
      }
      cells = header.map(() => []);
    } else {
      if (row.length === 1 && row[0] === '' && header.length > 1) return; // blank line
      if (row.length !== header.length) {
        throw new ValidationError(
          'invalid_shape',
          `CSV line ${lineNo} has ${row.length} fields, the header ${header.length}`,
        );
      }
      if ((cells[0]?.length ?? 0) >= maxRows)
        throw new ValidationError('too_large', `CSV has more than ${maxRows} rows`);
      for (let c = 0; c < row.length; c++) cells[c]?.push(row[c] as string);
    }
  };
  while (i < n) {
    // one field
    let field: string;
    if (text.charCodeAt(i) === 34) {
      i++;
      let out = '';
      let start = i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new ValidationError('invalid_format', `CSV has an unterminated quoted field (line ${lineNo})`);
        if (q - start + out.length > maxField)
          throw new ValidationError('too_large', `CSV field longer than ${maxField} (line ${lineNo})`);
        if (text.charCodeAt(q + 1) === 34) {
          out += text.slice(start, q + 1);
          i = q + 2;
          start = i;
          continue;
        }
        out += text.slice(start, q);
        for (let k = start; k < q; k++) if (text.charCodeAt(k) === 10) lineNo++;
        i = q + 1;
        break;
      }
      field = out;
      const c = text.charCodeAt(i);
      if (i < n && c !== d && c !== 10 && c !== 13) {
        throw new ValidationError('invalid_format', `CSV has characters after a closing quote (line ${lineNo})`);
      }
    } else {
      const start = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === d || c === 10 || c === 13) break;
        i++;
      }
      if (i - start > maxField)
        throw new ValidationError('too_large', `CSV field longer than ${maxField} (line ${lineNo})`);
      field = text.slice(start, i);
    }
    row.push(field);
    if (row.length > maxColumns) throw new ValidationError('too_large', `CSV has more than ${maxColumns} columns`);
    if (i >= n) {
      endRow();
      row = [];
      break;
    }
    const c = text.charCodeAt(i);
    if (c === d) {
      i++;
      if (i >= n) {
        row.push('');
        endRow();
        row = [];
      }
      continue;
    }
    // newline
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    endRow();
    row = [];
    lineNo++;
  }
  if (header === undefined) throw new ValidationError('empty_input', 'CSV has no header row');
  const columns: Record<string, CellValue[]> = Object.create(null);
  header.forEach((name, c) => {
    const raw = cells[c] as string[];
    const numeric = raw.some((v) => v !== '') && raw.every((v) => v === '' || (v.length <= 64 && NUMBER.test(v)));
    columns[name] = raw.map((v) => (v === '' ? null : numeric ? Number(v) : v));
  });
  return { header, columns, rows: cells[0]?.length ?? 0 };
}
