/**
 * The inference service as ONE Fetch-API handler `(Request) → Response`, so the same code serves from
 * Node (`toNodeListener`), an edge function or a worker. Routes:
 *
 * | route | who | what |
 * | --- | --- | --- |
 * | `POST /v1/predict` `{ "pixels": number[784] }` | `ML Model Consumer` | guarded, filtered prediction |
 * | `GET /v1/monitoring` | `ML Model Auditor` | PRADA-flagged clients, drift state, alerts |
 * | `GET /v1/audit/verify` | `ML Model Auditor` | verifies the hash-chained, signed audit log |
 * | `GET /healthz` | anyone | model evidence (digest, signer, scan verdict) |
 *
 * Every route except `/healthz` runs through `secureEndpoint` (API keys → RBAC → rate limit → body
 * validation → query budget → input guards → handler → audit entry).
 */
import { argmax, softmax } from '@modelsec/core';
import {
  type ApiKeyRecord,
  type AuditEntry,
  type AuditLog,
  type AuditVerifier,
  type Authenticator,
  apiKeyAuthenticator,
  createPolicy,
  createRateLimiter,
  type FetchHandler,
  type PlatformInfo,
  queryBudget,
  type RateLimitStore,
  secureEndpoint,
  slidingWindow,
  verifyAuditLog,
} from '@modelsec/endpoint';
import type { ExtractionStore } from '@modelsec/monitor';
import { z } from 'zod';
import { type DeploymentManifest, deploymentManifest } from './deployment';
import { filterAnswer, type GuardArtifacts, inputRules } from './guards';
import type { TrustedModel } from './model';
import { createMonitoring, type Monitoring } from './monitoring';

/** Limits of the service. */
export interface ServiceLimits {
  /** Predictions per client per minute (sliding window). */
  perMinute: number;
  /** Predictions per client per day (query budget: caps what one key can extract). */
  perDay: number;
  /** Largest request body in bytes. */
  maxBytes: number;
}

/** Default limits. */
export const DEFAULT_LIMITS: ServiceLimits = { perMinute: 120, perDay: 5_000, maxBytes: 32 * 1024 };

/** Options of `createInferenceService`. */
export interface InferenceServiceOptions {
  /** The verified, scanned model. */
  model: TrustedModel;
  /** Guard artifacts from the release step. */
  artifacts: GuardArtifacts;
  /** API keys (stored as keyed hashes) and the server-side pepper. */
  apiKeys: { pepper: Uint8Array; records: readonly ApiKeyRecord[] };
  /** The audit log (its sink decides where entries go: file, memory, Redis). */
  audit: AuditLog;
  /** How to read the audit log back and check it (for `/v1/audit/verify`). */
  auditReader: { entries(): AsyncIterable<AuditEntry>; verifier: AuditVerifier };
  /** Rate limits (default `DEFAULT_LIMITS`). */
  limits?: Partial<ServiceLimits>;
  /** Shared rate-limit store (default: process memory; Redis for several instances). */
  rateLimitStore?: RateLimitStore;
  /** Shared PRADA store (default: process memory). */
  extractionStore?: ExtractionStore;
  /** Networks allowed to call (CIDR); default: everyone. */
  allow?: readonly string[];
  /** Model name and version, used for RBAC resources and alerts. */
  resource?: { model: string; version: string };
}

/** The service: the Fetch handler plus its monitors (for tests and operators). */
export interface InferenceService {
  /** Serve a request. */
  fetch: FetchHandler;
  /** The monitors. */
  monitoring: Monitoring;
  /** The limits in force. */
  limits: ServiceLimits;
  /** The controls in force, as a deployment manifest (evidence for `modelsec report`). */
  describe(): DeploymentManifest;
}

const predictBody = z
  .object({ pixels: z.array(z.number()).length(784) })
  .strict()
  .transform(({ pixels }) => Float32Array.from(pixels));

/** Build the service. */
export function createInferenceService(options: InferenceServiceOptions): InferenceService {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const resource = options.resource ?? { model: 'mnist', version: '1' };
  const { classifier } = options.model;
  const { audit } = options;
  const monitoring = createMonitoring({
    referenceConfidences: options.artifacts.referenceConfidences,
    ...(options.extractionStore ? { extractionStore: options.extractionStore } : {}),
    model: resource.model,
    onAlert: async (alert) => {
      await audit.append({
        type: 'security_alert',
        rule: alert.rule,
        severity: alert.severity,
        principal: alert.principal ?? null,
        count: alert.count,
      });
    },
  });

  // Remember who authenticated, so refusals after authentication are attributed to the principal.
  const principals = new WeakMap<Request, string>();
  const apiKeys = apiKeyAuthenticator({ pepper: options.apiKeys.pepper, keys: options.apiKeys.records });
  const auth: Authenticator[] = [
    {
      name: apiKeys.name,
      async authenticate(request) {
        const principal = await apiKeys.authenticate(request);
        if (principal) principals.set(request, principal.id);
        return principal;
      },
    },
  ];
  const common = {
    auth,
    policy: createPolicy(),
    resource,
    ...(options.allow ? { ip: { allow: options.allow } } : {}),
    audit,
  };
  const store = options.rateLimitStore ? { store: options.rateLimitStore } : {};
  const rateLimit = createRateLimiter({
    rules: [slidingWindow({ name: 'burst', limit: limits.perMinute, windowMs: 60_000, by: 'principal' })],
    ...store,
    prefix: 'rl:burst:',
  });
  const budget = createRateLimiter({
    rules: [queryBudget({ name: 'daily', limit: limits.perDay, periodMs: 86_400_000, by: 'principal' })],
    ...store,
    prefix: 'rl:budget:',
  });
  const guards = inputRules(classifier, options.artifacts);

  const predict = secureEndpoint(
    async (pixels: Float32Array, ctx) => {
      const probabilities = softmax(await classifier.predict(pixels, 1), 10);
      const predicted = argmax(probabilities, 10)[0] as number;
      const confidence = probabilities[predicted] as number;
      const seen = await monitoring.observe(ctx.principal.id, pixels, predicted, confidence);
      const answer = await filterAnswer(probabilities, seen.extraction.flagged, () => {});
      return { ...answer, requestId: ctx.requestId };
    },
    {
      ...common,
      action: 'endpoint:invoke',
      rateLimit,
      budget: { limiter: budget },
      request: { maxBytes: limits.maxBytes, schema: predictBody },
      guard: { input: guards },
    },
  );
  const auditorOnly = { ...common, action: 'audit:read' };
  const monitoringRoute = secureEndpoint(() => monitoring.snapshot(), auditorOnly);
  const verifyRoute = secureEndpoint(async () => {
    const report = await verifyAuditLog(options.auditReader.entries(), { verifier: options.auditReader.verifier });
    return { ok: report.ok, entries: report.entries, head: report.head, problems: report.problems };
  }, auditorOnly);

  const routes: Record<string, FetchHandler> = {
    'POST /v1/predict': predict,
    'GET /v1/monitoring': monitoringRoute,
    'GET /v1/audit/verify': verifyRoute,
    'GET /healthz': async () =>
      Response.json({ status: 'ok', model: resource, evidence: options.model.evidence }, { status: 200 }),
  };

  const fetch: FetchHandler = async (request: Request, platform?: PlatformInfo) => {
    const path = new URL(request.url).pathname;
    const route = routes[`${request.method} ${path}`];
    if (!route) return Response.json({ error: { code: 'not_found', message: 'No such route.' } }, { status: 404 });
    const response = await route(request, platform);
    await recordOutcome(monitoring, response, principals.get(request) ?? platform?.remoteAddress ?? 'unknown');
    return response;
  };
  const describe = (): DeploymentManifest =>
    deploymentManifest({
      resource,
      evidence: options.model.evidence,
      limiters: [rateLimit, budget],
      allow: options.allow,
      maxBytes: limits.maxBytes,
      inputGuards: guards.map((rule) => rule.name),
      auditLogId: audit.logId,
      auditKey: options.auditReader.verifier,
      shared: { rateLimits: options.rateLimitStore !== undefined, extraction: options.extractionStore !== undefined },
    });
  return { fetch, monitoring, limits, describe };
}

/** Turn refusals into security events (the monitor's alert rules count them). */
async function recordOutcome(monitoring: Monitoring, response: Response, principal: string): Promise<void> {
  if (response.status < 400) return;
  const code = (
    (await response
      .clone()
      .json()
      .catch(() => ({}))) as { error?: { code?: string } }
  ).error?.code;
  const type =
    response.status === 401
      ? 'auth_failure'
      : response.status === 429
        ? 'rate_limited'
        : code === 'adversarial_input' || code === 'anomalous_input'
          ? 'adversarial_finding'
          : response.status === 400
            ? 'validation_finding'
            : 'error';
  await monitoring.record({ type, principal });
}
