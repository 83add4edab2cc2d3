import { AccessError, classifierFromOnnx, defineRule, randomBytes, SecurityError, softmax } from '@modelsec/core';
import {
  type AuditSink,
  createAuditLog,
  createPolicy,
  createRateLimiter,
  errorBody,
  hmacAuditSigner,
  jwtAuthenticator,
  memoryAuditSink,
  queryBudget,
  secureEndpoint,
  slidingWindow,
  verifyAuditLog,
} from '@modelsec/endpoint';
import { createSession, loadMnist, loadMnistModelBytes, MNIST_MODEL, ort } from '@modelsec-test/utils';
import fc from 'fast-check';
import { exportJWK, generateKeyPair, type KeyLike, SignJWT } from 'jose';
import { beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';

const ISS = 'https://issuer.test/';
const AUD = 'mnist-api';
let privateKey: KeyLike;
let jwks: { keys: object[] };
const auditKey = hmacAuditSigner(randomBytes(32), { kid: 'a1' });

beforeAll(async () => {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  privateKey = pair.privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'EdDSA' }] };
});

const token = (claims: Record<string, unknown> = {}) =>
  new SignJWT({ roles: ['ML Model Consumer'], tenant: 'acme', ...claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
    .setIssuer(ISS)
    .setAudience(AUD)
    .setSubject((claims.sub as string) ?? 'alice')
    .setIssuedAt()
    .setExpirationTime((claims.exp as number) ?? Math.floor(Date.now() / 1000) + 300)
    .sign(privateKey);

const schema = z.object({ features: z.array(z.number()).min(1).max(8) });

type Handler = (input: { features: number[] }) => unknown;
const sumHandler: Handler = (input) => ({ sum: input.features.reduce((a, b) => a + b, 0) });

function setup(over: Record<string, unknown> = {}, handler: Handler = sumHandler) {
  const sink = memoryAuditSink();
  const errors: unknown[] = [];
  const handle = secureEndpoint(handler, {
    auth: [jwtAuthenticator({ keys: jwks as never, issuer: ISS, audience: AUD })],
    policy: createPolicy(),
    resource: { model: 'toy', version: '1', tenant: 'acme' },
    ip: { deny: ['192.0.2.0/24'], trustedProxies: ['10.0.0.0/8'] },
    rateLimit: createRateLimiter({ rules: [slidingWindow({ name: 'burst', limit: 3, windowMs: 60_000 })] }),
    budget: {
      limiter: createRateLimiter({ rules: [queryBudget({ name: 'monthly', limit: 10, periodMs: 30 * 86_400_000 })] }),
      units: (i: { features: number[] }) => i.features.length,
    },
    request: { maxBytes: 1024, schema },
    audit: createAuditLog({ sink, signer: auditKey }),
    onError: (e: unknown) => errors.push(e),
    ...over,
  } as never);
  return { handle, sink, errors };
}

const call = async (
  handle: ReturnType<typeof setup>['handle'],
  init: { token?: string; body?: unknown; ip?: string; headers?: Record<string, string>; raw?: string } = {},
) => {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const req = new Request('https://api.test/v1/models/toy:predict?key=secret-query', {
    method: 'POST',
    headers,
    body: init.raw ?? JSON.stringify(init.body ?? { features: [1, 2] }),
  });
  const res = await handle(req, { remoteAddress: init.ip ?? '203.0.113.10' });
  return { res, body: await res.json() };
};

describe('secureEndpoint', () => {
  test('an allowed request runs the handler and is audited', async () => {
    const { handle, sink } = setup();
    const t = await token();
    const { res, body } = await call(handle, { token: t });
    expect(res.status).toBe(200);
    expect(body).toEqual({ sum: 3 });
    expect(res.headers.get('ratelimit-policy')).toBe('"burst";q=3;w=60, "monthly";q=10;w=2592000');
    expect(res.headers.get('ratelimit')).toMatch(/^"burst";r=2;t=60, "monthly";r=8;t=2592000$/);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const [entry] = sink.lines.map((l) => JSON.parse(l));
    expect(entry.event).toMatchObject({
      type: 'request',
      outcome: 'allowed',
      status: 200,
      principal: 'alice',
      via: 'jwt',
      action: 'endpoint:invoke',
      resource: { model: 'toy', version: '1', tenant: 'acme' },
      ip: '203.0.113.0/24',
      path: '/v1/models/toy:predict',
      requestId: res.headers.get('x-request-id'),
    });
    expect(sink.lines.join()).not.toContain(t.slice(0, 20));
    expect(sink.lines.join()).not.toContain('secret-query');
  });

  test.each([
    ['no credentials', 401, 'unauthenticated', {}],
    ['garbage token', 401, 'token_invalid', { token: 'not.a.jwt' }],
    ['denied network', 403, 'ip_denied', { ip: '192.0.2.7' }],
    [
      'denied network behind a trusted proxy',
      403,
      'ip_denied',
      { ip: '10.1.1.1', headers: { 'x-forwarded-for': '192.0.2.7' } },
    ],
    ['body too large', 413, 'too_large', { raw: JSON.stringify({ features: Array(1000).fill(1) }) }],
    ['wrong content type', 415, 'unsupported_format', { headers: { 'content-type': 'text/plain' } }],
    ['schema failure', 400, 'invalid_value', { body: { features: 'many' } }],
    ['bad JSON', 400, 'invalid_json', { raw: '{"features":' }],
  ] as const)('%s → %s %s', async (_name, status, code, init) => {
    const { handle, sink } = setup();
    const t = await token();
    const withToken = 'token' in init || status === 401 ? init : { token: t, ...init };
    const { res, body } = await call(handle, withToken as never);
    expect(res.status).toBe(status);
    expect(body).toEqual(errorBody(new AccessError(code as never, 'x'), res.headers.get('x-request-id') as string));
    expect(body.error.code).toBe(code);
    if (status === 401) expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(JSON.parse(sink.lines[0] as string).event).toMatchObject({ outcome: 'denied', status, code });
  });

  test('expired token → 401 token_expired', async () => {
    const { handle } = setup();
    const { res, body } = await call(handle, { token: await token({ exp: Math.floor(Date.now() / 1000) - 3600 }) });
    expect([res.status, body.error.code]).toEqual([401, 'token_expired']);
  });

  test('RBAC: a consumer may invoke but not download; other tenants are refused', async () => {
    const { handle } = setup({
      action: (r: Request) => (r.headers.get('x-op') === 'download' ? 'model:download' : 'endpoint:invoke'),
    });
    const t = await token();
    expect((await call(handle, { token: t })).res.status).toBe(200);
    const dl = await call(handle, { token: t, headers: { 'x-op': 'download' } });
    expect([dl.res.status, dl.body.error.code]).toEqual([403, 'forbidden']);
    const other = await call(handle, { token: await token({ tenant: 'evil' }) });
    expect(other.res.status).toBe(403);
  });

  test('rate limit → 429 with Retry-After; budgets count units', async () => {
    const { handle } = setup();
    const t = await token();
    for (let i = 0; i < 3; i++)
      expect((await call(handle, { token: t, body: { features: [1] } })).res.status).toBe(200);
    const { res, body } = await call(handle, { token: t });
    expect([res.status, body.error.code]).toEqual([429, 'rate_limited']);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.headers.get('ratelimit')).toContain('"burst";r=0');

    const b = setup({ rateLimit: undefined });
    const t2 = await token({ sub: 'bob' });
    expect((await call(b.handle, { token: t2, body: { features: [1, 1, 1, 1, 1, 1, 1, 1] } })).res.status).toBe(200);
    const over = await call(b.handle, { token: t2, body: { features: [1, 1, 1] } });
    expect([over.res.status, over.body.error.code]).toEqual([429, 'budget_exhausted']);
    expect((await call(b.handle, { token: t2, body: { features: [1, 1] } })).res.status).toBe(200);
  });

  test('guard(): input rules block (422), output rules transform', async () => {
    const noNegatives = defineRule({
      name: 'noNegatives',
      check: (v: { features: number[] }) => {
        if (v.features.some((x) => x < 0)) throw new SecurityError('adversarial_input', 'negative feature');
        return undefined;
      },
    });
    const round = defineRule({ name: 'round', check: (v: { sum: number }) => ({ value: { sum: Math.round(v.sum) } }) });
    const { handle } = setup({ guard: { input: [noNegatives], output: [round] } });
    const t = await token();
    const bad = await call(handle, { token: t, body: { features: [1, -1] } });
    expect([bad.res.status, bad.body.error]).toEqual([
      422,
      { code: 'adversarial_input', message: 'The request was refused by a security rule.' },
    ]);
    expect((await call(handle, { token: t, body: { features: [1.4, 1.4] } })).body).toEqual({ sum: 3 });
  });

  test('unexpected errors are 500 internal_error without internals; onError sees them', async () => {
    const { handle, errors } = setup({}, () => {
      throw new Error('db password=hunter2 at /srv/app.js:12');
    });
    const { res, body } = await call(handle, { token: await token() });
    expect(res.status).toBe(500);
    expect(body.error).toEqual({ code: 'internal_error', message: 'Internal error.' });
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(errors).toHaveLength(1);
  });

  test('a handler may answer with its own Response', async () => {
    const { handle } = setup({}, () => new Response('raw', { status: 201, headers: { 'content-type': 'text/plain' } }));
    const req = new Request('https://api.test/', {
      method: 'POST',
      headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
      body: '{"features":[1]}',
    });
    const res = await handle(req, { remoteAddress: '203.0.113.1' });
    expect([res.status, await res.text(), res.headers.has('ratelimit')]).toEqual([201, 'raw', true]);
  });

  test('audit failures fail closed (503) by default, or open', async () => {
    const broken: AuditSink = {
      name: 'broken',
      head: async () => undefined,
      append: async () => Promise.reject(new Error('disk full')),
      entries: async function* () {},
    };
    const closed = setup({ audit: createAuditLog({ sink: broken, signer: auditKey }) });
    const r1 = await call(closed.handle, { token: await token() });
    expect([r1.res.status, r1.body.error.code]).toEqual([503, 'store_unavailable']);
    const open = setup({ audit: createAuditLog({ sink: broken, signer: auditKey }), auditFailMode: 'open' });
    expect((await call(open.handle, { token: await token() })).res.status).toBe(200);
  });

  test('an unavailable rate-limit store fails closed with 503 store_unavailable', async () => {
    const store = { name: 'down', consume: async () => Promise.reject(new Error('ECONNREFUSED')) };
    const { handle } = setup({
      rateLimit: createRateLimiter({ rules: [slidingWindow({ name: 'x', limit: 5, windowMs: 1000 })], store }),
    });
    const { res, body } = await call(handle, { token: await token() });
    expect([res.status, body.error.code]).toEqual([503, 'store_unavailable']);
  });

  test('requests a fail-open store admitted without counting are marked degraded in the audit log', async () => {
    const store = {
      name: 'open',
      consume: async (checks: readonly { spec: { limit: number } }[]) => ({
        allowed: true,
        degraded: true,
        states: checks.map((c) => ({ allowed: true, remaining: c.spec.limit, resetMs: 0, retryAfterMs: 0 })),
      }),
    };
    const { handle, sink } = setup({
      rateLimit: createRateLimiter({ rules: [slidingWindow({ name: 'x', limit: 5, windowMs: 1000 })], store }),
    });
    expect((await call(handle, { token: await token() })).res.status).toBe(200);
    expect(JSON.parse(sink.lines[0] as string).event).toMatchObject({ outcome: 'allowed', degraded: true });
  });

  test('the audit log of a mixed run verifies', async () => {
    const { handle, sink } = setup();
    const t = await token();
    await call(handle, { token: t });
    await call(handle, {});
    await call(handle, { token: t, ip: '192.0.2.1' });
    await call(handle, { token: t, body: { features: [] } });
    const report = await verifyAuditLog(sink.entries(), { verifier: auditKey });
    expect(report).toMatchObject({ ok: true, entries: 4 });
    expect(sink.lines.map((l) => JSON.parse(l).event.outcome)).toEqual(['allowed', 'denied', 'denied', 'denied']);
  });

  test('property: arbitrary requests always get a well-formed JSON answer', async () => {
    const { handle } = setup({ rateLimit: undefined, budget: undefined });
    const t = await token();
    const header = fc.string({ maxLength: 40 }).filter((s) => /^[\x20-\x7e]*$/.test(s));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        fc.option(header),
        fc.option(fc.constantFrom(`Bearer ${t}`, 'Bearer x', 'Basic abc', '')),
        fc.option(fc.oneof(fc.json(), fc.string())),
        fc.option(fc.oneof(fc.ipV4(), fc.ipV6(), header)),
        async (method, type, authz, body, ip) => {
          const headers: Record<string, string> = {};
          if (type !== null) headers['content-type'] = type;
          if (authz !== null) headers.authorization = authz;
          const hasBody = method !== 'GET' && body !== null;
          const res = await handle(
            new Request('https://api.test/x', { method, headers, ...(hasBody ? { body } : {}) }),
            ip === null ? {} : { remoteAddress: ip },
          );
          const json = await res.json();
          if (res.status !== 200) {
            expect(Object.keys(json).sort()).toEqual(['error', 'requestId']);
            expect(typeof json.error.code).toBe('string');
            expect(res.status).toBeGreaterThanOrEqual(400);
            expect(res.status).toBeLessThan(500);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('configuration: authentication must be explicit', () => {
    expect(() => secureEndpoint(() => 1, { auth: [] })).toThrow(/auth/);
    expect(() => secureEndpoint(() => 1, { auth: 'none' })).not.toThrow();
  });
});

describe('secureEndpoint around the MNIST ONNX model (onnxruntime-web)', () => {
  test('classifies real digits through the full stack', async () => {
    const session = await createSession(await loadMnistModelBytes());
    const mnist = classifierFromOnnx(session, {
      Tensor: ort.Tensor,
      sampleShape: MNIST_MODEL.sampleShape,
      numClasses: 10,
    });
    const { images, labels } = await loadMnist({ limit: 4 });
    const handle = secureEndpoint(
      async ({ pixels }: { pixels: number[] }) => {
        const probs = softmax(await mnist.predict(Float32Array.from(pixels), 1), 10);
        return { digit: probs.indexOf(Math.max(...probs)) };
      },
      {
        auth: [jwtAuthenticator({ keys: jwks as never, issuer: ISS, audience: AUD })],
        policy: createPolicy(),
        resource: { model: 'mnist', tenant: 'acme' },
        request: { maxBytes: 64 * 1024, schema: z.object({ pixels: z.array(z.number().min(0).max(1)).length(784) }) },
        audit: createAuditLog({ sink: memoryAuditSink(), signer: auditKey }),
      },
    );
    const t = await token();
    for (let i = 0; i < 4; i++) {
      const pixels = Array.from(images.subarray(i * 784, (i + 1) * 784));
      const res = await handle(
        new Request('https://api.test/', {
          method: 'POST',
          headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
          body: JSON.stringify({ pixels }),
        }),
      );
      expect(res.status).toBe(200);
      expect((await res.json()).digit).toBe(labels[i]);
    }
  });
});
