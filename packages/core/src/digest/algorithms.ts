/**
 * Hash algorithms modelsec supports and their output sizes.
 */

/** Supported hash algorithms. `blake2b` is BLAKE2b-512 (as Python's `hashlib.blake2b()`), `blake3` has a 32-byte output. */
export const HASH_ALGORITHMS = ['sha256', 'sha384', 'sha512', 'blake2b', 'blake3'] as const;

/** A supported hash algorithm name. */
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

/** Output length in bytes per algorithm. */
export const HASH_OUTPUT_LENGTH: Readonly<Record<HashAlgorithm, number>> = /* @__PURE__ */ Object.freeze({
  sha256: 32,
  sha384: 48,
  sha512: 64,
  blake2b: 64,
  blake3: 32,
});

/** An incremental hash. `update` may be called any number of times, then `digest` once. */
export interface Hasher {
  /** Algorithm of this hasher. */
  readonly algorithm: HashAlgorithm;
  /** Feed bytes; returns this hasher for chaining. */
  update(data: Uint8Array): Hasher;
  /** Finish and return the digest. The hasher cannot be used afterwards. */
  digest(): Uint8Array;
}
