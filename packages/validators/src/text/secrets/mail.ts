/**
 * Mail structure for the entropy check of `detectSecrets`: what in a MIME message is syntax rather than
 * content, so that its random-looking strings are not reported as secrets.
 * - Multipart boundaries (RFC 2046 §5.1.1): the `boundary=` parameter of a `Content-Type`, and the
 *   delimiter lines `--boundary` and `--boundary--` of a boundary the text declares, or of one with a
 *   delimiter line followed by a `Content-` header line (a part's headers). A line that merely starts
 *   with `--` (`--api-key=...` twice in a shell example) is judged as usual. The rule looks no further
 *   than the next line, so a stream that sees the text in pieces mostly decides as the whole text does.
 * - The bodies of parts sent `Content-Transfer-Encoding: base64` (attachments, inline images): encoded
 *   data, whatever its line widths.
 * - Quoted-printable soft line breaks (RFC 2045 §6.7): a line that ends with `=` continues on the next one,
 *   so a URL cut by one (`http://host/Click?q=` + newline + `=3D60-oqIt...`) is still a URL there.
 */

/** Longest boundary (RFC 2046: 1-70 characters). */
const BOUNDARY_MAX = 70;

/** RFC 2046 `bchars`: digits, letters, `'()+_,-./:=?` and space (not last). */
const BCHAR: Uint8Array = /* @__PURE__ */ (() => {
  const t = new Uint8Array(128);
  for (let c = 48; c <= 57; c++) t[c] = 1;
  for (let c = 65; c <= 90; c++) t[c] = t[c + 32] = 1;
  for (const c of "'()+_,-./:=? ") t[c.charCodeAt(0)] = 1;
  return t;
})();

/**
 * A `boundary=` parameter (its value follows). Exported for the ReDoS scan.
 * @internal
 *
 * @example
 * ```ts
 * 'multipart/mixed; boundary="b1"'.search(BOUNDARY_PARAM_RE); // 17
 * ```
 */
export const BOUNDARY_PARAM_RE: RegExp = /boundary=/gi;

/**
 * `[start, end, start, end, ...]` of the multipart syntax of `text` (see the module comment): each
 * `boundary=` parameter with its value, then each delimiter line of a known boundary (the two lists may
 * interleave). Linear in the length of `text`.
 * @internal
 *
 * @example
 * ```ts
 * mimeSpans('--b1\nContent-Type: text/plain\n\nhi\n--b1--\n'); // [0, 4, 34, 40]
 * ```
 */
export function mimeSpans(text: string): number[] {
  const spans: number[] = [];
  const declared = new Set<string>();
  BOUNDARY_PARAM_RE.lastIndex = 0;
  for (let m = BOUNDARY_PARAM_RE.exec(text); m !== null; m = BOUNDARY_PARAM_RE.exec(text)) {
    let at = m.index + m[0].length;
    const quoted = text.charCodeAt(at) === 34;
    if (quoted) at++;
    let end = at;
    while (end < text.length && end - at <= BOUNDARY_MAX && isBoundaryChar(text, end, quoted)) end++;
    if (end - at > BOUNDARY_MAX) continue;
    const value = text.slice(at, quoted ? end : trimEnd(text, at, end));
    if (value.length === 0) continue;
    declared.add(value);
    spans.push(m.index, end);
  }
  BOUNDARY_PARAM_RE.lastIndex = 0;
  // Delimiter lines: where each starts and ends, and its boundary.
  const lineStart: number[] = [];
  const lineEnd: number[] = [];
  const lineBoundary: string[] = [];
  const headed = new Set<string>();
  for (let at = text.startsWith('--') ? 0 : nextDelimiter(text, 0); at >= 0; at = nextDelimiter(text, at + 2)) {
    let eol = text.indexOf('\n', at);
    if (eol < 0) eol = text.length;
    const end = trimEnd(text, at + 2, eol);
    if (end === at + 2 || end - at - 2 > BOUNDARY_MAX + 2 || !allBchars(text, at + 2, end)) continue;
    const b = text.slice(at + 2, end);
    lineStart.push(at);
    lineEnd.push(eol);
    lineBoundary.push(b);
    if (startsWithContentHeader(text, eol + 1)) headed.add(b);
  }
  const known = (b: string) => declared.has(b) || headed.has(b);
  // The body of a part whose headers say `Content-Transfer-Encoding: base64` runs to the next delimiter.
  let body = -1;
  for (let k = 0; k < lineStart.length; k++) {
    const b = lineBoundary[k] as string;
    const opening = known(b);
    if (!opening && !(b.endsWith('--') && known(b.slice(0, -2)))) continue;
    const at = lineStart[k] as number;
    const eol = lineEnd[k] as number;
    if (body >= 0) spans.push(body, at);
    spans.push(at, eol);
    // Headers end at an empty line, before the next delimiter line (so the header walks stay disjoint).
    body = opening
      ? base64Body(text, eol + 1, k + 1 < lineStart.length ? (lineStart[k + 1] as number) : text.length)
      : -1;
  }
  if (body >= 0) spans.push(body, text.length);
  return spans;
}

const CTE = 'content-transfer-encoding:';

/**
 * Where the body starts when the part headers in `[from, limit)` end with an empty line and say
 * `Content-Transfer-Encoding: base64`, or -1.
 */
function base64Body(text: string, from: number, limit: number): number {
  let base64 = false;
  let at = from;
  while (at < limit) {
    let eol = text.indexOf('\n', at);
    if (eol < 0 || eol > limit) eol = limit;
    const end = trimEnd(text, at, eol);
    if (end === at) return base64 && eol < limit ? eol + 1 : -1;
    if (
      (text.charCodeAt(at) | 32) === 99 &&
      end - at > CTE.length &&
      text.slice(at, at + CTE.length).toLowerCase() === CTE
    ) {
      base64 =
        text
          .slice(at + CTE.length, end)
          .trim()
          .toLowerCase() === 'base64';
    }
    at = eol + 1;
  }
  return -1;
}

/**
 * Where the `=` of a quoted-printable soft line break ending right before `i` is (`=\n` or `=\r\n` just
 * before `i`), or -1.
 * @internal
 *
 * @example
 * ```ts
 * softBreakBefore('Click?q=\n=3D60', 9); // 7
 * ```
 */
export function softBreakBefore(text: string, i: number): number {
  if (text.charCodeAt(i - 1) !== 10) return -1;
  const eq = text.charCodeAt(i - 2) === 13 ? i - 3 : i - 2;
  return eq >= 0 && text.charCodeAt(eq) === 61 ? eq : -1;
}

/**
 * Whether `text` is quoted-printable encoded: it has an encoded `=` (`=3D`), as every QP text with a URL
 * query, an HTML attribute or a header parameter does.
 * @internal
 *
 * @example
 * ```ts
 * isQuotedPrintable('<a href=3D"http://x.io/?q=3D1">'); // true
 * ```
 */
export function isQuotedPrintable(text: string): boolean {
  return text.includes('=3D') || text.includes('=3d');
}

/** The next delimiter-line start (a line that begins with `--`) after `from`, or -1. */
function nextDelimiter(text: string, from: number): number {
  const at = text.indexOf('\n--', from);
  return at < 0 ? -1 : at + 1;
}

/** The first line after a delimiter starts with `Content-` (any case). */
function startsWithContentHeader(text: string, at: number): boolean {
  return text.length - at >= 8 && text.slice(at, at + 8).toLowerCase() === 'content-';
}

function isBoundaryChar(text: string, i: number, quoted: boolean): boolean {
  const c = text.charCodeAt(i);
  if (quoted) return c !== 34 && c < 128 && BCHAR[c] === 1;
  // Unquoted parameter values are RFC 2045 tokens: no space, no `;`, no tspecials.
  return c < 128 && BCHAR[c] === 1 && c !== 32 && c !== 40 && c !== 41 && c !== 44 && c !== 47 && c !== 58;
}

function allBchars(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || BCHAR[c] !== 1) return false;
  }
  return true;
}

/** `end` moved back over trailing spaces, tabs and carriage returns (not before `start`). */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start) {
    const c = text.charCodeAt(end - 1);
    if (c !== 32 && c !== 9 && c !== 13) break;
    end--;
  }
  return end;
}
