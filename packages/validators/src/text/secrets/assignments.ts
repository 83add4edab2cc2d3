/**
 * `SECRET_ASSIGNMENT`: a random-looking value given to a name that says it is a credential, in the
 * shapes code and configuration write it: `githubToken = "…"`, `GITHUB_TOKEN=…`, `"api_key": "…"`,
 * `stripe_secret: …`, `var slackToken string = "…"`, `$apiKey .= "…"`, `MAILGUN_API_KEY ?= "…"`,
 * `"aws_secret" => "…"`, `<ApiToken>…</ApiToken>`, `setProperty("X_TOKEN", "…")`.
 *
 * The name is the identifier that ends with the credential word (`token`, `secret`, `password`, `passwd`,
 * `pwd`, `passphrase`, `credential(s)`, `creds`, `apikey`, and `key` after `api`, `access`, `secret`,
 * `private`, `auth`, `client`, `app`, `master`, `account`, `service`, `signing`, `encryption`,
 * `subscription`, `consumer`, `shared` or `session`): `tokenCount`, `token_type`, `monkey` and
 * `cache_key` are not credentials. The value is kept when it could be a generated credential: 10 to 200
 * units without white space, letters and two digits or more ("x320l5oiw9jlteslj" yes; "changeme",
 * "getTokenFromEnv", "Uint8Array" no), Shannon entropy of 3 bits per unit or more, and none of the shapes
 * of a reference, a call or a placeholder: `${…}`, `{{…}}`, `<…>`, `%…%`, `process.env.X`,
 * `config.api.token`, `pki.privateKeyToAsn1(key)`, a URL or a path, `xxxx`, `****`, `your_…`,
 * `…example…`. `==` and `=~` compare, they do not assign.
 *
 * Linear: one pass of a literal-led regex finds the credential words; each is read forward over at most a
 * few hundred units.
 */
import { shannon } from './shannon';

/** The credential words, ending the identifier they are in (no identifier unit after them). @internal */
export const CREDENTIAL_WORD_RE: RegExp =
  /(?:token|secret|passw(?:or)?d|pwd|passphrase|credentials?|creds|apikey|(?:api|access|secret|private|auth|client|app|master|account|service|signing|encryption|subscription|consumer|shared|session)[_-]?key)(?![A-Za-z0-9_.-])/gi;

/** Shortest and longest value kept. */
const MIN_VALUE = 10;
const MAX_VALUE = 200;

/** Identifier units (the name's): letters, digits, `_`, `.`, `-`. */
function isNameUnit(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Units that end an unquoted value: white space, quotes, `,;()]}&\<>` and the end of the text. */
function endsBare(c: number): boolean {
  return (
    Number.isNaN(c) ||
    c <= 32 ||
    c === 34 ||
    c === 39 ||
    c === 96 ||
    c === 44 ||
    c === 59 ||
    c === 40 ||
    c === 41 ||
    c === 93 ||
    c === 125 ||
    c === 38 ||
    c === 92 ||
    c === 60 ||
    c === 62
  );
}

/** The assignment signs after a name, longest first: make's `:::=`, `::=`, `:=`, `?=`, `.=`, `+=`, `=>`, `=`, `:`. */
const SIGNS: readonly string[] = [':::=', '::=', ':=', '?=', '.=', '+=', '=>', '=', ':'];

/**
 * The length of the assignment sign at `i` (0: none). `==` and `=~` compare or match, they do not assign.
 */
function signAt(text: string, i: number): number {
  for (const s of SIGNS) {
    if (!text.startsWith(s, i)) continue;
    const next = text.charCodeAt(i + s.length);
    if (s === '=' && (next === 61 || next === 126)) return 0;
    return s.length;
  }
  return 0;
}

/** A type written between a name and its sign (`var slackToken string = …`). @internal */
export const TYPE_RE: RegExp = /[ \t]{1,3}(?:string|String|str)(?![A-Za-z0-9_])/y;

/**
 * Call `fn(start, end)` with the span of each value assigned to a credential name in `text` (see above).
 * @internal
 *
 * @example
 * ```ts
 * forEachSecretAssignment('slackToken := "x320l5oiw9jlteslj2"', (s, e) => {}); // 15, 33
 * ```
 */
export function forEachSecretAssignment(text: string, fn: (start: number, end: number) => void): void {
  const re = CREDENTIAL_WORD_RE;
  re.lastIndex = 0;
  bareClear = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const wordEnd = m.index + m[0].length;
    let nameStart = m.index;
    while (nameStart > 0 && m.index - nameStart < 64 && isNameUnit(text.charCodeAt(nameStart - 1))) nameStart--;
    const start = valueAfter(text, nameStart, wordEnd);
    // A value kept is passed over; a value refused may hold the next name ("token=token=…").
    if (start >= 0 && keep(text, start, valueEnd)) {
      fn(start, valueEnd);
      re.lastIndex = Math.max(re.lastIndex, valueEnd);
    }
  }
  re.lastIndex = 0;
}

/** The end of the value `valueAfter` found last (module-level: one value at a time, no allocation). */
let valueEnd = 0;
/** Whether that value was quoted. */
let valueQuoted = false;
/** In the text being read: `[p, bareClear)` has no unit that ends a bare value, for the last `p` read. */
let bareClear = 0;

/**
 * The start of the value assigned after the name `[nameStart, nameEnd)` (-1: none; its end in
 * `valueEnd`): the sign, then a quoted value up to its closing quote or a bare value up to `endsBare`.
 */
function valueAfter(text: string, nameStart: number, nameEnd: number): number {
  let i = nameEnd;
  const before = text.charCodeAt(nameStart - 1);
  // A quoted name ("api_key": …, 'X_TOKEN', …) and its closing quote.
  const quotedName = (before === 34 || before === 39) && text.charCodeAt(i) === before;
  if (quotedName) i++;
  let quoteRequired = false;
  if (before === 60 && text.charCodeAt(i) === 62) {
    // An XML element: `<ApiToken>` and its text, on the same line or the next.
    i++;
    let k = 0;
    while (k < 24 && (isSpace(text.charCodeAt(i)) || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13)) {
      i++;
      k++;
    }
  } else if (quotedName && text.charCodeAt(i) === 44) {
    // `setProperty("X_TOKEN", "…")`: a quoted value after the comma.
    i++;
    while (isSpace(text.charCodeAt(i)) && i - nameEnd < 6) i++;
    quoteRequired = true;
  } else {
    TYPE_RE.lastIndex = i;
    if (TYPE_RE.test(text)) i = TYPE_RE.lastIndex;
    let k = 0;
    while (k < 3 && isSpace(text.charCodeAt(i))) {
      i++;
      k++;
    }
    const sign = signAt(text, i);
    if (sign === 0) return -1;
    i += sign;
    k = 0;
    while (k < 3 && isSpace(text.charCodeAt(i))) {
      i++;
      k++;
    }
  }
  const q = text.charCodeAt(i);
  if (q === 34 || q === 39 || q === 96) {
    const start = i + 1;
    let end = start;
    while (end < text.length && end - start <= MAX_VALUE && text.charCodeAt(end) !== q) {
      const c = text.charCodeAt(end);
      if (c <= 32 || c === 92) return -1;
      end++;
    }
    if (text.charCodeAt(end) !== q || end - start > MAX_VALUE) return -1;
    valueEnd = end;
    valueQuoted = true;
    return start;
  }
  if (quoteRequired) return -1;
  const start = i;
  // Units up to `bareClear` are known to end no value (read for an earlier name): resume after them, so
  // that names packed closer than a value's length ("token=token=…") read each unit once.
  let end = bareClear > start ? Math.min(bareClear, start + MAX_VALUE + 1) : start;
  while (end - start <= MAX_VALUE && !endsBare(text.charCodeAt(end))) end++;
  if (end > bareClear) bareClear = end;
  // Longer than a value, or a call (`pki.privateKeyToAsn1(key)`).
  if (end - start > MAX_VALUE || text.charCodeAt(end) === 40) return -1;
  valueEnd = end;
  valueQuoted = false;
  return start;
}

/** A reference or a placeholder rather than a value: `${X}`, `{{x}}`, `<x>`, `%X%`, `@x`, a URL or a path. @internal */
export const REFERENCE_START: RegExp = /^(?:[$<{[%@(#*/~]|\.\/|[a-z][a-z0-9+.-]*:\/\/|file:)/i;
/** Words of placeholders and examples. @internal */
export const PLACEHOLDER: RegExp =
  /xxxx|\*\*\*\*|\.\.\.|your[_-]|example|placeholder|changeme|redacted|dummy|sample|insert[_-]|replace[_-]?me|secret[_-]?here|token[_-]?here|key[_-]?here/i;
/** A credential word and a sign inside a bare value. @internal */
export const NAME_IN_VALUE: RegExp = /(?:token|secret|pass|pwd|cred|key)["'\s]{0,3}[=:]/i;
/** A member path of names: `process.env.GITHUB_TOKEN`, `config.api.token`, `window.localStorage`. @internal */
export const MEMBER_PATH: RegExp = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;

/** Whether the value `[start, end)` could be a generated credential (see the module's comment). */
function keep(text: string, start: number, end: number): boolean {
  const len = end - start;
  if (len < MIN_VALUE || len > MAX_VALUE) return false;
  const v = text.slice(start, end);
  if (REFERENCE_START.test(v) || PLACEHOLDER.test(v)) return false;
  // A bare value that goes on over another credential name and its sign ("token=token=…").
  if (!valueQuoted && NAME_IN_VALUE.test(v)) return false;
  let digits = 0;
  let letters = 0;
  for (let k = 0; k < len; k++) {
    const c = v.charCodeAt(k);
    if (c >= 48 && c <= 57) digits++;
    else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letters++;
  }
  // Two digits or more: a name with one ("Uint8Array", "sha1Hex") is a type or a variable.
  if (letters === 0 || digits < 2) return false;
  // A member path with few digits (a generated token with periods has many).
  if (digits < 4 && MEMBER_PATH.test(v)) return false;
  return shannon(v) >= 3;
}
