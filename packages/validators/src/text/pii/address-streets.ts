/**
 * The ADDRESS street patterns tried at digit runs (STREET_EN_RE, STREET_NUM_RE), behind one cheap walk
 * over the words after the house number that tells which of them can match there. The walk checks
 * necessary conditions of each pattern (why, at `streetGate`), so skipping a pattern where it says no
 * leaves the matches unchanged.
 *
 * Under `/iu`, `[a-z]` and the letters of the street-type words also match U+017F 'ſ' (folds to "s")
 * and U+212A 'K' (folds to "k"), and nothing else outside ASCII.
 */
import { spanAt, type TextFacts } from '../shared/facts';
import { isAlnumAt } from '../shared/regex';
import { DIGIT, foldedCode, LETTER, PUNCT, unitClass, type WordTable } from './address-words';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `streetGate` bit: STREET_EN_RE can match. */
const GATE_EN = 1;
/** `streetGate` bit: STREET_NUM_RE can match. */
const GATE_NUM = 2;

/**
 * Which street patterns can match at the digit run `[i, end)` (`GATE_EN | GATE_NUM` bits). Both start with
 * 1-5 digits (a longer run cannot match) after a unit that is not a letter or digit (`\d{1,5}` backing
 * off leaves a digit before the next item, which fails it), then:
 * - STREET_EN_RE (`\d{1,5}[a-z]?,? (?:WORD ){0,3}(?:SUFFIX)\.?(?![\p{L}\p{N}])`): an optional letter,
 *   an optional comma and a space; then the w-th word (w < 4), after w words that can be WORDs, starts
 *   with a street-type word that no letter or digit follows, so the whole run of `[a-zſK]` units there
 *   (2 to 10) is one of `suffixes` (as `suffixNumber`s);
 * - STREET_NUM_RE (`\d{1,5} (?:WORD ){0,3}\p{L}[\p{L}\p{M}.'’-]{1,30} \d{1,5}[a-z]?(?=,|\n| (?:apt|…)\b|[.?!]?$)`):
 *   a space; then the w-th word (1 <= w <= 4), after w - 1 words that can be WORDs and one that can be
 *   the name word, starts with 1-5 digits, an optional letter, then a comma, line break, space, ".",
 *   "?", "!" or the end of the text.
 * Words end at the next space, and have 1 to 31 units (WORD and the name word have no space). Whether a
 * word can be a WORD or a name word is read from its ASCII units only (`unitClass`).
 *
 * @example
 * ```ts
 * streetGate('12 Main Street', 0, 2, SUFFIXES); // GATE_EN
 * ```
 */
function streetGate(t: string, i: number, end: number, suffixes: WordTable): number {
  if (end - i > 5) return 0;
  let j = end;
  if (foldedCode(t.charCodeAt(j)) > 0) j++;
  if (t.charCodeAt(j) === 44) j++;
  if (t.charCodeAt(j) !== 32 || isAlnumAt(t, i - 1)) return 0;
  // STREET_NUM_RE needs the space right after the digits.
  const want = j === end ? GATE_EN | GATE_NUM : GATE_EN;
  let found = 0;
  let q = j + 1; // start of the w-th word after the number
  let name = false; // the word before `q` can be the name word
  for (let w = 0; w <= 4; w++) {
    if (name && (want & GATE_NUM) !== 0 && houseNumberAt(t, q)) found |= GATE_NUM;
    if (w === 4 || found === want) break;
    // A street type, a WORD and a name word all start with a letter or digit.
    const first = unitClass(t.charCodeAt(q));
    if ((first & (LETTER | DIGIT)) === 0) break;
    let k = q;
    if ((found & GATE_EN) === 0) {
      let h = 0;
      for (let l = foldedCode(t.charCodeAt(k)); l > 0 && k - q <= 10; l = foldedCode(t.charCodeAt(++k))) h = h * 27 + l;
      if (k - q >= 2 && k - q <= 10 && suffixes.has(h)) {
        found |= GATE_EN;
        if (found === want) break;
      }
    }
    // The rest of the word, to the space that ends it (1 to 31 units): can it be a WORD, a name word?
    name = (first & LETTER) !== 0;
    const stop = Math.min(t.length, q + 32);
    let p = k > q ? k : q + 1;
    for (; p < stop; p++) {
      const c = t.charCodeAt(p);
      if (c === 32) break;
      const x = unitClass(c);
      if (x === 0) return found; // not a WORD: nothing after it can match
      if ((x & (LETTER | PUNCT)) === 0) name = false;
    }
    if (p >= stop) break;
    if (p === q + 1) name = false; // the name word has 2 units or more
    q = p + 1;
  }
  return found;
}

/** 1-5 digits at `q`, an optional `[a-z]`, then `,`, `\n`, ` `, `.`, `?`, `!` or the end. */
function houseNumberAt(t: string, q: number): boolean {
  let d = q;
  while (d <= q + 5 && isDigit(t.charCodeAt(d))) d++;
  if (d === q || d > q + 5) return false;
  if (foldedCode(t.charCodeAt(d)) > 0) d++;
  if (d === t.length) return true;
  const c = t.charCodeAt(d);
  return c === 44 || c === 10 || c === 32 || c === 46 || c === 63 || c === 33;
}

/**
 * Exactly `scanDigitRuns(f, en, text, shortNumber, (m, a) => fn(m.index, m.index + m[0].length, a), arg)`
 * followed by the same for `num` (the order of the calls to `fn` aside; the sticky patterns are run by
 * `test`, which leaves the end of the match in `lastIndex`), where `shortNumber` is what both patterns need before anything else: each
 * sticky pattern is tried at the digit runs where `streetGate` allows it, with its own resume point.
 * At a resume point inside a run the unit before is a digit, which neither pattern accepts.
 *
 * @example
 * ```ts
 * scanStreetRuns(factsOf(text), STREET_EN_RE, STREET_NUM_RE, SUFFIXES, text, (start, end) => {}, undefined);
 * ```
 */
export function scanStreetRuns<A>(
  f: TextFacts,
  en: RegExp,
  num: RegExp,
  suffixes: WordTable,
  text: string,
  fn: (start: number, end: number, arg: A) => void,
  arg: A,
): void {
  let nextEn = 0;
  let nextNum = 0;
  for (let k = 0; k < f.runs; k++) {
    const start = f.runStart[k] as number;
    const end = f.runEnd[k] as number;
    // As scanDigitRuns: a run ending before the resume point is skipped, and the point moves to its end.
    const tryEn = end > nextEn && start >= nextEn;
    const tryNum = end > nextNum && start >= nextNum;
    if (end > nextEn) nextEn = end;
    if (end > nextNum) nextNum = end;
    if (!tryEn && !tryNum) continue;
    // streetGate's first test, inline: a space, comma or letter after at most 5 digits.
    const c = text.charCodeAt(end);
    if (end - start > 5 || (c !== 32 && c !== 44 && foldedCode(c) === 0)) continue;
    const gate = streetGate(text, start, end, suffixes);
    // (The resume points already moved to the run's end: the match is tried at `start` regardless.)
    if (tryEn && (gate & GATE_EN) !== 0) nextEn = Math.max(nextEn, spanAt(en, text, start, start, fn, arg));
    if (tryNum && (gate & GATE_NUM) !== 0) nextNum = Math.max(nextNum, spanAt(num, text, start, start, fn, arg));
  }
}
