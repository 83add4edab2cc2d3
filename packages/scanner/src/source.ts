/**
 * Random-access byte sources: in-memory bytes, or a `Blob`/`File` read slice by slice so large
 * files are never loaded whole. Node file handles implement the same interface (`scan-path.node.ts`).
 */
import { ValidationError } from '@modelsec/core';

/** Something the scanner can read ranges of. */
export interface ScanSource {
  /** Display name (path, file name or `<bytes>`). */
  readonly name: string;
  /** Total size in bytes. */
  readonly size: number;
  /** The whole content, when it is already in memory (fast path). */
  readonly bytes?: Uint8Array;
  /** Read `[offset, offset + length)` (clamped to the size). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/**
 * A source over bytes in memory.
 *
 * @example
 * ```ts
 * const src = bytesSource(new Uint8Array([0x80, 4]), 'model.pkl');
 * ```
 */
export function bytesSource(bytes: Uint8Array, name = '<bytes>'): ScanSource {
  return {
    name,
    size: bytes.length,
    bytes,
    read: async (offset, length) => bytes.subarray(clamp(offset, bytes.length), clamp(offset + length, bytes.length)),
  };
}

/**
 * A source over a `Blob` or `File`, read with `slice().arrayBuffer()`. Blobs up to `inMemoryMax`
 * bytes are read whole once (fewer round trips); larger ones are read range by range.
 *
 * @example
 * ```ts
 * const src = await blobSource(file);
 * ```
 */
export async function blobSource(blob: Blob, name?: string, inMemoryMax = 1 << 24): Promise<ScanSource> {
  const label = name ?? ((blob as File).name || '<blob>');
  if (blob.size <= inMemoryMax) return bytesSource(new Uint8Array(await blob.arrayBuffer()), label);
  return {
    name: label,
    size: blob.size,
    read: async (offset, length) => {
      const start = clamp(offset, blob.size);
      const end = clamp(offset + length, blob.size);
      try {
        return new Uint8Array(await blob.slice(start, end).arrayBuffer());
      } catch (cause) {
        throw new ValidationError('truncated_input', 'the file could not be read', { cause });
      }
    },
  };
}

/**
 * A source over a byte range of another source (archive members stored uncompressed).
 *
 * @example
 * ```ts
 * const member = subSource(outer, 128, 4096, 'archive/data.pkl');
 * ```
 */
export function subSource(outer: ScanSource, start: number, length: number, name: string): ScanSource {
  const size = Math.max(0, Math.min(length, outer.size - start));
  if (outer.bytes) return bytesSource(outer.bytes.subarray(start, start + size), name);
  return {
    name,
    size,
    read: (offset, len) => outer.read(start + clamp(offset, size), clamp(offset + len, size) - clamp(offset, size)),
  };
}

function clamp(v: number, max: number): number {
  return v < 0 ? 0 : v > max ? max : v;
}
