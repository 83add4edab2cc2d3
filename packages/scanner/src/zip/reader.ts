/**
 * A ZIP reader written for scanning hostile archives: end-of-central-directory search (with a
 * prepended-data offset like Python's zipfile), ZIP64, central directory entries, local headers
 * (only for the data offset; sizes and names come from the central directory, as PyTorch reads
 * them), and checks for entry-count limits, overlapping entries (non-recursive zip bombs) and
 * impossible compression ratios. Entry data is read lazily through the {@link ScanSource}.
 */
import { ValidationError } from '@modelsec/core';
import type { ScanSource } from '../source';

/** One archive member. */
export interface ZipEntry {
  /** Name from the central directory. */
  name: string;
  /** Compression method (0 stored, 8 deflate...). */
  method: number;
  /** General-purpose flags (bit 0: encrypted). */
  flags: number;
  /** Compressed size. */
  compressedSize: number;
  /** Declared uncompressed size. */
  size: number;
  /** Offset of the local header. */
  headerOffset: number;
  /** Offset of the data (after the local header), or -1 when the local header is bad. */
  dataOffset: number;
  /** The first bytes of the stored data, read together with the local header. */
  head?: Uint8Array;
}

/** A parsed archive. */
export interface ZipArchive {
  entries: ZipEntry[];
  /** Structural problems worth a finding (overlap, bad local headers, impossible ratios). */
  problems: { rule: string; message: string; hostile: boolean }[];
}

/** Limits of {@link readZip}. */
export interface ZipLimits {
  /** Most entries read from the central directory. */
  maxEntries: number;
  /** Largest central directory, in bytes. */
  maxCentralDirectory: number;
}

const EOCD64 = 0x06064b50;
const LOC64 = 0x07064b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;
const MAX_RATIO = 1100; // deflate cannot exceed ~1032:1
const HEAD_READ = 1024; // data bytes read with each local header (format sniffing)

const dec = /* @__PURE__ */ new TextDecoder('utf-8');

/**
 * True when the source has an end-of-central-directory record (it may still be malformed).
 *
 * @example
 * ```ts
 * if (await hasZipTrailer(src)) await readZip(src, limits);
 * ```
 */
export async function hasZipTrailer(src: ScanSource): Promise<boolean> {
  return (await findEocd(src)) !== undefined;
}

async function findEocd(src: ScanSource): Promise<{ pos: number; tail: Uint8Array; tailStart: number } | undefined> {
  if (src.size < 22) return undefined;
  const tailStart = Math.max(0, src.size - 22 - 0xffff);
  const tail = await src.read(tailStart, src.size - tailStart);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 5 && tail[i + 3] === 6) {
      const commentLen = u16(tail, i + 20);
      if (i + 22 + commentLen <= tail.length) return { pos: tailStart + i, tail, tailStart };
    }
  }
  return undefined;
}

/**
 * Read an archive's central directory and local headers.
 *
 * @throws ValidationError('malformed_file') when there is no usable central directory;
 *   ValidationError('too_large') past the limits.
 * @example
 * ```ts
 * const zip = await readZip(bytesSource(bytes), { maxEntries: 10_000, maxCentralDirectory: 1 << 26 });
 * ```
 */
export async function readZip(src: ScanSource, limits: ZipLimits): Promise<ZipArchive> {
  const found = await findEocd(src);
  if (!found) throw new ValidationError('malformed_file', 'no end of central directory record');
  const { pos, tail, tailStart } = found;
  const e = pos - tailStart;
  let count = u16(tail, e + 10);
  let cdSize = u32(tail, e + 12);
  let cdOffset = u32(tail, e + 16);
  let cdEnd = pos;
  // ZIP64 locator right before the EOCD.
  if (e >= 20 && u32(tail, e - 20) === LOC64) {
    const z64 = u64(tail, e - 20 + 8);
    const rec = await src.read(z64, 56);
    if (rec.length === 56 && u32(rec, 0) === EOCD64) {
      count = u64(rec, 32);
      cdSize = u64(rec, 40);
      cdOffset = u64(rec, 48);
      cdEnd = z64;
    }
  }
  if (count > limits.maxEntries) {
    throw new ValidationError('too_large', `archive declares ${count} entries (limit ${limits.maxEntries})`);
  }
  if (cdSize > limits.maxCentralDirectory) {
    throw new ValidationError('too_large', `central directory of ${cdSize} bytes exceeds the limit`);
  }
  // Data prepended to the archive shifts every offset (Python zipfile's "concat").
  const concat = Math.max(0, cdEnd - cdSize - cdOffset);
  const cdStart = cdOffset + concat;
  if (cdStart + cdSize > src.size) throw new ValidationError('malformed_file', 'central directory is outside the file');
  const cd = await src.read(cdStart, cdSize);
  const entries: ZipEntry[] = [];
  const problems: ZipArchive['problems'] = [];
  let p = 0;
  while (p + 46 <= cd.length && u32(cd, p) === CEN) {
    if (entries.length >= limits.maxEntries) throw new ValidationError('too_large', 'too many archive entries');
    const flags = u16(cd, p + 8);
    const method = u16(cd, p + 10);
    let compressedSize = u32(cd, p + 20);
    let size = u32(cd, p + 24);
    const nameLen = u16(cd, p + 28);
    const extraLen = u16(cd, p + 30);
    const commentLen = u16(cd, p + 32);
    let headerOffset = u32(cd, p + 42);
    const nameEnd = p + 46 + nameLen;
    if (nameEnd + extraLen + commentLen > cd.length) break;
    const name = dec.decode(cd.subarray(p + 46, nameEnd));
    // ZIP64 extended information extra field.
    let x = nameEnd;
    while (x + 4 <= nameEnd + extraLen) {
      const id = u16(cd, x);
      const len = u16(cd, x + 2);
      if (id === 1) {
        let q = x + 4;
        if (size === 0xffffffff && q + 8 <= x + 4 + len) {
          size = u64(cd, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= x + 4 + len) {
          compressedSize = u64(cd, q);
          q += 8;
        }
        if (headerOffset === 0xffffffff && q + 8 <= x + 4 + len) headerOffset = u64(cd, q);
      }
      x += 4 + len;
    }
    headerOffset += concat;
    entries.push({ name, method, flags, compressedSize, size, headerOffset, dataOffset: -1 });
    p = nameEnd + extraLen + commentLen;
  }
  if (entries.length === 0 && count > 0) throw new ValidationError('malformed_file', 'central directory is unreadable');
  for (const entry of entries) {
    const h = await src.read(entry.headerOffset, 30 + HEAD_READ);
    if (h.length < 30 || u32(h, 0) !== LOC) {
      problems.push({ rule: 'zip-local-header', message: 'an entry has no valid local header', hostile: false });
      continue;
    }
    entry.dataOffset = entry.headerOffset + 30 + u16(h, 26) + u16(h, 28);
    const at = entry.dataOffset - entry.headerOffset;
    if (at < h.length) entry.head = h.subarray(at, Math.min(h.length, at + entry.compressedSize));
    if (entry.dataOffset + entry.compressedSize > src.size) {
      problems.push({ rule: 'zip-truncated', message: 'an entry runs past the end of the file', hostile: false });
      entry.dataOffset = -1;
    }
    if (entry.method !== 0 && entry.compressedSize > 0 && entry.size / entry.compressedSize > MAX_RATIO) {
      problems.push({
        rule: 'zip-bomb',
        message: 'an entry declares a compression ratio beyond what deflate can reach',
        hostile: true,
      });
    }
  }
  // Overlapping entries (several central records pointing into the same bytes) are the classic
  // non-recursive zip bomb; a normal archive never has them.
  const sorted = entries.filter((x) => x.dataOffset >= 0).sort((a, b) => a.headerOffset - b.headerOffset);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as ZipEntry;
    if ((sorted[i] as ZipEntry).headerOffset < prev.dataOffset + prev.compressedSize) {
      problems.push({ rule: 'zip-overlap', message: 'archive entries overlap (zip bomb construction)', hostile: true });
      break;
    }
  }
  return { entries, problems };
}

function u16(b: Uint8Array, p: number): number {
  return (b[p] as number) | ((b[p + 1] as number) << 8);
}
function u32(b: Uint8Array, p: number): number {
  return (
    ((b[p] as number) | ((b[p + 1] as number) << 8) | ((b[p + 2] as number) << 16) | ((b[p + 3] as number) << 24)) >>> 0
  );
}
function u64(b: Uint8Array, p: number): number {
  return u32(b, p + 4) * 4294967296 + u32(b, p);
}
