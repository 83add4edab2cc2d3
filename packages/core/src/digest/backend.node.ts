/**
 * Hash backend for Node.js: node:crypto (OpenSSL, with SHA extensions where the CPU has them) for
 * SHA-2 and BLAKE2b; @noble/hashes for BLAKE3, which OpenSSL lacks.
 */
import { createHash } from 'node:crypto';
import { blake3 } from '@noble/hashes/blake3';
import type { HashAlgorithm, Hasher } from './algorithms';

/** Name of the active backend, for diagnostics and benchmarks. */
export const backendName = 'node:crypto';

const NODE_NAMES: Partial<Record<HashAlgorithm, string>> = {
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  blake2b: 'blake2b512',
};

/** Create an incremental hasher. */
export function createBackendHasher(algorithm: HashAlgorithm): Hasher {
  const name = NODE_NAMES[algorithm];
  if (name) {
    const h = createHash(name);
    const hasher: Hasher = {
      algorithm,
      update(data) {
        h.update(data);
        return hasher;
      },
      digest: () => new Uint8Array(h.digest()),
    };
    return hasher;
  }
  const b = blake3.create({});
  const hasher: Hasher = {
    algorithm,
    update(data) {
      b.update(data);
      return hasher;
    },
    digest: () => b.digest(),
  };
  return hasher;
}

/** One-shot digest. */
export async function backendDigest(algorithm: HashAlgorithm, data: Uint8Array): Promise<Uint8Array> {
  return createBackendHasher(algorithm).update(data).digest();
}
