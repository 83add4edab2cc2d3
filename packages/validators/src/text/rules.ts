/**
 * Rule factories over the text detectors, implementing the core `Rule<string>` contract so they compose
 * with `runRules`, `guard()`, `validateInput` and the output filters. Findings carry spans (UTF-16
 * offsets into the checked string) and scores; their messages name the entity or issue, never the value.
 */
import {
  afunction,
  aoneOf,
  describeValue,
  type Finding,
  type Rule,
  type Severity,
  ValidationError,
} from '@modelsec/core';
import { type Canary, detectCanaryLeak } from './injection/canary';
import {
  type DetectInjectionAsyncOptions,
  detectPromptInjection,
  detectPromptInjectionAsync,
  INJECTION_THRESHOLD,
} from './injection/detect';
import { type DetectPiiAsyncOptions, detectPII, detectPIIAsync } from './pii/detect';
import { type RedactionMode, redactPII } from './pii/redact';
import type { PiiFinding } from './pii/types';
import type { PiiVault } from './pii/vault';
import { type DetectSecretsOptions, detectSecrets } from './secrets/detect';
import { type SanitizeOptions, sanitizeText } from './unicode/sanitize';

/** What a text rule does with what it finds: `block`, `redact` (or `sanitize`) the value, or only `flag`. */
export type TextRuleAction = 'block' | 'redact' | 'flag';

function text(value: unknown, rule: string): string {
  if (typeof value !== 'string') {
    throw new ValidationError('invalid_format', `rule "${rule}" expected a string, got ${describeValue(value)}`);
  }
  return value;
}

/** Options of `piiRule`. */
export interface PiiRuleOptions extends DetectPiiAsyncOptions {
  /** `redact` (default): replace the values; `block`: reject the text; `flag`: report only. */
  action?: TextRuleAction;
  /** Redaction mode for `redact` (default `placeholder`). */
  mode?: RedactionMode;
  /** Vault for `placeholder` mode (pass one per conversation to restore the answer). */
  vault?: PiiVault;
  /** HMAC key for `hash` mode. */
  key?: Uint8Array;
  /** Severity of the findings; default `medium`. */
  severity?: Severity;
  /**
   * Findings to leave alone: neither reported nor redacted (for example links an allow list accepts;
   * the filters' `piiRedaction({ urls })` sets it).
   */
  keep?: (finding: PiiFinding, text: string) => boolean;
}

/**
 * A rule that detects personal data and redacts it (default), blocks it or flags it.
 *
 * @example
 * ```ts
 * const vault = createPiiVault();
 * const safeChat = guard(chat, { input: [piiRule({ vault })] });
 * ```
 */
export function piiRule(options: PiiRuleOptions = {}): Rule<string> {
  const action = options.action ?? 'redact';
  aoneOf(action, 'options.action', ['block', 'redact', 'flag'] as const);
  const mode = options.mode ?? 'placeholder';
  const severity = options.severity ?? 'medium';
  if (options.keep !== undefined) afunction(options.keep, 'options.keep');
  return {
    specificationVersion: 'v1',
    name: 'pii',
    async check(value) {
      const s = text(value, 'pii');
      const detected = options.ner ? await detectPIIAsync(s, options) : detectPII(s, options);
      const keep = options.keep;
      const found = keep === undefined ? detected : detected.filter((f) => !keep(f, s));
      if (found.length === 0) return undefined;
      const findings: Finding[] = found.map((f) => ({
        rule: 'pii',
        severity,
        message: `${f.entity} detected`,
        code: 'pii_detected',
        action: action === 'redact' ? 'modify' : action,
        score: f.score,
        span: { start: f.start, end: f.end },
        details: { entity: f.entity, recognizer: f.recognizer },
      }));
      if (action !== 'redact') return { findings };
      return { findings, value: redactPII(s, { ...options, mode, findings: found }).text };
    },
  };
}

/** Options of `secretsRule`. */
export interface SecretsRuleOptions extends DetectSecretsOptions {
  /** `block` (default), `redact` (replace by `<SECRET:KIND>`) or `flag`. */
  action?: TextRuleAction;
}

/**
 * A rule that blocks (default), redacts or flags credentials.
 *
 * @example
 * ```ts
 * const verdict = runRulesSync(prompt, [secretsRule()], { phase: 'input' });
 * ```
 */
export function secretsRule(options: SecretsRuleOptions = {}): Rule<string> {
  const action = options.action ?? 'block';
  aoneOf(action, 'options.action', ['block', 'redact', 'flag'] as const);
  return {
    specificationVersion: 'v1',
    name: 'secrets',
    check(value) {
      const s = text(value, 'secrets');
      const found = detectSecrets(s, options);
      if (found.length === 0) return undefined;
      const findings: Finding[] = found.map((f) => ({
        rule: 'secrets',
        severity: 'high',
        message: `${f.kind} detected`,
        code: 'secret_detected',
        action: action === 'redact' ? 'modify' : action,
        score: f.score,
        span: { start: f.start, end: f.end },
        details: { kind: f.kind },
      }));
      if (action !== 'redact') return { findings };
      let out = '';
      let last = 0;
      for (const f of found) {
        out += `${s.slice(last, f.start)}<SECRET:${f.kind}>`;
        last = f.end;
      }
      return { findings, value: out + s.slice(last) };
    },
  };
}

/** Options of `promptInjectionRule`. */
export interface PromptInjectionRuleOptions extends DetectInjectionAsyncOptions {
  /** `block` (default) or `flag`. */
  action?: 'block' | 'flag';
}

/**
 * A rule that blocks (default) or flags text scoring at or above the injection threshold.
 *
 * @example
 * ```ts
 * const rag = guard(answer, { input: [promptInjectionRule({ threshold: 0.5 })] });
 * ```
 */
export function promptInjectionRule(options: PromptInjectionRuleOptions = {}): Rule<string> {
  const action = options.action ?? 'block';
  aoneOf(action, 'options.action', ['block', 'flag'] as const);
  return {
    specificationVersion: 'v1',
    name: 'promptInjection',
    async check(value) {
      const s = text(value, 'promptInjection');
      const r = options.classifier ? await detectPromptInjectionAsync(s, options) : detectPromptInjection(s, options);
      if (!r.injection) return undefined;
      const families = [...new Set(r.findings.map((f) => f.family))];
      const first = r.findings[0];
      const finding: Finding = {
        rule: 'promptInjection',
        severity: 'high',
        message: `prompt injection suspected (score ${r.score}, threshold ${options.threshold ?? INJECTION_THRESHOLD})`,
        code: 'prompt_injection',
        action,
        score: r.score,
        details: { families, signals: r.findings.length },
      };
      if (first) finding.span = { start: first.start, end: first.end };
      return { findings: [finding] };
    },
  };
}

/** Options of `unicodeRule`. */
export interface UnicodeRuleOptions extends SanitizeOptions {
  /** `redact` (default): pass on the sanitized text; `block`: reject on bidi controls or confusables; `flag`: report only. */
  action?: TextRuleAction;
}

/**
 * A rule that sanitizes text (NFKC, invisible and bidi characters, limits) and reports what it changed.
 *
 * @example
 * ```ts
 * const verdict = runRulesSync(input, [unicodeRule(), promptInjectionRule()], { phase: 'input' });
 * ```
 */
export function unicodeRule(options: UnicodeRuleOptions = {}): Rule<string> {
  const action = options.action ?? 'redact';
  aoneOf(action, 'options.action', ['block', 'redact', 'flag'] as const);
  return {
    specificationVersion: 'v1',
    name: 'unicode',
    check(value) {
      const s = text(value, 'unicode');
      const r = sanitizeText(s, options);
      if (r.findings.length === 0) return undefined;
      const findings: Finding[] = r.findings.map((f) => {
        const blocks =
          action === 'block' && (f.issue === 'bidi' || f.issue === 'confusable' || f.issue === 'invisible');
        const finding: Finding = {
          rule: 'unicode',
          severity: f.issue === 'bidi' || f.issue === 'confusable' ? 'high' : 'low',
          message: `${f.issue} characters (${f.count})`,
          action: blocks ? 'block' : action === 'redact' ? 'modify' : 'flag',
          score: f.score,
          span: { start: f.start, end: f.end },
          details: { issue: f.issue },
        };
        if (blocks) finding.code = 'content_policy';
        return finding;
      });
      return action === 'redact' && r.changed ? { findings, value: r.text } : { findings };
    },
  };
}

/**
 * An output rule that blocks an answer leaking the canary of the system prompt.
 *
 * @example
 * ```ts
 * const canary = createCanary();
 * const chat = guard(callModel, { output: [canaryRule(canary)] });
 * ```
 */
export function canaryRule(canary: Canary | string): Rule<string> {
  return {
    specificationVersion: 'v1',
    name: 'canary',
    check(value) {
      const leak = detectCanaryLeak(text(value, 'canary'), canary);
      if (!leak.leaked) return undefined;
      const f: Finding = {
        rule: 'canary',
        severity: 'critical',
        message: `system prompt canary leaked (${leak.forms.join(', ')})`,
        code: 'canary_leak',
        action: 'block',
        score: 1,
        details: { forms: leak.forms },
      };
      if (leak.spans[0]) f.span = { start: leak.spans[0].start, end: leak.spans[0].end };
      return { findings: [f] };
    },
  };
}
