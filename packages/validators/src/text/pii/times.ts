/**
 * Times of day, for DATE_TIME (Presidio reports them so: its NER's TIME label maps to DATE_TIME):
 * - with am/pm, which only a time has: `3pm`, `3 p.m.`, `11.30am`, `3:45 PM EST` (0.65); a period after
 *   `am`/`pm` ends the sentence, not the time (`at 9am.`), while `p.m.` keeps its own;
 * - `HH:MM:SS` (0.6), and `HH:MM` with a time zone after it (`14:30 UTC`, `09:00+02:00`) or a word that
 *   sets a time before it (`at 14:30`, `from 9:00`, `until 17:30`, `um 8:15`) (0.6); French `14h30` and
 *   German `15 Uhr`, `8:15 Uhr` as well (0.6 with "Uhr"; `14h30` as a bare `HH:MM`), French `14h` after
 *   such a word or in a range (`à 14h`, `de 9h à 17h`; "took 15h" is none);
 * - `HH:MM` alone, 0.4: below the default threshold unless a time word is near (`meeting`,
 *   `appointment`, `o'clock`…), since the same shape writes verses (`John 3:16`), scores and ratios;
 *   the second time of a range takes the first's score (`9:00-17:30`), and a bare hour before a range
 *   joiner the score of the time after it that says am/pm or "Uhr" (`2 to 4pm`, `13 und 18 Uhr`).
 * Hours are 0-23 (1-12 with am/pm), minutes and seconds 00-59. A time inside a longer run of digits and
 * colons or dots (an IPv6 address, a MAC address, `1:23.45`, `12:34:56:78`) is none.
 *
 * Linear: tried only at digit runs of 1-2 digits (the facts pass), each read over a bounded number of
 * units by a sticky pattern.
 */
import { wordSet } from '../shared/context';
import type { TextFacts } from '../shared/facts';
import type { PiiCandidate } from './types';

/**
 * A time at a digit run (sticky): hour, then `:MM` (`:SS`), `hMM` or `.MM` (with am/pm only, checked after),
 * then am/pm, then a zone (or "Uhr"). Groups: 1 hour, 2 separator, 3 minutes, 4 seconds, 5 am/pm letter, 6 zone. @internal
 */
export const TIME_AT: RegExp =
  /(\d{1,2})(?:([:.h])(\d{2})(?::(\d{2}))?)?(?: {0,2}([AaPp])(?:\. ?[Mm]\.?|[Mm])(?![A-Za-z0-9]))?(?: ?(UTC|GMT|[ECMP][SD]T|CES?T|BST|JST|AES?T|AEDT|Uhr(?![A-Za-z])|Z(?![A-Za-z0-9])|[+-](?:0\d|1[0-4]):?[0-5]\d))?/y;

/** Words that set a time when they come right before it (and `@`). */
const TIME_CUES: ReadonlySet<string> = /* @__PURE__ */ new Set(
  'at from until till by before after around between since starting um ab bis von zwischen à vers de dès às desde hasta entre alle dalle om'.split(
    ' ',
  ),
);

/**
 * Whether a cue of `TIME_CUES` ends 1-3 spaces before `s` (the whole word: no letter or digit before it),
 * or `@` does.
 */
function cueBefore(text: string, s: number): boolean {
  let e = s;
  while (e > 0 && s - e < 3 && text.charCodeAt(e - 1) === 32) e--;
  if (e === s) return false;
  if (text.charCodeAt(e - 1) === 64) return true;
  let b = e;
  while (b > 0 && e - b <= 8 && isWordChar(text.charCodeAt(b - 1))) b--;
  if (b === e || e - b > 8 || (b > 0 && isWordChar(text.charCodeAt(b - 1)))) return false;
  return TIME_CUES.has(text.slice(b, e).toLowerCase());
}

/** ASCII letters and digits, and the accented letters of the cues (à, ä, ö, ü…: Latin-1 letters). */
function isWordChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7)
  );
}

/** What joins the two times of a range ("-", "to", "bis", "à"…). */
const JOINER = ' ?[-–] ?| to | and | until | till | through | thru | bis | und | à | a | al | hasta ';
/** What joins the two times of a range. @internal */
export const TIME_RANGE: RegExp = new RegExp(`^(?:${JOINER})$`);
/** Longest `JOINER`, in units. */
const RANGE_MAX = 9;
/** @internal A bare hour and a range joiner at the end of the units before a time (`2 to ` of "2 to 4pm"). */
export const HOUR_BEFORE: RegExp = new RegExp(`(\\d{1,2})(?:${JOINER})$`);

/** Time words near a bare `HH:MM`. */
const TIME_CONTEXT = /* @__PURE__ */ wordSet(
  "time meeting meetings appointment appointments scheduled schedule o'clock clock arrive arrives arrival depart departs departure pickup call tonight today tomorrow yesterday morning afternoon evening noon midnight shift starts ends open opens closes closed hours",
);

/** `[A-Za-z0-9_:./]`: a unit that, before the hour, makes the time part of something longer. */
function gluedBefore(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95 || c === 58 || c === 46 || c === 47;
}

/**
 * The bare hour that starts a range ending at `s` with a time that says am/pm or "Uhr" ("2 to 4pm", "13
 * und 18 Uhr"), emitted with that time's score: 1-12 before am/pm, 0-23 before "Uhr"; not after
 * `lastEnd` (a time emitted already) nor inside a longer run ("2021-10-11 am").
 */
function emitHourBefore(
  text: string,
  s: number,
  lastEnd: number,
  ampm: boolean,
  score: number,
  emit: (c: PiiCandidate) => void,
): void {
  const lo = Math.max(0, lastEnd, s - RANGE_MAX - 2);
  const h = HOUR_BEFORE.exec(text.slice(lo, s));
  if (h === null) return;
  const start = lo + h.index;
  const end = start + (h[1] as string).length;
  if (start > 0 && (gluedBefore(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === 45)) return;
  const hour = Number(h[1]);
  if (ampm ? hour < 1 || hour > 12 : hour > 23) return;
  emit(timeAt(start, end, score));
}

/** The DATE_TIME candidate of a time at `[start, end)`, raised by a time word near it. */
function timeAt(start: number, end: number, score: number): PiiCandidate {
  return { entity: 'DATE_TIME', start, end, score, recognizer: 'dateTime', context: TIME_CONTEXT, contextBoost: 0.2 };
}

/**
 * Call `emit` with each time of `text` (see the module's comment).
 * @internal
 *
 * @example
 * ```ts
 * forEachTime('call at 3:45 PM EST', factsOf('call at 3:45 PM EST'), emit); // "3:45 PM EST", 0.65
 * ```
 */
export function forEachTime(text: string, f: TextFacts, emit: (c: PiiCandidate) => void): void {
  const re = TIME_AT;
  let next = 0;
  // The last time emitted: a time after it and a range sign takes its score ("9:00-17:30", "2 to 4pm").
  let lastEnd = -1;
  let lastScore = 0;
  for (let k = 0; k < f.runs; k++) {
    const s = f.runStart[k] as number;
    const e = f.runEnd[k] as number;
    if (s < next || e - s > 2 || (s > 0 && gluedBefore(text.charCodeAt(s - 1)))) continue;
    // After the hour: ":", "." or "h" and the minutes, or am/pm or "Uhr" (after at most two spaces).
    let c = text.charCodeAt(e);
    if (c !== 58 && c !== 46 && c !== 104) {
      if (c === 32) c = text.charCodeAt(text.charCodeAt(e + 1) === 32 ? e + 2 : e + 1);
      c |= 32;
      if (c !== 97 && c !== 112 && c !== 117) continue;
    }
    re.lastIndex = s;
    const m = re.exec(text);
    if (m === null) continue;
    let end = m.index + m[0].length;
    const ampm = m[5] !== undefined;
    const minutes = m[3];
    const ranged = lastEnd >= 0 && s - lastEnd <= RANGE_MAX && TIME_RANGE.test(text.slice(lastEnd, s));
    // French "14h" without minutes: a time after a cue or as the second of a range ("de 9h à 17h"), a
    // duration otherwise ("took 15h").
    let hOnly = false;
    if (minutes === undefined && !ampm && m[6] === undefined && text.charCodeAt(end) === 104) {
      if (isWordChar(text.charCodeAt(end + 1)) || !(ranged || cueBefore(text, s))) continue;
      hOnly = true;
      end++;
    }
    // Neither minutes nor am/pm nor "Uhr": a number. A dot before minutes only with am/pm ("11.30am").
    if ((minutes === undefined && !ampm && m[6] !== 'Uhr' && !hOnly) || (m[2] === '.' && !ampm)) continue;
    // Part of a longer run: digits, colons or dots go on ("1:23.45", "12:34:56:78", "fe80::1:23").
    const after = text.charCodeAt(end);
    if (
      (after >= 48 && after <= 57) ||
      ((after | 32) >= 97 && (after | 32) <= 122) ||
      after === 58 ||
      (after === 46 && text.charCodeAt(end + 1) >= 48 && text.charCodeAt(end + 1) <= 57)
    )
      continue;
    const hour = Number(m[1]);
    if (ampm ? hour < 1 || hour > 12 : hour > 23) continue;
    if (minutes !== undefined && Number(minutes) > 59) continue;
    if (m[4] !== undefined && Number(m[4]) > 59) continue;
    next = end;
    let score = 0.4;
    if (ampm) score = 0.65;
    else if (m[4] !== undefined || m[6] !== undefined || hOnly) score = 0.6;
    else if (cueBefore(text, s)) score = 0.6;
    if (ranged) score = Math.max(score, lastScore);
    else if (ampm || m[6] === 'Uhr') emitHourBefore(text, s, lastEnd, ampm, score, emit);
    lastEnd = end;
    lastScore = score;
    emit(timeAt(s, end, score));
  }
  re.lastIndex = 0;
}
