/**
 * `\p{L}` of a UTF-16 unit, by a table filled on first sight: loops that ask it of every unit of a text
 * would otherwise make a one-unit string and run a regex per unit.
 */

const LETTER = /\p{L}/u;
/** Per UTF-16 unit: 1 a letter, 2 not, 0 not classified yet (ASCII filled now). */
const LETTER_UNIT: Uint8Array = /* @__PURE__ */ (() => {
  const t = new Uint8Array(65536);
  for (let c = 0; c < 128; c++) t[c] = (c | 32) >= 97 && (c | 32) <= 122 ? 1 : 2;
  return t;
})();

/**
 * Whether UTF-16 unit `c` is a letter (`\p{L}`) on its own; a surrogate never is (a letter outside the BMP
 * is two units: test the code point).
 * @internal
 *
 * @example
 * ```ts
 * isLetterUnit(0x438); // true (Cyrillic и)
 * isLetterUnit(0x33); // false ('3')
 * ```
 */
export function isLetterUnit(c: number): boolean {
  let k = LETTER_UNIT[c] as number;
  if (k === 0) {
    k = LETTER.test(String.fromCharCode(c)) ? 1 : 2;
    LETTER_UNIT[c] = k;
  }
  return k === 1;
}

/**
 * Whether UTF-16 unit `c` is of a script written without spaces between words: Han, Hiragana,
 * Katakana, and Hangul syllables (whose particles are written on to the word). A number or an address
 * may follow or precede one with no space ("电话13812345678", "メールはtaro@example.jpです").
 * @internal
 *
 * @example
 * ```ts
 * isUnspacedScript('电'.charCodeAt(0)); // true
 * isUnspacedScript('a'.charCodeAt(0)); // false
 * ```
 */
export function isUnspacedScript(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7af)
  );
}
