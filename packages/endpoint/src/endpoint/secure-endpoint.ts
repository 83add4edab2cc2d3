/**
 * `secureEndpoint()`: one Fetch-API `(Request) → Response` wrapper around a model handler that
 * composes, in order: IP allow/deny (cheapest, and it keeps refused networks away from the token
 * verifier) → authentication → authorization → rate limits → request validation → query budgets →
 * core `guard()` (input rules, the handler, output rules) → audit. Every refusal is a JSON error with
 * a stable code and a fixed message; every request, allowed or refused, gets one audit entry.
 */
import {
  AccessError,
  afunction,
  aobject,
  bytesToHex,
  ConfigError,
  guard,
  isModelSecError,
  randomBytes,
} from '@modelsec/core';
import { authenticate } from '../auth/authenticate';
import { clientIp, createIpFilter } from '../net/filter';
import type { Principal, Resource } from '../policy/types';
import { rateLimitHeaders } from '../ratelimit/headers';
import { type RateLimitOutcome, rateLimitError } from '../ratelimit/limiter';
import { validateRequest } from '../request/body';
import { requestAuditEvent } from './audit-event';
import { errorResponse, statusForError } from './responses';
import type { EndpointContext, EndpointHandler, FetchHandler, PlatformInfo, SecureEndpointOptions } from './types';

const ANONYMOUS: Principal = Object.freeze({
  id: 'anonymous',
  roles: Object.freeze([]) as readonly string[],
  via: 'none',
});

/**
 * Protect a model handler.
 *
 * @param handler - receives the validated input and the request context; returns JSON-serializable
 *   output or a `Response`.
 * @returns a Fetch-API handler; adapt it with `toNodeListener` / `toExpressMiddleware` from
 *   `@modelsec/endpoint/node`, or export it from an edge function.
 * @throws ConfigError `invalid_config` for missing authentication settings.
 * @example
 * ```ts
 * const handle = secureEndpoint(async ({ pixels }) => ({ digit: await classify(pixels) }), {
 *   auth: [jwtAuthenticator({ keys: jwks, issuer, audience: 'mnist-api' })],
 *   policy: createPolicy(),
 *   resource: { model: 'mnist', version: '1' },
 *   rateLimit: createRateLimiter({ rules: [slidingWindow({ name: 'burst', limit: 100, windowMs: 60_000 })] }),
 *   request: { maxBytes: 64 * 1024, schema: z.object({ pixels: z.array(z.number()).length(784) }) },
 *   audit: createAuditLog({ sink: memoryAuditSink(), signer: hmacAuditSigner(auditKey) }),
 * });
 * export default { fetch: handle };
 * ```
 */
export function secureEndpoint<I = unknown, O = unknown>(
  handler: EndpointHandler<I, O>,
  options: SecureEndpointOptions<I>,
): FetchHandler {
  afunction(handler, 'handler');
  aobject(options as unknown, 'options');
  if (options.auth !== 'none' && (!Array.isArray(options.auth) || options.auth.length === 0)) {
    throw new ConfigError(
      'invalid_config',
      "options.auth must list authenticators (or be 'none' for a public endpoint)",
    );
  }
  const ipFilter = options.ip && (options.ip.allow || options.ip.deny) ? createIpFilter(options.ip) : undefined;
  const ipOf = clientIp({ trustedProxies: options.ip?.trustedProxies ?? [] });
  const newId = options.requestId ?? defaultRequestId;
  const ipMode = options.auditIp ?? 'truncated';
  const guarded = guard((input: I, ctx: EndpointContext) => handler(input, ctx), {
    input: options.guard?.input ?? [],
    output: (options.guard?.output ?? []).map((rule) => ({
      name: rule.name,
      // A handler that answers with its own Response bypasses output rules by design.
      check: (value: unknown, rc: Parameters<typeof rule.check>[1]) =>
        isResponse(value) ? undefined : rule.check(value, rc),
    })),
    ...(options.guard?.onFinding ? { onFinding: options.guard.onFinding } : {}),
  });

  return async (request: Request, platform: PlatformInfo = {}): Promise<Response> => {
    const started = clock();
    const requestId = newId(request);
    const headers: Record<string, string> = {};
    const addLimitHeaders = (outcome: RateLimitOutcome) => {
      for (const [k, v] of Object.entries(rateLimitHeaders(outcome)))
        headers[k] = headers[k] && k !== 'Retry-After' ? `${headers[k]}, ${v}` : v;
    };
    let stage = 'ip';
    let degraded = false;
    let principal: Principal | undefined;
    let action: string | undefined;
    let resource: Resource | undefined;
    const ip = ipOf(platform.remoteAddress, request.headers.get('x-forwarded-for'));
    let response: Response;
    let failure: unknown;
    try {
      ipFilter?.enforce(ip);
      stage = 'auth';
      principal = options.auth === 'none' ? ANONYMOUS : await authenticate(request, options.auth);
      stage = 'authorize';
      action = typeof options.action === 'function' ? options.action(request) : (options.action ?? 'endpoint:invoke');
      resource =
        typeof options.resource === 'function' ? options.resource(request, principal) : (options.resource ?? {});
      const decision = options.policy?.enforce(principal, action, resource, { ip, method: request.method, requestId });
      stage = 'rate-limit';
      let rateLimit: RateLimitOutcome | undefined;
      const subject = { principal: principal.id, ip, model: resource.model, tenant: principal.tenant };
      if (options.rateLimit) {
        rateLimit = await options.rateLimit.consume(subject);
        degraded ||= rateLimit.degraded;
        addLimitHeaders(rateLimit);
        if (!rateLimit.allowed) throw rateLimitError(rateLimit);
      }
      stage = 'validate';
      const input = await validateRequest<I>(request, options.request);
      if (options.budget) {
        stage = 'budget';
        const units = options.budget.units ? options.budget.units(input) : 1;
        const spent = await options.budget.limiter.consume({ ...subject, units });
        degraded ||= spent.degraded;
        addLimitHeaders(spent);
        if (!spent.allowed) throw rateLimitError(spent);
      }
      stage = 'model';
      const context: EndpointContext = { request, requestId, principal, ip, action, resource, decision, rateLimit };
      const output = await guarded(input, context);
      response = isResponse(output) ? output : jsonResponse(output);
      stage = 'done';
    } catch (error) {
      failure = error;
      if (statusForError(error) >= 500) options.onError?.(error, { requestId, stage });
      response = errorResponse(error, requestId);
    }

    if (options.audit) {
      const record = {
        requestId,
        method: request.method,
        path: pathOf(request.url),
        ...(principal ? { principal } : {}),
        ...(action !== undefined ? { action } : {}),
        ...(resource ? { resource } : {}),
        ...(ip !== undefined ? { ip } : {}),
        status: response.status,
        ...(failure !== undefined ? { code: isModelSecError(failure) ? failure.code : 'internal_error' } : {}),
        stage,
        ...(degraded ? { degraded } : {}),
        durationMs: clock() - started,
      };
      try {
        await options.audit.append(requestAuditEvent(record, ipMode));
      } catch (error) {
        options.onError?.(error, { requestId, stage: 'audit' });
        if ((options.auditFailMode ?? 'closed') === 'closed' && response.status < 400) {
          await response.body?.cancel().catch(() => {});
          response = errorResponse(auditUnavailable(error), requestId);
        }
      }
    }
    return withHeaders(response, { ...headers, 'x-request-id': requestId });
  };
}

/** Monotonic milliseconds where available (edge runtimes may lack `performance`). */
function clock(): number {
  const p = (globalThis as { performance?: { now(): number } }).performance;
  return typeof p?.now === 'function' ? p.now() : Date.now();
}

function auditUnavailable(cause: unknown): AccessError {
  // The access could not be recorded, so the answer is withheld: fail closed.
  return new AccessError('store_unavailable', 'the audit log is unavailable', { cause, details: { store: 'audit' } });
}

function jsonResponse(value: unknown): Response {
  return new Response(JSON.stringify(value ?? null), {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

function withHeaders(response: Response, extra: Record<string, string>): Response {
  try {
    for (const [k, v] of Object.entries(extra)) response.headers.set(k, v);
    return response;
  } catch {
    // Immutable headers (a Response from fetch): copy it.
    const copy = new Response(response.body, response);
    for (const [k, v] of Object.entries(extra)) copy.headers.set(k, v);
    return copy;
  }
}

function isResponse(value: unknown): value is Response {
  const R = (globalThis as { Response?: typeof Response }).Response;
  return R !== undefined && value instanceof R;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '/';
  }
}

function defaultRequestId(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  return typeof c?.randomUUID === 'function' ? c.randomUUID() : bytesToHex(randomBytes(16));
}
