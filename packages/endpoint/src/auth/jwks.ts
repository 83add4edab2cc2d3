/**
 * A remote JSON Web Key Set with caching and key rotation, on any `fetch` (Node, browsers, edge
 * runtimes). Keys are cached for `cacheMaxAgeMs`; a token whose `kid` is unknown triggers one refetch
 * (at most once per `cooldownMs`, so unknown-kid floods cannot hammer the issuer), which is how a
 * rotated-in key is picked up. When a refresh fails the last good set stays in use; with no good
 * set at all verification fails closed with `AccessError('store_unavailable')`.
 */
import { AccessError, aobject, ConfigError } from '@modelsec/core';
import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

/** Options of `remoteJwks`. */
export interface RemoteJwksOptions {
  /** The fetch to use (default `globalThis.fetch`). */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** Refetch after this long even without an unknown `kid` (default 10 minutes). */
  cacheMaxAgeMs?: number;
  /** Minimum time between two fetches (default 30 s). */
  cooldownMs?: number;
  /** Abort a fetch after this long (default 5 s). */
  timeoutMs?: number;
  /** Largest JWKS document accepted (default 64 KiB). */
  maxBytes?: number;
  /** Clock, for tests (default `Date.now`). */
  now?: () => number;
}

/** A key resolver for `jwtAuthenticator({ keys })` backed by a remote JWKS. */
export interface RemoteJwks {
  /** Resolve the verification key for a token header (used by jose). */
  readonly getKey: JWTVerifyGetKey;
  /** Fetch the key set now (ignores the cooldown). */
  refresh(): Promise<void>;
  /** Number of successful fetches so far (observability, tests). */
  readonly fetches: number;
}

/**
 * Create a cached, rotating remote JWKS.
 *
 * @throws ConfigError `invalid_config` for a URL that is not https (http is allowed for loopback hosts only).
 * @example
 * ```ts
 * const jwks = remoteJwks('https://issuer.example/.well-known/jwks.json');
 * const auth = jwtAuthenticator({ keys: jwks, issuer: 'https://issuer.example', audience: 'mnist-api' });
 * ```
 */
export function remoteJwks(url: string | URL, options: RemoteJwksOptions = {}): RemoteJwks {
  aobject(options as unknown, 'options');
  const target = new URL(String(url));
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(target.hostname);
  if (target.protocol !== 'https:' && !(target.protocol === 'http:' && loopback)) {
    throw new ConfigError('invalid_config', 'JWKS URL must use https (http only for loopback hosts)');
  }
  const doFetch = options.fetch ?? (globalThis as { fetch?: RemoteJwksOptions['fetch'] }).fetch;
  if (typeof doFetch !== 'function') throw new ConfigError('unsupported_runtime', 'fetch is not available');
  const maxAge = options.cacheMaxAgeMs ?? 600_000;
  const cooldown = options.cooldownMs ?? 30_000;
  const timeout = options.timeoutMs ?? 5_000;
  const maxBytes = options.maxBytes ?? 65_536;
  const now = options.now ?? Date.now;

  let set: ReturnType<typeof createLocalJWKSet> | undefined;
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let attemptedAt = Number.NEGATIVE_INFINITY;
  let inflight: Promise<void> | undefined;
  let fetches = 0;

  const load = (): Promise<void> => {
    inflight ??= (async () => {
      attemptedAt = now();
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeout);
      try {
        const res = await doFetch(target.href, { signal: controller.signal, headers: { accept: 'application/json' } });
        if (!res.ok) throw new Error(`status ${res.status}`);
        const text = await res.text();
        if (text.length > maxBytes) throw new Error('JWKS too large');
        const jwks = JSON.parse(text) as JSONWebKeySet;
        if (typeof jwks !== 'object' || jwks === null || !Array.isArray(jwks.keys)) throw new Error('not a JWKS');
        set = createLocalJWKSet(jwks);
        fetchedAt = now();
        fetches++;
      } finally {
        clearTimeout(timer);
        inflight = undefined;
      }
    })();
    return inflight;
  };

  const ensure = async () => {
    if (set !== undefined && now() - fetchedAt < maxAge) return;
    if (set !== undefined && now() - attemptedAt < cooldown) return; // stale but recently retried: keep it
    try {
      await load();
    } catch (cause) {
      if (set === undefined) {
        throw new AccessError('store_unavailable', 'the token issuer key set is unavailable', {
          cause,
          details: { store: 'jwks' },
        });
      }
    }
  };

  const getKey: JWTVerifyGetKey = async (header, token) => {
    await ensure();
    try {
      return await (set as ReturnType<typeof createLocalJWKSet>)(header, token);
    } catch (error) {
      const unknownKid = (error as { code?: string }).code === 'ERR_JWKS_NO_MATCHING_KEY';
      if (!unknownKid || now() - attemptedAt < cooldown) throw error;
      try {
        await load(); // maybe the issuer rotated in a new key
      } catch {
        throw error;
      }
      return (set as ReturnType<typeof createLocalJWKSet>)(header, token);
    }
  };

  return {
    getKey,
    refresh: load,
    get fetches() {
      return fetches;
    },
  };
}
