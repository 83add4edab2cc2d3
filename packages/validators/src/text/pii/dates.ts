/**
 * DATE_TIME: numeric dates (M/D/Y, D/M/Y, D.M.Y), ISO 8601 dates and timestamps, dates with month names
 * (English), and weekday names. Month/day ranges are validated; times alone are not reported.
 */
import { wordSet } from '../shared/context';
import { forEachMatch } from '../shared/regex';
import type { PiiRecognizer } from './types';

/** @internal Numeric dates with `/`, `-` or `.` separators. */
export const NUMERIC_DATE_RE: RegExp =
  /(?<![\w./-])(\d{1,2})(?:\/(\d{1,2})\/|-(\d{1,2})-|\.(\d{1,2})\.)(\d{4}|\d{2})(?![\w]|[/.-]\d)/g;
/** @internal ISO 8601 date with optional time and zone. */
export const ISO_DATE_RE: RegExp =
  /(?<![\w.-])(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w]|-\d)/g;
const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/** @internal "March 5, 2020", "5 March 2020", "5th of March, 2020", "March 2020". */
export const NAMED_DATE_RE: RegExp = new RegExp(
  `\\b(?:${MONTH}\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH}\\.?,? \\d{4}|${MONTH} \\d{4}|${MONTH}\\.? \\d{1,2}(?:st|nd|rd|th))\\b`,
  'gi',
);
/** @internal Weekday names. */
export const WEEKDAY_RE: RegExp = /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/gi;

const DATE_CONTEXT = wordSet('date birth born dob birthday since on until expires expiry day');

function dayMonthOk(a: number, b: number): boolean {
  const md = a >= 1 && a <= 12 && b >= 1 && b <= 31;
  const dm = b >= 1 && b <= 12 && a >= 1 && a <= 31;
  return md || dm;
}

/** Dates and timestamps. */
export const dateRecognizer: PiiRecognizer = {
  name: 'dateTime',
  entities: ['DATE_TIME'],
  maxLength: 40,
  scan(text, emit) {
    const put = (start: number, end: number, score: number) =>
      emit({
        entity: 'DATE_TIME',
        start,
        end,
        score,
        recognizer: 'dateTime',
        context: DATE_CONTEXT,
        contextBoost: 0.2,
      });
    forEachMatch(NUMERIC_DATE_RE, text, (m) => {
      if (!dayMonthOk(Number(m[1]), Number(m[2] ?? m[3] ?? m[4]))) return;
      put(m.index, m.index + m[0].length, (m[5] as string).length === 4 ? 0.65 : 0.45);
    });
    forEachMatch(ISO_DATE_RE, text, (m) => {
      const mo = Number(m[2]);
      const d = Number(m[3]);
      if (mo < 1 || mo > 12 || d < 1 || d > 31) return;
      if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59)) return;
      put(m.index, m.index + m[0].length, m[4] === undefined ? 0.7 : 0.8);
    });
    forEachMatch(NAMED_DATE_RE, text, (m) => put(m.index, m.index + m[0].length, 0.7));
    forEachMatch(WEEKDAY_RE, text, (m) => put(m.index, m.index + m[0].length, 0.55));
  },
};
