/**
 * ADWIN (Bifet & Gavaldà, SDM 2007) as river's `drift.ADWIN` (adwin_c.pyx): exponential histogram
 * of buckets (at most 5 per row), window cut checked every `clock` = 32 updates once the width
 * exceeds the grace period of 10, sub-windows of at least 5 elements, Hoeffding/Bernstein-style
 * bound ε = √(2·m·σ²_W·δ′) + (2/3)·δ′·m with δ′ = ln(2·ln(width)/δ). Including river's iteration
 * order over buckets, so detections happen at the same indices as river.
 */
import { anumber } from '@modelsec/core';
import { type DriftDetector, streamValue } from './types';

/** Options of {@link adwin} (river's defaults). */
export interface AdwinOptions {
  /** Confidence δ (default 0.002). */
  delta?: number;
  /** Check for cuts every `clock` updates (default 32). */
  clock?: number;
  /** Buckets per row before merging (default 5). */
  maxBuckets?: number;
  /** Smallest sub-window (default 5). */
  minWindowLength?: number;
  /** Width below which no cut is checked (default 10). */
  gracePeriod?: number;
}

/** An ADWIN detector with its window statistics. */
export interface AdwinDetector extends DriftDetector {
  /** Current window width. */
  readonly width: number;
  /** Mean of the window. */
  readonly estimation: number;
  /** Variance sum of the window. */
  readonly variance: number;
}

interface Row {
  total: Float64Array;
  variance: Float64Array;
  count: number;
}

/**
 * Create an ADWIN detector.
 *
 * @example
 * ```ts
 * const detector = adwin();
 * for (const x of stream) if (detector.update(x)) console.log('drift, window now', detector.width);
 * ```
 */
export function adwin(options: AdwinOptions = {}): AdwinDetector {
  const delta = options.delta ?? 0.002;
  anumber(delta, 'delta', { min: Number.MIN_VALUE, max: 1 });
  const clock = options.clock ?? 32;
  anumber(clock, 'clock', { min: 1, integer: true });
  const maxBuckets = options.maxBuckets ?? 5;
  anumber(maxBuckets, 'maxBuckets', { min: 2, max: 1000, integer: true });
  const minLen = options.minWindowLength ?? 5;
  anumber(minLen, 'minWindowLength', { min: 1, integer: true });
  const grace = options.gracePeriod ?? 10;
  anumber(grace, 'gracePeriod', { min: 0, integer: true });

  let rows: Row[];
  let total: number;
  let variance: number;
  let width: number;
  let tick: number;
  let drift = false;
  const newRow = (): Row => ({
    total: new Float64Array(maxBuckets + 1),
    variance: new Float64Array(maxBuckets + 1),
    count: 0,
  });
  const init = () => {
    rows = [newRow()];
    total = 0;
    variance = 0;
    width = 0;
    tick = 0;
    drift = false;
  };
  init();

  const insertData = (row: Row, value: number, v: number) => {
    row.total[row.count] = value;
    row.variance[row.count] = v;
    row.count++;
  };
  const compressRow = (row: Row, k: number) => {
    const len = maxBuckets + 1;
    for (let i = k; i < len; i++) {
      row.total[i - k] = row.total[i] as number;
      row.variance[i - k] = row.variance[i] as number;
    }
    for (let i = len - k; i < len; i++) {
      row.total[i] = 0;
      row.variance[i] = 0;
    }
    row.count -= k;
  };

  const insert = (value: number) => {
    insertData(rows[0] as Row, value, 0);
    width += 1;
    if (width > 1) {
      const d = value - total / (width - 1);
      variance += ((width - 1) * d * d) / width;
    }
    total += value;
    // compress buckets
    for (let idx = 0; idx < rows.length; idx++) {
      const row = rows[idx] as Row;
      if (row.count !== maxBuckets + 1) break;
      if (idx + 1 >= rows.length) rows.push(newRow());
      const next = rows[idx + 1] as Row;
      const n1 = 2 ** idx;
      const mu1 = (row.total[0] as number) / n1;
      const mu2 = (row.total[1] as number) / n1;
      const t12 = (row.total[0] as number) + (row.total[1] as number);
      const temp = (n1 * n1 * (mu1 - mu2) * (mu1 - mu2)) / (n1 + n1);
      insertData(next, t12, (row.variance[0] as number) + (row.variance[1] as number) + temp);
      compressRow(row, 2);
      if (next.count <= maxBuckets) break;
    }
  };

  const deleteElement = (): number => {
    const row = rows[rows.length - 1] as Row;
    const n = 2 ** (rows.length - 1);
    const u = row.total[0] as number;
    const mu = u / n;
    const v = row.variance[0] as number;
    width -= n;
    total -= u;
    const muWindow = total / width;
    variance -= v + (n * width * (mu - muWindow) * (mu - muWindow)) / (n + width);
    compressRow(row, 1);
    if (row.count === 0) rows.pop();
    return n;
  };

  const detectChange = (): boolean => {
    let changed = false;
    tick += 1;
    if (tick % clock === 0 && width > grace) {
      let reduce = true;
      while (reduce) {
        reduce = false;
        // δ′ and the window variance only change when an element is deleted (which ends the pass).
        const deltaPrime = Math.log((2 * Math.log(width)) / delta);
        const varianceInWindow = variance / width;
        const twoThirdsDp = (2 / 3) * deltaPrime;
        let exit = false;
        let n0 = 0;
        let n1 = width;
        let u0 = 0;
        let u1 = total;
        for (let idx = rows.length - 1; idx >= 0 && !exit; idx--) {
          const row = rows[idx] as Row;
          const n2 = 2 ** idx;
          for (let k = 0; k < row.count - 1; k++) {
            // (river also tracks the sub-window variances v0/v1 here but never uses them)
            n0 += n2;
            n1 -= n2;
            u0 += row.total[k] as number;
            u1 -= row.total[k] as number;
            if (idx === 0 && k === row.count - 1) {
              exit = true;
              break;
            }
            const deltaMean = u0 / n0 - u1 / n1;
            if (n1 < minLen || n0 < minLen) continue;
            const mRecip = 1 / (n0 - minLen + 1) + 1 / (n1 - minLen + 1);
            const epsilon = Math.sqrt(2 * mRecip * varianceInWindow * deltaPrime) + twoThirdsDp * mRecip;
            if (Math.abs(deltaMean) > epsilon) {
              reduce = true;
              changed = true;
              if (width > 0) {
                n0 -= deleteElement();
                exit = true;
                break;
              }
            }
          }
        }
      }
    }
    return changed;
  };

  return {
    name: 'adwin',
    update(x) {
      const value = streamValue(x);
      if (drift) init();
      insert(value);
      drift = detectChange();
      return drift;
    },
    get driftDetected() {
      return drift;
    },
    warningDetected: false,
    get width() {
      return width;
    },
    get estimation() {
      return width === 0 ? 0 : total / width;
    },
    get variance() {
      return variance;
    },
    reset: init,
  };
}
