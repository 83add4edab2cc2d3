import { AccessError, ConfigError } from '@modelsec/core';
import { createRedisExecutor, defineLuaScript, evalScript, redisKey, toRedisClient } from '@modelsec/redis';
import { afterAll, describe, expect, test } from 'vitest';
import { closeAll, connectReady, uniquePrefix } from './support/clients';
import { startRedisServer } from './support/redis-server';

afterAll(closeAll);

const capped = defineLuaScript(
  'capped-incr',
  `local v = redis.call('INCR', KEYS[1])
   if v > tonumber(ARGV[1]) then redis.call('DECR', KEYS[1]) return 0 end
   return v`,
);

describe('Lua scripts', () => {
  test('load once, run atomically, reload after SCRIPT FLUSH (NOSCRIPT)', async () => {
    const { redis, client } = await connectReady();
    const key = `${uniquePrefix()}n`;
    const results = await Promise.all(Array.from({ length: 50 }, () => evalScript(client, capped, [key], [20])));
    expect(results.filter((r) => r !== 0)).toHaveLength(20);
    expect(await redis.get(key)).toBe('20');
    await redis.script('FLUSH');
    expect(await evalScript(client, capped, [`${key}2`], [5])).toBe(1);
  });

  test('script errors surface as store_unavailable through the executor (fail closed)', async () => {
    const { client } = await connectReady();
    const broken = defineLuaScript('broken', `return redis.call('NOPE')`);
    const exec = createRedisExecutor({ client });
    await expect(exec.run(broken, [], [])).rejects.toMatchObject({ code: 'store_unavailable' });
    expect(() => defineLuaScript('x', '  ')).toThrow(ConfigError);
  });
});

describe('executor', () => {
  test('a stalled server hits the deadline: closed throws AccessError, open returns undefined', async () => {
    const server = await startRedisServer();
    try {
      const { client } = await connectReady(server.url);
      const admin = await connectReady(server.url);
      const changes: boolean[] = [];
      const closed = createRedisExecutor({ client, timeoutMs: 200, onAvailabilityChange: (a) => changes.push(a) });
      const open = createRedisExecutor({ client, timeoutMs: 200, failMode: 'open' });
      expect(await closed.command('PING')).toBe('PONG');
      await admin.redis.call('CLIENT', 'PAUSE', '1500', 'ALL');
      const e = await closed.command('PING').catch((x) => x);
      expect(AccessError.isInstance(e)).toBe(true);
      expect(e).toMatchObject({ code: 'store_unavailable', details: { store: 'redis' } });
      expect(closed.available).toBe(false);
      expect(await open.command('PING')).toBeUndefined();
      await admin.redis.call('CLIENT', 'UNPAUSE');
      await new Promise((r) => setTimeout(r, 100));
      expect(await closed.command('PING')).toBe('PONG');
      expect(closed.available).toBe(true);
      expect(changes).toEqual([false, true]);
    } finally {
      await server.dispose();
    }
  });

  test('node-redis style clients adapt through toRedisClient', async () => {
    const { redis } = await connectReady();
    const nodeRedisLike = { sendCommand: (args: string[]) => redis.call(args[0] as string, ...args.slice(1)) };
    const client = toRedisClient(nodeRedisLike);
    const key = `${uniquePrefix()}k`;
    expect(await evalScript(client, capped, [key], [1])).toBe(1);
    expect(await evalScript(client, capped, [key], [1])).toBe(0);
    expect(() => toRedisClient({})).toThrow(ConfigError);
    expect(() => createRedisExecutor({ client: {} as never })).toThrow(ConfigError);
    expect(() => createRedisExecutor({ client, failMode: 'sometimes' as never })).toThrow(ConfigError);
  });

  test('redisKey escapes parts and bounds their length', async () => {
    expect(await redisKey('prada:', 'mnist', 'a:b')).toBe('prada:mnist:a%3Ab');
    const long = await redisKey('p:', 'x'.repeat(1000));
    expect(long).toMatch(/^p:h\.[0-9a-f]{64}$/);
    expect(await redisKey('p:', 'x'.repeat(1000))).toBe(long);
    expect(await redisKey('p:', `${'x'.repeat(999)}y`)).not.toBe(long);
  });
});
