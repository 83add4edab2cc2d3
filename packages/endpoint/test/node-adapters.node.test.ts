import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from '@modelsec/core';
import {
  apiKeyAuthenticator,
  createApiKey,
  createAuditLog,
  createPolicy,
  createRateLimiter,
  hashApiKey,
  hmacAuditSigner,
  memoryAuditSink,
  secureEndpoint,
  slidingWindow,
  verifyAuditLog,
} from '@modelsec/endpoint';
import { fileAuditSink, toExpressMiddleware, toNodeListener } from '@modelsec/endpoint/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fire, tally } from './support/load';

const pepper = randomBytes(32);
const signer = hmacAuditSigner(randomBytes(32), { kid: 'n1' });
const { id, key } = createApiKey();
let record: Parameters<typeof apiKeyAuthenticator>[0]['keys'];

beforeAll(async () => {
  record = [{ id, hash: await hashApiKey(key, pepper), principal: { id: 'svc', roles: ['ML Model Consumer'] } }];
});

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

function endpoint(limit: number) {
  const sink = memoryAuditSink();
  const handle = secureEndpoint(
    async (input: { features: number[] }, ctx) => ({ n: input.features.length, ip: ctx.ip }),
    {
      auth: [apiKeyAuthenticator({ pepper, keys: record })],
      policy: createPolicy(),
      resource: { model: 'toy' },
      ip: { trustedProxies: ['127.0.0.0/8'] },
      rateLimit: createRateLimiter({ rules: [slidingWindow({ name: 'burst', limit, windowMs: 60_000 })] }),
      audit: createAuditLog({ sink, signer }),
    },
  );
  return { handle, sink };
}

describe('Node http adapter', () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const s of servers) s.close();
  });

  test('serves the wrapper; peer address and trusted X-Forwarded-For reach it', async () => {
    const { handle } = endpoint(1000);
    const server = createServer(toNodeListener(handle));
    servers.push(server);
    const port = await listen(server);
    const res = await fetch(`http://127.0.0.1:${port}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key, 'x-forwarded-for': '203.0.113.5' },
      body: '{"features":[1,2,3]}',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ n: 3, ip: '203.0.113.5' });
    expect(res.headers.get('ratelimit')).toContain('"burst"');
    const denied = await fetch(`http://127.0.0.1:${port}/predict`, { method: 'POST', body: '{}' });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  test('a refusal before the body is read (413) leaves no bytes behind on a kept-alive connection', async () => {
    const { handle } = endpoint(1000);
    const server = createServer(toNodeListener(handle));
    servers.push(server);
    const port = await listen(server);
    const headers = { 'content-type': 'application/json', 'x-api-key': key };
    const big = `{"features":[${'1,'.repeat(600_000)}1]}`; // 1.2 MB > the 1 MiB default limit
    for (let round = 0; round < 3; round++) {
      const refused = await fetch(`http://127.0.0.1:${port}/predict`, { method: 'POST', headers, body: big });
      expect(refused.status).toBe(413);
      expect(refused.headers.get('connection')).toBe('close');
      await refused.arrayBuffer();
      const ok = await fetch(`http://127.0.0.1:${port}/predict`, { method: 'POST', headers, body: '{"features":[1]}' });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ n: 1 });
    }
  });

  test('concurrency: 5,000 requests on 8 connections against 100 per window → exactly 100 admitted (memory store)', async () => {
    const { handle, sink } = endpoint(100);
    const server = createServer(toNodeListener(handle));
    servers.push(server);
    const port = await listen(server);
    const statuses = await fire({ port, count: 5000, connections: 8, headers: () => ({ 'x-api-key': key }) });
    expect(tally(statuses)).toEqual({ 200: 100, 429: 4900 });
    const report = await verifyAuditLog(sink.entries(), { verifier: signer });
    expect(report).toMatchObject({ ok: true, entries: 5000 });
  }, 120_000);
});

describe('Express-style middleware', () => {
  test('works with and without a body parser in front', async () => {
    const { handle } = endpoint(1000);
    const mw = toExpressMiddleware(handle);
    const server = createServer((req, res) => {
      const next = (err?: unknown) => {
        res.statusCode = err ? 599 : 404;
        res.end();
      };
      if (req.headers['x-parsed'] === '1') {
        // An express.json()-like parser ran first.
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          (req as { body?: unknown }).body = JSON.parse(Buffer.concat(chunks).toString());
          mw(req, res, next);
        });
      } else mw(req, res, next);
    });
    const port = await listen(server);
    try {
      for (const parsed of ['0', '1']) {
        const res = await fetch(`http://127.0.0.1:${port}/v1/predict`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': key, 'x-parsed': parsed },
          body: '{"features":[4,5]}',
        });
        expect([res.status, (await res.json()).n]).toEqual([200, 2]);
      }
    } finally {
      server.close();
    }
  });
});

describe('JSONL file audit sink', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'modelsec-audit-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('appends, survives a restart, verifies, and detects edits', async () => {
    const path = join(dir, 'audit.jsonl');
    const first = createAuditLog({ sink: fileAuditSink(path, { fsync: true }), signer, logId: 'file' });
    for (let i = 0; i < 5; i++) await first.append({ type: 'request', i });
    // A new process (new sink) continues the chain.
    const sink = fileAuditSink(path);
    const second = createAuditLog({ sink, signer, logId: 'file' });
    for (let i = 5; i < 8; i++) await second.append({ type: 'request', i });
    const head = await second.head();
    expect(await verifyAuditLog(sink.lines(), { verifier: signer, expectedHead: head })).toMatchObject({
      ok: true,
      entries: 8,
    });

    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    const edited = [...lines];
    edited[3] = (edited[3] as string).replace('"i":3', '"i":33');
    await writeFile(path, `${edited.join('\n')}\n`);
    expect(
      (await verifyAuditLog(fileAuditSink(path).lines(), { verifier: signer })).problems.map((p) => p.kind),
    ).toEqual(['hash_mismatch']);
    await writeFile(path, `${lines.slice(0, 6).join('\n')}\n`);
    expect(
      (await verifyAuditLog(fileAuditSink(path).lines(), { verifier: signer, expectedHead: head })).problems.map(
        (p) => p.kind,
      ),
    ).toEqual(['truncated']);
    await writeFile(path, `${lines.join('\n')}\n{"partial`);
    await expect(createAuditLog({ sink: fileAuditSink(path), signer }).append({})).rejects.toMatchObject({
      code: 'audit_chain_broken',
    });
  });
});
