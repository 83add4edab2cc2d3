/**
 * `detectSecrets`: known credential formats (cloud and SaaS keys, tokens, JWTs, PEM private keys,
 * connection strings with passwords, `password=` assignments) and high-entropy strings, with spans.
 */
import { anumber, aobject } from '@modelsec/core';
import { checkText } from '../shared/limits';
import { resolveOverlaps } from '../shared/overlap';
import { forEachMatch } from '../shared/regex';
import { clampScore, type TextSpan } from '../shared/types';
import { forEachSecretAssignment, MEMBER_PATH } from './assignments';
import { forEachEntropyCandidate, TOKEN_MIN } from './entropy';
import { assignmentGateOpen, GATE_ASSIGNMENT, GATE_LITERALS, GATE_RUNS, secretFacts } from './gates';
import { forEachHttpCredential } from './http-auth';
import { PEM_BEGIN_RE, PPK_BEGIN_RE, SECRET_PATTERNS, type SecretPattern } from './patterns';
import { shannon } from './shannon';

export { shannon } from './shannon';

/** A detected secret: kind, span and score, never the value. */
export interface SecretFinding extends TextSpan {
  /** `AWS_ACCESS_KEY_ID`, `GITHUB_TOKEN`, `JWT`, `PRIVATE_KEY`, `HIGH_ENTROPY`... */
  kind: string;
}

/** Options of `detectSecrets`. */
export interface DetectSecretsOptions {
  /** Report high-entropy tokens that match no known format (default true). */
  entropy?: boolean;
  /** Shannon entropy (bits per character) above which a base64-like token of 20+ characters is reported; default 4.2. */
  entropyThreshold?: number;
  /** Lowest score reported; default 0.5. */
  threshold?: number;
  /** Longest text accepted (UTF-16 units); default 10 Mi. */
  maxLength?: number;
}

/** The indices of SECRET_PATTERNS by the run their gate needs, shortest first. */
const GATES_BY_RUN: Int32Array = /* @__PURE__ */ Int32Array.from(GATE_RUNS.keys()).sort(
  (a, b) => (GATE_RUNS[a] as number) - (GATE_RUNS[b] as number) || a - b,
);
/** The formats open on the text being scanned (`detectSecrets` is not re-entrant: it calls no callback). */
const OPEN: Int32Array = /* @__PURE__ */ new Int32Array(GATE_RUNS.length);

/** Longest span `detectSecrets` reports outside PEM blocks (a JWT); PEM blocks are bounded by `PEM_MAX_LENGTH`. */
export const SECRET_MAX_MATCH_LENGTH = 13_320;
/** Longest PEM private-key block searched for its END line (and PuTTY key file for its MAC line). */
export const PEM_MAX_LENGTH = 16_384;
/** The last line of a PuTTY key file starts with this label, then the MAC in hexadecimal. */
const PPK_MAC = 'Private-MAC: ';

/**
 * Find credentials in `text`.
 *
 * @returns findings in text order, none overlapping.
 * @throws ModelSecTypeError for a non-string; ValidationError `too_large` above `maxLength`.
 * @example
 * ```ts
 * detectSecrets('export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE');
 * // [{ kind: 'AWS_ACCESS_KEY_ID', start: 25, end: 45, score: 0.95 }]
 * ```
 */
export function detectSecrets(text: string, options: DetectSecretsOptions = {}): SecretFinding[] {
  aobject(options as unknown, 'options');
  checkText(text, 'text', options.maxLength);
  const threshold = options.threshold ?? 0.5;
  anumber(threshold, 'options.threshold', { min: 0, max: 1 });
  const entropyThreshold = options.entropyThreshold ?? 4.2;
  anumber(entropyThreshold, 'options.entropyThreshold', { min: 0, max: 8 });
  const found: (SecretFinding & { entity: string; recognizer: string })[] = [];
  const push = (kind: string, start: number, end: number, score: number) =>
    found.push({ kind, start, end, score, entity: kind, recognizer: kind });
  // Each format runs only where its gate (gates.ts) says it can match.
  const facts = secretFacts(text);
  // The formats whose run the text has, in the order of SECRET_PATTERNS (`GATES_BY_RUN` lists them by
  // run: a text with short runs, most of them, visits only the few formats that need none).
  const open = OPEN;
  let opened = 0;
  for (let j = 0; j < GATES_BY_RUN.length; j++) {
    const k = GATES_BY_RUN[j] as number;
    if ((GATE_RUNS[k] as number) > facts.run) break;
    // Insertion in pattern order (a few formats).
    let at = opened++;
    while (at > 0 && (open[at - 1] as number) > k) {
      open[at] = open[at - 1] as number;
      at--;
    }
    open[at] = k;
  }
  for (let i = 0; i < opened; i++) {
    const k = open[i] as number;
    // `gateOpen(SECRET_GATES[k], facts, text)`, from the gates' arrays (one shape, no object per gate).
    if (GATE_ASSIGNMENT[k] === 1 && !facts.assignment) continue;
    const literal = GATE_LITERALS[k] as string;
    if (literal !== '' && !text.includes(literal)) continue;
    const p = SECRET_PATTERNS[k] as SecretPattern;
    forEachMatch(p.re, text, (m) => {
      const g = m.indices?.groups?.secret;
      if (g !== undefined) {
        if (
          ((p.kind === 'PASSWORD_ASSIGNMENT' || p.kind === 'URL_CREDENTIALS' || p.kind === 'CONNECTION_STRING') &&
            !looksLikePassword(text.slice(g[0], g[1]))) ||
          (p.kind === 'PASSWORD_ASSIGNMENT' && codeValue(text, g[0], g[1]))
        )
          return;
        push(p.kind, g[0], g[1], p.score);
      } else if (!placeholder(m[0])) push(p.kind, m.index, m.index + m[0].length, p.score);
    });
  }
  // Credentials of HTTP requests written out (http-auth.ts): Authorization headers, curl's -u.
  forEachHttpCredential(text, (kind, start, end) => push(kind, start, end, 0.85));
  // Values given to credential names (assignments.ts), where their gate lets them be.
  if (assignmentGateOpen(text, facts))
    forEachSecretAssignment(text, (start, end) => push('SECRET_ASSIGNMENT', start, end, 0.7));
  // The next END line of each kind, searched once per kind and position (linear over many BEGIN lines).
  const nextEnd = new Map<string, number>();
  // Every match has "-----BEGIN ".
  if (text.includes('-----BEGIN '))
    forEachMatch(PEM_BEGIN_RE, text, (m) => {
      const endMarker = `-----END ${m[1]}-----`;
      let stop = nextEnd.get(endMarker);
      if (stop === undefined || (stop >= 0 && stop < m.index)) {
        stop = text.indexOf(endMarker, m.index);
        nextEnd.set(endMarker, stop);
      }
      const end = stop >= 0 && stop - m.index <= PEM_MAX_LENGTH ? stop + endMarker.length : m.index + m[0].length;
      push('PRIVATE_KEY', m.index, end, 0.99);
    });
  // PuTTY key files: from the header to the end of the MAC (one search per position).
  // The header is a run of 20 token units (`facts.run`): most texts have none, and skip the search.
  if (facts.run >= 20 && text.includes('PuTTY-User-Key-File-')) {
    let mac = -2; // the next "Private-MAC: " at or after the last header (-2: not searched yet)
    let macEnd = -1; // the end of its line
    forEachMatch(PPK_BEGIN_RE, text, (m) => {
      if (mac === -2 || (mac >= 0 && mac < m.index)) {
        mac = text.indexOf(PPK_MAC, m.index);
        macEnd = mac < 0 ? -1 : hexRunEnd(text, mac + PPK_MAC.length);
      }
      const end = mac >= 0 && mac - m.index <= PEM_MAX_LENGTH ? macEnd : m.index + m[0].length;
      push('PRIVATE_KEY', m.index, end, 0.99);
    });
  }
  // The entropy check judges runs of TOKEN_MIN (20) token units or more: none in a text without one.
  if (options.entropy !== false && facts.run >= TOKEN_MIN) {
    forEachEntropyCandidate(text, (start, end) => {
      const s = text.slice(start, end);
      const h = shannon(s);
      const hex = /^[0-9a-f]+$/i.test(s);
      const limit = hex ? Math.min(entropyThreshold, 3.5) : entropyThreshold;
      if (h < limit || !mixed(s, hex)) return;
      if (hex && s.length < 32) return;
      push('HIGH_ENTROPY', start, end, clampScore(0.5 + (h - limit) / 4));
    });
  }
  const kept = resolveOverlaps(
    found.filter((f) => f.score >= threshold),
    text.length,
  );
  return kept.map((f) => ({ kind: f.kind, start: f.start, end: f.end, score: clampScore(f.score) }));
}

/** The end of the run of hexadecimal digits at `i` (a PuTTY key's MAC). */
function hexRunEnd(text: string, i: number): number {
  let e = i;
  while (e < text.length) {
    const c = text.charCodeAt(e);
    if (!((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102))) break;
    e++;
  }
  return e;
}

/** Random tokens mix character classes; identifiers like `this_is_a_long_variable_name` do not. */
function mixed(s: string, hex: boolean): boolean {
  const digits = /\d/.test(s);
  if (hex) return digits && /[a-f]/i.test(s);
  return digits && /[a-z]/.test(s) && /[A-Z]/.test(s);
}

/**
 * A token of a known format written as a placeholder: `ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
 * `AKIAXXXXXXXXXXXXXXXX`, `AIzaaaaaaa…`: below 3 bits of entropy per unit (generated tokens are far
 * above: 20 random base-32 units have about 4; AWS's documentation example `AKIAIOSFODNN7EXAMPLE` has 3.6
 * and is reported).
 */
function placeholder(token: string): boolean {
  // Or a placeholder with words in it: `sha256~XXXXXXXXXX_PUT_YOUR_TOKEN_HERE_XXXXXXXXXXXX`.
  return shannon(token) < 3 || /x{6}|X{6}|YOUR_|_HERE/.test(token);
}

/** @internal Type names written after a credential's name in code ("password: string;"). */
export const TYPE_NAMES: RegExp = /^(?:string|number|boolean|object|unknown|integer|secretstr|varchar|nullable)$/i;

/**
 * An unquoted value that is code, not a password (a password written in code is quoted): a call or an
 * index ("os.getenv(", "getpass.getpass()", "os.environ["), a member path with few digits
 * ("process.env.OPENAI_API_KEY", "settings.DB_PASSWORD", "self.api_key"), a type ("password: string"), or
 * an identifier after a quoted key ('"private_key": private_hex').
 * A quoted value and a bare one without these shapes (".env" files: `DB_PASSWORD=s3cr3t`) are kept.
 */
function codeValue(text: string, start: number, end: number): boolean {
  const before = text.charCodeAt(start - 1);
  if (before === 34 || before === 39) return false;
  const v = text.slice(start, end);
  if (v.includes('(') || v.includes('[') || TYPE_NAMES.test(v)) return true;
  // A quoted key and a bare identifier: a variable in a dict or object literal ('"private_key":
  // private_hex', '{"secret": secret_value}'); a config file quotes neither or both.
  if (!MEMBER_PATH.test(v) && !(identifier(v) && quotedKeyBefore(text, start))) return false;
  let digits = 0;
  for (let k = 0; k < v.length; k++) if ((v.charCodeAt(k) - 48) >>> 0 <= 9) digits++;
  return digits < 4;
}

/** @internal A name of code: letters, digits and "_", not starting with a digit. */
export const IDENTIFIER: RegExp = /^[A-Za-z_]\w*$/;
/** @internal A lower-case letter before a capital ("apiKey"). */
export const CAMEL: RegExp = /[a-z][A-Z]/;

/**
 * `v`, without the brackets that close the literal it stands in ("apiKeyValue}"), is a name of code with
 * a "_" or a lower-case letter before a capital ("private_hex", "apiKey"; not "hunter2", which may be a
 * password written bare).
 */
function identifier(v: string): boolean {
  let end = v.length;
  while (end > 0 && (v.charCodeAt(end - 1) === 125 || v.charCodeAt(end - 1) === 41 || v.charCodeAt(end - 1) === 93))
    end--;
  const name = v.slice(0, end);
  return IDENTIFIER.test(name) && (name.includes('_') || CAMEL.test(name));
}

/**
 * The assignment whose value starts at `start` has a quoted key: going back over spaces, ":" or "=" and
 * spaces (PASSWORD_ASSIGNMENT's `\s{0,3}[:=]{1,2}\s{0,3}`), a quote ends the key.
 */
function quotedKeyBefore(text: string, start: number): boolean {
  let k = start - 1;
  while (k >= 0 && k > start - 4 && text.charCodeAt(k) <= 32) k--;
  const c = text.charCodeAt(k);
  if (c !== 58 && c !== 61) return false;
  k--;
  if (text.charCodeAt(k) === 58 || text.charCodeAt(k) === 61) k--;
  while (k >= 0 && k > start - 12 && text.charCodeAt(k) <= 32) k--;
  const q = text.charCodeAt(k);
  return q === 34 || q === 39;
}

function looksLikePassword(v: string): boolean {
  // Skip placeholders and code references: "password=${PASSWORD}", "password: <your password>", "pass=None".
  if (/^[<{$[%]|^(?:none|null|true|false|undefined|xxx+|\*+|changeme|password|your[_-]?\w*)$/i.test(v)) return false;
  // A placeholder inside a value ("pnu_XXXXXXXX…", "sk-####", "AIzaaaaaaaaa…"), an environment variable's
  // name ("ACCESS_TOKEN").
  return !/x{4}|X{4}|#{4}|(.)\1{7}/.test(v) && !/^[A-Z]+(?:_[A-Z]+)+$/.test(v);
}
