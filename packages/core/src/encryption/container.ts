/**
 * Setting up a container's keys and chunk cipher: `sealHeader` writes a new header (fresh data key,
 * nonce prefix, wrapped key, MAC) and `openHeader` unwraps the data key of a parsed header and checks
 * its MAC before a single chunk is read. Shared by the streaming API, the file helpers and rotation.
 */
import { bytesToHex, hexToBytes } from '../bytes/encoding';
import { concatBytes, equalBytes, randomBytes, wipeBytes } from '../bytes/ops';
import { HASH_ALGORITHMS, HASH_OUTPUT_LENGTH, type HashAlgorithm } from '../digest/algorithms';
import { createHasher } from '../digest/digest';
import { ainteger, aobject, aoneOf } from '../errors/asserts';
import { IntegrityError, ModelSecRangeError, ModelSecTypeError } from '../errors/model-sec-error';
import { createChunkCipher } from './cipher';
import type { ChunkCipher } from './cipher-shared';
import {
  CHUNK_LOG2,
  type ContainerHeader,
  checkMetadata,
  ENCRYPTION_ALGORITHMS,
  type EncryptionAlgorithm,
  encodeBoundHeader,
  encodeEnvelope,
  NONCE_PREFIX_LENGTH,
} from './format';
import { checkHeaderMac, DATA_KEY_LENGTH, deriveKeys, headerMac } from './keys';
import type { KeyProvider, WrapContext } from './provider';

/** Options of `encryptModel`, `encryptBytes` and `encryptFile`. */
export interface EncryptOptions {
  /** Wraps the container's data key. */
  keyProvider: KeyProvider;
  /** Chunk cipher (default `aes-256-gcm`). */
  algorithm?: EncryptionAlgorithm;
  /** Plaintext bytes per chunk: a power of two from 64 B to 16 MiB (default 1 MiB). */
  chunkSize?: number;
  /**
   * Authenticated, unencrypted metadata: up to 32 string values. `digest` (`<algorithm>:<hex>`, the
   * plaintext digest, e.g. from a signing manifest) and `size` (decimal byte count) are checked on
   * decryption.
   */
  metadata?: Readonly<Record<string, string>>;
}

/** A new container's header and chunk cipher. */
export interface SealedHeader {
  /** The complete header bytes, to write before the chunks. */
  header: Uint8Array;
  /** Plaintext bytes per chunk. */
  chunkSize: number;
  /** The chunk cipher (keyed; call `dispose()` when done). */
  cipher: ChunkCipher;
}

/** Validate encryption options (labelled TypeError / RangeError on misuse). */
export function checkEncryptOptions(options: EncryptOptions): Required<Omit<EncryptOptions, 'keyProvider'>> {
  aobject(options, 'options');
  checkProvider(options.keyProvider, 'options.keyProvider');
  const algorithm = options.algorithm ?? 'aes-256-gcm';
  aoneOf(algorithm, 'options.algorithm', ENCRYPTION_ALGORITHMS);
  const chunkSize = options.chunkSize ?? 2 ** CHUNK_LOG2.default;
  ainteger(chunkSize, 'options.chunkSize', { min: 2 ** CHUNK_LOG2.min, max: 2 ** CHUNK_LOG2.max });
  if ((chunkSize & (chunkSize - 1)) !== 0) throw new ModelSecRangeError('"options.chunkSize" must be a power of two');
  const metadata = checkMetadata(options.metadata ?? {}, (m) => {
    throw new ModelSecRangeError(`"options.metadata" ${m}`);
  });
  if (metadata.digest !== undefined)
    parseDigest(metadata.digest, (m) => new ModelSecRangeError(`"metadata.digest" ${m}`));
  if (metadata.size !== undefined && !/^(0|[1-9][0-9]{0,15})$/.test(metadata.size)) {
    throw new ModelSecRangeError('"metadata.size" must be a decimal byte count');
  }
  return { algorithm, chunkSize, metadata };
}

/** Check a key provider object. */
export function checkProvider(value: unknown, label: string): asserts value is KeyProvider {
  const p = value as KeyProvider;
  if (typeof p !== 'object' || p === null || typeof p.wrapKey !== 'function' || typeof p.unwrapKey !== 'function') {
    throw new ModelSecTypeError(`"${label}" expected a KeyProvider (rawKeyProvider, passphraseKeyProvider, ...)`);
  }
}

/** Create a container header: fresh data key and nonce prefix, wrapped key, MAC; and its chunk cipher. */
export async function sealHeader(options: EncryptOptions): Promise<SealedHeader> {
  const { algorithm, chunkSize, metadata } = checkEncryptOptions(options);
  const noncePrefix = randomBytes(NONCE_PREFIX_LENGTH[algorithm]);
  const bound = encodeBoundHeader(algorithm, Math.log2(chunkSize), noncePrefix, metadata);
  const context: WrapContext = { containerId: bytesToHex(noncePrefix), boundHeader: bound };
  const provider = options.keyProvider;
  let dataKey: Uint8Array;
  let wrapped: { wrappedKey: Uint8Array; params?: Readonly<Record<string, string | number>>; keyId?: string };
  if (provider.generateDataKey) {
    const g = await provider.generateDataKey(context);
    dataKey = g.dataKey;
    wrapped = g;
  } else {
    dataKey = randomBytes(DATA_KEY_LENGTH);
    wrapped = await provider.wrapKey(dataKey, context);
  }
  if (dataKey.length !== DATA_KEY_LENGTH)
    throw new ModelSecRangeError('key provider returned a data key of the wrong length');
  const header = await finishHeader(bound, dataKey, noncePrefix, provider, wrapped);
  const { payloadKey } = deriveKeys(dataKey, noncePrefix);
  wipeBytes(dataKey);
  return { header, chunkSize, cipher: await createChunkCipher(algorithm, payloadKey, noncePrefix, bound) };
}

/** Append the envelope and MAC to a bound header. Does not wipe `dataKey`. */
export async function finishHeader(
  bound: Uint8Array,
  dataKey: Uint8Array,
  noncePrefix: Uint8Array,
  provider: KeyProvider,
  wrapped: { wrappedKey: Uint8Array; params?: Readonly<Record<string, string | number>>; keyId?: string },
): Promise<Uint8Array> {
  const envelope = encodeEnvelope({
    keyId: wrapped.keyId ?? provider.keyId,
    provider: provider.kind,
    wrappedKey: wrapped.wrappedKey,
    params: wrapped.params ?? {},
  });
  const { macKey, payloadKey } = deriveKeys(dataKey, noncePrefix);
  wipeBytes(payloadKey);
  const macInput = concatBytes(bound, envelope);
  const mac = headerMac(macKey, macInput);
  wipeBytes(macKey);
  return concatBytes(macInput, mac);
}

/**
 * Unwrap a parsed header's data key with `provider` and check the header MAC. Returns the data key
 * (the caller wipes it).
 *
 * @throws IntegrityError `key_mismatch` (wrong key) or `tampered` (header edited).
 */
export async function unwrapDataKey(header: ContainerHeader, provider: KeyProvider): Promise<Uint8Array> {
  checkProvider(provider, 'keyProvider');
  const context: WrapContext = { containerId: bytesToHex(header.noncePrefix), boundHeader: header.bound };
  const dataKey = await provider.unwrapKey(header.envelope, context);
  if (dataKey.length !== DATA_KEY_LENGTH) {
    wipeBytes(dataKey);
    throw new IntegrityError('key_mismatch', 'the unwrapped data key has the wrong length');
  }
  const { macKey, payloadKey } = deriveKeys(dataKey, header.noncePrefix);
  wipeBytes(payloadKey);
  try {
    checkHeaderMac(macKey, header.macInput, header.mac);
  } catch (error) {
    wipeBytes(dataKey);
    throw error;
  }
  return dataKey;
}

/** Unwrap, check the MAC and key the chunk cipher of a parsed header. */
export async function openHeader(header: ContainerHeader, provider: KeyProvider): Promise<ChunkCipher> {
  const dataKey = await unwrapDataKey(header, provider);
  const { payloadKey, macKey } = deriveKeys(dataKey, header.noncePrefix);
  wipeBytes(dataKey, macKey);
  return createChunkCipher(header.algorithm, payloadKey, header.noncePrefix, header.bound);
}

/** Checks the plaintext against the header's `digest` and `size` metadata while it streams by. */
export interface PlaintextCheck {
  /** True when the check hashes the plaintext (the header has a `digest` and `verifyDigest` is on). */
  readonly hashing: boolean;
  /** Feed the next plaintext chunk. */
  update(chunk: Uint8Array): void;
  /** Count `length` plaintext bytes without hashing them (only when `hashing` is false). */
  skip(length: number): void;
  /**
   * Call before releasing the last chunk.
   *
   * @throws IntegrityError `digest_mismatch`.
   */
  finish(): void;
}

/** Build the plaintext check of a header (a no-op without `digest`/`size`, or when `verifyDigest` is false). */
export function plaintextCheck(metadata: Readonly<Record<string, string>>, verifyDigest: boolean): PlaintextCheck {
  const size = metadata.size === undefined ? undefined : Number(metadata.size);
  const d = verifyDigest && metadata.digest !== undefined ? parseDigest(metadata.digest, digestError) : undefined;
  const hasher = d ? createHasher(d.algorithm) : undefined;
  let total = 0;
  return {
    hashing: hasher !== undefined,
    update(chunk) {
      total += chunk.length;
      hasher?.update(chunk);
    },
    skip(length) {
      if (hasher) throw new ModelSecRangeError('skip() would leave plaintext out of the digest');
      total += length;
    },
    finish() {
      if (size !== undefined && total !== size) {
        throw new IntegrityError('digest_mismatch', 'decrypted size differs from the size in the header');
      }
      if (hasher && d && !equalBytes(hasher.digest(), d.value)) {
        throw new IntegrityError('digest_mismatch', 'decrypted model does not match the digest in the header');
      }
    },
  };
}

/** Parse `<algorithm>:<hex>`. */
export function parseDigest(
  text: string,
  error: (message: string) => Error,
): { algorithm: HashAlgorithm; value: Uint8Array } {
  const i = text.indexOf(':');
  const algorithm = text.slice(0, i) as HashAlgorithm;
  if (i < 0 || !HASH_ALGORITHMS.includes(algorithm)) throw error(`must be <${HASH_ALGORITHMS.join('|')}>:<hex>`);
  const hex = text.slice(i + 1);
  if (!/^[0-9a-f]*$/.test(hex) || hex.length !== 2 * HASH_OUTPUT_LENGTH[algorithm]) {
    throw error('must have a lower-case hex value of the algorithm output length');
  }
  return { algorithm, value: hexToBytes(hex) };
}

function digestError(message: string): Error {
  return new IntegrityError('unsupported_algorithm', `header digest ${message}`);
}
