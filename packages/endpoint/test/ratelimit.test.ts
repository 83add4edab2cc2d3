import { AccessError, ConfigError } from '@modelsec/core';
import {
  createRateLimiter,
  memoryRateLimitStore,
  queryBudget,
  rateLimitHeaders,
  slidingWindow,
  tokenBucket,
} from '@modelsec/endpoint';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe('sliding window (exact sliding log)', () => {
  test('admits exactly `limit` in any window and frees slots as events age out', async () => {
    const c = clock();
    const limiter = createRateLimiter({
      rules: [slidingWindow({ name: 'burst', limit: 3, windowMs: 1000 })],
      store: memoryRateLimitStore({ now: c.now }),
    });
    const who = { principal: 'alice' };
    const results: boolean[] = [];
    for (const dt of [0, 100, 200, 300, 900, 1000, 1001, 1100, 1150]) {
      c.t = 1_000_000 + dt;
      results.push((await limiter.consume(who)).allowed);
    }
    // t=0,100,200 in; 300 and 900 out (3 in window); 1000 frees t=0; 1001 none free (100 leaves at 1100); 1100 frees 100; 1150 full.
    expect(results).toEqual([true, true, true, false, false, true, false, true, false]);
  });

  test('retry-after and reset are exact', async () => {
    const c = clock();
    const limiter = createRateLimiter({
      rules: [slidingWindow({ name: 'burst', limit: 2, windowMs: 10_000 })],
      store: memoryRateLimitStore({ now: c.now }),
    });
    await limiter.consume({});
    c.t += 4000;
    const second = await limiter.consume({});
    expect(second.results[0]?.state).toEqual({ allowed: true, remaining: 0, resetMs: 10_000, retryAfterMs: 0 });
    c.t += 1000;
    const third = await limiter.consume({});
    expect(third).toMatchObject({ allowed: false, code: 'rate_limited', retryAfterSec: 5 });
    expect(third.results[0]?.state.retryAfterMs).toBe(5000);
  });

  test('property: never more than `limit` admissions in any window', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 10, max: 500 }),
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 80 }),
        async (limit, windowMs, gaps) => {
          const c = clock();
          const limiter = createRateLimiter({
            rules: [slidingWindow({ name: 's', limit, windowMs })],
            store: memoryRateLimitStore({ now: c.now }),
          });
          const admitted: number[] = [];
          for (const g of gaps) {
            c.t += g;
            if ((await limiter.consume({ principal: 'p' })).allowed) admitted.push(c.t);
          }
          for (let i = 0; i + limit < admitted.length; i++) {
            expect((admitted[i + limit] as number) - (admitted[i] as number)).toBeGreaterThanOrEqual(windowMs);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('token bucket', () => {
  test('bursts to capacity, then refills at the rate', async () => {
    const c = clock();
    const limiter = createRateLimiter({
      rules: [tokenBucket({ name: 'tb', capacity: 5, refillPerSecond: 2, by: 'ip' })],
      store: memoryRateLimitStore({ now: c.now }),
    });
    const ip = { ip: '203.0.113.9' };
    for (let i = 0; i < 5; i++) expect((await limiter.consume(ip)).allowed).toBe(true);
    const denied = await limiter.consume(ip);
    expect(denied).toMatchObject({ allowed: false, retryAfterSec: 1 });
    expect(denied.results[0]?.state.retryAfterMs).toBe(500);
    c.t += 500;
    expect((await limiter.consume(ip)).allowed).toBe(true);
    expect((await limiter.consume(ip)).allowed).toBe(false);
    c.t += 10_000; // refills only up to capacity
    for (let i = 0; i < 5; i++) expect((await limiter.consume(ip)).allowed).toBe(true);
    expect((await limiter.consume(ip)).allowed).toBe(false);
  });
});

describe('query budgets', () => {
  test('count units over a long period and report budget_exhausted', async () => {
    const c = clock();
    const day = 86_400_000;
    const limiter = createRateLimiter({
      rules: [queryBudget({ name: 'monthly', limit: 100, periodMs: 30 * day, by: ['principal', 'model'] })],
      store: memoryRateLimitStore({ now: c.now }),
    });
    expect((await limiter.consume({ principal: 'a', model: 'mnist', units: 60 })).allowed).toBe(true);
    c.t += 10 * day;
    expect((await limiter.consume({ principal: 'a', model: 'mnist', units: 40 })).allowed).toBe(true);
    const over = await limiter.consume({ principal: 'a', model: 'mnist', units: 1 });
    expect(over).toMatchObject({ allowed: false, code: 'budget_exhausted', retryAfterSec: 20 * 86_400 });
    expect((await limiter.consume({ principal: 'a', model: 'other', units: 1 })).allowed).toBe(true);
    expect((await limiter.consume({ principal: 'b', model: 'mnist', units: 1 })).allowed).toBe(true);
    c.t += 20 * day;
    expect((await limiter.consume({ principal: 'a', model: 'mnist', units: 100 })).allowed).toBe(true);
    await expect(limiter.enforce({ principal: 'a', model: 'mnist' })).rejects.toMatchObject({
      code: 'budget_exhausted',
    });
  });
});

describe('several rules: all or nothing', () => {
  test('a request one rule refuses spends nothing from the others', async () => {
    const c = clock();
    const limiter = createRateLimiter({
      rules: [
        slidingWindow({ name: 'per-user', limit: 10, windowMs: 60_000 }),
        slidingWindow({ name: 'global', limit: 3, windowMs: 60_000, by: 'global' }),
      ],
      store: memoryRateLimitStore({ now: c.now }),
    });
    for (const p of ['a', 'b', 'c']) expect((await limiter.consume({ principal: p })).allowed).toBe(true);
    for (let i = 0; i < 5; i++) expect((await limiter.consume({ principal: 'a' })).allowed).toBe(false);
    const next = await limiter.consume({ principal: 'a' });
    expect(next.results.find((r) => r.rule.name === 'per-user')?.state.remaining).toBe(9);
  });

  test('IPv6 clients are counted per /64', async () => {
    const limiter = createRateLimiter({ rules: [slidingWindow({ name: 'ip', limit: 2, windowMs: 60_000, by: 'ip' })] });
    expect((await limiter.consume({ ip: '2001:db8:1:2::1' })).allowed).toBe(true);
    expect((await limiter.consume({ ip: '2001:db8:1:2:ffff::9' })).allowed).toBe(true);
    expect((await limiter.consume({ ip: '2001:db8:1:2:abcd::1' })).allowed).toBe(false);
    expect((await limiter.consume({ ip: '2001:db8:1:3::1' })).allowed).toBe(true);
  });

  test('long key parts are hashed, distinct principals stay distinct', async () => {
    const limiter = createRateLimiter({ rules: [slidingWindow({ name: 'u', limit: 1, windowMs: 60_000 })] });
    const a = 'x'.repeat(10_000);
    expect((await limiter.consume({ principal: a })).allowed).toBe(true);
    expect((await limiter.consume({ principal: `${a}y` })).allowed).toBe(true);
    expect((await limiter.consume({ principal: a })).allowed).toBe(false);
  });
});

describe('headers (draft-ietf-httpapi-ratelimit-headers)', () => {
  test('RateLimit-Policy, RateLimit and Retry-After', async () => {
    const c = clock();
    const limiter = createRateLimiter({
      rules: [
        slidingWindow({ name: 'burst', limit: 2, windowMs: 60_000 }),
        queryBudget({ name: 'daily', limit: 1000, periodMs: 86_400_000 }),
      ],
      store: memoryRateLimitStore({ now: c.now }),
    });
    const first = await limiter.consume({ principal: 'a', units: 10 });
    expect(rateLimitHeaders(first)).toEqual({
      'RateLimit-Policy': '"burst";q=2;w=60, "daily";q=1000;w=86400',
      RateLimit: '"burst";r=1;t=60, "daily";r=990;t=86400',
    });
    await limiter.consume({ principal: 'a' });
    c.t += 15_000;
    const denied = await limiter.consume({ principal: 'a' });
    expect(rateLimitHeaders(denied)).toEqual({
      'RateLimit-Policy': '"burst";q=2;w=60, "daily";q=1000;w=86400',
      RateLimit: '"burst";r=0;t=45, "daily";r=989;t=86385',
      'Retry-After': '45',
    });
  });
});

describe('memory store limits and errors', () => {
  test('fails closed when full instead of evicting live counters', async () => {
    const c = clock();
    const limiter = createRateLimiter({
      rules: [slidingWindow({ name: 'ip', limit: 5, windowMs: 1000, by: 'ip' })],
      store: memoryRateLimitStore({ now: c.now, maxKeys: 3 }),
    });
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) await limiter.consume({ ip });
    await expect(limiter.consume({ ip: '192.0.2.4' })).rejects.toMatchObject({ code: 'store_unavailable' });
    expect((await limiter.consume({ ip: '192.0.2.1' })).allowed).toBe(true);
    c.t += 2000; // expired keys are swept
    expect((await limiter.consume({ ip: '192.0.2.4' })).allowed).toBe(true);
  });

  test('store errors become store_unavailable (fail closed)', async () => {
    const limiter = createRateLimiter({
      rules: [slidingWindow({ name: 'x', limit: 5, windowMs: 1000 })],
      store: {
        name: 'broken',
        consume: async () => Promise.reject(new Error('ECONNREFUSED 10.0.0.1:6379 password=hunter2')),
      },
    });
    const e = await limiter.consume({}).catch((err) => err);
    expect(AccessError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ code: 'store_unavailable', details: { store: 'broken' } });
    expect(e.message).not.toContain('hunter2');
  });

  test('configuration errors', () => {
    expect(() => slidingWindow({ name: 'bad name', limit: 1, windowMs: 1 })).toThrow(ConfigError);
    expect(() => slidingWindow({ name: 'x', limit: 0, windowMs: 1 })).toThrow(RangeError);
    expect(() => slidingWindow({ name: 'x', limit: 200_000, windowMs: 1 })).toThrow(RangeError);
    expect(() => tokenBucket({ name: 'x', capacity: 5, refillPerSecond: 0 })).toThrow(ConfigError);
    expect(() => queryBudget({ name: 'x', limit: 5, periodMs: 1000, by: 'nobody' as never })).toThrow(ConfigError);
    const r = slidingWindow({ name: 'x', limit: 1, windowMs: 1 });
    expect(() => createRateLimiter({ rules: [] })).toThrow(ConfigError);
    expect(() => createRateLimiter({ rules: [r, r] })).toThrow(ConfigError);
  });
});
