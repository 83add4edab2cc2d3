/** Digests. */
export { HASH_ALGORITHMS, HASH_OUTPUT_LENGTH, type HashAlgorithm, type Hasher } from './algorithms';
export { backendName as hashBackend } from './backend';
export { type ByteSource, createHasher, type DigestInput, digest, digestStream, iterateBytes } from './digest';
