/**
 * NumPy `.npy`: magic, version, header length, and the header dict (`descr`, `fortran_order`,
 * `shape`) parsed as a Python literal without evaluating it. Object dtypes store a pickle after the
 * header, which is disassembled; other dtypes must hold exactly shape × itemsize bytes.
 */
import type { ScanContext } from '../context';
import { type PyLiteral, parsePyLiteral } from '../formats/py-literal';
import { scanPickleStream } from '../scan-source';
import type { ScanSource } from '../source';
import type { ScanFormat } from '../types';

const MAX_HEADER = 1 << 20;

/**
 * Scan a `.npy` stream.
 *
 * @example
 * ```ts
 * await scanNumpy(ctx, bytesSource(npy), 'weights.npy');
 * ```
 */
export async function scanNumpy(ctx: ScanContext, src: ScanSource, member: string): Promise<ScanFormat> {
  const r = ctx.report;
  const pre = await src.read(0, 12);
  const major = pre[6] ?? 0;
  if (pre.length < 10 || major < 1 || major > 3) {
    r.add(member, 'npy-header', 'malformed_file', 'suspicious', 'medium', `unsupported .npy version ${major}`);
    return 'numpy';
  }
  const len = major === 1 ? (pre[8] as number) | ((pre[9] as number) << 8) : readU32(pre, 8);
  const start = major === 1 ? 10 : 12;
  if (len > MAX_HEADER || start + len > src.size) {
    r.add(
      member,
      'npy-header',
      len > MAX_HEADER ? 'too_large' : 'truncated_input',
      'suspicious',
      'medium',
      '.npy header length is implausible',
    );
    return 'numpy';
  }
  const text = new TextDecoder('latin1').decode(await src.read(start, len));
  const header = parsePyLiteral(text.trim());
  if (!isObject(header) || typeof header.fortran_order !== 'boolean' || !Array.isArray(header.shape)) {
    r.add(member, 'npy-header', 'malformed_file', 'suspicious', 'medium', '.npy header is not a valid literal dict');
    return 'numpy';
  }
  const descr = header.descr;
  const dataStart = start + len;
  if (hasObject(descr, 0)) {
    await scanPickleStream(ctx, src, member, ctx.opts.limits.maxPickles, 'numpy', dataStart);
    return 'numpy';
  }
  const item = itemSize(descr);
  let count = 1;
  for (const d of header.shape) {
    if (typeof d !== 'number' || d < 0) {
      r.add(member, 'npy-header', 'invalid_shape', 'suspicious', 'medium', '.npy shape has a non-integer dimension');
      return 'numpy';
    }
    count *= d;
  }
  if (item !== undefined && Number.isSafeInteger(count * item) && src.size - dataStart !== count * item) {
    const short = src.size - dataStart < count * item;
    r.add(
      member,
      'npy-size',
      short ? 'truncated_input' : 'malformed_file',
      'info',
      'low',
      `.npy data is ${short ? 'shorter' : 'longer'} than its shape and dtype say`,
    );
  }
  return 'numpy';
}

function isObject(v: PyLiteral | undefined): v is Record<string, PyLiteral> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when a descr (string or structured list) contains an object field. */
function hasObject(descr: PyLiteral | undefined, depth: number): boolean {
  if (depth > 16) return true;
  if (typeof descr === 'string') return /^[<>|=]?O/.test(descr);
  if (Array.isArray(descr)) return descr.some((f) => Array.isArray(f) && hasObject(f[1], depth + 1));
  return false;
}

function itemSize(descr: PyLiteral | undefined): number | undefined {
  if (typeof descr !== 'string') return undefined;
  const m = /^[<>|=]?([a-zA-Z])(\d+)$/.exec(descr);
  if (!m) return undefined;
  const n = Number(m[2]);
  return m[1] === 'U' ? n * 4 : n;
}

function readU32(b: Uint8Array, p: number): number {
  return (
    ((b[p] as number) | ((b[p + 1] as number) << 8) | ((b[p + 2] as number) << 16) | ((b[p + 3] as number) << 24)) >>> 0
  );
}
