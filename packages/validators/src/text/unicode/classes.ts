/**
 * What `sanitizeText` asks of each code point of a text, from tables filled on first sight (a regex test
 * per distinct code point, then a lookup): whether it is removed (format, private-use, unassigned, and
 * control characters but tab and line breaks), a variation selector, or a letter or mark of a word. A
 * loop over the text with these tables costs the same in every engine state; the regexes they replace
 * (`[\p{Cf}\p{Co}\p{Cn}]…`, `[\p{L}\p{M}]+`) cost 10 times more per character once V8 stops optimizing
 * newly compiled regexes (shared/latin1.ts says when).
 */

import { codePointTest } from '../shared/code-points';

/** @internal A removed character: format (Cf), private-use (Co), unassigned (Cn), control (Cc) but tab, LF, CR. */
export const REMOVED_RE: RegExp = /[\p{Cf}\p{Co}\p{Cn}]|[^\P{Cc}\t\n\r]/u;
/** @internal A variation selector (U+FE00-U+FE0F, U+E0100-U+E01EF): removed right after another. */
export const SELECTOR_RE: RegExp = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;
/** @internal A letter or mark. */
export const WORD_RE: RegExp = /[\p{L}\p{M}]/u;

/**
 * Whether code point `cp` is removed by `sanitizeText` (`REMOVED_RE`; a lone surrogate is not: Cs).
 * @internal
 *
 * @example
 * ```ts
 * isRemovedCodePoint(0x200b); // true (zero-width space, Cf)
 * ```
 */
export const isRemovedCodePoint: (cp: number) => boolean = /* @__PURE__ */ codePointTest(REMOVED_RE);

/**
 * Whether code point `cp` is a variation selector (`SELECTOR_RE`).
 * @internal
 *
 * @example
 * ```ts
 * isSelectorCodePoint(0xfe0f); // true
 * ```
 */
export const isSelectorCodePoint: (cp: number) => boolean = /* @__PURE__ */ codePointTest(SELECTOR_RE);

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
export const isWordCodePoint: (cp: number) => boolean = /* @__PURE__ */ codePointTest(WORD_RE);
