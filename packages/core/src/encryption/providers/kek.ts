/**
 * Local key-encryption-key providers: a raw 32-byte key, or a WebCrypto AES-GCM `CryptoKey` (which
 * may be non-extractable, so the key never enters JavaScript memory). Both write provider kind `kek`
 * and interoperate: a container wrapped with the raw bytes opens with the same key as a `CryptoKey`.
 */
import { abytes, aobject, astring } from '../../errors/asserts';
import { describeValue } from '../../errors/describe';
import { ModelSecRangeError, ModelSecTypeError } from '../../errors/model-sec-error';
import { getSubtle } from '../cipher';
import { aesUnwrap, aesWrap, expectKind, type KeyProvider } from '../provider';

/** Options of the local key providers. */
export interface KekProviderOptions {
  /** Key id to record in the header (not secret; default `"local"`). */
  keyId?: string;
}

/**
 * A key provider from a raw 32-byte key-encryption key. The bytes are imported once into a
 * non-extractable WebCrypto key and the provider's copy is wiped.
 *
 * @param key - 32 random bytes (keep them in a secret store).
 * @example
 * ```ts
 * const keyProvider = rawKeyProvider(kek, { keyId: 'models-2026' });
 * const container = await encryptBytes(modelBytes, { keyProvider });
 * ```
 */
export function rawKeyProvider(key: Uint8Array, options: KekProviderOptions = {}): KeyProvider {
  abytes(key, 'key', 32);
  const copy = key.slice();
  let imported: Promise<CryptoKey> | undefined;
  const kek = () => {
    imported ??= getSubtle()
      .importKey('raw', copy, 'AES-GCM', false, ['encrypt', 'decrypt'])
      .finally(() => copy.fill(0));
    return imported;
  };
  return kekProvider(kek, options);
}

/**
 * A key provider from a WebCrypto AES-GCM 256-bit `CryptoKey` with `encrypt` and `decrypt` usages;
 * make it non-extractable so the key cannot be read back out.
 *
 * @example
 * ```ts
 * const kek = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
 * const keyProvider = cryptoKeyProvider(kek, { keyId: 'browser-session' });
 * ```
 */
export function cryptoKeyProvider(key: CryptoKey, options: KekProviderOptions = {}): KeyProvider {
  const alg = (key as { algorithm?: { name?: unknown; length?: unknown } } | undefined)?.algorithm;
  if (typeof alg !== 'object' || alg === null || typeof (key as CryptoKey).usages !== 'object') {
    throw new ModelSecTypeError(`"key" expected CryptoKey, got ${describeValue(key)}`);
  }
  if (alg.name !== 'AES-GCM' || alg.length !== 256) {
    throw new ModelSecRangeError('"key" expected an AES-GCM CryptoKey of length 256');
  }
  if (!key.usages.includes('encrypt') || !key.usages.includes('decrypt')) {
    throw new ModelSecRangeError('"key" expected a CryptoKey with usages encrypt and decrypt');
  }
  return kekProvider(() => Promise.resolve(key), options);
}

function kekProvider(kek: () => Promise<CryptoKey>, options: KekProviderOptions): KeyProvider {
  aobject(options, 'options');
  const keyId = options.keyId ?? 'local';
  astring(keyId, 'options.keyId');
  return {
    kind: 'kek',
    keyId,
    async wrapKey(dataKey, context) {
      return { wrappedKey: await aesWrap(await kek(), dataKey, context) };
    },
    async unwrapKey(envelope, context) {
      expectKind(envelope, 'kek');
      return aesUnwrap(await kek(), envelope.wrappedKey, context);
    },
  };
}
