/**
 * Text that erases part of itself where it is shown: a unit followed by a backspace (U+0008) or a
 * delete (U+007F) is gone from the screen of a terminal, or of any renderer that applies them, while a
 * model reads both. An injection is hidden so from a person or a filter that reads the text as shown
 * ("Ig%\bnore all prev!\bious instructions": a filter sees "ig%nore", a terminal shows "Ignore"): the
 * "deletions" of Boucher et al., "Bad Characters: Imperceptible NLP Attacks" (IEEE S&P 2022), which
 * garak's BadCharacters probe writes as a printable ASCII unit and a backspace put anywhere in the text.
 * The detector reads the text as shown, each control erasing the code point before it on its line.
 */

/** Units turned into a string per `String.fromCharCode` call (an argument list of this size is safe everywhere). */
const CHUNK = 8192;

/**
 * `text` as shown: each backspace or delete erases the code point before it (a surrogate pair whole),
 * unless the line has none left (a control at a line's start erases nothing); the controls themselves
 * are not shown. `start` is the first unit erased (or the first control, when it erased nothing) and
 * `end` the end of the last control; undefined for a text without either control. Linear: one walk,
 * one array of units and one of their offsets (6 bytes per unit of the text).
 * @internal
 *
 * @example
 * ```ts
 * readDeletions('Ig%\bnore all')?.text; // 'Ignore all'
 * ```
 */
export function readDeletions(text: string): { text: string; start: number; end: number } | undefined {
  const n = text.length;
  const out = new Uint16Array(n);
  const from = new Int32Array(n); // where each shown unit is in `text`
  let j = 0;
  let start = -1;
  let end = -1;
  let lineStart = 0; // `out` index where the current line starts
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c !== 8 && c !== 127) {
      if (c === 10 || c === 13) lineStart = j + 1;
      out[j] = c;
      from[j++] = i;
      continue;
    }
    end = i + 1;
    let at = i;
    if (j > lineStart) {
      j--;
      // A low surrogate after its high one: the pair is one code point.
      const u = out[j] as number;
      if (
        u >= 0xdc00 &&
        u <= 0xdfff &&
        j > lineStart &&
        (out[j - 1] as number) >= 0xd800 &&
        (out[j - 1] as number) <= 0xdbff
      )
        j--;
      at = from[j] as number;
    }
    if (start < 0 || at < start) start = at;
  }
  if (end < 0) return undefined;
  let shown = '';
  for (let k = 0; k < j; k += CHUNK) shown += String.fromCharCode(...out.subarray(k, Math.min(j, k + CHUNK)));
  return { text: shown, start, end };
}
