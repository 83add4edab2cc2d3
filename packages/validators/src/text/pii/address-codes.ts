/**
 * Postcodes that say what they are by their shape, without a street before them:
 * - a US state code and ZIP code after a town ("Chicago, IL 60601", "Austin TX 78701-1234"): the town
 *   line (0.7) and the state code with the ZIP code (0.6), so that when a LOCATION outscores the line
 *   ("in Chicago"), "IL 60601" is still not left in the text;
 * - a UK postcode with its space ("SW1A 2AA", "M1 1AE"), its area one of the 121 UK postcode areas and
 *   its last two letters none of C, I, K, M, O, V (0.6);
 * - a Canadian postal code with its space ("M5V 2T6"), its letters those Canada Post uses (0.6).
 * Each is read at a digit run of the facts pass. Before 2026-11-30 these were found only inside an
 * address block with a street ("12 Main St, Springfield, IL 62704"): "I work in Chicago, IL 60601" left
 * "IL 60601" in the text, and "London SW1A 2AA" gave PERSON "London" and left the postcode.
 */
import type { TextFacts } from '../shared/facts';
import { US_STATE_CODES } from './names-lists';
import { ADDRESS_CONTEXT } from './street-names';
import type { PiiCandidate } from './types';

/** The UK postcode areas (Royal Mail), the letters before the first digit. */
const UK_AREAS: ReadonlySet<string> = /* @__PURE__ */ new Set(
  'AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE'.split(
    ' ',
  ),
);

// Scores: with their context boost at most 0.7, under an address block extended over one segment (0.73),
// which keeps the town and postcode of a block inside it ("44 Farquhar Street, Boston, MA 02131 USA").
/** A town line with a US state code and ZIP code. */
const TOWN_LINE = 0.6;
/** The state code and ZIP code alone. */
const STATE_ZIP = 0.55;
/** A UK or Canadian postcode. */
const POSTCODE = 0.6;
/** Context boost of the town line and the postcodes. */
const BOOST = 0.1;

/** An ASCII capital letter. */
function upper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** An ASCII digit. */
function digit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** An ASCII letter or digit, or any unit outside ASCII (a letter of a word the code would be part of). */
function wordUnit(c: number): boolean {
  return digit(c) || ((c | 32) >= 97 && (c | 32) <= 122) || c >= 128;
}

/** A letter of the inward code of a UK postcode (not C, I, K, M, O, V). */
function ukInward(c: number): boolean {
  return upper(c) && c !== 67 && c !== 73 && c !== 75 && c !== 77 && c !== 79 && c !== 86;
}

/** The first letter of a Canadian postal code (not D, F, I, O, Q, U, W, Z). */
function caFirst(c: number): boolean {
  return upper(c) && c !== 68 && c !== 70 && c !== 73 && c !== 79 && c !== 81 && c !== 85 && c !== 87 && c !== 90;
}

/** Any other letter of a Canadian postal code (not D, F, I, O, Q, U). */
function caLetter(c: number): boolean {
  return upper(c) && c !== 68 && c !== 70 && c !== 73 && c !== 79 && c !== 81 && c !== 85;
}

/**
 * Emit the US state-and-ZIP lines, UK postcodes and Canadian postal codes of `text` (its digit runs in
 * `f`) as ADDRESS.
 * @internal
 *
 * @example
 * ```ts
 * regionPostcodes('I work in Chicago, IL 60601', factsOf('I work in Chicago, IL 60601'), emit);
 * // ADDRESS "Chicago, IL 60601" (0.6) and "IL 60601" (0.55)
 * ```
 */
export function regionPostcodes(text: string, f: TextFacts, emit: (c: PiiCandidate) => void): void {
  for (let k = 0; k < f.runs; k++) {
    const s = f.runStart[k] as number;
    const e = f.runEnd[k] as number;
    if (e - s === 5) usZip(text, f, k, s, e, emit);
    else if (e - s === 1) {
      ukPostcode(text, s, emit);
      canadianPostcode(text, s, emit);
    }
  }
}

/** "ST 12345" (or "ST 12345-6789") after a town at digit run `k` (`[s, e)`). */
function usZip(text: string, f: TextFacts, k: number, s: number, e: number, emit: (c: PiiCandidate) => void): void {
  // " ST " before the run, the code a US state's, after a comma or a space.
  if (s < 4 || text.charCodeAt(s - 1) !== 32) return;
  const a = text.charCodeAt(s - 3);
  const b = text.charCodeAt(s - 2);
  if (!upper(a) || !upper(b) || !US_STATE_CODES.has(String.fromCharCode(a | 32, b | 32))) return;
  const code = s - 3;
  const sep = text.charCodeAt(code - 1);
  if (sep !== 32) return;
  const comma = text.charCodeAt(code - 2) === 44;
  // ZIP+4, when no letter or digit follows it; else the five digits, when none follows them.
  let end = e;
  const plus = text.charCodeAt(e) === 45 && k + 1 < f.runs && f.runStart[k + 1] === e + 1 && f.runEnd[k + 1] === e + 5;
  if (plus && !(e + 5 < text.length && wordUnit(text.charCodeAt(e + 5)))) end = e + 5;
  else if (e < text.length && wordUnit(text.charCodeAt(e))) return;
  // The town: one to three capitalized words, one space apart, right before ", " or " ".
  let start = -1;
  let p = comma ? code - 2 : code - 1;
  for (let words = 0; words < 3; words++) {
    let q = p;
    while (q > 0 && p - q < 30 && townUnit(text.charCodeAt(q - 1))) q--;
    // A whole capitalized word (no letter or digit glued before it).
    if (q === p || !upper(text.charCodeAt(q)) || (q > 0 && wordUnit(text.charCodeAt(q - 1)))) break;
    start = q;
    if (q < 2 || text.charCodeAt(q - 1) !== 32) break;
    p = q - 1;
  }
  if (start < 0) return;
  emit({
    entity: 'ADDRESS',
    start,
    end,
    score: TOWN_LINE,
    recognizer: 'address',
    context: ADDRESS_CONTEXT,
    contextBoost: BOOST,
  });
  emit({
    entity: 'ADDRESS',
    start: code,
    end,
    score: STATE_ZIP,
    recognizer: 'address',
    context: undefined,
    contextBoost: 0,
  });
}

/** A unit of a town's word: an ASCII letter, ".", "'", "-", or any unit outside ASCII. */
function townUnit(c: number): boolean {
  return ((c | 32) >= 97 && (c | 32) <= 122) || c === 46 || c === 39 || c === 45 || c >= 128;
}

/** A UK postcode whose inward code starts with the one-digit run at `s` ("SW1A 2AA", "M1 1AE"). */
function ukPostcode(text: string, s: number, emit: (c: PiiCandidate) => void): void {
  if (!ukInward(text.charCodeAt(s + 1)) || !ukInward(text.charCodeAt(s + 2))) return;
  if (s + 3 < text.length && wordUnit(text.charCodeAt(s + 3))) return;
  if (text.charCodeAt(s - 1) !== 32) return;
  // The outward code ends at s - 1: A9, A99, AA9, AA99, A9A or AA9A.
  let o = s - 2;
  if (o < 1) return;
  if (upper(text.charCodeAt(o))) o--; // A9A, AA9A
  if (!digit(text.charCodeAt(o))) return;
  o--;
  if (digit(text.charCodeAt(o)) && !upper(text.charCodeAt(o + 2))) o--; // A99, AA99 (not A99A)
  // The area: one or two capitals.
  let a = o;
  while (a >= 0 && o - a < 2 && upper(text.charCodeAt(a))) a--;
  if (a === o || (a >= 0 && wordUnit(text.charCodeAt(a)))) return;
  if (!UK_AREAS.has(text.slice(a + 1, o + 1))) return;
  emit({
    entity: 'ADDRESS',
    start: a + 1,
    end: s + 3,
    score: POSTCODE,
    recognizer: 'address',
    context: ADDRESS_CONTEXT,
    contextBoost: BOOST,
  });
}

/** A Canadian postal code whose first digit is the one-digit run at `s` ("M5V 2T6"). */
function canadianPostcode(text: string, s: number, emit: (c: PiiCandidate) => void): void {
  const start = s - 1;
  if (start < 0 || !caFirst(text.charCodeAt(start)) || (start > 0 && wordUnit(text.charCodeAt(start - 1)))) return;
  if (!caLetter(text.charCodeAt(s + 1)) || text.charCodeAt(s + 2) !== 32) return;
  if (!digit(text.charCodeAt(s + 3)) || !caLetter(text.charCodeAt(s + 4)) || !digit(text.charCodeAt(s + 5))) return;
  if (s + 6 < text.length && wordUnit(text.charCodeAt(s + 6))) return;
  emit({
    entity: 'ADDRESS',
    start,
    end: s + 6,
    score: POSTCODE,
    recognizer: 'address',
    context: ADDRESS_CONTEXT,
    contextBoost: BOOST,
  });
}
