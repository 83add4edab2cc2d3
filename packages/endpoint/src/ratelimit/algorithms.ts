/**
 * The three limit algorithms as pure functions over small state objects, shared by the memory store
 * (and mirrored line by line by the Redis Lua script). Times are milliseconds.
 */
import type { LimitSpec, LimitState } from './types';

/** Sliding log: admitted events `[time, cost]`, oldest first, with a running total. */
export interface SlidingState {
  /** Event times. */
  times: number[];
  /** Event costs. */
  costs: number[];
  /** Index of the first live event. */
  head: number;
  /** Total cost of live events. */
  total: number;
}

/** Token bucket: tokens at time `at`. */
export interface BucketState {
  tokens: number;
  at: number;
}

/** Budget: period start and units used in it. */
export interface BudgetState {
  start: number;
  used: number;
}

/** Drop events older than the window. */
export function slidingPrune(s: SlidingState, spec: LimitSpec, now: number): void {
  const cutoff = now - spec.windowMs;
  while (s.head < s.times.length && (s.times[s.head] as number) <= cutoff) {
    s.total -= s.costs[s.head] as number;
    s.head++;
  }
  if (s.head > 64 && s.head * 2 > s.times.length) {
    s.times = s.times.slice(s.head);
    s.costs = s.costs.slice(s.head);
    s.head = 0;
  }
}

/** Evaluate a sliding log (after `slidingPrune`) for `cost` units; `spend: false` reports the state without this request. */
export function slidingCheck(s: SlidingState, spec: LimitSpec, cost: number, now: number, spend = true): LimitState {
  const allowed = s.total + cost <= spec.limit;
  const spent = allowed && spend;
  let retryAfterMs = 0;
  if (!allowed) {
    // Wait until enough of the oldest events leave the window.
    let freed = spec.limit - s.total;
    let i = s.head;
    while (freed < cost && i < s.times.length) freed += s.costs[i++] as number;
    retryAfterMs = cost > spec.limit ? spec.windowMs : Math.max(1, (s.times[i - 1] ?? now) + spec.windowMs - now);
  }
  const remaining = Math.max(0, spec.limit - s.total - (spent ? cost : 0));
  // Fully available again when the newest counted event (this one, if admitted) leaves the window.
  const newest = spent ? now : s.times.length > s.head ? (s.times[s.times.length - 1] as number) : undefined;
  const resetMs = newest === undefined ? 0 : Math.max(0, newest + spec.windowMs - now);
  return { allowed, remaining, resetMs, retryAfterMs };
}

/** Record an admitted event. */
export function slidingCommit(s: SlidingState, cost: number, now: number): void {
  s.times.push(now);
  s.costs.push(cost);
  s.total += cost;
}

/** Refill a bucket to `now` and evaluate it for `cost` tokens. */
export function bucketCheck(b: BucketState, spec: LimitSpec, cost: number, now: number, spend = true): LimitState {
  const rate = spec.limit / spec.windowMs; // tokens per ms
  b.tokens = Math.min(spec.limit, b.tokens + Math.max(0, now - b.at) * rate);
  b.at = now;
  const allowed = b.tokens >= cost;
  const left = allowed && spend ? b.tokens - cost : b.tokens;
  return {
    allowed,
    remaining: Math.floor(left),
    resetMs: Math.ceil((spec.limit - left) / rate),
    retryAfterMs: allowed ? 0 : cost > spec.limit ? spec.windowMs : Math.max(1, Math.ceil((cost - b.tokens) / rate)),
  };
}

/** Roll a budget period over when it has ended and evaluate it for `cost` units. */
export function budgetCheck(b: BudgetState, spec: LimitSpec, cost: number, now: number, spend = true): LimitState {
  if (now >= b.start + spec.windowMs) {
    b.start = now;
    b.used = 0;
  }
  const allowed = b.used + cost <= spec.limit;
  const resetMs = Math.max(0, b.start + spec.windowMs - now);
  return {
    allowed,
    remaining: Math.max(0, spec.limit - b.used - (allowed && spend ? cost : 0)),
    resetMs,
    retryAfterMs: allowed ? 0 : Math.max(1, resetMs),
  };
}
