/**
 * Streets written number first, with the street type before the name ("40 rue Victor Hugo", "12 rue de
 * la Paix", "5 avenue des Champs-Élysées"): a house number of 1 to 5 digits, one space, a street-type
 * word of the prefix list (`types`), one space, then the name: capitalized words and the particles
 * between them (at most two in a row), ending on a capitalized word, at most four capitalized words.
 * The name is what the street is named after, often a person; `inNumberedStreet` tells the names
 * recognizer so (a person in a street name is the address, not a person in the text).
 */
import { LETTER } from '../shared/context';
import type { TextFacts } from '../shared/facts';
import { code, type WordTable } from './address-words';

/** Lower-case words between the capitalized words of a street's name ("rue de la Paix"). */
const PARTICLES: ReadonlySet<string> = /* @__PURE__ */ new Set(
  'de du des la le les del della delle dei degli di da do dos das von van der den y e et sur aux au of the'.split(' '),
);
/** Longest street-type word (units). */
const MAX_TYPE = 9;
/** Longest name word (units). */
const MAX_WORD = 31;
/** Capitalized words of a name, at most. */
const MAX_CAPS = 4;

/**
 * Call `add(start, end)` for each number-first street of `text` (its digit runs in `f`).
 * @internal
 *
 * @example
 * ```ts
 * numberedStreets('40 rue Victor Hugo', factsOf('40 rue Victor Hugo'), TYPES, (s, e) => {}); // (0, 18)
 * ```
 */
export function numberedStreets(
  text: string,
  f: TextFacts,
  types: WordTable,
  add: (start: number, end: number) => void,
): void {
  for (let k = 0; k < f.runs; k++) {
    const start = f.runStart[k] as number;
    const digitsEnd = f.runEnd[k] as number;
    if (digitsEnd - start > 5 || !numberStarts(text, start) || text.charCodeAt(digitsEnd) !== 32) continue;
    const c = text.charCodeAt(digitsEnd + 1) | 32;
    if (c < 97 || c > 122) continue; // every street-type word starts with an ASCII letter
    const typeEnd = typeWordEnd(text, digitsEnd + 1, types);
    if (typeEnd < 0 || text.charCodeAt(typeEnd) !== 32) continue;
    const end = nameEnd(text, typeEnd + 1);
    if (end > 0) add(start, end);
  }
}

/**
 * Whether `[start, end)` (a name the names recognizer found) is the name of a street with its house
 * number:
 * - "92 Eusebio Dávila 57": house numbers on both sides;
 * - "Joan Maetsuyckerstraat 15": a street ending (`endings`) on its last word, a house number after;
 * - "40 rue Victor Hugo", "Via Carlo Cattaneo 130": a street-type word before it, and a house number
 *   before that or after the name;
 * - "15 Millicent Drive", "15 John Smith Road": a house number before it, or before one or two words
 *   before it, and a street type (`suffixes`, lower case) it ends with or that follows it.
 * @internal
 *
 * @example
 * ```ts
 * inNumberedStreet('at 15 Millicent Drive', 6, 21, TYPES, STREET_SUFFIXES, STREET_ENDINGS); // true
 * ```
 */
export function inNumberedStreet(
  text: string,
  start: number,
  end: number,
  types: WordTable,
  suffixes: ReadonlySet<string>,
  endings: readonly string[],
): boolean {
  // A house number after it, and one before it or a street ending on its last word ("92 Eusebio Dávila
  // 57", "Joan Maetsuyckerstraat 15").
  const numbered = numberAfter(text, end);
  if (numbered && (houseNumberBefore(text, start) || endsWithEnding(text, start, end, endings))) return true;
  if (start < 2 || text.charCodeAt(start - 1) !== 32) return false;
  // A street-type word right before the name.
  let p = start - 1;
  while (p > 0 && start - 1 - p < MAX_TYPE && code(text.charCodeAt(p - 1)) !== 0) p--;
  // (The digit checks first: they fail at once for most names.)
  if (p < start - 1 && (houseNumberBefore(text, p) || numbered) && isType(text, p, start - 1, types)) {
    return true;
  }
  if (!numberedBefore(text, start)) return false;
  // A street type it ends with, or right after it.
  let w = end;
  while (w > start && text.charCodeAt(w - 1) !== 32) w--;
  if (w > start && suffixes.has(bareWord(text, w, end))) return true;
  if (text.charCodeAt(end) !== 32) return false;
  let e = end + 1;
  while (e < text.length && e - end <= 12 && isAsciiLetter(text.charCodeAt(e))) e++;
  if (e === end + 1 || isLetterAt(text, e)) return false;
  return suffixes.has(text.slice(end + 1, e).toLowerCase());
}

/**
 * The last word of `[start, end)` ends with one of `endings` (lower case, Latin-1 letters), and is
 * longer than it (compared in place, upper case folded: no string per name).
 */
function endsWithEnding(text: string, start: number, end: number, endings: readonly string[]): boolean {
  let w = end;
  while (w > start && text.charCodeAt(w - 1) !== 32) w--;
  next: for (const e of endings) {
    const from = end - e.length;
    if (from <= w) continue;
    for (let k = 0; k < e.length; k++) if (lowerLatin1(text.charCodeAt(from + k)) !== e.charCodeAt(k)) continue next;
    return true;
  }
  return false;
}

/** The lower case of an ASCII or Latin-1 upper-case letter (other units unchanged). */
function lowerLatin1(c: number): number {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) ? c + 32 : c;
}

/** A house number may start at `i`: the text starts there or the unit before is no letter, digit or `.-/+:`. */
function numberStarts(text: string, i: number): boolean {
  if (i === 0) return true;
  const c = text.charCodeAt(i - 1);
  if (c === 46 || c === 45 || c === 47 || c === 43 || c === 58) return false;
  return !isLetterAt(text, i - 1) && !(c >= 48 && c <= 57);
}

/** 1 to 5 digits and a space end right before `i`, and a house number may start at them. */
function houseNumberBefore(text: string, i: number): boolean {
  if (text.charCodeAt(i - 1) !== 32) return false;
  let d = i - 1;
  while (d > 0 && i - 1 - d < 6 && isDigit(text.charCodeAt(d - 1))) d--;
  const digits = i - 1 - d;
  return digits >= 1 && digits <= 5 && numberStarts(text, d);
}

/**
 * A house number right before `i`, or before one or two words before it ("3541 Pritchard Court St."
 * for the name "Court St"), as STREET_EN_RE allows up to three words between the number and the type.
 */
function numberedBefore(text: string, i: number): boolean {
  let at = i;
  for (let words = 0; ; words++) {
    if (houseNumberBefore(text, at)) return true;
    if (words === 2 || text.charCodeAt(at - 1) !== 32) return false;
    let p = at - 1;
    while (p > 0 && at - 1 - p < MAX_WORD && isNameUnit(text, p - 1)) p--;
    if (p === at - 1) return false;
    at = p;
  }
}

/** A space and 1 to 5 digits right after `i`, then no letter or digit. */
function numberAfter(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== 32) return false;
  let d = i + 1;
  while (d < text.length && d - i <= 6 && isDigit(text.charCodeAt(d))) d++;
  const digits = d - i - 1;
  return digits >= 1 && digits <= 5 && !isLetterAt(text, d) && !isDigit(text.charCodeAt(d));
}

/** The end of the street-type word at `i` (its units all have a `code`), or -1. */
function typeWordEnd(text: string, i: number, types: WordTable): number {
  let e = i;
  while (e < text.length && e - i < MAX_TYPE && code(text.charCodeAt(e)) !== 0) e++;
  return e > i && isType(text, i, e, types) ? e : -1;
}

/**
 * `[from, to)` is a word of `types`: `wordNumber` of the slice, read from the text (every unit must
 * have a code, so that the number is exact).
 */
function isType(text: string, from: number, to: number, types: WordTable): boolean {
  if (to - from < 2 || to - from > MAX_TYPE) return false;
  let h = 0;
  let scale = 1;
  for (let i = from; i < to; i++) {
    const x = code(text.charCodeAt(i));
    if (x === 0) return false;
    h += x * scale;
    scale *= 40;
  }
  return types.has(h);
}

/**
 * The end of a street's name at `i`: capitalized words and particles separated by single spaces,
 * ending on a capitalized word (-1: none).
 */
function nameEnd(text: string, i: number): number {
  let at = i;
  let caps = 0;
  let particles = 0;
  let end = -1;
  for (;;) {
    let e = at;
    while (e < text.length && e - at < MAX_WORD && isNameUnit(text, e)) e++;
    if (e === at || isNameUnit(text, e)) break;
    if (isCapitalized(text, at)) {
      caps++;
      particles = 0;
      // A period after the name ends the sentence: not part of it.
      end = text.charCodeAt(e - 1) === 46 && e - at > 1 ? e - 1 : e;
    } else if (particles < 2 && PARTICLES.has(text.slice(at, e))) particles++;
    else break;
    if (caps === MAX_CAPS || text.charCodeAt(e) !== 32) break;
    at = e + 1;
  }
  return end;
}

/** A word of a name starts at `i` with a capital ("Hugo", "Élysées"), also after "d'" or "l'" ("d'Alsace"). */
function isCapitalized(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c === 100 || c === 108) && (text.charCodeAt(i + 1) === 39 || text.charCodeAt(i + 1) === 0x2019)) {
    return isUpperAt(text, i + 2);
  }
  return isUpperAt(text, i);
}

function isUpperAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  const ch = text[i] as string;
  return ch !== ch.toLowerCase() && LETTER.test(ch);
}

/** A unit of a name word: a letter or mark, an apostrophe, a hyphen or a period ("St.-Germain"). */
function isNameUnit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 39 || c === 0x2019 || c === 45 || c === 46 || isLetterAt(text, i);
}

/** The word `[from, to)` in lower case without a final period ("Dr." → "dr"). */
function bareWord(text: string, from: number, to: number): string {
  return text.slice(from, text.charCodeAt(to - 1) === 46 ? to - 1 : to).toLowerCase();
}

function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiLetter(c);
  return i < text.length && LETTER.test(text[i] as string);
}

function isAsciiLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
