/**
 * Text written as character escapes: `\u0069\u0067…` and `\u{69}` (JavaScript, JSON), `\x69` (C,
 * Python), `&#105;` and `&#x69;` (HTML character references). Red-teaming tools write injections so
 * (CipherChat's "Unicode" cipher, PyRIT's escape converters) because a filter that reads words sees
 * none, while a model reads the escapes back. Every escape of the text is replaced by its character and
 * the whole text is rescanned, so escapes mixed with plain letters ("\u0069gnore") are read back too.
 */

/**
 * @internal One escape: `\u` and 4 hex digits, `\u{…}` with 1-6, `\x` with 2, `&#x` with 1-6 and `;`,
 * `&#` with 1-7 decimal digits and `;`.
 */
export const ESCAPE_RE: RegExp = /\\u\{[0-9a-f]{1,6}\}|\\u[0-9a-f]{4}|\\x[0-9a-f]{2}|&#x[0-9a-f]{1,6};|&#[0-9]{1,7};/gi;

/**
 * Fewest escapes of ASCII letters and digits that make a text worth reading back: one ("\u0069gnore" hides
 * "ignore" from a filter that reads words). Markup and code escape quotes, spaces and accented letters
 * (`&#39;`, `&#160;`, `\u00e9`), which do not count; escaping a plain letter is hiding it. On the 6,259
 * benign texts of the bench, 32 are read back (31 with four escapes needed, before stop 37) and none
 * yields a finding.
 */
export const MIN_ESCAPES = 1;

/** What an escaped text is handed to: its span (first to last escape) and the text read back. */
export type TakeEscaped = (encoding: 'escapes', start: number, end: number, decoded: string | undefined) => void;

/**
 * Read back the escapes of `text` when `MIN_ESCAPES` or more of them are ASCII letters or digits: `take`
 * gets the span from the first escape to the end of the last and the whole text with each escape
 * replaced by its character (an escape of no character, such as `&#xFFFFFF;`, stays as written).
 * `budget` returns false once the decoding budget is spent.
 *
 * @example
 * ```ts
 * scanEscapes('\\u0069\\u0067\\u006e\\u006f\\u0072\\u0065 all', () => true, (enc, s, e, text) => {}); // text "ignore all"
 * ```
 */
export function scanEscapes(text: string, budget: (units: number) => boolean, take: TakeEscaped): void {
  const re = ESCAPE_RE;
  re.lastIndex = 0;
  let count = 0;
  let first = -1;
  let last = -1;
  let out = '';
  let copied = 0; // text before this offset is in `out`
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const ch = escapedChar(m[0]);
    if (ch === undefined) continue;
    if (first < 0) first = m.index;
    last = m.index + m[0].length;
    out += text.slice(copied, m.index) + ch;
    copied = last;
    const c = ch.charCodeAt(0);
    if ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)) count++;
  }
  re.lastIndex = 0;
  if (count < MIN_ESCAPES || !budget(last - first)) return;
  take('escapes', first, last, out + text.slice(copied));
}

/** The character of one ESCAPE_RE match, or undefined when its number is no code point. */
function escapedChar(e: string): string | undefined {
  let value: number;
  if (e.charCodeAt(0) === 92) {
    // \u{…}, \uXXXX, \xXX
    const braced = e.charCodeAt(2) === 123;
    value = Number.parseInt(braced ? e.slice(3, -1) : e.slice(2), 16);
    // A lone \uD83D is half of a pair the next escape completes: kept as a UTF-16 unit.
    if (!braced && (e.charCodeAt(1) | 32) === 117) return String.fromCharCode(value);
  } else {
    const hex = (e.charCodeAt(2) | 32) === 120;
    value = Number.parseInt(e.slice(hex ? 3 : 2, -1), hex ? 16 : 10);
  }
  return value <= 0x10ffff ? String.fromCodePoint(value) : undefined;
}
