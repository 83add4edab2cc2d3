/**
 * gzip-compressed models (`model.pkl.gz`, joblib's gzip compressor): inflated within the scan
 * budget, then scanned as a nested file.
 */
import type { ScanContext } from '../context';
import { type ByteSource, bytesSource } from '../source';
import type { ScanFormat } from '../types';
import { inflate } from '../zip/inflate';

/**
 * Scan a gzip stream's content.
 *
 * @example
 * ```ts
 * await scanGzip(ctx, bytesSource(gz), 'model.pkl.gz');
 * ```
 */
export async function scanGzip(ctx: ScanContext, src: ByteSource, member: string): Promise<ScanFormat> {
  const { limits } = ctx.opts;
  if (ctx.depth >= limits.maxNesting) {
    ctx.report.add(
      member,
      'archive-nesting',
      'too_deep',
      'suspicious',
      'medium',
      'archives nested deeper than the limit',
    );
    return 'gzip';
  }
  const max = Math.min(limits.maxEntryInflated, limits.maxTotalInflated - ctx.inflated);
  let out: Uint8Array;
  try {
    const { bytes, cut } = await inflate(await src.read(0, src.size), max + 1, 'gzip');
    if (cut || !ctx.reserve(bytes.length)) {
      ctx.report.add(member, 'zip-bomb', 'too_large', 'dangerous', 'high', 'gzip content exceeds the inflate budget');
      return 'gzip';
    }
    out = bytes;
  } catch {
    ctx.unscannable(member, 'gzip-inflate', 'gzip stream could not be decompressed', 'malformed_file');
    return 'gzip';
  }
  const inner = member ? `${member}:<gunzip>` : '<gunzip>';
  ctx.depth++;
  try {
    ctx.report.members[inner] = await ctx.scanInner(bytesSource(out, inner), inner);
  } finally {
    ctx.depth--;
  }
  return 'gzip';
}
