/**
 * The hashing engine for browsers, workers and edge runtimes: hashes byte ranges of model files in
 * bounded memory. SHA-256 ranges of `Blob`s up to `WEBCRYPTO_MAX` bytes go to WebCrypto (native,
 * SHA extensions), two at a time; everything else streams through the incremental hasher. The Node
 * build replaces this file with `hash-engine.node.ts` (worker threads + node:crypto).
 */
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

/** Largest slice hashed in one WebCrypto call (the slice is held in memory while it is hashed). */
export const WEBCRYPTO_MAX = 32 * 1024 * 1024;

/** Name of this engine, for diagnostics and benchmarks. */
export const engineName = 'webcrypto+incremental';

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
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await hashTask(tasks[i] as HashTask, options);
    }
  };
  await Promise.all([lane(), lane()]);
  return out;
}

/**
 * Hash one task on the calling thread (shared by the Node engine for what workers cannot do).
 *
 * @example
 * ```ts
 * const d = await hashTask({ file, start: 0, end: 8 }, { hashType: 'sha256' });
 * ```
 */
export async function hashTask(task: HashTask, options: EngineOptions): Promise<Uint8Array> {
  const { file, start } = task;
  const end = task.end ?? file.size;
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (options.hashType === 'sha256' && file.blob && subtle && end !== undefined && end - start <= WEBCRYPTO_MAX) {
    const buf = await file.blob.slice(start, end).arrayBuffer();
    if (buf.byteLength !== end - start)
      throw new IntegrityError('tampered', 'a model file changed size while it was hashed');
    options.onProgress?.(buf.byteLength);
    return new Uint8Array(await subtle.digest('SHA-256', buf));
  }
  const h = createHasher(options.hashType === 'blake2b' ? 'blake2b' : options.hashType);
  let seen = 0;
  for await (const chunk of file.read(start, task.end)) {
    h.update(chunk);
    seen += chunk.length;
    options.onProgress?.(chunk.length);
  }
  if (task.end !== undefined && seen !== task.end - start)
    throw new IntegrityError('tampered', 'a model file changed size while it was hashed');
  return h.digest();
}
