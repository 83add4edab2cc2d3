/**
 * A one-code-point regex test read from tables filled on first sight: loops that ask it of every code
 * point of a text would otherwise make a string and run the regex per code point (a megabyte of emoji is
 * 500,000 of them, and a regex costs 10 times more once V8 stops optimizing new ones: shared/latin1.ts).
 */

/** Code points outside the BMP remembered per test; past it, tested each time (there are a million). */
const ASTRAL_CACHE = 4096;

/**
 * `re.test` of one code point (`re` matches one code point, flag `u`), remembered: a table per BMP unit, a
 * bounded map for the others. A lone surrogate is never matched (its category is Cs).
 * @internal
 *
 * @example
 * ```ts
 * const isWord = codePointTest(/[\p{L}\p{M}]/u);
 * isWord(0x430); // true (Cyrillic а)
 * ```
 */
export function codePointTest(re: RegExp): (cp: number) => boolean {
  /** Per BMP unit: 0 not tested yet, 1 matched, 2 not. */
  const units = new Uint8Array(65536);
  const astral = new Map<number, boolean>();
  return (cp) => {
    if (cp <= 0xffff) {
      let k = units[cp] as number;
      if (k === 0) {
        k = (cp < 0xd800 || cp > 0xdfff) && re.test(String.fromCharCode(cp)) ? 1 : 2;
        units[cp] = k;
      }
      return k === 1;
    }
    let hit = astral.get(cp);
    if (hit === undefined) {
      hit = re.test(String.fromCodePoint(cp));
      if (astral.size < ASTRAL_CACHE) astral.set(cp, hit);
    }
    return hit;
  };
}
