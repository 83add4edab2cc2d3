/**
 * `redisRateLimitStore()`: the endpoint rate-limit store on Redis. One Lua script checks and spends
 * every limit of a request atomically, so any number of instances and serverless invocations share
 * exact counters. When Redis is unavailable it fails closed (`AccessError('store_unavailable')`) by
 * default, or, in `open` mode, admits the request without counting and marks the result `degraded`.
 * In Redis Cluster all keys of one request must share a slot: put a hash tag in `prefix`
 * (`{rl}:`) or key rules consistently.
 */
import { bytesToHex, randomBytes } from '@modelsec/core';
import type { ConsumeResult, LimitCheck, LimitState, RateLimitStore } from '@modelsec/endpoint';
import type { RedisClientLike } from './client';
import { executorFor, type RedisExecutor, type RedisExecutorOptions } from './executor';
import { RATE_LIMIT_SCRIPT } from './rate-limit-script';

/** Options of `redisRateLimitStore`. */
export interface RedisRateLimitStoreOptions extends Omit<RedisExecutorOptions, 'client' | 'name'> {
  /** The connection (`toRedisClient(ioredis)`), or an executor shared with other stores. */
  client: RedisClientLike | RedisExecutor;
}

const CODES = { 'sliding-window': 1, 'token-bucket': 2, budget: 3 } as const;

/**
 * Create a Redis-backed rate-limit store.
 *
 * @example
 * ```ts
 * const store = redisRateLimitStore({ client: toRedisClient(new Redis(url, { ...IOREDIS_OPTIONS })) });
 * const limiter = createRateLimiter({ rules: [slidingWindow({ name: 'burst', limit: 100, windowMs: 60_000 })], store });
 * ```
 */
export function redisRateLimitStore(options: RedisRateLimitStoreOptions): RateLimitStore & {
  /** The executor (availability, fail mode). */
  readonly executor: RedisExecutor;
} {
  const executor = executorFor(options.client, { ...options, name: 'redis' });
  return {
    name: 'redis',
    executor,
    async consume(checks: readonly LimitCheck[]): Promise<ConsumeResult> {
      if (checks.length === 0) return { allowed: true, states: [] };
      const args: (string | number)[] = [bytesToHex(randomBytes(8))];
      for (const c of checks) args.push(CODES[c.spec.algorithm], c.spec.limit, c.spec.windowMs, c.cost);
      const reply = await executor.run(
        RATE_LIMIT_SCRIPT,
        checks.map((c) => c.key),
        args,
      );
      if (reply === undefined) {
        // Fail open: admit without counting, and say so.
        return {
          allowed: true,
          degraded: true,
          states: checks.map((c) => ({ allowed: true, remaining: c.spec.limit, resetMs: 0, retryAfterMs: 0 })),
        };
      }
      const r = (reply as unknown[]).map(Number);
      const states: LimitState[] = checks.map((_, i) => ({
        allowed: r[1 + i * 4] === 1,
        remaining: r[2 + i * 4] as number,
        resetMs: r[3 + i * 4] as number,
        retryAfterMs: r[4 + i * 4] as number,
      }));
      return { allowed: r[0] === 1, states };
    },
  };
}
