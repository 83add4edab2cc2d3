/**
 * File helpers for Node.js: encrypt, decrypt and re-wrap container files in constant memory. Large
 * AES-256-GCM files are sealed and opened by worker threads (`file-workers.node.ts`: one per core,
 * synchronous positional reads and writes, no data through this thread); small files and
 * XChaCha20-Poly1305 run here, with read-ahead and write-behind. Output goes to a temporary file (mode
 * 0600) next to the destination and is renamed into place only after the last chunk authenticated; on
 * any failure the temporary file is removed.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { readSync, writeSync } from 'node:fs';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { HASH_ALGORITHMS, type HashAlgorithm } from '../digest/algorithms';
import { ainteger, aoneOf, astring } from '../errors/asserts';
import { type ChunkCipher, chunkAuthFailure } from './cipher-shared';
import {
  checkEncryptOptions,
  type EncryptOptions,
  openHeader,
  type PlaintextCheck,
  plaintextCheck,
  sealHeader,
} from './container';
import { BLOCK, hashFile, openHere, readAt, readBlocks, sealHere } from './file-inline.node.js';
import { type ChunkJob, changedError, hashInWorker, runChunkWorkers } from './file-workers.node.js';
import { MAX_CHUNKS, parseHeader, TAG_LENGTH } from './format';
import { type RewrapOptions, rewrapHeader } from './rotate';
import { checkDecryptOptions, containerInfo, type DecryptOptions } from './stream';

/** Options of `encryptFile`. */
export interface EncryptFileOptions extends EncryptOptions {
  /** Hash the plaintext first and record `digest` in the header (default `sha256`; `false` skips the extra pass). */
  digest?: HashAlgorithm | false;
  /** fsync the output before renaming it into place (default false). */
  fsync?: boolean;
  /**
   * Worker threads that seal AES-256-GCM chunks (Node). Default: one per core (at most 8) for files of
   * 32 MiB or more, none below; `0` works on the calling thread. XChaCha20-Poly1305 always runs on the
   * calling thread.
   */
  threads?: number;
}

/** Options of `decryptFile`. */
export interface DecryptFileOptions extends DecryptOptions {
  /** fsync the output before renaming it into place (default false). */
  fsync?: boolean;
  /** Worker threads that open AES-256-GCM chunks (Node); the same default and meaning as in `encryptFile`. */
  threads?: number;
}

/** What a file operation did. */
export interface FileResult {
  /** Bytes read. */
  bytesIn: number;
  /** Bytes written. */
  bytesOut: number;
}

/** Below this many bytes, starting worker threads costs more than it saves. */
const WORKERS_MIN_BYTES = 32 * 2 ** 20;
const NODE_HASH: Partial<Record<HashAlgorithm, string>> = {
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  blake2b: 'blake2b512',
};

/**
 * Encrypt a file into a container file. Writes a temporary file next to `output` and renames it into
 * place when done; on failure nothing is left at `output`.
 *
 * @example
 * ```ts
 * await encryptFile('model.onnx', 'model.onnx.enc', { keyProvider });
 * ```
 */
export async function encryptFile(input: string, output: string, options: EncryptFileOptions): Promise<FileResult> {
  astring(input, 'input');
  astring(output, 'output');
  const { algorithm } = checkEncryptOptions(options);
  const digestAlg = options.digest ?? 'sha256';
  if (digestAlg !== false) aoneOf(digestAlg, 'options.digest', HASH_ALGORITHMS);
  checkThreads(options.threads);
  const src = await open(input, 'r');
  try {
    const size = (await src.stat()).size;
    const threads = algorithm === 'aes-256-gcm' ? threadCount(options.threads, size) : 0;
    const metadata: Record<string, string> = { ...options.metadata, size: String(size) };
    if (digestAlg !== false) {
      const node = NODE_HASH[digestAlg];
      // The digest goes in the header, which every chunk authenticates: this pass must come first.
      const digest =
        threads > 0 && node ? await hashInWorker(src.fd, 0, size, node) : await hashFile(src, size, digestAlg);
      if (!(await atEnd(src, size))) throw changedError();
      metadata.digest = `${digestAlg}:${Buffer.from(digest).toString('hex')}`;
    }
    const { header, chunkSize, cipher } = await sealHeader({ ...options, metadata });
    try {
      return await atomicWrite(output, options.fsync, async (out) => {
        const chunks = Math.max(1, Math.ceil(size / chunkSize));
        if (chunks > MAX_CHUNKS) throw changedError();
        const bytesOut = header.length + size + chunks * TAG_LENGTH;
        if (threads > 0 && cipher.threadable) {
          writeFully(out.fd, header, 0);
          await runChunkWorkers(
            {
              seal: true,
              ...job(cipher, chunkSize, chunks),
              fdIn: src.fd,
              inStart: 0,
              inLength: size,
              fdOut: out.fd,
              outStart: header.length,
            },
            { threads },
          );
          if (!(await atEnd(src, size))) throw changedError();
          return { bytesIn: size, bytesOut };
        }
        await sealHere(src, out, header, cipher, size, chunkSize);
        return { bytesIn: size, bytesOut };
      });
    } finally {
      cipher.dispose();
    }
  } finally {
    await src.close();
  }
}

/**
 * Decrypt a container file. The output appears (by rename) only after the last chunk authenticated;
 * on any failure nothing is left at `output`.
 *
 * @example
 * ```ts
 * await decryptFile('model.onnx.enc', 'model.onnx', { keyProvider });
 * ```
 */
export async function decryptFile(input: string, output: string, options: DecryptFileOptions): Promise<FileResult> {
  astring(input, 'input');
  astring(output, 'output');
  checkDecryptOptions(options);
  checkThreads(options.threads);
  const src = await open(input, 'r');
  try {
    const size = (await src.stat()).size;
    let pos = 0;
    const header = await parseHeader(async (n) => {
      const b = await readAt(src, pos, n);
      pos += b.length;
      return b;
    });
    const cipher = await openHeader(header, options.keyProvider);
    try {
      await options.onHeader?.(containerInfo(header));
      const check = plaintextCheck(header.metadata, options.verifyDigest ?? true);
      const record = header.chunkSize + TAG_LENGTH;
      const rest = size - header.length;
      const records = Math.max(1, Math.ceil(rest / record));
      if (records > MAX_CHUNKS) throw chunkAuthFailure(MAX_CHUNKS);
      // Every record but the last is full; the last must hold at least its tag.
      const lastLength = rest - (records - 1) * record;
      const plainSize = Math.max(0, rest - records * TAG_LENGTH);
      const threads = header.algorithm === 'aes-256-gcm' ? threadCount(options.threads, rest) : 0;
      return await atomicWrite(output, options.fsync, async (out) => {
        if (threads > 0 && cipher.threadable && lastLength >= TAG_LENGTH) {
          const hashed = orderedCheck(out.fd, check, header.chunkSize, plainSize);
          await runChunkWorkers(
            {
              seal: false,
              ...job(cipher, header.chunkSize, records),
              fdIn: src.fd,
              inStart: header.length,
              inLength: rest,
              fdOut: out.fd,
              outStart: 0,
            },
            { threads, onBlock: hashed },
          );
          if (!(await atEnd(src, size))) throw changedError();
          check.finish();
        } else await openHere(src, out, header.length, rest, cipher, header.chunkSize, records, check);
        return { bytesIn: size, bytesOut: plainSize };
      });
    } finally {
      cipher.dispose();
    }
  } finally {
    await src.close();
  }
}

/**
 * Re-wrap a container file's data key for another key without re-encrypting it. `output` may be
 * `input` (the new file replaces it atomically).
 *
 * @example
 * ```ts
 * await rewrapFile('model.enc', 'model.enc', { from: oldProvider, to: newProvider });
 * ```
 */
export async function rewrapFile(input: string, output: string, options: RewrapOptions): Promise<FileResult> {
  astring(input, 'input');
  astring(output, 'output');
  const src = await open(input, 'r');
  try {
    const size = (await src.stat()).size;
    let pos = 0;
    const header = await parseHeader(async (n) => {
      const b = await readAt(src, pos, n);
      pos += b.length;
      return b;
    });
    const next = await rewrapHeader(header, options);
    return await atomicWrite(output, false, async (out) => {
      const write = out.write(next);
      let written = next.length;
      await write;
      for await (const data of readBlocks(src, header.length, size - header.length, BLOCK)) {
        await out.write(data); // awaited: the read-ahead reuses this buffer next
        written += data.length;
      }
      return { bytesIn: size, bytesOut: written };
    });
  } finally {
    await src.close();
  }
}

/** The `threads` option: undefined, or an integer from 0 to 64. */
function checkThreads(threads: number | undefined): void {
  if (threads !== undefined) ainteger(threads, 'options.threads', { min: 0, max: 64 });
}

/** Worker threads for `bytes` of AES-256-GCM data: the caller's choice, or one per core from 32 MiB. */
function threadCount(threads: number | undefined, bytes: number): number {
  if (threads !== undefined) return threads;
  return bytes >= WORKERS_MIN_BYTES ? Math.min(availableParallelism(), 8) : 0;
}

function job(
  cipher: ChunkCipher,
  chunkSize: number,
  chunks: number,
): Pick<ChunkJob, 'key' | 'noncePrefix' | 'ad' | 'chunkSize' | 'chunks'> {
  const t = cipher.threadable as NonNullable<ChunkCipher['threadable']>;
  return { key: t.key as ChunkJob['key'], noncePrefix: t.noncePrefix, ad: t.ad, chunkSize, chunks };
}

/**
 * The digest check of a decryption on worker threads: hashes each block's plaintext, in order, back
 * from the (private, not yet renamed) output file as soon as it and every block before it are written.
 */
function orderedCheck(
  fd: number,
  check: PlaintextCheck,
  chunkSize: number,
  plainSize: number,
): ((block: number, first: number, end: number) => void) | undefined {
  if (!check.hashing) {
    check.skip(plainSize);
    return undefined;
  }
  const ready = new Map<number, [number, number]>();
  const buf = Buffer.allocUnsafe(Math.max(1, Math.min(1 << 20, plainSize)));
  let next = 0;
  return (block, first, end) => {
    ready.set(block, [first, end]);
    for (let r = ready.get(next); r; r = ready.get(next)) {
      ready.delete(next++);
      const stop = Math.min(r[1] * chunkSize, plainSize);
      for (let pos = r[0] * chunkSize; pos < stop; ) {
        const want = Math.min(buf.length, stop - pos);
        let got = 0;
        while (got < want) {
          const n = readSync(fd, buf, got, want - got, pos + got);
          if (n === 0) throw changedError();
          got += n;
        }
        check.update(buf.subarray(0, want));
        pos += want;
      }
    }
  };
}

/** True when the file has no byte at `size` (it did not grow while it was read). */
async function atEnd(fh: FileHandle, size: number): Promise<boolean> {
  return (await fh.read(Buffer.alloc(1), 0, 1, size)).bytesRead === 0;
}

function writeFully(fd: number, data: Uint8Array, position: number): void {
  for (let done = 0; done < data.length; ) done += writeSync(fd, data, done, data.length - done, position + done);
}

async function atomicWrite<T>(
  output: string,
  fsync: boolean | undefined,
  fill: (out: FileHandle) => Promise<T>,
): Promise<T> {
  const tmp = join(dirname(output), `.${basename(output)}.${nodeRandomBytes(6).toString('hex')}.tmp`);
  // Read-write: a decryption on worker threads hashes its plaintext back from this file.
  const out = await open(tmp, 'wx+', 0o600);
  let ok = false;
  try {
    const result = await fill(out);
    if (fsync) await out.sync();
    await out.close();
    await rename(tmp, output);
    ok = true;
    return result;
  } finally {
    if (!ok) {
      await out.close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
    }
  }
}
