import { ValidationError } from '@modelsec/core';
import { checkExtractionState, createExtractionMonitor, memoryExtractionStore } from '@modelsec/monitor';
import { redisJsonStore } from '@modelsec/redis';
import { loadMnist } from '@modelsec-test/utils';
import { afterAll, describe, expect, test } from 'vitest';
import { closeAll, connect, connectReady, uniquePrefix } from './support/clients';

afterAll(closeAll);

describe('redisJsonStore', () => {
  test('the PRADA extraction monitor gives the same verdicts on Redis as in memory, across instances', async () => {
    const { images } = await loadMnist({ limit: 160 });
    const prefix = uniquePrefix();
    const a = await connectReady();
    const b = await connectReady();
    const limits = { maxPointsPerClass: 2000, maxDistances: 5000, maxClasses: 1000 };
    const store = (c: typeof a) =>
      redisJsonStore({ client: c.client, prefix, validate: (v) => checkExtractionState(v, limits) });
    // Two monitor instances (two connections) share one client's state through Redis.
    const onRedis = [
      createExtractionMonitor({ minQueries: 50, store: store(a) }),
      createExtractionMonitor({ minQueries: 50, store: store(b) }),
    ];
    const inMemory = createExtractionMonitor({ minQueries: 50, store: memoryExtractionStore() });
    // A natural client (real digits, labels from a fixed rule) and a synthetic one (tiny perturbations of one digit).
    const base = images.subarray(0, 784);
    for (let i = 0; i < 120; i++) {
      const natural = images.subarray(i * 784, (i + 1) * 784);
      const synthetic = Float32Array.from(base, (x, j) => (j === i % 784 ? Math.min(1, x + 0.5) : x));
      for (const [client, x, cls] of [
        ['natural', natural, i % 10],
        ['attacker', synthetic, 3],
      ] as const) {
        const m = await inMemory.observe(client, x, cls);
        const r = await (onRedis[i % 2] as (typeof onRedis)[0]).observe(client, x, cls);
        expect(r).toEqual(m);
      }
    }
    // Both clients reached the normality test (the state round-tripped through Redis at every step).
    for (const client of ['natural', 'attacker']) {
      const last = await (onRedis[0] as (typeof onRedis)[0]).observe(client, base, 3);
      expect(last.w).not.toBeNull();
      expect(last).toEqual(await inMemory.observe(client, base, 3));
    }
  }, 60_000);

  test('TTL, size bound, validation, fail closed', async () => {
    const { client, redis } = await connectReady();
    const prefix = uniquePrefix();
    const store = redisJsonStore<{ n: number }>({ client, prefix, ttlMs: 60_000, maxBytes: 100 });
    await store.set('a', { n: 1 });
    expect(await store.get('a')).toEqual({ n: 1 });
    expect(await redis.pttl(`${prefix}a`)).toBeGreaterThan(0);
    await expect(store.set('big', { n: 'x'.repeat(200) as never })).rejects.toBeInstanceOf(ValidationError);
    await redis.set(`${prefix}junk`, '{not json');
    await expect(store.get('junk')).rejects.toMatchObject({ code: 'invalid_json' });
    const strict = redisJsonStore({
      client,
      prefix,
      validate: () => {
        throw new ValidationError('invalid_format', 'bad record');
      },
    });
    await expect(strict.get('a')).rejects.toMatchObject({ code: 'invalid_format' });
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    const down = redisJsonStore({
      client: connect('redis://127.0.0.1:1', { retryStrategy: () => null }).client,
      prefix,
      timeoutMs: 200,
    });
    await expect(down.get('a')).rejects.toMatchObject({ code: 'store_unavailable' });
  });
});
