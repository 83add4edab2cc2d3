/**
 * Lua scripts run with `EVALSHA`, loaded on first use per client with `SCRIPT LOAD`, and reloaded
 * when Redis answers `NOSCRIPT` (after a restart or `SCRIPT FLUSH` the script cache is empty).
 * A script runs atomically on the server: nothing interleaves with it.
 */
import { astring, ConfigError } from '@modelsec/core';
import type { RedisArg, RedisClientLike } from './client';

/** A Lua script definition. */
export interface LuaScript {
  /** Name for errors and logs. */
  readonly name: string;
  /** The Lua source. */
  readonly lua: string;
}

/**
 * Define a Lua script.
 *
 * @example
 * ```ts
 * const incrWithCap = defineLuaScript('incr-cap', `
 *   local v = redis.call('INCR', KEYS[1])
 *   if v > tonumber(ARGV[1]) then redis.call('DECR', KEYS[1]) return 0 end
 *   return 1`);
 * ```
 */
export function defineLuaScript(name: string, lua: string): LuaScript {
  astring(name, 'name');
  astring(lua, 'lua');
  if (lua.trim().length === 0) throw new ConfigError('invalid_config', 'lua must not be empty');
  return Object.freeze({ name, lua });
}

const shas = new WeakMap<object, Map<string, string>>();

/**
 * Run a script on a client: `EVALSHA`, loading it first when needed and once more after `NOSCRIPT`.
 * Errors of the client (connection refused, timeouts, script errors) are passed through unchanged;
 * wrap calls in `createRedisExecutor` for fail-closed/fail-open handling.
 *
 * @example
 * ```ts
 * const ok = await evalScript(client, incrWithCap, ['quota:alice'], [100]);
 * ```
 */
export async function evalScript(
  client: RedisClientLike,
  script: LuaScript,
  keys: readonly string[],
  args: readonly RedisArg[],
): Promise<unknown> {
  let cache = shas.get(client);
  if (!cache) {
    cache = new Map();
    shas.set(client, cache);
  }
  const load = async () => {
    const sha = String(await client.call('SCRIPT', 'LOAD', script.lua));
    cache.set(script.lua, sha);
    return sha;
  };
  const sha = cache.get(script.lua) ?? (await load());
  try {
    return await client.call('EVALSHA', sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!String((error as Error)?.message ?? '').startsWith('NOSCRIPT')) throw error;
    return client.call('EVALSHA', await load(), keys.length, ...keys, ...args);
  }
}
