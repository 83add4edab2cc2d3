/**
 * Streaming encryption and decryption: `ReadableStream` (or any byte source) in, `ReadableStream` out,
 * in constant memory (one chunk at a time). Decryption releases a chunk only after its tag verified,
 * and the last chunk only after the end of the input and the header's digest/size checked out, so no
 * plaintext of any chunk after the first bad one ever leaves this module.
 */
import { type ByteSource, iterateBytes } from '../digest/digest';
import { aboolean, aobject, isBytes } from '../errors/asserts';
import { describeValue } from '../errors/describe';
import { ModelSecTypeError } from '../errors/model-sec-error';
import { chunkAuthFailure } from './cipher-shared';
import {
  checkEncryptOptions,
  checkProvider,
  type EncryptOptions,
  openHeader,
  plaintextCheck,
  sealHeader,
} from './container';
import { type ContainerHeader, type EncryptionAlgorithm, MAX_CHUNKS, parseHeader, TAG_LENGTH } from './format';
import type { KeyProvider } from './provider';
import { ByteReader } from './reader';

/** Byte sources the encryption API reads: a stream, a `Blob`, an (async) iterable of chunks, or bytes. */
export type EncryptionSource = ByteSource | Uint8Array;

/** Options of `decryptModel`, `decryptBytes` and `decryptFile`. */
export interface DecryptOptions {
  /** Unwraps the container's data key. */
  keyProvider: KeyProvider;
  /** Check the plaintext against the header's `digest` metadata, when present (default true). */
  verifyDigest?: boolean;
  /** Called with the authenticated header, after its MAC checked out and before any chunk is opened. */
  onHeader?: (info: ContainerInfo) => void | Promise<void>;
}

/** What a container header says (authenticated when it comes from a decryption, not from `inspectContainer`). */
export interface ContainerInfo {
  /** Format version. */
  version: number;
  /** Chunk cipher. */
  algorithm: EncryptionAlgorithm;
  /** Plaintext bytes per chunk. */
  chunkSize: number;
  /** Header metadata (`digest`, `size`, and the caller's own entries). */
  metadata: Readonly<Record<string, string>>;
  /** Key id recorded by the key provider. */
  keyId: string;
  /** Key provider kind (`kek`, `passphrase`, `aws-kms`, `azure-keyvault`, ...). */
  provider: string;
  /** Header length in bytes. */
  headerLength: number;
}

/**
 * Encrypt a model stream into a container stream.
 *
 * @throws ModelSecTypeError / ModelSecRangeError at once on bad options; stream errors otherwise.
 * @example
 * ```ts
 * const keyProvider = rawKeyProvider(kek);
 * const encrypted = encryptModel(file.stream(), { keyProvider });
 * await encrypted.pipeTo(writable);
 * ```
 */
export function encryptModel(source: EncryptionSource, options: EncryptOptions): ReadableStream<Uint8Array> {
  checkEncryptOptions(options);
  const chunks = byteSource(source);
  return toStream(encryptChunks(chunks, options));
}

/**
 * Decrypt a container stream. Every chunk the returned stream yields has been authenticated; on any
 * tampering, truncation, reordering or wrong key the stream errors with an `IntegrityError` and yields
 * nothing more.
 *
 * @example
 * ```ts
 * const plain = decryptModel(response.body, { keyProvider });
 * for await (const chunk of plain) hasher.update(chunk);
 * ```
 */
export function decryptModel(source: EncryptionSource, options: DecryptOptions): ReadableStream<Uint8Array> {
  checkDecryptOptions(options);
  return toStream(decryptChunks(byteSource(source), options));
}

/**
 * Encrypt bytes in memory.
 *
 * @example
 * ```ts
 * const container = await encryptBytes(modelBytes, { keyProvider, metadata: { name: 'mnist' } });
 * ```
 */
export async function encryptBytes(data: Uint8Array, options: EncryptOptions): Promise<Uint8Array> {
  if (!isBytes(data)) throw new ModelSecTypeError(`"data" expected Uint8Array, got ${describeValue(data)}`);
  return collect(encryptModel(data, options), 0);
}

/**
 * Decrypt a container into memory. Nothing is returned unless the whole container authenticates.
 *
 * @throws IntegrityError on any tampering or a wrong key.
 * @example
 * ```ts
 * const model = await decryptBytes(container, { keyProvider });
 * ```
 */
export async function decryptBytes(container: EncryptionSource, options: DecryptOptions): Promise<Uint8Array> {
  let size = 0;
  const onHeader = options?.onHeader;
  const sized: DecryptOptions = {
    ...options,
    onHeader(info) {
      // Preallocate when the authenticated size fits in the container we were given.
      const s = Number(info.metadata.size ?? 0);
      if (isBytes(container) && s <= container.length) size = s;
      return onHeader?.(info);
    },
  };
  return collect(decryptModel(container, sized), () => size);
}

/**
 * Read a container's header WITHOUT a key. Nothing in it is authenticated: use it to pick a key
 * provider or show metadata, never to make a security decision.
 *
 * @throws IntegrityError `container_malformed` when the input is not a container.
 * @example
 * ```ts
 * const { keyId, provider, metadata } = await inspectContainer(file);
 * ```
 */
export async function inspectContainer(source: EncryptionSource): Promise<ContainerInfo> {
  const reader = new ByteReader(byteSource(source));
  try {
    return containerInfo(await parseHeader((n) => reader.read(n)));
  } finally {
    await reader.cancel();
  }
}

/** The public description of a parsed header. */
export function containerInfo(header: ContainerHeader): ContainerInfo {
  return {
    version: header.version,
    algorithm: header.algorithm,
    chunkSize: header.chunkSize,
    metadata: header.metadata,
    keyId: header.envelope.keyId,
    provider: header.envelope.provider,
    headerLength: header.length,
  };
}

/** Validate decryption options. */
export function checkDecryptOptions(options: DecryptOptions): void {
  aobject(options, 'options');
  checkProvider(options.keyProvider, 'options.keyProvider');
  if (options.verifyDigest !== undefined) aboolean(options.verifyDigest, 'options.verifyDigest');
  if (options.onHeader !== undefined && typeof options.onHeader !== 'function') {
    throw new ModelSecTypeError(`"options.onHeader" expected function, got ${describeValue(options.onHeader)}`);
  }
}

async function* encryptChunks(source: AsyncIterable<Uint8Array>, options: EncryptOptions): AsyncGenerator<Uint8Array> {
  const { header, chunkSize, cipher } = await sealHeader(options);
  const reader = new ByteReader(source);
  try {
    yield header;
    for (let index = 0; ; index++) {
      const plain = await reader.read(chunkSize);
      const last = plain.length < chunkSize || (await reader.atEnd());
      if (index >= MAX_CHUNKS) throw new ModelSecTypeError('input too large for one container (2^32 chunks)');
      yield* await cipher.seal(index, last, plain);
      if (last) return;
    }
  } finally {
    cipher.dispose();
    await reader.cancel();
  }
}

async function* decryptChunks(source: AsyncIterable<Uint8Array>, options: DecryptOptions): AsyncGenerator<Uint8Array> {
  const reader = new ByteReader(source);
  try {
    const header = await parseHeader((n) => reader.read(n));
    const cipher = await openHeader(header, options.keyProvider);
    try {
      await options.onHeader?.(containerInfo(header));
      const check = plaintextCheck(header.metadata, options.verifyDigest ?? true);
      const record = header.chunkSize + TAG_LENGTH;
      for (let index = 0; ; index++) {
        const sealed = await reader.read(record);
        const last = sealed.length < record || (await reader.atEnd());
        if (sealed.length < TAG_LENGTH || index >= MAX_CHUNKS) throw chunkAuthFailure(index);
        const plain = await cipher.open(index, last, sealed);
        check.update(plain);
        if (last) check.finish();
        yield plain;
        if (last) return;
      }
    } finally {
      cipher.dispose();
    }
  } finally {
    await reader.cancel();
  }
}

function byteSource(source: EncryptionSource): AsyncIterable<Uint8Array> {
  return iterateBytes(isBytes(source) ? [source] : source);
}

function toStream(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>, size: number | (() => number)): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  let out: Uint8Array | undefined;
  let filled = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total === 0 && out === undefined) {
      const n = typeof size === 'function' ? size() : size;
      if (n > 0) out = new Uint8Array(n);
    }
    if (out && parts.length === 0 && filled + value.length <= out.length) {
      out.set(value, filled);
      filled += value.length;
    } else parts.push(value);
    total += value.length;
  }
  if (out && filled === total && total === out.length) return out;
  if (out) parts.unshift(out.subarray(0, filled));
  const result = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    result.set(p, o);
    o += p.length;
  }
  return result;
}
