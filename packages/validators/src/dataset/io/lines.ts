/**
 * Splitting streamed text into lines with a bounded buffer: `\n` ends a line (a `\r` before it is
 * reported as part of the line end, so a copy can be written back byte for byte); a line longer than
 * `maxLength` is a `ValidationError` `too_large`.
 */
import { astring, ValidationError } from '@modelsec/core';

/** An incremental line splitter. */
export interface LineSplitter {
  /** Add text; calls `onLine` for every complete line. */
  push(chunk: string): void;
  /** End of input: the last line, if not empty, is emitted with an empty line end. */
  end(): void;
}

/**
 * Create a line splitter.
 *
 * @param onLine - receives each line (without its end) and its end (`\n`, `\r\n` or `''` for the last).
 * @example
 * ```ts
 * const s = createLineSplitter((line) => lines.push(line), 1 << 20);
 * s.push('a\nb');
 * s.end(); // lines: ['a', 'b']
 * ```
 */
export function createLineSplitter(onLine: (line: string, eol: string) => void, maxLength: number): LineSplitter {
  let pending = '';
  let first = true;
  return {
    push(chunk) {
      astring(chunk, 'chunk');
      if (first && chunk.length > 0) {
        first = false;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      let text = pending + chunk;
      let pos = 0;
      let from = pending.length; // the pending text holds no line break: search only the new text
      for (;;) {
        const nl = text.indexOf('\n', from);
        if (nl < 0) break;
        const cr = nl > pos && text.charCodeAt(nl - 1) === 13;
        const line = text.slice(pos, cr ? nl - 1 : nl);
        if (line.length > maxLength)
          throw new ValidationError('too_large', `a line is longer than ${maxLength} characters`);
        onLine(line, cr ? '\r\n' : '\n');
        pos = nl + 1;
        from = pos;
      }
      text = text.slice(pos);
      if (text.length > maxLength)
        throw new ValidationError('too_large', `a line is longer than ${maxLength} characters`);
      pending = text;
    },
    end() {
      if (pending.length > 0) onLine(pending, '');
      pending = '';
    },
  };
}
