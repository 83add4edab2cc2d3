/**
 * Model-level drift helpers on top of the statistics and detectors:
 *
 * - `createPredictionDriftMonitor`: compares the distribution of the model's confidence (or any
 *   per-prediction score) in a sliding window with a reference sample by the KS test, every `every`
 *   predictions, and also feeds a streaming detector (ADWIN by default) on the confidence itself.
 * - `createPerformanceMonitor`: tracks accuracy as labels arrive (possibly later than predictions,
 *   matched by id), feeds the error bit to DDM (default), EDDM, HDDM_A or ADWIN, and reports drift
 *   and warnings.
 */
import { ainteger, anumber, aoneOf, astring, ValidationError } from '@modelsec/core';
import { ksTest } from '../stats/ks';
import { toSample } from '../stats/sample';
import { adwin } from './adwin';
import { ddm, eddm, hddmA } from './binary';
import { type DriftDetector, streamValue } from './types';

/** Options of {@link createPredictionDriftMonitor}. */
export interface PredictionDriftOptions {
  /** Reference confidences (e.g. from validation data). */
  reference: ArrayLike<number>;
  /** Sliding window size (default 500). */
  window?: number;
  /** Run the KS test every `every` observations once the window is full (default 100). */
  every?: number;
  /** KS p-value threshold (default 0.05). */
  threshold?: number;
  /** Streaming detector on the raw scores (default ADWIN with river's defaults). */
  detector?: DriftDetector;
}

/** What {@link PredictionDriftMonitor.observe} returns. */
export interface PredictionDriftState {
  /** True when the last KS test rejected at `threshold`, or the streaming detector fired now. */
  drift: boolean;
  /** p-value of the last KS test (undefined before the window is full). */
  pValue: number | undefined;
  /** Whether the streaming detector fired at this observation. */
  detectorDrift: boolean;
  /** Observations so far. */
  observed: number;
}

/** A prediction (confidence) drift monitor. */
export interface PredictionDriftMonitor {
  /** Add one prediction's confidence. */
  observe(confidence: number): PredictionDriftState;
}

/**
 * Monitor the model's confidence distribution against a reference.
 *
 * @example
 * ```ts
 * const monitor = createPredictionDriftMonitor({ reference: validationConfidences });
 * const { drift, pValue } = monitor.observe(Math.max(...probabilities));
 * ```
 */
export function createPredictionDriftMonitor(options: PredictionDriftOptions): PredictionDriftMonitor {
  const reference = toSample(options.reference, 'reference').sort();
  const size = options.window ?? 500;
  ainteger(size, 'window', { min: 2, max: 1_000_000 });
  const every = options.every ?? 100;
  ainteger(every, 'every', { min: 1 });
  const threshold = options.threshold ?? 0.05;
  anumber(threshold, 'threshold', { min: 0, max: 1 });
  const detector = options.detector ?? adwin();
  const ring = new Float64Array(size);
  let observed = 0;
  let pValue: number | undefined;
  return {
    observe(confidence) {
      const v = streamValue(confidence);
      ring[observed % size] = v;
      observed++;
      const detectorDrift = detector.update(v);
      if (observed >= size && (observed - size) % every === 0) pValue = ksTest(reference, ring).pValue;
      return { drift: (pValue !== undefined && pValue < threshold) || detectorDrift, pValue, detectorDrift, observed };
    },
  };
}

/** Options of {@link createPerformanceMonitor}. */
export interface PerformanceMonitorOptions {
  /** Error-rate detector (default `'ddm'`). */
  detector?: 'ddm' | 'eddm' | 'hddmA' | 'adwin';
  /** Window for the recent accuracy (default 500). */
  window?: number;
  /** Predictions kept while waiting for their label (default 100,000; the oldest are dropped). */
  maxPending?: number;
}

/** What the performance monitor reports after a label. */
export interface PerformanceState {
  /** Error-rate drift at this label. */
  drift: boolean;
  /** Warning zone (DDM, EDDM, HDDM_A). */
  warning: boolean;
  /** Accuracy over all labels since the last drift. */
  accuracy: number;
  /** Accuracy over the last `window` labels. */
  recentAccuracy: number;
  /** Labels seen since the last drift. */
  labelled: number;
}

/** Accuracy / error-rate drift monitoring for labels that arrive later. */
export interface PerformanceMonitor {
  /** Remember a prediction until its label arrives. */
  recordPrediction(id: string, predicted: string | number): void;
  /** The label of an earlier prediction (unknown ids are ignored and return undefined). */
  recordLabel(id: string, label: string | number): PerformanceState | undefined;
  /** A prediction and its label at once. */
  observe(predicted: string | number, label: string | number): PerformanceState;
}

/**
 * Create a performance (accuracy) drift monitor.
 *
 * @example
 * ```ts
 * const perf = createPerformanceMonitor({ detector: 'ddm' });
 * perf.recordPrediction(requestId, predictedClass);
 * // later, when ground truth arrives:
 * const state = perf.recordLabel(requestId, trueClass);
 * if (state?.drift) scheduleRetraining();
 * ```
 */
export function createPerformanceMonitor(options: PerformanceMonitorOptions = {}): PerformanceMonitor {
  const kind = options.detector ?? 'ddm';
  aoneOf(kind, 'detector', ['ddm', 'eddm', 'hddmA', 'adwin'] as const);
  const size = options.window ?? 500;
  ainteger(size, 'window', { min: 1, max: 1_000_000 });
  const maxPending = options.maxPending ?? 100_000;
  ainteger(maxPending, 'maxPending', { min: 1 });
  const detector = kind === 'ddm' ? ddm() : kind === 'eddm' ? eddm() : kind === 'hddmA' ? hddmA() : adwin();
  const pending = new Map<string, string | number>();
  const ring = new Uint8Array(size);
  let labelled = 0;
  let correct = 0;
  let recentCorrect = 0;
  const checkClass = (v: unknown, label: string) => {
    if (!(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) {
      throw new ValidationError('invalid_value', `"${label}" expected a class (string or finite number)`);
    }
  };
  const observe = (predicted: string | number, label: string | number): PerformanceState => {
    checkClass(predicted, 'predicted');
    checkClass(label, 'label');
    const ok = predicted === label ? 1 : 0;
    if (detector.driftDetected) {
      labelled = 0;
      correct = 0;
      recentCorrect = 0;
      ring.fill(0);
    }
    const slot = labelled % size;
    if (labelled >= size) recentCorrect -= ring[slot] as number;
    ring[slot] = ok;
    recentCorrect += ok;
    labelled++;
    correct += ok;
    const drift = detector.update(1 - ok);
    return {
      drift,
      warning: detector.warningDetected,
      accuracy: correct / labelled,
      recentAccuracy: recentCorrect / Math.min(labelled, size),
      labelled,
    };
  };
  return {
    recordPrediction(id, predicted) {
      astring(id, 'id');
      checkClass(predicted, 'predicted');
      if (pending.size >= maxPending) pending.delete(pending.keys().next().value as string);
      pending.set(id, predicted);
    },
    recordLabel(id, label) {
      astring(id, 'id');
      const predicted = pending.get(id);
      if (predicted === undefined) return undefined;
      pending.delete(id);
      return observe(predicted, label);
    },
    observe,
  };
}
