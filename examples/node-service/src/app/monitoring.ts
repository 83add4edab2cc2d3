/**
 * Runtime monitoring of the service: PRADA model-extraction detection per client, a prediction-drift
 * monitor on the top-class confidence (KS test against the release's reference + ADWIN), and a security
 * monitor that turns events (auth failures, rate limiting, refused inputs, suspected extraction, drift)
 * into alerts. Alerts go to the audit log and to an optional callback. Stores are injectable, so the
 * serverless handler can keep PRADA state in Redis (`redisJsonStore`) instead of process memory.
 */
import {
  callbackSink,
  createExtractionMonitor,
  createPredictionDriftMonitor,
  createSecurityMonitor,
  type ExtractionObservation,
  type ExtractionStore,
  memoryExtractionStore,
  type SecurityAlert,
  type SecurityEvent,
} from '@modelsec/monitor';

/** Options of `createMonitoring`. */
export interface MonitoringOptions {
  /** Top-class confidences of legitimate digits (from `guards.json`). */
  referenceConfidences: readonly number[];
  /** Where PRADA keeps per-client state (default: process memory). */
  extractionStore?: ExtractionStore;
  /** PRADA's Shapiro-Wilk threshold (default 0.91, calibrated on MNIST in docs/monitor.md). */
  delta?: number;
  /** Called with every alert (after it is recorded). */
  onAlert?: (alert: SecurityAlert) => void | Promise<void>;
  /** Model name used to group alerts. */
  model?: string;
}

/** What the service asks of monitoring on each answered request. */
export interface Monitoring {
  /** Observe one answered query: PRADA for the client, drift on the confidence. */
  observe(client: string, pixels: Float32Array, predicted: number, confidence: number): Promise<Observation>;
  /** Record a security event (auth failure, refusal...). */
  record(event: SecurityEvent): Promise<SecurityAlert[]>;
  /** A summary for the monitoring endpoint. */
  snapshot(): MonitoringSnapshot;
}

/** The result of observing one query. */
export interface Observation {
  /** PRADA's verdict for this client. */
  extraction: ExtractionObservation;
  /** Drift state after this query. */
  drift: { drift: boolean; pValue: number | undefined; observed: number };
}

/** Monitoring state for operators. */
export interface MonitoringSnapshot {
  /** Clients PRADA has flagged, with their Shapiro-Wilk W. */
  flaggedClients: { client: string; w: number | null; queries: number }[];
  /** Last drift state. */
  drift: { drift: boolean; pValue: number | undefined; observed: number };
  /** Alerts so far (most recent last, at most 100). */
  alerts: SecurityAlert[];
}

/** Alert rules: what the design asks to watch (access patterns, unusual predictions, error rates, drift). */
export const ALERT_RULES = [
  { name: 'brute-force', event: 'auth_failure', by: 'global', windowMs: 60_000, threshold: 10, severity: 'critical' },
  { name: 'rate-limit-abuse', event: 'rate_limited', windowMs: 600_000, threshold: 20, severity: 'warning' },
  {
    name: 'adversarial-probing',
    event: ['adversarial_finding', 'validation_finding'],
    windowMs: 3_600_000,
    threshold: 3,
    severity: 'warning',
  },
  { name: 'model-extraction', event: 'extraction_suspected', windowMs: 86_400_000, threshold: 1, severity: 'critical' },
  { name: 'prediction-drift', event: 'drift', by: 'model', windowMs: 3_600_000, threshold: 1, severity: 'warning' },
] as const;

/** Build the monitors. */
export function createMonitoring(options: MonitoringOptions): Monitoring {
  const model = options.model ?? 'mnist';
  const alerts: SecurityAlert[] = [];
  const flagged = new Map<string, { client: string; w: number | null; queries: number }>();
  const extraction = createExtractionMonitor({
    delta: options.delta ?? 0.91,
    store: options.extractionStore ?? memoryExtractionStore({ maxClients: 10_000 }),
  });
  const drift = createPredictionDriftMonitor({ reference: options.referenceConfidences, window: 200, every: 50 });
  let lastDrift: Observation['drift'] = { drift: false, pValue: undefined, observed: 0 };
  let driftReported = false;
  const security = createSecurityMonitor({
    rules: ALERT_RULES,
    sinks: [
      callbackSink(async (alert) => {
        alerts.push(alert);
        if (alerts.length > 100) alerts.shift();
        await options.onAlert?.(alert);
      }),
    ],
  });

  return {
    async observe(client, pixels, predicted, confidence) {
      const verdict = await extraction.observe(client, pixels, predicted);
      if (verdict.flagged && !flagged.has(client)) {
        flagged.set(client, { client, w: verdict.w, queries: verdict.queries });
        await security.record({ type: 'extraction_suspected', principal: client, model });
      }
      const d = drift.observe(confidence);
      lastDrift = { drift: d.drift, pValue: d.pValue, observed: d.observed };
      if (d.drift && !driftReported) {
        driftReported = true;
        await security.record({ type: 'drift', model });
      }
      return { extraction: verdict, drift: lastDrift };
    },
    record: (event) => security.record({ model, ...event }),
    snapshot: () => ({ flaggedClients: [...flagged.values()], drift: lastDrift, alerts: [...alerts] }),
  };
}
