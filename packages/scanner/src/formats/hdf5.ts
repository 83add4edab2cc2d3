/**
 * Legacy Keras HDF5 (`.h5`): the HDF5 superblock is checked, then the Keras JSON configs stored as
 * root attributes (`model_config`, `training_config`) are found by a documented signature scan:
 * Keras writes them with `json.dumps`, so they start with `{"class_name": "` and are stored
 * contiguously in the root object header or a heap block. Each candidate is cut at its matching
 * brace (string-aware, bounded) and walked like a `.keras` config. Reads at most `maxHdf5Scan` bytes.
 */
import type { ScanContext } from '../context';
import type { ScanSource } from '../source';
import type { ScanFormat } from '../types';
import { scanKerasConfig } from './keras';

const SIG = /* @__PURE__ */ new TextEncoder().encode('{"class_name": "');
const CHUNK = 1 << 22;

/**
 * Scan an HDF5 file for Keras configs.
 *
 * @example
 * ```ts
 * await scanHdf5(ctx, bytesSource(h5), 'model.h5');
 * ```
 */
export async function scanHdf5(ctx: ScanContext, src: ScanSource, member: string): Promise<ScanFormat> {
  const { limits } = ctx.opts;
  const head = await src.read(0, 16);
  const version = head[8] ?? 255;
  if (version > 3)
    ctx.report.add(
      member,
      'hdf5-superblock',
      'malformed_file',
      'suspicious',
      'medium',
      `unknown HDF5 superblock version ${version}`,
    );
  const end = Math.min(src.size, limits.maxHdf5Scan);
  let found = 0;
  let skipTo = 0;
  for (let off = 0; off < end && found < 16; off += CHUNK) {
    ctx.checkAbort();
    const buf = await src.read(off, Math.min(CHUNK + SIG.length, end - off));
    let i = indexOf(buf, SIG, Math.max(0, skipTo - off));
    while (i >= 0 && found < 16) {
      const json = await cut(src, off + i, limits.maxJsonBytes);
      let next = i + 1;
      if (json) {
        found++;
        const name = member ? `${member}:model_config` : 'model_config';
        ctx.report.members[name] = 'keras';
        scanKerasConfig(ctx, json, name);
        next = i + json.length; // nested objects of this config were walked already
        skipTo = off + next;
      }
      i = indexOf(buf, SIG, next);
    }
  }
  if (src.size > limits.maxHdf5Scan)
    ctx.unscannable(member, 'hdf5-size', 'only the first bytes of the HDF5 file were searched', 'too_large');
  return 'hdf5';
}

function indexOf(buf: Uint8Array, sig: Uint8Array, from: number): number {
  for (
    let i = buf.indexOf(sig[0] as number, from);
    i >= 0 && i + sig.length <= buf.length;
    i = buf.indexOf(sig[0] as number, i + 1)
  ) {
    let ok = true;
    for (let j = 1; j < sig.length; j++)
      if (buf[i + j] !== sig[j]) {
        ok = false;
        break;
      } // prettier-ignore
    if (ok) return i;
  }
  return -1;
}

/** The JSON object starting at `start`, cut at its matching brace; undefined when unbalanced. */
async function cut(src: ScanSource, start: number, max: number): Promise<Uint8Array | undefined> {
  const buf = await src.read(start, Math.min(max, src.size - start));
  let depth = 0;
  let inStr = false;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i] as number;
    if (inStr) {
      if (b === 0x5c) i++;
      else if (b === 0x22) inStr = false;
    } else if (b === 0x22) inStr = true;
    else if (b === 0x7b) depth++;
    else if (b === 0x7d && --depth === 0) return buf.subarray(0, i + 1);
  }
  return undefined;
}
