/**
 * `digest()`, `createHasher()` and `digestStream()`: one hashing API over node:crypto in Node and
 * WebCrypto / @noble/hashes everywhere else (selected by the `node` export condition).
 */
import { utf8ToBytes } from '../bytes/encoding';
import { aoneOf, isBytes } from '../errors/asserts';
import { describeValue } from '../errors/describe';
import { ModelSecTypeError } from '../errors/model-sec-error';
import { HASH_ALGORITHMS, type HashAlgorithm, type Hasher } from './algorithms';
import { backendDigest, createBackendHasher } from './backend';

/** Data accepted by `digest()`: bytes, or a string hashed as UTF-8. */
export type DigestInput = Uint8Array | string;

/** Byte sources accepted by `digestStream()`. */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Iterable<Uint8Array> | Blob;

/**
 * Hash `data` in one shot.
 *
 * @param algorithm - `sha256`, `sha384`, `sha512`, `blake2b` (512-bit) or `blake3`.
 * @param data - bytes, or a string (hashed as UTF-8).
 * @returns the digest bytes.
 * @throws ModelSecTypeError / ModelSecRangeError on a bad algorithm or data type.
 * @example
 * ```ts
 * bytesToHex(await digest('sha256', 'abc'));
 * // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 * ```
 */
export async function digest(algorithm: HashAlgorithm, data: DigestInput): Promise<Uint8Array> {
  aoneOf(algorithm, 'algorithm', HASH_ALGORITHMS);
  return backendDigest(algorithm, toBytes(data));
}

/**
 * Create an incremental, synchronous hasher.
 *
 * @example
 * ```ts
 * const h = createHasher('blake3');
 * h.update(part1).update(part2);
 * const d = h.digest();
 * ```
 */
export function createHasher(algorithm: HashAlgorithm): Hasher {
  aoneOf(algorithm, 'algorithm', HASH_ALGORITHMS);
  return createBackendHasher(algorithm);
}

/**
 * Hash a stream of bytes incrementally in constant memory: a WHATWG `ReadableStream`, an (async)
 * iterable of chunks (Node streams are async iterables), or a `Blob`/`File`.
 *
 * @example
 * ```ts
 * const d = await digestStream('sha256', file); // File from an <input type=file>
 * ```
 */
export async function digestStream(algorithm: HashAlgorithm, source: ByteSource): Promise<Uint8Array> {
  const hasher = createHasher(algorithm);
  for await (const chunk of iterateBytes(source)) hasher.update(chunk);
  return hasher.digest();
}

/**
 * Iterate the chunks of any byte source, checking each chunk is a `Uint8Array`.
 *
 * @example
 * ```ts
 * for await (const chunk of iterateBytes(blob)) total += chunk.length;
 * ```
 */
export async function* iterateBytes(source: ByteSource): AsyncGenerator<Uint8Array> {
  let iterable: AsyncIterable<unknown> | Iterable<unknown>;
  if (typeof Blob !== 'undefined' && source instanceof Blob) iterable = streamIterable(source.stream());
  else if (isReadableStream(source)) iterable = streamIterable(source);
  else if (source && (Symbol.asyncIterator in Object(source) || Symbol.iterator in Object(source)))
    iterable = source as AsyncIterable<unknown>;
  else throw new ModelSecTypeError(`"source" expected ReadableStream, Blob or iterable, got ${describeValue(source)}`);
  for await (const chunk of iterable) {
    if (!isBytes(chunk)) throw new ModelSecTypeError(`stream chunk expected Uint8Array, got ${describeValue(chunk)}`);
    yield chunk;
  }
}

function isReadableStream(x: unknown): x is ReadableStream<Uint8Array> {
  return typeof (x as ReadableStream | undefined)?.getReader === 'function';
}

async function* streamIterable(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // Stopped early (error or break): cancel so the source can release its resources.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function toBytes(data: DigestInput): Uint8Array {
  if (typeof data === 'string') return utf8ToBytes(data);
  if (isBytes(data)) return data;
  throw new ModelSecTypeError(`"data" expected Uint8Array or string, got ${describeValue(data)}`);
}
