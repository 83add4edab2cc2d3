/**
 * Drivers of the pickle disassembler: one call over bytes in memory, or window by window over a
 * {@link ScanSource} so a multi-gigabyte pickle (or a pickle followed by raw tensor data) is read
 * in bounded memory, skipping large payloads without reading them.
 */
import type { ScanSource } from '../source';
import type { PickleLimits } from './limits';
import { PickleMachine } from './machine';

/** The result of disassembling one stream. */
export type PickleScan = PickleMachine & {
  /** Absolute offset where disassembly stopped. */
  end: number;
};

/**
 * Disassemble pickles from `source[start, end)`.
 *
 * @example
 * ```ts
 * const r = await disassemble(bytesSource(bytes), 0, bytes.length, DEFAULT_PICKLE_LIMITS);
 * console.log([...r.globals.values()]);
 * ```
 */
export async function disassemble(
  source: ScanSource,
  start: number,
  end: number,
  limits: Readonly<PickleLimits>,
  maxPickles = limits.maxPickles,
): Promise<PickleScan> {
  const m = new PickleMachine(limits, maxPickles) as PickleScan;
  if (source.bytes) {
    m.base = 0;
    m.stable = true;
    m.end = m.run(source.bytes, start, end, true);
    return m;
  }
  let off = start;
  // Start small (a legacy checkpoint's pickles are a few KB before gigabytes of raw storage) and grow.
  let win = Math.min(m.limits.window, 1 << 16);
  while (!m.done) {
    if (m.skip > 0) {
      const s = Math.min(m.skip, end - off);
      off += s;
      m.skip -= s;
      if (m.skip > 0) {
        m.base = off;
        m.run(new Uint8Array(0), 0, 0, true);
        break;
      }
    }
    const len = Math.min(win, end - off);
    const buf = await source.read(off, len);
    const eof = off + buf.length >= end || buf.length < len;
    m.base = off;
    const p = m.run(buf, 0, buf.length, eof);
    if (m.done) {
      off += p;
      break;
    }
    if (p === 0 && m.skip === 0) {
      win *= 2; // an argument longer than the window: widen (bounded by maxLine/maxCapture checks)
      continue;
    }
    off += p;
    win = Math.min(win * 2, Math.max(win, m.limits.window));
  }
  m.end = m.error ? m.error.offset : off;
  return m;
}
