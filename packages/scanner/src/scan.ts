/**
 * `scanModel`: the scanner's entry point over bytes, a `Blob`/`File`, or (in Node) file and
 * directory paths. Returns one report per file with the format, verdict, classified globals and
 * findings. Never executes or deserializes anything.
 */
import { isBytes, ModelSecRangeError, ModelSecTypeError } from '@modelsec/core';
import { ScanContext } from './context';
import { type ResolvedOptions, resolveOptions, type ScanOptions } from './options';
import { scanPaths } from './scan-path';
import { scanSource } from './scan-source';
import { blobSource, bytesSource, type ScanSource } from './source';
import type { FileReport, ScanReport, ScanVerdict } from './types';

/** What {@link scanModel} accepts. */
export type ScanInput = Uint8Array | Blob | string | readonly string[];

/**
 * Scan a model: bytes, a `Blob`/`File` (read in slices when large), or file/directory paths (Node).
 *
 * @param source - the model.
 * @param options - strict mode, a file name for bytes, limits, abort signal.
 * @returns one report per file and the worst verdict.
 * @throws ModelSecTypeError for a source of the wrong type; ConfigError('unsupported_runtime') for
 *   paths outside Node. Malformed or hostile content never throws: it becomes findings.
 * @example
 * ```ts
 * import { scanModel } from '@modelsec/scanner';
 * const report = await scanModel(bytes, { name: 'pytorch_model.bin' });
 * if (report.verdict === 'dangerous') throw new Error('refusing to load the model');
 * ```
 */
export async function scanModel(source: ScanInput, options?: ScanOptions): Promise<ScanReport> {
  const opts = resolveOptions(options);
  let files: FileReport[];
  if (isBytes(source)) files = [await scanByteSource(bytesSource(source, opts.name ?? '<bytes>'), opts)];
  else if (typeof Blob !== 'undefined' && source instanceof Blob) {
    files = [await scanByteSource(await blobSource(source, opts.name), opts)];
  } else if (typeof source === 'string' || (Array.isArray(source) && source.every((s) => typeof s === 'string'))) {
    if (source.length === 0) throw new ModelSecRangeError('"source" expected at least one path');
    files = await scanPaths(typeof source === 'string' ? [source] : (source as string[]), opts, scanByteSource);
  } else {
    throw new ModelSecTypeError('"source" expected Uint8Array, Blob, path string or array of paths');
  }
  return summarize(files);
}

/**
 * Scan one {@link ScanSource} (the building block of `scanModel`, for custom sources).
 *
 * @example
 * ```ts
 * const report = await scanByteSource(bytesSource(bytes, 'model.pkl'), resolveOptions({}));
 * ```
 */
export async function scanByteSource(src: ScanSource, opts: ResolvedOptions): Promise<FileReport> {
  const ctx = new ScanContext(opts);
  const format = await scanSource(ctx, src, '');
  return ctx.report.build(src.name, src.size, format);
}

/**
 * Combine file reports into a {@link ScanReport}.
 *
 * @example
 * ```ts
 * summarize([]).verdict; // 'clean'
 * ```
 */
export function summarize(files: FileReport[]): ScanReport {
  const rank: Record<ScanVerdict, number> = { clean: 0, suspicious: 1, dangerous: 2 };
  let verdict: ScanVerdict = 'clean';
  let bytes = 0;
  for (const f of files) {
    if (rank[f.verdict] > rank[verdict]) verdict = f.verdict;
    bytes += f.size;
  }
  return { verdict, files, bytes };
}
