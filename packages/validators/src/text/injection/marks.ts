/**
 * Units and words that checks of the injection detector look for, as bits: `asciiScan` tells which
 * occur in an ASCII text in the walk it makes anyway, and a check whose unit or word is absent skips
 * its own search of the text (a substring search per check cost more than the check on short texts).
 */

/** A "%" (percent-encoded payloads). */
export const MARK_PERCENT = 1;
/** A "-" (Morse code). */
export const MARK_DASH = 2;
/** An "=" (payload splitting: `a = "..."`). */
export const MARK_EQUALS = 4;
/** A ":" (many-shot dialogues: `q: ...`). */
export const MARK_COLON = 8;
/** The word "part" (payload splitting: "part 1 is ..."); may also be set by another word of 4 letters. */
export const MARK_PART = 16;
/** A backslash (escapes: `\u0069`, `\x69`). */
export const MARK_BACKSLASH = 32;
/** An "&" (HTML character references: `&#105;`, `&#x69;`). */
export const MARK_AMPERSAND = 64;
/**
 * One of `# $ * + ; < > @ [ ] ^` or the backtick: punctuation that Ascii85 and uuencode runs are dense in
 * and prose seldom writes (decode-bytes.ts).
 */
export const MARK_RARE = 128;
/**
 * A backspace or a delete (U+0008, U+007F): text that erases part of itself where it is shown
 * (decode-deletions.ts).
 */
export const MARK_DELETE = 256;
/** Every mark: what is known of a text no scan marked. */
export const ALL_MARKS = 511;

/**
 * The mark of each ASCII unit (0 for most; `MARK_PART` is a word's, never a unit's): what `asciiScan`
 * and `unicodeScan` OR together over a text's units.
 */
export const UNIT_MARKS: Uint16Array = /* @__PURE__ */ (() => {
  const t = new Uint16Array(128);
  t[37] = MARK_PERCENT; // %
  t[45] = MARK_DASH; // -
  t[61] = MARK_EQUALS; // =
  t[58] = MARK_COLON; // :
  t[92] = MARK_BACKSLASH; // \
  t[38] = MARK_AMPERSAND; // &
  for (const c of '#$*+;<>@[]^`') t[c.charCodeAt(0)] = MARK_RARE;
  t[8] = MARK_DELETE; // backspace
  t[127] = MARK_DELETE; // delete
  return t;
})();
