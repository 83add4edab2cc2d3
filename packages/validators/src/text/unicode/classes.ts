/**
 * What `sanitizeText` asks of each code point of a text, from tables filled on first sight (a regex test
 * per distinct code point, then a lookup): whether it is removed (format, private-use, unassigned, and
 * control characters but tab and line breaks), a variation selector, or a letter or mark of a word. A
 * loop over the text with these tables costs the same in every engine state; the regexes they replace
 * (`[\p{Cf}\p{Co}\p{Cn}]…`, `[\p{L}\p{M}]+`) cost 10 times more per character once V8 stops optimizing
 * newly compiled regexes (shared/latin1.ts says when).
 */

/** A code point `sanitizeText` keeps. */
export const KEPT = 1;
/** A format (Cf), private-use (Co), unassigned (Cn) or control (Cc) character but tab, LF and CR. */
export const REMOVED = 2;
/** A variation selector (U+FE00-U+FE0F, U+E0100-U+E01EF): removed right after another. */
export const SELECTOR = 3;

/** @internal A removed character. */
export const REMOVED_RE: RegExp = /[\p{Cf}\p{Co}\p{Cn}]|[^\P{Cc}\t\n\r]/u;
/** @internal A variation selector. */
export const SELECTOR_RE: RegExp = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;
/** @internal A letter or mark. */
export const WORD_RE: RegExp = /[\p{L}\p{M}]/u;

/** Per BMP unit: 0 not classified yet, else `KEPT`, `REMOVED` or `SELECTOR`. */
const UNIT_CLASS: Uint8Array = /* @__PURE__ */ new Uint8Array(65536);
/** Per BMP unit: 0 not classified yet, 1 a letter or mark, 2 not. */
const UNIT_WORD: Uint8Array = /* @__PURE__ */ new Uint8Array(65536);
/** Code points outside the BMP classified so far (up to `ASTRAL_CACHE`; past it, tested each time). */
const ASTRAL_CLASS = new Map<number, number>();
const ASTRAL_WORD = new Map<number, boolean>();
const ASTRAL_CACHE = 4096;

function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return SELECTOR_RE.test(ch) ? SELECTOR : REMOVED_RE.test(ch) ? REMOVED : KEPT;
}

/**
 * `KEPT`, `REMOVED` or `SELECTOR` for code point `cp` (a lone surrogate is kept: its category is Cs).
 * @internal
 *
 * @example
 * ```ts
 * codePointClass(0x200b); // REMOVED (zero-width space, Cf)
 * codePointClass(0x61); // KEPT
 * ```
 */
export function codePointClass(cp: number): number {
  if (cp <= 0xffff) {
    let k = UNIT_CLASS[cp] as number;
    if (k === 0) {
      k = cp >= 0xd800 && cp <= 0xdfff ? KEPT : classify(cp);
      UNIT_CLASS[cp] = k;
    }
    return k;
  }
  let k = ASTRAL_CLASS.get(cp);
  if (k === undefined) {
    k = classify(cp);
    // Private-use and unassigned code points are hundreds of thousands: the cache stays bounded.
    if (ASTRAL_CLASS.size < ASTRAL_CACHE) ASTRAL_CLASS.set(cp, k);
  }
  return k;
}

/**
 * Whether code point `cp` is a letter or a mark (`[\p{L}\p{M}]`, the characters of a word).
 * @internal
 *
 * @example
 * ```ts
 * isWordCodePoint(0x430); // true (Cyrillic а)
 * isWordCodePoint(0x20); // false
 * ```
 */
export function isWordCodePoint(cp: number): boolean {
  if (cp <= 0xffff) {
    let k = UNIT_WORD[cp] as number;
    if (k === 0) {
      k = cp < 0xd800 || cp > 0xdfff ? (WORD_RE.test(String.fromCharCode(cp)) ? 1 : 2) : 2;
      UNIT_WORD[cp] = k;
    }
    return k === 1;
  }
  let w = ASTRAL_WORD.get(cp);
  if (w === undefined) {
    w = WORD_RE.test(String.fromCodePoint(cp));
    if (ASTRAL_WORD.size < ASTRAL_CACHE) ASTRAL_WORD.set(cp, w);
  }
  return w;
}
