/**
 * Dates with a month named in French, Spanish, Italian, Portuguese, German or Dutch: "14 juillet 2023",
 * "1er janvier", "5 de mayo de 2020", "1º de janeiro", "12 marzo 2021", "3. Mai 1985", "5 mei 2020",
 * "juillet 2023", "mayo de 2020". The English month names are NAMED_DATE_RE's (dates.ts); the spellings
 * they share ("april", "august", "september", "november", "december") are left to it.
 *
 * Those languages write months in lower case; German capitalizes them ("3. Mai", "im März 1985"). So a
 * month in lower case is read in every form, a capitalized German month after a day with its period
 * ("3. Mai") or before a year ("Mai 1985"), any other capitalized month only between a day and a year
 * ("5 Mayo 2020") or with "de" ("el 3 de Julio", "Julio de 2020"): "Mai" and "Julio" are given names,
 * "Mars 2020" a rover. No regex: each form starts at
 * a run of digits (the day, or the year of a month and a year), read from the text's digit runs.
 */
import { wordSet } from '../shared/context';
import type { TextFacts } from '../shared/facts';
import { isLetterUnit } from '../shared/letters';

/** The German months (German capitalizes them), as they stand in `INTL_MONTHS`. */
const GERMAN = 'januar jänner februar märz maerz mai juni juli oktober dezember';

/** Month names (lower-case) that English does not write. @internal */
export const INTL_MONTHS: ReadonlySet<string> = /* @__PURE__ */ new Set(
  [
    // French
    'janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre',
    // Spanish
    'enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre',
    // Italian
    'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
    // Portuguese
    'janeiro fevereiro março marco abril maio junho julho agosto setembro outubro novembro dezembro',
    GERMAN,
    // Dutch
    'januari februari maart mei juni juli augustus oktober',
  ]
    .join(' ')
    .split(' '),
);

/** The German months of `INTL_MONTHS` (German capitalizes them). @internal */
export const GERMAN_MONTHS: ReadonlySet<string> = /* @__PURE__ */ new Set(GERMAN.split(' '));

/** Context words of these dates: the English ones and the languages' words for a date and a birth. @internal */
export const INTL_DATE_CONTEXT: ReadonlySet<string> = /* @__PURE__ */ wordSet(
  'date birth born dob birthday since on until expires expiry day datum geboren geburtsdatum né née naissance fecha nacido nacida nacimiento nato nata nascita nascido nascida nascimento data',
);

/** Longest month name read, in UTF-16 units ("septiembre"). */
const MAX_MONTH = 10;

/** An ASCII digit. */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A letter or an ASCII digit (no date goes on into one). */
function isWordUnit(c: number): boolean {
  // Past either end of the text `charCodeAt` gives NaN: no unit.
  return isDigit(c) || (c < 65536 && isLetterUnit(c));
}

/**
 * Call `put(start, end, score)` for each date of `text` with a month of `INTL_MONTHS`, in text order, from
 * its digit runs (`f`): 0.7 with a year, as NAMED_DATE_RE's dates, 0.6 without, as DAY_MONTH_RE's.
 * @internal
 *
 * @example
 * ```ts
 * forEachIntlDate('le 14 juillet 2023', factsOf('le 14 juillet 2023'), (s, e) => console.log(s, e)); // 3 18
 * ```
 */
export function forEachIntlDate(
  text: string,
  f: TextFacts,
  put: (start: number, end: number, score: number) => void,
): void {
  // Where the last date ended: a year already read is not read again as the start of another.
  let done = 0;
  for (let k = 0; k < f.runs; k++) {
    const s = f.runStart[k] as number;
    const e = f.runEnd[k] as number;
    if (s < done) continue;
    const len = e - s;
    if (len <= 2) {
      const end = dayFirst(text, s, e);
      if (end > 0) {
        put(s, end, isDigit(text.charCodeAt(end - 1)) ? 0.7 : 0.6);
        done = end;
        continue;
      }
    }
    if (len === 4) {
      const start = monthBeforeYear(text, s, e);
      if (start >= 0) {
        put(start, e, 0.6);
        done = e;
      }
    }
  }
}

/**
 * A date that starts with the day `[s, e)`: the day (1-31; no letter, digit or one of `.,:/-` before it),
 * "." or "er", "º", "°", "ª" after it, one space, "de " maybe, the month, then maybe a year (" 1985",
 * ", 2002", " de 2020", " del 2020"). The end of the date, or -1.
 */
function dayFirst(text: string, s: number, e: number): number {
  if (s > 0) {
    const b = text.charCodeAt(s - 1);
    if (isWordUnit(b) || b === 46 || b === 44 || b === 58 || b === 47 || b === 45) return -1;
  }
  const day = e - s === 1 ? text.charCodeAt(s) - 48 : (text.charCodeAt(s) - 48) * 10 + text.charCodeAt(s + 1) - 48;
  if (day < 1 || day > 31) return -1;
  let i = e;
  let period = false;
  const c = text.charCodeAt(i);
  if (c === 46) {
    period = true;
    i++;
  } else if (c === 101 && text.charCodeAt(i + 1) === 114) i += 2;
  else if (c === 0xba || c === 0xb0 || c === 0xaa) i++;
  if (text.charCodeAt(i) !== 32) return -1;
  i++;
  let de = false;
  if (text.startsWith('de ', i)) {
    i += 3;
    de = true;
  }
  const mEnd = monthEnd(text, i);
  if (mEnd < 0) return -1;
  const month = text.slice(i, mEnd);
  const lower = month.toLowerCase();
  if (!INTL_MONTHS.has(lower)) return -1;
  const capital = month !== lower;
  const year = yearAfter(text, mEnd);
  // Case: lower-case in every form ("3. mai" too: Norwegian); capitalized between a day and a year,
  // after "de" ("el 3 de Julio": a day of a month, no name), or a German month after the day's period
  // ("3. Mai").
  if (capital && year < 0 && !de && !(period && GERMAN_MONTHS.has(lower))) return -1;
  return year > 0 ? year : mEnd;
}

/**
 * A month and a year whose year is the 4-digit run `[s, e)` (1000-2999, no digit or letter after it):
 * the month one space before it, or " de "/" del " before it ("mayo de 2020"). The start of the month, or
 * -1.
 */
function monthBeforeYear(text: string, s: number, e: number): number {
  if (!yearOk(text, s, e)) return -1;
  if (text.charCodeAt(s - 1) !== 32) return -1;
  let before = s - 1;
  if (endsWithWord(text, before, ' del')) before -= 4;
  else if (endsWithWord(text, before, ' de')) before -= 3;
  if (text.charCodeAt(before) !== 32 && before !== s - 1) return -1;
  let p = before;
  while (p > 0 && before - p < MAX_MONTH && isLetterUnit(text.charCodeAt(p - 1))) p--;
  if (p === before || (p > 0 && isWordUnit(text.charCodeAt(p - 1)))) return -1;
  const month = text.slice(p, before);
  const lower = month.toLowerCase();
  if (!INTL_MONTHS.has(lower)) return -1;
  // Capitalized: a month of any language with "de" or "del" before the year ("Julio de 2020"), a German
  // one with the year right after ("im März 1985"); not "Mars 2020" or "Julio 2020" (a rover, a name).
  if (month !== lower && before === s - 1 && !GERMAN_MONTHS.has(lower)) return -1;
  return p;
}

/** The end of the run of letters at `i` (1 to `MAX_MONTH` units, no digit after it), or -1. */
function monthEnd(text: string, i: number): number {
  let j = i;
  while (j - i <= MAX_MONTH && isLetterUnit(text.charCodeAt(j))) j++;
  if (j === i || j - i > MAX_MONTH || isDigit(text.charCodeAt(j))) return -1;
  return j;
}

/** After the month ending at `i`: " 1985", ", 2002", " de 2020" or " del 2020" (a year, `yearOk`); its end, or -1. */
function yearAfter(text: string, i: number): number {
  const comma = text.charCodeAt(i) === 44 ? 1 : 0;
  if (text.charCodeAt(i + comma) !== 32) return -1;
  let j = i + comma + 1;
  if (text.startsWith('del ', j)) j += 4;
  else if (text.startsWith('de ', j)) j += 3;
  let e = j;
  while (e - j < 5 && isDigit(text.charCodeAt(e))) e++;
  return e - j === 4 && yearOk(text, j, e) ? e : -1;
}

/** `[s, e)` is a year 1000-2999 with no letter or digit after it and none before it. */
function yearOk(text: string, s: number, e: number): boolean {
  const first = text.charCodeAt(s);
  if (e - s !== 4 || (first !== 49 && first !== 50)) return false;
  return !isWordUnit(text.charCodeAt(e)) && !(s > 0 && isWordUnit(text.charCodeAt(s - 1)));
}

/** `text` has `word` (its leading space, lower-case ASCII) ending at `end`. */
function endsWithWord(text: string, end: number, word: string): boolean {
  return end >= word.length && text.startsWith(word, end - word.length);
}
