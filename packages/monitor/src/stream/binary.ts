/**
 * Detectors for a stream of errors (1) and successes (0), as river's `drift.binary`: DDM (Gama et al.
 * 2004), EDDM (Baena-García et al. 2006) and HDDM_A (Frías-Blanco et al., TKDE 2015, moving-average
 * test with Hoeffding bounds), with river's defaults and update rules.
 */
import { aboolean, anumber, ModelSecRangeError } from '@modelsec/core';
import { bitValue, type DriftDetector, RunningMean, RunningVar } from './types';

/** Options of {@link ddm} (river's defaults). */
export interface DdmOptions {
  /** Observations before detection (default 30). */
  warmStart?: number;
  /** Warning at p + s > p_min + warningThreshold·s_min (default 2). */
  warningThreshold?: number;
  /** Drift at p + s > p_min + driftThreshold·s_min (default 3). */
  driftThreshold?: number;
}

/**
 * DDM: drift when the error rate rises significantly above its minimum.
 *
 * @example
 * ```ts
 * const d = ddm();
 * d.update(prediction === label ? 0 : 1);
 * ```
 */
export function ddm(options: DdmOptions = {}): DriftDetector {
  const warmStart = options.warmStart ?? 30;
  anumber(warmStart, 'warmStart', { min: 0, integer: true });
  const wl = options.warningThreshold ?? 2;
  anumber(wl, 'warningThreshold', { min: 0 });
  const dl = options.driftThreshold ?? 3;
  anumber(dl, 'driftThreshold', { min: 0 });
  let p = new RunningMean();
  let pMin = Number.POSITIVE_INFINITY;
  let sMin = Number.POSITIVE_INFINITY;
  let psMin = Number.POSITIVE_INFINITY;
  let drift = false;
  let warning = false;
  const reset = () => {
    p = new RunningMean();
    pMin = sMin = psMin = Number.POSITIVE_INFINITY;
    drift = false;
    warning = false;
  };
  return {
    name: 'ddm',
    update(x) {
      const bit = bitValue(x);
      if (drift) reset();
      p.update(bit);
      const pi = p.mean;
      const n = p.n;
      const si = Math.sqrt((pi * (1 - pi)) / n);
      if (n > warmStart) {
        if (pi + si <= psMin) {
          pMin = pi;
          sMin = si;
          psMin = pMin + sMin;
        }
        warning = pi + si > pMin + wl * sMin;
        if (pi + si > pMin + dl * sMin) {
          drift = true;
          warning = false;
        }
      }
      return drift;
    },
    get driftDetected() {
      return drift;
    },
    get warningDetected() {
      return warning;
    },
    reset,
  };
}

/** Options of {@link eddm} (river's defaults). */
export interface EddmOptions {
  /** Errors (and observations) before detection (default 30). */
  warmStart?: number;
  /** Warning level (default 0.95). */
  alpha?: number;
  /** Drift level (default 0.9). */
  beta?: number;
}

/**
 * EDDM: drift when the distance between errors shrinks (gradual drift friendly).
 *
 * @example
 * ```ts
 * const d = eddm({ alpha: 0.8, beta: 0.75 });
 * d.update(isError);
 * ```
 */
export function eddm(options: EddmOptions = {}): DriftDetector {
  const warmStart = options.warmStart ?? 30;
  anumber(warmStart, 'warmStart', { min: 0, integer: true });
  const alpha = options.alpha ?? 0.95;
  anumber(alpha, 'alpha', { min: 0, max: 1 });
  const beta = options.beta ?? 0.9;
  anumber(beta, 'beta', { min: 0, max: 1 });
  if (alpha < beta) throw new ModelSecRangeError('"alpha" must be greater than or equal to "beta"');
  let dist = new RunningVar();
  let n = 0;
  let lastError = 0;
  let errors = 0;
  let maxP2s = -1;
  let drift = false;
  let warning = false;
  const reset = () => {
    dist = new RunningVar();
    n = 0;
    lastError = 0;
    errors = 0;
    maxP2s = -1;
    drift = false;
    warning = false;
  };
  return {
    name: 'eddm',
    update(x) {
      const bit = bitValue(x);
      if (drift) reset();
      n += 1;
      if (bit === 1) {
        errors += 1;
        dist.update(n - lastError);
        if (n > warmStart) {
          const p2s = dist.m.mean + 2 * Math.sqrt(dist.get());
          if (p2s > maxP2s) maxP2s = p2s;
          else if (errors > warmStart) {
            const level = p2s / maxP2s;
            if (level < beta) drift = true;
            else if (level < alpha) warning = true;
            else warning = false;
          }
        }
        lastError = n;
      }
      return drift;
    },
    get driftDetected() {
      return drift;
    },
    get warningDetected() {
      return warning;
    },
    reset,
  };
}

/** Options of {@link hddmA} (river's defaults). */
export interface HddmAOptions {
  /** Confidence of a drift (default 0.001). */
  driftConfidence?: number;
  /** Confidence of a warning (default 0.005). */
  warningConfidence?: number;
  /** Also detect decreases of the error rate (default false). */
  twoSidedTest?: boolean;
}

/**
 * HDDM_A: Hoeffding-bound test of the error-rate average against its best cut point.
 *
 * @example
 * ```ts
 * const d = hddmA();
 * if (d.update(isError)) retrain();
 * ```
 */
export function hddmA(options: HddmAOptions = {}): DriftDetector {
  const dc = options.driftConfidence ?? 0.001;
  anumber(dc, 'driftConfidence', { min: Number.MIN_VALUE, max: 1 });
  const wc = options.warningConfidence ?? 0.005;
  anumber(wc, 'warningConfidence', { min: Number.MIN_VALUE, max: 1 });
  const twoSided = options.twoSidedTest ?? false;
  aboolean(twoSided, 'twoSidedTest');
  let xMin = new RunningMean();
  let xMax = new RunningMean();
  let z = new RunningMean();
  let drift = false;
  let warning = false;
  const reset = () => {
    xMin = new RunningMean();
    xMax = new RunningMean();
    z = new RunningMean();
    drift = false;
    warning = false;
  };
  const bound = (n: number) => Math.sqrt((1 / (2 * n)) * Math.log(1 / dc));
  const incr = (c: number) => {
    if (xMin.n === z.n) return false;
    const m = ((z.n - xMin.n) / xMin.n) * (1 / z.n);
    return z.mean - xMin.mean >= Math.sqrt((m / 2) * Math.log(2 / c));
  };
  const decr = (c: number) => {
    if (xMax.n === z.n) return false;
    const m = ((z.n - xMax.n) / xMax.n) * (1 / z.n);
    return xMax.mean - z.mean >= Math.sqrt((m / 2) * Math.log(2 / c));
  };
  return {
    name: 'hddmA',
    update(x) {
      const bit = bitValue(x);
      if (drift) reset();
      z.update(bit);
      if (xMin.n === 0) xMin = z.clone();
      if (xMax.n === 0) xMax = z.clone();
      const epsZ = bound(z.n);
      if (xMin.mean + bound(xMin.n) >= z.mean + epsZ) xMin = z.clone();
      if (xMax.mean - bound(xMax.n) <= z.mean - epsZ) xMax = z.clone();
      if (incr(dc)) {
        warning = false;
        drift = true;
      } else if (incr(wc)) {
        warning = true;
        drift = false;
      } else {
        warning = false;
        drift = false;
      }
      if (twoSided) {
        if (decr(dc)) drift = true;
        else if (decr(wc)) warning = true;
      }
      return drift;
    },
    get driftDetected() {
      return drift;
    },
    get warningDetected() {
      return warning;
    },
    reset,
  };
}
