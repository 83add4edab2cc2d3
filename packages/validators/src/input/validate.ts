/**
 * `validateInput` and `checkInput`: run rules (any core `Rule`: numeric, text, schema, detectors) over an
 * untrusted model input with core's `runRules`, report findings to an `onSuspicious` hook, and either
 * return the sanitized value or throw the blocking finding's typed error.
 */
import {
  type AnyRule,
  afunction,
  aobject,
  type Finding,
  type ModelSecError,
  runRules,
  runRulesSync,
  type Verdict,
  verdictError,
} from '@modelsec/core';

/** What `onSuspicious` is told besides the findings. */
export interface SuspiciousInfo {
  /** True when a finding blocked the input (`validateInput` is about to throw `error`). */
  readonly blocked: boolean;
  /** The error thrown for a blocked input. */
  readonly error?: ModelSecError;
}

/** Options of `validateInput` and `checkInput`. */
export interface ValidateInputOptions {
  /**
   * Called once per call that produced findings (flags, sanitizations or a block), before returning or
   * throwing: log them, count them, feed a monitor. Findings never contain the raw input.
   */
  onSuspicious?: (findings: readonly Finding[], info: SuspiciousInfo) => void;
  /** Run every rule even after a block, to report every problem (default false: stop at the first block). */
  collectAll?: boolean;
  /** Request metadata handed to every rule (model id, principal...). */
  meta?: Readonly<Record<string, unknown>>;
  /** Abort long checks. */
  signal?: AbortSignal;
}

/** The result of a successful `validateInput`. */
export interface ValidatedInput<T> {
  /** The input after every sanitizing rule (clipped, quantized, parsed...). */
  value: T;
  /** Every finding, in rule order (flags and modifications; none blocked). */
  findings: Finding[];
}

/**
 * Validate a model input: run `rules` in order (each sees the previous one's sanitized value), then
 * return the sanitized value, or throw the error of the first blocking finding.
 *
 * @param input - the untrusted input (tensor, record, JSON body, text...).
 * @param rules - core `Rule`s, e.g. `[tensorShape(...), finiteValues(), profileRange(profile), squeezeRule(detector)]`.
 * @returns the sanitized value and the findings.
 * @throws ValidationError (`invalid_format`, `invalid_shape`, `out_of_range`, `non_finite`, `too_large`...) for
 * malformed input; SecurityError (`adversarial_input`, `anomalous_input`...) for hostile input; the
 * error's `details` name the rule.
 * @example
 * ```ts
 * const { value } = await validateInput(pixels, [tensorShape({ shape: [null, 1, 28, 28] }), finiteValues(),
 *   featureRanges({ min: 0, max: 1, action: 'clip' }), squeezeRule(detector)], {
 *   onSuspicious: (findings) => log.warn({ findings }),
 * });
 * ```
 */
export async function validateInput<T = unknown>(
  input: unknown,
  rules: readonly AnyRule[],
  options: ValidateInputOptions = {},
): Promise<ValidatedInput<T>> {
  return settle(await check<T>(input, rules, options));
}

/**
 * Synchronous `validateInput` for hot paths where every rule is synchronous (all the numeric rules of
 * this package except the adversarial detector).
 *
 * @throws as `validateInput`; ConfigError `invalid_config` when a rule is asynchronous.
 * @example
 * ```ts
 * const { value } = validateInputSync(features, [featureRanges({ min: 0, max: 1 })]);
 * ```
 */
export function validateInputSync<T = unknown>(
  input: unknown,
  rules: readonly AnyRule[],
  options: ValidateInputOptions = {},
): ValidatedInput<T> {
  assertOptions(options);
  const verdict = runRulesSync<T>(
    input,
    rules,
    { phase: 'input', meta: options.meta ?? {} },
    {
      collectAll: options.collectAll ?? false,
    },
  );
  return settle(report(verdict, options));
}

/**
 * Like `validateInput` but never throws for a bad input: returns the verdict (`ok`, sanitized `value`,
 * `findings`). `onSuspicious` is still called.
 *
 * @throws only for misuse (not a rule list, a rule that is not a rule, a rule bug).
 * @example
 * ```ts
 * const verdict = await checkInput(features, rules);
 * if (!verdict.ok) return reply(422, { code: verdictError(verdict).code });
 * ```
 */
export async function checkInput<T = unknown>(
  input: unknown,
  rules: readonly AnyRule[],
  options: ValidateInputOptions = {},
): Promise<Verdict<T>> {
  return (await check<T>(input, rules, options)).verdict;
}

async function check<T>(input: unknown, rules: readonly AnyRule[], options: ValidateInputOptions): Promise<Checked<T>> {
  assertOptions(options);
  const context = {
    phase: 'input' as const,
    meta: options.meta ?? {},
    ...(options.signal ? { signal: options.signal } : {}),
  };
  return report(await runRules<T>(input, rules, context, { collectAll: options.collectAll ?? false }), options);
}

interface Checked<T> {
  verdict: Verdict<T>;
  error: ModelSecError | undefined;
}

/** Call the hook (once) and compute the error, so validateInput throws the very object the hook saw. */
function report<T>(verdict: Verdict<T>, options: ValidateInputOptions): Checked<T> {
  const error = verdict.ok ? undefined : verdictError(verdict);
  if (options.onSuspicious && verdict.findings.length > 0) {
    options.onSuspicious(verdict.findings, error ? { blocked: true, error } : { blocked: false });
  }
  return { verdict, error };
}

function settle<T>({ verdict, error }: Checked<T>): ValidatedInput<T> {
  if (error) throw error;
  return { value: verdict.value, findings: verdict.findings };
}

function assertOptions(options: ValidateInputOptions): void {
  aobject(options as unknown, 'options');
  if (options.onSuspicious !== undefined) afunction(options.onSuspicious, 'options.onSuspicious');
}
