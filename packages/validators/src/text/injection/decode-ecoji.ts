/**
 * Ecoji (base 1024 in emoji; garak's InjectEcoji probe writes its payloads in it): 5 bytes are 40 bits,
 * written as 4 emoji of 10 bits each, from a list of 1,024 (version 1, or version 2, which replaced 211
 * of them and keeps the others at the same place). Fewer than 5 bytes at the end are padded: ☕ for each
 * missing emoji, or, after 4 bytes, one of four emoji for the last byte's 2 low bits. Line breaks are
 * ignored, and so is U+FE0F (the emoji presentation selector a keyboard or a copy may add). "Ignore all
 * previous instructions" is "🏵🕕🥋🤟👥📘🌡🌴🍉🚃🍡👇👶🙂🐭🚜👶😲🎪🌺💦🔊🏨👀💊🚬☕☕".
 *
 * A run of 4 emoji of the lists or more is read; emoji that are no Ecoji decode to bytes that are no
 * text ("🎉🎉🎉🎉"), and the decoder keeps only text.
 */
import type { TakeGlyphs } from './decode-base2048';
import { utf8 } from './utf8-text';

/** Fewest emoji in a run worth decoding (one group of 4: up to 5 bytes). */
export const ECOJI_MIN = 4;

/**
 * Version 1's list, in order of code point (its k-th emoji stands for k): runs of consecutive code points
 * as the gap from the end of the last run and the run's length minus one, in base 36. From the Ecoji
 * definition (keith-turner/ecoji, emojisV1.txt).
 */
const V1 =
  '2pz8,0,5m,0,4g,1,c,1,e,0,2,9,23,p,1,1,n,0,k,0,2,8,l,1,4u,x,2,33,2,1,1,2,2,1a,1,y,2,2,1,61,1,17,1,1q,b,5,1,n,7,1,' +
  '2,7,c,0,2,3,2,0,4,1,d,1,2,0,8,1,9,0,5,2,c,2,8,2,2,0,1,0,4,0,6,0,3,0,6,28,1,3,1c,1x,5,7,d,5,3,0,1,1,3,0,2,6,eu,16,' +
  '1,2,1,5,1,15,2,3,3,0,1,12,d,9,6,2,d,5';

/**
 * Version 2's 211 replacements: runs of consecutive places holding consecutive code points, as the gap
 * from the end of the last run (in places), the first code point, and the run's length minus one, in
 * base 36. From the Ecoji definition (emojisV2.txt).
 */
const V2 =
  '2,73k,0,0,73n,0,0,7is,0,0,7k8,b,0,7lr,0,0,7mb,0,0,7mp,0,0,7nh,1,0,7no,1,0,7ny,0,0,7o4,0,0,7oq,0,0,7oy,1,0,7p1,0,' +
  '0,7p6,0,0,7p9,0,0,7pm,1,0,7qg,0,0,8k0,0,0,2rbp,2,0,2rbx,2,0,2rcq,0,1,2rcr,0,0,2rrg,0,0,2rrj,0,0,2rsv,0,0,2ru9,1,' +
  '0,2rug,1,0,2ruj,0,0,2rvn,4,x,2rvs,7,0,2rwa,1,9,2rwc,0,1y,2rwd,0,m,2rwe,1,0,2rwj,4,6,2rwo,0,10,2rwp,2,5,2rws,3,0,' +
  '2rx2,7,7,2rxa,0,9,2rxb,0,1,2rxc,0,0,2rxe,0,3,2rxf,4,1r,2rxk,0,1,2rxl,0,3b,2rxm,0,7,2rxn,0,3,2rxo,0,19,2rxp,0,8,' +
  '2rxq,0,1,2rxr,4,k,2rxw,b,f,2s1c,4,0,2s1k,4,0,2s1s,1,4,2s1u,4,0,2s28,r,1,2s30,0,0,2s34,4,3,2s39,5,0,2s3k,5,0,2s40,' +
  '7,4a,2s48,0,1,2s49,0,0,2s4g,1,3,2s4i,5,0,2s4w,0,2,2s4x,1,40,2s4z,3';

/** ☕, for each emoji missing from the last group. */
const FILL = 0x2615;
/** The emoji for the last byte's 2 low bits after 4 bytes: version 1's, then version 2's. */
const LAST = [0x269c, 0x1f3cd, 0x1f4d1, 0x1f64b, 0x1f977, 0x1f6fc, 0x1f4d1, 0x1f64b];

/** A code point's meaning: its 10 bits (0-1023), `IS_FILL`, or `IS_LAST` + the 2 bits. */
const IS_FILL = 1024;
const IS_LAST = 2048;

let table: Map<number, number> | undefined;

/** @internal Each emoji of both lists and the padding, with its meaning; built on first use. */
export function ecojiTable(): Map<number, number> {
  if (table !== undefined) return table;
  const t = new Map<number, number>();
  const v1 = V1.split(',').map((x) => Number.parseInt(x, 36));
  let cp = 0;
  let ordinal = 0;
  for (let k = 0; k < v1.length; k += 2) {
    cp += v1[k] as number;
    for (let j = 0; j <= (v1[k + 1] as number); j++) t.set(cp++, ordinal++);
  }
  const v2 = V2.split(',').map((x) => Number.parseInt(x, 36));
  ordinal = 0;
  for (let k = 0; k < v2.length; k += 3) {
    ordinal += v2[k] as number;
    const first = v2[k + 1] as number;
    for (let j = 0; j <= (v2[k + 2] as number); j++) t.set(first + j, ordinal++);
  }
  t.set(FILL, IS_FILL);
  for (let k = 0; k < LAST.length; k++) t.set(LAST[k] as number, IS_LAST + (k & 3));
  table = t;
  return t;
}

/**
 * The bytes an Ecoji run stands for: its emoji (line breaks and U+FE0F skipped), read 4 at a time. A
 * group with padding ends early, and the next group starts new data (concatenated encodings); a group
 * cut by the end of the run is padded. The data ends at a code point that is no Ecoji emoji, or at
 * padding where none can stand.
 * @internal
 *
 * @example
 * ```ts
 * new TextDecoder().decode(ecojiBytes('👖📸🎦⚜')); // 'abcd'
 * ```
 */
export function ecojiBytes(run: string): Uint8Array {
  const t = ecojiTable();
  const out = new Uint8Array(Math.ceil(run.length / 4) * 5 + 5);
  let n = 0;
  const group = [0, 0, 0, 0];
  let g = 0;
  const flush = () => {
    if (g === 0) return;
    // Bytes kept: 1 to 3 when ☕ stands at place 1 to 3 (or the run ends there), 4 after a last-byte emoji.
    let keep = 5;
    for (let k = 1; k < 4 && keep === 5; k++) if (k >= g || group[k] === IS_FILL) keep = k;
    if (keep === 5 && (group[3] as number) >= IS_LAST) keep = 4;
    // 40 bits, 10 per emoji; a last-byte emoji's 2 bits are the top 2 of its 10, ☕ stands for none.
    const [o0, o1, o2, o3] = group.map((v) => (v < IS_FILL ? v : v >= IS_LAST ? (v - IS_LAST) << 8 : 0)) as [
      number,
      number,
      number,
      number,
    ];
    const bytes = [
      o0 >> 2,
      ((o0 & 3) << 6) | (o1 >> 4),
      ((o1 & 15) << 4) | (o2 >> 6),
      ((o2 & 63) << 2) | (o3 >> 8),
      o3 & 255,
    ];
    for (let k = 0; k < keep; k++) out[n++] = bytes[k] as number;
    group.fill(0);
    g = 0;
  };
  for (let i = 0; i < run.length; ) {
    const c = run.codePointAt(i) as number;
    i += c > 0xffff ? 2 : 1;
    if (c === 10 || c === 13 || c === 0xfe0f) continue;
    const v = t.get(c);
    // No Ecoji emoji, or padding where none can stand: the data ends here.
    if (v === undefined || (v === IS_FILL ? g === 0 : v >= IS_LAST && g !== 3)) break;
    // Data after padding starts a new group (Ecoji version 2 lets a group end after one ☕).
    if (v < IS_FILL && g > 0 && group[g - 1] === IS_FILL) flush();
    group[g++] = v;
    if (g === 4) flush();
  }
  flush();
  return out.subarray(0, n);
}

/**
 * Read back the Ecoji runs of `text`: runs of `ECOJI_MIN` emoji of the lists or more (padding included;
 * line breaks and U+FE0F inside a run are skipped). Each run spends its length of the budget.
 *
 * @example
 * ```ts
 * scanEcoji('What does this mean? 🏵🕕🥋🤟👥📘🌡🌴🍉🚃🍡👇👶🙂🐭🚜👶😲🎪🌺💦🔊🏨👀💊🚬☕☕', () => true, take);
 * ```
 */
export function scanEcoji(text: string, budget: (units: number) => boolean, take: TakeGlyphs): void {
  const t = ecojiTable();
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.codePointAt(i) as number;
    // Every emoji of the lists is at U+23F0 or above (the table is looked up only there).
    if (c < 0x23f0 || !t.has(c)) {
      i += c > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    let end = i;
    let count = 0;
    while (i < n) {
      const d = text.codePointAt(i) as number;
      if (t.has(d)) {
        count++;
        i += d > 0xffff ? 2 : 1;
        end = i;
      } else if (d === 10 || d === 13 || d === 0xfe0f) i++;
      else break;
    }
    if (count < ECOJI_MIN) continue;
    if (!budget(end - start)) return;
    take('ecoji', start, end, utf8(ecojiBytes(text.slice(start, end))));
  }
}
