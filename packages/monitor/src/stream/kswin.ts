/**
 * KSWIN (Raab, Heusinger & Schleif, Neurocomputing 2020) as river's `drift.KSWIN`: a sliding window
 * of `windowSize` values; once full, `statSize` values drawn without replacement from its older part
 * are compared with the `statSize` most recent ones by the two-sample KS test (exact p-value, as
 * `scipy.stats.ks_2samp`); drift when p ≤ alpha and D > 0.1. Draws use this package's seeded
 * generator (river uses Python's `random.Random(seed)`, so individual draws differ from river's).
 */
import { anumber, createRng, ModelSecRangeError, type Rng } from '@modelsec/core';
import { ksSorted } from '../stats/ks';
import { type DriftDetector, streamValue } from './types';

/** Options of {@link kswin} (river's defaults). */
export interface KswinOptions {
  /** KS significance level (default 0.005). */
  alpha?: number;
  /** Sliding window size (default 100). */
  windowSize?: number;
  /** Size of the compared samples (default 30). */
  statSize?: number;
  /** Seed of the sampling generator (default 0). */
  seed?: number;
}

/** A KSWIN detector. */
export interface KswinDetector extends DriftDetector {
  /** p-value of the last test (0 before the window is full, as river). */
  readonly pValue: number;
}

/**
 * Create a KSWIN detector.
 *
 * @example
 * ```ts
 * const d = kswin({ alpha: 0.0001, seed: 42 });
 * for (const x of stream) if (d.update(x)) console.log('drift');
 * ```
 */
export function kswin(options: KswinOptions = {}): KswinDetector {
  const alpha = options.alpha ?? 0.005;
  anumber(alpha, 'alpha', { min: 0, max: 1 });
  const windowSize = options.windowSize ?? 100;
  anumber(windowSize, 'windowSize', { min: 2, max: 100_000, integer: true });
  const statSize = options.statSize ?? 30;
  anumber(statSize, 'statSize', { min: 1, integer: true });
  if (2 * statSize > windowSize) throw new ModelSecRangeError('"statSize" must be at most half of "windowSize"');
  const seed = options.seed ?? 0;
  anumber(seed, 'seed', { min: 0, max: 0xffffffff, integer: true });
  let window: number[] = [];
  let rng: Rng = createRng(seed);
  let drift = false;
  let pValue = 0;
  const pool = new Uint32Array(windowSize - statSize);
  const a = new Float64Array(statSize);
  const b = new Float64Array(statSize);
  const reset = () => {
    window = [];
    rng = createRng(seed);
    drift = false;
    pValue = 0;
  };
  return {
    name: 'kswin',
    update(x) {
      const v = streamValue(x);
      if (drift) reset();
      window.push(v);
      if (window.length > windowSize) window.shift();
      if (window.length < windowSize) {
        drift = false;
        return false;
      }
      // Partial Fisher–Yates: statSize distinct indices from [0, windowSize − statSize).
      for (let i = 0; i < pool.length; i++) pool[i] = i;
      for (let i = 0; i < statSize; i++) {
        const j = i + rng.int(pool.length - i);
        const t = pool[i] as number;
        pool[i] = pool[j] as number;
        pool[j] = t;
        a[i] = window[pool[i] as number] as number;
      }
      for (let i = 0; i < statSize; i++) b[i] = window[windowSize - statSize + i] as number;
      const r = ksSorted(a.slice().sort(), b.slice().sort(), 'auto');
      pValue = r.pValue;
      drift = r.pValue <= alpha && r.statistic > 0.1;
      return drift;
    },
    get driftDetected() {
      return drift;
    },
    warningDetected: false,
    get pValue() {
      return pValue;
    },
    reset,
  };
}
