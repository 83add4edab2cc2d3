/**
 * Types of the security monitor: events the application records, alert rules over sliding windows,
 * alerts, sinks that deliver alerts and action hooks the application implements.
 */

/** Built-in event types; any other short string works too. */
export type SecurityEventType =
  | 'request'
  | 'auth_failure'
  | 'rate_limited'
  | 'validation_finding'
  | 'adversarial_finding'
  | 'unusual_output'
  | 'extraction_suspected'
  | 'error'
  | (string & {});

/** Something that happened, attributed to a principal and/or a model. */
export interface SecurityEvent {
  /** Event type. */
  type: SecurityEventType;
  /** Who caused it (user id, API key id, IP); never a secret. */
  principal?: string;
  /** Which model (name or version). */
  model?: string;
  /** Event time in ms since the epoch (default: the monitor's clock). */
  time?: number;
}

/** How a rule groups events. */
export type AlertGrouping = 'principal' | 'model' | 'principal+model' | 'global';

/** An alert rule: a count (or a ratio) of events in a sliding window per group. */
export interface AlertRule {
  /** Rule name (appears in alerts). */
  name: string;
  /** Event type(s) counted. */
  event: SecurityEventType | readonly SecurityEventType[];
  /** Grouping (default `'principal'`). */
  by?: AlertGrouping;
  /** Window length in ms. */
  windowMs: number;
  /** Count rules: alert when the count in the window reaches `threshold`. Ratio rules: when count/denominator ≥ threshold. */
  threshold: number;
  /** Makes this a ratio rule: the denominator event type(s) (e.g. errors per `request`). */
  per?: SecurityEventType | readonly SecurityEventType[];
  /** Ratio rules: smallest denominator count before the rule can fire (default 20). */
  minEvents?: number;
  /** No repeated alert for the same group within this time (default `windowMs`). */
  cooldownMs?: number;
  /** Severity (default `'warning'`). */
  severity?: 'info' | 'warning' | 'critical';
  /** Names of action hooks to run on alert (e.g. `'rollback'`, `'retrain'`, `'adjustThreshold'`). */
  actions?: readonly string[];
}

/** A fired alert. */
export interface SecurityAlert {
  /** The rule's name. */
  rule: string;
  /** The rule's severity. */
  severity: 'info' | 'warning' | 'critical';
  /** The group that crossed the threshold. */
  principal?: string;
  /** The group that crossed the threshold. */
  model?: string;
  /** Events counted in the window. */
  count: number;
  /** Ratio rules: denominator count in the window. */
  denominator?: number;
  /** The value compared with the threshold (count or ratio). */
  value: number;
  /** The rule's threshold. */
  threshold: number;
  /** Window length in ms. */
  windowMs: number;
  /** When the alert fired (ms since the epoch). */
  time: number;
  /** Action hooks requested by the rule. */
  actions: string[];
}

/** Delivers alerts somewhere (callback, log, webhook). */
export interface AlertSink {
  /** Sink name (for error reports). */
  name: string;
  /** Deliver one alert. */
  send(alert: SecurityAlert): void | Promise<void>;
}

/** An action the application implements (retrain, adjust a threshold, roll back a model...). */
export type ActionHook = (alert: SecurityAlert) => void | Promise<void>;
