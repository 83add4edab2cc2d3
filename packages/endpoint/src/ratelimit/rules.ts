/**
 * Rate-limit and budget rules: which algorithm, how many units per window, and which request
 * attributes the counter is keyed by (principal, IP, model, tenant, or one global counter).
 */
import { ainteger, aobject, ConfigError } from '@modelsec/core';
import type { LimitAlgorithm } from './types';

/** Request attributes a counter can be keyed by. */
export type LimitKey = 'principal' | 'ip' | 'model' | 'tenant' | 'global';

/** What one request spends: 1 per request, or the request's unit count (samples in a batch). */
export type LimitCost = 'request' | 'units';

/** A named limit. Build with `slidingWindow`, `tokenBucket` or `queryBudget`. */
export interface RateLimitRule {
  /** Policy name in the `RateLimit`/`RateLimit-Policy` headers (1-32 of `[A-Za-z0-9_-]`). */
  name: string;
  /** Algorithm. */
  algorithm: LimitAlgorithm;
  /** Units per window (bucket capacity for token buckets). */
  limit: number;
  /** Window (full refill time for token buckets), milliseconds. */
  windowMs: number;
  /** Counter key: one attribute or a combination (`['principal', 'model']`). */
  by: readonly LimitKey[];
  /** What a request spends. */
  cost: LimitCost;
  /** Error code when this rule rejects: `rate_limited` or `budget_exhausted`. */
  code: 'rate_limited' | 'budget_exhausted';
}

/** Common options of the rule factories. */
export interface RuleOptions {
  /** Policy name (1-32 of `[A-Za-z0-9_-]`). */
  name: string;
  /** Counter key (default `principal`). */
  by?: LimitKey | readonly LimitKey[];
  /** What a request spends (default `request`; budgets default to `units`). */
  cost?: LimitCost;
}

const KEYS: readonly LimitKey[] = ['principal', 'ip', 'model', 'tenant', 'global'];
/** Largest sliding-window quota: the exact sliding log keeps one entry per unit. */
export const MAX_SLIDING_LIMIT = 100_000;

function rule(
  options: RuleOptions,
  algorithm: LimitAlgorithm,
  limit: number,
  windowMs: number,
  defaults: { cost: LimitCost; code: RateLimitRule['code'] },
): RateLimitRule {
  aobject(options as unknown, 'options');
  if (typeof options.name !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(options.name)) {
    throw new ConfigError('invalid_config', 'options.name must be 1-32 characters of [A-Za-z0-9_-]');
  }
  const by = typeof options.by === 'string' ? [options.by] : [...(options.by ?? ['principal'])];
  if (by.length === 0 || by.some((k) => !KEYS.includes(k))) {
    throw new ConfigError('invalid_config', `options.by must name some of ${KEYS.join(', ')}`);
  }
  const cost = options.cost ?? defaults.cost;
  if (cost !== 'request' && cost !== 'units')
    throw new ConfigError('invalid_config', 'options.cost must be request or units');
  return Object.freeze({
    name: options.name,
    algorithm,
    limit,
    windowMs,
    by: Object.freeze(by),
    cost,
    code: defaults.code,
  });
}

/**
 * At most `limit` requests in any window of `windowMs` (exact sliding log; `limit` ≤ 100,000).
 *
 * @example
 * ```ts
 * slidingWindow({ name: 'burst', limit: 100, windowMs: 60_000, by: 'principal' });
 * ```
 */
export function slidingWindow(options: RuleOptions & { limit: number; windowMs: number }): RateLimitRule {
  ainteger(options?.limit, 'options.limit', { min: 1, max: MAX_SLIDING_LIMIT });
  ainteger(options.windowMs, 'options.windowMs', { min: 1 });
  return rule(options, 'sliding-window', options.limit, options.windowMs, { cost: 'request', code: 'rate_limited' });
}

/**
 * A token bucket of `capacity` tokens refilled at `refillPerSecond`: smooth rate with bursts.
 *
 * @example
 * ```ts
 * tokenBucket({ name: 'ip', capacity: 50, refillPerSecond: 10, by: 'ip' });
 * ```
 */
export function tokenBucket(options: RuleOptions & { capacity: number; refillPerSecond: number }): RateLimitRule {
  ainteger(options?.capacity, 'options.capacity', { min: 1 });
  const windowMs = Math.round((options.capacity / options.refillPerSecond) * 1000);
  if (!Number.isFinite(options.refillPerSecond) || options.refillPerSecond <= 0 || windowMs < 1) {
    throw new ConfigError('invalid_config', 'options.refillPerSecond must be a positive number');
  }
  return rule(options, 'token-bucket', options.capacity, windowMs, { cost: 'request', code: 'rate_limited' });
}

/**
 * A long-horizon query budget: at most `limit` units (samples, by default) per `periodMs`, for
 * slowing model-extraction attacks that need many queries. Rejections use `budget_exhausted`.
 *
 * @example
 * ```ts
 * queryBudget({ name: 'monthly', limit: 100_000, periodMs: 30 * 86_400_000, by: ['principal', 'model'] });
 * ```
 */
export function queryBudget(options: RuleOptions & { limit: number; periodMs: number }): RateLimitRule {
  ainteger(options?.limit, 'options.limit', { min: 1 });
  ainteger(options.periodMs, 'options.periodMs', { min: 1 });
  return rule(options, 'budget', options.limit, options.periodMs, { cost: 'units', code: 'budget_exhausted' });
}
