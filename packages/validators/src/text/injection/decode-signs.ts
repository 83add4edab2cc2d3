/**
 * Payloads written in signs rather than characters: bytes as groups of eight binary digits
 * ("01101001 01100111 …") and International Morse code (".. --. -. --- .-. . / .- .-.. .-.."), both
 * used to smuggle instructions past filters that read only words (PurpleLlama's "token smuggling").
 * Each is decoded to text for the injection detector to rescan. Only runs whose text the detector could
 * use are decoded: the decoded text must have a space, so a binary run must hold the byte "00100000" and
 * a Morse run a word separator (`/` or three spaces).
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

/** What a decoded run is handed to: its encoding, span and text (undefined: not text). */
export type TakeDecoded = (
  encoding: 'binary' | 'morse',
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
