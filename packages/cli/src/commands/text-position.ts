/**
 * 1-based line and column (in UTF-16 units) of an offset in a text, for the text-security commands.
 */

/**
 * The line and column of `offset` in `text`.
 *
 * @example
 * ```ts
 * lineCol('a\nbc', 3); // { line: 2, column: 2 }
 * ```
 */
export function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}
