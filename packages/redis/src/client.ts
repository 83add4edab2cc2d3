/**
 * The smallest Redis client surface modelsec needs: send one command, get its reply. ioredis
 * (`client.call`) fits as is; node-redis (`client.sendCommand([...])`) and anything else adapt in
 * one line. No Redis client is a dependency of this package: the application owns the connection.
 */
import { ConfigError } from '@modelsec/core';

/** One Redis command argument. */
export type RedisArg = string | number;

/** What modelsec calls on a Redis connection. */
export interface RedisClientLike {
  /** Send a command, e.g. `call('EVALSHA', sha, 1, key, arg)`. */
  call(command: string, ...args: RedisArg[]): Promise<unknown>;
  /** ioredis connection state (`ready`, `connecting`, `end`...), used to fail fast when known. */
  readonly status?: string;
}

/**
 * Accept an ioredis client (`call`) or a node-redis v4+ client (`sendCommand`) and return the
 * `RedisClientLike` view of it.
 *
 * @throws ConfigError `invalid_config` for anything else.
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * const client = toRedisClient(new Redis(process.env.REDIS_URL, IOREDIS_OPTIONS));
 * ```
 */
export function toRedisClient(client: unknown): RedisClientLike {
  const c = client as { call?: unknown; sendCommand?: unknown };
  if (typeof c?.call === 'function') return client as RedisClientLike;
  if (typeof c?.sendCommand === 'function') {
    const send = c.sendCommand as (args: string[]) => Promise<unknown>;
    return { call: (command, ...args) => send.call(client, [command, ...args.map(String)]) };
  }
  throw new ConfigError('invalid_config', 'expected an ioredis client (call) or a node-redis client (sendCommand)');
}

/**
 * ioredis options that suit fail-closed security state: commands fail at once while disconnected
 * (no offline queue, one retry) instead of piling up, reconnection keeps trying with capped backoff,
 * and concurrent commands are auto-pipelined. Spread into `new Redis(url, { ...IOREDIS_OPTIONS })`.
 *
 * @example
 * ```ts
 * const redis = new Redis(url, { ...IOREDIS_OPTIONS, keyPrefix: undefined });
 * ```
 */
export const IOREDIS_OPTIONS = /* @__PURE__ */ Object.freeze({
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 2000,
  enableAutoPipelining: true,
  retryStrategy: (times: number): number => Math.min(50 * 2 ** Math.min(times, 6), 2000),
});
