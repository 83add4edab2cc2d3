/**
 * The `modelsec report` configuration (`modelsec.report` version 1, JSON): what to inspect and what the
 * model card says. Every path is relative to the config file. Every section except `model.name` is
 * optional; a missing section makes its checklist items "not checked", never "pass". Parsing is strict:
 * unknown keys, wrong types and oversized values are `ConfigError('invalid_config')` naming the field.
 * The format is documented in docs/examples.md.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { ConfigError } from '@modelsec/core';

/** A metric the model owner reports on the model card. */
export interface ReportMetric {
  /** Metric name, e.g. `accuracy`. */
  name: string;
  /** Its value. */
  value: number | string;
  /** Data it was measured on. */
  dataset?: string;
}

/** The parsed configuration, with absolute paths. */
export interface ReportConfig {
  /** Model card fields and the model's files. */
  model: {
    name: string;
    version?: string;
    owner?: string;
    description?: string;
    intendedUse?: string;
    outOfScope?: string;
    limitations: string[];
    metrics: ReportMetric[];
    /** The plaintext model file (optional when `encrypted` is given). */
    path?: string;
    /** The encrypted container and the raw 32-byte key-encryption key that opens it. */
    encrypted?: { path: string; keyFile?: string };
    /** The OMS signature bundle and the signer's public key (PEM). */
    signature?: { bundle: string; publicKey: string };
  };
  /** A `modelsec watermark verify --json` result for this model. */
  watermark?: string;
  /** The deployment manifest (`modelsec.deployment` v1, written by the service from its live configuration). */
  deployment?: string;
  /** The audit log (JSON Lines) and its Ed25519 public key (hex file). */
  audit?: { log: string; publicKey: string; kid?: string };
  /** A red-team report (`modelsec.redteam.report/v1`, from `modelsec redteam --out`). */
  redteam?: string;
  /** Where to write the report (default `modelsec-report.md` / `.html` next to the config). */
  output: { markdown: string; html: string };
}

type Json = Record<string, unknown>;

const fail = (field: string, reason: string): never => {
  throw new ConfigError('invalid_config', `report config: "${field}" ${reason}`);
};

function object(value: unknown, field: string, keys: readonly string[]): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'must be an object');
  for (const key of Object.keys(value as Json)) {
    if (!keys.includes(key)) fail(`${field}.${key}`, `is not a known key (expected one of ${keys.join(', ')})`);
  }
  return value as Json;
}

function text(value: unknown, field: string, max = 4096): string {
  if (typeof value !== 'string' || value.length === 0) fail(field, 'must be a non-empty string');
  if ((value as string).length > max) fail(field, `must be at most ${max} characters`);
  return value as string;
}

const optionalText = (value: unknown, field: string) => (value === undefined ? undefined : text(value, field));

/**
 * Parse a report configuration and resolve its paths against `configPath`'s folder.
 *
 * @throws ConfigError `invalid_config` for malformed JSON, unknown keys or wrong types.
 * @example
 * ```ts
 * const config = parseReportConfig(await readFile('report.json', 'utf8'), 'report.json');
 * ```
 */
export function parseReportConfig(source: string, configPath: string): ReportConfig {
  if (source.length > 1_000_000) fail('config', 'is larger than 1 MB');
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch {
    return fail('config', 'is not valid JSON');
  }
  const base = dirname(resolve(configPath));
  const path = (value: unknown, field: string) => {
    const p = text(value, field, 1024);
    return isAbsolute(p) ? p : resolve(base, p);
  };
  const optionalPath = (value: unknown, field: string) => (value === undefined ? undefined : path(value, field));
  const top = object(raw, 'config', [
    '$schema',
    'format',
    'version',
    'model',
    'watermark',
    'deployment',
    'audit',
    'redteam',
    'output',
  ]);
  if (top.format !== undefined && top.format !== 'modelsec.report') fail('format', 'must be "modelsec.report"');
  if (top.version !== undefined && top.version !== 1) fail('version', 'must be 1');
  const m = object(top.model, 'model', [
    'name',
    'version',
    'owner',
    'description',
    'intendedUse',
    'outOfScope',
    'limitations',
    'metrics',
    'path',
    'encrypted',
    'signature',
  ]);
  const limitations = m.limitations ?? [];
  if (!Array.isArray(limitations) || limitations.length > 100) fail('model.limitations', 'must be an array (≤ 100)');
  const metrics = m.metrics ?? [];
  if (!Array.isArray(metrics) || metrics.length > 100) fail('model.metrics', 'must be an array (≤ 100)');
  const config: ReportConfig = {
    model: {
      name: text(m.name, 'model.name', 200),
      limitations: (limitations as unknown[]).map((l, i) => text(l, `model.limitations[${i}]`)),
      metrics: (metrics as unknown[]).map((entry, i) => {
        const e = object(entry, `model.metrics[${i}]`, ['name', 'value', 'dataset']);
        if (typeof e.value !== 'string' && !(typeof e.value === 'number' && Number.isFinite(e.value)))
          fail(`model.metrics[${i}].value`, 'must be a finite number or a string');
        const dataset = optionalText(e.dataset, `model.metrics[${i}].dataset`);
        return {
          name: text(e.name, `model.metrics[${i}].name`, 200),
          value: e.value as number | string,
          ...(dataset ? { dataset } : {}),
        };
      }),
    },
    output: { markdown: resolve(base, 'modelsec-report.md'), html: resolve(base, 'modelsec-report.html') },
  };
  for (const key of ['version', 'owner', 'description', 'intendedUse', 'outOfScope'] as const) {
    const value = optionalText(m[key], `model.${key}`);
    if (value !== undefined) config.model[key] = value;
  }
  const modelPath = optionalPath(m.path, 'model.path');
  if (modelPath) config.model.path = modelPath;
  if (m.encrypted !== undefined) {
    const e = object(m.encrypted, 'model.encrypted', ['path', 'keyFile']);
    const keyFile = optionalPath(e.keyFile, 'model.encrypted.keyFile');
    config.model.encrypted = { path: path(e.path, 'model.encrypted.path'), ...(keyFile ? { keyFile } : {}) };
  }
  if (m.signature !== undefined) {
    const s = object(m.signature, 'model.signature', ['bundle', 'publicKey']);
    config.model.signature = {
      bundle: path(s.bundle, 'model.signature.bundle'),
      publicKey: path(s.publicKey, 'model.signature.publicKey'),
    };
  }
  for (const key of ['watermark', 'deployment', 'redteam'] as const) {
    const value = optionalPath(top[key], key);
    if (value) config[key] = value;
  }
  if (top.audit !== undefined) {
    const a = object(top.audit, 'audit', ['log', 'publicKey', 'kid']);
    const kid = optionalText(a.kid, 'audit.kid');
    config.audit = {
      log: path(a.log, 'audit.log'),
      publicKey: path(a.publicKey, 'audit.publicKey'),
      ...(kid ? { kid } : {}),
    };
  }
  if (top.output !== undefined) {
    const o = object(top.output, 'output', ['markdown', 'html']);
    if (o.markdown !== undefined) config.output.markdown = path(o.markdown, 'output.markdown');
    if (o.html !== undefined) config.output.html = path(o.html, 'output.html');
  }
  return config;
}
