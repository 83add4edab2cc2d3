/**
 * DATE_TIME: numeric dates (M/D/Y, D/M/Y, D.M.Y), ISO 8601 dates and timestamps, dates with month names
 * (English here; French, Spanish, Italian, Portuguese, German and Dutch in dates-intl.ts), weekday names,
 * and times of day (times.ts). Month/day ranges are validated.
 */
import { wordSet } from '../shared/context';
import { factsOf, isAsciiWordUnit, stickyTwin } from '../shared/facts';
import { forEachIntlDate, INTL_DATE_CONTEXT } from './dates-intl';
import { forEachNamedDate } from './dates-named';
import { forEachTime } from './times';
import type { PiiCandidate, PiiRecognizer } from './types';

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
/** Month names written with a capital (or in capitals): "may", "march" and "sat" in lower case are words. */
const MONTH_CAPITAL =
  '(?:J(?:an(?:uary)?|AN(?:UARY)?|une?|UNE?|uly?|ULY?)|F(?:eb(?:ruary)?|EB(?:RUARY)?)|Ma(?:r(?:ch)?|y)|MA(?:R(?:CH)?|Y)|A(?:pr(?:il)?|PR(?:IL)?|ug(?:ust)?|UG(?:UST)?)|S(?:ep(?:t(?:ember)?)?|EP(?:T(?:EMBER)?)?)|O(?:ct(?:ober)?|CT(?:OBER)?)|N(?:ov(?:ember)?|OV(?:EMBER)?)|D(?:ec(?:ember)?|EC(?:EMBER)?))';
/**
 * @internal A day and a month without a year, tried where NAMED_DATE_RE found none (same starts,
 * dates-named.ts): "20 November", "3rd of May", "November 20", "Nov. 20th". The month is capitalized
 * ("20 may be enough" is no date); a day of 1-31 (`dayOk`); not next to another number, a time or a
 * decimal ("version 3.5 March 2.5").
 */
export const DAY_MONTH_RE: RegExp = new RegExp(
  `\\b(?:(?<![.,:/-])\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH_CAPITAL}(?![A-Za-z0-9])|${MONTH_CAPITAL}\\.? \\d{1,2}(?:st|nd|rd|th)?(?![A-Za-z0-9]|[.:,/-]\\d))`,
  'g',
);
/**
 * @internal Where WEEKDAY_RE matches can end: "day" in any case before no word character. The weekday
 * is then read back from it (`weekdayBefore`).
 */
export const DAY_END: RegExp = /day\b/gi;
/** The weekday names without their "day", none the end of another. */
const WEEKDAY_STEMS: readonly string[] = ['mon', 'tues', 'wednes', 'thurs', 'fri', 'satur', 'sun'];

const NUMERIC_AT = /* @__PURE__ */ stickyTwin(NUMERIC_DATE_RE);
const ISO_AT = /* @__PURE__ */ stickyTwin(ISO_DATE_RE);
const NAMED_AT = /* @__PURE__ */ stickyTwin(NAMED_DATE_RE);
const DAY_MONTH_AT = /* @__PURE__ */ stickyTwin(DAY_MONTH_RE);

const DATE_CONTEXT = wordSet('date birth born dob birthday since on until expires expiry day');

function dayMonthOk(a: number, b: number): boolean {
  const md = a >= 1 && a <= 12 && b >= 1 && b <= 31;
  const dm = b >= 1 && b <= 12 && a >= 1 && a <= 31;
  return md || dm;
}

function putDate(
  emit: (c: PiiCandidate) => void,
  start: number,
  end: number,
  score: number,
  context: ReadonlySet<string> = DATE_CONTEXT,
): void {
  emit({ entity: 'DATE_TIME', start, end, score, recognizer: 'dateTime', context, contextBoost: 0.2 });
}

/** What the named-date passes of one text share: the sink, the dated matches' spans, a walk over them. */
interface NamedFound {
  emit: (c: PiiCandidate) => void;
  /** NAMED_DATE_RE's spans (start, end), increasing. */
  named: number[];
  /** Where `onDayMonth`'s walk over `named` is. */
  k: number;
}

function onNamed(m: RegExpExecArray, arg: NamedFound): void {
  const end = m.index + m[0].length;
  putDate(arg.emit, m.index, end, 0.7);
  arg.named.push(m.index, end);
}

/** The day of a DAY_MONTH_RE match is 1-31: its first run of digits. */
function dayOk(m: string): boolean {
  const d = /\d{1,2}/.exec(m);
  const n = d === null ? 0 : Number(d[0]);
  return n >= 1 && n <= 31;
}

/**
 * DAY_MONTH_RE matches that overlap no NAMED_DATE_RE match (`named`: their spans, start and end, in
 * increasing order, as the matches come): `k` walks `named` once over the whole text.
 */
function onDayMonth(m: RegExpExecArray, arg: NamedFound): void {
  const start = m.index;
  const end = start + m[0].length;
  const { named } = arg;
  while (arg.k < named.length && (named[arg.k + 1] as number) <= start) arg.k += 2;
  if (arg.k < named.length && (named[arg.k] as number) < end) return;
  if (dayOk(m[0])) putDate(arg.emit, start, end, 0.6);
}

/** Dates and timestamps. */
export const dateRecognizer: PiiRecognizer = {
  name: 'dateTime',
  entities: ['DATE_TIME'],
  maxLength: 40,
  scan(text, emit) {
    const f = factsOf(text);
    // NUMERIC_DATE_RE starts at a run of 1-2 digits followed by "/", "-" or "."; ISO_DATE_RE at a run of
    // exactly 4 digits followed by "-" (each preceded by no word character: runs, not parts of runs).
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      const s = f.runStart[k] as number;
      const e = f.runEnd[k] as number;
      const c = text.charCodeAt(e);
      if (s < next || e - s > 2 || !(c === 47 || c === 45 || c === 46)) continue;
      NUMERIC_AT.lastIndex = s;
      const m = NUMERIC_AT.exec(text);
      if (m === null) continue;
      next = s + m[0].length;
      if (!dayMonthOk(Number(m[1]), Number(m[2] ?? m[3] ?? m[4]))) continue;
      putDate(emit, m.index, m.index + m[0].length, (m[5] as string).length === 4 ? 0.65 : 0.45);
    }
    NUMERIC_AT.lastIndex = 0;
    next = 0;
    for (let k = 0; k < f.runs; k++) {
      const s = f.runStart[k] as number;
      const e = f.runEnd[k] as number;
      if (s < next || e - s !== 4 || text.charCodeAt(e) !== 45) continue;
      ISO_AT.lastIndex = s;
      const m = ISO_AT.exec(text);
      if (m === null) continue;
      next = s + m[0].length;
      const mo = Number(m[2]);
      const d = Number(m[3]);
      if (mo < 1 || mo > 12 || d < 1 || d > 31) continue;
      if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59)) continue;
      putDate(emit, m.index, m.index + m[0].length, m[4] === undefined ? 0.7 : 0.8);
    }
    ISO_AT.lastIndex = 0;
    // NAMED_DATE_RE, tried only where it can start (see dates-named.ts).
    if (f.runs > 0) {
      const found: NamedFound = { emit, named: [], k: 0 };
      forEachNamedDate(NAMED_AT, text, f, onNamed, found);
      // A day and a month without a year, where no dated match is (the same starts: dates-named.ts).
      forEachNamedDate(DAY_MONTH_AT, text, f, onDayMonth, found);
      // Months named in French, Spanish, Italian, Portuguese, German and Dutch (dates-intl.ts).
      forEachIntlDate(text, f, (start, end, score) => putDate(emit, start, end, score, INTL_DATE_CONTEXT));
    }
    // Times of day (times.ts): at runs of 1-2 digits, like the numeric dates.
    if (f.runs > 0) forEachTime(text, f, emit);
    // WEEKDAY_RE's matches, found from their "day": the engine finds a literal faster than the seven
    // names (whose first letters are common), and a match is a whole word, so one "day" ends at most one.
    DAY_END.lastIndex = 0;
    for (let m = DAY_END.exec(text); m !== null; m = DAY_END.exec(text)) {
      const start = weekdayBefore(text, m.index);
      if (start >= 0) putDate(emit, start, m.index + 3, 0.55);
    }
    DAY_END.lastIndex = 0;
  },
};

/**
 * Where the weekday that ends with the "day" at `day` starts (a stem of `WEEKDAY_STEMS` in any ASCII
 * case, after no ASCII word character: WEEKDAY_RE's `\b` and case folding without the `u` flag), or -1.
 */
function weekdayBefore(text: string, day: number): number {
  next: for (const stem of WEEKDAY_STEMS) {
    const start = day - stem.length;
    if (start < 0) continue;
    // `c | 32` folds A-Z onto a-z and maps no other unit onto a lower-case letter.
    for (let k = 0; k < stem.length; k++) if ((text.charCodeAt(start + k) | 32) !== stem.charCodeAt(k)) continue next;
    return start > 0 && isAsciiWordUnit(text.charCodeAt(start - 1)) ? -1 : start;
  }
  return -1;
}
