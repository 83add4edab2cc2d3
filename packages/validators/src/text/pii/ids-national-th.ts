/**
 * The Thai national identification number (TNIN, "PIN" in python-stdnum), entity name as in Presidio:
 * `TH_TNIN`. 13 digits, printed 1-4-5-2-1 ("3-1006-00445-63-5"): a person-type digit (1-8), the
 * province code of the registration office (2 digits), the district, the serial and a check digit
 * (weighted mod 11, then mod 10).
 *
 * Opt-in: not among the built-ins. Pass `TH_ID_RECOGNIZERS` as `detectPII`'s `recognizers` (alone, or
 * concatenated with `BUILTIN_RECOGNIZERS`).
 *
 * Scores: the number is bare digits, as common as phone, account and order numbers, and one random
 * number in ten has the right check digit (fewer with the person type and the province code). A valid
 * one scores 0.4 (0.35 unformatted), under the default threshold, and needs a context word nearby
 * ("tnin", "thai", "เลขประจำตัวประชาชน"...) to reach 0.85 (0.8). Thai is written without spaces: a Thai
 * context word counts wherever it is in the window, glued to other words ("เลขประจำตัวประชาชนของฉัน")
 * or to the number.
 *
 * Spans: a number is found only where it stands alone: not inside a word, a longer digit run, a decimal
 * or a longer grouped number.
 */
import { CONTEXT_AFTER, CONTEXT_BEFORE, wordSet } from '../shared/context';
import { factsOf, stickyTwin, type TextFacts, tryAt } from '../shared/facts';
import { digitValues, emitter, runLength, SPACE_DASH } from './ids-common';
import type { PiiCandidate, PiiRecognizer } from './types';

/**
 * @internal TNIN candidates: 13 digits, bare or grouped 1-4-5-2-1 by single spaces or dashes (one kind
 * per number), standing alone.
 *
 * @example
 * ```ts
 * TH_TNIN_RE.test('TNIN 3-1006-00445-63-5'); // true (a global regex: reset lastIndex between uses)
 * ```
 */
export const TH_TNIN_RE: RegExp =
  /(?<![\w./-]|\d )(?:\d-\d{4}-\d{5}-\d{2}-\d|\d \d{4} \d{5} \d{2} \d|\d{13})(?!\w|[ ./-]\d)/g;

/** The Thai context words (a shorter one may be a part of a longer one: "ปชช" of "รหัสปชช"). */
const THAI_CONTEXT = ['เลขประจำตัวประชาชน', 'เลขบัตรประชาชน', 'บัตรประชาชน', 'รหัสปชช', 'ปชช'] as const;
const TNIN_CONTEXT = wordSet(
  `tnin thai thailand national identification identity citizen pin ${THAI_CONTEXT.join(' ')}`,
);

/**
 * Whether a Thai context word is in the window of `[start, end)` (`CONTEXT_BEFORE` units before it,
 * `CONTEXT_AFTER` after, as `hasContext` reads), as a part of any run of Thai letters: Thai has no
 * spaces between words. Only the words that hold no other are looked for (`เลขประจำตัวประชาชน`,
 * `บัตรประชาชน`, `ปชช`: "เลขบัตรประชาชน" holds the second, "รหัสปชช" the third).
 * @internal
 *
 * @example
 * ```ts
 * thaiContextNear('เลขบัตรประชาชนของฉัน 3100600445635', 21, 34); // true
 * ```
 */
export function thaiContextNear(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - CONTEXT_BEFORE), start);
  const after = text.slice(end, end + CONTEXT_AFTER);
  for (const w of THAI_SHORTEST) if (before.includes(w) || after.includes(w)) return true;
  return false;
}

/** The Thai context words that hold no shorter one. */
const THAI_SHORTEST: readonly string[] = /* @__PURE__ */ THAI_CONTEXT.filter(
  (w) => !THAI_CONTEXT.some((v) => v !== w && w.includes(v)),
);

/** Weights of the first twelve digits. */
const TNIN_WEIGHTS = [13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/**
 * Ranges of the province codes (digits 2-3) in use: 10-27, 30-58, 60-67, 70-77, 80-86, 90-96
 * (ISO 3166-2:TH; the ranges Presidio's pattern allows).
 */
const PROVINCES: readonly [number, number][] = [
  [10, 27],
  [30, 58],
  [60, 67],
  [70, 77],
  [80, 86],
  [90, 96],
];

/** Whether `code` (0-99) is a province code in use. */
function isProvince(code: number): boolean {
  for (const [lo, hi] of PROVINCES) if (code >= lo && code <= hi) return true;
  return false;
}

/**
 * Thai national ID number check: 13 digits (spaces and dashes ignored), the first 1-8 (python-stdnum
 * rejects 0 and 9), digits 2-3 a province code in use (10-27, 30-58, 60-67, 70-77, 80-86, 90-96, as
 * Presidio checks), and the last `(11 - sum % 11) % 10` where the first twelve are weighed 13, 12, ..., 2.
 * The third digit weighs 11: the check does not see it at all (only the province code rule can catch a
 * change of it). A change of another of the first twelve digits moves `sum % 11` and is caught, but for
 * one case: `(11 - x) % 10` is 1 for both x = 0 and x = 10, so a change that moves `sum % 11` from 0 to
 * 10 or back goes unseen. A changed check digit is always caught.
 *
 * @example
 * ```ts
 * thTninValid('3-1006-00445-63-5'); // true
 * thTninValid('3100600445635'); // true
 * thTninValid('3100600445636'); // false
 * ```
 */
export function thTninValid(s: string): boolean {
  const d = digitValues(s, 13, 13, SPACE_DASH, 64);
  if (d === undefined) return false;
  const first = d[0] as number;
  if (first < 1 || first > 8 || !isProvince((d[1] as number) * 10 + (d[2] as number))) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (d[i] as number) * (TNIN_WEIGHTS[i] as number);
  return (11 - (sum % 11)) % 10 === d[12];
}

type Emit = (candidate: PiiCandidate) => void;

const makeTnin = /* @__PURE__ */ emitter('thTnin', 'TH_TNIN', TNIN_CONTEXT, 0.45);

const TNIN_AT = /* @__PURE__ */ stickyTwin(TH_TNIN_RE);

function onTnin(m: RegExpExecArray, emit: Emit, text: string): void {
  const s = m[0];
  if (!thTninValid(s)) return;
  const start = m.index;
  const end = start + s.length;
  const c = makeTnin(start, end, s.length === 13 ? 0.35 : 0.4);
  // A Thai context word glued to others is no word `hasContext` finds: its boost is given here.
  if (thaiContextNear(text, start, end)) {
    c.score += c.contextBoost ?? 0;
    c.context = undefined;
  }
  emit(c);
}

/**
 * Whether TH_TNIN_RE can start at digit run `k`: a run of exactly 13 digits, or of exactly 1 followed by
 * a space or dash and a run of exactly 4 digits.
 */
function tninStart(text: string, f: TextFacts, k: number): boolean {
  const len = runLength(f, k);
  if (len === 13) return true;
  if (len !== 1 || k + 1 >= f.runs) return false;
  const e = f.runEnd[k] as number;
  const c = text.charCodeAt(e);
  return (c === 32 || c === 45) && f.runStart[k + 1] === e + 1 && runLength(f, k + 1) === 4;
}

/**
 * Thai national ID numbers (`TH_TNIN`): 13 digits, bare or grouped "3-1006-00445-63-5" (dashes or
 * spaces), with a valid person type, province code and check digit (`thTninValid`). Scores 0.4 (0.35
 * bare): a context word ("tnin", "thai", "เลขบัตรประชาชน"...) is needed to pass the default threshold.
 *
 * @example
 * ```ts
 * detectPII('Thai ID: 3-1006-00445-63-5', { recognizers: [thTninRecognizer] }); // [{ entity: 'TH_TNIN', start: 9, end: 26, ... }]
 * ```
 */
export const thTninRecognizer: PiiRecognizer = {
  name: 'thTnin',
  entities: ['TH_TNIN'],
  maxLength: 17,
  scan(text, emit) {
    const f = factsOf(text);
    if (f.digits < 13) return;
    let next = 0;
    for (let k = 0; k < f.runs; k++) {
      if (tninStart(text, f, k)) next = tryAt(TNIN_AT, text, f.runStart[k] as number, next, onTnin, emit);
    }
  },
};

/**
 * The Thai identifier recognizers, opt-in: the national ID number (`TH_TNIN`).
 *
 * @example
 * ```ts
 * import { BUILTIN_RECOGNIZERS, detectPII } from '@modelsec/validators';
 * detectPII(text, { recognizers: [...BUILTIN_RECOGNIZERS, ...TH_ID_RECOGNIZERS] });
 * ```
 */
export const TH_ID_RECOGNIZERS: readonly PiiRecognizer[] = /* @__PURE__ */ Object.freeze([thTninRecognizer]);
