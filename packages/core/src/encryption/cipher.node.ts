/**
 * Chunk cipher backend for Node.js: AES-256-GCM through node:crypto (OpenSSL, with AES-NI and
 * PCLMULQDQ), keyed by a `KeyObject` held in native memory (the raw key bytes are wiped once imported);
 * XChaCha20-Poly1305 through @noble/ciphers.
 */
import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import { wipeBytes } from '../bytes/ops';
import { ConfigError } from '../errors/model-sec-error';
import { type ChunkCipher, chunkAuthFailure, chunkNonce, xchachaCipher } from './cipher-shared';
import type { EncryptionAlgorithm } from './format';

/** Name of the active chunk cipher backend, for diagnostics and benchmarks. */
export const cipherBackend = 'node:crypto+noble';

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
  const key: KeyObject = createSecretKey(payloadKey);
  wipeBytes(payloadKey);
  return {
    async seal(index, last, plaintext) {
      const c = createCipheriv('aes-256-gcm', key, chunkNonce(noncePrefix, index, last), { authTagLength: 16 });
      c.setAAD(ad);
      // Pieces keep each output allocation small (malloc free lists, not fresh pages).
      const parts: Uint8Array[] = [];
      for (let q = 0; q < plaintext.length; q += PIECE) {
        parts.push(plain(c.update(plaintext.subarray(q, Math.min(q + PIECE, plaintext.length)))));
      }
      c.final();
      parts.push(plain(c.getAuthTag()));
      return parts;
    },
    async open(index, last, sealed) {
      if (sealed.length < 16) throw chunkAuthFailure(index);
      const d = createDecipheriv('aes-256-gcm', key, chunkNonce(noncePrefix, index, last), { authTagLength: 16 });
      d.setAAD(ad);
      d.setAuthTag(sealed.subarray(sealed.length - 16));
      const pt = d.update(sealed.subarray(0, sealed.length - 16));
      try {
        d.final();
      } catch (cause) {
        wipeBytes(pt);
        throw chunkAuthFailure(index, cause);
      }
      return plain(pt);
    },
    dispose() {},
    threadable: { key, noncePrefix: noncePrefix.slice(), ad: ad.slice() },
  };
}

const PIECE = 256 * 1024;

// A plain Uint8Array view of a Buffer (no copy), so callers never see Node's Buffer type.
function plain(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/** WebCrypto's `subtle` (Node's `globalThis.crypto.subtle`). */
export function getSubtle(): SubtleCrypto {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!subtle) throw new ConfigError('unsupported_runtime', 'WebCrypto (crypto.subtle) is not available');
  return subtle;
}
