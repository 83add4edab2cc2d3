/**
 * 7z archives: signature header, (LZMA-encoded) header, streams and folders, file names; members
 * packed with Copy, LZMA, LZMA2 or Deflate in single-coder folders are decoded (bounded by the
 * declared sizes and the inflate budget) and scanned like zip members. Other codecs (BCJ filter
 * chains, PPMd, BZip2, AES) are flagged as unscannable, as picklescan does without py7zr.
 */
import { ValidationError } from '@modelsec/core';
import type { ScanContext } from '../context';
import { extensionOf, PICKLE_EXTENSIONS, SNIFF_BYTES, sniff } from '../detect';
import { bytesSource, type ScanSource } from '../source';
import type { ScanFormat } from '../types';
import { bcjX86Decode } from '../zip/bcj';
import { inflate } from '../zip/inflate';
import { lzma2Decode, lzmaDecode } from '../zip/lzma';

interface Coder {
  id: string;
  props: Uint8Array;
  ins: number;
  outs: number;
}
interface Folder {
  coders: Coder[];
  /** [in stream, out stream] pairs binding one coder's output to another's input. */
  binds: [number, number][];
  unpackSizes: number[];
  numSub: number;
  subSizes: number[];
}
interface Streams {
  packPos: number;
  packSizes: number[];
  folders: Folder[];
}

const bad = (m: string) => new ValidationError('malformed_file', `7z ${m}`);

class Reader {
  p = 0;
  constructor(readonly b: Uint8Array) {}
  byte(): number {
    if (this.p >= this.b.length) throw bad('header truncated');
    return this.b[this.p++] as number;
  }
  /** 7z variable-length number. */
  num(): number {
    const first = this.byte();
    let mask = 0x80;
    let value = 0;
    for (let i = 0; i < 8; i++) {
      if ((first & mask) === 0) return value + (first & (mask - 1)) * 2 ** (8 * i);
      value += this.byte() * 2 ** (8 * i);
      mask >>= 1;
    }
    return value;
  }
  bytes(n: number): Uint8Array {
    if (n > this.b.length - this.p) throw bad('header truncated');
    const out = this.b.subarray(this.p, this.p + n);
    this.p += n;
    return out;
  }
  bits(n: number): boolean[] {
    const out: boolean[] = [];
    let mask = 0;
    let cur = 0;
    for (let i = 0; i < n; i++) {
      if (mask === 0) {
        cur = this.byte();
        mask = 0x80;
      }
      out.push((cur & mask) !== 0);
      mask >>= 1;
    }
    return out;
  }
  digests(n: number): void {
    const all = this.byte();
    const defined = all ? new Array<boolean>(n).fill(true) : this.bits(n);
    this.bytes(4 * defined.filter(Boolean).length);
  }
}

function readStreams(r: Reader, maxItems: number): Streams {
  const s: Streams = { packPos: 0, packSizes: [], folders: [] };
  const limit = (n: number) => {
    if (n > maxItems) throw new ValidationError('too_large', '7z declares too many streams');
    return n;
  };
  for (let id = r.byte(); id !== 0; id = r.byte()) {
    if (id === 0x06) {
      s.packPos = r.num();
      const n = limit(r.num());
      for (let t = r.byte(); t !== 0; t = r.byte()) {
        if (t === 0x09) for (let i = 0; i < n; i++) s.packSizes.push(r.num());
        else if (t === 0x0a) r.digests(n);
        else throw bad('pack info');
      }
    } else if (id === 0x07) {
      if (r.byte() !== 0x0b) throw bad('unpack info');
      const n = limit(r.num());
      if (r.byte() !== 0) throw bad('external folders');
      for (let i = 0; i < n; i++) s.folders.push(readFolder(r));
      if (r.byte() !== 0x0c) throw bad('unpack sizes');
      for (const f of s.folders)
        for (let i = 0; i < f.coders.reduce((a, c) => a + c.outs, 0); i++) f.unpackSizes.push(r.num());
      for (let t = r.byte(); t !== 0; t = r.byte()) {
        if (t === 0x0a) r.digests(n);
        else throw bad('unpack info');
      }
    } else if (id === 0x08) {
      for (let t = r.byte(); t !== 0; t = r.byte()) {
        if (t === 0x0d) for (const f of s.folders) f.numSub = limit(r.num());
        else if (t === 0x09) {
          for (const f of s.folders) for (let i = 1; i < f.numSub; i++) f.subSizes.push(r.num());
        } else if (t === 0x0a) r.digests(s.folders.reduce((a, f) => a + f.numSub, 0));
        else throw bad('substreams info');
      }
    } else throw bad('streams info');
  }
  return s;
}

function readFolder(r: Reader): Folder {
  const n = r.num();
  if (n < 1 || n > 8) throw bad('coder count');
  const coders: Coder[] = [];
  let ins = 0;
  let outs = 0;
  for (let i = 0; i < n; i++) {
    const flags = r.byte();
    const id = [...r.bytes(flags & 0x0f)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const c: Coder = { id, props: new Uint8Array(0), ins: 1, outs: 1 };
    if (flags & 0x10) {
      c.ins = r.num();
      c.outs = r.num();
      if (c.ins > 8 || c.outs > 8) throw bad('coder streams');
    }
    if (flags & 0x20) c.props = r.bytes(r.num());
    ins += c.ins;
    outs += c.outs;
    coders.push(c);
  }
  const binds: [number, number][] = [];
  for (let i = 0; i < outs - 1; i++) binds.push([r.num(), r.num()]);
  const packed = ins - (outs - 1);
  if (packed > 1) for (let i = 0; i < packed; i++) r.num();
  return { coders, binds, unpackSizes: [], numSub: 1, subSizes: [] };
}

/**
 * Scan a 7z archive's members.
 *
 * @example
 * ```ts
 * await scanSevenZip(ctx, bytesSource(bytes), 'model.7z');
 * ```
 */
export async function scanSevenZip(ctx: ScanContext, src: ScanSource, member: string): Promise<ScanFormat> {
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
    return '7z';
  }
  const sig = await src.read(0, 32);
  if (sig.length < 32) throw bad('signature header truncated');
  const r0 = new Reader(sig);
  r0.p = 12;
  const lo = r0.bytes(8);
  const nextOffset = u64(lo);
  const nextSize = u64(r0.bytes(8));
  if (nextSize > limits.maxCentralDirectory || 32 + nextOffset + nextSize > src.size)
    throw bad('next header is out of range');
  let header = await src.read(32 + nextOffset, nextSize);
  for (let round = 0; header[0] === 0x17 && round < 4; round++) {
    const s = readStreams(new Reader(header.subarray(1)), limits.maxEntries);
    const decoded = await decodeFolder(ctx, src, s, 0, member || src.name);
    if (!decoded) return '7z';
    header = decoded;
  }
  const r = new Reader(header);
  if (r.byte() !== 0x01) throw bad('header');
  let streams: Streams = { packPos: 0, packSizes: [], folders: [] };
  let names: string[] = [];
  let emptyStream: boolean[] = [];
  for (let id = r.byte(); id !== 0; id = r.byte()) {
    if (id === 0x02) for (let t = r.byte(); t !== 0; t = r.byte()) r.bytes(r.num());
    else if (id === 0x03) readStreams(r, limits.maxEntries);
    else if (id === 0x04) streams = readStreams(r, limits.maxEntries);
    else if (id === 0x05) {
      const n = r.num();
      if (n > limits.maxEntries) throw new ValidationError('too_large', '7z declares too many files');
      for (let t = r.num(); t !== 0; t = r.num()) {
        const size = r.num();
        const body = new Reader(r.bytes(size));
        if (t === 0x0e) emptyStream = body.bits(n);
        else if (t === 0x11) {
          if (body.byte() !== 0) throw bad('external names');
          names = new TextDecoder('utf-16le').decode(body.b.subarray(1)).split('\0').slice(0, n);
        }
      }
    } else throw bad('header property');
  }
  // Files with a stream map, in order, to the substreams of the folders.
  const files = names.filter((_, i) => !emptyStream[i]);
  let fileIndex = 0;
  ctx.depth++;
  try {
    for (let fi = 0; fi < streams.folders.length; fi++) {
      const folder = streams.folders[fi] as Folder;
      const chain = coderChain(folder);
      const total = folder.unpackSizes[chain?.[chain.length - 1] ?? 0] ?? 0;
      const sizes = [...folder.subSizes];
      sizes.push(total - sizes.reduce((a, b) => a + b, 0));
      const wanted = sizes.map((_, k) => files[fileIndex + k] ?? `<stream ${fileIndex + k}>`);
      fileIndex += folder.numSub;
      const label = (name: string) => (member ? `${member}:${name}` : name);
      if (!wanted.some((n) => PICKLE_EXTENSIONS.has(extensionOf(n)) || extensionOf(n) !== '')) continue;
      const data = await decodeFolder(ctx, src, streams, fi, label(wanted[0] as string));
      if (!data) continue;
      let off = 0;
      for (let k = 0; k < sizes.length; k++) {
        const size = sizes[k] as number;
        const path = label(wanted[k] as string);
        const part = data.subarray(off, off + size);
        off += size;
        const kind = sniff(part.subarray(0, SNIFF_BYTES + 512), part.length, path);
        if (!PICKLE_EXTENSIONS.has(extensionOf(path)) && (kind === 'pickle-maybe' || kind === 'onnx')) continue;
        ctx.report.members[path] = await ctx.scanInner(bytesSource(part, path), path);
      }
    }
  } finally {
    ctx.depth--;
  }
  return '7z';
}

async function decodeFolder(
  ctx: ScanContext,
  src: ScanSource,
  s: Streams,
  index: number,
  label: string,
): Promise<Uint8Array | undefined> {
  const folder = s.folders[index];
  if (!folder) throw bad('folder index');
  const chain = coderChain(folder);
  if (!chain) {
    ctx.unscannable(label, '7z-codec', '7z folder uses a multi-stream coder graph that is not supported');
    return undefined;
  }
  const size = Math.max(0, ...folder.unpackSizes);
  if (size > ctx.opts.limits.maxEntryInflated || !ctx.reserve(size)) {
    ctx.report.add(label, 'zip-bomb', 'too_large', 'dangerous', 'high', '7z folder exceeds the inflate budget');
    return undefined;
  }
  let packStart = 32 + s.packPos;
  for (let i = 0; i < index; i++) packStart += s.packSizes[i] ?? 0;
  const packSize = s.packSizes[index] ?? 0;
  if (packStart + packSize > src.size) throw bad('packed stream is outside the file');
  let data = await src.read(packStart, packSize);
  try {
    for (const ci of chain) {
      const coder = folder.coders[ci] as Coder;
      const out = folder.unpackSizes[ci] ?? 0;
      if (coder.id === '00') data = data.subarray(0, out);
      else if (coder.id === '21') data = lzma2Decode(data, out);
      else if (coder.id === '030101') data = lzmaDecode(data, coder.props, out);
      else if (coder.id === '040108') data = (await inflate(data, out)).bytes;
      else if (coder.id === '03030103') data = bcjX86Decode(data.slice(0, out));
      else {
        ctx.unscannable(label, '7z-codec', `7z codec ${coder.id} is not supported`);
        return undefined;
      }
    }
  } catch (e) {
    if (e instanceof ValidationError) {
      ctx.report.add(label, '7z-decode', e.code, 'suspicious', 'medium', e.message);
      return undefined;
    }
    throw e;
  }
  return data;
}

/** Decode order of a folder whose coders each have one input and one output, or undefined. */
function coderChain(folder: Folder): number[] | undefined {
  const { coders, binds } = folder;
  if (coders.some((c) => c.ins !== 1 || c.outs !== 1)) return undefined;
  const boundIn = new Set(binds.map((b) => b[0]));
  let cur = coders.findIndex((_, i) => !boundIn.has(i));
  const order: number[] = [];
  while (cur >= 0 && order.length <= coders.length) {
    order.push(cur);
    const bind = binds.find((b) => b[1] === cur);
    cur = bind ? bind[0] : -1;
  }
  return order.length === coders.length ? order : undefined;
}

function u64(b: Uint8Array): number {
  let v = 0;
  for (let i = 7; i >= 0; i--) v = v * 256 + (b[i] as number);
  return v;
}
