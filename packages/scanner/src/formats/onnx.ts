/**
 * ONNX: a bounded walk of the ModelProto protobuf (graphs, subgraphs in attributes, functions,
 * training graphs) that flags external-data locations leaving the model folder (absolute paths,
 * `..`, drive letters, NUL), non-standard operator domains (custom-op libraries run native code;
 * `ai.onnx.contrib` can run Python), and implausible tensor sizes.
 */
import { ValidationError } from '@modelsec/core';
import type { ScanContext } from '../context';
import { printable } from '../report';
import type { ScanSource } from '../source';
import type { ScanFormat } from '../types';
import { fields } from './protobuf';

/** Operator domains shipped with ONNX and onnxruntime. */
export const STANDARD_ONNX_DOMAINS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  '',
  'ai.onnx',
  'ai.onnx.ml',
  'ai.onnx.training',
  'ai.onnx.preview.training',
  'com.microsoft',
  'com.microsoft.nchwc',
  'com.microsoft.mlfeaturizers',
  'com.ms.internal.nhwc',
  'org.pytorch.aten',
]);

const MAX_DEPTH = 64;
const DTYPE_BYTES: Readonly<Record<number, number>> = {
  1: 4,
  2: 1,
  3: 1,
  4: 2,
  5: 2,
  6: 4,
  7: 8,
  9: 1,
  10: 2,
  11: 8,
  12: 4,
  13: 8,
  14: 8,
  15: 16,
  16: 2,
};
const dec = /* @__PURE__ */ new TextDecoder('utf-8');

interface Walk {
  ctx: ScanContext;
  member: string;
  buf: Uint8Array;
  domains: Set<string>;
  nodes: number;
}

/**
 * Scan an ONNX model.
 *
 * @example
 * ```ts
 * await scanOnnx(ctx, bytesSource(onnxBytes), 'model.onnx');
 * ```
 */
export async function scanOnnx(ctx: ScanContext, src: ScanSource, member: string): Promise<ScanFormat> {
  if (src.size > ctx.opts.limits.maxOnnxBytes) {
    ctx.unscannable(member, 'onnx-size', 'ONNX file larger than the walk limit', 'too_large');
    return 'onnx';
  }
  const buf = src.bytes ?? (await src.read(0, src.size));
  const w: Walk = { ctx, member, buf, domains: new Set(), nodes: 0 };
  try {
    for (const f of fields(buf, 0, buf.length)) {
      if (f.field === 7 && f.wire === 2) graph(w, f.start, f.end, 0);
      else if (f.field === 8 && f.wire === 2) opset(w, f.start, f.end);
      else if (f.field === 25 && f.wire === 2) fn(w, f.start, f.end, 0);
      else if (f.field === 20 && f.wire === 2) {
        for (const t of fields(buf, f.start, f.end))
          if (t.wire === 2 && (t.field === 1 || t.field === 2)) graph(w, t.start, t.end, 1);
      }
    }
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    ctx.report.add(
      member,
      'onnx-structure',
      e.code,
      'suspicious',
      'medium',
      `ONNX protobuf is malformed: ${e.message}`,
    );
  }
  for (const d of w.domains) {
    if (STANDARD_ONNX_DOMAINS.has(d)) continue;
    const python = d === 'ai.onnx.contrib';
    ctx.report.add(
      member,
      'onnx-custom-domain',
      'policy_violation',
      'suspicious',
      python ? 'high' : 'medium',
      `operator domain "${printable(d)}" is not standard: loading needs a custom-op library${python ? ' (may run Python)' : ''}`,
    );
  }
  return 'onnx';
}

function str(w: Walk, s: number, e: number): string {
  return dec.decode(w.buf.subarray(s, Math.min(e, s + 4096)));
}

function opset(w: Walk, s: number, e: number): void {
  for (const f of fields(w.buf, s, e)) if (f.field === 1 && f.wire === 2) w.domains.add(str(w, f.start, f.end));
}

function fn(w: Walk, s: number, e: number, depth: number): void {
  for (const f of fields(w.buf, s, e)) {
    if (f.wire !== 2) continue;
    if (f.field === 7) node(w, f.start, f.end, depth + 1);
    else if (f.field === 9) opset(w, f.start, f.end);
  }
}

function graph(w: Walk, s: number, e: number, depth: number): void {
  if (depth > MAX_DEPTH) throw new ValidationError('too_deep', 'ONNX subgraphs nest too deeply');
  for (const f of fields(w.buf, s, e)) {
    if (f.wire !== 2) continue;
    if (f.field === 1) node(w, f.start, f.end, depth);
    else if (f.field === 5) tensor(w, f.start, f.end);
    else if (f.field === 15)
      for (const t of fields(w.buf, f.start, f.end)) if (t.wire === 2 && t.field <= 2) tensor(w, t.start, t.end);
  }
}

function node(w: Walk, s: number, e: number, depth: number): void {
  w.nodes++;
  let domain = '';
  for (const f of fields(w.buf, s, e)) {
    if (f.wire !== 2) continue;
    if (f.field === 7) domain = str(w, f.start, f.end);
    else if (f.field === 5) attribute(w, f.start, f.end, depth);
  }
  w.domains.add(domain);
}

function attribute(w: Walk, s: number, e: number, depth: number): void {
  for (const f of fields(w.buf, s, e)) {
    if (f.wire !== 2) continue;
    if (f.field === 6 || f.field === 11) graph(w, f.start, f.end, depth + 1);
    else if (f.field === 5 || f.field === 10) tensor(w, f.start, f.end);
  }
}

function tensor(w: Walk, s: number, e: number): void {
  let elements = 1;
  let dtype = 0;
  let raw = -1;
  let external = false;
  for (const f of fields(w.buf, s, e)) {
    if (f.field === 1 && f.wire === 0) {
      // int64 dims: negative values arrive as huge varints
      elements = f.value > 2 ** 50 ? Number.POSITIVE_INFINITY : elements * f.value;
    } else if (f.field === 1 && f.wire === 2) {
      for (const d of packed(w.buf, f.start, f.end)) elements = d > 2 ** 50 ? Number.POSITIVE_INFINITY : elements * d;
    } else if (f.field === 2 && f.wire === 0) dtype = f.value;
    else if (f.field === 9 && f.wire === 2) raw = f.value;
    else if (f.field === 14 && f.wire === 0) external = f.value === 1;
    else if (f.field === 13 && f.wire === 2) externalEntry(w, f.start, f.end);
  }
  const { ctx, member } = w;
  if (!Number.isFinite(elements) || elements > 2 ** 40) {
    ctx.report.add(
      member,
      'onnx-tensor-size',
      'invalid_shape',
      'suspicious',
      'medium',
      'a tensor has an implausible or negative shape',
    );
    return;
  }
  const size = DTYPE_BYTES[dtype];
  if (!external && raw >= 0 && size !== undefined && raw !== elements * size) {
    ctx.report.add(
      member,
      'onnx-tensor-size',
      'invalid_shape',
      'suspicious',
      'medium',
      'a tensor raw_data length differs from its shape × dtype size',
    );
  }
}

function* packed(buf: Uint8Array, s: number, e: number): Generator<number> {
  let p = s;
  while (p < e) {
    let v = 0;
    let mul = 1;
    let i = 0;
    for (; i < 10 && p < e; i++) {
      const b = buf[p++] as number;
      v += (b & 0x7f) * mul;
      mul *= 128;
      if (b < 0x80) break;
    }
    if (i === 10) throw new ValidationError('malformed_file', 'protobuf varint longer than 10 bytes');
    yield v;
  }
}

function externalEntry(w: Walk, s: number, e: number): void {
  let key = '';
  let value = '';
  for (const f of fields(w.buf, s, e)) {
    if (f.wire !== 2) continue;
    if (f.field === 1) key = str(w, f.start, f.end);
    else if (f.field === 2) value = str(w, f.start, f.end);
  }
  const { ctx, member } = w;
  if (key === 'location') {
    if (escapesFolder(value)) {
      ctx.report.add(
        member,
        'onnx-external-data',
        'path_traversal',
        'dangerous',
        'high',
        'external data location leaves the model folder (absolute path or "..")',
      );
    }
  } else if (key === 'offset' || key === 'length') {
    if (!/^\d{1,15}$/.test(value)) {
      ctx.report.add(
        member,
        'onnx-external-data',
        'out_of_range',
        'suspicious',
        'medium',
        `external data ${key} is not a plausible byte count`,
      );
    }
  }
}

/**
 * True when a relative path from a model file escapes its folder: absolute (POSIX, Windows drive or
 * UNC), any `..` segment, or a NUL byte.
 *
 * @example
 * ```ts
 * escapesFolder('../../etc/passwd'); // true
 * escapesFolder('weights/model.bin'); // false
 * ```
 */
export function escapesFolder(path: string): boolean {
  if (path.includes('\0') || path === '') return path.includes('\0');
  if (path.startsWith('/') || path.startsWith('\\') || /^[a-zA-Z]:/.test(path)) return true;
  return path.split(/[\\/]/).some((seg) => seg === '..');
}
