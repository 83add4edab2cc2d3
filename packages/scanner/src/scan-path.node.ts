/**
 * Path scanning in Node: files are opened and read range by range through a file handle (small
 * files at once), directories are walked without following symlinked directories. In directories,
 * files of unrecognized formats without a model extension are left out of the result.
 */
import { closeSync, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ValidationError } from '@modelsec/core';
import { extensionOf } from './detect';
import type { ResolvedOptions } from './options';
import { bytesSource, type ScanSource } from './source';
import type { FileReport } from './types';

const MODEL_EXTENSIONS = new Set([
  'pkl',
  'pickle',
  'joblib',
  'dat',
  'data',
  'dill',
  'bin',
  'pt',
  'pth',
  'ckpt',
  'npy',
  'npz',
  'zip',
  '7z',
  'safetensors',
  'onnx',
  'gguf',
  'keras',
  'h5',
  'hdf5',
  'tar',
  'gz',
  'model',
  'pb',
]); // prettier-ignore

/**
 * Scan files and directories by path (Node only).
 *
 * @example
 * ```ts
 * const reports = await scanPaths(['models/'], resolveOptions({}), scanByteSource);
 * ```
 */
export async function scanPaths(
  paths: readonly string[],
  opts: ResolvedOptions,
  scan: (src: ScanSource, opts: ResolvedOptions) => Promise<FileReport>,
): Promise<FileReport[]> {
  const out: FileReport[] = [];
  for (const path of paths) {
    let info: Stats;
    try {
      info = statSync(path);
    } catch (cause) {
      throw new ValidationError('invalid_value', 'a path does not exist or cannot be read', { cause });
    }
    if (info.isDirectory()) {
      for await (const file of walk(path, opts.limits.maxFiles)) {
        const report = await scanFile(file, opts, scan);
        if (
          report.format !== 'unknown' ||
          report.findings.some((f) => f.level !== 'info') ||
          MODEL_EXTENSIONS.has(extensionOf(file))
        )
          out.push(report);
      }
    } else out.push(await scanFile(path, opts, scan));
  }
  return out;
}

async function* walk(dir: string, max: number): AsyncGenerator<string> {
  const queue = [dir];
  let count = 0;
  while (queue.length > 0) {
    const d = queue.shift() as string;
    const entries = await readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) queue.push(p);
      else if (e.isFile() || (e.isSymbolicLink() && (await stat(p).catch(() => undefined))?.isFile())) {
        if (++count > max) return;
        yield p;
      }
    }
  }
}

async function scanFile(
  path: string,
  opts: ResolvedOptions,
  scan: (src: ScanSource, opts: ResolvedOptions) => Promise<FileReport>,
): Promise<FileReport> {
  // Synchronous positional reads: a scan is a sequence of small dependent reads, and a thread-pool
  // round trip per read costs more than the read (run scans in a worker to keep a loop free).
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (cause) {
    throw new ValidationError('invalid_value', 'a path does not exist or cannot be read', { cause });
  }
  try {
    const size = fstatSync(fd).size;
    const readRange = (offset: number, length: number): Uint8Array => {
      const start = Math.max(0, Math.min(offset, size));
      const len = Math.max(0, Math.min(length, size - start));
      const buf = new Uint8Array(len);
      let got = 0;
      while (got < len) {
        const n = readSync(fd, buf, got, len - got, start + got);
        if (n === 0) break;
        got += n;
      }
      return got === len ? buf : buf.subarray(0, got);
    };
    if (size <= 1 << 20) return await scan(bytesSource(readRange(0, size), path), opts);
    const src: ScanSource = { name: path, size, read: async (offset, length) => readRange(offset, length) };
    return await scan(src, opts);
  } finally {
    closeSync(fd);
  }
}
