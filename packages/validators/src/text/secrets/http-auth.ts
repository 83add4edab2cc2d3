/**
 * Credentials of HTTP requests written out, as in a pasted `curl` command:
 * - `AUTHORIZATION_HEADER`: the credential of an `Authorization:` (or `Proxy-Authorization:`) header,
 *   after its scheme (`Bearer`, `Basic`, `Token`, `Api-Token`, `Bot`, `Digest`…): `-H "Authorization:
 *   Bearer cfcabd11c7ed…"`;
 * - `BASIC_AUTH_CREDENTIALS`: the password of curl's `-u user:password` / `--user user:password` (the
 *   user part when the password is empty: `-u "sk_live_…:"`, an API key given as the user name), and the
 *   base64 login of a registry's configuration (Docker's `"auth": "…"`, npm's `_auth=…`) that decodes
 *   to `user:password`.
 * Placeholders and references are left out: `$TOKEN`, `$(gcloud auth print-access-token)`, `${{ … }}`,
 * `{{ … }}`, `<token>`, `[PASSWORD]`, `XXXX`, `****`, `...`, and the words people write for them
 * (`user:pass`, `username:password`, `test:test`, `xxx:yyy`).
 *
 * Linear: one literal-led regex pass for each; each match is read over a bounded number of units.
 */

import { MEMBER_PATH } from './assignments';

/** A credential of an Authorization header (`secret` group). @internal */
export const AUTHORIZATION_RE: RegExp =
  /(?<![A-Za-z0-9_-])(?:proxy-)?authorization["']?[ \t]{0,3}[:=][ \t]{0,3}["']?(?:(?:bearer|basic|token|api-token|bot|digest|oauth|jwt|apikey|key|ssws)[ \t]{1,3})?(?<secret>[A-Za-z0-9._~+/=:-]{8,2000})/dgi;

/**
 * curl's user option and its argument (`arg` group): `-u x`, `--user x`, `--user=x`, quoted or bare, in
 * the pieces a shell joins into one word: a quoted user, then `:` and a quoted or bare password
 * (`"user":"password"`, `'user':password`); or a bare part, then a quoted part (`kevin:'pRf7…'`).
 * Linear: each piece stops at its closing quote or at a quote or white space, and the pieces are told
 * apart by their first unit. @internal
 */
export const CURL_USER_RE: RegExp =
  /(?<=[ \t])(?:-u|--user)(?:[ \t]{1,3}|=)(?<arg>(?:"[^"\n]{1,300}"|'[^'\n]{1,300}')(?::(?:"[^"\n]{0,300}"|'[^'\n]{0,300}'|[^\s"']{1,300}))?|[^\s"']{1,300}(?:"[^"\n]{0,300}"|'[^'\n]{0,300}')?)/dg;

/**
 * A registry login stored as base64 of `user:password` (`b64` group): Docker's `"auth": "…"`
 * (`~/.docker/config.json`) and npm's `_auth=…` (`.npmrc`). @internal
 */
export const BASE64_AUTH_RE: RegExp =
  /(?:"auth"[ \t]{0,3}:[ \t]{0,3}"|(?<![A-Za-z0-9_-])_auth[ \t]{0,3}=[ \t]{0,3}["']?)(?<b64>[A-Za-z0-9+/]{8,1000}={0,2})(?![A-Za-z0-9+/=])/dg;

/** The word "curl" (the command of a curl option, on its line or a line its line continues). @internal */
export const CURL_WORD: RegExp = /(?:^|[^A-Za-z0-9_-])curl(?![A-Za-z0-9_-])/;

/**
 * Values that stand for a credential rather than being one: references and templates (`$TOKEN`,
 * `$(cmd)`, `${{ x }}`, `<token>`, `[PASSWORD]`), URLs, runs of `x`, `*` or `.`, a name in capitals
 * (`SOME_TOKEN`), the words written for a user or a password. @internal
 */
export const HTTP_PLACEHOLDER: RegExp =
  /^[$<{[(%*]|[<>]|\$[{(]|:\/\/|x{4}|X{4}|\*{4}|\.\.\.|^[A-Z]+(?:_[A-Z]+)+$|^(?:user(?:name)?|pass(?:word)?|token|secret|test|demo|admin|changeme|xxx|yyy|foo|bar|api[_-]?key)$/i;

/**
 * Call `fn(kind, start, end)` for each HTTP credential of `text` (see above).
 * @internal
 *
 * @example
 * ```ts
 * forEachHttpCredential('curl -u admin:Sup3rS3cret! https://x.io', (kind, s, e) => {}); // BASIC_AUTH_CREDENTIALS, 14, 26
 * ```
 */
export function forEachHttpCredential(text: string, fn: (kind: string, start: number, end: number) => void): void {
  const auth = AUTHORIZATION_RE;
  auth.lastIndex = 0;
  for (let m = auth.exec(text); m !== null; m = auth.exec(text)) {
    const g = m.indices?.groups?.secret as [number, number];
    const v = text.slice(g[0], g[1]);
    // Code that sets the header: a call or an index (`validateToken(token)`, `process.env[X]`), a
    // member path (`r.headers.Authorization`, `credentials.token_type + …`).
    const next = text.charCodeAt(g[1]);
    if (next === 40 || next === 91 || (MEMBER_PATH.test(v) && v.replace(/\D/g, '').length < 4)) continue;
    if (credential(v, 8)) fn('AUTHORIZATION_HEADER', g[0], g[1]);
  }
  auth.lastIndex = 0;
  // Both keys hold "auth": one search for most texts, which have neither.
  if (text.includes('auth') && (text.includes('auth"') || text.includes('_auth'))) forEachBase64Auth(text, fn);
  if (!text.includes('curl')) return;
  const user = CURL_USER_RE;
  user.lastIndex = 0;
  // Made at the first option: most texts that say "curl" have none.
  let curl: CurlReader | undefined;
  for (let m = user.exec(text); m !== null; m = user.exec(text)) {
    curl ??= new CurlReader(text);
    if (!curl.belongs(m.index)) continue;
    const arg = m.indices?.groups?.arg as [number, number];
    const span = passwordOf(text, arg[0], arg[1]);
    if (span >= 0 && credential(text.slice(span, passwordEnd), 6)) fn('BASIC_AUTH_CREDENTIALS', span, passwordEnd);
  }
  user.lastIndex = 0;
}

/** How far before a curl option its command is looked for. */
const CURL_WINDOW = 2000;

/**
 * Where a text's curl options stand, read forward once (options come in text order): the start of the
 * command line at the reading point (a line continued with a backslash belongs to the command before it)
 * and the last "curl" word before it. Each unit is read once, whatever the number of options.
 */
class CurlReader {
  private cursor = 0;
  private commandStart = 0;
  private lastCurl = -1;
  private nextCurl: number;
  private readonly words: RegExp = new RegExp(CURL_WORD.source, 'g');
  constructor(private readonly text: string) {
    this.nextCurl = this.findCurl();
  }
  /** The position of the next "curl" word (-1: none). */
  private findCurl(): number {
    const m = this.words.exec(this.text);
    return m === null ? -1 : m.index + m[0].length - 4;
  }
  /** Whether the option at `at` (not before the last one asked) belongs to a curl command. */
  belongs(at: number): boolean {
    const text = this.text;
    for (; this.cursor < at; this.cursor++) {
      if (text.charCodeAt(this.cursor) !== 10) continue;
      let k = this.cursor - 1;
      if (text.charCodeAt(k) === 13) k--;
      if (text.charCodeAt(k) !== 92) this.commandStart = this.cursor + 1;
    }
    while (this.nextCurl >= 0 && this.nextCurl < at) {
      this.lastCurl = this.nextCurl;
      this.nextCurl = this.findCurl();
    }
    return this.lastCurl >= this.commandStart && this.lastCurl >= 0 && at - this.lastCurl <= CURL_WINDOW;
  }
}

/** The end of the password `passwordOf` found last. */
let passwordEnd = 0;

/**
 * The password of the curl argument `[a, b)` as curl's shell gets it (quotes stripped: `"user":"password"`,
 * `user:'password'`), or the user part when the password is empty; -1 when there is neither.
 */
function passwordOf(text: string, a: number, b: number): number {
  let s = a;
  let e = b;
  const q = text.charCodeAt(s);
  if (q === 34 || q === 39) {
    const close = text.indexOf(String.fromCharCode(q), s + 1);
    // `"user":password`: the part after the colon is the password (the regex allows only a colon there).
    if (close + 1 < e) return unquoted(text, close + 2, e);
    s++;
    e--;
  }
  const colon = text.indexOf(':', s);
  if (colon < 0 || colon >= e) return -1;
  if (colon + 1 < e) return unquoted(text, colon + 1, e);
  // `user:` with no password: an API key given as the user name.
  if (colon === s) return -1;
  passwordEnd = colon;
  return s;
}

/**
 * `[s, e)` without the quote that opens it and the quote that closes it (a bare piece has none: a quote
 * at either end is a quoted piece's); -1 when nothing is left. Sets `passwordEnd`.
 */
function unquoted(text: string, s: number, e: number): number {
  let from = s;
  let to = e;
  const first = text.charCodeAt(from);
  if (first === 34 || first === 39) from++;
  const last = text.charCodeAt(to - 1);
  if (to > from && (last === 34 || last === 39)) to--;
  if (to <= from) return -1;
  passwordEnd = to;
  return from;
}

/** A value that could be a credential: `min` units or more, not a placeholder, not one repeated unit. */
function credential(v: string, min: number): boolean {
  if (v.length < min || HTTP_PLACEHOLDER.test(v)) return false;
  let letters = 0;
  let digits = 0;
  for (let k = 0; k < v.length; k++) {
    const c = v.charCodeAt(k);
    if (c >= 48 && c <= 57) digits++;
    else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letters++;
  }
  // Letters, and a digit, another symbol or mixed case (a word alone is a name, not a credential).
  if (letters === 0) return false;
  return digits > 0 || letters < v.length || v !== v.toLowerCase();
}

/**
 * The base64 logins of `BASE64_AUTH_RE` that decode to `user:password` in printable ASCII with a
 * password that could be a credential (a value that decodes to anything else is no login).
 */
function forEachBase64Auth(text: string, fn: (kind: string, start: number, end: number) => void): void {
  const re = BASE64_AUTH_RE;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const g = m.indices?.groups?.b64 as [number, number];
    const login = decodeBase64(text.slice(g[0], g[1]));
    const colon = login === undefined ? -1 : login.indexOf(':');
    if (login === undefined || colon < 1) continue;
    if (credential(login.slice(colon + 1), 6)) fn('BASIC_AUTH_CREDENTIALS', g[0], g[1]);
  }
  re.lastIndex = 0;
}

/** `b64` decoded as printable ASCII; `undefined` when it is not base64 of such text. */
function decodeBase64(b64: string): string | undefined {
  if (b64.length % 4 !== 0) return undefined;
  let text: string;
  try {
    text = atob(b64);
  } catch {
    return undefined;
  }
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 32 || c > 126) return undefined;
  }
  return text;
}
