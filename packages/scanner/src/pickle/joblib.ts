/**
 * joblib's `NumpyArrayWrapper`: joblib writes each numpy array's raw bytes straight into the pickle
 * stream after the wrapper's BUILD (after one padding-length byte and padding when the wrapper has
 * `numpy_array_alignment_bytes`), and object arrays as a nested pickle. To keep disassembling past
 * them, the array size is computed from the wrapper's abstract state: `shape` × dtype item size.
 */

import type { RawGlobal } from './limits';
import { dictGet, isGlobal, itemsOf, PV, strOf, T, type Value } from './values';

/** What follows a wrapper's BUILD in the stream. */
export type JoblibPlan =
  | { kind: 'raw'; bytes: number; aligned: boolean }
  | { kind: 'object' }
  | { kind: 'unknown'; reason: string };

/**
 * Plan the bytes that follow a NumpyArrayWrapper whose BUILD state is `state`.
 *
 * @example
 * ```ts
 * joblibArrayPlan(state); // { kind: 'raw', bytes: 800, aligned: true }
 * ```
 */
export function joblibArrayPlan(state: Value): JoblibPlan {
  const shape = dictGet(state, 'shape');
  const dims = itemsOf(shape ?? null);
  if (!dims || (shape as PV).b !== dims.length) return { kind: 'unknown', reason: 'shape' };
  let count = 1;
  for (const d of dims) {
    if (typeof d !== 'number' || d < 0 || !Number.isSafeInteger(d)) return { kind: 'unknown', reason: 'shape' };
    count *= d;
  }
  const dtype = dictGet(state, 'dtype');
  const item = dtypeInfo(dtype, 0);
  if (item === 'object') return { kind: 'object' };
  if (item === undefined) return { kind: 'unknown', reason: 'dtype' };
  const bytes = count * item;
  if (!Number.isSafeInteger(bytes)) return { kind: 'unknown', reason: 'size' };
  return { kind: 'raw', bytes, aligned: dictGet(state, 'numpy_array_alignment_bytes') !== undefined };
}

/** Item size of an abstract `numpy.dtype(...)` call (with its BUILD state), or 'object'. */
function dtypeInfo(v: Value | undefined, depth: number): number | 'object' | undefined {
  if (depth > 8 || !(v instanceof PV) || v.t !== T.call || !isGlobal(v.a as Value)) return undefined;
  const g = (v.a as PV).a as RawGlobal;
  if (g.name !== 'dtype' || !g.module.startsWith('numpy')) return undefined;
  const args = itemsOf(v.b as Value);
  const spec = strOf(args?.[0]);
  if (spec === undefined) return undefined;
  const state = itemsOf((v.s ?? null) as Value);
  const m = /^[<>|=]?([a-zA-Z])(\d*)$/.exec(spec);
  if (!m) return undefined;
  const kind = m[1] as string;
  if (kind === 'O') return 'object';
  const elsize = state?.[5];
  const fields = state?.[4];
  if (fields instanceof PV && fields.t === T.dict) {
    const kv = fields.a as Value[];
    for (let i = 1; i < kv.length; i += 2) {
      const sub = itemsOf(kv[i] as Value)?.[0];
      if (dtypeInfo(sub, depth + 1) === 'object') return 'object';
    }
  }
  if (typeof elsize === 'number' && elsize > 0) return elsize;
  if (m[2]) return Number(m[2]) * (kind === 'U' ? 4 : 1);
  return kind === 'b' || kind === '?' ? 1 : undefined;
}
