/**
 * Pieces of the STREAM chunk cipher shared by the universal (WebCrypto) and Node (node:crypto)
 * backends: the nonce layout, the authentication-failure error, and XChaCha20-Poly1305 from
 * @noble/ciphers (which neither WebCrypto nor OpenSSL offers).
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha';
import { wipeBytes } from '../bytes/ops';
import { IntegrityError } from '../errors/model-sec-error';

/** Seals and opens the chunks of one container. */
export interface ChunkCipher {
  /** Encrypt chunk `index`; returns the sealed record as parts to write in order (ciphertext, tag). */
  seal(index: number, last: boolean, plaintext: Uint8Array): Promise<Uint8Array[]>;
  /**
   * Decrypt and authenticate chunk `index` (ciphertext || tag). Returns plaintext only when the tag
   * checks out.
   *
   * @throws IntegrityError `decryption_failed`.
   */
  open(index: number, last: boolean, sealed: Uint8Array): Promise<Uint8Array>;
  /** Forget the key (best effort). */
  dispose(): void;
  /**
   * Node's AES-256-GCM cipher only: what a worker thread needs to seal and open this container's
   * chunks itself. `key` is a node:crypto `KeyObject`, which `postMessage` clones without exposing
   * its bytes. Undefined for WebCrypto and XChaCha20-Poly1305.
   */
  readonly threadable?: { key: unknown; noncePrefix: Uint8Array; ad: Uint8Array };
}

/** The STREAM nonce of chunk `index`: prefix || u32 BE index || last-chunk flag (0 or 1). */
export function chunkNonce(prefix: Uint8Array, index: number, last: boolean): Uint8Array {
  const n = new Uint8Array(prefix.length + 5);
  n.set(prefix);
  const o = prefix.length;
  n[o] = index >>> 24;
  n[o + 1] = (index >>> 16) & 0xff;
  n[o + 2] = (index >>> 8) & 0xff;
  n[o + 3] = index & 0xff;
  n[o + 4] = last ? 1 : 0;
  return n;
}

/** The error for a chunk whose tag does not verify (tampered, reordered, truncated or wrong key). */
export function chunkAuthFailure(index: number, cause?: unknown): IntegrityError {
  return new IntegrityError('decryption_failed', `chunk ${index} failed authentication`, {
    details: { chunk: index },
    cause,
  });
}

/** XChaCha20-Poly1305 chunk cipher (@noble/ciphers); the same in every runtime. */
export function xchachaCipher(key: Uint8Array, prefix: Uint8Array, ad: Uint8Array): ChunkCipher {
  const k = key.slice();
  return {
    async seal(index, last, plaintext) {
      return [xchacha20poly1305(k, chunkNonce(prefix, index, last), ad).encrypt(plaintext)];
    },
    async open(index, last, sealed) {
      try {
        return xchacha20poly1305(k, chunkNonce(prefix, index, last), ad).decrypt(sealed);
      } catch (cause) {
        throw chunkAuthFailure(index, cause);
      }
    },
    dispose: () => wipeBytes(k),
  };
}
