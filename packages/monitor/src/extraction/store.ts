/**
 * The storage contract of the extraction monitor: one JSON-serializable record per client, read and
 * written as a whole (`get`/`set`/`delete`), so a shared store (Redis, a database) only needs to keep
 * an opaque value per key. `memoryExtractionStore` keeps records in a Map (same process) with a bound
 * on the number of clients (least recently used evicted). `checkExtractionState` validates a record
 * read back from an external store before it is used.
 */
import { ainteger, describeValue, ValidationError } from '@modelsec/core';

/** PRADA state of one predicted class: the growing set and the statistics of its accepted distances. */
export interface ExtractionClassState {
  /** The growing set G_c (input vectors). */
  points: number[][];
  /** Number of distances accepted into D_{G_c}. */
  n: number;
  /** Sum of those distances. */
  sum: number;
  /** Sum of their squares. */
  sumSq: number;
  /** Threshold T_c = max over time of mean(D_{G_c}) − std(D_{G_c}). */
  threshold: number;
}

/** Everything the extraction monitor keeps about one client (JSON-serializable). */
export interface ExtractionClientState {
  /** Format version (1). */
  v: 1;
  /** Queries observed. */
  queries: number;
  /** Input dimension fixed by the first query. */
  dim: number;
  /** Per predicted class (by `String(class)`). */
  classes: Record<string, ExtractionClassState>;
  /** D: the minimum distance of every query that had a class set to compare with (most recent last, capped). */
  distances: number[];
  /** Whether any observation of this client was suspicious (sticky). */
  flagged: boolean;
}

/** Where the extraction monitor keeps client state. Implementations must be safe to call concurrently. */
export interface ExtractionStore {
  /** The state of a client, or undefined when unknown. */
  get(clientId: string): Promise<ExtractionClientState | undefined>;
  /** Replace the state of a client. */
  set(clientId: string, state: ExtractionClientState): Promise<void>;
  /** Forget a client. */
  delete(clientId: string): Promise<void>;
}

/**
 * An in-memory store (per process) holding at most `maxClients` clients, evicting the least recently used.
 *
 * @example
 * ```ts
 * const monitor = createExtractionMonitor({ store: memoryExtractionStore({ maxClients: 50_000 }) });
 * ```
 */
export function memoryExtractionStore(options: { maxClients?: number } = {}): ExtractionStore {
  const maxClients = options.maxClients ?? 10_000;
  ainteger(maxClients, 'maxClients', { min: 1 });
  const map = new Map<string, ExtractionClientState>();
  return {
    async get(id) {
      const s = map.get(id);
      if (s !== undefined) {
        map.delete(id);
        map.set(id, s);
      }
      return s;
    },
    async set(id, state) {
      map.delete(id);
      map.set(id, state);
      while (map.size > maxClients) map.delete(map.keys().next().value as string);
    },
    async delete(id) {
      map.delete(id);
    },
  };
}

/**
 * Validate a client record read from an external store (shape and finiteness; sizes bounded by `limits`).
 *
 * @throws ValidationError `invalid_format` for anything that is not a well-formed version-1 record.
 * @example
 * ```ts
 * const state = checkExtractionState(JSON.parse(await redis.get(key)), { maxPointsPerClass: 1000, maxDistances: 5000 });
 * ```
 */
export function checkExtractionState(
  value: unknown,
  limits: { maxPointsPerClass: number; maxDistances: number; maxClasses: number },
): ExtractionClientState {
  const bad = (what: string): never => {
    throw new ValidationError('invalid_format', `extraction state: ${what}`);
  };
  if (typeof value !== 'object' || value === null) return bad(`expected object, got ${describeValue(value)}`);
  const s = value as Record<string, unknown>;
  if (s.v !== 1) bad('unknown version');
  if (!Number.isSafeInteger(s.queries) || (s.queries as number) < 0) bad('queries');
  if (!Number.isSafeInteger(s.dim) || (s.dim as number) < 1) bad('dim');
  if (typeof s.flagged !== 'boolean') bad('flagged');
  if (!Array.isArray(s.distances) || s.distances.length > limits.maxDistances) bad('distances');
  for (const d of s.distances as unknown[])
    if (typeof d !== 'number' || !(d >= 0) || !Number.isFinite(d)) bad('distance value');
  if (typeof s.classes !== 'object' || s.classes === null || Array.isArray(s.classes)) bad('classes');
  const classes = Object.entries(s.classes as Record<string, unknown>);
  if (classes.length > limits.maxClasses) bad('too many classes');
  for (const [, c] of classes) {
    if (typeof c !== 'object' || c === null) bad('class');
    const k = c as Record<string, unknown>;
    for (const f of ['n', 'sum', 'sumSq', 'threshold'])
      if (typeof k[f] !== 'number' || !Number.isFinite(k[f])) bad(`class ${f}`);
    if (!Array.isArray(k.points) || k.points.length === 0 || k.points.length > limits.maxPointsPerClass)
      bad('class points');
    for (const p of k.points as unknown[]) {
      if (!Array.isArray(p) || p.length !== s.dim) bad('point dimension');
      for (const x of p as unknown[]) if (typeof x !== 'number' || !Number.isFinite(x)) bad('point value');
    }
  }
  return s as unknown as ExtractionClientState;
}
