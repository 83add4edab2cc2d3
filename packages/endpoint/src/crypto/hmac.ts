/**
 * HMAC-SHA-256 on WebCrypto (Node ≥ 20, browsers, workers, edge runtimes) with non-extractable keys.
 * Used for API-key hashes and HMAC-signed audit entries.
 */
import { abytes, ConfigError } from '@modelsec/core';

/** An HMAC key: raw bytes (at least 32) or an HMAC `CryptoKey` that can `sign`. */
export type HmacKeyInput = Uint8Array | CryptoKey;

function subtle(): SubtleCrypto {
  const s = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!s) throw new ConfigError('unsupported_runtime', 'WebCrypto (crypto.subtle) is not available in this runtime');
  return s;
}

/**
 * Import raw key bytes as a non-extractable HMAC-SHA-256 `CryptoKey` (a `CryptoKey` passes through).
 *
 * @throws RangeError when raw bytes are shorter than 32.
 * @example
 * ```ts
 * const key = await importHmacKey(randomBytes(32));
 * ```
 */
export async function importHmacKey(key: HmacKeyInput, label = 'key'): Promise<CryptoKey> {
  const g = globalThis as { CryptoKey?: typeof CryptoKey };
  if (g.CryptoKey && key instanceof g.CryptoKey) {
    const alg = key.algorithm as HmacKeyAlgorithm;
    if (alg.name !== 'HMAC' || alg.hash?.name !== 'SHA-256') {
      throw new ConfigError('invalid_config', `"${label}" must be an HMAC SHA-256 CryptoKey`);
    }
    return key;
  }
  abytes(key, label);
  if (key.length < 32) throw new ConfigError('invalid_config', `"${label}" must be at least 32 bytes`);
  return subtle().importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

/** HMAC-SHA-256 of `data` under an imported key. */
export async function hmacSha256(key: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().sign('HMAC', key, data as Uint8Array<ArrayBuffer>));
}
