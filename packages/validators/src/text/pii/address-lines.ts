/**
 * The locality line of an address written one field per line, international style:
 *
 *     78 Camiño Ancho 91
 *      Suite 286
 *      El Tornadizo        ← the locality: LOCATION
 *      Gabon 66298         ← the country (or region): LOCATION
 *
 * A line right after an address block (the street or unit line) that holds only one to four words,
 * followed (after at most one empty line) by a line of words and a postcode, is the block's town or
 * city, the words before the postcode are its country or region, and the postcode is an ADDRESS.
 * Towns are a long tail no gazetteer ships, so the layout decides, not the name. The three lines share the block's indentation, quote
 * or bullet prefix (spaces, tabs, `>`, bullets: `isPrefixUnit`). The rule reads at most two lines after the block (a stream holds back far
 * more), and before it only the block's own line, which must fit in the `SCAN_BEFORE` units a stream
 * keeps (lines of up to 126 units).
 */
import { SCAN_BEFORE } from '../shared/stream';
import { emitPostcode } from './address-postcodes';
import type { PiiCandidate } from './types';

/** @internal (sticky) One to four words of letters: a locality line's text. */
export const LOCALITY_RE: RegExp =
  /[\p{L}][\p{L}\p{M}'’.-]{0,30}(?: [\p{L}][\p{L}\p{M}'’.-]{0,30}){0,3}[ \t]*\r?(?:\n|$)/uy;
/** @internal (sticky) Words then a postcode (a token with a digit): the line after a locality. */
export const COUNTRY_POSTCODE_RE: RegExp =
  /[\p{L}][\p{L}\p{M}'’.-]{0,30}(?: [\p{L}][\p{L}\p{M}'’.-]{0,30}){0,3} [\p{L}\p{N}-]{0,4}\d[\p{L}\p{N}-]{0,8}[ \t]*\r?(?:\n|$)/uy;

/** Longest block prefix (indentation or quote marks). */
const PREFIX_MAX = 8;

/**
 * Emit the locality line after the address block `[start, end)`, and the country or region before the
 * postcode, as LOCATION, and the postcode as ADDRESS, when the layout above holds.
 * @internal
 *
 * @example
 * ```ts
 * localityAfter('12 Main St\nSpringfield\nUSA 62704', 0, 10, emit); // LOCATION "Springfield", "USA"
 * ```
 */
export function localityAfter(text: string, start: number, end: number, emit: (c: PiiCandidate) => void): void {
  let eol = end;
  while (eol - end < 4 && (text.charCodeAt(eol) === 32 || text.charCodeAt(eol) === 9)) eol++;
  let l1 = lineBreakEnd(text, eol);
  if (l1 < 0) return;
  // The block's line prefix: what precedes it on its line, when that is only spaces, tabs and quote marks.
  let p = start;
  while (p > 0 && start - p <= PREFIX_MAX && isPrefixUnit(text.charCodeAt(p - 1))) p--;
  if (start - p > PREFIX_MAX || (p > 0 && text.charCodeAt(p - 1) !== 10)) return;
  // A stream keeps SCAN_BEFORE units before each piece: the block's line and the line break before it
  // must fit there, so that a stream decides as the whole text does wherever it cuts after the line.
  if (eol - p + 2 > SCAN_BEFORE) return;
  const prefix = start - p;
  if (!samePrefix(text, p, l1, prefix)) return;
  l1 += prefix;
  LOCALITY_RE.lastIndex = l1;
  if (!LOCALITY_RE.test(text)) return;
  const lineEnd = LOCALITY_RE.lastIndex;
  LOCALITY_RE.lastIndex = 0;
  let wordsEnd = lineEnd;
  while (wordsEnd > l1 && isSpaceOrBreak(text.charCodeAt(wordsEnd - 1))) wordsEnd--;
  // The next line, or the one after an empty line: words and a postcode.
  let l2 = lineEnd;
  if (l2 >= text.length) return;
  const blank = lineBreakEnd(text, l2 + (text.charCodeAt(l2) === 13 ? 1 : 0));
  if (blank === l2 + 1 || blank === l2 + 2) l2 = blank;
  if (!samePrefix(text, p, l2, prefix)) return;
  COUNTRY_POSTCODE_RE.lastIndex = l2 + prefix;
  const postcode = COUNTRY_POSTCODE_RE.test(text);
  let codeEnd = COUNTRY_POSTCODE_RE.lastIndex;
  COUNTRY_POSTCODE_RE.lastIndex = 0;
  if (!postcode) return;
  // The postcode has 3 units or more ("Bob 20" is no country line).
  while (isSpaceOrBreak(text.charCodeAt(codeEnd - 1))) codeEnd--;
  let codeStart = codeEnd;
  while (codeStart > l2 && text.charCodeAt(codeStart - 1) !== 32) codeStart--;
  if (codeEnd - codeStart < 3) return;
  emitLocation(l1, wordsEnd, emit);
  // The words before the postcode: the country or region ("Kenya 45130", "maldives 58673"), whatever a
  // name list says of them (Kenya and Georgia are given names too).
  emitLocation(l2 + prefix, codeStart - 1, emit);
  // The postcode itself is part of the address (left out, it would narrow the address to a few streets),
  // when the layout from the line break before the block's line fits in what a stream keeps before a
  // piece: a stream then finds it exactly where the whole text does (the locality rule reads that far
  // back, and a stream cannot tell the start of a line from a cut inside one).
  if (codeStart - p + 1 > SCAN_BEFORE) return;
  emitPostcode(codeStart, codeEnd, emit);
}

/**
 * @internal (sticky, at the start of a line after its prefix) The last line of a postal address: a
 * town then a postcode, with a region code between ("Springfield, IL 62704", "Melo 13241", "Toronto, ON
 * M5V 2T6", "London SW1A 1AA"), a postcode then a town ("75001 Paris", "2300 København S", "111 43
 * Stockholm", "00-590 Warszawa", "1100-053 Lisboa"), or a US
 * military post office ("APO AE 09012"); then the end of the line (after spaces or tabs), one of
 * `.,;!?)`, a tab or two spaces (a column gap: "Austin, TX  78701⇥⇥+1 512 374 0500"). Two spaces may come
 * between the region code and the postcode, as US mail addresses were long written ("TX  78701").
 */
export const LAST_LINE_RE: RegExp =
  /(?:[\p{L}][\p{L}\p{M}'’.-]{0,30}(?: [\p{L}][\p{L}\p{M}'’.-]{0,30}){0,3},? (?:[A-Za-z]{2} {1,2})?(?:\d{4,6}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})|(?:\d{4,6}|\d{3} \d{2}|\d{2}-\d{3}|\d{4}-\d{3}) [\p{L}][\p{L}\p{M}'’.-]{0,30}(?: [\p{L}][\p{L}\p{M}'’.-]{0,30}){0,3}|(?:APO|FPO|DPO) (?:AA|AE|AP) \d{5})(?=[ \t]*(?:\r?\n|$)|[.,;!?)]|\t| {2})/uy;

/**
 * The end of the last line of a postal address right after an address block ending at `end` (the
 * block's line may go on with spaces or tabs only; the next line may start with up to 8 units of a
 * line prefix, `isPrefixUnit`), or -1 when the next line is no such line. Reads only after `end`, at most one line.
 * @internal
 *
 * @example
 * ```ts
 * lastLineAfter('123 Main St\nSpringfield, IL 62704', 11); // 33 (the end of the text)
 * ```
 */
export function lastLineAfter(text: string, end: number): number {
  let eol = end;
  while (eol - end < 4 && (text.charCodeAt(eol) === 32 || text.charCodeAt(eol) === 9)) eol++;
  let line = lineBreakEnd(text, eol);
  if (line < 0) return -1;
  const first = line;
  while (line - first < PREFIX_MAX && isPrefixUnit(text.charCodeAt(line))) line++;
  // Every form has a digit after at most 6 spaces (4 words, a region and two spaces) and 137 units (4 words
  // of 31, a comma, a region, two spaces): most lines after a block have none so early (a town, a name, a
  // sentence).
  let d = line;
  let spaces = 0;
  for (; d < text.length && d - line < 137; d++) {
    const c = text.charCodeAt(d);
    if ((c >= 48 && c <= 57) || c === 10) break;
    if (c === 32 && ++spaces > 6) return -1;
  }
  const c = text.charCodeAt(d);
  if (!(c >= 48 && c <= 57)) return -1;
  LAST_LINE_RE.lastIndex = line;
  const ok = LAST_LINE_RE.test(text);
  const to = LAST_LINE_RE.lastIndex;
  LAST_LINE_RE.lastIndex = 0;
  return ok ? to : -1;
}

function emitLocation(start: number, end: number, emit: (c: PiiCandidate) => void): void {
  // The same properties, in the same order, as every built-in candidate (one shape where they are read).
  emit({ entity: 'LOCATION', start, end, score: 0.6, recognizer: 'address', context: undefined, contextBoost: 0 });
}

/** Where the line after a line break at `at` (`\n` or `\r\n`) starts, or -1 when none is there. */
function lineBreakEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 10) return at + 1;
  return c === 13 && text.charCodeAt(at + 1) === 10 ? at + 2 : -1;
}

/** The line at `line` starts with the `length` units at `from`. */
function samePrefix(text: string, from: number, line: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (text.charCodeAt(line + k) !== text.charCodeAt(from + k)) return false;
  return line + length <= text.length;
}

/** Space, tab or `>`: what quoted or indented lines start with. */
/**
 * A unit of a line prefix: a space, a tab, a quote mark (`>`) or a bullet (`•`, `·`, `▪`, `◦`, `‣`, `*`,
 * `-`, and `?`, which is what a bullet becomes in text decoded with the wrong character set: "??? ").
 */
function isPrefixUnit(c: number): boolean {
  return (
    c === 32 ||
    c === 9 ||
    c === 62 ||
    c === 63 ||
    c === 42 ||
    c === 45 ||
    c === 0xb7 ||
    c === 0x2022 ||
    c === 0x2023 ||
    c === 0x25aa ||
    c === 0x25e6
  );
}

function isSpaceOrBreak(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}
