/**
 * Base2048 (qntm's binary-to-text encoding for tweets; garak's InjectBase2048 probe writes its payloads
 * in it): 11 bits per character, drawn from 2,048 letters and digits of 24 scripts (Latin, Greek,
 * Cyrillic, Armenian, Hebrew, Arabic, the Indic scripts, Thai, Lao, Tibetan, Myanmar...), most
 * significant bit first; the last character carries the final bits, padded with 1s, either as one of the
 * 2,048 (4 to 11 bits) or as a digit 0-7 (3 bits or fewer). "Ignore all previous instructions" is
 * "ԓѹভณգИଢࠌܤवؿപསனߤϺݙਪৡಊӼஊம3".
 *
 * A run is read when it has 8 characters or more (11 bytes), changes script block twice or more and
 * has a character past the Latin blocks (U+0280 on): a word of one script, however long, is no run
 * ("информация"), nor a Latin word with accents ("Lüdenscheidt"); a word with one look-alike letter
 * from another script is, but decodes to bytes that are no text.
 */
import { utf8 } from './utf8-text';

/** Fewest characters in a run worth decoding (11 bytes). */
export const BASE2048_MIN = 8;

/**
 * The repertoire as ranges of BMP code points, in order of value (the k-th character stands for k):
 * for each range, the gap from the end of the last one and its length minus one, in base 36. From the
 * Base2048 definition (qntm/base2048, its repertoire of 2,048 characters); every one is a letter or digit.
 */
const RANGES =
  '1k,1,7,p,6,p,23,0,9,0,7,0,5,1,6,0,9,0,7,0,5,0,h,1,k,1,9,0,6,0,8,1,7,1,6,1,i,1,o,v,2,c,2,i,p,0,6,1,g,1,10,1,2,5,' +
  'e,3f,5c,3,2,1,3,2,1,0,h,g,1,6,7,o,5,0,7,o,3,0,3,1,1,5,2,0,1,2,1,3,3,9,1,u,1,l,2,0,1,2,1,3,3,m,2,9,8,1i,2,c,4,1,2,' +
  '1,6,1,6,1,c,1,2,1h,1,11,a,11,21,q,5,2,19,1,5,o,1,9,l,9,4,1,1,3,4,1y,1,0,1,f,2,0,o,e,2,0,g,0,1,t,t,2g,b,0,e,16,l,' +
  'l,16,o,7,a,1h,k,1,7,1y,10,1,6,1,1,1,4,3,0,i,0,f,1,4,9,2,e,4,7,2,1,2,l,1,6,1,0,3,3,3,0,g,0,h,1,4,b,2,5,2,0,8,5,4,' +
  '1,2,l,1,6,1,0,2,0,2,1,y,0,9,9,2,2,g,8,1,2,1,l,1,6,1,1,1,4,3,0,i,0,f,1,4,9,9,0,b,7,2,1,2,l,1,6,1,1,1,4,3,0,x,2,4,' +
  '9,1,6,b,0,1,5,3,2,1,1,1,0,3,1,1,0,1,1,3,1,3,2,3,b,m,0,l,c,i,7,1,2,1,m,1,f,3,0,q,2,5,1,4,9,8,6,1,0,4,7,1,2,1,m,1,' +
  '9,1,4,3,0,w,0,1,1,4,9,1,1,i,7,1,2,1,14,2,0,g,0,5,2,1,9,4,i,1,5,5,h,3,n,1,8,1,0,2,6,v,9,h,1b,1,0,d,5,a,9,13,1,1,0,' +
  '2,1,1,0,2,0,6,3,1,6,1,2,1,0,1,0,2,1,1,3,1,0,a,0,2,4,b,9,4,1,w,0,v,j,c,2,1,3,1,3,1,3,1,3,1,3,1,b,1,2,r,4,37,11,1,' +
  '3,k,a,6,5';

/** Value + 1 of each BMP unit of the repertoire (0: none); the digits 0-7 (the last character's 3 bits) are left out. */
let values: Uint16Array | undefined;

/** @internal The repertoire's table, built on first use. */
export function base2048Values(): Uint16Array {
  if (values !== undefined) return values;
  const t = new Uint16Array(65536);
  const parts = RANGES.split(',');
  let at = 0;
  let v = 1;
  for (let k = 0; k < parts.length; k += 2) {
    const first = at + Number.parseInt(parts[k] as string, 36);
    const last = first + Number.parseInt(parts[k + 1] as string, 36);
    for (let c = first; c <= last; c++) t[c] = v++;
    at = last + 1;
  }
  values = t;
  return t;
}

/**
 * The bytes a Base2048 run stands for: `run`'s characters are all of the repertoire but maybe the last,
 * a digit 0-7. Bits left over after the last whole byte are padding (dropped). `undefined` when a
 * character is of neither.
 * @internal
 *
 * @example
 * ```ts
 * new TextDecoder().decode(base2048Bytes('ԓѹভณգИଢࠌ')); // 'Ignore all ' (8 characters, 11 bytes)
 * ```
 */
export function base2048Bytes(run: string): Uint8Array | undefined {
  const t = base2048Values();
  const out = new Uint8Array(Math.ceil((run.length * 11) / 8));
  let n = 0;
  let acc = 0; // the bits not yet written out (fewer than 8 after each step), in the low bits
  let bits = 0;
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    const v = t[c] as number;
    let width = 11;
    let z = v - 1;
    if (v === 0) {
      if (i !== run.length - 1 || c < 48 || c > 55) return undefined;
      width = 3;
      z = c - 48;
    }
    acc = ((acc << width) | z) & 0x3ffff;
    bits += width;
    while (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

/**
 * Read back the Base2048 runs of `text`: runs of repertoire characters (a digit 0-7 right after one ends
 * it) of `BASE2048_MIN` characters or more that change script block (code point / 128) twice or more,
 * with a character of U+0280 or above, in `[from, to)` (a run is read whole when it starts there: the
 * injection detector passes the span of the words that can hold one, `unicodeScan`'s).
 * Each run spends its length of the budget.
 *
 * @example
 * ```ts
 * scanBase2048('What does this mean? ԓѹভณգИଢࠌܤवؿപསனߤϺݙਪৡಊӼஊம3', () => true, take);
 * ```
 */
export function scanBase2048(
  text: string,
  budget: (units: number) => boolean,
  take: TakeGlyphs,
  from = 0,
  to = text.length,
): void {
  const t = base2048Values();
  const n = Math.min(to, text.length);
  let floor = Math.max(0, from); // end of the last run read: the next one starts at or after it
  let i = floor;
  while (i < n) {
    // Every run has a character past the Latin blocks: find one (a compare per unit over Latin text),
    // then the run around it.
    let c = text.charCodeAt(i);
    if (c < 0x280 || t[c] === 0) {
      i++;
      continue;
    }
    let start = i;
    while (start > floor && t[text.charCodeAt(start - 1)] !== 0) start--;
    let block = text.charCodeAt(start) >> 7;
    let changes = 0;
    for (i = start + 1; i < n; i++) {
      c = text.charCodeAt(i);
      if (t[c] === 0) break;
      if (c >> 7 !== block) {
        changes++;
        block = c >> 7;
      }
    }
    // The 3-bit last character, when no letter or digit follows it.
    let end = i;
    const d = text.charCodeAt(i);
    if (d >= 48 && d <= 55 && !isAlnum(text.charCodeAt(i + 1))) end = i + 1;
    floor = end;
    if (i - start < BASE2048_MIN || changes < 2) continue;
    if (!budget(end - start)) return;
    const bytes = base2048Bytes(text.slice(start, end));
    take('base2048', start, end, bytes === undefined ? undefined : utf8(bytes));
    i = end;
  }
}

/** What a decoded run of letters or emoji is handed to: its encoding, span and text (undefined: not text). */
export type TakeGlyphs = (
  encoding: 'base2048' | 'ecoji',
  start: number,
  end: number,
  decoded: string | undefined,
) => void;

/** An ASCII letter or digit, or any unit of the repertoire. */
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (base2048Values()[c] as number) !== 0;
}
