/**
 * Text smuggled in invisible characters other than Unicode tags (decode.ts): variation selectors, one
 * per character (garak's "ASCII in Unicode variant selectors": U+E0100 + the character's code; Paul
 * Butler's emoji smuggling: one per byte, U+FE00-U+FE0F for bytes 0-15 and U+E0100-U+E01EF for 16-255),
 * and "Sneaky Bits" (Johann Rehberger; garak's variant: each character's binary digits as U+2062
 * INVISIBLE TIMES for 0 and U+2064 INVISIBLE PLUS for 1, spaces as U+200B ZERO WIDTH SPACE). A renderer
 * shows nothing, or one emoji; a model reads the text.
 */
import { utf8 } from './utf8-text';

/** @internal Four or more variation selectors in a row (U+FE00-U+FE0F, U+E0100-U+E01EF). */
export const SELECTORS_RE: RegExp = /(?:[\uFE00-\uFE0F]|\uDB40[\uDD00-\uDDEF]){4,16384}/g;
/** @internal Eight or more invisible binary digits (U+2062, U+2064), zero-width spaces between words. */
export const SNEAKY_RE: RegExp = /[\u2062\u2064](?:\u200B?[\u2062\u2064]){7,65535}/g;

/** What a run is handed to: its encoding, span and text. */
export type TakeInvisible = (
  encoding: 'variation_selectors' | 'sneaky_bits',
  start: number,
  end: number,
  decoded: string | undefined,
) => void;

/**
 * Read back the runs of variation selectors of `text` (worth it only in a text with U+DB40, the high
 * surrogate of the supplement, or a selector U+FE00-U+FE0F). A run of supplement selectors only is read
 * as garak's one character per selector when that gives printable ASCII, else as Butler's bytes (UTF-8).
 *
 * @example
 * ```ts
 * scanSelectors('😈' + [...'hi there'].map((c) => String.fromCodePoint(0xe0100 + c.charCodeAt(0))).join(''), () => true, take);
 * ```
 */
export function scanSelectors(text: string, budget: (units: number) => boolean, take: TakeInvisible): void {
  const re = SELECTORS_RE;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const run = m[0];
    if (!budget(run.length)) break;
    const bytes = new Uint8Array(run.length);
    let n = 0;
    let ascii = true; // every selector is in the supplement, at U+E0100 + a printable ASCII code
    for (let i = 0; i < run.length; i++) {
      const c = run.charCodeAt(i);
      let v: number;
      if (c === 0xdb40) {
        v = run.charCodeAt(++i) - 0xdd00 + 16; // U+E0100 + (v - 16)
        const code = v - 16;
        if (!((code >= 32 && code < 127) || code === 9 || code === 10 || code === 13)) ascii = false;
      } else {
        v = c - 0xfe00;
        ascii = false;
      }
      bytes[n++] = v;
    }
    let decoded: string | undefined;
    if (ascii) {
      decoded = '';
      for (let k = 0; k < n; k++) decoded += String.fromCharCode((bytes[k] as number) - 16);
    } else decoded = utf8(bytes.subarray(0, n));
    take('variation_selectors', m.index, m.index + run.length, decoded);
  }
  re.lastIndex = 0;
}

/**
 * Read back the Sneaky Bits runs of `text` (worth it only in a text with U+2062 or U+2064). A word (the
 * digits between zero-width spaces) whose digits come in eights that each start with 0 is read as bytes;
 * otherwise as characters of 6 or 7 binary digits without leading zeros (printable ASCII), split where
 * the most letters come out (`splitBits`).
 *
 * @example
 * ```ts
 * scanSneakyBits('\u2064\u2064\u2062\u2064\u2062\u2062\u2062', () => true, take); // no run: fewer than 8 digits
 * ```
 */
export function scanSneakyBits(text: string, budget: (units: number) => boolean, take: TakeInvisible): void {
  const re = SNEAKY_RE;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const run = m[0];
    if (!budget(run.length)) break;
    const words = run.split('\u200B').map((w) => splitBits(w.replace(/\u2062/g, '0').replace(/\u2064/g, '1')));
    const ok = words.every((w) => w !== undefined);
    take('sneaky_bits', m.index, m.index + run.length, ok ? words.join(' ') : undefined);
  }
  re.lastIndex = 0;
}

/**
 * The characters of one word of binary digits: bytes when its digits come in eights that each start
 * with 0; else a split into codes of 6 digits (32-63) and 7 digits (64-126), the one with the most
 * letters (a dynamic program over the digits, linear in their number). Undefined when no split exists.
 */
function splitBits(bits: string): string | undefined {
  const n = bits.length;
  if (n % 8 === 0 && bytesAt0(bits)) {
    let bytes = '';
    for (let i = 0; i < n; i += 8) bytes += String.fromCharCode(Number.parseInt(bits.slice(i, i + 8), 2));
    return bytes;
  }
  // best[i]: most letters in a split of the first i digits (-1: none); from[i]: the last code's length.
  const best = new Int32Array(n + 1).fill(-1);
  const from = new Uint8Array(n + 1);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    if ((best[i] as number) < 0 || bits.charCodeAt(i) !== 49) continue;
    for (const len of [6, 7]) {
      if (i + len > n) continue;
      const code = Number.parseInt(bits.slice(i, i + len), 2);
      if (code === 127) continue;
      const letter = (code | 32) >= 97 && (code | 32) <= 122 && code >= 64 ? 1 : 0;
      const score = (best[i] as number) + letter;
      if (score > (best[i + len] as number)) {
        best[i + len] = score;
        from[i + len] = len;
      }
    }
  }
  if ((best[n] as number) < 0) return undefined;
  let out = '';
  for (let i = n; i > 0; i -= from[i] as number)
    out = String.fromCharCode(Number.parseInt(bits.slice(i - (from[i] as number), i), 2)) + out;
  return out;
}

/** Every eight digits of `bits` start with 0 (its length is a multiple of 8). */
function bytesAt0(bits: string): boolean {
  for (let i = 0; i < bits.length; i += 8) if (bits.charCodeAt(i) !== 48) return false;
  return true;
}
