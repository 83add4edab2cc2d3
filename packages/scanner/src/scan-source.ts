/**
 * Dispatch one byte source to the scanner of its format (detected by magic bytes), recursing into
 * archive members through {@link ScanContext.scanInner}.
 */
import { isModelSecError } from '@modelsec/core';
import { scanZip } from './containers/archive';
import { scanGzip } from './containers/gzip';
import { scanNumpy } from './containers/numpy';
import { scanSevenZip } from './containers/sevenzip';
import { scanTar } from './containers/tar';
import type { ScanContext } from './context';
import { SNIFF_BYTES, sniff } from './detect';
import { isChatTemplateFile, scanChatTemplates } from './formats/chat-template';
import { scanGguf } from './formats/gguf';
import { scanHdf5 } from './formats/hdf5';
import { scanOnnx } from './formats/onnx';
import { scanSafetensors } from './formats/safetensors';
import { disassemble } from './pickle/scan-pickle';
import { bytesSource, type ScanSource } from './source';
import type { ScanFormat } from './types';
import { hasZipTrailer } from './zip/reader';

const IN_MEMORY_PICKLE = 16 << 20;

/**
 * Scan `src` (the whole file when `member` is `''`, else an archive member) into `ctx.report`.
 *
 * @example
 * ```ts
 * const format = await scanSource(ctx, bytesSource(bytes, 'model.pt'), '');
 * ```
 */
export async function scanSource(ctx: ScanContext, src: ScanSource, member: string): Promise<ScanFormat> {
  ctx.scanInner = (inner, name) => scanSource(ctx, inner, name);
  ctx.checkAbort();
  const head = await src.read(0, Math.max(SNIFF_BYTES, 512));
  const kind = sniff(head, src.size, member || src.name);
  if (isChatTemplateFile(member || src.name)) return scanChatTemplates(ctx, src, member);
  try {
    switch (kind) {
      case 'zip':
        return await scanZip(ctx, src, member);
      case '7z':
        return await scanSevenZip(ctx, src, member);
      case 'numpy':
        return await scanNumpy(ctx, src, member);
      case 'gzip':
      case 'zlib':
        return await scanGzip(ctx, src, member, kind);
      case 'tar':
        return await scanTar(ctx, src, member);
      case 'safetensors':
        return await scanSafetensors(ctx, src, member);
      case 'gguf':
        return await scanGguf(ctx, src, member);
      case 'hdf5':
        return await scanHdf5(ctx, src, member);
      case 'onnx':
        return await scanOnnx(ctx, src, member);
      case 'pytorch-legacy':
        return await scanPickleStream(ctx, src, member, 5, 'pytorch-legacy');
      default: {
        // Not a known container: a zip trailer (data prepended to an archive) or a raw pickle. A raw
        // pickle is read to the end anyway: load it whole when it is not huge (faster parsing).
        const whole =
          !src.bytes && src.size <= IN_MEMORY_PICKLE ? bytesSource(await src.read(0, src.size), src.name) : src;
        const format = await scanPickleStream(ctx, whole, member, ctx.opts.limits.maxPickles, 'pickle');
        if (format === 'unknown' && member === '' && (await hasZipTrailer(src))) {
          try {
            return await scanZip(ctx, src, member);
          } catch (error) {
            if (!isModelSecError(error) || error.code === 'dangerous_code') throw error;
            // An end-of-central-directory signature by chance in an unknown file: not a zip.
          }
        }
        return format;
      }
    }
  } catch (error) {
    if (!isModelSecError(error) || error.code === 'invalid_argument') throw error;
    if (error.code === 'unsupported_runtime' || ctx.opts.signal?.aborted) throw error;
    ctx.report.add(member, `${kind}-structure`, error.code, 'suspicious', 'medium', error.message);
    return kind === 'pickle-maybe' ? 'unknown' : kind;
  }
}

/**
 * Disassemble the pickles of a stream (up to `maxPickles`) and record them. Returns `unknown` when
 * nothing in it parses as a pickle.
 *
 * @example
 * ```ts
 * await scanPickleStream(ctx, src, 'archive/data.pkl', 1_000_000, 'pickle');
 * ```
 */
export async function scanPickleStream(
  ctx: ScanContext,
  src: ScanSource,
  member: string,
  maxPickles: number,
  format: ScanFormat,
  start = 0,
): Promise<ScanFormat> {
  const scan = await disassemble(src, start, src.size, ctx.opts.limits, maxPickles);
  const isPickle = scan.pickles > 0 || scan.globals.size > 0;
  if (!isPickle && format === 'pickle') {
    if (src.size > 0)
      ctx.report.add(member, 'format', 'unsupported_format', 'info', 'info', 'not a recognized model format');
    return 'unknown';
  }
  ctx.report.addPickle(member, scan);
  return scan.joblib ? 'joblib' : format;
}
