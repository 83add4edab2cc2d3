/**
 * `createSecurityMonitor`: counts security events (failed auth, rate-limit hits, validation and
 * adversarial findings, unusual outputs, errors, requests) per principal and/or model in sliding
 * windows, fires alerts when a rule's count or ratio crosses its threshold (at most once per
 * cool-down per group), delivers them to sinks and runs the application's action hooks. Memory is
 * bounded: at most `maxGroups` groups per rule (least recently used evicted) and `maxEventsPerGroup`
 * timestamps per group. Sink and hook failures never propagate to `record`; they go to `onError`.
 */
import {
  afunction,
  ainteger,
  anumber,
  aoneOf,
  astring,
  describeValue,
  ModelSecRangeError,
  ModelSecTypeError,
} from '@modelsec/core';
import { checkOptions } from '../stats/sample';
import type { ActionHook, AlertRule, AlertSink, SecurityAlert, SecurityEvent } from './types';

/** Options of {@link createSecurityMonitor}. */
export interface SecurityMonitorOptions {
  /** Alert rules. */
  rules: readonly AlertRule[];
  /** Where alerts go (default none: read them from `record`'s result). */
  sinks?: readonly AlertSink[];
  /** Action hooks by name, run for rules that list them. */
  actions?: Readonly<Record<string, ActionHook>>;
  /** Clock in ms (default `Date.now`). */
  now?: () => number;
  /** Groups kept per rule (default 100,000). */
  maxGroups?: number;
  /** Timestamps kept per group and series (default 10,000). */
  maxEventsPerGroup?: number;
  /** Called when a sink or hook fails (default: ignore). */
  onError?: (error: unknown, where: string) => void;
}

/** A security monitor. */
export interface SecurityMonitor {
  /** Record an event; resolves to the alerts it fired (after sinks and hooks ran). */
  record(event: SecurityEvent): Promise<SecurityAlert[]>;
  /** Current count (and ratio denominator) of a rule for a group. */
  count(rule: string, group?: { principal?: string; model?: string }): { count: number; denominator: number };
}

interface Series {
  times: number[];
  head: number;
}

interface Group {
  num: Series;
  den: Series;
  lastAlert: number;
}

interface CompiledRule extends Required<Omit<AlertRule, 'per' | 'event' | 'actions'>> {
  events: Set<string>;
  per: Set<string> | undefined;
  actions: string[];
  groups: Map<string, Group>;
}

/**
 * Create a security monitor.
 *
 * @example
 * ```ts
 * const monitor = createSecurityMonitor({
 *   rules: [
 *     { name: 'brute-force', event: 'auth_failure', windowMs: 60_000, threshold: 10, severity: 'critical' },
 *     { name: 'error-rate', event: 'error', per: 'request', by: 'model', windowMs: 300_000, threshold: 0.2, actions: ['rollback'] },
 *   ],
 *   sinks: [consoleJsonSink()],
 *   actions: { rollback: async (alert) => deployments.rollback(alert.model) },
 * });
 * await monitor.record({ type: 'auth_failure', principal: ip });
 * ```
 */
export function createSecurityMonitor(options: SecurityMonitorOptions): SecurityMonitor {
  checkOptions(options);
  if (!Array.isArray(options.rules) || options.rules.length === 0)
    throw new ModelSecTypeError('"rules" expected a non-empty array');
  const now = options.now ?? Date.now;
  afunction(now, 'now');
  const maxGroups = options.maxGroups ?? 100_000;
  ainteger(maxGroups, 'maxGroups', { min: 1 });
  const maxEvents = options.maxEventsPerGroup ?? 10_000;
  ainteger(maxEvents, 'maxEventsPerGroup', { min: 1 });
  const sinks = [...(options.sinks ?? [])];
  for (const s of sinks) afunction(s?.send, 'sink.send');
  const actions = options.actions ?? {};
  checkOptions(actions, 'actions');
  const onError = options.onError ?? (() => {});
  const rules: CompiledRule[] = options.rules.map((r, i) => compile(r, i, actions));
  if (new Set(rules.map((r) => r.name)).size !== rules.length)
    throw new ModelSecRangeError('rule names must be unique');

  const groupKey = (rule: CompiledRule, principal: string | undefined, model: string | undefined) =>
    rule.by === 'global'
      ? ''
      : rule.by === 'principal'
        ? `p:${principal ?? ''}`
        : rule.by === 'model'
          ? `m:${model ?? ''}`
          : `pm:${principal ?? ''}\u0000${model ?? ''}`;

  const getGroup = (rule: CompiledRule, key: string): Group => {
    let g = rule.groups.get(key);
    if (g === undefined) {
      g = { num: { times: [], head: 0 }, den: { times: [], head: 0 }, lastAlert: Number.NEGATIVE_INFINITY };
      if (rule.groups.size >= maxGroups) rule.groups.delete(rule.groups.keys().next().value as string);
    } else rule.groups.delete(key);
    rule.groups.set(key, g);
    return g;
  };

  const push = (s: Series, t: number) => {
    s.times.push(t);
    if (s.times.length - s.head > maxEvents) s.head++;
    if (s.head > 1024 && s.head * 2 > s.times.length) {
      s.times = s.times.slice(s.head);
      s.head = 0;
    }
  };
  const prune = (s: Series, from: number) => {
    while (s.head < s.times.length && (s.times[s.head] as number) <= from) s.head++;
    return s.times.length - s.head;
  };

  const deliver = async (alert: SecurityAlert) => {
    for (const sink of sinks) {
      try {
        await sink.send(alert);
      } catch (e) {
        onError(e, `sink:${sink.name}`);
      }
    }
    for (const name of alert.actions) {
      try {
        await (actions[name] as ActionHook)(alert);
      } catch (e) {
        onError(e, `action:${name}`);
      }
    }
  };

  return {
    async record(event) {
      checkEvent(event);
      const t = event.time ?? now();
      const fired: SecurityAlert[] = [];
      for (const rule of rules) {
        const inNum = rule.events.has(event.type);
        const inDen = rule.per?.has(event.type) ?? false;
        if (!inNum && !inDen) continue;
        const g = getGroup(rule, groupKey(rule, event.principal, event.model));
        if (inNum) push(g.num, t);
        if (inDen) push(g.den, t);
        const from = t - rule.windowMs;
        const count = prune(g.num, from);
        const den = prune(g.den, from);
        let value: number;
        if (rule.per) {
          if (den < rule.minEvents) continue;
          value = count / den;
        } else value = count;
        if (value < rule.threshold || t - g.lastAlert < rule.cooldownMs) continue;
        g.lastAlert = t;
        const alert: SecurityAlert = {
          rule: rule.name,
          severity: rule.severity,
          count,
          value,
          threshold: rule.threshold,
          windowMs: rule.windowMs,
          time: t,
          actions: [...rule.actions],
        };
        if (rule.by === 'principal' || rule.by === 'principal+model') alert.principal = event.principal ?? '';
        if (rule.by === 'model' || rule.by === 'principal+model') alert.model = event.model ?? '';
        if (rule.per) alert.denominator = den;
        fired.push(alert);
      }
      for (const alert of fired) await deliver(alert);
      return fired;
    },
    count(ruleName, group = {}) {
      const rule = rules.find((r) => r.name === ruleName);
      if (!rule) throw new ModelSecRangeError('unknown rule');
      const g = rule.groups.get(groupKey(rule, group.principal, group.model));
      if (!g) return { count: 0, denominator: 0 };
      const from = now() - rule.windowMs;
      return { count: prune(g.num, from), denominator: prune(g.den, from) };
    },
  };
}

function compile(r: AlertRule, i: number, actions: Readonly<Record<string, ActionHook>>): CompiledRule {
  checkOptions(r, `rules[${i}]`);
  astring(r.name, `rules[${i}].name`);
  const list = (v: unknown, label: string) => {
    const arr = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
    if (!arr || arr.length === 0 || !arr.every((e) => typeof e === 'string' && e.length > 0 && e.length <= 128)) {
      throw new ModelSecTypeError(`"${label}" expected event type(s), got ${describeValue(v)}`);
    }
    return new Set(arr as string[]);
  };
  const by = r.by ?? 'principal';
  aoneOf(by, `rules[${i}].by`, ['principal', 'model', 'principal+model', 'global'] as const);
  anumber(r.windowMs, `rules[${i}].windowMs`, { min: 1 });
  anumber(r.threshold, `rules[${i}].threshold`, { min: 0 });
  const severity = r.severity ?? 'warning';
  aoneOf(severity, `rules[${i}].severity`, ['info', 'warning', 'critical'] as const);
  const cooldownMs = r.cooldownMs ?? r.windowMs;
  anumber(cooldownMs, `rules[${i}].cooldownMs`, { min: 0 });
  const minEvents = r.minEvents ?? 20;
  ainteger(minEvents, `rules[${i}].minEvents`, { min: 1 });
  const acts = [...(r.actions ?? [])];
  for (const a of acts) {
    if (typeof a !== 'string' || typeof actions[a] !== 'function') {
      throw new ModelSecRangeError(`rules[${i}] names an action without a hook`);
    }
  }
  return {
    name: r.name,
    events: list(r.event, `rules[${i}].event`),
    per: r.per === undefined ? undefined : list(r.per, `rules[${i}].per`),
    by,
    windowMs: r.windowMs,
    threshold: r.threshold,
    minEvents,
    cooldownMs,
    severity,
    actions: acts,
    groups: new Map(),
  };
}

function checkEvent(e: unknown): asserts e is SecurityEvent {
  checkOptions(e, 'event');
  const ev = e as Record<string, unknown>;
  if (typeof ev.type !== 'string' || ev.type.length === 0 || ev.type.length > 128) {
    throw new ModelSecTypeError(`"event.type" expected a short string, got ${describeValue(ev.type)}`);
  }
  for (const k of ['principal', 'model'] as const) {
    if (ev[k] !== undefined && (typeof ev[k] !== 'string' || (ev[k] as string).length > 512)) {
      throw new ModelSecTypeError(
        `"event.${k}" expected a string of at most 512 characters, got ${describeValue(ev[k])}`,
      );
    }
  }
  if (ev.time !== undefined) anumber(ev.time, 'event.time');
}
