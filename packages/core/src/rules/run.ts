/**
 * Rule runners: apply rules in order, collect findings, thread the sanitized value through, stop at
 * the first blocking finding (later rules may rely on what earlier ones checked).
 */
import { afunction, astring } from '../errors/asserts';
import { describeValue } from '../errors/describe';
import {
  ConfigError,
  errorForCode,
  isModelSecError,
  type ModelSecError,
  ModelSecTypeError,
} from '../errors/model-sec-error';
import type { AnyRule, Finding, RuleContext, RuleOutcome, Verdict } from './types';

/** Options of `runRules`. */
export interface RunRulesOptions {
  /** Keep running after a blocking finding (to collect every problem); default false. */
  collectAll?: boolean;
}

/**
 * Identity helper that gives a rule object its types.
 *
 * @example
 * ```ts
 * const nonEmpty = defineRule<string>({
 *   name: 'nonEmpty',
 *   check: (s) => (s.length > 0 ? undefined : {
 *     findings: [{ rule: 'nonEmpty', severity: 'medium', message: 'empty', action: 'block', code: 'empty_input' }],
 *   }),
 * });
 * ```
 */
export function defineRule<In = unknown, Out = In>(rule: {
  name: string;
  check: AnyRule['check'];
  specificationVersion?: 'v1';
}): import('./types').Rule<In, Out> {
  assertRule(rule, 'rule');
  return rule as import('./types').Rule<In, Out>;
}

/**
 * Run rules over a value. Rules run in order and each sees the value the previous one produced.
 * A rule that throws a `ModelSecError` produces a blocking finding with that error's code; any other
 * exception propagates (it is a bug, not a verdict).
 *
 * @returns the verdict: `ok`, the sanitized value and every finding.
 * @example
 * ```ts
 * const verdict = await runRules(input, [shapeRule, rangeRule], { phase: 'input' });
 * if (!verdict.ok) throw verdictError(verdict);
 * ```
 */
export async function runRules<T = unknown>(
  value: unknown,
  rules: readonly AnyRule[],
  context: Partial<RuleContext> & Pick<RuleContext, 'phase'>,
  options: RunRulesOptions = {},
): Promise<Verdict<T>> {
  assertRules(rules);
  const ctx: RuleContext = { meta: {}, ...context };
  const findings: Finding[] = [];
  let current = value;
  let ok = true;
  for (const rule of rules) {
    ctx.signal?.throwIfAborted();
    let outcome: RuleOutcome | undefined;
    try {
      outcome = await rule.check(current, ctx);
    } catch (error) {
      outcome = outcomeFromError(rule.name, error);
    }
    const step = applyOutcome(rule.name, outcome, findings);
    if (step.changed) current = step.value;
    if (step.blocked) {
      ok = false;
      if (!options.collectAll) break;
    }
  }
  return { ok, value: current as T, findings };
}

/**
 * Synchronous `runRules` for hot paths where every rule is synchronous.
 *
 * @throws ConfigError `invalid_config` when a rule returns a promise.
 * @example
 * ```ts
 * const { value } = runRulesSync(probs, [topK(1)], { phase: 'output' });
 * ```
 */
export function runRulesSync<T = unknown>(
  value: unknown,
  rules: readonly AnyRule[],
  context: Partial<RuleContext> & Pick<RuleContext, 'phase'>,
  options: RunRulesOptions = {},
): Verdict<T> {
  assertRules(rules);
  const ctx: RuleContext = { meta: {}, ...context };
  const findings: Finding[] = [];
  let current = value;
  let ok = true;
  for (const rule of rules) {
    let outcome: RuleOutcome | undefined;
    try {
      const r = rule.check(current, ctx);
      if (r && typeof (r as Promise<unknown>).then === 'function') {
        throw new ConfigError('invalid_config', `rule "${rule.name}" is asynchronous; use runRules()`);
      }
      outcome = r as RuleOutcome | undefined;
    } catch (error) {
      outcome = outcomeFromError(rule.name, error);
    }
    const step = applyOutcome(rule.name, outcome, findings);
    if (step.changed) current = step.value;
    if (step.blocked) {
      ok = false;
      if (!options.collectAll) break;
    }
  }
  return { ok, value: current as T, findings };
}

/**
 * The first blocking finding of a verdict, if any.
 *
 * @example
 * ```ts
 * const why = blockingFinding(verdict)?.code;
 * ```
 */
export function blockingFinding(verdict: Pick<Verdict, 'findings'>): Finding | undefined {
  return verdict.findings.find((f) => f.action === 'block');
}

/**
 * The error a blocked verdict stands for: the class and code of its first blocking finding
 * (`policy_violation` when that finding has no code).
 *
 * @example
 * ```ts
 * if (!verdict.ok) throw verdictError(verdict);
 * ```
 */
export function verdictError(verdict: Pick<Verdict, 'findings'>): ModelSecError {
  const f = blockingFinding(verdict);
  if (!f) return new ConfigError('invalid_argument', 'verdict has no blocking finding');
  return errorForCode(f.code ?? 'policy_violation', f.message, {
    details: { rule: f.rule, severity: f.severity, findings: verdict.findings.length },
  });
}

function outcomeFromError(rule: string, error: unknown): RuleOutcome {
  // Bugs and caller misuse (config errors) propagate; only verdicts about the value become findings.
  if (!isModelSecError(error) || error.kind === 'config') throw error;
  const finding: Finding = {
    rule,
    severity: error.kind === 'security' || error.kind === 'integrity' ? 'high' : 'medium',
    message: error.message,
    code: error.code,
    action: 'block',
  };
  if (error.details) finding.details = error.details;
  return { findings: [finding] };
}

function applyOutcome(
  rule: string,
  outcome: RuleOutcome | undefined,
  findings: Finding[],
): { changed: boolean; value?: unknown; blocked: boolean } {
  if (outcome === undefined || outcome === null) return { changed: false, blocked: false };
  if (typeof outcome !== 'object') {
    throw new ModelSecTypeError(`rule "${rule}" returned ${describeValue(outcome)}, expected an outcome object`);
  }
  let blocked = false;
  for (const f of outcome.findings ?? []) {
    findings.push(f);
    if (f.action === 'block') blocked = true;
  }
  const changed = Object.hasOwn(outcome, 'value');
  return changed ? { changed, value: outcome.value, blocked } : { changed, blocked };
}

function assertRule(rule: unknown, label: string): asserts rule is AnyRule {
  if (typeof rule !== 'object' || rule === null) {
    throw new ModelSecTypeError(`"${label}" expected a rule object, got ${describeValue(rule)}`);
  }
  astring((rule as AnyRule).name, `${label}.name`);
  afunction((rule as AnyRule).check, `${label}.check`);
}

function assertRules(rules: unknown): asserts rules is readonly AnyRule[] {
  if (!Array.isArray(rules)) throw new ModelSecTypeError(`"rules" expected array, got ${describeValue(rules)}`);
  rules.forEach((r, i) => {
    assertRule(r, `rules[${i}]`);
  });
}
