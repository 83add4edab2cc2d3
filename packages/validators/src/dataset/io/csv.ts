/**
 * A streaming CSV parser (RFC 4180: quoted fields with doubled quotes, CRLF / LF / CR line ends, an
 * optional byte-order mark) over text chunks, with bounded buffers: a field longer than
 * `maxFieldLength`, a record with more than `maxFields` fields or longer than `maxRecordLength`
 * characters is a `ValidationError` (`too_large`), so memory stays constant whatever the file size.
 * Only the unfinished record is kept between chunks. Also the matching writer (`csvLine`).
 */
import { ainteger, astring, ValidationError } from '@modelsec/core';

/** Limits and dialect of the CSV parser. */
export interface CsvOptions {
  /** Field delimiter, one character (default `,`). */
  delimiter?: string;
  /** Longest field in UTF-16 units (default 1,048,576). */
  maxFieldLength?: number;
  /** Most fields per record (default 10,000). */
  maxFields?: number;
  /** Longest record in UTF-16 units (default 8,388,608). */
  maxRecordLength?: number;
  /**
   * `false` (default): text after a closing quote is kept (`"a"b` → `ab`), a quote inside an unquoted
   * field is literal. `true`: both are `ValidationError` `invalid_format`.
   */
  strict?: boolean;
}

/** An incremental CSV parser: push text, receive whole records. */
export interface CsvParser {
  /** Parse a chunk; calls `onRecord` for every record it completes. */
  push(chunk: string): void;
  /** End of input: flushes the last record (an unterminated quoted field is `invalid_format`). */
  end(): void;
  /** Records emitted so far. */
  readonly records: number;
}

/**
 * Create a streaming CSV parser.
 *
 * @param onRecord - called with each record's fields (empty lines are skipped).
 * @throws ValidationError `too_large` when a limit is exceeded, `invalid_format` for an unterminated
 *   quote (or, with `strict`, stray quotes).
 * @example
 * ```ts
 * const parser = createCsvParser((fields) => rows.push(fields));
 * parser.push('a,"b,c"\n1,');
 * parser.push('2\n');
 * parser.end(); // rows: [['a', 'b,c'], ['1', '2']]
 * ```
 */
export function createCsvParser(onRecord: (fields: string[]) => void, options: CsvOptions = {}): CsvParser {
  const delimiter = options.delimiter ?? ',';
  astring(delimiter, 'options.delimiter');
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new RangeError('"options.delimiter" expected one character other than a quote or a line break');
  }
  const maxField = options.maxFieldLength ?? 1 << 20;
  ainteger(maxField, 'options.maxFieldLength', { min: 1 });
  const maxFields = options.maxFields ?? 10_000;
  ainteger(maxFields, 'options.maxFields', { min: 1 });
  const maxRecord = options.maxRecordLength ?? 1 << 23;
  ainteger(maxRecord, 'options.maxRecordLength', { min: 1 });
  const strict = options.strict === true;
  const DELIM = delimiter.charCodeAt(0);
  let pending = '';
  let first = true;
  let records = 0;

  /**
   * Parse records from `text` starting at 0; returns the offset of the first unfinished record
   * (text.length when everything was consumed). At `final`, the tail is a record too.
   */
  const parse = (text: string, final: boolean): number => {
    let pos = 0;
    const len = text.length;
    while (pos < len) {
      const start = pos;
      const fields: string[] = [];
      let done = false;
      while (!done) {
        if (fields.length >= maxFields) throw tooLarge(`a record has more than ${maxFields} fields`);
        let value: string;
        if (pos < len && text.charCodeAt(pos) === 34) {
          // Quoted field.
          let out = '';
          let from = pos + 1;
          for (;;) {
            const q = text.indexOf('"', from);
            if (q < 0) {
              if (!final) return checkPartial(text, start);
              throw new ValidationError('invalid_format', `CSV record ${records + 1} has an unterminated quoted field`);
            }
            if (q + 1 < len && text.charCodeAt(q + 1) === 34) {
              out += text.slice(from, q + 1);
              from = q + 2;
              if (out.length > maxField) throw tooLarge(`a field is longer than ${maxField} characters`);
              continue;
            }
            if (q + 1 >= len && !final) return checkPartial(text, start);
            out += text.slice(from, q);
            pos = q + 1;
            break;
          }
          // After the closing quote: delimiter, line end, or (lenient) more text.
          let tail = pos;
          while (tail < len) {
            const c = text.charCodeAt(tail);
            if (c === DELIM || c === 10 || c === 13) break;
            tail++;
          }
          if (tail > pos) {
            if (strict)
              throw new ValidationError('invalid_format', `CSV record ${records + 1} has text after a closing quote`);
            out += text.slice(pos, tail);
          }
          pos = tail;
          value = out;
        } else {
          let end = pos;
          while (end < len) {
            const c = text.charCodeAt(end);
            if (c === DELIM || c === 10 || c === 13) break;
            if (c === 34 && strict)
              throw new ValidationError('invalid_format', `CSV record ${records + 1} has a stray quote`);
            end++;
          }
          value = text.slice(pos, end);
          pos = end;
        }
        if (value.length > maxField) throw tooLarge(`a field is longer than ${maxField} characters`);
        fields.push(value);
        if (pos >= len) {
          if (!final) return checkPartial(text, start);
          done = true;
        } else {
          const c = text.charCodeAt(pos);
          if (c === DELIM) {
            pos++;
            if (pos >= len && !final) return checkPartial(text, start);
          } else {
            // Line end: CRLF, LF or CR. A CR at the very end of a chunk may be the first half of CRLF.
            if (c === 13) {
              if (pos + 1 >= len && !final) return checkPartial(text, start);
              pos += pos + 1 < len && text.charCodeAt(pos + 1) === 10 ? 2 : 1;
            } else pos++;
            done = true;
          }
        }
      }
      if (pos - start > maxRecord) throw tooLarge(`a record is longer than ${maxRecord} characters`);
      if (!(fields.length === 1 && fields[0] === '')) {
        records++;
        onRecord(fields);
      }
    }
    return len;
  };

  const checkPartial = (text: string, start: number): number => {
    if (text.length - start > maxRecord) throw tooLarge(`a record is longer than ${maxRecord} characters`);
    return start;
  };

  return {
    push(chunk) {
      astring(chunk, 'chunk');
      if (chunk.length === 0) return;
      if (first) {
        first = false;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      // A record can only end at a line break: without one in the chunk, just buffer it.
      if (chunk.indexOf('\n') < 0 && chunk.indexOf('\r') < 0) {
        pending += chunk;
        if (pending.length > maxRecord) throw tooLarge(`a record is longer than ${maxRecord} characters`);
        return;
      }
      const text = pending + chunk;
      pending = text.slice(parse(text, false));
    },
    end() {
      if (pending.length > 0) parse(pending, true);
      pending = '';
    },
    get records() {
      return records;
    },
  };
}

/**
 * One CSV record as text (with its line end `\n`): fields holding the delimiter, a quote, a line
 * break, or leading/trailing spaces are quoted, quotes doubled.
 *
 * @example
 * ```ts
 * csvLine(['a', 'b,c', 'say "hi"']); // 'a,"b,c","say ""hi"""\n'
 * ```
 */
export function csvLine(fields: readonly string[], delimiter = ','): string {
  let out = '';
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as string;
    if (i > 0) out += delimiter;
    if (needsQuotes(f, delimiter)) out += `"${f.replaceAll('"', '""')}"`;
    else out += f;
  }
  return `${out}\n`;
}

function needsQuotes(f: string, delimiter: string): boolean {
  if (f.length === 0) return false;
  if (f.charCodeAt(0) === 32 || f.charCodeAt(f.length - 1) === 32) return true;
  for (let i = 0; i < f.length; i++) {
    const c = f[i];
    if (c === delimiter || c === '"' || c === '\n' || c === '\r') return true;
  }
  return false;
}

function tooLarge(why: string): ValidationError {
  return new ValidationError('too_large', `CSV ${why}`);
}
