/**
 * One scan of the text filter (shared by `createTextFilter` and `createTextFilterAsync`): the text not yet
 * emitted plus `SCAN_BEFORE` units emitted before it, with the PII findings of that window (found by the
 * caller, with or without a model). Text is emitted as soon as no detector could still change it: each
 * detector reports how much of the buffered tail could still become (part of) a match, and only that is
 * held back. A redaction never straddles the emitted boundary (the cut moves before it,
 * `safePrefixLength`), so a value split across chunks is replaced whole, and a canary or a blocked match
 * is never emitted at all.
 */
import type { Finding } from '@modelsec/core';
import {
  CONTEXT_AFTER,
  detectCanaryLeak,
  detectSecrets,
  PEM_MAX_LENGTH,
  type PiiFinding,
  redactPII,
  SCAN_BEFORE,
  safePrefixLength,
} from '@modelsec/validators';
import { makeIncident } from '../filter-output';
import { canaryHold, tokenRunStart, verbatimHold } from './holdback';
import type { TextFilterConfig } from './stream-config';
import { urlFinding } from './urls';

/**
 * Characters of already-emitted text kept in front of each scan as context (secret prefixes, PII context
 * words, the lower-case decision of PERSON names): the validators' streaming contract, `SCAN_BEFORE`.
 */
const BEFORE = SCAN_BEFORE;

/** Where one answer's filtering stands. @internal */
export interface FilterState {
  /** Emitted text kept as context (at most `SCAN_BEFORE` units). */
  before: string;
  /** Text received and not emitted yet. */
  buffer: string;
  /** Offset of `buffer[0]` in the answer. */
  offset: number;
  /** Units received since the last scan. */
  sinceScan: number;
  /** The blocking finding, once blocked. */
  blocked: Finding | undefined;
  /** Blocked or flushed: nothing more is emitted. */
  done: boolean;
  /** Findings so far (offsets into the answer). */
  findings: Finding[];
}

/**
 * A new answer's state.
 * @internal
 *
 * @example
 * ```ts
 * const s = newFilterState();
 * ```
 */
export function newFilterState(): FilterState {
  return { before: '', buffer: '', offset: 0, sinceScan: 0, blocked: undefined, done: false, findings: [] };
}

/**
 * Whether a push of `chunk` (already appended to the buffer) should scan: after `scanInterval` new units,
 * and 1/16 of the held text (so the total work stays linear in the answer's length).
 * @internal
 *
 * @example
 * ```ts
 * if (dueForScan(cfg, s, chunk)) out = scanWindow(cfg, s, false, detectPII(s.before + s.buffer, cfg.pii));
 * ```
 */
export function dueForScan(cfg: TextFilterConfig, s: FilterState, chunk: string): boolean {
  s.sinceScan += chunk.length;
  if (s.sinceScan < Math.max(cfg.scanInterval, s.buffer.length >> 4)) return false;
  s.sinceScan = 0;
  return true;
}

/** Call `onIncident` once with the findings, if any. */
function reportIncident(cfg: TextFilterConfig, s: FilterState): void {
  if (cfg.onIncident && s.findings.length > 0) cfg.onIncident(makeIncident(s.findings, s.blocked));
}

/** Block the answer with `f`: returns what replaces the rest. */
function block(cfg: TextFilterConfig, s: FilterState, f: Finding): string {
  s.blocked = f;
  s.findings.push(f);
  s.done = true;
  s.buffer = '';
  reportIncident(cfg, s);
  return cfg.onBlock === 'replace' ? cfg.safeResponse : '';
}

interface Redaction {
  start: number;
  end: number;
  replacement: string;
  finding: Finding;
}

/**
 * Scan `s.before + s.buffer` (`final`: the answer ended; the state is then done and the incident
 * reported) given the PII findings of that same window (`undefined` when PII is off); returns the text
 * that became final.
 * @internal
 *
 * @example
 * ```ts
 * const out = scanWindow(cfg, s, true, detectPII(s.before + s.buffer, cfg.pii));
 * ```
 */
export function scanWindow(
  cfg: TextFilterConfig,
  s: FilterState,
  final: boolean,
  piiFound: readonly PiiFinding[] | undefined,
): string {
  const window = s.before + s.buffer;
  const base = s.before.length;
  const len = window.length;
  const redactions: Redaction[] = [];
  const flags: Redaction[] = [];
  let safe = len;
  const shift = (f: Finding, start: number, end: number): Finding => ({
    ...f,
    span: { start: s.offset + Math.max(0, start - base), end: s.offset + (end - base) },
  });
  // Monotone detectors first: once present, more text cannot make them go away.
  for (const token of cfg.canaries) {
    const leak = detectCanaryLeak(window, token);
    if (leak.leaked) {
      return block(cfg, s, {
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
      return block(cfg, s, {
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
    for (const f of piiFound ?? []) {
      if (f.end <= base) continue;
      // Only the part not emitted yet is replaced (a value that starts in `before`: a model whose
      // `nerHoldback` is shorter than a word), so the output keeps one copy of each unit and a vault
      // restores exactly what was replaced.
      const from = Math.max(base, f.start);
      const value = window.slice(from, f.end);
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
      redactions.push({ start: from, end: f.end, replacement, finding });
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
    if (!final) safe = Math.min(safe, tokenRunStart(window, len), openKeyStart(window));
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
  if (blocking) return block(cfg, s, shift(blocking.finding, blocking.start, blocking.end));
  let out = '';
  let last = base;
  for (const r of ready) {
    if (r.start < last) {
      // Overlapping redactions (an e-mail inside a removed URL): the first one already covers it.
      if (r.end > last) last = r.end;
      s.findings.push(shift(r.finding, r.start, r.end));
      continue;
    }
    out += window.slice(last, r.start) + r.replacement;
    last = r.end;
    s.findings.push(shift(r.finding, r.start, r.end));
  }
  out += window.slice(last, cut);
  for (const f of flags) if (f.end <= cut) s.findings.push(shift(f.finding, f.start, f.end));
  s.before = window.slice(Math.max(0, cut - BEFORE), cut);
  s.buffer = window.slice(cut);
  s.offset += cut - base;
  if (!final && s.buffer.length > cfg.maxHoldback) {
    return (
      out +
      block(cfg, s, {
        rule: 'textFilter',
        severity: 'medium',
        message: `more than ${cfg.maxHoldback} characters held back`,
        code: 'too_large',
        action: 'block',
      })
    );
  }
  if (final) {
    // The answer ended: nothing more is emitted, and the findings are reported once.
    s.done = true;
    reportIncident(cfg, s);
  }
  return out;
}

/**
 * Where the last private-key block of `window` starts while it may still grow (`window.length`: none open):
 * a PEM block without its END line, a PuTTY key file without the end of its `Private-MAC:` line.
 */
function openKeyStart(window: string): number {
  let open = window.length;
  const at = window.lastIndexOf('-----BEGIN');
  if (at >= 0 && window.length - at <= PEM_MAX_LENGTH) {
    const closed = window.indexOf('-----END', at) >= 0 && /-----END [A-Z ]+-----/.test(window.slice(at));
    if (!closed) open = at;
  }
  const ppk = window.lastIndexOf('PuTTY-User-Key-File-');
  if (ppk >= 0 && window.length - ppk <= PEM_MAX_LENGTH) {
    const mac = window.indexOf('Private-MAC: ', ppk);
    MAC_ENDED.lastIndex = mac;
    if (mac < 0 || !MAC_ENDED.test(window)) open = Math.min(open, ppk);
  }
  return open;
}

/** A PuTTY key file's MAC line whose hexadecimal MAC has ended (a unit after it has arrived). */
const MAC_ENDED = /Private-MAC: [0-9A-Fa-f]*[^0-9A-Fa-f]/y;

/**
 * The `SecurityError` code of a blocking finding.
 * @internal
 *
 * @example
 * ```ts
 * controller.error(new SecurityError(securityCode(blocked), blocked.message));
 * ```
 */
export function securityCode(
  f: Finding,
): 'canary_leak' | 'system_prompt_leak' | 'secret_detected' | 'content_policy' | 'policy_violation' {
  const c = f.code;
  return c === 'canary_leak' || c === 'system_prompt_leak' || c === 'secret_detected' || c === 'content_policy'
    ? c
    : 'policy_violation';
}
