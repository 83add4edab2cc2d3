/**
 * The hashing engine for Node: byte ranges of on-disk files are hashed by a pool of worker threads
 * (one per core) with node:crypto (OpenSSL, SHA extensions), each reading through one reused 512 KiB
 * buffer, so memory stays flat whatever the model size. With `threads: 1`, or for BLAKE3 (which
 * node:crypto lacks; @noble/hashes runs it on this thread), for in-memory files and streams, ranges
 * are hashed on the calling thread. Same exports as `hash-engine.ts`.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createHasher } from '../digest/digest';
import { IntegrityError } from '../errors/model-sec-error';
import type { ModelFile } from './sources';

/** Hash algorithms of model files. */
export type ModelHashType = 'sha256' | 'blake2b' | 'blake3';

/** One range of one file to hash; `end` undefined means "to the end of the file". */
export interface HashTask {
  /** The file. */
  file: ModelFile;
  /** First byte. */
  start: number;
  /** One past the last byte, or undefined for end of file. */
  end: number | undefined;
}

/** Options of `hashTasks`. */
export interface EngineOptions {
  /** Hash algorithm. */
  hashType: ModelHashType;
  /** Parallel workers (Node); 1 hashes on the calling thread. Default: all cores. */
  threads?: number;
  /** Called with the number of bytes hashed since the last call. */
  onProgress?: (bytes: number) => void;
}

/** Largest slice hashed in one WebCrypto call (browsers only; unused in Node). */
export const WEBCRYPTO_MAX = 32 * 1024 * 1024;

/** Name of this engine, for diagnostics and benchmarks. */
export const engineName = 'node:worker_threads+node:crypto';

const NODE_ALG = { sha256: 'sha256', blake2b: 'blake2b512' } as const;
const BUFFER = 512 << 10;
const POOL_MIN_BYTES = 16 << 20;

/**
 * Hash every task; the result has one digest per task, in order.
 *
 * @example
 * ```ts
 * const [d] = await hashTasks([{ file, start: 0, end: undefined }], { hashType: 'sha256' });
 * ```
 */
export async function hashTasks(tasks: readonly HashTask[], options: EngineOptions): Promise<Uint8Array[]> {
  const out: Uint8Array[] = new Array(tasks.length);
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), 64));
  const pooled: number[] = [];
  const local: number[] = [];
  tasks.forEach((t, i) => {
    (t.file.fsPath && options.hashType !== 'blake3' && threads > 1 ? pooled : local).push(i);
  });
  // Longest first keeps the workers evenly loaded.
  const size = (i: number) => {
    const t = tasks[i] as HashTask;
    return (t.end ?? t.file.size ?? 0) - t.start;
  };
  pooled.sort((a, b) => size(b) - size(a));
  // Starting workers costs tens of milliseconds: small models are faster on this thread.
  if (pooled.reduce((n, i) => n + size(i), 0) < POOL_MIN_BYTES) local.push(...pooled.splice(0));
  const runLocal = async () => {
    for (const i of local) out[i] = await hashTask(tasks[i] as HashTask, options);
  };
  await Promise.all([runPool(tasks, pooled, Math.min(threads, pooled.length), options, out), runLocal()]);
  return out;
}

/**
 * Hash one task on the calling thread: files on disk through one reused buffer, anything else
 * through its `read()` stream.
 *
 * @example
 * ```ts
 * const d = await hashTask({ file, start: 0, end: 8 }, { hashType: 'sha256' });
 * ```
 */
export async function hashTask(task: HashTask, options: EngineOptions): Promise<Uint8Array> {
  const h = createHasher(options.hashType);
  const { file, start } = task;
  let seen = 0;
  if (file.fsPath) {
    const fh = await open(file.fsPath, constants.O_RDONLY | (file.symlink ? 0 : constants.O_NOFOLLOW));
    try {
      const buf = new Uint8Array(BUFFER);
      const limit = task.end ?? Number.POSITIVE_INFINITY;
      for (let pos = start; pos < limit; ) {
        const want = Math.min(buf.length, limit - pos);
        const { bytesRead } = await fh.read(buf, 0, want, pos);
        if (bytesRead === 0) break;
        h.update(buf.subarray(0, bytesRead));
        pos += bytesRead;
        seen += bytesRead;
        options.onProgress?.(bytesRead);
      }
    } finally {
      await fh.close();
    }
  } else {
    for await (const chunk of file.read(start, task.end)) {
      h.update(chunk);
      seen += chunk.length;
      options.onProgress?.(chunk.length);
    }
  }
  if (task.end !== undefined && seen !== task.end - start) {
    throw new IntegrityError('tampered', 'a model file changed size while it was hashed');
  }
  return h.digest();
}

// The worker is plain CommonJS evaluated from a string, so it needs no separate file in the build.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { openSync, readSync, closeSync, constants } = require('node:fs');
const { createHash } = require('node:crypto');
const buf = Buffer.allocUnsafe(${BUFFER});
parentPort.on('message', (m) => {
  let fd;
  try {
    const h = createHash(m.alg);
    fd = openSync(m.path, constants.O_RDONLY | (m.follow ? 0 : constants.O_NOFOLLOW));
    let pos = m.start, seen = 0, last = 0;
    const end = m.end === null ? Infinity : m.end;
    while (pos < end) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, end - pos), pos);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
      pos += n; seen += n;
      if (seen - last >= 67108864) { parentPort.postMessage({ id: m.id, progress: seen - last }); last = seen; }
    }
    if (m.end !== null && seen !== m.end - m.start) throw Object.assign(new Error('size'), { code: 'ESIZE' });
    parentPort.postMessage({ id: m.id, progress: seen - last, digest: h.digest() });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.code) || 'EIO') });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
});
`;

interface WorkerReply {
  id: number;
  progress?: number;
  digest?: Uint8Array;
  error?: string;
}

async function runPool(
  tasks: readonly HashTask[],
  order: number[],
  count: number,
  options: EngineOptions,
  out: Uint8Array[],
): Promise<void> {
  if (order.length === 0) return;
  const alg = NODE_ALG[options.hashType as keyof typeof NODE_ALG];
  const workers = Array.from({ length: count }, () => new Worker(WORKER_SOURCE, { eval: true }));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= order.length) return resolve();
              const id = order[next++] as number;
              const t = tasks[id] as HashTask;
              worker.postMessage({
                id,
                path: t.file.fsPath,
                start: t.start,
                end: t.end ?? null,
                alg,
                follow: !!t.file.symlink,
              });
            };
            worker.on('message', (m: WorkerReply) => {
              if (m.progress) options.onProgress?.(m.progress);
              if (m.error) {
                const error =
                  m.error === 'ESIZE'
                    ? new IntegrityError('tampered', 'a model file changed size while it was hashed')
                    : m.error === 'ELOOP'
                      ? new IntegrityError('symlink_refused', 'a model file was replaced by a symbolic link')
                      : new IntegrityError('file_missing', `a model file could not be read (${m.error})`);
                return reject(error);
              }
              if (m.digest) {
                out[m.id] = new Uint8Array(m.digest);
                send();
              }
            });
            worker.once('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
