import { AccessError } from '@modelsec/core';
import {
  createRateLimiter,
  memoryRateLimitStore,
  queryBudget,
  type RateLimitRule,
  slidingWindow,
  tokenBucket,
} from '@modelsec/endpoint';
import { redisRateLimitStore } from '@modelsec/redis';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { closeAll, connect, connectReady, uniquePrefix } from './support/clients';

afterAll(closeAll);

const HOUR = 3_600_000;

describe('redisRateLimitStore against a real redis-server', () => {
  test('sliding window: exactly `limit` admissions; remaining, reset and retry-after', async () => {
    const { client } = await connectReady();
    const limiter = createRateLimiter({
      rules: [slidingWindow({ name: 'burst', limit: 5, windowMs: HOUR })],
      store: redisRateLimitStore({ client }),
      prefix: uniquePrefix(),
    });
    const outcomes = [];
    for (let i = 0; i < 8; i++) outcomes.push(await limiter.consume({ principal: 'alice' }));
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, true, true, true, false, false, false]);
    expect(outcomes.map((o) => o.results[0]?.state.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0, 0]);
    const denied = outcomes[5]?.results[0]?.state;
    expect(denied?.retryAfterMs).toBeGreaterThan(HOUR - 60_000);
    expect(denied?.retryAfterMs).toBeLessThanOrEqual(HOUR);
    expect(outcomes[5]?.code).toBe('rate_limited');
    expect((await limiter.consume({ principal: 'bob' })).allowed).toBe(true);
  });

  test('expired events leave the window', async () => {
    const { client } = await connectReady();
    const limiter = createRateLimiter({
      rules: [slidingWindow({ name: 'short', limit: 2, windowMs: 150 })],
      store: redisRateLimitStore({ client }),
      prefix: uniquePrefix(),
    });
    expect((await limiter.consume({})).allowed).toBe(true);
    expect((await limiter.consume({})).allowed).toBe(true);
    expect((await limiter.consume({})).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 400)); // longer than the window, so the result does not depend on timing
    expect((await limiter.consume({})).allowed).toBe(true);
  });

  test('token bucket and query budget with units; all-or-nothing', async () => {
    const { client } = await connectReady();
    const prefix = uniquePrefix();
    const limiter = createRateLimiter({
      rules: [
        tokenBucket({ name: 'tb', capacity: 3, refillPerSecond: 1 / 3600, by: 'ip' }),
        queryBudget({ name: 'monthly', limit: 10, periodMs: 30 * 24 * HOUR }),
      ],
      store: redisRateLimitStore({ client }),
      prefix,
    });
    const s = { principal: 'p', ip: '203.0.113.1' };
    expect((await limiter.consume({ ...s, units: 6 })).allowed).toBe(true);
    expect((await limiter.consume({ ...s, units: 5 })).code).toBe('budget_exhausted'); // 6 + 5 > 10; the bucket keeps its token
    const third = await limiter.consume({ ...s, units: 4 });
    expect(third.allowed).toBe(true);
    expect(third.results.map((r) => r.state.remaining)).toEqual([1, 0]);
    const fourth = await limiter.consume({ ...s, ip: '203.0.113.2', units: 1 });
    expect(fourth).toMatchObject({ allowed: false, code: 'budget_exhausted' });
  });

  test('property: agrees with the memory store on any sequence (no expiry within the run)', async () => {
    const { client } = await connectReady();
    const rules: RateLimitRule[] = [
      slidingWindow({ name: 's', limit: 4, windowMs: HOUR, by: 'principal' }),
      tokenBucket({ name: 't', capacity: 6, refillPerSecond: 1 / 36_000, by: 'model' }),
      queryBudget({ name: 'b', limit: 12, periodMs: HOUR, by: ['principal', 'model'] }),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            principal: fc.constantFrom('a', 'b'),
            model: fc.constantFrom('m1', 'm2'),
            units: fc.integer({ min: 1, max: 5 }),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        async (calls) => {
          const prefix = uniquePrefix();
          const mem = createRateLimiter({ rules, store: memoryRateLimitStore(), prefix });
          const red = createRateLimiter({ rules, store: redisRateLimitStore({ client }), prefix });
          for (const c of calls) {
            const [m, r] = [await mem.consume(c), await red.consume(c)];
            expect(r.allowed).toBe(m.allowed);
            expect(r.code).toBe(m.code);
            expect(r.results.map((x) => [x.state.allowed, x.state.remaining])).toEqual(
              m.results.map((x) => [x.state.allowed, x.state.remaining]),
            );
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  test('fails closed by default when Redis cannot be reached, open when asked', async () => {
    const { client } = connect('redis://127.0.0.1:1', { retryStrategy: () => null });
    const rules = [slidingWindow({ name: 's', limit: 1, windowMs: HOUR })];
    const closed = createRateLimiter({ rules, store: redisRateLimitStore({ client, timeoutMs: 300 }) });
    const e = await closed.consume({}).catch((x) => x);
    expect(AccessError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ code: 'store_unavailable', details: { store: 'redis' } });
    const errors: unknown[] = [];
    const open = createRateLimiter({
      rules,
      store: redisRateLimitStore({ client, failMode: 'open', onError: (x) => errors.push(x) }),
    });
    expect(await open.consume({})).toMatchObject({ allowed: true, degraded: true });
    expect(await open.consume({})).toMatchObject({ allowed: true, degraded: true });
    expect(errors.length).toBe(2);
  });
});
