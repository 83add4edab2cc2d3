import { AccessError, bytesToBase64, ConfigError, isModelSecError, utf8ToBytes } from '@modelsec/core';
import { type JwtAlgorithm, jwtAuthenticator, principalFromClaims, remoteJwks } from '@modelsec/endpoint';
import { exportJWK, exportSPKI, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';
import { beforeAll, describe, expect, test } from 'vitest';

const ISS = 'https://issuer.test/';
const AUD = 'mnist-api';
const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const sec = (ms: number) => Math.floor(ms / 1000);

interface Pair {
  alg: JwtAlgorithm;
  privateKey: KeyLike;
  publicKey: KeyLike;
  publicJwk: JWK;
}
const pairs: Record<string, Pair> = {};

beforeAll(async () => {
  for (const alg of ['EdDSA', 'ES256', 'ES384', 'RS256'] as const) {
    const { privateKey, publicKey } = await generateKeyPair(alg, {
      extractable: true,
      ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}),
    });
    pairs[alg] = { alg, privateKey, publicKey, publicJwk: { ...(await exportJWK(publicKey)), kid: `k-${alg}`, alg } };
  }
}, 60_000);

const jwks = () => ({ keys: Object.values(pairs).map((p) => p.publicJwk) });

function sign(alg: JwtAlgorithm, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}) {
  const p = pairs[alg] as Pair;
  const payload: Record<string, unknown> = {
    iss: ISS,
    aud: AUD,
    sub: 'alice',
    iat: sec(NOW) - 10,
    exp: sec(NOW) + 300,
    roles: ['ML Model Consumer'],
    tenant: 'acme',
    ...claims,
  };
  for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
  return new SignJWT(payload).setProtectedHeader({ alg, kid: p.publicJwk.kid, ...header }).sign(p.privateKey);
}

const auth = (overrides = {}) =>
  jwtAuthenticator({ keys: jwks(), issuer: ISS, audience: AUD, now: () => NOW, ...overrides });
const req = (token: string, scheme = 'Bearer') =>
  new Request('https://api.test/predict', { headers: { authorization: `${scheme} ${token}` } });

async function rejection(p: Promise<unknown>): Promise<AccessError> {
  try {
    await p;
  } catch (e) {
    expect(isModelSecError(e)).toBe(true);
    expect(AccessError.isInstance(e)).toBe(true);
    return e as AccessError;
  }
  throw new Error('expected a rejection');
}

const b64 = (o: unknown) => bytesToBase64(utf8ToBytes(JSON.stringify(o)), { url: true });

describe('valid tokens', () => {
  test.each(['EdDSA', 'ES256', 'ES384', 'RS256'] as const)(
    '%s verifies and maps claims to a principal',
    async (alg) => {
      const principal = await auth().authenticate(req(await sign(alg)));
      expect(principal).toEqual({
        id: 'alice',
        roles: ['ML Model Consumer'],
        tenant: 'acme',
        via: 'jwt',
        attributes: { issuer: ISS },
      });
    },
  );

  test('a single public key works as well as a JWKS', async () => {
    const a = jwtAuthenticator({
      keys: (pairs.ES256 as Pair).publicJwk,
      issuer: ISS,
      audience: [AUD, 'other'],
      now: () => NOW,
    });
    expect((await a.authenticate(req(await sign('ES256'))))?.id).toBe('alice');
  });

  test('clock skew within tolerance is accepted', async () => {
    const token = await sign('EdDSA', { exp: sec(NOW) - 20, nbf: sec(NOW) + 20 });
    expect((await auth().authenticate(req(token)))?.id).toBe('alice');
  });

  test('scope claims can map to roles', async () => {
    const token = await sign('EdDSA', { roles: undefined, scope: 'predict read' });
    const p = await auth({ scopeRoles: { predict: 'ML Model Consumer' } }).authenticate(req(token));
    expect(p?.roles).toEqual(['ML Model Consumer']);
  });

  test('requests without a bearer token are not ours', async () => {
    expect(await auth().authenticate(new Request('https://api.test/'))).toBeUndefined();
    expect(await auth().authenticate(req('msk_abc', 'ApiKey'))).toBeUndefined();
  });
});

describe('rejected tokens', () => {
  test('expired', async () => {
    const e = await rejection(auth().authenticate(req(await sign('ES256', { exp: sec(NOW) - 31 }))));
    expect(e.code).toBe('token_expired');
  });

  test('not yet valid (nbf)', async () => {
    const e = await rejection(auth().authenticate(req(await sign('ES256', { nbf: sec(NOW) + 31 }))));
    expect(e).toMatchObject({ code: 'token_invalid', details: { reason: 'claim', claim: 'nbf' } });
  });

  test('wrong audience', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k-EdDSA' })
      .setIssuer(ISS)
      .setAudience('another-api')
      .setSubject('alice')
      .setExpirationTime(sec(NOW) + 60)
      .sign((pairs.EdDSA as Pair).privateKey);
    expect(await rejection(auth().authenticate(req(token)))).toMatchObject({
      code: 'token_invalid',
      details: { claim: 'aud' },
    });
  });

  test('wrong issuer', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k-EdDSA' })
      .setIssuer('https://evil.test/')
      .setAudience(AUD)
      .setSubject('alice')
      .setExpirationTime(sec(NOW) + 60)
      .sign((pairs.EdDSA as Pair).privateKey);
    expect(await rejection(auth().authenticate(req(token)))).toMatchObject({
      code: 'token_invalid',
      details: { claim: 'iss' },
    });
  });

  test('alg: none', async () => {
    const payload = { iss: ISS, aud: AUD, sub: 'admin', exp: sec(NOW) + 60, roles: ['ML Model Admin'] };
    for (const token of [
      `${b64({ alg: 'none' })}.${b64(payload)}.`,
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.c2ln`,
    ]) {
      expect((await rejection(auth().authenticate(req(token)))).code).toBe('token_invalid');
    }
  });

  test('HS256 signed with the RSA public key (key confusion)', async () => {
    const p = pairs.RS256 as Pair;
    const spki = await exportSPKI(p.publicKey);
    for (const secret of [utf8ToBytes(spki), utf8ToBytes(JSON.stringify(p.publicJwk))]) {
      const token = await new SignJWT({ roles: ['ML Model Admin'] })
        .setProtectedHeader({ alg: 'HS256', kid: 'k-RS256' })
        .setIssuer(ISS)
        .setAudience(AUD)
        .setSubject('admin')
        .setExpirationTime(sec(NOW) + 60)
        .sign(secret);
      expect(await rejection(auth().authenticate(req(token)))).toMatchObject({
        code: 'token_invalid',
        details: { reason: 'alg_not_allowed' },
      });
      const single = jwtAuthenticator({ keys: p.publicJwk, issuer: ISS, audience: AUD, now: () => NOW });
      expect((await rejection(single.authenticate(req(token)))).code).toBe('token_invalid');
    }
  });

  test('an algorithm outside the configured list', async () => {
    const e = await rejection(auth({ algorithms: ['EdDSA'] }).authenticate(req(await sign('RS256'))));
    expect(e).toMatchObject({ code: 'token_invalid', details: { reason: 'alg_not_allowed' } });
  });

  test('unknown kid', async () => {
    const e = await rejection(auth().authenticate(req(await sign('ES256', {}, { kid: 'retired-key' }))));
    expect(e).toMatchObject({ code: 'token_invalid', details: { reason: 'unknown_kid' } });
  });

  test('tampered payload (signature kept)', async () => {
    const [h, , s] = (await sign('EdDSA')).split('.');
    const forged = `${h}.${b64({ iss: ISS, aud: AUD, sub: 'alice', exp: sec(NOW) + 60, roles: ['ML Model Admin'] })}.${s}`;
    expect(await rejection(auth().authenticate(req(forged)))).toMatchObject({
      code: 'token_invalid',
      details: { reason: 'bad_signature' },
    });
  });

  test('tampered signature and header', async () => {
    const [h, p, s] = (await sign('ES256')).split('.') as [string, string, string];
    const flipped = `${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    expect((await rejection(auth().authenticate(req(`${h}.${p}.${flipped}`)))).code).toBe('token_invalid');
    const h2 = b64({ alg: 'ES256', kid: 'k-ES256', crit: ['exp'] });
    expect((await rejection(auth().authenticate(req(`${h2}.${p}.${s}`)))).code).toBe('token_invalid');
  });

  test('missing required claims and unusable claim shapes', async () => {
    const noExp = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k-EdDSA' })
      .setIssuer(ISS)
      .setAudience(AUD)
      .setSubject('a')
      .sign((pairs.EdDSA as Pair).privateKey);
    expect((await rejection(auth().authenticate(req(noExp)))).code).toBe('token_invalid');
    const badRoles = await sign('EdDSA', { roles: { admin: true } });
    expect(await rejection(auth().authenticate(req(badRoles)))).toMatchObject({
      code: 'token_invalid',
      details: { claim: 'roles' },
    });
    const bigRoles = await sign('EdDSA', { roles: Array.from({ length: 65 }, (_, i) => `r${i}`) });
    expect((await rejection(auth().authenticate(req(bigRoles)))).code).toBe('token_invalid');
  });

  test('malformed bearer values and oversized tokens', async () => {
    for (const v of ['', 'a.b', 'a.b.c', '....', '\u00e9t\u00e9.x.y', 'x'.repeat(9000)]) {
      expect((await rejection(auth().authenticate(req(v)))).code).toBe('token_invalid');
    }
  });

  test('errors never contain the token', async () => {
    const token = await sign('ES256', { exp: sec(NOW) - 100 });
    const e = await rejection(auth().authenticate(req(token)));
    const text = `${e.message} ${JSON.stringify(e)} ${JSON.stringify(e.details)}`;
    for (const part of token.split('.')) expect(text).not.toContain(part.slice(0, 16));
  });
});

describe('verified-token cache', () => {
  test('a cached token is still checked for expiry, and hits return independent copies', async () => {
    let clock = NOW;
    const a = jwtAuthenticator({ keys: jwks(), issuer: ISS, audience: AUD, now: () => clock });
    const token = await sign('EdDSA', { exp: sec(NOW) + 60 });
    const first = await a.authenticate(req(token));
    expect(first).toBeDefined();
    (first as unknown as { roles: string[] }).roles.push('ML Model Admin');
    expect((await a.authenticate(req(token)))?.roles).toEqual(['ML Model Consumer']);
    clock += 100_000;
    expect((await rejection(a.authenticate(req(token)))).code).toBe('token_expired');
  });

  test('a tampered copy of a cached token is not a cache hit', async () => {
    const a = auth();
    const token = await sign('EdDSA');
    await a.authenticate(req(token));
    const [h, , s] = token.split('.');
    const forged = `${h}.${b64({ iss: ISS, aud: AUD, sub: 'alice', exp: sec(NOW) + 60, roles: ['ML Model Admin'] })}.${s}`;
    expect((await rejection(a.authenticate(req(forged)))).code).toBe('token_invalid');
  });
});

describe('configuration', () => {
  test('issuer, audience and public keys are required; HS and none are not offered', () => {
    const ok = { keys: jwks(), issuer: ISS, audience: AUD };
    expect(() => jwtAuthenticator({ ...ok, issuer: '' })).toThrow(ConfigError);
    expect(() => jwtAuthenticator({ ...ok, audience: [] })).toThrow(ConfigError);
    expect(() => jwtAuthenticator({ ...ok, algorithms: ['HS256' as never] })).toThrow(ConfigError);
    expect(() => jwtAuthenticator({ ...ok, algorithms: ['none' as never] })).toThrow(ConfigError);
    expect(() => jwtAuthenticator({ ...ok, keys: { kty: 'oct', k: 'c2VjcmV0' } })).toThrow(ConfigError);
    expect(() => jwtAuthenticator({ ...ok, keys: { kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c' } })).toThrow(
      ConfigError,
    );
    expect(() => jwtAuthenticator({ ...ok, clockToleranceSec: 3600 })).toThrow(RangeError);
  });

  test('principalFromClaims checks types', () => {
    expect(() => principalFromClaims({ sub: 5 })).toThrow(AccessError);
    expect(() => principalFromClaims({ sub: 'a', tenant: ['x'] })).toThrow(AccessError);
    expect(principalFromClaims({ sub: 'a', roles: 'r1 r2' }).roles).toEqual(['r1', 'r2']);
  });
});

describe('remote JWKS: caching and rotation', () => {
  test('an unknown kid refetches (after the cooldown) and picks up a rotated key', async () => {
    let clock = NOW;
    let served = { keys: [(pairs.ES256 as Pair).publicJwk] };
    let calls = 0;
    const fetch = async () => {
      calls++;
      return new Response(JSON.stringify(served), { headers: { 'content-type': 'application/json' } });
    };
    const keys = remoteJwks('https://issuer.test/jwks', {
      fetch,
      cooldownMs: 30_000,
      cacheMaxAgeMs: 600_000,
      now: () => clock,
    });
    const a = jwtAuthenticator({ keys, issuer: ISS, audience: AUD, now: () => clock });
    expect((await a.authenticate(req(await sign('ES256'))))?.id).toBe('alice');
    expect(calls).toBe(1);
    await a.authenticate(req(await sign('ES256')));
    expect(calls).toBe(1); // cached

    // The issuer rotates to an EdDSA key. Within the cooldown the unknown kid is not refetched...
    served = { keys: [(pairs.ES256 as Pair).publicJwk, (pairs.EdDSA as Pair).publicJwk] };
    clock += 10_000;
    expect(await rejection(a.authenticate(req(await sign('EdDSA'))))).toMatchObject({
      details: { reason: 'unknown_kid' },
    });
    expect(calls).toBe(1);
    // ...after it, one refetch finds the new key.
    clock += 30_000;
    expect((await a.authenticate(req(await sign('EdDSA'))))?.id).toBe('alice');
    expect(calls).toBe(2);
    expect(keys.fetches).toBe(2);

    // Old key retired and cache expired: tokens signed with it fail.
    served = { keys: [(pairs.EdDSA as Pair).publicJwk] };
    clock += 600_001;
    expect(await rejection(a.authenticate(req(await sign('ES256'))))).toMatchObject({
      details: { reason: 'unknown_kid' },
    });
    expect(calls).toBe(3);
  });

  test('an unreachable key set fails closed with store_unavailable; a stale set is kept', async () => {
    let up = false;
    let clock = NOW;
    const fetch = async () => {
      if (!up) throw new TypeError('fetch failed');
      return new Response(JSON.stringify(jwks()));
    };
    const keys = remoteJwks('https://issuer.test/jwks', {
      fetch,
      cooldownMs: 1000,
      cacheMaxAgeMs: 5000,
      now: () => clock,
    });
    const a = jwtAuthenticator({ keys, issuer: ISS, audience: AUD, now: () => clock });
    const e = await rejection(a.authenticate(req(await sign('ES256'))));
    expect(e).toMatchObject({ code: 'store_unavailable', details: { store: 'jwks' } });
    up = true;
    clock += 1000;
    expect((await a.authenticate(req(await sign('ES256'))))?.id).toBe('alice');
    up = false;
    clock += 10_000; // cache expired, refresh fails: the last good set is still used
    expect((await a.authenticate(req(await sign('ES256'))))?.id).toBe('alice');
  });

  test('bad documents and non-https URLs', async () => {
    expect(() => remoteJwks('http://issuer.test/jwks')).toThrow(ConfigError);
    expect(() => remoteJwks('http://127.0.0.1:9/jwks', { fetch: async () => new Response('') })).not.toThrow();
    for (const body of ['not json', '{"keys":5}', 'x'.repeat(70_000)]) {
      const keys = remoteJwks('https://issuer.test/jwks', { fetch: async () => new Response(body) });
      const a = jwtAuthenticator({ keys, issuer: ISS, audience: AUD, now: () => NOW });
      expect((await rejection(a.authenticate(req(await sign('ES256'))))).code).toBe('store_unavailable');
    }
  });
});
