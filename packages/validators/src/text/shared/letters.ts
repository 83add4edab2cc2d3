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
