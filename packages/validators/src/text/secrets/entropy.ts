/**
 * The high-entropy part of `detectSecrets`: base64-like tokens (20-512 characters of
 * `A-Z a-z 0-9 + / = _ -`) whose Shannon entropy is above a threshold and that mix character classes,
 * except where such tokens are public or structural rather than credentials:
 * - inside a URL before its query, each `/`-separated path segment is judged on its own: a tracking
 *   link `click.yahoo.com/pt6YBB/NXiEAA/mG3HAA/7gSolB/TM` is five short segments, a webhook token is one
 *   long segment;
 * - in a URL's query or fragment, only the values of parameters whose name names a credential (`key`,
 *   `token`, `secret`, `sig`, `auth`, `pass`, `pwd`, `cred`, `session`, `sid`, `jwt`, `bearer`, `private`,
 *   `code`: `api_key=`, `X-Amz-Signature=`, `#access_token=`) are judged, the value alone; other values
 *   (`q=4a-HcgUIPpcnTHdco...`, `contentId=`) are identifiers of the page, not credentials;
 * - the lines of a base64 body (MIME attachments, armored data): consecutive lines that are each one
 *   token, four or more of one of the widths encoders wrap at (60, 64, 72 or 76) and at most one shorter
 *   last line, not all hexadecimal. Three keys of 64 characters one per line are still judged one by
 *   one, and so is a list of hex keys or digests;
 * - armored public blocks: PGP signatures, public keys and messages, certificates, public keys;
 * - mail syntax (`mail.ts`): multipart boundaries, the bodies of base64 parts, and URLs cut by
 *   quoted-printable soft line breaks, which stay URLs across the break (the query name before it
 *   counts, `=3D` is an encoded `=`);
 * - labelled digests and RFC 2047 encoded words (`labels.ts`).
 * And a name written with its value as one token (`OPENAI_API_KEY=sk-…`) is judged part by part: base64
 * has `=` only as padding at its end, so an `=` inside a token ends a name.
 * Private-key blocks are reported whole by `detectSecrets` (`PRIVATE_KEY`), known token formats by their
 * patterns: neither depends on this check.
 */

import { labelledNonSecret } from './labels';
import { isQuotedPrintable, mimeSpans, softBreakBefore } from './mail';

/** Token characters (base64, URL-safe base64 and padding): 1. */
const TOKEN: Uint8Array = /* @__PURE__ */ (() => {
  const t = new Uint8Array(128);
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-') t[c.charCodeAt(0)] = 1;
  return t;
})();
/** Characters that end a URL (with whitespace): quotes, brackets, `<`, `>`, backquote, `|`, `\`, `^`. */
const URL_END: Uint8Array = /* @__PURE__ */ (() => {
  const t = new Uint8Array(128);
  for (const c of `"'<>\`()[]{}|\\^`) t[c.charCodeAt(0)] = 1;
  return t;
})();

/** Shortest token looked at (`detectSecrets` skips texts without one). @internal */
export const TOKEN_MIN = 20;
/** Longest token looked at. */
const TOKEN_MAX = 512;

/** Labels of armored blocks that hold public material. */
const PUBLIC_BLOCKS: readonly string[] = [
  'PGP SIGNATURE',
  'PGP PUBLIC KEY BLOCK',
  'PGP MESSAGE',
  'CERTIFICATE',
  'TRUSTED CERTIFICATE',
  'CERTIFICATE REQUEST',
  'NEW CERTIFICATE REQUEST',
  'X509 CRL',
  'PUBLIC KEY',
  'RSA PUBLIC KEY',
];
/** Longest public block skipped (a certificate chain fits; a longer block is judged token by token). */
const PUBLIC_BLOCK_MAX = 1 << 16;

/**
 * Call `fn(start, end)` for each token of `text` the entropy check judges: every maximal token run of
 * `TOKEN_MIN`-`TOKEN_MAX` characters, except in public blocks and base64 bodies, with URL paths split
 * into their segments (see above). Linear in the length of `text`.
 * @internal
 *
 * @example
 * ```ts
 * forEachEntropyCandidate('see https://x.io/pt6YBB/NXiEAA and key=Zx8pQ2mLk9vB4nR7tY1w', (s, e) => {});
 * // called once, for "Zx8pQ2mLk9vB4nR7tY1w" (the value of "key=…")
 * ```
 */
export function forEachEntropyCandidate(text: string, fn: (start: number, end: number) => void): void {
  // Most texts have no token of TOKEN_MIN characters: the state is made at the first one.
  let st: Candidates | undefined;
  const n = text.length;
  // 0: not in a URL; 1: in a URL before its query or fragment; 2: in its query or fragment.
  let url = 0;
  // Whether the text is quoted-printable (-1: not asked yet; asked at a line break inside a URL).
  let qp = -1;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    if (c < 128 && TOKEN[c] !== 0) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      // Shorter tokens are never judged, and leave rows as they are (see `flushRow`).
      if (i - start >= TOKEN_MIN) {
        st ??= { text, fn, blocks: structure(text), b: 0, rowStart: [], rowEnd: [], qp: false };
        if (url === 2 && qp === -1) qp = isQuotedPrintable(text) ? 1 : 0;
        st.qp = qp === 1;
        candidate(st, start, i, url, i === n || c === 10 || c === 13);
      }
      start = -1;
    }
    // URL state: "://" opens a URL, "?" or "#" its query, whitespace and delimiters end it.
    if (c <= 32 || (c < 128 && URL_END[c] === 1)) {
      // A quoted-printable soft line break (`=` newline) does not end a URL.
      if (url !== 0 && (c === 10 || c === 13) && softBreakAt(text, i)) {
        if (qp === -1) qp = isQuotedPrintable(text) ? 1 : 0;
        if (qp === 1) continue;
      }
      url = 0;
    } else if (c === 58 && text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) === 47) url = 1;
    else if (c === 58 && schemeAcrossSoftBreak(text, i)) {
      if (qp === -1) qp = isQuotedPrintable(text) ? 1 : 0;
      if (qp === 1) url = 1;
    } else if (url === 1 && (c === 63 || c === 35)) url = 2;
  }
  if (st !== undefined) flushRow(st);
}

/** What `forEachEntropyCandidate` keeps once a text has a long token. */
interface Candidates {
  text: string;
  fn: (start: number, end: number) => void;
  /** `structure(text)`, and the first block that may hold the next candidate. */
  blocks: number[];
  b: number;
  /** Whole-line tokens in a row (base64 body candidates): their starts and ends. */
  rowStart: number[];
  rowEnd: number[];
  /** The text is quoted-printable (known once a query token is met). */
  qp: boolean;
}

/** `:` at `i` starts `://` cut by one soft line break (`http:/=` newline `/host`, `http:=` newline `//host`). */
function schemeAcrossSoftBreak(text: string, i: number): boolean {
  let k = i + 1;
  let soft = false;
  for (let slashes = 0; slashes < 2; slashes++) {
    if (!soft && text.charCodeAt(k) === 61) {
      const next = text.charCodeAt(k + 1) === 13 ? k + 2 : k + 1;
      if (text.charCodeAt(next) === 10) {
        soft = true;
        k = next + 1;
      }
    }
    if (text.charCodeAt(k) !== 47) return false;
    k++;
  }
  return soft;
}

/** The line break at `i` (`\n`, or the `\r` of `\r\n`) ends a soft line break. */
function softBreakAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 13) return text.charCodeAt(i + 1) === 10 && text.charCodeAt(i - 1) === 61;
  return softBreakBefore(text, i + 1) >= 0;
}

/** A token of `TOKEN_MIN` or more characters in `[start, end)`; `lineEnd`: a line ends at `end`. */
function candidate(st: Candidates, start: number, end: number, url: number, lineEnd: boolean): void {
  const text = st.text;
  if (url === 1) {
    flushRow(st);
    // Path segments one by one (each at most the run's length: linear).
    let s = start;
    for (let k = start; k <= end; k++) {
      if (k === end || text.charCodeAt(k) === 47) {
        emitIn(st, s, k);
        s = k + 1;
      }
    }
  } else if (url === 2) {
    flushRow(st);
    const value = credentialValue(text, start, end, st.qp);
    if (value >= 0) emitIn(st, value, end);
  } else if (lineEnd && (start === 0 || text.charCodeAt(start - 1) === 10) && end - start <= TOKEN_MAX) {
    const last = st.rowEnd.length - 1;
    if (last >= 0 && !nextLine(text, st.rowEnd[last] as number, start)) flushRow(st);
    st.rowStart.push(start);
    st.rowEnd.push(end);
  } else {
    flushRow(st);
    emitIn(st, start, end);
  }
}

/**
 * Judge the row of whole-line tokens: base64 bodies in it are skipped, every other line is passed on.
 * Lines shorter than `TOKEN_MIN` are not in rows: they end one (the next line is not adjacent), as a
 * body's shorter last line would, and they are never judged.
 */
function flushRow(st: Candidates): void {
  const { rowStart, rowEnd } = st;
  const count = rowStart.length;
  let k = 0;
  while (k < count) {
    const w = (rowEnd[k] as number) - (rowStart[k] as number);
    let j = k;
    while (j + 1 < count && (rowEnd[j + 1] as number) - (rowStart[j + 1] as number) === w) j++;
    // Lines k..j have width w; a shorter line after them is a body's last line.
    const last = j + 1 < count && (rowEnd[j + 1] as number) - (rowStart[j + 1] as number) < w ? j + 1 : j;
    if (isEncoderWidth(w) && j - k >= 3 && !allHex(st.text, rowStart[k] as number, rowEnd[last] as number)) {
      k = last + 1;
      continue;
    }
    for (; k <= j; k++) emitIn(st, rowStart[k] as number, rowEnd[k] as number);
  }
  rowStart.length = 0;
  rowEnd.length = 0;
}

/** Pass the parts of the token `[start, end)` on to `judge`: the whole token, or its name and value. */
function emitIn(st: Candidates, start: number, end: number): void {
  // Base64 has `=` only as padding at its end: an `=` inside a token separates a name from its value
  // (`OPENAI_API_KEY=sk-…`, `_auth=dXNl…`), and each part is judged alone (the value keeps its padding).
  const text = st.text;
  let s = start;
  for (let k = start; k < end; k++) {
    if (text.charCodeAt(k) !== 61) continue;
    let e = k + 1;
    while (e < end && text.charCodeAt(e) === 61) e++;
    if (e === end) break;
    judge(st, s, k);
    s = e;
    k = e - 1;
  }
  judge(st, s, end);
}

/** Pass `[start, end)` on unless it is too short or long, in a public block or a labelled non-secret. */
function judge(st: Candidates, start: number, end: number): void {
  const len = end - start;
  if (len < TOKEN_MIN || len > TOKEN_MAX) return;
  const blocks = st.blocks;
  while (st.b < blocks.length && (blocks[st.b + 1] as number) <= start) st.b += 2;
  if (st.b < blocks.length && (blocks[st.b] as number) <= start) return;
  if (labelledNonSecret(st.text, start, end)) return;
  st.fn(start, end);
}

/** Parameter-name words that mark a credential. */
const CREDENTIAL_WORDS: readonly string[] = [
  'key',
  'token',
  'secret',
  'sig',
  'auth',
  'pass',
  'pwd',
  'cred',
  'session',
  'sid',
  'jwt',
  'bearer',
  'private',
  'code',
];

/**
 * For a `name=value` query token in `[start, end)`: where the value starts when the name names a
 * credential, -1 otherwise (other parameters, and query tokens without a name). After a soft line break
 * the name may begin on the line before (`?q=` newline `=3D60...`); in quoted-printable text (`qp`) the
 * `=` between name and value is written `=3D`.
 */
function credentialValue(text: string, start: number, end: number, qp: boolean): number {
  let eq = start;
  const stop = Math.min(end, start + 65);
  while (eq < stop && text.charCodeAt(eq) !== 61) eq++;
  let name: string;
  let value: number;
  const soft = softBreakBefore(text, start);
  if (soft >= 0) {
    let p = soft;
    while (p > 0 && soft - p < 64 && isToken(text.charCodeAt(p - 1))) p--;
    const before = text.slice(p, soft);
    const cut = before.indexOf('=');
    if (cut >= 0) {
      // The value began before the break: this token continues it.
      name = before.slice(0, cut);
      value = start;
    } else {
      if (eq === stop) return -1;
      name = before + text.slice(start, eq);
      value = eq + 1;
    }
  } else {
    if (eq === stop) return -1;
    name = text.slice(start, eq);
    value = eq + 1;
  }
  // "=3D" is the encoded "=": in quoted-printable text a literal "=" never precedes "3D".
  if (qp && value === eq + 1 && text.charCodeAt(value) === 51 && (text.charCodeAt(value + 1) | 32) === 100) value += 2;
  name = name.toLowerCase();
  for (const w of CREDENTIAL_WORDS) if (name.includes(w)) return value;
  return -1;
}

function isToken(c: number): boolean {
  return c < 128 && TOKEN[c] === 1;
}

/** Whether the line starting at `next` directly follows the line ending at `end` (`\n` or `\r\n`). */
function nextLine(text: string, end: number, next: number): boolean {
  if (next === end + 1) return text.charCodeAt(end) === 10;
  return next === end + 2 && text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10;
}

/** The widths base64 encoders wrap lines at: uuencode/base64 60, PEM and OpenPGP 64, 72, MIME 76. */
function isEncoderWidth(w: number): boolean {
  return w === 60 || w === 64 || w === 72 || w === 76;
}

/** Whether `[start, end)` has only hexadecimal digits and line breaks. */
function allHex(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const l = c | 32;
    if (!((l >= 48 && l <= 57) || (l >= 97 && l <= 102) || c === 10 || c === 13)) return false;
  }
  return true;
}

/** The armored public blocks and the multipart syntax of `text`, as sorted, merged `[start, end, ...]`. */
function structure(text: string): number[] {
  const spans = publicBlocks(text);
  const mime = mimeSpans(text);
  if (mime.length === 0) return spans;
  for (const x of mime) spans.push(x);
  const order = Array.from({ length: spans.length / 2 }, (_, k) => k).sort(
    (a, b) => (spans[2 * a] as number) - (spans[2 * b] as number),
  );
  const out: number[] = [];
  for (const k of order) {
    const s = spans[2 * k] as number;
    const e = spans[2 * k + 1] as number;
    const last = out.length - 1;
    if (last > 0 && s <= (out[last] as number)) out[last] = Math.max(out[last] as number, e);
    else out.push(s, e);
  }
  return out;
}

/** `[start, end, start, end, ...]` of the armored public blocks of `text`, in order, not overlapping. */
function publicBlocks(text: string): number[] {
  const out: number[] = [];
  // The next END line of each label at or after the last search (-1: none): each label's END lines are
  // searched for once per position, so many BEGIN lines without an END stay linear.
  const nextEnd = new Map<string, number>();
  let from = 0;
  for (let at = text.indexOf('-----BEGIN ', from); at >= 0; at = text.indexOf('-----BEGIN ', from)) {
    from = at + 11;
    for (const label of PUBLIC_BLOCKS) {
      const head = `-----BEGIN ${label}-----`;
      if (!text.startsWith(head, at)) continue;
      const tail = `-----END ${label}-----`;
      let stop = nextEnd.get(label);
      if (stop === undefined || (stop >= 0 && stop < at + head.length)) {
        stop = text.indexOf(tail, at + head.length);
        nextEnd.set(label, stop);
      }
      if (stop >= 0 && stop - at <= PUBLIC_BLOCK_MAX) {
        out.push(at, stop + tail.length);
        from = stop + tail.length;
      }
      break;
    }
  }
  return out;
}
