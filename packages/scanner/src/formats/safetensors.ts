/**
 * safetensors header validation per the format: 8-byte little-endian header length (at most
 * 100,000,000), a UTF-8 JSON object, known dtypes, non-negative integer shapes, `data_offsets`
 * whose span equals shape × dtype size, offsets sorted and contiguous from 0 to the end of the
 * file, and `__metadata__` holding strings only. Only the header is read, never the tensor data.
 */
import type { ScanContext } from '../context';
import type { ScanSource } from '../source';
import type { ScanFormat } from '../types';

/** Bits per element of each safetensors dtype. */
export const SAFETENSORS_DTYPE_BITS: Readonly<Record<string, number>> = Object.freeze({
  BOOL: 8,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E8M0: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  C64: 64,
  F64: 64,
  I64: 64,
  U64: 64,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
});

/**
 * Validate a safetensors file's header.
 *
 * @example
 * ```ts
 * await scanSafetensors(ctx, bytesSource(bytes), '');
 * ```
 */
export async function scanSafetensors(ctx: ScanContext, src: ScanSource, member: string): Promise<ScanFormat> {
  const bad = (
    rule: string,
    message: string,
    code:
      | 'malformed_file'
      | 'too_large'
      | 'invalid_json'
      | 'truncated_input'
      | 'invalid_shape'
      | 'invalid_dtype' = 'malformed_file',
  ) => ctx.report.add(member, `safetensors-${rule}`, code, 'suspicious', 'medium', message);
  const pre = await src.read(0, 8);
  if (pre.length < 8) {
    bad('length', 'file is shorter than the 8-byte header length', 'truncated_input');
    return 'safetensors';
  }
  // u64 as two halves: a 2^63 claim must not become a float that passes a comparison.
  const lo =
    ((pre[0] as number) | ((pre[1] as number) << 8) | ((pre[2] as number) << 16) | ((pre[3] as number) << 24)) >>> 0;
  const hi =
    ((pre[4] as number) | ((pre[5] as number) << 8) | ((pre[6] as number) << 16) | ((pre[7] as number) << 24)) >>> 0;
  const limit = Math.min(100_000_000, ctx.opts.limits.maxSafetensorsHeader);
  if (hi !== 0 || lo > limit) {
    bad('length', `header length ${hi !== 0 ? '>= 2^32' : lo} exceeds the ${limit}-byte limit`, 'too_large');
    return 'safetensors';
  }
  const n = lo;
  if (8 + n > src.size) {
    bad('length', 'header length runs past the end of the file', 'truncated_input');
    return 'safetensors';
  }
  const raw = await src.read(8, n);
  if (raw[0] !== 0x7b) {
    bad('json', 'header does not start with "{"', 'invalid_json');
    return 'safetensors';
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    bad('json', 'header is not valid UTF-8 JSON', 'invalid_json');
    return 'safetensors';
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    bad('json', 'header is not a JSON object', 'invalid_json');
    return 'safetensors';
  }
  const dataSize = src.size - 8 - n;
  const spans: [number, number][] = [];
  let problems = 0;
  const report = (rule: string, message: string, code?: Parameters<typeof bad>[2]) => {
    if (problems++ < 20) bad(rule, message, code);
  };
  for (const [key, info] of Object.entries(header as Record<string, unknown>)) {
    if (key === '__metadata__') {
      if (typeof info !== 'object' || info === null || Array.isArray(info))
        report('metadata', '__metadata__ is not an object');
      else if (Object.values(info).some((v) => typeof v !== 'string'))
        report('metadata', '__metadata__ values must all be strings');
      continue;
    }
    if (typeof info !== 'object' || info === null || Array.isArray(info)) {
      report('tensor', 'a tensor entry is not an object');
      continue;
    }
    const { dtype, shape, data_offsets: offsets } = info as Record<string, unknown>;
    const bits = typeof dtype === 'string' ? SAFETENSORS_DTYPE_BITS[dtype] : undefined;
    if (bits === undefined) {
      report('dtype', 'a tensor has an unknown dtype', 'invalid_dtype');
      continue;
    }
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      report('shape', 'a tensor shape is not a list of non-negative integers', 'invalid_shape');
      continue;
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      report('offsets', 'data_offsets is not a pair of non-negative integers');
      continue;
    }
    const [b, e] = offsets as [number, number];
    let count = 1;
    for (const d of shape as number[]) count *= d;
    const bytes = (count * bits) / 8;
    if (b > e || e > dataSize) report('offsets', 'data_offsets fall outside the data section', 'truncated_input');
    else if (!Number.isSafeInteger(bytes) || e - b !== bytes)
      report('size', 'data_offsets span differs from shape × dtype size', 'invalid_shape');
    spans.push([b, e]);
  }
  spans.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let at = 0;
  for (const [b, e] of spans) {
    if (b !== at) {
      report('layout', b < at ? 'tensors overlap' : 'tensors leave a hole in the data section');
      break;
    }
    at = e;
  }
  if (problems === 0 && at !== dataSize) report('layout', 'data section length differs from the tensors it holds');
  return 'safetensors';
}
