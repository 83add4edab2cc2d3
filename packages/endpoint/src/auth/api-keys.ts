/**
 * API keys stored as keyed hashes. A key looks like `msk_<id>_<secret>`: the id (not secret) finds the
 * record, and the record holds only `HMAC-SHA-256(pepper, key)`, so a leaked key table cannot be used
 * to call the API and cannot be brute-forced without the pepper. Hashes are compared in constant time
 * (core `equalBytes`), and an unknown id costs the same HMAC as a known one.
 */
import {
  AccessError,
  afunction,
  aobject,
  astring,
  base64ToBytes,
  bytesToBase64,
  ConfigError,
  equalBytes,
  randomBytes,
  utf8ToBytes,
} from '@modelsec/core';
import { type HmacKeyInput, hmacSha256, importHmacKey } from '../crypto/hmac';
import type { Principal } from '../policy/types';
import type { Authenticator } from './types';

/** A stored API key: its id, keyed hash and the principal it stands for. */
export interface ApiKeyRecord {
  /** The key's id (the middle part of the key). */
  id: string;
  /** `hashApiKey(key, pepper)` (base64url). */
  hash: string;
  /** Who calls with this key. */
  principal: Omit<Principal, 'via'>;
  /** Expiry, epoch milliseconds. */
  expiresAt?: number;
  /** Revoked keys stay in the table with `disabled: true`. */
  disabled?: boolean;
}

/** Options of `apiKeyAuthenticator`. */
export interface ApiKeyAuthenticatorOptions {
  /** The server-side HMAC key (≥ 32 bytes, or an HMAC CryptoKey). Keep it out of the key table. */
  pepper: HmacKeyInput;
  /** The records, or a lookup by id (database, KV store). */
  keys: readonly ApiKeyRecord[] | ((id: string) => Promise<ApiKeyRecord | undefined>);
  /** Header carrying the key (default `x-api-key`); `Authorization: ApiKey <key>` is also read. */
  header?: string;
  /** Clock, for tests (default `Date.now`). */
  now?: () => number;
}

const KEY_RE = /^([a-z]{1,16})_([A-Za-z0-9]{8,64})_([A-Za-z0-9_-]{32,128})$/;

/**
 * Make a new random API key (256-bit secret) and its id. Store only `hashApiKey(key, pepper)`.
 *
 * @example
 * ```ts
 * const { id, key } = createApiKey();
 * const record = { id, hash: await hashApiKey(key, pepper), principal: { id: 'batch-job', roles: ['ML Model Consumer'] } };
 * ```
 */
export function createApiKey(options: { prefix?: string } = {}): { id: string; key: string } {
  const prefix = options.prefix ?? 'msk';
  if (!/^[a-z]{1,16}$/.test(prefix)) throw new ConfigError('invalid_config', 'prefix must be 1-16 lowercase letters');
  const id = bytesToBase64(randomBytes(12), { url: true }).replace(/[-_]/g, 'x');
  const secret = bytesToBase64(randomBytes(32), { url: true });
  return { id, key: `${prefix}_${id}_${secret}` };
}

/**
 * The keyed hash stored for an API key: base64url(HMAC-SHA-256(pepper, key)).
 *
 * @example
 * ```ts
 * const hash = await hashApiKey(key, pepper);
 * ```
 */
export async function hashApiKey(key: string, pepper: HmacKeyInput): Promise<string> {
  astring(key, 'key');
  return bytesToBase64(await hmacSha256(await importHmacKey(pepper, 'pepper'), utf8ToBytes(key)), { url: true });
}

/**
 * Authenticate requests carrying an API key.
 *
 * @example
 * ```ts
 * const auth = apiKeyAuthenticator({ pepper, keys: [record] });
 * const principal = await auth.authenticate(request); // undefined without an API key
 * ```
 */
export function apiKeyAuthenticator(options: ApiKeyAuthenticatorOptions): Authenticator {
  aobject(options as unknown, 'options');
  const header = (options.header ?? 'x-api-key').toLowerCase();
  const pepper = importHmacKey(options.pepper, 'options.pepper');
  pepper.catch(() => {}); // surfaced on first use
  const lookup = lookupFrom(options.keys);
  const now = options.now ?? Date.now;
  const dummy = new Uint8Array(32);

  return {
    name: 'api-key',
    async authenticate(request: Request) {
      let key = request.headers.get(header);
      if (key === null) {
        const auth = request.headers.get('authorization');
        if (auth === null || !/^apikey /i.test(auth)) return undefined;
        key = auth.slice(7).trim();
      }
      const m = key.length <= 256 ? KEY_RE.exec(key) : null;
      if (!m) throw new AccessError('token_invalid', 'the API key is malformed', { details: { reason: 'malformed' } });
      const record = await lookup(m[2] as string);
      const mac = await hmacSha256(await pepper, utf8ToBytes(key));
      let stored: Uint8Array = dummy;
      if (record) {
        try {
          stored = base64ToBytes(record.hash);
        } catch {
          stored = dummy;
        }
      }
      const same = equalBytes(mac, stored.length === 32 ? stored : dummy);
      if (!record || !same || record.id !== m[2]) {
        throw new AccessError('token_invalid', 'the API key is not valid', { details: { reason: 'unknown_key' } });
      }
      if (record.disabled) {
        throw new AccessError('token_invalid', 'the API key is revoked', { details: { reason: 'revoked' } });
      }
      if (record.expiresAt !== undefined && now() >= record.expiresAt) {
        throw new AccessError('token_expired', 'the API key has expired', { details: { reason: 'expired' } });
      }
      return { ...record.principal, roles: [...record.principal.roles], via: 'api-key' };
    },
  };
}

function lookupFrom(keys: ApiKeyAuthenticatorOptions['keys']): (id: string) => Promise<ApiKeyRecord | undefined> {
  if (typeof keys === 'function') {
    afunction(keys, 'options.keys');
    return keys;
  }
  if (!Array.isArray(keys))
    throw new ConfigError('invalid_config', 'options.keys must be an array or a lookup function');
  const byId = new Map<string, ApiKeyRecord>();
  for (const r of keys) {
    if (typeof r?.id !== 'string' || typeof r.hash !== 'string' || typeof r.principal?.id !== 'string') {
      throw new ConfigError('invalid_config', 'options.keys: every record needs id, hash and principal');
    }
    if (byId.has(r.id)) throw new ConfigError('invalid_config', 'options.keys: duplicate key id');
    byId.set(r.id, r);
  }
  return async (id) => byId.get(id);
}
