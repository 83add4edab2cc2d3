/**
 * Alert sinks: a callback, one JSON line per alert on a console-like writer, and a webhook POST
 * through an injectable `fetch` (default `globalThis.fetch`) with a timeout.
 */
import { afunction, anumber, astring, ConfigError, ModelSecRangeError } from '@modelsec/core';
import type { AlertSink, SecurityAlert } from './types';

/**
 * A sink that calls `fn` with each alert.
 *
 * @example
 * ```ts
 * const sink = callbackSink((alert) => pager.notify(alert.rule));
 * ```
 */
export function callbackSink(fn: (alert: SecurityAlert) => void | Promise<void>): AlertSink {
  afunction(fn, 'fn');
  return { name: 'callback', send: (alert) => fn(alert) };
}

/**
 * A sink that writes one JSON line per alert (default `console.log`).
 *
 * @example
 * ```ts
 * const sink = consoleJsonSink(); // {"type":"modelsec.alert","rule":"auth-failures",...}
 * ```
 */
export function consoleJsonSink(options: { write?: (line: string) => void } = {}): AlertSink {
  const write = options.write ?? ((line: string) => console.log(line));
  afunction(write, 'write');
  return { name: 'console', send: (alert) => write(JSON.stringify({ type: 'modelsec.alert', ...alert })) };
}

/** Options of {@link webhookSink}. */
export interface WebhookSinkOptions {
  /** http(s) URL to POST to. */
  url: string;
  /** The fetch implementation (default `globalThis.fetch`). */
  fetch?: typeof globalThis.fetch;
  /** Extra request headers (e.g. an authorization token; never logged). */
  headers?: Record<string, string>;
  /** Request timeout in ms (default 5000). */
  timeoutMs?: number;
}

/**
 * A sink that POSTs each alert as JSON to a webhook.
 *
 * @throws ConfigError `unsupported_runtime` when no fetch is available.
 * @example
 * ```ts
 * const sink = webhookSink({ url: 'https://hooks.example.com/modelsec', fetch });
 * ```
 */
export function webhookSink(options: WebhookSinkOptions): AlertSink {
  astring(options?.url, 'url');
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new ModelSecRangeError('"url" is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ModelSecRangeError('"url" must be http or https');
  const fetchFn = options.fetch ?? (globalThis as { fetch?: typeof globalThis.fetch }).fetch;
  if (typeof fetchFn !== 'function')
    throw new ConfigError('unsupported_runtime', 'no fetch available: pass options.fetch');
  const timeoutMs = options.timeoutMs ?? 5000;
  anumber(timeoutMs, 'timeoutMs', { min: 1 });
  const headers = { 'content-type': 'application/json', ...options.headers };
  return {
    name: 'webhook',
    async send(alert) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        const res = await fetchFn(url.href, {
          method: 'POST',
          headers,
          body: JSON.stringify({ type: 'modelsec.alert', ...alert }),
          signal: controller.signal,
        });
        if (!res.ok) throw new ConfigError('invalid_config', `webhook answered HTTP ${res.status}`);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
