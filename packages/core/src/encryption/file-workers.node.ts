/**
 * Worker threads for the Node file helpers: AES-256-GCM chunks of a container file sealed or opened
 * on several cores at once, each worker claiming blocks of whole chunks from a shared counter and
 * reading, sealing or opening, and writing them with synchronous positional I/O on the caller's file
 * descriptors (chunks sit at fixed offsets, so no data passes through the calling thread). Also a
 * one-worker hashing pass for `encryptFile`'s plaintext digest. The key travels as a `KeyObject`,
 * which `postMessage` clones inside OpenSSL without exposing its bytes to JavaScript.
 */
import type { KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { ValidationError } from '../errors/model-sec-error';
import { chunkAuthFailure } from './cipher-shared';

/** A sealing or opening job over the chunks of one container file. */
export interface ChunkJob {
  /** `true` to seal (encrypt) plaintext chunks, `false` to open (decrypt) sealed records. */
  seal: boolean;
  /** The chunk key (AES-256-GCM). */
  key: KeyObject;
  /** The container's nonce prefix (7 bytes). */
  noncePrefix: Uint8Array;
  /** The bound header: associated data of every chunk. */
  ad: Uint8Array;
  /** Plaintext bytes per chunk. */
  chunkSize: number;
  /** Number of chunks (at least 1; the last one carries the last-chunk flag). */
  chunks: number;
  /** Descriptor and offset of the input region (plaintext, or the sealed records). */
  fdIn: number;
  /** First byte of the input region. */
  inStart: number;
  /** Bytes in the input region. */
  inLength: number;
  /** Descriptor and offset of the output region. */
  fdOut: number;
  /** First byte of the output region. */
  outStart: number;
}

/** Options of `runChunkWorkers`. */
export interface WorkerRunOptions {
  /** Number of worker threads (at least 1). */
  threads: number;
  /** Bytes of input per block claimed by a worker (rounded to whole chunks). Default 1 MiB. */
  blockBytes?: number;
  /** Called on this thread for each block written, in completion order; throwing stops the job. */
  onBlock?: (block: number, firstChunk: number, endChunk: number) => void;
}

/** Bytes of input per block when not given: 1 MiB (one default chunk; fits in a core's L2 cache). */
export const WORKER_BLOCK = 1 << 20;

/**
 * Seal or open every chunk of `job` on `threads` worker threads. Resolves when all chunks are
 * written; rejects with the first failing chunk's `IntegrityError` (`decryption_failed`, lowest
 * index among the blocks that ran), `ValidationError('truncated_input')` if the input is shorter
 * than announced, or the error thrown by `onBlock`.
 *
 * @example
 * ```ts
 * await runChunkWorkers({ seal: true, key, noncePrefix, ad, chunkSize, chunks, fdIn, inStart: 0,
 *   inLength: size, fdOut, outStart: header.length }, { threads: 2 });
 * ```
 */
export async function runChunkWorkers(job: ChunkJob, options: WorkerRunOptions): Promise<void> {
  const unit = job.seal ? job.chunkSize : job.chunkSize + 16;
  const blockChunks = Math.max(1, Math.floor((options.blockBytes ?? WORKER_BLOCK) / unit));
  const blocks = Math.ceil(job.chunks / blockChunks);
  const threads = Math.max(1, Math.min(options.threads, blocks));
  // [0] next block to claim, [1] stop flag.
  const control = new SharedArrayBuffer(8);
  const stop = () => Atomics.store(new Int32Array(control), 1, 1);
  const failures: { chunk?: number; error: string; code?: string }[] = [];
  let callbackError: unknown;
  const workers = Array.from({ length: threads }, () => new Worker(WORKER_SOURCE, { eval: true }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            worker.on('message', (m: WorkerReply) => {
              if (m.block !== undefined) {
                if (callbackError !== undefined || !options.onBlock) return;
                const first = m.block * blockChunks;
                try {
                  options.onBlock(m.block, first, Math.min(job.chunks, first + blockChunks));
                } catch (error) {
                  callbackError = error;
                  stop();
                }
              } else if (m.error) {
                failures.push(m as { error: string });
                stop();
                resolve();
              } else if (m.done) resolve();
            });
            worker.once('error', (error) => {
              stop();
              reject(error);
            });
            worker.postMessage({ ...job, blockChunks, control, progress: options.onBlock !== undefined });
          }),
      ),
    );
  } finally {
    stop();
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const auth = failures.filter((f) => f.error === 'auth').sort((a, b) => (a.chunk ?? 0) - (b.chunk ?? 0))[0];
  if (auth) throw chunkAuthFailure(auth.chunk ?? 0);
  if (failures.some((f) => f.error === 'changed')) throw changedError();
  const io = failures.find((f) => f.error === 'io');
  if (io) throw ioError(io.code);
  if (callbackError !== undefined) throw callbackError;
}

/**
 * Hash `length` bytes of `fd` from `start` with node:crypto on a worker thread (keeps the calling
 * thread free). `algorithm` is an OpenSSL digest name (`sha256`, `sha384`, `sha512`, `blake2b512`).
 *
 * @example
 * ```ts
 * const digest = await hashInWorker(fd, 0, size, 'sha256');
 * ```
 */
export async function hashInWorker(fd: number, start: number, length: number, algorithm: string): Promise<Uint8Array> {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  try {
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage({ hash: algorithm, fdIn: fd, inStart: start, inLength: length });
    });
    if (reply.error === 'changed') throw changedError();
    if (reply.error || !reply.digest) throw ioError(reply.code);
    return new Uint8Array(reply.digest);
  } finally {
    await worker.terminate();
  }
}

/** The input file changed size while it was read. */
export function changedError(): ValidationError {
  return new ValidationError('truncated_input', 'the input file changed size while it was being read');
}

// The same shape as the errors node:fs throws on the calling thread (message and `code`).
function ioError(code = 'EIO'): Error {
  return Object.assign(new Error(`${code}: file read or write failed in a worker thread`), { code });
}

interface WorkerReply {
  block?: number;
  done?: boolean;
  digest?: Uint8Array;
  error?: 'auth' | 'changed' | 'io';
  chunk?: number;
  code?: string;
}

// Plain CommonJS evaluated from a string, so the build needs no separate worker file. Each chunk is
// fed to OpenSSL in 256 KiB pieces: small outputs come from malloc's free lists instead of fresh
// pages. An opened chunk is written only after its tag verified.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { readSync, writevSync } = require('node:fs');
const { createCipheriv, createDecipheriv, createHash } = require('node:crypto');
const PIECE = 262144;
function readFully(fd, buf, length, position) {
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) return false;
    got += n;
  }
  return true;
}
function hash(m) {
  const h = createHash(m.hash);
  const buf = Buffer.allocUnsafe(Math.max(1, Math.min(1048576, m.inLength)));
  for (let pos = 0; pos < m.inLength; ) {
    const want = Math.min(buf.length, m.inLength - pos);
    if (!readFully(m.fdIn, buf, want, m.inStart + pos)) return { error: 'changed' };
    h.update(buf.subarray(0, want));
    pos += want;
  }
  return { digest: h.digest() };
}
function run(m) {
  const state = new Int32Array(m.control);
  const record = m.chunkSize + 16;
  const inUnit = m.seal ? m.chunkSize : record;
  const outUnit = m.seal ? record : m.chunkSize;
  const buf = Buffer.allocUnsafe(Math.max(1, Math.min(m.blockChunks * inUnit, m.inLength)));
  const p = m.noncePrefix.length;
  const nonce = Buffer.alloc(p + 5);
  nonce.set(m.noncePrefix);
  const blocks = Math.ceil(m.chunks / m.blockChunks);
  for (;;) {
    if (Atomics.load(state, 1) !== 0) return { done: true };
    const j = Atomics.add(state, 0, 1);
    if (j >= blocks) return { done: true };
    const first = j * m.blockChunks;
    const end = Math.min(m.chunks, first + m.blockChunks);
    const from = first * inUnit;
    const want = Math.min(m.inLength, end * inUnit) - from;
    if (!readFully(m.fdIn, buf, want, m.inStart + from)) return { error: 'changed' };
    const parts = [];
    for (let i = first, off = 0; i < end; i++) {
      const len = Math.min(inUnit, want - off);
      nonce.writeUInt32BE(i, p);
      nonce[p + 4] = i === m.chunks - 1 ? 1 : 0;
      if (m.seal) {
        const c = createCipheriv('aes-256-gcm', m.key, nonce, { authTagLength: 16 });
        c.setAAD(m.ad);
        for (let q = 0; q < len; q += PIECE) parts.push(c.update(buf.subarray(off + q, off + Math.min(q + PIECE, len))));
        c.final();
        parts.push(c.getAuthTag());
      } else {
        if (len < 16) return { error: 'auth', chunk: i };
        const d = createDecipheriv('aes-256-gcm', m.key, nonce, { authTagLength: 16 });
        d.setAAD(m.ad);
        d.setAuthTag(buf.subarray(off + len - 16, off + len));
        const mark = parts.length;
        for (let q = 0; q < len - 16; q += PIECE) parts.push(d.update(buf.subarray(off + q, off + Math.min(q + PIECE, len - 16))));
        try {
          d.final();
        } catch {
          for (let k = mark; k < parts.length; k++) parts[k].fill(0);
          return { error: 'auth', chunk: i };
        }
      }
      off += len;
    }
    if (parts.length > 0) writevSync(m.fdOut, parts, m.outStart + first * outUnit);
    if (m.progress) parentPort.postMessage({ block: j });
  }
}
parentPort.on('message', (m) => {
  let reply;
  try {
    reply = m.hash ? hash(m) : run(m);
  } catch (e) {
    reply = { error: 'io', code: String((e && e.code) || 'EIO') };
  }
  parentPort.postMessage(reply);
});
`;
