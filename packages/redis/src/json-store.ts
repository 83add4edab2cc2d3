/**
 * `redisJsonStore()`: one JSON record per id in Redis, read and written whole, with an optional TTL
 * and a size bound. It fits the monitor's extraction-store contract (`get`/`set`/`delete`), so PRADA
 * state is shared by every instance: `createExtractionMonitor({ store: redisJsonStore({ client, prefix: 'prada:' }) })`.
 * Records read back are parsed and, when `validate` is given, checked before use (the monitor checks
 * its own records anyway). Like every store here it fails closed: an unreachable Redis throws
 * `AccessError('store_unavailable')`. `set` replaces the whole record, so two instances updating the
 * same id at the same time keep the last write (the monitor serializes updates per id per instance).
 */
import { ainteger, astring, ConfigError, ValidationError } from '@modelsec/core';
import type { RedisClientLike } from './client';
import { executorFor, type RedisExecutor } from './executor';
import { redisKey } from './keys';

/** Options of `redisJsonStore`. */
export interface RedisJsonStoreOptions<T> {
  /** The connection, or an executor shared with other stores (its fail mode must be `closed`). */
  client: RedisClientLike | RedisExecutor;
  /** Key prefix, e.g. `prada:mnist:`. */
  prefix: string;
  /** Expire records this long after their last write (default: never). */
  ttlMs?: number;
  /** Largest serialized record in bytes (default 32 MiB). */
  maxBytes?: number;
  /** Check a parsed record before returning it (throw to reject it). */
  validate?: (value: unknown) => T;
  /** Command deadline in ms (default 2000). */
  timeoutMs?: number;
}

/** A JSON record store. */
export interface RedisJsonStore<T> {
  /** The record, or undefined when absent. */
  get(id: string): Promise<T | undefined>;
  /** Replace the record. */
  set(id: string, value: T): Promise<void>;
  /** Remove the record. */
  delete(id: string): Promise<void>;
}

/**
 * Create a JSON record store on Redis.
 *
 * @example
 * ```ts
 * import { createExtractionMonitor } from '@modelsec/monitor';
 * const prada = createExtractionMonitor({ store: redisJsonStore({ client, prefix: 'prada:mnist:', ttlMs: 30 * 86_400_000 }) });
 * ```
 */
export function redisJsonStore<T = unknown>(options: RedisJsonStoreOptions<T>): RedisJsonStore<T> {
  astring(options?.prefix, 'options.prefix');
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  ainteger(maxBytes, 'options.maxBytes', { min: 2 });
  if (options.ttlMs !== undefined) ainteger(options.ttlMs, 'options.ttlMs', { min: 1 });
  const executor = executorFor(options.client, { name: 'redis-json', timeoutMs: options.timeoutMs ?? 2000 });
  if (executor.failMode !== 'closed') throw new ConfigError('invalid_config', 'a record store cannot fail open');
  const key = (id: string) => {
    astring(id, 'id');
    return redisKey(options.prefix, id);
  };
  const tooLarge = () =>
    new ValidationError('too_large', `record exceeds ${maxBytes} bytes`, { details: { maxBytes } });

  return {
    async get(id) {
      const k = await key(id);
      const size = Number(await executor.command('STRLEN', k));
      if (size > maxBytes) throw tooLarge();
      const text = await executor.command('GET', k);
      if (text === null || text === undefined) return undefined;
      let value: unknown;
      try {
        value = JSON.parse(String(text));
      } catch {
        throw new ValidationError('invalid_json', 'stored record is not valid JSON');
      }
      return options.validate ? options.validate(value) : (value as T);
    },
    async set(id, value) {
      const k = await key(id);
      const text = JSON.stringify(value);
      if (text === undefined) throw new ValidationError('invalid_value', 'record is not JSON-serializable');
      if (text.length > maxBytes) throw tooLarge();
      if (options.ttlMs === undefined) await executor.command('SET', k, text);
      else await executor.command('SET', k, text, 'PX', options.ttlMs);
    },
    async delete(id) {
      await executor.command('DEL', await key(id));
    },
  };
}
