/**
 * Bounded raw-deflate decompression with the platform's `DecompressionStream('deflate-raw')`
 * (Node ≥ 20.12, Chromium ≥ 103): output stops at `maxOut` bytes, so a zip bomb costs at most that.
 */
import { ConfigError, ValidationError } from '@modelsec/core';

/** Decompressed bytes and whether output was cut at the limit. */
export interface Inflated {
  /** The (possibly cut) output. */
  bytes: Uint8Array;
  /** True when the stream had more than `maxOut` bytes. */
  cut: boolean;
}

/**
 * Inflate `data` (raw deflate, or zlib/gzip with `format`), keeping at most `maxOut` bytes.
 *
 * @throws ValidationError('malformed_file') when the stream is corrupt.
 * @example
 * ```ts
 * const { bytes, cut } = await inflate(compressed, 1 << 20);
 * ```
 */
export async function inflate(
  data: Uint8Array,
  maxOut: number,
  format: 'deflate-raw' | 'deflate' | 'gzip' = 'deflate-raw',
): Promise<Inflated> {
  const DS = (globalThis as { DecompressionStream?: typeof DecompressionStream }).DecompressionStream;
  if (!DS) throw new ConfigError('unsupported_runtime', 'DecompressionStream is not available in this runtime');
  const ds = new DS(format);
  const writer = ds.writable.getWriter();
  writer.write(data as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = ds.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let cut = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const room = maxOut - total;
      if (value.length >= room) {
        if (room > 0) chunks.push(value.subarray(0, room));
        total += Math.max(0, room);
        cut = value.length > room;
        if (cut) {
          await reader.cancel().catch(() => {});
          break;
        }
        continue;
      }
      chunks.push(value);
      total += value.length;
    }
  } catch (cause) {
    if (total > 0 && chunks.length > 0) {
      // Keep what decoded before the corruption; the caller reports it.
      return { bytes: concat(chunks, total), cut: false };
    }
    throw new ValidationError('malformed_file', 'compressed data is corrupt', { cause });
  }
  return { bytes: concat(chunks, total), cut };
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
