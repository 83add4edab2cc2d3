/**
 * tar archives (PyTorch's oldest checkpoint format, with `sys_info`/`pickle`/`storages`/`tensors`
 * members, and model tarballs): ustar/GNU headers walked with bounded entry counts; every regular
 * file is scanned as a nested file (`pickle` and `sys_info` as pickles).
 */
import type { ScanContext } from '../context';
import { scanPickleStream } from '../scan-source';
import { type ScanSource, subSource } from '../source';
import type { ScanFormat } from '../types';

const dec = /* @__PURE__ */ new TextDecoder('utf-8');

/**
 * Scan a tar archive's members.
 *
 * @example
 * ```ts
 * await scanTar(ctx, bytesSource(tarBytes), '');
 * ```
 */
export async function scanTar(ctx: ScanContext, src: ScanSource, member: string): Promise<ScanFormat> {
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
    return 'tar';
  }
  let off = 0;
  let count = 0;
  let longName: string | undefined;
  let torch = false;
  ctx.depth++;
  try {
    while (off + 512 <= src.size) {
      ctx.checkAbort();
      const h = await src.read(off, 512);
      if (h.every((b) => b === 0)) break;
      if (++count > limits.maxEntries) {
        ctx.report.add(
          member,
          'tar-entries',
          'too_large',
          'suspicious',
          'medium',
          'tar has more entries than the limit',
        );
        break;
      }
      const size = octal(h, 124, 12);
      const type = String.fromCharCode(h[156] as number);
      if (size === undefined) {
        ctx.report.add(
          member,
          'tar-header',
          'malformed_file',
          'suspicious',
          'medium',
          'tar header has a bad size field',
        );
        break;
      }
      const prefix = cstr(h, 345, 155);
      const name = longName ?? (prefix ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100));
      longName = undefined;
      const dataOff = off + 512;
      if (type === 'L') {
        longName = cstr(await src.read(dataOff, Math.min(size, 4096)), 0, 4096);
      } else if (type === '0' || type === '\0' || type === '7') {
        const path = member ? `${member}:${name}` : name;
        const inner = subSource(src, dataOff, size, path);
        const base = name.slice(name.lastIndexOf('/') + 1);
        if (base === 'pickle' || base === 'sys_info') {
          torch = true;
          ctx.report.members[path] = await scanPickleStream(ctx, inner, path, ctx.opts.limits.maxPickles, 'pickle');
        } else if (base === 'storages' || base === 'tensors') {
          torch = true;
          ctx.report.members[path] = await scanPickleStream(ctx, inner, path, 1, 'pickle');
        } else ctx.report.members[path] = await ctx.scanInner(inner, path);
      }
      off = dataOff + Math.ceil(size / 512) * 512;
    }
  } finally {
    ctx.depth--;
  }
  return torch ? 'pytorch-tar' : 'tar';
}

function octal(h: Uint8Array, start: number, len: number): number | undefined {
  const s = cstr(h, start, len).trim();
  if (!/^[0-7]*$/.test(s)) return undefined;
  return s === '' ? 0 : Number.parseInt(s, 8);
}

function cstr(h: Uint8Array, start: number, len: number): string {
  let end = start;
  while (end < start + len && end < h.length && h[end] !== 0) end++;
  return dec.decode(h.subarray(start, end));
}
