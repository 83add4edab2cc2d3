/**
 * Format detection by magic bytes, independent of the file name (a PyTorch zip renamed `.txt`, a
 * pickle named `.pt` that skips the legacy magic number...). The extension is only a hint for
 * formats without a signature (ONNX protobuf, raw pickles).
 */
import type { ScanFormat } from './types';

/** Bytes of the head that {@link sniff} looks at. */
export const SNIFF_BYTES = 64;

// PyTorch's legacy serialization magic number 0x1950A86A20F9469CFC6C as LONG1 payload.
const TORCH_MAGIC = [0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

/** What {@link sniff} decided. */
export type Sniffed = ScanFormat | 'pickle-maybe';

/**
 * Guess the format from the first bytes (`head`, at least `SNIFF_BYTES` (64) when the file is that
 * long), the total size and the file name.
 *
 * @example
 * ```ts
 * sniff(new Uint8Array([0x50, 0x4b, 3, 4]), 4, 'model.txt'); // 'zip'
 * ```
 */
export function sniff(head: Uint8Array, _size: number, name = ''): Sniffed {
  const b = (i: number) => head[i] ?? -1;
  const ext = extensionOf(name);
  if (b(0) === 0x50 && b(1) === 0x4b && ((b(2) === 3 && b(3) === 4) || (b(2) === 5 && b(3) === 6))) return 'zip';
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (startsWith(head, [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59])) return 'numpy';
  if (startsWith(head, [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])) return 'hdf5';
  if (startsWith(head, [0x47, 0x47, 0x55, 0x46])) return 'gguf';
  if (b(0) === 0x1f && b(1) === 0x8b) return 'gzip';
  // zlib stream (joblib's default compressor): CMF 0x78 and a valid FCHECK.
  if (b(0) === 0x78 && ((b(0) << 8) | b(1)) % 31 === 0) return 'zlib';
  if (head.length >= 262 && startsWith(head.subarray(257), [0x75, 0x73, 0x74, 0x61, 0x72])) return 'tar';
  if (b(0) === 0x80 && b(2) === 0x8a && b(3) === 0x0a && startsWith(head.subarray(4), TORCH_MAGIC))
    return 'pytorch-legacy';
  if (isSafetensorsHead(head, ext)) return 'safetensors';
  if (b(0) === 0x80 && b(1) >= 0 && b(1) <= 5) return 'pickle';
  if (ext === 'onnx' || looksLikeOnnx(head)) return 'onnx';
  if (ext === 'keras' || ext === 'h5' || ext === 'hdf5') return 'pickle-maybe';
  return 'pickle-maybe';
}

/**
 * safetensors: u64 little-endian header length, then a JSON object (`{"` or `{}`). The length is not
 * trusted here (a hostile 2^63 claim must still be recognized, then rejected by the validator).
 */
function isSafetensorsHead(head: Uint8Array, ext: string): boolean {
  if (head.length < 10 || head[8] !== 0x7b) return ext === 'safetensors' && head.length >= 8;
  const next = head[9] as number;
  if (next !== 0x22 && next !== 0x7d && next !== 0x20 && next !== 0x0a) return ext === 'safetensors';
  return !(head[0] === 0x80 && (head[1] as number) <= 5);
}

const ONNX_NEXT = /* @__PURE__ */ new Set([0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42, 0x72]);

/** ONNX ModelProto starts with field 1 (ir_version, varint) and small values. */
function looksLikeOnnx(head: Uint8Array): boolean {
  return (
    head.length >= 4 &&
    head[0] === 0x08 &&
    (head[1] as number) > 0 &&
    (head[1] as number) < 32 &&
    ONNX_NEXT.has(head[2] as number)
  );
}

function startsWith(head: Uint8Array, sig: readonly number[]): boolean {
  if (head.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (head[i] !== sig[i]) return false;
  return true;
}

/**
 * Lower-case extension without the dot (`'pkl'`), or `''`.
 *
 * @example
 * ```ts
 * extensionOf('a/b/model.PKL'); // 'pkl'
 * ```
 */
export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Extensions picklescan treats as pickles inside archives. */
export const PICKLE_EXTENSIONS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'pkl',
  'pickle',
  'joblib',
  'dat',
  'data',
  'dill',
]);
