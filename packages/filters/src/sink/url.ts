/**
 * URL checks for sinks, done on the exact string the browser or Markdown renderer will see: character
 * references decoded, tabs and newlines removed and backslashes read as slashes (as URL parsers do),
 * then the scheme compared with an allow list. Anything without an allowed scheme that is not a plain
 * relative reference is refused, so `JaVa&#x09;Script:`, `java\nscript:` and `data:` never pass.
 */

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  colon: ':',
  tab: '\t',
  newline: '\n',
  sol: '/',
  bsol: '\\',
  lpar: '(',
  rpar: ')',
  period: '.',
  comma: ',',
  excl: '!',
  num: '#',
  percnt: '%',
  quest: '?',
  equals: '=',
  nbsp: '\u00a0',
};

/**
 * Decode HTML character references (numeric, and the named ones that matter in URLs and markup).
 * Unknown names are left as they are.
 * @internal
 */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#[xX]([0-9a-fA-F]{1,8})|#(\d{1,10})|([A-Za-z][A-Za-z0-9]{1,31}));?/g, (m, hex, dec, name) => {
    if (name !== undefined) return NAMED[(name as string).toLowerCase()] ?? m;
    const cp = Number.parseInt((hex ?? dec) as string, hex ? 16 : 10);
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\uFFFD';
    return String.fromCodePoint(cp);
  });
}

/** What a URL check decides. */
export interface UrlCheck {
  /** True when the URL may be emitted. */
  ok: boolean;
  /** The scheme (lower case, without `:`), `relative`, or `protocol-relative`. */
  scheme: string;
  /** Host of an absolute URL (lower case), if any. */
  host: string | undefined;
  /** The URL as a URL parser reads it (controls, tabs and newlines removed, backslashes as slashes). */
  url: string;
}

/**
 * Check a (decoded) URL against allowed schemes and, optionally, allowed hosts.
 * @internal
 */
export function checkUrl(
  decoded: string,
  schemes: ReadonlySet<string>,
  options: { hosts?: readonly string[]; relative?: boolean } = {},
): UrlCheck {
  const s = trimC0(decoded)
    .replace(/[\t\n\r]/g, '')
    .replace(/\\/g, '/');
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]{0,31}):/.exec(s);
  let scheme: string;
  if (m) scheme = (m[1] as string).toLowerCase();
  else if (s.startsWith('//')) scheme = 'protocol-relative';
  else if (/^[^:]*$/.test(s.split(/[/?#]/)[0] ?? '')) scheme = 'relative';
  else return { ok: false, scheme: 'invalid', host: undefined, url: s };
  let host: string | undefined;
  if (scheme !== 'relative') {
    try {
      host = new URL(scheme === 'protocol-relative' ? `https:${s}` : s).hostname.toLowerCase();
    } catch {
      host = undefined;
    }
  }
  let ok =
    scheme === 'relative' ? options.relative !== false : schemes.has(scheme === 'protocol-relative' ? 'https' : scheme);
  if (ok && options.hosts !== undefined) {
    ok = host !== undefined && options.hosts.some((h) => host === h || (host as string).endsWith(`.${h}`));
  }
  return { ok, scheme, host, url: s };
}

/** Strip leading and trailing C0 controls and spaces, as URL parsers do. */
function trimC0(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 0x20) a++;
  while (b > a && s.charCodeAt(b - 1) <= 0x20) b--;
  return s.slice(a, b);
}

/**
 * Escape text for an HTML attribute value or text node.
 * @internal
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c] as string);
}

const ESC: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
