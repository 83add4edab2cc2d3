/**
 * The deployment manifest: the controls a running service actually has, written from its live
 * configuration objects (rule names of the guards, the limiter rules, the audit key id) rather than
 * from documentation. `modelsec report` reads it as evidence for the checklist items it cannot inspect
 * from files alone. Format `modelsec.deployment` version 1 (documented in docs/examples.md).
 */
import type { AuditVerifier, RateLimiter } from '@modelsec/endpoint';
import { HARDENED_OUTPUT, MIN_CONFIDENCE, STANDARD_OUTPUT } from './guards';
import type { ModelEvidence } from './model';
import { ALERT_RULES } from './monitoring';

/** A deployment manifest (JSON). */
export interface DeploymentManifest {
  format: 'modelsec.deployment';
  version: 1;
  model: { name: string; version: string } & ModelEvidence;
  auth: { methods: string[]; policy: string };
  rateLimits: { name: string; algorithm: string; limit: number; windowMs: number; by: string[]; code: string }[];
  ipAllowList: string[] | null;
  request: { maxBytes: number; schema: string };
  inputGuards: string[];
  outputFilters: { minConfidence: number; standard: string[]; hardened: string[] };
  monitoring: {
    extraction: { method: 'PRADA'; delta: number; shared: boolean };
    drift: { method: string; window: number };
    alerts: string[];
  };
  audit: { logId: string; alg: string; kid: string };
}

/** What the manifest is built from. */
export interface ManifestInput {
  resource: { model: string; version: string };
  evidence: ModelEvidence;
  limiters: readonly RateLimiter[];
  allow: readonly string[] | undefined;
  maxBytes: number;
  inputGuards: string[];
  auditLogId: string;
  auditKey: AuditVerifier;
  shared: { rateLimits: boolean; extraction: boolean };
}

/** Build the manifest from the service's live configuration. */
export function deploymentManifest(input: ManifestInput): DeploymentManifest {
  return {
    format: 'modelsec.deployment',
    version: 1,
    model: { name: input.resource.model, version: input.resource.version, ...input.evidence },
    auth: { methods: ['api-key'], policy: 'built-in roles (ML Model Consumer, ML Model Auditor)' },
    rateLimits: input.limiters.flatMap((limiter) =>
      limiter.rules.map((r) => ({
        name: r.name,
        algorithm: r.algorithm,
        limit: r.limit,
        windowMs: r.windowMs,
        by: [...r.by],
        code: r.code,
      })),
    ),
    ipAllowList: input.allow ? [...input.allow] : null,
    request: { maxBytes: input.maxBytes, schema: 'zod: { pixels: number[784] }' },
    inputGuards: input.inputGuards,
    outputFilters: {
      minConfidence: MIN_CONFIDENCE,
      standard: STANDARD_OUTPUT.map((r) => r.name),
      hardened: HARDENED_OUTPUT.map((r) => r.name),
    },
    monitoring: {
      extraction: { method: 'PRADA', delta: 0.91, shared: input.shared.extraction },
      drift: { method: 'KS test on top-class confidence + ADWIN', window: 200 },
      alerts: ALERT_RULES.map((r) => r.name),
    },
    audit: { logId: input.auditLogId, alg: input.auditKey.alg, kid: input.auditKey.kid },
  };
}
