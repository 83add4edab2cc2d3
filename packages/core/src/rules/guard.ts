/**
 * `guard()`: wrap any predict function with input rules before it and output rules after it, the
 * way vercel/ai wraps a language model with middleware. The wrapped function has the same call
 * signature and returns a promise of the (filtered) output.
 */
import { afunction, aobject } from '../errors/asserts';
import type { ModelSecError } from '../errors/model-sec-error';
import { runRules, verdictError } from './run';
import type { AnyRule, Finding, RulePhase, Verdict } from './types';

/** Options of `guard()`. */
export interface GuardOptions<O> {
  /** Rules run on the input before the model (validation, sanitization, detection). */
  input?: readonly AnyRule[];
  /** Rules run on the output after the model (filtering, redaction, gating). */
  output?: readonly AnyRule[];
  /** Called for every finding of either phase (logging, metrics, monitors). */
  onFinding?: (finding: Finding, phase: RulePhase) => void;
  /**
   * Called when a phase blocks. Return a safe value to answer with instead of throwing, or
   * `undefined` to throw the blocking error (the default).
   */
  fallback?: (error: ModelSecError, phase: RulePhase) => O | undefined;
  /** Static metadata handed to every rule (model id, version...). */
  meta?: Readonly<Record<string, unknown>>;
}

/** What `Guarded.run` reports: the output and both verdicts. */
export interface GuardResult<O> {
  /** The output returned to the caller (filtered, or the fallback). */
  output: O;
  /** Verdict of the input rules. */
  input: Verdict;
  /** Verdict of the output rules (undefined when the input blocked). */
  outputVerdict: Verdict<O> | undefined;
  /** True when a fallback replaced a blocked input or output. */
  usedFallback: boolean;
}

/** A guarded predict function: call it like the original, or use `run` to also get the verdicts. */
export interface Guarded<I, O, A extends unknown[]> {
  (input: I, ...args: A): Promise<O>;
  /** Like calling the guarded function, but also returns both verdicts. */
  run(input: I, ...args: A): Promise<GuardResult<O>>;
}

/**
 * Wrap `predict` with input and output rules.
 *
 * @param predict - the model call to protect, sync or async.
 * @param options - rules for each phase, a findings hook and an optional fallback.
 * @returns a function with the same parameters that validates, predicts and filters.
 * @throws the blocking finding's error (`ValidationError`, `SecurityError`...) unless `fallback` returns a value.
 * @example
 * ```ts
 * const safePredict = guard(predict, {
 *   input: [finiteTensor],
 *   output: [confidenceThreshold(0.6)],
 *   onFinding: (f, phase) => console.warn(phase, f.rule, f.message),
 * });
 * const label = await safePredict(features);
 * ```
 */
export function guard<I, O, A extends unknown[] = []>(
  predict: (input: I, ...args: A) => O | Promise<O>,
  options: GuardOptions<O> = {},
): Guarded<I, O, A> {
  afunction(predict, 'predict');
  aobject(options as unknown, 'options');
  const inputRules = options.input ?? [];
  const outputRules = options.output ?? [];
  const meta = options.meta ?? {};

  const report = (verdict: Verdict, phase: RulePhase) => {
    if (options.onFinding) for (const f of verdict.findings) options.onFinding(f, phase);
  };
  const blocked = (verdict: Verdict, phase: RulePhase): O => {
    const error = verdictError(verdict);
    const safe = options.fallback?.(error, phase);
    if (safe === undefined) throw error;
    return safe;
  };

  const run = async (input: I, ...args: A): Promise<GuardResult<O>> => {
    const inVerdict = await runRules(input, inputRules, { phase: 'input', meta });
    report(inVerdict, 'input');
    if (!inVerdict.ok) {
      return { output: blocked(inVerdict, 'input'), input: inVerdict, outputVerdict: undefined, usedFallback: true };
    }
    const raw = await predict(inVerdict.value as I, ...args);
    const outVerdict = await runRules<O>(raw, outputRules, { phase: 'output', input: inVerdict.value, meta });
    report(outVerdict, 'output');
    if (!outVerdict.ok) {
      return { output: blocked(outVerdict, 'output'), input: inVerdict, outputVerdict: outVerdict, usedFallback: true };
    }
    return { output: outVerdict.value, input: inVerdict, outputVerdict: outVerdict, usedFallback: false };
  };

  const guarded = (async (input: I, ...args: A) => (await run(input, ...args)).output) as Guarded<I, O, A>;
  guarded.run = run;
  return guarded;
}
