/**
 * GGUF (llama.cpp): magic, version 1-3, bounded tensor and metadata counts, every metadata value
 * walked with bounded strings and arrays, tensor infos checked against the file size (dims, known
 * ggml types, offsets), and chat templates (`tokenizer.chat_template*`) checked for Jinja2
 * template-injection patterns (the llama-cpp-python CVE-2024-34359 class).
 */
import { ValidationError } from '@modelsec/core';
import type { ScanContext } from '../context';
import { Cursor } from '../cursor';
import type { ScanSource } from '../source';
import type { ScanFormat } from '../types';
import { templateFindings } from './template-injection';

// ggml type → [block size, bytes per block]
const GGML_TYPES: Readonly<Record<number, readonly [number, number]>> = {
  0: [1, 4],
  1: [1, 2],
  2: [32, 18],
  3: [32, 20],
  6: [32, 22],
  7: [32, 24],
  8: [32, 34],
  9: [32, 36],
  10: [256, 84],
  11: [256, 110],
  12: [256, 144],
  13: [256, 176],
  14: [256, 210],
  15: [256, 292],
  16: [256, 66],
  17: [256, 74],
  18: [256, 98],
  19: [256, 50],
  20: [32, 18],
  21: [256, 110],
  22: [256, 82],
  23: [256, 136],
  24: [1, 1],
  25: [1, 2],
  26: [1, 4],
  27: [1, 8],
  28: [1, 8],
  29: [256, 56],
  30: [1, 2],
  34: [256, 54],
  35: [256, 66],
  39: [32, 17],
}; // prettier-ignore
const SCALAR_SIZE: Readonly<Record<number, number>> = {
  0: 1,
  1: 1,
  2: 2,
  3: 2,
  4: 4,
  5: 4,
  6: 4,
  7: 1,
  10: 8,
  11: 8,
  12: 8,
};
const dec = /* @__PURE__ */ new TextDecoder('utf-8');

/**
 * Scan a GGUF file's header, metadata and tensor infos.
 *
 * @example
 * ```ts
 * await scanGguf(ctx, bytesSource(bytes), 'model.gguf');
 * ```
 */
export async function scanGguf(ctx: ScanContext, src: ScanSource, member: string): Promise<ScanFormat> {
  const { limits } = ctx.opts;
  const r = ctx.report;
  const bad = (
    rule: string,
    message: string,
    code: 'malformed_file' | 'too_large' | 'unsupported_format' = 'malformed_file',
  ) => r.add(member, `gguf-${rule}`, code, 'suspicious', 'medium', message);
  const c = new Cursor(src, 0);
  await c.need(8);
  c.skip(4);
  const version = c.u32();
  if (version < 1 || version > 3) {
    bad('version', `unsupported GGUF version ${version}`, 'unsupported_format');
    return 'gguf';
  }
  const count = async () => {
    await c.need(8);
    return version === 1 ? c.u32() : c.u64();
  };
  const nTensors = await count();
  const nKv = await count();
  if (nTensors > limits.maxGgufTensors || nKv > limits.maxGgufKeys) {
    bad('counts', `tensor count ${nTensors} or metadata count ${nKv} exceeds the limits`, 'too_large');
    return 'gguf';
  }
  const str = async (max: number): Promise<string | undefined> => {
    const len = await count();
    if (len > limits.maxGgufString) throw new ValidationError('too_large', 'a GGUF string exceeds the string limit');
    if (len > max) {
      c.skip(len);
      return undefined;
    }
    await c.need(len);
    return dec.decode(c.bytes(len));
  };
  let alignment = 32;
  try {
    for (let i = 0; i < nKv; i++) {
      ctx.checkAbort();
      const key = (await str(1 << 16)) ?? '';
      await c.need(4);
      const type = c.u32();
      if (type === 8) {
        const isTemplate = key.startsWith('tokenizer.chat_template');
        const value = await str(isTemplate ? limits.maxGgufString : 1 << 16);
        if (isTemplate && value !== undefined) {
          for (const f of templateFindings(value))
            r.add(member, 'gguf-chat-template', f.code, f.level, f.severity, `${key}: ${f.message}`);
        }
      } else if (type === 9) {
        await c.need(4);
        const itemType = c.u32();
        const n = await count();
        if (n > c.remaining) throw new ValidationError('too_large', 'a GGUF array is longer than the file');
        if (itemType === 8) for (let j = 0; j < n; j++) await str(0);
        else if (SCALAR_SIZE[itemType] !== undefined) c.skip(n * (SCALAR_SIZE[itemType] as number));
        else throw new ValidationError('malformed_file', 'a GGUF array has an unsupported item type');
      } else if (SCALAR_SIZE[type] !== undefined) {
        const size = SCALAR_SIZE[type] as number;
        await c.need(size);
        if (key === 'general.alignment' && type === 4) alignment = c.u32();
        else c.skip(size);
      } else throw new ValidationError('malformed_file', `a GGUF value has unknown type ${type}`);
    }
    if (alignment === 0 || alignment > 1 << 20 || (alignment & (alignment - 1)) !== 0) {
      bad('alignment', 'general.alignment is not a power of two');
      alignment = 32;
    }
    const tensors: { offset: number; bytes: number }[] = [];
    for (let i = 0; i < nTensors; i++) {
      ctx.checkAbort();
      await str(0);
      await c.need(4);
      const dims = c.u32();
      if (dims > 8) throw new ValidationError('malformed_file', `a tensor has ${dims} dimensions`);
      await c.need(dims * 8 + 12);
      let elements = 1;
      for (let d = 0; d < dims; d++) elements *= c.u64();
      const type = c.u32();
      const offset = c.u64();
      const t = GGML_TYPES[type];
      if (!t) {
        bad('tensor-type', `a tensor has unknown ggml type ${type}`, 'unsupported_format');
        continue;
      }
      const bytes = (elements / t[0]) * t[1];
      if (!Number.isSafeInteger(bytes) || offset % alignment !== 0)
        bad('tensor', 'a tensor has an implausible size or unaligned offset');
      tensors.push({ offset, bytes });
    }
    const dataStart = Math.ceil(c.pos / alignment) * alignment;
    for (const t of tensors) {
      if (dataStart + t.offset + t.bytes > src.size) {
        bad('tensor', 'a tensor extends past the end of the file', 'malformed_file');
        break;
      }
    }
  } catch (e) {
    if (e instanceof ValidationError)
      bad('structure', e.message, e.code === 'too_large' ? 'too_large' : 'malformed_file');
    else throw e;
  }
  return 'gguf';
}
