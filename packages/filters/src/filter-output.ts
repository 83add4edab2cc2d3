/**
 * `filterOutput`: run output rules over what a model returned (on core's `runRules`), and answer with
 * the filtered output, or with a safe response when a rule blocks. Every call with a finding above
 * severity `info` is reported once to `onIncident`, with content-free findings (spans, codes, scores).
 */
import {
  type AnyRule,
  afunction,
  aobject,
  aoneOf,
  blockingFinding,
  type ErrorCode,
  type Finding,
  type ModelSecError,
  runRules,
  runRulesSync,
  SEVERITIES,
  type Severity,
  type Verdict,
  verdictError,
} from '@modelsec/core';

/** The answer of the original design's `filter_output` when it abstains. */
export const DEFAULT_SAFE_RESPONSE = 'Unable to provide prediction';

/** A safe answer for LLM text that was blocked. */
export const DEFAULT_TEXT_SAFE_RESPONSE = "Sorry, I can't share that response.";

/** What `onIncident` receives: one record per filtered output that produced findings. */
export interface Incident {
  /** `blocked` (safe response or error), `modified` (redacted, perturbed...) or `flagged` (reported only). */
  action: 'blocked' | 'modified' | 'flagged';
  /** Every finding, in rule order (content-free: spans, codes, scores, safe details). */
  findings: readonly Finding[];
  /** The first blocking finding, when blocked. */
  blocked?: Finding;
  /** Code of the blocking finding (`low_confidence`, `canary_leak`...), when blocked. */
  code?: ErrorCode;
  /** Highest severity among the findings. */
  severity: Severity;
  /** The request metadata passed in `options.meta`. */
  meta: Readonly<Record<string, unknown>>;
}

/** Options of `filterOutput`. */
export interface FilterOutputOptions<S> {
  /**
   * The answer when a rule blocks (default `DEFAULT_SAFE_RESPONSE`), or a function of the blocking error
   * and the incident. Ignored with `onBlock: 'throw'`.
   */
  safeResponse?: S | ((error: ModelSecError, incident: Incident) => S);
  /** `safe-response` (default): answer with the safe response; `throw`: throw the blocking finding's error. */
  onBlock?: 'safe-response' | 'throw';
  /** Called once per call with a finding above severity `info` (routine rounding/top-k alone is not an incident). */
  onIncident?: (incident: Incident) => void;
  /** Request metadata handed to the rules and the incident (model id, principal, request id...). */
  meta?: Readonly<Record<string, unknown>>;
  /** The (sanitized) model input, for rules that compare output with input. */
  input?: unknown;
  /** Aborts long asynchronous rules. */
  signal?: AbortSignal;
  /** Run every rule even after a block, to report every problem (default false). */
  collectAll?: boolean;
}

/** What `filterOutput` returns. */
export interface FilterResult<T, S = typeof DEFAULT_SAFE_RESPONSE> {
  /** True when no rule blocked. */
  ok: boolean;
  /** The filtered output, or the safe response when a rule blocked. */
  output: T | S;
  /** Every finding, in rule order. */
  findings: Finding[];
  /** The first blocking finding, if any. */
  blocked: Finding | undefined;
  /** True when `output` is the safe response. */
  usedSafeResponse: boolean;
}

/**
 * Filter a model's output through `rules` (classifier rules, text rules, schema rules, any core `Rule`).
 *
 * @param output - what the model returned (untrusted).
 * @param rules - applied in order; each sees the previous rule's output.
 * @returns the filtered output and the findings, or the safe response when a rule blocked.
 * @throws the blocking error with `onBlock: 'throw'`; ConfigError for misconfigured rules.
 * @example
 * ```ts
 * const { output } = await filterOutput(probs, [confidenceThreshold(0.6), topK(3), roundProbabilities(2)], {
 *   onIncident: (i) => log.warn('output filtered', i.action, i.code),
 * });
 * ```
 */
export async function filterOutput<T = unknown, S = typeof DEFAULT_SAFE_RESPONSE>(
  output: unknown,
  rules: readonly AnyRule[],
  options: FilterOutputOptions<S> = {},
): Promise<FilterResult<T, S>> {
  const { meta, ctx } = prepare(options);
  const verdict = await runRules<T>(output, rules, ctx, { collectAll: options.collectAll ?? false });
  return finish(verdict, options, meta);
}

/**
 * Synchronous `filterOutput` for classifier hot paths (every rule must be synchronous).
 *
 * @throws ConfigError `invalid_config` when a rule is asynchronous.
 * @example
 * ```ts
 * const { output } = filterOutputSync(probs, [topK(1), roundProbabilities(2)]);
 * ```
 */
export function filterOutputSync<T = unknown, S = typeof DEFAULT_SAFE_RESPONSE>(
  output: unknown,
  rules: readonly AnyRule[],
  options: FilterOutputOptions<S> = {},
): FilterResult<T, S> {
  const { meta, ctx } = prepare(options);
  const verdict = runRulesSync<T>(output, rules, ctx, { collectAll: options.collectAll ?? false });
  return finish(verdict, options, meta);
}

function prepare<S>(options: FilterOutputOptions<S>) {
  aobject(options as unknown, 'options');
  if (options.onIncident !== undefined) afunction(options.onIncident, 'options.onIncident');
  aoneOf(options.onBlock ?? 'safe-response', 'options.onBlock', ['safe-response', 'throw'] as const);
  const meta = options.meta ?? {};
  const ctx: { phase: 'output'; meta: Readonly<Record<string, unknown>>; input?: unknown; signal?: AbortSignal } = {
    phase: 'output',
    meta,
  };
  if (options.input !== undefined) ctx.input = options.input;
  if (options.signal !== undefined) ctx.signal = options.signal;
  return { meta, ctx };
}

function finish<T, S>(
  verdict: Verdict<T>,
  options: FilterOutputOptions<S>,
  meta: Readonly<Record<string, unknown>>,
): FilterResult<T, S> {
  const blocked = verdict.ok ? undefined : blockingFinding(verdict);
  // Routine transformations (severity `info`: rounding, top-k...) alone are not incidents.
  const incident =
    blocked || verdict.findings.some((f) => f.severity !== 'info')
      ? makeIncident(verdict.findings, blocked, meta)
      : undefined;
  if (incident) options.onIncident?.(incident);
  if (verdict.ok) {
    return { ok: true, output: verdict.value, findings: verdict.findings, blocked: undefined, usedSafeResponse: false };
  }
  const error = verdictError(verdict);
  if (options.onBlock === 'throw') throw error;
  const safe = options.safeResponse;
  const output =
    typeof safe === 'function'
      ? (safe as (e: ModelSecError, i: Incident) => S)(error, incident as Incident)
      : safe === undefined
        ? (DEFAULT_SAFE_RESPONSE as S)
        : safe;
  return { ok: false, output, findings: verdict.findings, blocked, usedSafeResponse: true };
}

/**
 * The incident record of a set of findings (exported for stream filters and custom runners).
 *
 * @example
 * ```ts
 * const incident = makeIncident(verdict.findings, blockingFinding(verdict), { requestId });
 * ```
 */
export function makeIncident(
  findings: readonly Finding[],
  blocked: Finding | undefined,
  meta: Readonly<Record<string, unknown>> = {},
): Incident {
  let severity: Severity = 'info';
  let modified = false;
  for (const f of findings) {
    if (SEVERITIES.indexOf(f.severity) > SEVERITIES.indexOf(severity)) severity = f.severity;
    if (f.action === 'modify') modified = true;
  }
  const incident: Incident = {
    action: blocked ? 'blocked' : modified ? 'modified' : 'flagged',
    findings,
    severity,
    meta,
  };
  if (blocked) {
    incident.blocked = blocked;
    incident.code = blocked.code ?? 'policy_violation';
  }
  return incident;
}
