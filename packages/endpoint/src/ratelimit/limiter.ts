/**
 * `createRateLimiter()`: turns rules and a request subject into store checks, spends them atomically
 * and reports the outcome (the most restrictive rejecting rule, `Retry-After`, header values).
 * Store failures follow the store's own fail mode; a store error that is not already an
 * `AccessError` is reported as `store_unavailable` (fail closed).
 */
import { AccessError, aobject, bytesToHex, ConfigError, digest, isModelSecError } from '@modelsec/core';
import { ipRateKey } from '../net/ip';
import { memoryRateLimitStore } from './memory-store';
import type { RateLimitRule } from './rules';
import type { LimitCheck, LimitState, RateLimitStore } from './types';

/** Who and what a request is about, for keying counters. */
export interface LimitSubject {
  /** Principal id (absent: `anonymous`). */
  principal?: string;
  /** Client IP (IPv6 is counted per /64). */
  ip?: string;
  /** Model name. */
  model?: string;
  /** Tenant. */
  tenant?: string;
  /** Units in this request (samples in a batch) for `cost: 'units'` rules (default 1). */
  units?: number;
}

/** One rule's result. */
export interface RuleResult {
  /** The rule. */
  rule: RateLimitRule;
  /** Its state after the request. */
  state: LimitState;
}

/** What `RateLimiter.consume` reports. */
export interface RateLimitOutcome {
  /** True when every rule admitted the request. */
  allowed: boolean;
  /** For a rejection: `budget_exhausted` if a budget rejected, else `rate_limited`. */
  code?: 'rate_limited' | 'budget_exhausted';
  /** Seconds until a retry could succeed (0 when allowed). */
  retryAfterSec: number;
  /** Every rule's state. */
  results: RuleResult[];
  /** True when a fail-open store admitted without counting. */
  degraded: boolean;
}

/** Options of `createRateLimiter`. */
export interface RateLimiterOptions {
  /** The rules, all spent atomically per request. */
  rules: readonly RateLimitRule[];
  /** Where counters live (default a new `memoryRateLimitStore()`). */
  store?: RateLimitStore;
  /** Prefix of every key (default `rl:`), to share a store between services. */
  prefix?: string;
}

/** A configured limiter. */
export interface RateLimiter {
  /** The rules. */
  readonly rules: readonly RateLimitRule[];
  /** The store. */
  readonly store: RateLimitStore;
  /** Spend one request's worth of every rule, all or nothing. */
  consume(subject: LimitSubject): Promise<RateLimitOutcome>;
  /** Like `consume`, but throws `AccessError` (`rate_limited`/`budget_exhausted`) when rejected. */
  enforce(subject: LimitSubject): Promise<RateLimitOutcome>;
}

/**
 * Create a rate limiter.
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter({
 *   rules: [
 *     slidingWindow({ name: 'burst', limit: 100, windowMs: 60_000 }),
 *     queryBudget({ name: 'monthly', limit: 100_000, periodMs: 30 * 86_400_000, by: ['principal', 'model'] }),
 *   ],
 * });
 * const outcome = await limiter.consume({ principal: 'alice', model: 'mnist', units: 8 });
 * ```
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  aobject(options as unknown, 'options');
  if (!Array.isArray(options.rules) || options.rules.length === 0) {
    throw new ConfigError('invalid_config', 'options.rules must be a non-empty array');
  }
  const names = new Set(options.rules.map((r) => r.name));
  if (names.size !== options.rules.length) throw new ConfigError('invalid_config', 'rule names must be unique');
  const rules = Object.freeze([...options.rules]);
  const store = options.store ?? memoryRateLimitStore();
  const prefix = options.prefix ?? 'rl:';

  const consume = async (subject: LimitSubject): Promise<RateLimitOutcome> => {
    aobject(subject as unknown, 'subject');
    const units = subject.units ?? 1;
    if (!Number.isSafeInteger(units) || units < 1)
      throw new ConfigError('invalid_argument', 'subject.units must be a positive integer');
    const checks: LimitCheck[] = await Promise.all(
      rules.map(async (rule) => ({
        key: await keyFor(prefix, rule, subject),
        spec: { algorithm: rule.algorithm, limit: rule.limit, windowMs: rule.windowMs },
        cost: rule.cost === 'units' ? units : 1,
      })),
    );
    let result: Awaited<ReturnType<RateLimitStore['consume']>>;
    try {
      result = await store.consume(checks);
    } catch (error) {
      if (isModelSecError(error) && error.kind === 'access') throw error;
      throw new AccessError('store_unavailable', 'the rate-limit store is unavailable', {
        cause: error,
        details: { store: store.name },
      });
    }
    const results = rules.map((rule, i) => ({ rule, state: result.states[i] as LimitState }));
    const rejecting = results.filter((r) => !r.state.allowed);
    const retryMs = rejecting.reduce((m, r) => Math.max(m, r.state.retryAfterMs), 0);
    const outcome: RateLimitOutcome = {
      allowed: result.allowed,
      retryAfterSec: result.allowed ? 0 : Math.max(1, Math.ceil(retryMs / 1000)),
      results,
      degraded: result.degraded === true,
    };
    if (!result.allowed)
      outcome.code = rejecting.some((r) => r.rule.code === 'budget_exhausted') ? 'budget_exhausted' : 'rate_limited';
    return outcome;
  };

  return {
    rules,
    store,
    consume,
    async enforce(subject: LimitSubject) {
      const outcome = await consume(subject);
      if (!outcome.allowed) throw rateLimitError(outcome);
      return outcome;
    },
  };
}

/**
 * The `AccessError` for a rejected outcome (details: rule names and `retryAfterSec`).
 *
 * @example
 * ```ts
 * if (!outcome.allowed) throw rateLimitError(outcome);
 * ```
 */
export function rateLimitError(outcome: RateLimitOutcome): AccessError {
  const code = outcome.code ?? 'rate_limited';
  const rules = outcome.results.filter((r) => !r.state.allowed).map((r) => r.rule.name);
  return new AccessError(code, code === 'budget_exhausted' ? 'the query budget is exhausted' : 'too many requests', {
    details: { rules, retryAfterSec: outcome.retryAfterSec },
  });
}

async function keyFor(prefix: string, rule: RateLimitRule, subject: LimitSubject): Promise<string> {
  const parts: string[] = [];
  for (const k of rule.by) {
    if (k === 'global') parts.push('g');
    else if (k === 'ip') parts.push(`i=${subject.ip === undefined ? '-' : ipRateKey(subject.ip)}`);
    else if (k === 'principal') parts.push(`p=${await encodePart(subject.principal ?? 'anonymous')}`);
    else if (k === 'model') parts.push(`m=${await encodePart(subject.model ?? '-')}`);
    else parts.push(`t=${await encodePart(subject.tenant ?? '-')}`);
  }
  return `${prefix}${rule.name}:${parts.join('|')}`;
}

/** Short values are kept readable (escaped); long ones are hashed so keys stay bounded. */
async function encodePart(value: string): Promise<string> {
  if (value.length <= 128) return encodeURIComponent(value);
  return `h.${bytesToHex(await digest('sha256', value))}`;
}
