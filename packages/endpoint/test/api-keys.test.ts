import { AccessError, ConfigError, randomBytes } from '@modelsec/core';
import { type ApiKeyRecord, apiKeyAuthenticator, authenticate, createApiKey, hashApiKey } from '@modelsec/endpoint';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import vectors from './vectors/api-key-hmac.json';

const pepper = randomBytes(32);

async function setup() {
  const { id, key } = createApiKey();
  const record: ApiKeyRecord = {
    id,
    hash: await hashApiKey(key, pepper),
    principal: { id: 'batch-job', roles: ['ML Model Consumer'], tenant: 'acme' },
  };
  return { id, key, record };
}

const withKey = (key: string, header = 'x-api-key') => new Request('https://api.test/', { headers: { [header]: key } });

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(AccessError.isInstance(e)).toBe(true);
    return (e as AccessError).code;
  }
  return 'none';
}

describe('API keys', () => {
  test('hashApiKey is HMAC-SHA-256 (RFC 4231 vectors, base64url)', async () => {
    for (const v of vectors.cases) {
      const key = new Uint8Array((v.keyHex.match(/../g) ?? []).map((h) => Number.parseInt(h, 16)));
      expect(await hashApiKey(v.data, key)).toBe(v.macBase64url);
    }
  });

  test('a valid key yields its principal; the record never holds the key', async () => {
    const { key, record } = await setup();
    expect(JSON.stringify(record)).not.toContain(key.slice(-16)); // the secret's tail (ids and secrets may contain _)
    const auth = apiKeyAuthenticator({ pepper, keys: [record] });
    expect(await auth.authenticate(withKey(key))).toEqual({ ...record.principal, via: 'api-key' });
    const viaAuthorization = new Request('https://api.test/', { headers: { authorization: `ApiKey ${key}` } });
    expect((await auth.authenticate(viaAuthorization))?.id).toBe('batch-job');
    expect(await auth.authenticate(new Request('https://api.test/'))).toBeUndefined();
  });

  test('wrong secret, unknown id, other pepper, revoked, expired', async () => {
    const { id, key, record } = await setup();
    const auth = apiKeyAuthenticator({ pepper, keys: [record, { ...record, id: 'Revoked123', disabled: true }] });
    const [prefix, , secret] = key.split('_') as [string, string, string];
    const flipped = `${prefix}_${id}_${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    expect(await code(auth.authenticate(withKey(flipped)))).toBe('token_invalid');
    expect(await code(auth.authenticate(withKey(`${prefix}_Unknown999_${secret}`)))).toBe('token_invalid');
    const other = apiKeyAuthenticator({ pepper: randomBytes(32), keys: [record] });
    expect(await code(other.authenticate(withKey(key)))).toBe('token_invalid');
    const revokedKey = `${prefix}_Revoked123_${secret}`;
    const revoked = apiKeyAuthenticator({
      pepper,
      keys: [{ ...record, id: 'Revoked123', hash: await hashApiKey(revokedKey, pepper), disabled: true }],
    });
    expect(await code(revoked.authenticate(withKey(revokedKey)))).toBe('token_invalid');
    const expired = apiKeyAuthenticator({ pepper, keys: [{ ...record, expiresAt: 1000 }], now: () => 2000 });
    expect(await code(expired.authenticate(withKey(key)))).toBe('token_expired');
  });

  test('a lookup function (database) is supported', async () => {
    const { key, record } = await setup();
    const auth = apiKeyAuthenticator({ pepper, keys: async (id) => (id === record.id ? record : undefined) });
    expect((await auth.authenticate(withKey(key)))?.id).toBe('batch-job');
  });

  test('arbitrary header values give token_invalid, never a crash', async () => {
    const { record } = await setup();
    const auth = apiKeyAuthenticator({ pepper, keys: [record] });
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }).filter((s) => /^[\x21-\x7e]*$/.test(s) && s.length > 0),
        async (value) => {
          expect(await code(auth.authenticate(withKey(value)))).toBe('token_invalid');
        },
      ),
      { numRuns: 200 },
    );
    expect(await code(auth.authenticate(withKey('a'.repeat(100_000))))).toBe('token_invalid');
  });

  test('errors never echo the key', async () => {
    const { key, record } = await setup();
    const auth = apiKeyAuthenticator({ pepper: randomBytes(32), keys: [record] });
    const e = await auth.authenticate(withKey(key)).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(e).toBeInstanceOf(Error);
    // The tail of the secret part (slicing, not splitting: base64url ids and secrets may contain `_`).
    const secretTail = key.slice(-16);
    expect(`${(e as Error).message}${JSON.stringify(e)}`).not.toContain(secretTail);
  });

  test('configuration errors', () => {
    expect(() => apiKeyAuthenticator({ pepper, keys: 'x' as never })).toThrow(ConfigError);
    expect(() => apiKeyAuthenticator({ pepper, keys: [{ id: 'a' } as never] })).toThrow(ConfigError);
    expect(() => createApiKey({ prefix: 'BAD_' })).toThrow(ConfigError);
  });

  test('short peppers are refused on first use', async () => {
    const { key, record } = await setup();
    const auth = apiKeyAuthenticator({ pepper: randomBytes(8), keys: [record] });
    await expect(auth.authenticate(withKey(key))).rejects.toThrow(ConfigError);
  });

  test('authenticate() tries authenticators in order and requires one', async () => {
    const { key, record } = await setup();
    const auth = apiKeyAuthenticator({ pepper, keys: [record] });
    expect((await authenticate(withKey(key), [auth]))?.id).toBe('batch-job');
    expect(await code(authenticate(new Request('https://api.test/'), [auth]))).toBe('unauthenticated');
  });
});
