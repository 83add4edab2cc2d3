/**
 * The deployment manifest (`modelsec.deployment` version 1) as checklist evidence. A running service
 * writes it from its live configuration objects (see examples/node-service), so it states what is
 * actually wired: authentication, rate limits, input guards, output filters, monitors. The report
 * also checks that the manifest describes the inspected model (same sha256).
 */
import { readFile } from 'node:fs/promises';
import { type CheckResult, checklistItem, type ItemStatus } from './checklist';

const IDS = ['access-control', 'rate-limits', 'input-validation', 'output-filtering', 'monitoring'] as const;

interface Manifest {
  format?: string;
  version?: number;
  model?: { sha256?: string; name?: string; version?: string };
  auth?: { methods?: string[]; policy?: string };
  rateLimits?: { name: string; algorithm: string; limit: number; windowMs: number; by: string[] }[];
  ipAllowList?: string[] | null;
  request?: { maxBytes?: number; schema?: string };
  inputGuards?: string[];
  outputFilters?: { minConfidence?: number; standard?: string[]; hardened?: string[] };
  monitoring?: {
    extraction?: { method?: string; delta?: number };
    drift?: { method?: string; window?: number };
    alerts?: string[];
  };
}

const isStrings = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
const isObject = (v: unknown) => v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v));

/** Reject manifests whose fields have the wrong types (the file is untrusted input). */
function checkShape(d: Manifest): void {
  const bad = (field: string) => {
    throw new Error(`field ${field} has the wrong type`);
  };
  for (const k of ['model', 'auth', 'request', 'outputFilters', 'monitoring'] as const) if (!isObject(d[k])) bad(k);
  if (!isStrings(d.auth?.methods)) bad('auth.methods');
  if (!isStrings(d.inputGuards)) bad('inputGuards');
  if (d.ipAllowList !== undefined && d.ipAllowList !== null && !isStrings(d.ipAllowList)) bad('ipAllowList');
  if (!isStrings(d.outputFilters?.standard) || !isStrings(d.outputFilters?.hardened)) bad('outputFilters');
  if (!isStrings(d.monitoring?.alerts) || !isObject(d.monitoring?.extraction) || !isObject(d.monitoring?.drift))
    bad('monitoring');
  const limits = d.rateLimits;
  const okRule = (r: Manifest['rateLimits'] extends (infer R)[] | undefined ? R : never) =>
    isObject(r) &&
    typeof r.name === 'string' &&
    typeof r.algorithm === 'string' &&
    Number.isFinite(r.limit) &&
    Number.isFinite(r.windowMs) &&
    isStrings(r.by);
  if (limits !== undefined && !(Array.isArray(limits) && limits.every(okRule))) bad('rateLimits');
}

const make = (
  id: string,
  status: ItemStatus,
  summary: string,
  facts: CheckResult['evidence']['facts'],
  files: string[],
) => ({
  ...checklistItem(id),
  status,
  evidence: { summary, facts, files },
});

/**
 * Checklist results for the endpoint controls, read from a deployment manifest.
 *
 * @example
 * ```ts
 * const results = await inspectDeployment('release/deployment.json', 'sha256:…');
 * ```
 */
export async function inspectDeployment(
  path: string | undefined,
  modelSha256: string | undefined,
): Promise<CheckResult[]> {
  if (!path) return IDS.map((id) => make(id, 'not-checked', 'no deployment manifest in the config', {}, []));
  let d: Manifest;
  try {
    d = JSON.parse(await readFile(path, 'utf8')) as Manifest;
    if (typeof d !== 'object' || d === null || d.format !== 'modelsec.deployment' || d.version !== 1)
      throw new Error('not a modelsec.deployment v1 manifest');
    checkShape(d);
  } catch (error) {
    return IDS.map((id) => make(id, 'fail', `deployment manifest unreadable: ${(error as Error).message}`, {}, [path]));
  }
  const files = [path];
  const otherModel = modelSha256 !== undefined && d.model?.sha256 !== undefined && d.model.sha256 !== modelSha256;
  const serves = otherModel ? ` (but it serves ${d.model?.sha256}, not the inspected model)` : '';
  const status = (ok: boolean): ItemStatus => (ok && !otherModel ? 'pass' : 'fail');
  const methods = d.auth?.methods ?? [];
  const limits = d.rateLimits ?? [];
  const guards = d.inputGuards ?? [];
  const filters = d.outputFilters ?? {};
  const mon = d.monitoring ?? {};
  return [
    make(
      'access-control',
      status(methods.length > 0),
      methods.length
        ? `authentication: ${methods.join(', ')}; ${d.auth?.policy ?? 'no policy'}${serves}`
        : 'no authentication configured',
      {
        methods: methods.join(', ') || 'none',
        ipAllowList: d.ipAllowList ? d.ipAllowList.join(', ') : 'none (any address)',
        maxRequestBytes: d.request?.maxBytes ?? 'unlimited',
        requestSchema: d.request?.schema ?? 'none',
      },
      files,
    ),
    make(
      'rate-limits',
      status(limits.length > 0),
      limits.length ? `${limits.length} limiter rule(s)${serves}` : 'no rate limit',
      Object.fromEntries(
        limits.map((r) => [r.name, `${r.algorithm}: ${r.limit} per ${r.windowMs / 1000} s by ${r.by.join('+')}`]),
      ),
      files,
    ),
    make(
      'input-validation',
      status(guards.length > 0),
      guards.length ? `${guards.length} input rules run before the model${serves}` : 'no input validation',
      {
        rules: guards.join(', ') || 'none',
      },
      files,
    ),
    make(
      'output-filtering',
      status((filters.standard ?? []).length > 0),
      (filters.standard ?? []).length
        ? `outputs filtered${filters.hardened?.length ? '; hardened policy for suspected extraction' : ''}${serves}`
        : 'no output filter',
      {
        standard: (filters.standard ?? []).join(', ') || 'none',
        hardened: (filters.hardened ?? []).join(', ') || 'none',
        minConfidence: filters.minConfidence ?? 'none',
      },
      files,
    ),
    make(
      'monitoring',
      status(Boolean(mon.extraction && mon.drift && mon.alerts?.length)),
      mon.extraction || mon.drift
        ? `extraction: ${mon.extraction?.method ?? 'none'}, drift: ${mon.drift?.method ?? 'none'}${serves}`
        : 'no monitoring',
      {
        extraction: mon.extraction ? `${mon.extraction.method} (delta ${mon.extraction.delta})` : 'none',
        drift: mon.drift ? `${mon.drift.method} (window ${mon.drift.window})` : 'none',
        alerts: (mon.alerts ?? []).join(', ') || 'none',
      },
      files,
    ),
  ];
}
