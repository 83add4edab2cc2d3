/**
 * `createTextFilter`: the LLM text filters as one incremental scanner, usable on a whole answer
 * (`filter`) or on a token stream (`stream()`, a `TransformStream<string, string>`; `session()` for
 * push/flush). Text is emitted as soon as no detector could still change it: each detector reports how
 * much of the buffered tail could still become (part of) a match, and only that is held back:
 *
 * - canaries: the longest tail that is a prefix of the token (any case), of its letters and digits
 *   with any separators (forward or reversed), or of its base64 form;
 * - secrets, and URL, e-mail, IP, MAC and crypto-address PII: the trailing run of non-whitespace
 *   (those matches never contain whitespace), plus an open PEM block;
 * - other PII (names, addresses, phones, dates, IDs): the validators' streaming contract (the longest
 *   match of the active recognizers plus the context windows, `holdbackFor`);
 * - content-policy terms: the earliest word where a match attempt is still alive;
 * - system-prompt reuse: the trailing words that continue a verbatim copy of the prompt.
 *
 * A redaction never straddles the emitted boundary (the cut moves before it, `safePrefixLength`), so a
 * value split across chunks is replaced whole, and a canary or a blocked match is never emitted at all.
 */
import {
  ainteger,
  aobject,
  aoneOf,
  astring,
  type Finding,
  ModelSecTypeError,
  SecurityError,
  ValidationError,
} from '@modelsec/core';
import {
  BUILTIN_RECOGNIZERS,
  type Canary,
  CONTEXT_AFTER,
  createPiiVault,
  type DetectPiiOptions,
  type DetectSecretsOptions,
  detectCanaryLeak,
  detectPII,
  detectSecrets,
  holdbackFor,
  PEM_MAX_LENGTH,
  type PiiVault,
  type RedactionMode,
  redactPII,
  SCAN_BEFORE,
  safePrefixLength,
} from '@modelsec/validators';
import { DEFAULT_TEXT_SAFE_RESPONSE, type Incident, makeIncident } from '../filter-output';
import { type ContentPolicy, type ContentPolicyOptions, createContentPolicy } from './content-policy';
import { canaryHold, tokenRunStart, verbatimHold } from './holdback';
import { wordsOf } from './leak';
import { createUrlPolicy, type UrlPolicy, type UrlPolicyOptions, urlFinding } from './urls';

/** PII options of the text filter. */
export interface StreamPiiOptions extends DetectPiiOptions {
  /** `mask` (default), `placeholder` (with `vault`) or `hash` (with `key`), as `redactPII`. */
  mode?: RedactionMode;
  /** Vault for `placeholder` mode (default: a new one per filter). */
  vault?: PiiVault;
  /** HMAC key for `hash` mode. */
  key?: Uint8Array;
}

/** Secret options of the text filter. */
export interface StreamSecretOptions extends Omit<DetectSecretsOptions, 'maxLength'> {
  /** `redact` (default, `<SECRET:KIND>`) or `block`. */
  action?: 'redact' | 'block';
}

/** Options of `createTextFilter`. */
export interface TextFilterOptions {
  /** Redact personal data (`true` for the defaults). */
  pii?: boolean | StreamPiiOptions;
  /** Redact (default) or block credentials (`true` for the defaults). */
  secrets?: boolean | StreamSecretOptions;
  /** Canaries of the system prompt: an answer containing one is blocked before any of it is emitted. */
  canaries?: readonly (Canary | string)[];
  /** The system prompt: a verbatim copy of `maxVerbatimWords` of its words blocks the answer. */
  systemPrompt?: string | { text: string; maxVerbatimWords?: number };
  /** Content policy (lexicon part; a classifier hook is not run on streams). */
  contentPolicy?: ContentPolicyOptions | ContentPolicy;
  /** URL allow/deny policy. */
  urls?: UrlPolicyOptions | UrlPolicy;
  /** Text emitted instead of the rest of a blocked answer (default `DEFAULT_TEXT_SAFE_RESPONSE`). */
  safeResponse?: string;
  /** `replace` (default): emit `safeResponse` and end the stream; `error`: error the stream with the blocking error. */
  onBlock?: 'replace' | 'error';
  /** Called once per answer with findings (at the end, or when it is blocked). */
  onIncident?: (incident: Incident) => void;
  /**
   * Scan again after this many new characters (default 1: every chunk). While a long tail is held back
   * (a long token, an open PEM block), scans also wait for 1/16 of the held text to arrive, so the total
   * work stays linear in the answer's length.
   */
  scanInterval?: number;
  /** Most characters held back before the answer is blocked with `too_large` (default 64 Ki). */
  maxHoldback?: number;
}

/** An incremental filter over one answer. */
export interface TextFilterSession {
  /** Add a chunk; returns the text that became final (possibly empty). */
  push(chunk: string): string;
  /** End of the answer: returns the rest. */
  flush(): string;
  /** Findings so far (offsets into the unfiltered answer). */
  readonly findings: readonly Finding[];
  /** The blocking finding, once blocked. */
  readonly blocked: Finding | undefined;
}

/** What `TextFilter.filter` returns. */
export interface TextFilterResult {
  /** The filtered answer (the text before the block plus the safe response when blocked). */
  text: string;
  /** Every finding. */
  findings: Finding[];
  /** The blocking finding, if any. */
  blocked: Finding | undefined;
}

/** A configured text filter. */
export interface TextFilter {
  /** Filter a whole answer. */
  filter(text: string): TextFilterResult;
  /** A new push/flush session for one streamed answer. */
  session(): TextFilterSession;
  /** A `TransformStream` filtering one streamed answer. */
  stream(): TransformStream<string, string>;
}

/**
 * Characters of already-emitted text kept in front of each scan as context (secret prefixes, PII context
 * words, the lower-case decision of PERSON names): the validators' streaming contract, `SCAN_BEFORE`.
 */
const BEFORE = SCAN_BEFORE;
const TOKEN_BOUNDED = new Set(['email', 'url', 'ip', 'mac', 'crypto']);

interface Redaction {
  start: number;
  end: number;
  replacement: string;
  finding: Finding;
}

/**
 * Configure a text filter for LLM answers.
 *
 * @example
 * ```ts
 * const filter = createTextFilter({ pii: true, secrets: true, canaries: [canary], urls: { allow: ['example.com'] } });
 * const body = llmTextStream.pipeThrough(filter.stream()); // ReadableStream<string>
 * filter.filter(answer).text; // the same on a whole answer
 * ```
 */
export function createTextFilter(options: TextFilterOptions = {}): TextFilter {
  aobject(options as unknown, 'options');
  const cfg = configure(options);
  const session = (): TextFilterSession => createSession(cfg);
  return {
    filter(text) {
      astring(text, 'text');
      const s = session();
      const out = s.push(text) + s.flush();
      return { text: out, findings: [...s.findings], blocked: s.blocked };
    },
    session,
    stream() {
      const s = session();
      return new TransformStream<string, string>({
        transform(chunk, controller) {
          const out = s.push(chunk);
          if (out) controller.enqueue(out);
          if (s.blocked) end(controller);
        },
        flush(controller) {
          const out = s.flush();
          if (out) controller.enqueue(out);
          if (s.blocked) end(controller);
        },
      });
      function end(controller: TransformStreamDefaultController<string>) {
        const b = s.blocked as Finding;
        if (cfg.onBlock === 'error') controller.error(new SecurityError(securityCode(b), b.message));
        else controller.terminate();
      }
    },
  };
}

type Config = ReturnType<typeof configure>;

function configure(o: TextFilterOptions) {
  const onBlock = o.onBlock ?? 'replace';
  aoneOf(onBlock, 'options.onBlock', ['replace', 'error'] as const);
  const safeResponse = o.safeResponse ?? DEFAULT_TEXT_SAFE_RESPONSE;
  astring(safeResponse, 'options.safeResponse');
  const scanInterval = o.scanInterval ?? 1;
  ainteger(scanInterval, 'options.scanInterval', { min: 1, max: 1 << 20 });
  const maxHoldback = o.maxHoldback ?? 1 << 16;
  ainteger(maxHoldback, 'options.maxHoldback', { min: 1024 });
  const pii = o.pii === true ? {} : o.pii || undefined;
  if (pii) aobject(pii as unknown, 'options.pii');
  const recognizers = pii
    ? (pii.recognizers ?? BUILTIN_RECOGNIZERS).filter(
        (r) => !pii.entities || r.entities.some((e) => pii.entities?.includes(e)),
      )
    : [];
  const other = recognizers.filter((r) => !TOKEN_BOUNDED.has(r.name));
  const piiMode = pii?.mode ?? 'mask';
  const piiVault = piiMode === 'placeholder' ? (pii?.vault ?? createPiiVault()) : undefined;
  const secrets = o.secrets === true ? {} : o.secrets || undefined;
  if (secrets) aoneOf(secrets.action ?? 'redact', 'options.secrets.action', ['redact', 'block'] as const);
  const canaries = (o.canaries ?? []).map((c, i) => {
    const token = typeof c === 'string' ? c : c?.token;
    astring(token, `options.canaries[${i}].token`);
    detectCanaryLeak('', token);
    return token;
  });
  if (o.onIncident !== undefined && typeof o.onIncident !== 'function') {
    throw new ModelSecTypeError('"options.onIncident" expected function');
  }
  const sp = typeof o.systemPrompt === 'string' ? { text: o.systemPrompt } : o.systemPrompt;
  if (sp) astring(sp.text, 'options.systemPrompt.text');
  const promptWords = sp ? wordsOf(sp.text).map((w) => w.w) : [];
  const maxVerbatim = sp?.maxVerbatimWords ?? 12;
  ainteger(maxVerbatim, 'options.systemPrompt.maxVerbatimWords', { min: 1 });
  const content = o.contentPolicy
    ? 'lexicon' in o.contentPolicy
      ? o.contentPolicy
      : createContentPolicy(o.contentPolicy)
    : undefined;
  const urls = o.urls ? ('decide' in o.urls ? o.urls : createUrlPolicy(o.urls)) : undefined;
  return {
    onBlock,
    safeResponse,
    scanInterval,
    maxHoldback,
    pii,
    piiMode,
    piiVault,
    recognizers,
    otherHoldback: other.length ? holdbackFor(other) : 0,
    tokenBoundedPii: recognizers.length > other.length,
    secrets,
    canaries,
    promptWords,
    maxVerbatim,
    content,
    urls,
    onIncident: o.onIncident,
  };
}

function createSession(cfg: Config): TextFilterSession {
  let before = '';
  let buffer = '';
  let offset = 0; // global offset of buffer[0]
  let sinceScan = 0;
  let blocked: Finding | undefined;
  let done = false;
  const findings: Finding[] = [];

  const report = () => {
    if (cfg.onIncident && findings.length > 0) cfg.onIncident(makeIncident(findings, blocked));
  };
  const block = (f: Finding): string => {
    blocked = f;
    findings.push(f);
    done = true;
    buffer = '';
    report();
    return cfg.onBlock === 'replace' ? cfg.safeResponse : '';
  };

  const process = (final: boolean): string => {
    const window = before + buffer;
    const base = before.length;
    const len = window.length;
    const redactions: Redaction[] = [];
    const flags: Redaction[] = [];
    let safe = len;
    const shift = (f: Finding, start: number, end: number): Finding => ({
      ...f,
      span: { start: offset + Math.max(0, start - base), end: offset + (end - base) },
    });
    // Monotone detectors first: once present, more text cannot make them go away.
    for (const token of cfg.canaries) {
      const leak = detectCanaryLeak(window, token);
      if (leak.leaked) {
        return block({
          rule: 'promptLeak',
          severity: 'critical',
          message: `system prompt canary leaked (${leak.forms.join(', ')})`,
          code: 'canary_leak',
          action: 'block',
          score: 1,
          details: { forms: leak.forms },
        });
      }
      if (!final) safe = Math.min(safe, canaryHold(window, token, cfg.maxHoldback));
    }
    if (cfg.promptWords.length > 0) {
      const v = verbatimHold(window, cfg.promptWords, final);
      if (v.words >= cfg.maxVerbatim) {
        return block({
          rule: 'promptLeak',
          severity: 'high',
          message: `answer copies ${v.words} words of the system prompt in a row`,
          code: 'system_prompt_leak',
          action: 'block',
          details: { verbatimWords: v.words },
        });
      }
      if (!final) safe = Math.min(safe, v.start);
    }
    if (cfg.pii) {
      const found = detectPII(window, cfg.pii);
      for (const f of found) {
        if (f.end <= base) continue;
        const value = window.slice(f.start, f.end);
        // With a URL policy, links are its to decide (it finds the same URLs): kept if allowed, else
        // replaced by its replacement, never masked as PII.
        if (f.entity === 'URL' && cfg.urls) continue;
        const replacement = redactPII(value, {
          mode: cfg.piiMode,
          ...(cfg.piiVault ? { vault: cfg.piiVault } : {}),
          ...(cfg.pii.key ? { key: cfg.pii.key } : {}),
          findings: [{ ...f, start: 0, end: value.length }],
        }).text;
        const finding: Finding = {
          rule: 'pii',
          severity: 'medium',
          message: `${f.entity} detected`,
          code: 'pii_detected',
          action: 'modify',
          score: f.score,
          details: { entity: f.entity, recognizer: f.recognizer },
        };
        redactions.push({ start: Math.max(base, f.start), end: f.end, replacement, finding });
      }
      if (!final) {
        if (cfg.tokenBoundedPii) safe = Math.min(safe, tokenRunStart(window, len - CONTEXT_AFTER));
        if (cfg.otherHoldback) safe = Math.min(safe, len - cfg.otherHoldback);
      }
    }
    if (cfg.secrets) {
      for (const f of detectSecrets(window, { ...cfg.secrets, maxLength: len })) {
        if (f.end <= base) continue;
        const finding: Finding = {
          rule: 'secrets',
          severity: 'high',
          message: `${f.kind} detected`,
          code: 'secret_detected',
          action: cfg.secrets.action === 'block' ? 'block' : 'modify',
          score: f.score,
          details: { kind: f.kind },
        };
        redactions.push({ start: Math.max(base, f.start), end: f.end, replacement: `<SECRET:${f.kind}>`, finding });
      }
      if (!final) safe = Math.min(safe, tokenRunStart(window, len), openPemStart(window));
    }
    if (cfg.content) {
      for (const m of cfg.content.lexicon.scan(window)) {
        if (m.end <= base) continue;
        const finding = cfg.content.finding(m);
        if (finding.action === 'flag') {
          flags.push({ start: m.start, end: m.end, replacement: '', finding });
          continue;
        }
        redactions.push({
          start: Math.max(base, m.start),
          end: m.end,
          replacement: cfg.content.replacement(m.category),
          finding,
        });
      }
      if (!final) safe = Math.min(safe, cfg.content.lexicon.pending(window), tokenRunStart(window, len));
    }
    if (cfg.urls) {
      for (const v of cfg.urls.check(window)) {
        if (!v.denied || v.end <= base) continue;
        const finding = urlFinding(v, cfg.urls.action);
        if (cfg.urls.action === 'flag') {
          flags.push({ start: v.start, end: v.end, replacement: '', finding });
          continue;
        }
        redactions.push({ start: Math.max(base, v.start), end: v.end, replacement: cfg.urls.replacement, finding });
      }
      if (!final) safe = Math.min(safe, tokenRunStart(window, len));
    }
    // Never cut through a redaction; never emit into `before`.
    const spans = redactions.map((r) => ({ start: r.start, end: r.end, score: 1 }));
    const cut = final ? len : Math.max(base, safePrefixLength(Math.max(base, safe), spans, 0, false));
    const ready = redactions.filter((r) => r.end <= cut).sort((a, b) => a.start - b.start || b.end - a.end);
    const blocking = ready.find((r) => r.finding.action === 'block');
    if (blocking) return block(shift(blocking.finding, blocking.start, blocking.end));
    let out = '';
    let last = base;
    for (const r of ready) {
      if (r.start < last) {
        // Overlapping redactions (an e-mail inside a removed URL): the first one already covers it.
        if (r.end > last) last = r.end;
        findings.push(shift(r.finding, r.start, r.end));
        continue;
      }
      out += window.slice(last, r.start) + r.replacement;
      last = r.end;
      findings.push(shift(r.finding, r.start, r.end));
    }
    out += window.slice(last, cut);
    for (const f of flags) if (f.end <= cut) findings.push(shift(f.finding, f.start, f.end));
    before = window.slice(Math.max(0, cut - BEFORE), cut);
    buffer = window.slice(cut);
    offset += cut - base;
    if (!final && buffer.length > cfg.maxHoldback) {
      return (
        out +
        block({
          rule: 'textFilter',
          severity: 'medium',
          message: `more than ${cfg.maxHoldback} characters held back`,
          code: 'too_large',
          action: 'block',
        })
      );
    }
    return out;
  };

  return {
    push(chunk) {
      if (typeof chunk !== 'string') throw new ValidationError('invalid_format', 'stream chunks must be strings');
      if (done) return '';
      buffer += chunk;
      sinceScan += chunk.length;
      if (sinceScan < Math.max(cfg.scanInterval, buffer.length >> 4)) return '';
      sinceScan = 0;
      return process(false);
    },
    flush() {
      if (done) return '';
      const out = process(true);
      if (!done) {
        done = true;
        report();
      }
      return out;
    },
    get findings() {
      return findings;
    },
    get blocked() {
      return blocked;
    },
  };
}

function openPemStart(window: string): number {
  const at = window.lastIndexOf('-----BEGIN');
  if (at < 0 || window.length - at > PEM_MAX_LENGTH) return window.length;
  return window.indexOf('-----END', at) >= 0 && /-----END [A-Z ]+-----/.test(window.slice(at)) ? window.length : at;
}

function securityCode(
  f: Finding,
): 'canary_leak' | 'system_prompt_leak' | 'secret_detected' | 'content_policy' | 'policy_violation' {
  const c = f.code;
  return c === 'canary_leak' || c === 'system_prompt_leak' || c === 'secret_detected' || c === 'content_policy'
    ? c
    : 'policy_violation';
}
