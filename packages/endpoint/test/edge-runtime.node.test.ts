import { join } from 'node:path';
import { EdgeVM } from '@edge-runtime/vm';
import { build } from 'esbuild';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, test } from 'vitest';

const src = join(import.meta.dirname, '..', 'src');
let vm: EdgeVM;
let token: string;

beforeAll(async () => {
  // Bundle the universal sources for a web-only runtime, as an edge deployment would.
  const out = await build({
    entryPoints: [join(import.meta.dirname, 'fixtures', 'edge-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    conditions: ['edge-light', 'worker', 'browser'],
    target: 'es2022',
    alias: {
      '@modelsec/endpoint': join(src, 'index.ts'),
      '@modelsec/core': join(src, '..', '..', 'core', 'src', 'index.ts'),
    },
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]?.text as string;
  expect(code).not.toMatch(/require\("node:|from "node:/);

  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'e1', alg: 'EdDSA' }] };
  token = await new SignJWT({ roles: ['ML Model Consumer'] })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'e1' })
    .setIssuer('https://issuer.test/')
    .setAudience('edge-api')
    .setSubject('edge-user')
    .setExpirationTime('5m')
    .sign(privateKey);
  const config = { jwks, auditKey: Array.from(crypto.getRandomValues(new Uint8Array(32))) };
  vm = new EdgeVM({ initialCode: `globalThis.EDGE_CONFIG = ${JSON.stringify(config)};` });
  expect(vm.evaluate('typeof process')).toBe('undefined');
  expect(vm.evaluate('typeof require')).toBe('undefined');
  vm.evaluate(code);
}, 60_000);

const post = (body: string, headers: Record<string, string> = {}) =>
  vm.dispatchFetch('https://edge.test/predict', {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-real-ip': '203.0.113.9',
      ...headers,
    },
  });

describe('secureEndpoint in the Edge Runtime (@edge-runtime/vm)', () => {
  test('the full stack answers, refuses and audits', async () => {
    const ok = await post('{"x":[1,2,3]}');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ sum: 6 });
    expect(ok.headers.get('ratelimit')).toBe('"burst";r=1;t=60');

    const noToken = await post('{"x":[1]}', { authorization: '' });
    expect([noToken.status, (await noToken.json()).error.code]).toEqual([401, 'unauthenticated']);

    const blocked = await post('{"x":[1]}', { 'x-real-ip': '198.51.100.1' });
    expect([blocked.status, (await blocked.json()).error.code]).toEqual([403, 'ip_denied']);

    const big = await post(JSON.stringify({ x: Array(600).fill(1) }));
    expect([big.status, (await big.json()).error.code]).toEqual([413, 'too_large']);

    const limited = await post('{"x":[1]}');
    expect([limited.status, (await limited.json()).error.code]).toEqual([429, 'rate_limited']);
    expect(limited.headers.get('retry-after')).toBe('60');

    const audit = await (await vm.dispatchFetch('https://edge.test/audit')).json();
    expect(audit).toMatchObject({ ok: true, entries: 5, problems: [] });
  });
});
