/**
 * Helpers shared by the identifier recognizers (ids.ts and the national ones): the candidate maker of one
 * recognizer, digit-run lengths from the text facts, and calendar dates for the numbers that hold one.
 */
import type { TextFacts } from '../shared/facts';
import type { PiiCandidate } from './types';

/**
 * A maker of one recognizer's candidates: `(start, end, score)` to a candidate with its entity, name and
 * context words (every candidate of a recognizer has the same properties, in the same order).
 * @internal
 *
 * @example
 * ```ts
 * const makeNhs = emitter('ukNhs', 'UK_NHS', NHS_CONTEXT, 0.45);
 * emit(makeNhs(m.index, m.index + m[0].length, 0.4));
 * ```
 */
export const emitter =
  (name: string, entity: string, context: ReadonlySet<string>, contextBoost?: number) =>
  (start: number, end: number, score: number): PiiCandidate => {
    const c: PiiCandidate = { entity, start, end, score, recognizer: name, context };
    if (contextBoost !== undefined) c.contextBoost = contextBoost;
    return c;
  };

/**
 * Length of the text's `k`-th run of ASCII digits.
 * @internal
 *
 * @example
 * ```ts
 * runLength(factsOf('ab 1234'), 0); // 4
 * ```
 */
export function runLength(f: TextFacts, k: number): number {
  return (f.runEnd[k] as number) - (f.runStart[k] as number);
}

/**
 * Whether the UTF-16 unit `c` is an ASCII letter.
 * @internal
 *
 * @example
 * ```ts
 * isAsciiLetter(0x41); // true ("A")
 * ```
 */
export function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/**
 * Whether the `n` units from `i` on are ASCII letters (false when `i` is negative or the text ends first).
 * @internal
 *
 * @example
 * ```ts
 * lettersAt('ID AB1234567', 3, 2); // true ("AB")
 * ```
 */
export function lettersAt(text: string, i: number, n: number): boolean {
  if (i < 0) return false;
  for (let k = i; k < i + n; k++) if (!isAsciiLetter(text.charCodeAt(k))) return false;
  return true;
}

/**
 * Days in `month` (1-12) of the Gregorian `year`.
 * @internal
 *
 * @example
 * ```ts
 * daysInMonth(2000, 2); // 29
 * ```
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether `year`-`month`-`day` is a real Gregorian date (month 1-12).
 * @internal
 *
 * @example
 * ```ts
 * dateOk(1900, 2, 29); // false
 * ```
 */
export function dateOk(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The ASCII digits of `s` as numbers when there are `min` to `max` of them and every other unit is one of
 * `seps` (char codes), in a string of at most `maxUnits` units (default `2 * max`); otherwise `undefined`.
 * Stops at the first unit that rules `s` out.
 * @internal
 *
 * @example
 * ```ts
 * digitValues('123 456 782', 9, 9, SPACE_DASH); // [1, 2, 3, 4, 5, 6, 7, 8, 2]
 * ```
 */
export function digitValues(
  s: string,
  min: number,
  max: number,
  seps: readonly number[],
  maxUnits = 2 * max,
): number[] | undefined {
  if (typeof s !== 'string' || s.length > maxUnits) return undefined;
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (out.length === max) return undefined;
      out.push(c - 48);
    } else if (!seps.includes(c)) return undefined;
  }
  return out.length >= min ? out : undefined;
}

/** Space and dash (char codes), the separators of grouped numbers. @internal */
export const SPACE_DASH: readonly number[] = /* @__PURE__ */ Object.freeze([32, 45]);
