/**
 * Test-input builders: pickles opcode by opcode, zip archives (stored or deflated, with knobs for
 * hostile layouts), safetensors, GGUF and ONNX protobuf files. Test code only.
 */

const te = new TextEncoder();

/** Concatenate byte arrays and numbers (single bytes). */
export function cat(...parts: (Uint8Array | number[] | string | number)[]): Uint8Array {
  const arrays = parts.map((p) =>
    typeof p === 'string' ? te.encode(p) : typeof p === 'number' ? new Uint8Array([p]) : Uint8Array.from(p),
  );
  const out = new Uint8Array(arrays.reduce((a, b) => a + b.length, 0));
  let o = 0;
  for (const a of arrays) {
    out.set(a, o);
    o += a.length;
  }
  return out;
}

export const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
export const le16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
export const le64 = (n: number | bigint) => {
  let v = BigInt(n);
  const out: number[] = [];
  for (let i = 0; i < 8; i++) {
    out.push(Number(v & 0xffn));
    v >>= 8n;
  }
  return out;
};

/** Pickle opcodes as builders. */
export const P = {
  proto: (n: number) => [0x80, n],
  su: (s: string) => {
    const b = te.encode(s);
    return cat(0x8c, b.length, b);
  },
  bu: (s: string) => {
    const b = te.encode(s);
    return cat(0x58, le32(b.length), b);
  },
  global: (m: string, n: string) => cat('c', m, '\n', n, '\n'),
  inst: (m: string, n: string) => cat('i', m, '\n', n, '\n'),
  stackGlobal: [0x93],
  memoize: [0x94],
  binput: (i: number) => [0x71, i],
  binget: (i: number) => [0x68, i],
  longBinget: (i: number) => [0x6a, ...le32(i)],
  put: (i: number) => cat('p', String(i), '\n'),
  get: (i: number) => cat('g', String(i), '\n'),
  mark: [0x28],
  tuple1: [0x85],
  tuple: [0x74],
  emptyTuple: [0x29],
  emptyDict: [0x7d],
  reduce: [0x52],
  build: [0x62],
  obj: [0x6f],
  newobj: [0x81],
  pop: [0x30],
  none: [0x4e],
  binint1: (n: number) => [0x4b, n],
  stop: [0x2e],
};

/** A pickle from parts (PROTO 4 … STOP unless given). */
export function pickle(...parts: (Uint8Array | number[] | string | number)[]): Uint8Array {
  return cat(...parts);
}

/** `module.name(arg)` as a protocol-4 pickle using STACK_GLOBAL. */
export function callPickle(module: string, name: string, arg = 'x'): Uint8Array {
  return cat(
    P.proto(4),
    P.su(module),
    P.memoize,
    P.su(name),
    P.memoize,
    P.stackGlobal,
    P.memoize,
    P.su(arg),
    P.tuple1,
    P.reduce,
    P.stop,
  );
}

export interface ZipFileSpec {
  name: string;
  data: Uint8Array;
  deflate?: boolean;
  flags?: number;
  /** Declared uncompressed size (defaults to the real one). */
  declaredSize?: number;
}

async function deflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const cs = new CompressionStream('deflate-raw');
  const w = cs.writable.getWriter();
  w.write(data as Uint8Array<ArrayBuffer>);
  w.close();
  return new Uint8Array(await new Response(cs.readable).arrayBuffer());
}

/** Write a zip archive (no CRCs: readers here, like PyTorch's, do not check them). */
export async function zip(
  files: ZipFileSpec[],
  opts: { prefix?: Uint8Array; overlap?: boolean } = {},
): Promise<Uint8Array> {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0; // offsets relative to the archive start, as a self-extractor stub leaves them
  const offsets: number[] = [];
  for (const f of files) {
    const body = f.deflate ? await deflateRaw(f.data) : f.data;
    const name = te.encode(f.name);
    const method = f.deflate ? 8 : 0;
    const size = f.declaredSize ?? f.data.length;
    const header = cat(
      le32(0x04034b50),
      le16(20),
      le16(f.flags ?? 0),
      le16(method),
      le32(0),
      le32(0),
      le32(body.length),
      le32(size),
      le16(name.length),
      le16(0),
      name,
    );
    offsets.push(offset);
    const off = opts.overlap && offsets.length > 1 ? (offsets[0] as number) : offset;
    centrals.push(
      cat(
        le32(0x02014b50),
        le16(20),
        le16(20),
        le16(f.flags ?? 0),
        le16(method),
        le32(0),
        le32(0),
        le32(body.length),
        le32(size),
        le16(name.length),
        le16(0),
        le16(0),
        le16(0),
        le16(0),
        le32(0),
        le32(off),
        name,
      ),
    );
    locals.push(header, body);
    offset += header.length + body.length;
  }
  const cd = cat(...centrals);
  const eocd = cat(
    le32(0x06054b50),
    le16(0),
    le16(0),
    le16(files.length),
    le16(files.length),
    le32(cd.length),
    le32(offset),
    le16(0),
  );
  return cat(opts.prefix ?? [], ...locals, cd, eocd);
}

/** A safetensors file from a header object and a data section length. */
export function safetensors(header: unknown, dataBytes: number, lengthOverride?: bigint): Uint8Array {
  const json = te.encode(JSON.stringify(header));
  return cat(le64(lengthOverride ?? BigInt(json.length)), json, new Uint8Array(dataBytes));
}

/** A GGUF v3 file with string metadata and F32 tensors. */
export function gguf(opts: {
  version?: number;
  kv?: Record<string, string>;
  tensors?: { name: string; dims: number[] }[];
  counts?: [bigint, bigint];
}): Uint8Array {
  const str = (s: string) => {
    const b = te.encode(s);
    return cat(le64(b.length), b);
  };
  const kv = Object.entries(opts.kv ?? {});
  const tensors = opts.tensors ?? [];
  const parts: (Uint8Array | number[])[] = [
    te.encode('GGUF'),
    le32(opts.version ?? 3),
    le64(opts.counts?.[0] ?? BigInt(tensors.length)),
    le64(opts.counts?.[1] ?? BigInt(kv.length)),
  ];
  for (const [k, v] of kv) parts.push(str(k), le32(8), str(v));
  let off = 0;
  for (const t of tensors) {
    parts.push(str(t.name), le32(t.dims.length), ...t.dims.map((d) => le64(d)), le32(0), le64(off));
    off += Math.ceil((t.dims.reduce((a, b) => a * b, 1) * 4) / 32) * 32;
  }
  let head = cat(...parts);
  const pad = (32 - (head.length % 32)) % 32;
  head = cat(head, new Uint8Array(pad), new Uint8Array(off));
  return head;
}

/** Protobuf encoding helpers for ONNX test models. */
export const pb = {
  varint(n: number): number[] {
    const out: number[] = [];
    let v = n;
    while (v >= 0x80) {
      out.push((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
    return out;
  },
  field(num: number, payload: Uint8Array | string): Uint8Array {
    const b = typeof payload === 'string' ? te.encode(payload) : payload;
    return cat(pb.varint(num * 8 + 2), pb.varint(b.length), b);
  },
  int(num: number, v: number): Uint8Array {
    return cat(pb.varint(num * 8), pb.varint(v));
  },
};

/** A minimal ONNX model: one node (domain), optional initializer with external data location. */
export function onnx(opts: { domain?: string; location?: string; dims?: number[]; raw?: number }): Uint8Array {
  const node = cat(
    pb.field(1, 'x'),
    pb.field(2, 'y'),
    pb.field(4, 'Relu'),
    ...(opts.domain !== undefined ? [pb.field(7, opts.domain)] : []),
  );
  const tensorParts: Uint8Array[] = [...(opts.dims ?? [2]).map((d) => pb.int(1, d)), pb.int(2, 1), pb.field(8, 'w')];
  if (opts.raw !== undefined) tensorParts.push(pb.field(9, new Uint8Array(opts.raw)));
  if (opts.location !== undefined) {
    tensorParts.push(pb.field(13, cat(pb.field(1, 'location'), pb.field(2, opts.location))), pb.int(14, 1));
  }
  const graph = cat(pb.field(1, node), pb.field(2, 'g'), pb.field(5, cat(...tensorParts)));
  return cat(pb.int(1, 8), pb.field(2, 'test'), pb.field(7, graph), pb.field(8, cat(pb.field(1, ''), pb.int(2, 17))));
}
