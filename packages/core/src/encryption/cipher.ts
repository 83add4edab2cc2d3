/**
 * Chunk cipher backend for browsers, workers and edge runtimes: AES-256-GCM through WebCrypto with a
 * non-extractable `CryptoKey` (the raw key bytes are wiped once imported), XChaCha20-Poly1305 through
 * @noble/ciphers. The Node build replaces this file with `cipher.node.ts` (node:crypto).
 */
import { wipeBytes } from '../bytes/ops';
import { ConfigError } from '../errors/model-sec-error';
import { type ChunkCipher, chunkAuthFailure, chunkNonce, xchachaCipher } from './cipher-shared';
import type { EncryptionAlgorithm } from './format';

/** Name of the active chunk cipher backend, for diagnostics and benchmarks. */
export const cipherBackend = 'webcrypto+noble';

/**
 * Create the chunk cipher of one container. Wipes `payloadKey`.
 *
 * @example
 * ```ts
 * const c = await createChunkCipher('aes-256-gcm', key, prefix, boundHeader);
 * ```
 */
export async function createChunkCipher(
  algorithm: EncryptionAlgorithm,
  payloadKey: Uint8Array,
  noncePrefix: Uint8Array,
  ad: Uint8Array,
): Promise<ChunkCipher> {
  if (algorithm === 'xchacha20-poly1305') {
    const c = xchachaCipher(payloadKey, noncePrefix, ad);
    wipeBytes(payloadKey);
    return c;
  }
  const subtle = getSubtle();
  const key = await subtle.importKey('raw', payloadKey as Uint8Array<ArrayBuffer>, 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  wipeBytes(payloadKey);
  const additionalData = ad as Uint8Array<ArrayBuffer>;
  const params = (index: number, last: boolean): AesGcmParams => ({
    name: 'AES-GCM',
    iv: chunkNonce(noncePrefix, index, last) as Uint8Array<ArrayBuffer>,
    additionalData,
    tagLength: 128,
  });
  return {
    async seal(index, last, plaintext) {
      return [new Uint8Array(await subtle.encrypt(params(index, last), key, plaintext as Uint8Array<ArrayBuffer>))];
    },
    async open(index, last, sealed) {
      try {
        return new Uint8Array(await subtle.decrypt(params(index, last), key, sealed as Uint8Array<ArrayBuffer>));
      } catch (cause) {
        throw chunkAuthFailure(index, cause);
      }
    },
    dispose() {},
  };
}

/** WebCrypto's `subtle`, or a ConfigError where the runtime has none (insecure browser context). */
export function getSubtle(): SubtleCrypto {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!subtle) {
    throw new ConfigError('unsupported_runtime', 'WebCrypto (crypto.subtle) is not available in this runtime');
  }
  return subtle;
}
