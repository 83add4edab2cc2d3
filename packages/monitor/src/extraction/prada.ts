/**
 * PRADA (Juuti, Szyller, Marchal & Asokan, "PRADA: Protecting against DNN Model Stealing Attacks",
 * IEEE EuroS&P 2019, Algorithm 1), per client: for each query x with predicted class c, the minimum
 * distance d_min from x to the class's growing set G_c joins the client's distance set D; when
 * d_min > T_c, x joins G_c and T_c = max(T_c, mean − std of the accepted distances). Once D holds
 * `minQueries` values, outliers beyond 3 standard deviations are removed and the Shapiro–Wilk W of
 * the rest is computed; W < δ marks the client suspicious (natural queries give roughly normally
 * distributed distances, synthetic attack queries do not). State lives in a pluggable async store.
 */
import { ainteger, anumber, aoneOf, astring, describeValue, ModelSecRangeError, ValidationError } from '@modelsec/core';
import { checkOptions, isSampleLike } from '../stats/sample';
import { SHAPIRO_MAX_N, shapiroSample } from '../stats/shapiro';
import { checkExtractionState, type ExtractionClientState, type ExtractionStore, memoryExtractionStore } from './store';

/** Options of {@link createExtractionMonitor}. */
export interface ExtractionMonitorOptions {
  /** Shapiro–Wilk threshold δ: W < δ is suspicious (default 0.91, calibrated on MNIST; see docs/monitor.md for the MNIST calibration). */
  delta?: number;
  /** Distances collected before testing (default 100, as the paper). */
  minQueries?: number;
  /** Distance between inputs (default `'l2'`). */
  metric?: 'l2' | 'l1' | 'linf';
  /** Where client state lives (default: a new in-memory store). */
  store?: ExtractionStore;
  /** Most points kept per class growing set (default 2000). */
  maxPointsPerClass?: number;
  /** Most distances kept per client, oldest dropped (default 5000, the Shapiro–Wilk limit). */
  maxDistances?: number;
  /** Most classes per client (default 1000). */
  maxClasses?: number;
  /** Largest input dimension (default 1,000,000). */
  maxDimension?: number;
}

/** What {@link ExtractionMonitor.observe} returns. */
export interface ExtractionObservation {
  /** True when this client's distance distribution fails the normality test (W < δ). */
  suspicious: boolean;
  /** The Shapiro–Wilk W of the client's distances (null until `minQueries` distances). */
  w: number | null;
  /** Queries observed from this client. */
  queries: number;
  /** Whether the client was ever suspicious. */
  flagged: boolean;
}

/** A per-client PRADA extraction monitor. */
export interface ExtractionMonitor {
  /** Record one query of `clientId` and the class the model predicted for it. */
  observe(clientId: string, input: ArrayLike<number>, predictedClass: number | string): Promise<ExtractionObservation>;
  /** Forget a client. */
  reset(clientId: string): Promise<void>;
}

/**
 * Create a PRADA model-extraction monitor.
 *
 * @example
 * ```ts
 * const prada = createExtractionMonitor({ delta: 0.91, minQueries: 100 });
 * const { suspicious, w } = await prada.observe(apiKeyId, pixels, predictedClass);
 * if (suspicious) await throttle(apiKeyId);
 * ```
 */
export function createExtractionMonitor(options: ExtractionMonitorOptions = {}): ExtractionMonitor {
  checkOptions(options);
  const delta = options.delta ?? 0.91;
  anumber(delta, 'delta', { min: 0, max: 1 });
  const minQueries = options.minQueries ?? 100;
  ainteger(minQueries, 'minQueries', { min: 3, max: SHAPIRO_MAX_N });
  const metric = options.metric ?? 'l2';
  aoneOf(metric, 'metric', ['l2', 'l1', 'linf'] as const);
  const limits = {
    maxPointsPerClass: options.maxPointsPerClass ?? 2000,
    maxDistances: options.maxDistances ?? SHAPIRO_MAX_N,
    maxClasses: options.maxClasses ?? 1000,
  };
  ainteger(limits.maxPointsPerClass, 'maxPointsPerClass', { min: 1 });
  ainteger(limits.maxDistances, 'maxDistances', { min: minQueries, max: SHAPIRO_MAX_N });
  ainteger(limits.maxClasses, 'maxClasses', { min: 1 });
  const maxDimension = options.maxDimension ?? 1_000_000;
  ainteger(maxDimension, 'maxDimension', { min: 1 });
  const store = options.store ?? memoryExtractionStore();
  checkOptions(store, 'store');
  const dist = metric === 'l2' ? l2 : metric === 'l1' ? l1 : linf;
  // Serialize observations per client inside this instance (state is read, updated and written back).
  const queues = new Map<string, Promise<unknown>>();
  // Records this instance wrote (the in-memory store hands back the same objects); others are validated.
  const trusted = new WeakSet<object>();

  const observeNow = async (clientId: string, x: Float64Array, cls: string): Promise<ExtractionObservation> => {
    const raw = await store.get(clientId);
    const state: ExtractionClientState =
      raw === undefined
        ? { v: 1, queries: 0, dim: x.length, classes: {}, distances: [], flagged: false }
        : trusted.has(raw)
          ? raw
          : checkExtractionState(raw, limits);
    if (state.dim !== x.length) {
      throw new ValidationError(
        'invalid_shape',
        `"input" has ${x.length} values, this client's earlier inputs ${state.dim}`,
      );
    }
    const existing = Object.hasOwn(state.classes, cls) ? state.classes[cls] : undefined;
    const point = Array.from(x);
    if (existing === undefined) {
      if (Object.keys(state.classes).length >= limits.maxClasses) {
        throw new ValidationError('out_of_range', `client has more than ${limits.maxClasses} predicted classes`);
      }
      state.classes[cls] = { points: [point], n: 0, sum: 0, sumSq: 0, threshold: 0 };
    } else {
      let dmin = Number.POSITIVE_INFINITY;
      for (const y of existing.points) {
        const d = dist(x, y, dmin);
        if (d < dmin) dmin = d;
      }
      state.distances.push(dmin);
      if (state.distances.length > limits.maxDistances) state.distances.shift();
      if (dmin > existing.threshold) {
        if (existing.points.length < limits.maxPointsPerClass) existing.points.push(point);
        existing.n += 1;
        existing.sum += dmin;
        existing.sumSq += dmin * dmin;
        const mean = existing.sum / existing.n;
        const std = Math.sqrt(Math.max(0, existing.sumSq / existing.n - mean * mean));
        existing.threshold = Math.max(existing.threshold, mean - std);
      }
    }
    state.queries += 1;
    let w: number | null = null;
    if (state.distances.length >= minQueries) w = normality(state.distances);
    const suspicious = w !== null && w < delta;
    if (suspicious) state.flagged = true;
    trusted.add(state);
    await store.set(clientId, state);
    return { suspicious, w, queries: state.queries, flagged: state.flagged };
  };

  return {
    async observe(clientId, input, predictedClass) {
      astring(clientId, 'clientId');
      if (clientId.length === 0 || clientId.length > 512)
        throw new ModelSecRangeError('"clientId" must have 1 to 512 characters');
      const cls = checkClass(predictedClass);
      const x = checkInput(input, maxDimension);
      const previous = queues.get(clientId) ?? Promise.resolve();
      const next = previous.then(
        () => observeNow(clientId, x, cls),
        () => observeNow(clientId, x, cls),
      );
      queues.set(clientId, next);
      void next.then(
        () => queues.get(clientId) === next && queues.delete(clientId),
        () => queues.get(clientId) === next && queues.delete(clientId),
      );
      return next;
    },
    async reset(clientId) {
      astring(clientId, 'clientId');
      await store.delete(clientId);
    },
  };
}

/** Shapiro–Wilk W of the distances after removing values beyond mean ± 3·std. */
function normality(distances: number[]): number {
  const n = distances.length;
  let s = 0;
  let ss = 0;
  for (const d of distances) {
    s += d;
    ss += d * d;
  }
  const mean = s / n;
  const std = Math.sqrt(Math.max(0, ss / n - mean * mean));
  const kept = new Float64Array(n);
  let k = 0;
  for (const d of distances) if (std === 0 || (d > mean - 3 * std && d < mean + 3 * std)) kept[k++] = d;
  if (k < 3) return 1;
  return shapiroSample(kept.subarray(0, k)).statistic;
}

function checkClass(c: unknown): string {
  if (typeof c === 'number' && Number.isSafeInteger(c)) return String(c);
  if (typeof c === 'string' && c.length > 0 && c.length <= 256) return c;
  throw new ValidationError(
    'invalid_value',
    `"predictedClass" expected an integer or a short string, got ${describeValue(c)}`,
  );
}

function checkInput(input: unknown, maxDimension: number): Float64Array {
  if (!isSampleLike(input))
    throw new ValidationError('invalid_shape', `"input" expected an array of numbers, got ${describeValue(input)}`);
  if (input.length === 0) throw new ValidationError('empty_input', '"input" is empty');
  if (input.length > maxDimension)
    throw new ValidationError('too_large', `"input" has more than ${maxDimension} values`);
  const x = new Float64Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const v = input[i];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new ValidationError('non_finite', `"input"[${i}] is not a finite number`);
    x[i] = v;
  }
  return x;
}

function l2(x: Float64Array, y: number[], bound: number): number {
  const limit = bound * bound;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const d = (x[i] as number) - (y[i] as number);
    s += d * d;
    if ((i & 63) === 63 && s > limit) return Number.POSITIVE_INFINITY;
  }
  return Math.sqrt(s);
}

function l1(x: Float64Array, y: number[], bound: number): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    s += Math.abs((x[i] as number) - (y[i] as number));
    if ((i & 63) === 63 && s > bound) return Number.POSITIVE_INFINITY;
  }
  return s;
}

function linf(x: Float64Array, y: number[]): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs((x[i] as number) - (y[i] as number)));
  return m;
}
