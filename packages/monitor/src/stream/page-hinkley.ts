/**
 * Page-Hinkley (Page 1954) as river's `drift.PageHinkley` (v0.2x): running mean, fading cumulative
 * sums of deviations for increases and decreases, drift when either exceeds `threshold` after
 * `minInstances` observations.
 */
import { anumber, aoneOf } from '@modelsec/core';
import { type DriftDetector, RunningMean, streamValue } from './types';

/** Options of {@link pageHinkley} (river's defaults). */
export interface PageHinkleyOptions {
  /** Observations before a drift may be signalled (default 30). */
  minInstances?: number;
  /** Magnitude of changes tolerated (default 0.005). */
  delta?: number;
  /** Detection threshold λ (default 50). */
  threshold?: number;
  /** Forgetting factor of the sums (default 1 − 0.0001). */
  alpha?: number;
  /** Monitor increases, decreases or both (default `'both'`). */
  mode?: 'up' | 'down' | 'both';
}

/**
 * Create a Page-Hinkley detector.
 *
 * @example
 * ```ts
 * const ph = pageHinkley({ threshold: 20 });
 * ph.update(latencyMs);
 * ```
 */
export function pageHinkley(options: PageHinkleyOptions = {}): DriftDetector {
  const minInstances = options.minInstances ?? 30;
  anumber(minInstances, 'minInstances', { min: 1, integer: true });
  const delta = options.delta ?? 0.005;
  anumber(delta, 'delta', { min: 0 });
  const threshold = options.threshold ?? 50;
  anumber(threshold, 'threshold', { min: 0 });
  const alpha = options.alpha ?? 1 - 0.0001;
  anumber(alpha, 'alpha', { min: 0, max: 1 });
  const mode = options.mode ?? 'both';
  aoneOf(mode, 'mode', ['up', 'down', 'both'] as const);
  let mean = new RunningMean();
  let sumInc = 0;
  let sumDec = 0;
  let minInc = Number.POSITIVE_INFINITY;
  let maxDec = -1;
  let drift = false;
  const reset = () => {
    mean = new RunningMean();
    sumInc = 0;
    sumDec = 0;
    minInc = Number.POSITIVE_INFINITY;
    maxDec = -1;
    drift = false;
  };
  return {
    name: 'pageHinkley',
    update(x) {
      const v = streamValue(x);
      if (drift) reset();
      mean.update(v);
      const dev = v - mean.mean;
      sumInc = alpha * sumInc + dev - delta;
      sumDec = alpha * sumDec + dev + delta;
      if (sumInc < minInc) minInc = sumInc;
      if (sumDec > maxDec) maxDec = sumDec;
      if (mean.n >= minInstances) {
        const inc = sumInc - minInc > threshold;
        const dec = maxDec - sumDec > threshold;
        drift = mode === 'up' ? inc : mode === 'down' ? dec : inc || dec;
      }
      return drift;
    },
    get driftDetected() {
      return drift;
    },
    warningDetected: false,
    reset,
  };
}
