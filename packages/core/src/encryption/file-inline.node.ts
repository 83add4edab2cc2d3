/**
 * The calling-thread path of the Node file helpers (small files, XChaCha20-Poly1305, `threads: 0`):
 * blocks of whole chunks read ahead asynchronously while the previous block is sealed or opened, and
 * written behind. Also the plaintext hashing pass and small positional reads.
 */
import type { FileHandle } from 'node:fs/promises';
import type { HashAlgorithm } from '../digest/algorithms';
import { createHasher } from '../digest/digest';
import { type ChunkCipher, chunkAuthFailure } from './cipher-shared';
import type { PlaintextCheck } from './container';
import { changedError } from './file-workers.node.js';
import { TAG_LENGTH } from './format';

/** Bytes read per block on the calling thread. */
export const BLOCK = 4 * 2 ** 20;

/**
 * Write `header` then seal `size` bytes of `src` into `out`, chunk by chunk.
 *
 * @example
 * ```ts
 * await sealHere(src, out, header, cipher, size, chunkSize);
 * ```
 */
export async function sealHere(
  src: FileHandle,
  out: FileHandle,
  header: Uint8Array,
  cipher: ChunkCipher,
  size: number,
  chunkSize: number,
): Promise<void> {
  const chunks = Math.max(1, Math.ceil(size / chunkSize));
  const block = Math.max(chunkSize, Math.floor(BLOCK / chunkSize) * chunkSize);
  let write: Promise<unknown> = out.write(header);
  let index = 0;
  for await (const data of readBlocks(src, 0, size, block)) {
    // Blocks hold whole chunks; only the final block may end in a short (or, for an empty file, empty) chunk.
    const parts: Uint8Array[] = [];
    const count = Math.max(1, Math.ceil(data.length / chunkSize));
    for (let k = 0; k < count; k++) {
      const plain = data.subarray(k * chunkSize, Math.min((k + 1) * chunkSize, data.length));
      for (const p of await cipher.seal(index, index === chunks - 1, plain)) parts.push(p);
      index++;
    }
    await write;
    write = out.writev(parts);
  }
  await write;
  if (index !== chunks) throw changedError();
}

/**
 * Open the `records` sealed records found at `start` (`length` bytes) of `src` into `out`, checking
 * each chunk's tag before it is written and the plaintext digest before the last one is.
 *
 * @example
 * ```ts
 * await openHere(src, out, header.length, rest, cipher, header.chunkSize, records, check);
 * ```
 */
export async function openHere(
  src: FileHandle,
  out: FileHandle,
  start: number,
  length: number,
  cipher: ChunkCipher,
  chunkSize: number,
  records: number,
  check: PlaintextCheck,
): Promise<void> {
  const record = chunkSize + TAG_LENGTH;
  const block = Math.max(record, Math.floor(BLOCK / record) * record);
  let index = 0;
  let write: Promise<unknown> = Promise.resolve();
  for await (const data of readBlocks(src, start, length, block)) {
    const parts: Uint8Array[] = [];
    for (let off = 0; off < data.length; off += record) {
      const sealed = data.subarray(off, Math.min(off + record, data.length));
      const last = index === records - 1;
      if (sealed.length < TAG_LENGTH) throw chunkAuthFailure(index);
      const plain = await cipher.open(index, last, sealed);
      check.update(plain);
      if (last) check.finish();
      parts.push(plain);
      index++;
    }
    await write;
    write = out.writev(parts);
  }
  await write;
  if (index !== records) throw chunkAuthFailure(index);
}

/**
 * Yield `length` bytes from `start` in blocks, reading the next block while the caller works on this
 * one; an empty range yields one empty block. Throws `truncated_input` if the file is shorter, or
 * longer, than `start + length`.
 *
 * @example
 * ```ts
 * for await (const block of readBlocks(fh, 0, size, BLOCK)) hasher.update(block);
 * ```
 */
export async function* readBlocks(
  fh: FileHandle,
  start: number,
  length: number,
  block: number,
): AsyncGenerator<Uint8Array> {
  const buffers = [Buffer.allocUnsafe(Math.min(block, length)), Buffer.allocUnsafe(Math.min(block, length))];
  let pos = 0;
  const readInto = async (i: number, at: number): Promise<Uint8Array> => {
    const want = Math.min(block, length - at);
    const buf = buffers[i] as Buffer;
    let got = 0;
    while (got < want) {
      const { bytesRead } = await fh.read(buf, got, want - got, start + at + got);
      if (bytesRead === 0) throw changedError();
      got += bytesRead;
    }
    return buf.subarray(0, want);
  };
  if (length === 0) {
    yield new Uint8Array(0);
    return;
  }
  let turn = 0;
  let pending = readInto(turn, 0);
  while (pos < length) {
    const data = await pending;
    pos += data.length;
    turn ^= 1;
    if (pos < length) pending = readInto(turn, pos);
    yield data;
  }
  const extra = await fh.read(Buffer.alloc(1), 0, 1, start + length);
  if (extra.bytesRead !== 0) throw changedError();
}

/**
 * Hash the first `size` bytes of a file on the calling thread (any algorithm, BLAKE3 included).
 *
 * @example
 * ```ts
 * const digest = await hashFile(fh, size, 'sha256');
 * ```
 */
export async function hashFile(fh: FileHandle, size: number, algorithm: HashAlgorithm): Promise<Uint8Array> {
  const hasher = createHasher(algorithm);
  for await (const data of readBlocks(fh, 0, size, BLOCK)) hasher.update(data);
  return hasher.digest();
}

/**
 * Read up to `n` bytes at `position` (fewer only at the end of the file).
 *
 * @example
 * ```ts
 * const magic = await readAt(fh, 0, 8);
 * ```
 */
export async function readAt(fh: FileHandle, position: number, n: number): Promise<Uint8Array> {
  const buf = Buffer.alloc(n);
  let got = 0;
  while (got < n) {
    const { bytesRead } = await fh.read(buf, got, n - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}
