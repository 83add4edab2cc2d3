/**
 * Payloads written in signs rather than characters: bytes as groups of eight binary digits
 * ("01101001 01100111 …"), characters as decimal or octal codes ("105 103 110 …", CipherChat's "ASCII"
 * cipher; "151 147 156 …"), International Morse code (".. --. -. --- .-. . / .- .-.. .-..") and Braille
 * ("⠊⠛⠝⠕⠗⠑ ⠁⠇⠇"), all used to smuggle instructions past filters that read only words (PurpleLlama's
 * "token smuggling", garak's encoding probes). Each is decoded to text for the injection detector to
 * rescan. Only runs whose text the detector could use are decoded: the decoded text must have a space,
 * so a binary run must hold the byte "00100000", a run of decimal codes the code 32 (40 in octal) and a
 * Morse run a word separator (`/` or three spaces).
 */
import { forEachMatch } from '../shared/regex';
import { utf8 } from './utf8-text';

/**
 * @internal Eight or more bytes as groups of eight binary digits, one space or comma (or nothing)
 * between groups.
 */
export const BINARY_RE: RegExp = /(?<![01])(?:[01]{8}[ ,]?){8,4096}(?![01])/g;
/**
 * @internal Eight or more Morse letters: runs of 1-7 dots and dashes separated by one or two spaces
 * (letters), or by a slash or three spaces (words).
 */
export const MORSE_RE: RegExp = /(?<![.\w-])[.-]{1,7}(?:(?: {1,3}| ?\/ ?)[.-]{1,7}){7,8191}(?![.\w-])/g;

/**
 * @internal Eight or more decimal numbers of 1-3 digits, separated by a space, a comma or a comma and a
 * space, not inside a longer number or a decimal fraction. (Each repetition starts with its separator,
 * so a run that ends in a longer number gives back one number at most.)
 */
export const DECIMAL_RE: RegExp = /(?<![\d.])\d{1,3}(?:(?:, ?| )\d{1,3}){7,8191}(?!\.?\d)/g;
/** @internal Eight or more Braille cells (U+2801-U+28FF) with blank cells (U+2800) or spaces between words. */
export const BRAILLE_RE: RegExp = /[\u2801-\u28ff](?:[\u2800 ]?[\u2801-\u28ff]){7,16383}/g;

/** What a decoded run is handed to: its encoding, span and text (undefined: not text). */
export type TakeDecoded = (
  encoding: 'binary' | 'decimal' | 'octal' | 'morse' | 'braille',
  start: number,
  end: number,
  decoded: string | undefined,
) => void;

/**
 * Decode the binary runs of `text` (worth it only when it holds "00100000", an encoded space);
 * `budget` returns false once the decoding budget is spent.
 *
 * @example
 * ```ts
 * scanBinary('01101000 01101001 00100000 …', () => true, (enc, s, e, text) => {});
 * ```
 */
export function scanBinary(text: string, budget: (units: number) => boolean, take: TakeDecoded): void {
  forEachMatch(BINARY_RE, text, (m) => {
    if (!budget(m[0].length)) return;
    const run = m[0];
    // The digits in eights, separators skipped (at most one byte per eight units of the run).
    const bytes = new Uint8Array(run.length >> 3);
    let n = 0;
    let bits = 0;
    let byte = 0;
    for (let i = 0; i < run.length; i++) {
      const c = run.charCodeAt(i);
      if (c !== 48 && c !== 49) continue;
      byte = (byte << 1) | (c - 48);
      if (++bits === 8) {
        bytes[n++] = byte;
        bits = 0;
        byte = 0;
      }
    }
    take('binary', m.index, m.index + run.length, utf8(bytes.subarray(0, n)));
  });
}

/** International Morse code (ITU-R M.1677-1): letters, digits and punctuation. */
const MORSE: ReadonlyMap<string, string> = /* @__PURE__ */ new Map(
  (
    '.- a|-... b|-.-. c|-.. d|. e|..-. f|--. g|.... h|.. i|.--- j|-.- k|.-.. l|-- m|-. n|--- o|.--. p|--.- q|.-. r|' +
    '... s|- t|..- u|...- v|.-- w|-..- x|-.-- y|--.. z|----- 0|.---- 1|..--- 2|...-- 3|....- 4|..... 5|-.... 6|' +
    "--... 7|---.. 8|----. 9|.-.-.- .|--..-- ,|..--.. ?|.----. '|-.-.-- !|-..-. /|---... :|-.-.-. ;|-...- =|" +
    '.-.-. +|-....- -|.-..-. "|.--.-. @|-.--. (|-.--.- )'
  )
    .split('|')
    .map((pair) => pair.split(' ') as [string, string]),
);

/**
 * Decode the Morse runs of `text` (worth it only when it has a dot next to a dash).
 *
 * @example
 * ```ts
 * scanMorse('.... .. / - .... . .-. .', () => true, (enc, s, e, text) => {}); // text "hi there"
 * ```
 */
export function scanMorse(text: string, budget: (units: number) => boolean, take: TakeDecoded): void {
  forEachMatch(MORSE_RE, text, (m) => {
    if (!budget(m[0].length)) return;
    take('morse', m.index, m.index + m[0].length, morseText(m[0]));
  });
}

/** A MORSE_RE match as text (words separated by one space), or undefined when a sign is no letter. */
function morseText(run: string): string | undefined {
  let out = '';
  let k = 0;
  const n = run.length;
  while (k < n) {
    let e = k;
    while (e < n && (run.charCodeAt(e) === 46 || run.charCodeAt(e) === 45)) e++;
    const letter = MORSE.get(run.slice(k, e));
    if (letter === undefined) return undefined;
    out += letter;
    // The separator: a slash or three spaces end a word.
    let s = e;
    let spaces = 0;
    let slash = false;
    while (s < n && (run.charCodeAt(s) === 32 || run.charCodeAt(s) === 47)) {
      if (run.charCodeAt(s) === 47) slash = true;
      else spaces++;
      s++;
    }
    if (s < n && (slash || spaces >= 3)) out += ' ';
    k = s;
  }
  return out;
}

/**
 * Decode the runs of decimal character codes of `text` (worth it only when it holds "32", an encoded
 * space), or of octal ones when a run does not read as decimal text and has no digit 8 or 9 ("40" is an
 * octal space): codes of printable ASCII, tab and line breaks; a run with any other code is no text.
 *
 * @example
 * ```ts
 * scanDecimal('104 105 32 116 104 101 114 101', () => true, (enc, s, e, text) => {}); // text "hi there"
 * scanDecimal('150 151 40 164 150 145 162 145', () => true, (enc, s, e, text) => {}); // octal, "hi there"
 * ```
 */
export function scanDecimal(text: string, budget: (units: number) => boolean, take: TakeDecoded): void {
  forEachMatch(DECIMAL_RE, text, (m) => {
    if (!budget(m[0].length)) return;
    const run = m[0];
    // Decimal codes; else octal ones ("151 147 156 …", a space is 40), when every digit is 0-7.
    const decimal = codesText(run, 10);
    if (decimal?.includes(' ')) take('decimal', m.index, m.index + run.length, decimal);
    else if (!/[89]/.test(run)) take('octal', m.index, m.index + run.length, codesText(run, 8));
  });
}

/**
 * The characters of a DECIMAL_RE run read as codes in `radix` (10 or 8), or undefined when a code is
 * no printable ASCII, tab or line break.
 */
function codesText(run: string, radix: number): string | undefined {
  let out = '';
  let value = -1;
  for (let i = 0; i <= run.length; i++) {
    const c = i < run.length ? run.charCodeAt(i) : 32;
    if (c >= 48 && c <= 57) {
      value = (value < 0 ? 0 : value * radix) + c - 48;
      continue;
    }
    if (value < 0) continue; // the space after a comma
    if (!(value >= 32 && value <= 126) && value !== 9 && value !== 10 && value !== 13) return undefined;
    out += String.fromCharCode(value);
    value = -1;
  }
  return out;
}

/**
 * The letters of Braille (six-dot cells as in Unicode's Braille Patterns, grade 1): cell U+2800 + dots
 * → letter. Digits are a-j after the number sign; the capital sign and unknown cells are dropped.
 */
const BRAILLE: ReadonlyMap<number, string> = /* @__PURE__ */ (() => {
  // Dots of a-z, as bit masks (dot k is bit k - 1).
  const dots = [1, 3, 9, 25, 17, 11, 27, 19, 10, 26, 5, 7, 13, 29, 21, 15, 31, 23, 14, 30, 37, 39, 58, 45, 61, 53];
  const m = new Map<number, string>();
  for (let i = 0; i < dots.length; i++) m.set(0x2800 + (dots[i] as number), String.fromCharCode(97 + i));
  // Punctuation: , ; : . ! ? ' -
  for (const [d, ch] of [
    [2, ','],
    [6, ';'],
    [18, ':'],
    [50, '.'],
    [22, '!'],
    [38, '?'],
    [4, "'"],
    [36, '-'],
  ] as const)
    m.set(0x2800 + d, ch);
  return m;
})();
/** The number sign (dots 3456) and the capital sign (dot 6). */
const BRAILLE_NUMBER = 0x283c;
const BRAILLE_CAPITAL = 0x2820;

/**
 * Decode the Braille runs of `text` to letters (words apart where a blank cell or a space is).
 *
 * @example
 * ```ts
 * scanBraille('⠊⠛⠝⠕⠗⠑ ⠁⠇⠇ ⠏⠗⠑⠧', () => true, (enc, s, e, text) => {}); // text "ignore all prev"
 * ```
 */
export function scanBraille(text: string, budget: (units: number) => boolean, take: TakeDecoded): void {
  forEachMatch(BRAILLE_RE, text, (m) => {
    if (!budget(m[0].length)) return;
    const run = m[0];
    let out = '';
    let digits = false;
    for (let i = 0; i < run.length; i++) {
      const c = run.charCodeAt(i);
      if (c === 32 || c === 0x2800) {
        out += ' ';
        digits = false;
      } else if (c === BRAILLE_NUMBER) digits = true;
      else if (c !== BRAILLE_CAPITAL) {
        const ch = BRAILLE.get(c);
        if (ch === undefined) continue;
        // After the number sign, a-j are 1-9 and 0.
        out += digits && ch >= 'a' && ch <= 'j' ? String.fromCharCode(ch === 'j' ? 48 : ch.charCodeAt(0) - 48) : ch;
      }
    }
    take('braille', m.index, m.index + run.length, out);
  });
}
