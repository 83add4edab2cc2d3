/**
 * The fail-closed / fail-open policy for Redis-backed security state. Every command gets a deadline;
 * a failure (connection refused or lost, timeout, server error) is reported once through `onError`
 * and, in `closed` mode (the default), becomes `AccessError('store_unavailable')` so callers refuse
 * the request; in `open` mode the caller gets `undefined` and decides what "allow anyway" means.
 * The executor tracks availability and reports when Redis comes back; nothing has to be reset:
 * the client reconnects, and the next successful command marks the store available again.
 */
import { AccessError, ainteger, aobject, ConfigError } from '@modelsec/core';
import type { RedisArg, RedisClientLike } from './client';
import { evalScript, type LuaScript } from './script';

/** `closed`: refuse when Redis is unavailable (default). `open`: let the caller proceed. */
export type FailMode = 'closed' | 'open';

/** Options of `createRedisExecutor`. */
export interface RedisExecutorOptions {
  /** The connection (`toRedisClient(ioredis)`). */
  client: RedisClientLike;
  /** Default `closed`. */
  failMode?: FailMode;
  /** Deadline of one command in milliseconds (default 1000). */
  timeoutMs?: number;
  /** Store name used in error details (default `redis`). */
  name?: string;
  /** Called with every failure (log it; the error may name hosts, never request data). */
  onError?: (error: unknown) => void;
  /** Called when availability changes (`false` on the first failure, `true` on recovery). */
  onAvailabilityChange?: (available: boolean) => void;
}

/** Runs scripts and commands under the fail policy. */
export interface RedisExecutor {
  /** The fail mode. */
  readonly failMode: FailMode;
  /** Store name. */
  readonly name: string;
  /** False after a failure, until a command succeeds again. */
  readonly available: boolean;
  /** Run a Lua script; `undefined` only in `open` mode when Redis failed. */
  run(script: LuaScript, keys: readonly string[], args: readonly RedisArg[]): Promise<unknown>;
  /** Run one command under the same policy. */
  command(command: string, ...args: RedisArg[]): Promise<unknown>;
}

/**
 * Create an executor.
 *
 * @example
 * ```ts
 * const exec = createRedisExecutor({ client: toRedisClient(redis), failMode: 'closed', timeoutMs: 250 });
 * const reply = await exec.run(myScript, ['key'], [1]); // throws AccessError('store_unavailable') when Redis is down
 * ```
 */
export function createRedisExecutor(options: RedisExecutorOptions): RedisExecutor {
  aobject(options as unknown, 'options');
  const { client } = options;
  if (typeof client?.call !== 'function')
    throw new ConfigError('invalid_config', 'options.client must be a RedisClientLike (see toRedisClient)');
  const failMode = options.failMode ?? 'closed';
  if (failMode !== 'closed' && failMode !== 'open')
    throw new ConfigError('invalid_config', 'options.failMode must be closed or open');
  const timeoutMs = options.timeoutMs ?? 1000;
  ainteger(timeoutMs, 'options.timeoutMs', { min: 1, max: 60_000 });
  const name = options.name ?? 'redis';
  let available = true;

  const setAvailable = (value: boolean) => {
    if (value === available) return;
    available = value;
    options.onAvailabilityChange?.(value);
  };

  const guarded = async (work: () => Promise<unknown>): Promise<unknown> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // Fail fast when the client already knows it is disconnected.
      if (client.status !== undefined && client.status !== 'ready')
        throw new Error(`redis connection is ${client.status}`);
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`redis command timed out after ${timeoutMs} ms`)), timeoutMs);
      });
      const reply = await Promise.race([work(), deadline]);
      setAvailable(true);
      return reply;
    } catch (error) {
      options.onError?.(error);
      setAvailable(false);
      if (failMode === 'open') return undefined;
      throw new AccessError('store_unavailable', `the ${name} store is unavailable`, {
        cause: error,
        details: { store: name },
      });
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  };

  return {
    failMode,
    name,
    get available() {
      return available;
    },
    run: (script, keys, args) => guarded(() => evalScript(client, script, keys, args)),
    command: (command, ...args) => guarded(() => client.call(command, ...args)),
  };
}

/**
 * The executor a store runs on: `client` itself when it already is an executor (shared settings, one
 * fail mode for every store), otherwise a new executor over the client with `options`.
 * @internal
 */
export function executorFor(
  client: RedisClientLike | RedisExecutor,
  options: Omit<RedisExecutorOptions, 'client'>,
): RedisExecutor {
  const x = client as RedisExecutor;
  if (typeof x.run === 'function' && typeof x.failMode === 'string') return x;
  return createRedisExecutor({ ...options, client: client as RedisClientLike });
}
