/**
 * ZIP archives: PyTorch zip checkpoints (`<any dir>/data.pkl`), NumPy `.npz`, Keras `.keras`, and
 * plain zips with nested models. Members are chosen the way picklescan chooses them (pickle
 * extension or pickle magic, `.npy` extension or NumPy magic) plus every other signature this
 * package knows; stored members are read in place, deflated ones inflated within the budget.
 */
import { hostile, type ScanContext } from '../context';
import { extensionOf, PICKLE_EXTENSIONS, SNIFF_BYTES, sniff } from '../detect';
import { scanKerasConfig } from '../formats/keras';
import { bytesSource, type ScanSource, subSource } from '../source';
import type { ScanFormat } from '../types';
import { inflate } from '../zip/inflate';
import { readZip, type ZipEntry } from '../zip/reader';

const TORCH_PICKLE = /(^|\/)(data|constants)\.pkl$/;

/**
 * Scan a zip archive's members into the report.
 *
 * @example
 * ```ts
 * await scanZip(ctx, bytesSource(bytes), '');
 * ```
 */
export async function scanZip(ctx: ScanContext, src: ScanSource, member: string): Promise<ScanFormat> {
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
    return 'zip';
  }
  const zip = await readZip(src, limits);
  for (const p of zip.problems) {
    ctx.report.add(
      member,
      p.rule,
      p.hostile ? 'dangerous_code' : 'malformed_file',
      p.hostile ? 'dangerous' : 'suspicious',
      p.hostile ? 'high' : 'medium',
      p.message,
    );
  }
  if (zip.problems.some((p) => p.hostile))
    throw hostile('the archive is a zip bomb construction; members were not extracted');
  const names = zip.entries.map((e) => e.name);
  const isTorch = names.some((n) => TORCH_PICKLE.test(n));
  const isKeras =
    names.includes('config.json') && (names.includes('metadata.json') || names.includes('model.weights.h5'));
  const isNpz = names.length > 0 && names.every((n) => n.endsWith('.npy'));
  ctx.depth++;
  try {
    for (const entry of zip.entries) {
      ctx.checkAbort();
      const path = member ? `${member}:${entry.name}` : entry.name;
      if (entry.dataOffset < 0 || entry.name.endsWith('/')) continue;
      if (entry.flags & 1) {
        ctx.report.add(
          path,
          'zip-encrypted',
          'unsupported_format',
          'info',
          'info',
          'entry is flagged encrypted; scanned as stored bytes (as PyTorch reads it)',
        );
      }
      const ext = extensionOf(entry.name);
      if (isKeras && entry.name === 'config.json') {
        const data = await entryBytes(ctx, src, entry, path, limits.maxJsonBytes);
        if (data) {
          ctx.report.members[path] = 'keras';
          scanKerasConfig(ctx, data, path);
        }
        continue;
      }
      const head = await entryBytes(ctx, src, entry, path, SNIFF_BYTES + 512, true);
      if (!head) continue;
      const kind = sniff(head, entry.size, entry.name);
      const picklish =
        PICKLE_EXTENSIONS.has(ext) || TORCH_PICKLE.test(entry.name) || kind === 'pickle' || kind === 'pytorch-legacy';
      const known = kind !== 'pickle-maybe' && kind !== 'pickle' && kind !== 'onnx';
      if (!picklish && !known && !(kind === 'onnx' && ext === 'onnx')) continue;
      const inner = await entrySource(ctx, src, entry, path);
      if (!inner) continue;
      ctx.report.members[path] = await ctx.scanInner(inner, path);
    }
  } finally {
    ctx.depth--;
  }
  return isTorch ? 'pytorch-zip' : isKeras ? 'keras' : isNpz ? 'npz' : 'zip';
}

/** A member as a source: stored entries in place, deflated ones inflated (bounded). */
async function entrySource(
  ctx: ScanContext,
  src: ScanSource,
  e: ZipEntry,
  path: string,
): Promise<ScanSource | undefined> {
  if (e.method === 0) return subSource(src, e.dataOffset, e.compressedSize, path);
  const data = await entryBytes(ctx, src, e, path, ctx.opts.limits.maxEntryInflated);
  return data ? bytesSource(data, path) : undefined;
}

/** The first `max` bytes of a member (all of it when smaller), or undefined when unreadable. */
async function entryBytes(
  ctx: ScanContext,
  src: ScanSource,
  e: ZipEntry,
  path: string,
  max: number,
  headOnly = false,
): Promise<Uint8Array | undefined> {
  if (e.method === 0) {
    const want = Math.min(e.compressedSize, max);
    return e.head && e.head.length >= want ? e.head.subarray(0, want) : src.read(e.dataOffset, want);
  }
  if (e.method !== 8) {
    ctx.unscannable(path, 'zip-method', `compression method ${e.method} is not supported`);
    return undefined;
  }
  const want = Math.min(max, e.size);
  if (!headOnly && want < e.size) {
    ctx.unscannable(path, 'zip-entry-size', `entry of ${e.size} bytes exceeds the inflate limit`, 'too_large');
    return undefined;
  }
  if (!headOnly && !ctx.reserve(want)) {
    ctx.report.add(path, 'zip-bomb', 'too_large', 'dangerous', 'high', 'total inflated size exceeds the scan budget');
    return undefined;
  }
  try {
    const compressed = await src.read(e.dataOffset, headOnly ? Math.min(e.compressedSize, 1 << 16) : e.compressedSize);
    const { bytes, cut } = await inflate(compressed, headOnly ? want : want + 1);
    if (!headOnly && cut) {
      ctx.report.add(
        path,
        'zip-size-mismatch',
        'malformed_file',
        'suspicious',
        'medium',
        'entry inflates beyond its declared size',
      );
      return bytes.subarray(0, want);
    }
    return bytes;
  } catch {
    ctx.unscannable(path, 'zip-inflate', 'entry could not be decompressed (corrupt or encrypted)', 'malformed_file');
    return undefined;
  }
}
