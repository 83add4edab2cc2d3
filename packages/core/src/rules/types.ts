/**
 * The shared vocabulary of checks: findings, verdicts and the `Rule` contract that validators,
 * filters, monitors and endpoints all implement, so any rule composes with any runner.
 */
import type { ErrorCode } from '../errors/codes';

/** How serious a finding is, from least to most. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;

/** Severity of a finding. */
export type Severity = (typeof SEVERITIES)[number];

/** What a finding did to the value: nothing (`flag`), changed it (`modify`), or rejected it (`block`). */
export type FindingAction = 'flag' | 'modify' | 'block';

/** A half-open range `[start, end)`: UTF-16 offsets for text, byte offsets for binary data. */
export interface Span {
  start: number;
  end: number;
}

/**
 * One observation made by a rule. Messages and details describe the problem without repeating the
 * offending content (no raw PII, secrets or input values).
 */
export interface Finding {
  /** Name of the rule that produced it. */
  rule: string;
  /** How serious it is. */
  severity: Severity;
  /** Human-readable, content-free description. */
  message: string;
  /** Stable error code; the error thrown when the finding blocks. */
  code?: ErrorCode;
  /** What the rule did; default `flag`. */
  action?: FindingAction;
  /** Rule-specific score (probability, distance, z-score...). */
  score?: number;
  /** Where in the input it was found. */
  span?: Span;
  /** Safe structured details. */
  details?: Readonly<Record<string, unknown>>;
}

/** The outcome of running rules over a value. */
export interface Verdict<T = unknown> {
  /** False when a finding blocked the value. */
  ok: boolean;
  /** The value after every rule that ran (sanitized), or the last value before the block. */
  value: T;
  /** All findings, in rule order. */
  findings: Finding[];
}

/** Which side of the model a rule runs on. */
export type RulePhase = 'input' | 'output';

/** What a rule is told about the call it is checking. */
export interface RuleContext {
  /** `input` before the model, `output` after it. */
  readonly phase: RulePhase;
  /** For output rules: the (sanitized) input the model received. */
  readonly input?: unknown;
  /** Aborts long checks. */
  readonly signal?: AbortSignal;
  /** Request metadata (principal, model id, request id...) for rules that need it. */
  readonly meta: Readonly<Record<string, unknown>>;
}

/** What `Rule.check` may return: nothing (no findings, value unchanged), or findings and/or a new value. */
export interface RuleOutcome<Out = unknown> {
  /** Replacement value; when the property is absent the value is unchanged. */
  value?: Out;
  /** Findings; a finding with `action: 'block'` rejects the value. */
  findings?: readonly Finding[];
}

/**
 * A composable check: a plain object with a name and a `check` function, sync or async.
 * A rule may also throw a `ModelSecError`; runners turn it into a blocking finding.
 *
 * @typeParam In - value the rule accepts.
 * @typeParam Out - value it passes on (same as `In` unless the rule transforms it).
 */
export interface Rule<In = unknown, Out = In> {
  /** Contract version, for future changes of this interface. */
  readonly specificationVersion?: 'v1';
  /** Unique, stable name (`tensorShape`, `pii`, `confidenceThreshold`...). */
  readonly name: string;
  /** Inspect (and optionally transform) a value. */
  check(value: In, context: RuleContext): RuleOutcome<Out> | undefined | Promise<RuleOutcome<Out> | undefined>;
}

/** Any rule, whatever its value types (for heterogeneous rule lists). */
// biome-ignore lint/suspicious/noExplicitAny: rule lists mix value types by design.
export type AnyRule = Rule<any, any>;
