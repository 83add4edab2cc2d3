/**
 * `urlPolicy`: links in an LLM answer, checked against the app's allow and deny lists and allowed
 * schemes, then removed (default), blocked or flagged. URLs are found by the validators' URL recognizer
 * (scheme or `www.`) plus any `javascript:`, `data:`, `vbscript:` or `file:` reference; hosts are
 * compared after WHATWG URL parsing (lower case, IDNA/punycode), so a look-alike Unicode host never
 * equals an allowed ASCII one.
 */
import {
  aobject,
  aoneOf,
  astring,
  describeValue,
  type Finding,
  ModelSecRangeError,
  type Rule,
  ValidationError,
} from '@modelsec/core';
import { detectPII } from '@modelsec/validators';

/** Options of `urlPolicy`. */
export interface UrlPolicyOptions {
  /** Allowed hosts (`example.com` also allows its subdomains) or URL prefixes (`https://example.com/docs/`). When set, every other URL is denied. */
  allow?: readonly string[];
  /** Denied hosts or URL prefixes (checked before `allow`). */
  deny?: readonly string[];
  /** Allowed schemes (default `http`, `https`, `mailto`). */
  schemes?: readonly string[];
  /** `redact` (default): replace denied URLs; `block` the answer (code `policy_violation`); `flag` only. */
  action?: 'redact' | 'block' | 'flag';
  /** Replacement of a removed URL (default `[link removed]`). */
  replacement?: string;
}

/** A URL found in a text and the policy's decision. */
export interface UrlVerdict {
  /** Start offset (UTF-16). */
  start: number;
  /** End offset. */
  end: number;
  /** Why it is denied, or undefined when allowed. */
  denied: 'scheme' | 'deny' | 'not_allowed' | 'unparsable' | undefined;
}

/** A compiled URL policy (shared by the rule and the stream filter). */
export interface UrlPolicy {
  /** The configured action. */
  readonly action: 'redact' | 'block' | 'flag';
  /** The replacement text. */
  readonly replacement: string;
  /** Every URL of `text` with its verdict, in order, non-overlapping. */
  check(text: string): UrlVerdict[];
  /** The decision for one URL string. */
  decide(url: string): UrlVerdict['denied'];
}

const DANGEROUS = /(?<![\p{L}\p{N}+.-])(?:javascript|vbscript|data|file):/giu;

/**
 * Compile a URL policy.
 *
 * @example
 * ```ts
 * const policy = createUrlPolicy({ allow: ['example.com'] });
 * policy.decide('https://docs.example.com/a'); // undefined (allowed)
 * ```
 */
export function createUrlPolicy(options: UrlPolicyOptions = {}): UrlPolicy {
  aobject(options as unknown, 'options');
  const action = options.action ?? 'redact';
  aoneOf(action, 'options.action', ['redact', 'block', 'flag'] as const);
  const replacement = options.replacement ?? '[link removed]';
  astring(replacement, 'options.replacement');
  const schemes = new Set((options.schemes ?? ['http', 'https', 'mailto']).map((s) => `${String(s).toLowerCase()}:`));
  const allow = options.allow ? compileList(options.allow, 'options.allow') : undefined;
  const deny = compileList(options.deny ?? [], 'options.deny');
  const decide = (raw: string): UrlVerdict['denied'] => {
    let url: URL;
    try {
      url = new URL(/^www\./i.test(raw) ? `http://${raw}` : raw);
    } catch {
      return 'unparsable';
    }
    if (!schemes.has(url.protocol)) return 'scheme';
    if (deny.some((m) => m(url))) return 'deny';
    if (allow && !allow.some((m) => m(url))) return 'not_allowed';
    return undefined;
  };
  return {
    action,
    replacement,
    decide,
    check(text) {
      const spans = detectPII(text, { entities: ['URL'], threshold: 0 }).map((f) => ({ start: f.start, end: f.end }));
      DANGEROUS.lastIndex = 0;
      for (let m = DANGEROUS.exec(text); m !== null; m = DANGEROUS.exec(text)) {
        const start = m.index;
        let end = start + m[0].length;
        while (end < text.length && end - start < 4096 && !/[\s<>"'`]/.test(text[end] as string)) end++;
        if (!spans.some((s) => s.start < end && start < s.end)) spans.push({ start, end });
      }
      DANGEROUS.lastIndex = 0;
      spans.sort((a, b) => a.start - b.start);
      return spans.map((s) => ({ ...s, denied: decide(text.slice(s.start, s.end)) }));
    },
  };
}

/**
 * A rule that removes (default), blocks or flags links the policy denies.
 *
 * @example
 * ```ts
 * const rules = [urlPolicy({ allow: ['example.com', 'https://docs.python.org/3/'] })];
 * ```
 */
export function urlPolicy(options: UrlPolicyOptions | UrlPolicy = {}): Rule<string> {
  const policy = 'decide' in options ? options : createUrlPolicy(options);
  const name = 'urlPolicy';
  return {
    specificationVersion: 'v1',
    name,
    check(value) {
      if (typeof value !== 'string') {
        throw new ValidationError('invalid_format', `rule "${name}" expected a string, got ${describeValue(value)}`);
      }
      const denied = policy.check(value).filter((v) => v.denied);
      if (denied.length === 0) return undefined;
      const findings: Finding[] = denied.map((v) => urlFinding(v, policy.action));
      if (policy.action !== 'redact') return { findings };
      let out = '';
      let last = 0;
      for (const v of denied) {
        out += value.slice(last, v.start) + policy.replacement;
        last = v.end;
      }
      return { findings, value: out + value.slice(last) };
    },
  };
}

/**
 * The content-free finding of a denied URL.
 * @internal
 */
export function urlFinding(v: UrlVerdict, action: UrlPolicy['action']): Finding {
  return {
    rule: 'urlPolicy',
    severity: v.denied === 'scheme' ? 'high' : 'medium',
    message: `link denied (${v.denied})`,
    code: 'policy_violation',
    action: action === 'redact' ? 'modify' : action,
    span: { start: v.start, end: v.end },
    details: { reason: v.denied },
  };
}

function compileList(entries: readonly string[], label: string): ((url: URL) => boolean)[] {
  if (!Array.isArray(entries)) throw new ValidationError('invalid_format', `"${label}" expected an array of strings`);
  return entries.map((entry, i) => {
    astring(entry, `${label}[${i}]`);
    try {
      if (entry.includes('/')) {
        const prefix = new URL(entry).href;
        return (url: URL) => url.href.startsWith(prefix);
      }
      const host = new URL(`http://${entry.replace(/^\*\./, '')}`).hostname;
      return (url: URL) => url.hostname === host || url.hostname.endsWith(`.${host}`);
    } catch {
      throw new ModelSecRangeError(`"${label}[${i}]" is not a host name or URL prefix`);
    }
  });
}
