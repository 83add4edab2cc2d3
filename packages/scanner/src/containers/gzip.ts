/**
 * gzip- and zlib-compressed models (`model.pkl.gz`, joblib's `compress=` files): inflated within the
 * scan budget, then scanned as a nested file.
 */
import type { ScanContext } from '../context';
import { bytesSource, type ScanSource } from '../source';
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
export async function scanGzip(
  ctx: ScanContext,
  src: ScanSource,
  member: string,
  format: 'gzip' | 'zlib' = 'gzip',
): Promise<ScanFormat> {
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
    return format;
  }
  const max = Math.min(limits.maxEntryInflated, limits.maxTotalInflated - ctx.inflated);
  let out: Uint8Array;
  try {
    const { bytes, cut } = await inflate(await src.read(0, src.size), max + 1, format === 'gzip' ? 'gzip' : 'deflate');
    if (cut || !ctx.reserve(bytes.length)) {
      ctx.report.add(
        member,
        'zip-bomb',
        'too_large',
        'dangerous',
        'high',
        'compressed content exceeds the inflate budget',
      );
      return format;
    }
    out = bytes;
  } catch {
    ctx.unscannable(member, 'gzip-inflate', 'compressed stream could not be decompressed', 'malformed_file');
    return format;
  }
  const inner = member ? `${member}:<${format}>` : `<${format}>`;
  ctx.depth++;
  try {
    ctx.report.members[inner] = await ctx.scanInner(bytesSource(out, inner), inner);
  } finally {
    ctx.depth--;
  }
  return format;
}
