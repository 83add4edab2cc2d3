/**
 * Byte → text helpers for the pickle disassembler: fast ASCII/Latin-1 decoding, UTF-8 (strict for
 * GLOBAL/INST lines as CPython's unpickler decodes them, lenient for string values), the escape
 * decoding of protocol-0 STRING/UNICODE arguments, and Python `int()` parsing of decimal lines.
 */

const utf8Strict = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = /* @__PURE__ */ new TextDecoder('utf-8');

/**
 * Decode `buf[start, end)` as Latin-1 (every byte is one code unit).
 *
 * @example
 * ```ts
 * latin1(new Uint8Array([0x6f, 0x73]), 0, 2); // 'os'
 * ```
 */
export function latin1(buf: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i += 4096) {
    out += String.fromCharCode.apply(null, buf.subarray(i, Math.min(end, i + 4096)) as unknown as number[]);
  }
  return out;
}

function isAscii(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if ((buf[i] as number) >= 0x80) return false;
  return true;
}

/**
 * Decode UTF-8; with `strict` invalid bytes give `undefined`, otherwise U+FFFD replacements.
 *
 * @example
 * ```ts
 * utf8(new Uint8Array([0xf8]), 0, 1, true); // undefined
 * ```
 */
export function utf8(buf: Uint8Array, start: number, end: number, strict: boolean): string | undefined {
  if (end - start <= 64 && isAscii(buf, start, end)) return latin1(buf, start, end);
  const view = buf.subarray(start, end);
  if (!strict) return utf8Lenient.decode(view);
  try {
    return utf8Strict.decode(view);
  } catch {
    return undefined;
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\n': '',
};

/**
 * Python `codecs.escape_decode` of a STRING argument (quotes already removed), as Latin-1 text.
 *
 * @example
 * ```ts
 * escapeDecode('o\\x73'); // 'os'
 * ```
 */
export function escapeDecode(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|[\s\S])/g, (_m, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(Number.parseInt(e, 8) & 0xff);
    return SIMPLE_ESCAPES[e] ?? `\\${e}`;
  });
}

/**
 * Python `raw-unicode-escape` decoding of a UNICODE argument given as Latin-1 text.
 *
 * @example
 * ```ts
 * rawUnicodeEscape('\\u0065val'); // 'eval'
 * ```
 */
export function rawUnicodeEscape(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (m, u4?: string, u8?: string) => {
    const cp = Number.parseInt((u4 ?? u8) as string, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

const INT_RE = /^\s*([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*)\s*$/;

/**
 * Parse a decimal line the way Python's `int(s, 0)` does (signs, underscores, 0x/0o/0b); undefined
 * when it is not an integer. Large values come back as bigint.
 *
 * @example
 * ```ts
 * parsePyInt(' 42 '); // 42
 * ```
 */
export function parsePyInt(s: string): number | bigint | undefined {
  const m = INT_RE.exec(s);
  if (!m) return undefined;
  const body = (m[2] as string).replace(/_/g, '');
  if (body === '') return undefined;
  let v: bigint;
  try {
    v = BigInt(body);
  } catch {
    return undefined;
  }
  if (m[1] === '-') v = -v;
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}
