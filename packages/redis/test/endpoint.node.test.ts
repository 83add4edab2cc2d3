import { once } from 'node:events';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccessError, randomBytes } from '@modelsec/core';
import {
  apiKeyAuthenticator,
  createApiKey,
  createAuditLog,
  createPolicy,
  createRateLimiter,
  hashApiKey,
  hmacAuditSigner,
  type RateLimiter,
  secureEndpoint,
  slidingWindow,
  verifyAuditLog,
} from '@modelsec/endpoint';
import { toNodeListener } from '@modelsec/endpoint/node';
import { redisAuditSink, redisRateLimitStore } from '@modelsec/redis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fire, tally } from '../../endpoint/test/support/load';
import { closeAll, connect, connectReady, ready, uniquePrefix } from './support/clients';
import { type RedisServer, startRedisServer } from './support/redis-server';

const pepper = randomBytes(32);
const signer = hmacAuditSigner(randomBytes(32), { kid: 'r1' });
const { id, key } = createApiKey();
let keys: Parameters<typeof apiKeyAuthenticator>[0]['keys'];
const servers: Server[] = [];

beforeAll(async () => {
  keys = [{ id, hash: await hashApiKey(key, pepper), principal: { id: 'svc', roles: ['ML Model Consumer'] } }];
});
afterAll(async () => {
  for (const s of servers) s.close();
  await closeAll();
});

async function serve(limiter: RateLimiter, audit?: ReturnType<typeof createAuditLog>): Promise<number> {
  const handle = secureEndpoint(async (input: { features: number[] }) => ({ n: input.features.length }), {
    auth: [apiKeyAuthenticator({ pepper, keys })],
    policy: createPolicy(),
    resource: { model: 'toy' },
    rateLimit: limiter,
    ...(audit ? { audit } : {}),
  });
  const server = createServer(toNodeListener(handle));
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

describe('secureEndpoint with Redis stores', () => {
  test('concurrency: 5,000 requests on 8 connections, two instances sharing Redis, 100 per window → exactly 100 admitted', async () => {
    const prefix = uniquePrefix();
    const rules = [slidingWindow({ name: 'burst', limit: 100, windowMs: 600_000, by: 'global' })];
    // Two server instances, each with its own connection and limiter: the count lives only in Redis.
    const ports = [];
    for (let i = 0; i < 2; i++) {
      const { client } = await connectReady();
      ports.push(await serve(createRateLimiter({ rules, store: redisRateLimitStore({ client }), prefix })));
    }
    const statuses = (
      await Promise.all(
        ports.map((port) => fire({ port, count: 2500, connections: 4, headers: () => ({ 'x-api-key': key }) })),
      )
    ).flat();
    expect(statuses).toHaveLength(5000);
    expect(tally(statuses)).toEqual({ 200: 100, 429: 4900 });
  }, 120_000);

  test('Redis stopped mid-run: requests fail closed with store_unavailable, then recover when it returns', async () => {
    const redisServer: RedisServer = await startRedisServer();
    try {
      const { redis, client } = connect(redisServer.url);
      await ready(redis);
      const store = redisRateLimitStore({ client, timeoutMs: 500 });
      const limiter = createRateLimiter({
        rules: [slidingWindow({ name: 'burst', limit: 100_000, windowMs: 60_000 })],
        store,
      });
      const port = await serve(limiter);

      // 8 client connections, each sending requests back to back.
      const agent = new Agent({ keepAlive: true, maxSockets: 8 });
      const send = () =>
        new Promise<{ status: number; code?: string }>((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port,
              path: '/predict',
              method: 'POST',
              agent,
              headers: { 'content-type': 'application/json', 'x-api-key': key },
            },
            (res) => {
              let body = '';
              res.on('data', (c) => {
                body += c;
              });
              res.on('end', () =>
                resolve({
                  status: res.statusCode ?? 0,
                  code: res.statusCode === 200 ? undefined : JSON.parse(body).error?.code,
                }),
              );
            },
          );
          req.on('error', reject);
          req.end('{"features":[1]}');
        });

      type Phase = 'up' | 'stopping' | 'down' | 'restarting' | 'back';
      let phase: Phase = 'up';
      const seen: { phase: Phase; done: Phase; status: number; code?: string }[] = [];
      let sent = 0;
      let recoveredAt = -1;
      const deadline = Date.now() + 60_000; // safety bound only; nothing asserts on durations
      const worker = async () => {
        while (Date.now() < deadline && (recoveredAt < 0 || seen.length < recoveredAt + 200)) {
          sent++;
          const p = phase;
          const r = await send();
          seen.push({ phase: p, done: phase, ...r });
          if (phase === 'back' && r.status === 200 && recoveredAt < 0) recoveredAt = seen.length;
        }
      };
      const driver = (async () => {
        while (seen.length < 300) await new Promise((r) => setTimeout(r, 5));
        phase = 'stopping';
        await redisServer.stop();
        phase = 'down';
        while (seen.filter((x) => x.phase === 'down').length < 300) await new Promise((r) => setTimeout(r, 5));
        // The store itself throws a typed AccessError while Redis is down.
        const e = await limiter.consume({ principal: 'x' }).catch((x) => x);
        expect(AccessError.isInstance(e)).toBe(true);
        expect(e.code).toBe('store_unavailable');
        expect(store.executor.available).toBe(false);
        phase = 'restarting';
        await redisServer.start();
        phase = 'back';
      })();
      await Promise.all([driver, ...Array.from({ length: 8 }, worker)]);
      agent.destroy();

      // Sent and answered within the same phase (a request in flight across a phase change is excluded).
      const byPhase = (p: Phase) => seen.filter((s) => s.phase === p && s.done === p);
      const summary = seen
        .map((x) => `${x.phase}/${x.done}:${x.status}`)
        .reduce<Record<string, number>>((a, k) => {
          a[k] = (a[k] ?? 0) + 1;
          return a;
        }, {});
      expect(
        byPhase('up').every((s) => s.status === 200),
        JSON.stringify(summary),
      ).toBe(true);
      expect(byPhase('down').length).toBeGreaterThanOrEqual(300);
      expect(
        byPhase('down').every((s) => s.status === 503 && s.code === 'store_unavailable'),
        JSON.stringify(summary),
      ).toBe(true);
      // Nothing but 200 and 503 store_unavailable at any time: never a 500, never an unchecked admit.
      expect(
        seen.every((s) => s.status === 200 || (s.status === 503 && s.code === 'store_unavailable')),
        JSON.stringify(summary),
      ).toBe(true);
      expect(recoveredAt).toBeGreaterThan(0);
      const after = seen.slice(recoveredAt + 20);
      expect(after.length).toBeGreaterThan(100);
      expect(
        after.every((s) => s.status === 200),
        JSON.stringify(summary),
      ).toBe(true);
      expect(store.executor.available).toBe(true);
      expect(sent).toBe(seen.length);
    } finally {
      await redisServer.dispose();
    }
  }, 120_000);

  test('fail-open mode admits during the outage and says so', async () => {
    const redisServer = await startRedisServer();
    try {
      const { client } = await connectReady(redisServer.url);
      const changes: boolean[] = [];
      const store = redisRateLimitStore({
        client,
        failMode: 'open',
        timeoutMs: 300,
        onAvailabilityChange: (a) => changes.push(a),
      });
      const limiter = createRateLimiter({ rules: [slidingWindow({ name: 'b', limit: 1, windowMs: 60_000 })], store });
      expect((await limiter.consume({})).allowed).toBe(true);
      expect((await limiter.consume({})).allowed).toBe(false);
      await redisServer.stop();
      expect(await limiter.consume({})).toMatchObject({ allowed: true, degraded: true });
      expect(changes).toEqual([false]);
    } finally {
      await redisServer.dispose();
    }
  });

  test('the audit log on a Redis stream, written by two instances, verifies; tampering is detected', async () => {
    const stream = `${uniquePrefix()}audit`;
    const a = await connectReady();
    const b = await connectReady();
    const logA = createAuditLog({ sink: redisAuditSink({ client: a.client, stream }), signer, logId: 'api' });
    const logB = createAuditLog({ sink: redisAuditSink({ client: b.client, stream }), signer, logId: 'api' });
    const portA = await serve(
      createRateLimiter({ rules: [slidingWindow({ name: 'x', limit: 1000, windowMs: 60_000 })] }),
      logA,
    );
    const portB = await serve(
      createRateLimiter({ rules: [slidingWindow({ name: 'x', limit: 1000, windowMs: 60_000 })] }),
      logB,
    );
    const statuses = (
      await Promise.all(
        [portA, portB].map((port) =>
          fire({
            port,
            count: 60,
            connections: 4,
            headers: (i): Record<string, string> => (i % 5 ? { 'x-api-key': key } : {}),
          }),
        ),
      )
    ).flat();
    expect(tally(statuses)).toEqual({ 200: 96, 401: 24 });
    const sink = redisAuditSink({ client: a.client, stream, pageSize: 7 });
    const head = await sink.head();
    const report = await verifyAuditLog(sink.entries(), { verifier: signer, expectedHead: head });
    expect(report).toMatchObject({ ok: true, entries: 120 });

    // Delete one entry from the stream, and separately append a forged one.
    const ids = (await a.redis.xrange(stream, '-', '+')).map(([sid]) => sid);
    await a.redis.xdel(stream, ids[50] as string);
    expect((await verifyAuditLog(sink.entries(), { verifier: signer })).problems.map((p) => p.kind)).toEqual([
      'sequence_gap',
      'chain_broken',
    ]);
    await a.redis.xadd(
      stream,
      '*',
      'e',
      JSON.stringify({
        v: 1,
        log: 'api',
        seq: 120,
        ts: 'x',
        prev: head?.hash,
        event: {},
        alg: 'HMAC-SHA256',
        kid: 'r1',
        hash: 'f'.repeat(64),
        sig: 'AAAA',
      }),
    );
    const kinds = (await verifyAuditLog(sink.entries(), { verifier: signer })).problems.map((p) => p.kind);
    expect(kinds).toEqual(expect.arrayContaining(['hash_mismatch', 'signature_invalid']));
  }, 60_000);

  test('an unreachable audit stream makes the endpoint answer 503 (fail closed)', async () => {
    const { client } = connect('redis://127.0.0.1:1', { retryStrategy: () => null });
    const port = await serve(
      createRateLimiter({ rules: [slidingWindow({ name: 'x', limit: 10, windowMs: 60_000 })] }),
      createAuditLog({ sink: redisAuditSink({ client, stream: 'audit:down', timeoutMs: 200 }), signer }),
    );
    expect(tally(await fire({ port, count: 3, connections: 1, headers: () => ({ 'x-api-key': key }) }))).toEqual({
      503: 3,
    });
  });
});
