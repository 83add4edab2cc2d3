/**
 * The default redactor for audit events: bounded, structure-preserving, and conservative. It
 * replaces values under sensitive keys (authorization, cookie, password, secret, token, api key,
 * private key, session, credential...) and, inside any string, JWTs, bearer credentials, modelsec
 * API keys, e-mail addresses, long digit runs (card, phone and account numbers) and long mixed-case
 * base64-like secrets. Strings are cut at 1,024 characters, arrays at 100 items, objects at 64 keys,
 * depth at 8, so an event can never grow an entry without bound. Every pattern is linear or bounded.
 *
 * Plug in a stronger detector, such as the validators' PII redactor (names, addresses, phone numbers,
 * IBANs... with keyed-hash pseudonyms), with `composeRedactors` and `stringRedactor`:
 * `composeRedactors(defaultAuditRedactor, stringRedactor((s) => redactPII(s, { mode: 'hash', key }).text))`.
 */
import type { AuditEvent } from './types';

/** A redactor: returns a copy of the event that is safe to keep forever. */
export type AuditRedactor = (event: AuditEvent) => AuditEvent;

const SENSITIVE_KEY =
  /authorization|cookie|passw(?:or)?d|secret|token|api[-_]?key|private[-_]?key|session|credential|pepper|^pin$|^ssn$/i;
const MAX_STRING = 1024;
const MAX_ITEMS = 100;
const MAX_KEYS = 64;
const MAX_DEPTH = 8;

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[REDACTED:jwt]'],
  [/\b(Bearer|Basic|ApiKey) +[^\s,;]{4,}/gi, '$1 [REDACTED]'],
  [/\b[a-z]{1,16}_[A-Za-z0-9]{8,64}_[A-Za-z0-9_-]{32,128}/g, '[REDACTED:api-key]'],
  [/[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g, '[REDACTED:email]'],
  [/(?<![\w-])\d(?:[ -]?\d){8,}(?![\w-])/g, '[REDACTED:number]'],
];

/**
 * Redact an audit event with the built-in rules.
 *
 * @example
 * ```ts
 * defaultAuditRedactor({ note: 'mail bob@example.com', headers: { authorization: 'Bearer abc' } });
 * // { note: 'mail [REDACTED:email]', headers: { authorization: '[REDACTED]' } }
 * ```
 */
export function defaultAuditRedactor(event: AuditEvent): AuditEvent {
  return redactValue(event, 0) as AuditEvent;
}

/**
 * Redact one string with the built-in patterns (after cutting it to 1,024 characters).
 *
 * @example
 * ```ts
 * redactString('token eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhIn0.c2ln'); // 'token [REDACTED:jwt]'
 * ```
 */
export function redactString(text: string): string {
  let out = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…[truncated]` : text;
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return redactHighEntropy(out);
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value === null) return value;
  if (typeof value !== 'object' || value === undefined) return undefined;
  if (depth >= MAX_DEPTH) return '[REDACTED:too-deep]';
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((v) => redactValue(v, depth + 1) ?? null);
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const key of Object.keys(value)) {
    if (n++ >= MAX_KEYS) break;
    const safeKey = redactString(key.length > 64 ? `${key.slice(0, 64)}…` : key);
    const v = (value as Record<string, unknown>)[key];
    if (SENSITIVE_KEY.test(key)) out[safeKey] = '[REDACTED]';
    else {
      const r = redactValue(v, depth + 1);
      if (r !== undefined) out[safeKey] = r;
    }
  }
  return out;
}

/**
 * Turn a text redactor (such as `(s) => redactPII(s, { mode: 'hash', key }).text` from
 * `@modelsec/validators`) into an event redactor applied to every string value and key, depth-bounded.
 *
 * @example
 * ```ts
 * import { redactPII } from '@modelsec/validators';
 * const pii = stringRedactor((s) => redactPII(s, { mode: 'hash', key: pseudonymKey }).text);
 * createAuditLog({ sink, signer, redact: composeRedactors(defaultAuditRedactor, pii) });
 * ```
 */
export function stringRedactor(redactText: (text: string) => string): AuditRedactor {
  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return redactText(value);
    if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return value;
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redactText(k)] = walk(v, depth + 1);
    return out;
  };
  return (event) => walk(event, 0) as AuditEvent;
}

/**
 * Apply redactors left to right.
 *
 * @example
 * ```ts
 * const redact = composeRedactors(defaultAuditRedactor, (e) => ({ ...e, principal: pseudonym(e.principal) }));
 * ```
 */
export function composeRedactors(...redactors: AuditRedactor[]): AuditRedactor {
  return (event) => redactors.reduce((e, r) => r(e), event);
}

/** Runs of ≥ 32 base64/base64url characters mixing upper case, lower case and digits look like secrets. */
function redactHighEntropy(text: string): string {
  let out = '';
  let start = -1;
  const flush = (end: number) => {
    const run = text.slice(start, end);
    out += run.length >= 32 && /[A-Z]/.test(run) && /[a-z]/.test(run) && /\d/.test(run) ? '[REDACTED:secret]' : run;
    start = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const inRun =
      (c >= 48 && c <= 57) ||
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      c === 43 ||
      c === 47 ||
      c === 45 ||
      c === 95;
    if (inRun) {
      if (start < 0) start = i;
    } else {
      if (start >= 0) flush(i);
      out += text[i];
    }
  }
  if (start >= 0) flush(text.length);
  return out;
}
