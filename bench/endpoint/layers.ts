/**
 * CPU cost of each security layer, in process (no HTTP, no model): `secureEndpoint` around a handler
 * that returns a constant, called with a 784-pixel JSON body, one layer enabled at a time. Measured as
 * process CPU time (user + system, including WebCrypto's thread pool) per request, median of 3 runs of
 * 2,000 requests, so a loaded machine inflates the numbers less than wall-clock rates. Started by run.ts
 * (with the built packages); prints JSON.
 */
import { randomBytes } from '@modelsec/core';
import {
  createAuditLog,
  createPolicy,
  createRateLimiter,
  hmacAuditSigner,
  jwtAuthenticator,
  memoryAuditSink,
  queryBudget,
  type SecureEndpointOptions,
  secureEndpoint,
  slidingWindow,
  tokenBucket,
} from '@modelsec/endpoint';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { z } from 'zod';

const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'b', alg: 'EdDSA' }] };
const token = await new SignJWT({ roles: ['ML Model Consumer'], tenant: 'acme' })
  .setProtectedHeader({ alg: 'EdDSA', kid: 'b' })
  .setIssuer('i')
  .setAudience('a')
  .setSubject('s')
  .setExpirationTime('2h')
  .sign(privateKey);
const body = JSON.stringify({ pixels: Array.from({ length: 784 }, (_, i) => (i % 10) / 10) });
const jwt = (cache: boolean) => [
  jwtAuthenticator({ keys: jwks as never, issuer: 'i', audience: 'a', ...(cache ? {} : { cache: { maxEntries: 0 } }) }),
];
const limits = () =>
  createRateLimiter({
    rules: [
      slidingWindow({ name: 'b', limit: 100_000, windowMs: 60_000 }),
      tokenBucket({ name: 'ip', capacity: 100_000, refillPerSecond: 10_000, by: 'ip' }),
    ],
  });
const schema = z.object({ pixels: z.array(z.number().min(0).max(1)).length(784) });
const audit = () => createAuditLog({ sink: memoryAuditSink(), signer: hmacAuditSigner(randomBytes(32)) });

const LAYERS: [string, () => SecureEndpointOptions<unknown>][] = [
  ['no layers (JSON parse only)', () => ({ auth: 'none' })],
  ['+ IP allow list', () => ({ auth: 'none', ip: { allow: ['127.0.0.0/8'] } })],
  ['+ JWT EdDSA, token cache off', () => ({ auth: jwt(false) })],
  ['+ JWT EdDSA, verified-token cache (default)', () => ({ auth: jwt(true) })],
  [
    '+ RBAC policy',
    () => ({
      auth: 'none',
      policy: createPolicy({ bindings: [{ role: 'ML Model Consumer', subjects: ['anonymous'] }] }),
      resource: { model: 'mnist' },
    }),
  ],
  ['+ sliding window + token bucket', () => ({ auth: 'none', rateLimit: limits() })],
  [
    '+ query budget',
    () => ({
      auth: 'none',
      budget: { limiter: createRateLimiter({ rules: [queryBudget({ name: 'm', limit: 1e8, periodMs: 86_400_000 })] }) },
    }),
  ],
  ['+ zod schema (784 numbers)', () => ({ auth: 'none', request: { schema } })],
  ['+ audit entry (HMAC, memory sink)', () => ({ auth: 'none', audit: audit() })],
  [
    'full stack (all of the above, token cache on)',
    () => ({
      auth: jwt(true),
      ip: { allow: ['127.0.0.0/8'] },
      policy: createPolicy(),
      resource: { model: 'mnist', tenant: 'acme' },
      rateLimit: limits(),
      budget: { limiter: createRateLimiter({ rules: [queryBudget({ name: 'm', limit: 1e8, periodMs: 86_400_000 })] }) },
      request: { schema },
      audit: audit(),
    }),
  ],
];

const out: { layer: string; cpuUs: number }[] = [];
for (const [name, make] of LAYERS) {
  const handle = secureEndpoint(async () => ({ digit: 1 }), make());
  const run = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const request = new Request('http://bench/predict', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      const res = await handle(request, { remoteAddress: '127.0.0.1' });
      if (res.status !== 200) throw new Error(`${name}: status ${res.status}`);
      await res.text();
    }
  };
  await run(500);
  const samples: number[] = [];
  for (let r = 0; r < 3; r++) {
    const c0 = process.cpuUsage();
    await run(2000);
    const c = process.cpuUsage(c0);
    samples.push((c.user + c.system) / 2000);
  }
  out.push({ layer: name, cpuUs: samples.sort((a, b) => a - b)[1] as number });
}
process.stdout.write(`${JSON.stringify(out)}\n`);
