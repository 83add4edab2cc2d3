/**
 * The default rate-limit store: in-process maps, atomic because JavaScript runs `consume()` to
 * completion without interleaving. State is per process (use `@modelsec/redis` for several instances
 * or serverless functions). Memory is bounded: expired keys are swept incrementally and, past
 * `maxKeys` live keys, the store fails closed (`AccessError('store_unavailable')`) rather than evict
 * live counters an attacker could then reset by flooding new keys.
 */
import { AccessError, ainteger, aobject } from '@modelsec/core';
import {
  type BucketState,
  type BudgetState,
  bucketCheck,
  budgetCheck,
  type SlidingState,
  slidingCheck,
  slidingCommit,
  slidingPrune,
} from './algorithms';
import type { ConsumeResult, LimitCheck, LimitState, RateLimitStore } from './types';

/** Options of `memoryRateLimitStore`. */
export interface MemoryRateLimitStoreOptions {
  /** Most live keys kept before failing closed (default 100,000). */
  maxKeys?: number;
  /** Clock in epoch milliseconds (default `Date.now`); tests inject one. */
  now?: () => number;
}

type Entry =
  | { kind: 'sliding-window'; state: SlidingState; expires: number }
  | { kind: 'token-bucket'; state: BucketState; expires: number }
  | { kind: 'budget'; state: BudgetState; expires: number };

/**
 * Create an in-memory rate-limit store.
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter({ rules: [slidingWindow({ name: 'burst', limit: 100, windowMs: 60_000 })], store: memoryRateLimitStore() });
 * ```
 */
export function memoryRateLimitStore(options: MemoryRateLimitStoreOptions = {}): RateLimitStore & {
  /** Number of keys currently held (for tests and metrics). */
  readonly size: number;
} {
  aobject(options as unknown, 'options');
  const maxKeys = options.maxKeys ?? 100_000;
  ainteger(maxKeys, 'options.maxKeys', { min: 1 });
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let sweepCursor: Iterator<[string, Entry]> | undefined;

  const sweep = (t: number, budget: number) => {
    for (let i = 0; i < budget; i++) {
      sweepCursor ??= entries.entries();
      const next = sweepCursor.next();
      if (next.done) {
        sweepCursor = undefined;
        return;
      }
      if (next.value[1].expires <= t) entries.delete(next.value[0]);
    }
  };

  const entryFor = (check: LimitCheck, t: number): Entry => {
    const existing = entries.get(check.key);
    if (existing && existing.kind === check.spec.algorithm) return existing;
    switch (check.spec.algorithm) {
      case 'sliding-window':
        return { kind: 'sliding-window', state: { times: [], costs: [], head: 0, total: 0 }, expires: t };
      case 'token-bucket':
        return { kind: 'token-bucket', state: { tokens: check.spec.limit, at: t }, expires: t };
      default:
        return { kind: 'budget', state: { start: t, used: 0 }, expires: t };
    }
  };

  return {
    name: 'memory',
    get size() {
      return entries.size;
    },
    async consume(checks: readonly LimitCheck[]): Promise<ConsumeResult> {
      const t = now();
      sweep(t, 8);
      const pending: Entry[] = [];
      const states: LimitState[] = [];
      const evaluate = (check: LimitCheck, e: Entry, spend: boolean): LimitState => {
        if (e.kind === 'sliding-window') {
          slidingPrune(e.state, check.spec, t);
          return slidingCheck(e.state, check.spec, check.cost, t, spend);
        }
        if (e.kind === 'token-bucket') return bucketCheck(e.state, check.spec, check.cost, t, spend);
        return budgetCheck(e.state, check.spec, check.cost, t, spend);
      };
      for (const check of checks) {
        const e = entryFor(check, t);
        pending.push(e);
        states.push(evaluate(check, e, true));
      }
      const allowed = states.every((s) => s.allowed);
      if (!allowed) {
        // Nothing is spent: report every limit as it stands without this request.
        checks.forEach((check, i) => {
          if ((states[i] as LimitState).allowed)
            states[i] = { ...evaluate(check, pending[i] as Entry, false), allowed: true };
        });
      }
      const fresh = checks.filter((c) => !entries.has(c.key)).length;
      if (allowed && fresh > 0 && entries.size + fresh > maxKeys) {
        sweep(t, entries.size);
        if (entries.size + fresh > maxKeys) {
          throw new AccessError('store_unavailable', 'the rate-limit store is full', {
            details: { store: 'memory', reason: 'full' },
          });
        }
      }
      checks.forEach((check, i) => {
        const e = pending[i] as Entry;
        if (allowed) {
          if (e.kind === 'sliding-window') slidingCommit(e.state, check.cost, t);
          else if (e.kind === 'token-bucket') e.state.tokens -= check.cost;
          else e.state.used += check.cost;
        }
        const state = states[i] as LimitState;
        e.expires = t + Math.max(state.resetMs, 1);
        if (allowed || entries.has(check.key)) entries.set(check.key, e);
      });
      return { allowed, states };
    },
  };
}
