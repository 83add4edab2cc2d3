/**
 * JWT bearer authentication with `jose`: asymmetric algorithms only (EdDSA, ES256, ES384, RS256,
 * PS256), so `alg: none` and HS/RS key confusion are impossible by construction; issuer and audience
 * are required; `exp` is required by default; `nbf`/`exp` are checked with a bounded clock skew.
 * jose's errors become `AccessError`s with stable codes and no token content.
 */
import { AccessError, ainteger, aobject, ConfigError, isModelSecError } from '@modelsec/core';
import {
  createLocalJWKSet,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import type { Principal } from '../policy/types';
import { type ClaimMapping, principalFromClaims } from './claims';
import type { RemoteJwks } from './jwks';
import type { Authenticator } from './types';

/** The signature algorithms a verifier may accept. Symmetric (`HS*`) and `none` are not offered. */
export const JWT_ALGORITHMS = ['EdDSA', 'ES256', 'ES384', 'RS256', 'PS256'] as const;

/** One of `JWT_ALGORITHMS`. */
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/** Where verification keys come from: a public `CryptoKey`, a public JWK, a local JWKS, or `remoteJwks()`. */
export type JwtKeySource = CryptoKey | JWK | JSONWebKeySet | RemoteJwks;

/** Options of `jwtAuthenticator`. */
export interface JwtAuthenticatorOptions extends ClaimMapping {
  /** Verification keys. */
  keys: JwtKeySource;
  /** Accepted `iss` value(s). Required. */
  issuer: string | readonly string[];
  /** Accepted `aud` value(s). Required. */
  audience: string | readonly string[];
  /** Accepted algorithms (default `['EdDSA', 'ES256', 'ES384', 'RS256']`). */
  algorithms?: readonly JwtAlgorithm[];
  /** Clock skew tolerated for `exp`/`nbf`/`iat`, in seconds (default 30, at most 300). */
  clockToleranceSec?: number;
  /** Reject tokens issued longer ago than this (seconds; requires `iat`). */
  maxTokenAgeSec?: number;
  /** Claims that must be present (default `['exp', 'sub']`). */
  requiredClaims?: readonly string[];
  /** Expected `typ` header (e.g. `at+jwt`); unchecked when absent. */
  typ?: string;
  /** Largest token accepted, in characters (default 8192). */
  maxTokenLength?: number;
  /** Custom claims → principal mapping (default `principalFromClaims` with the mapping options). */
  toPrincipal?: (claims: JWTPayload) => Principal;
  /** Clock, for tests (default `Date.now`). */
  now?: () => number;
  /**
   * Cache of verified tokens (exact token string → principal), so a client reusing its token skips the
   * signature check. `exp`/`nbf` are re-checked on every hit; an entry lives at most `ttlMs` (default
   * 60 s: a key removed from the JWKS stops working within that time). `{ maxEntries: 0 }` disables it.
   */
  cache?: { maxEntries?: number; ttlMs?: number };
}

/**
 * Authenticate `Authorization: Bearer <jwt>` requests.
 *
 * @throws ConfigError `invalid_config` when issuer, audience or keys are missing or an algorithm is not offered.
 * @example
 * ```ts
 * const auth = jwtAuthenticator({
 *   keys: remoteJwks('https://login.example/.well-known/jwks.json'),
 *   issuer: 'https://login.example/',
 *   audience: 'mnist-api',
 * });
 * const principal = await auth.authenticate(request); // undefined when no bearer token
 * ```
 */
export function jwtAuthenticator(options: JwtAuthenticatorOptions): Authenticator {
  aobject(options as unknown, 'options');
  const issuer = list(options.issuer, 'issuer');
  const audience = list(options.audience, 'audience');
  const algorithms = [...(options.algorithms ?? ['EdDSA', 'ES256', 'ES384', 'RS256'])];
  for (const alg of algorithms) {
    if (!(JWT_ALGORITHMS as readonly string[]).includes(alg)) {
      throw new ConfigError('invalid_config', 'options.algorithms: only asymmetric JWT algorithms are supported');
    }
  }
  const tolerance = options.clockToleranceSec ?? 30;
  ainteger(tolerance, 'options.clockToleranceSec', { min: 0, max: 300 });
  const maxLength = options.maxTokenLength ?? 8192;
  ainteger(maxLength, 'options.maxTokenLength', { min: 64, max: 65536 });
  const key = keyResolver(options.keys);
  const now = options.now;
  const clock = now ?? Date.now;
  const cacheMax = options.cache?.maxEntries ?? 10_000;
  const cacheTtl = options.cache?.ttlMs ?? 60_000;
  ainteger(cacheMax, 'options.cache.maxEntries', { min: 0 });
  ainteger(cacheTtl, 'options.cache.ttlMs', { min: 0 });
  const cache = new Map<string, { principal: Principal; until: number; exp: number; nbf: number }>();
  const toPrincipal = options.toPrincipal ?? ((claims: JWTPayload) => principalFromClaims(claims, options));

  return {
    name: 'jwt',
    async authenticate(request: Request) {
      const header = request.headers.get('authorization');
      if (header === null) return undefined;
      const match = /^Bearer +([^ ]+) *$/i.exec(header.length <= maxLength + 16 ? header : '');
      if (!match) {
        if (/^bearer\b/i.test(header)) throw invalid('malformed');
        return undefined; // another scheme (e.g. ApiKey): not ours
      }
      const token = match[1] as string;
      const t = clock();
      const hit = cacheMax > 0 ? cache.get(token) : undefined;
      if (hit !== undefined) {
        if (t < hit.until && t < hit.exp + tolerance * 1000 && t >= hit.nbf - tolerance * 1000) {
          return structuredClone(hit.principal);
        }
        cache.delete(token);
      }
      try {
        const { payload } = await jwtVerify(token, key as JWTVerifyGetKey, {
          issuer,
          audience,
          algorithms,
          clockTolerance: tolerance,
          requiredClaims: [...(options.requiredClaims ?? ['exp', 'sub'])],
          ...(options.maxTokenAgeSec !== undefined ? { maxTokenAge: options.maxTokenAgeSec } : {}),
          ...(options.typ !== undefined ? { typ: options.typ } : {}),
          ...(now ? { currentDate: new Date(now()) } : {}),
        });
        const principal: Principal = { ...toPrincipal(payload), via: 'jwt' };
        if (cacheMax > 0 && cacheTtl > 0 && typeof payload.exp === 'number') {
          if (cache.size >= cacheMax) cache.delete(cache.keys().next().value as string); // oldest first
          cache.set(token, {
            principal: structuredClone(principal),
            until: t + cacheTtl,
            exp: payload.exp * 1000,
            nbf: typeof payload.nbf === 'number' ? payload.nbf * 1000 : Number.NEGATIVE_INFINITY,
          });
        }
        return principal;
      } catch (error) {
        throw mapJoseError(error);
      }
    },
  };
}

/**
 * Translate a jose error into a modelsec `AccessError` (modelsec errors pass through unchanged).
 *
 * @example
 * ```ts
 * try { await jwtVerify(token, key); } catch (e) { throw mapJoseError(e); }
 * ```
 */
export function mapJoseError(error: unknown): Error {
  if (isModelSecError(error)) return error as Error;
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return new AccessError('token_expired', 'the token has expired', {
        cause: error,
        details: { reason: 'expired' },
      });
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const claim = String((error as { claim?: unknown }).claim ?? 'unknown').slice(0, 32);
      return new AccessError('token_invalid', `token claim "${claim}" check failed`, {
        cause: error,
        details: { reason: 'claim', claim },
      });
    }
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return invalid('alg_not_allowed', error);
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return invalid('unknown_kid', error);
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return invalid('ambiguous_kid', error);
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return invalid('bad_signature', error);
    case 'ERR_JWKS_TIMEOUT':
      return new AccessError('store_unavailable', 'the token issuer key set is unavailable', {
        cause: error,
        details: { store: 'jwks' },
      });
    default:
      return invalid('malformed', error);
  }
}

function invalid(reason: string, cause?: unknown): AccessError {
  return new AccessError('token_invalid', `the token is invalid (${reason})`, { cause, details: { reason } });
}

function list(value: unknown, label: string): string[] {
  const arr = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(arr) || arr.length === 0 || arr.some((s) => typeof s !== 'string' || s.length === 0)) {
    throw new ConfigError('invalid_config', `options.${label} is required (a string or array of strings)`);
  }
  return arr as string[];
}

function keyResolver(keys: unknown): JWTVerifyGetKey | CryptoKey | JWK {
  if (typeof keys !== 'object' || keys === null) throw new ConfigError('invalid_config', 'options.keys is required');
  if (typeof (keys as RemoteJwks).getKey === 'function') return (keys as RemoteJwks).getKey;
  if (Array.isArray((keys as JSONWebKeySet).keys)) return createLocalJWKSet(keys as JSONWebKeySet);
  const g = globalThis as { CryptoKey?: typeof CryptoKey };
  if (g.CryptoKey && keys instanceof g.CryptoKey) {
    if (keys.type !== 'public') throw new ConfigError('invalid_config', 'options.keys must be a public key');
    return keys;
  }
  const jwk = keys as JWK;
  if (typeof jwk.kty !== 'string') throw new ConfigError('invalid_config', 'options.keys is not a key, JWK or JWKS');
  if (jwk.kty === 'oct' || jwk.d !== undefined) {
    throw new ConfigError('invalid_config', 'options.keys must be a public asymmetric key (no secrets, no oct keys)');
  }
  return jwk;
}
