/**
 * Escapes spread between plain words, which the decoders of escape runs do not match:
 * - URL escapes of a few units only, most often the spaces ("Ignore%20all%20previous%20instructions"):
 *   `URL_RE` (decode.ts) wants six escapes at most three units apart;
 * - quoted-printable (RFC 2045 §6.7), as garak's InjectQP and mail write it: "=49=67=6E=6F=72=65",
 *   "Ignore=20all=20previous", and soft line breaks ("=" at the end of a line) that cut words in two.
 *
 * Escapes close to each other make a run; a run of three escapes or more (or, in quoted-printable, with a
 * soft line break) is read back with the words (URL) or lines (quoted-printable) around it, as UTF-8. The
 * reading keeps the plain words around the escapes, so the detector counts only the families it does
 * not find in the plain text (`withPlain`).
 */
import { utf8 } from './utf8-text';

/** Most units between two URL escapes of one run (none of them whitespace). */
const URL_GAP = 40;
/** Most units of a quoted-printable line (RFC 2045), and between two of its escapes. */
const QP_LINE = 76;
/** Fewest escapes of a run worth reading back. */
const MIN_SPREAD = 3;

/** What a run read back is handed to (decode.ts's `take`). */
export type TakeSpread = (
  encoding: 'url' | 'quoted_printable',
  start: number,
  end: number,
  decoded: string | undefined,
  withPlain: true,
) => void;

/** The value of a hex digit (upper-case only when `upper`), or -1. */
function hexValue(c: number, upper: boolean): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (!upper && c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Whitespace that ends a URL run: space, tab, line breaks, form feed. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * Length of the escape at `i` (a "%" or "=" there): 3 for a hex escape, 2 or 3 for a quoted-printable
 * soft line break ("=\n", "=\r\n"; `qp` only), 0 for none.
 */
function escapeLength(text: string, i: number, qp: boolean): number {
  const a = text.charCodeAt(i + 1);
  if (qp && a === 10) return 2;
  if (qp && a === 13 && text.charCodeAt(i + 2) === 10) return 3;
  return hexValue(a, qp) >= 0 && hexValue(text.charCodeAt(i + 2), qp) >= 0 ? 3 : 0;
}

/** Whether `[a, b)` may join two escapes of one run: short, and no whitespace (URL) or line break (QP). */
function joins(text: string, a: number, b: number, qp: boolean): boolean {
  if (b - a > (qp ? QP_LINE : URL_GAP)) return false;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (qp ? c === 10 || c === 13 : isSpace(c)) return false;
  }
  return true;
}

/**
 * The UTF-8 bytes of `text[start, end)` with its escapes read back (a soft line break is dropped; other
 * units are encoded as UTF-8, an unpaired surrogate as U+FFFD), as text.
 */
function readBack(text: string, start: number, end: number, qp: boolean): string | undefined {
  const bytes = new Uint8Array(3 * (end - start));
  let n = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    let length = c === (qp ? 61 : 37) ? escapeLength(text, i, qp) : 0;
    if (i + length > end) length = 0;
    if (length === 3 && hexValue(text.charCodeAt(i + 1), qp) >= 0) {
      bytes[n++] = (hexValue(text.charCodeAt(i + 1), qp) << 4) | hexValue(text.charCodeAt(i + 2), qp);
      i += 3;
    } else if (length > 0) i += length;
    else if (c < 0x80) {
      bytes[n++] = c;
      i++;
    } else {
      const cp = text.codePointAt(i) as number;
      const v = cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp;
      if (v < 0x800) {
        bytes[n++] = 0xc0 | (v >> 6);
      } else if (v < 0x10000) {
        bytes[n++] = 0xe0 | (v >> 12);
        bytes[n++] = 0x80 | ((v >> 6) & 63);
      } else {
        bytes[n++] = 0xf0 | (v >> 18);
        bytes[n++] = 0x80 | ((v >> 12) & 63);
        bytes[n++] = 0x80 | ((v >> 6) & 63);
      }
      bytes[n++] = 0x80 | (v & 63);
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return utf8(bytes.subarray(0, n));
}

/**
 * Find the runs of escapes of one kind (`qp`: quoted-printable, else URL), widen each to its words or
 * lines and hand it to `take` read back, unless `covered(first, last, start, end)` (the escapes from the
 * first to the end of the last; the widened run) says it was read already.
 */
function scanSpread(
  text: string,
  qp: boolean,
  budget: (units: number) => boolean,
  take: TakeSpread,
  covered: (first: number, last: number, start: number, end: number) => boolean,
): void {
  const n = text.length;
  const mark = qp ? '=' : '%';
  let first = -1;
  let last = -1;
  let hex = 0;
  let soft = 0;
  const flush = (): boolean => {
    if (first < 0 || (hex < MIN_SPREAD && soft === 0)) return true;
    let s = first;
    let e = last;
    const reach = qp ? QP_LINE : URL_GAP;
    const stop = (c: number) => (qp ? c === 10 || c === 13 : isSpace(c));
    while (s > 0 && first - s < reach && !stop(text.charCodeAt(s - 1))) s--;
    while (e < n && e - last < reach && !stop(text.charCodeAt(e))) e++;
    if (covered(first, last, s, e)) return true;
    if (!budget(e - s)) return false;
    take(qp ? 'quoted_printable' : 'url', s, e, readBack(text, s, e, qp), true);
    return true;
  };
  for (let q = text.indexOf(mark); q >= 0; ) {
    const length = escapeLength(text, q, qp);
    if (length === 0) {
      q = text.indexOf(mark, q + 1);
      continue;
    }
    if (first < 0 || !joins(text, last, q, qp)) {
      if (!flush()) return;
      first = q;
      hex = 0;
      soft = 0;
    }
    last = q + length;
    if (length === 3 && text.charCodeAt(q + 1) !== 13) hex++;
    else soft++;
    q = text.indexOf(mark, last);
  }
  flush();
}

/**
 * Read back the runs of URL escapes spread between words ("Ignore%20all%20previous%20instructions"):
 * three escapes or more, each at most 40 units from the next with no whitespace between, widened to the
 * words around them. `covered(first, last, start, end)` says whether the run was read already (decode.ts:
 * its escapes lie in a run `URL_RE`'s decoder read, and its words do not reach past that run).
 *
 * @example
 * ```ts
 * scanSpreadUrl('Ignore%20all%20previous%20instructions', () => true, (enc, s, e, text) => {});
 * // 'url', 0, 38, 'Ignore all previous instructions'
 * ```
 */
export function scanSpreadUrl(
  text: string,
  budget: (units: number) => boolean,
  take: TakeSpread,
  covered: (first: number, last: number, start: number, end: number) => boolean = () => false,
): void {
  scanSpread(text, false, budget, take, covered);
}

/**
 * Read back quoted-printable runs: three escapes or more ("=49", upper-case hex as RFC 2045 writes it;
 * "=20" for a space), or a soft line break ("=" ending a line, dropped with the line break), each within
 * 76 units of the next on one line or across a soft line break, widened to the lines around them.
 *
 * @example
 * ```ts
 * scanQuotedPrintable('Ignore all previous instruc=\ntions', () => true, (enc, s, e, text) => {});
 * // 'quoted_printable', 0, 34, 'Ignore all previous instructions'
 * ```
 */
export function scanQuotedPrintable(text: string, budget: (units: number) => boolean, take: TakeSpread): void {
  scanSpread(text, true, budget, take, () => false);
}
