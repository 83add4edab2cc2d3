/**
 * A single-line progress bar on stderr, drawn only when stderr is a terminal, at most 10 times a second.
 */
import type { CliIO, Progress } from './command';

const NOOP: Progress = { tick() {}, done() {} };

/**
 * Create a progress bar for `total` units (bytes when `bytes` is set).
 *
 * @example
 * ```ts
 * const p = createProgress(io, 'hashing', size, { bytes: true });
 * p.tick(chunk.length);
 * p.done();
 * ```
 */
export function createProgress(
  io: CliIO,
  label: string,
  total: number,
  options: { enabled?: boolean; bytes?: boolean; now?: () => number } = {},
): Progress {
  const stream = io.stderr;
  if (options.enabled === false || !stream.isTTY || !(total > 0)) return NOOP;
  const now = options.now ?? (() => Date.now());
  let done = 0;
  let last = 0;
  const draw = () => {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 40));
    const frac = Math.min(1, done / total);
    const filled = Math.round(frac * width);
    const amount = options.bytes ? `${formatBytes(done)}/${formatBytes(total)}` : `${done}/${total}`;
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0)}% ${amount}`,
    );
  };
  return {
    tick(delta) {
      done += delta;
      const t = now();
      if (t - last >= 100 || done >= total) {
        last = t;
        draw();
      }
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}

/**
 * Human-readable byte count (binary units).
 *
 * @example
 * ```ts
 * formatBytes(1536); // '1.5 KiB'
 * ```
 */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}
