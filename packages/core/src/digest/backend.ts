/**
 * Hash backend for browsers, workers and edge runtimes: @noble/hashes for incremental hashing and
 * WebCrypto `subtle.digest` for one-shot SHA-2 (it runs natively, with SHA extensions where the CPU has them).
 * The Node build replaces this file with `backend.node.ts` (node:crypto).
 */
import { blake2b } from '@noble/hashes/blake2b';
import { blake3 } from '@noble/hashes/blake3';
import { sha256 } from '@noble/hashes/sha256';
import { sha384, sha512 } from '@noble/hashes/sha512';
import type { HashAlgorithm, Hasher } from './algorithms';

/** Name of the active backend, for diagnostics and benchmarks. */
export const backendName = 'noble+webcrypto';

/** Create an incremental hasher. */
export function createBackendHasher(algorithm: HashAlgorithm): Hasher {
  const h =
    algorithm === 'sha256'
      ? sha256.create()
      : algorithm === 'sha384'
        ? sha384.create()
        : algorithm === 'sha512'
          ? sha512.create()
          : algorithm === 'blake2b'
            ? blake2b.create({ dkLen: 64 })
            : blake3.create({});
  const hasher: Hasher = {
    algorithm,
    update(data) {
      h.update(data);
      return hasher;
    },
    digest: () => h.digest(),
  };
  return hasher;
}

const SUBTLE_NAMES: Partial<Record<HashAlgorithm, string>> = {
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};

/** One-shot digest; native WebCrypto for SHA-2 where available. */
export async function backendDigest(algorithm: HashAlgorithm, data: Uint8Array): Promise<Uint8Array> {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  const name = SUBTLE_NAMES[algorithm];
  if (subtle && name) return new Uint8Array(await subtle.digest(name, data as Uint8Array<ArrayBuffer>));
  return createBackendHasher(algorithm).update(data).digest();
}
