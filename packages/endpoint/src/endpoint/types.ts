/** Types of `secureEndpoint()`: its options, the context handlers receive, platform information. */
import type { AnyRule, Finding, RulePhase } from '@modelsec/core';
import type { AuditLog } from '../audit/log';
import type { Authenticator } from '../auth/types';
import type { IpFilterOptions } from '../net/filter';
import type { Policy } from '../policy/policy';
import type { Decision, Principal, Resource } from '../policy/types';
import type { RateLimiter, RateLimitOutcome } from '../ratelimit/limiter';
import type { RequestValidationOptions } from '../request/body';

/** What the hosting platform knows that a `Request` does not (adapters fill it in). */
export interface PlatformInfo {
  /** The TCP peer address (Node: `req.socket.remoteAddress`). */
  remoteAddress?: string;
}

/** What a handler learns about the request it serves. */
export interface EndpointContext {
  /** The request (its body has been consumed by validation). */
  request: Request;
  /** Id of this request (also in the `x-request-id` header and the audit log). */
  requestId: string;
  /** The authenticated principal. */
  principal: Principal;
  /** Client address after trusted-proxy handling. */
  ip: string | undefined;
  /** The action checked. */
  action: string;
  /** The resource checked. */
  resource: Resource;
  /** The policy decision (undefined without a policy). */
  decision: Decision | undefined;
  /** Rate-limit outcome (undefined without a limiter). */
  rateLimit: RateLimitOutcome | undefined;
}

/** A model handler: validated input in, JSON-serializable output (or a ready `Response`) out. */
export type EndpointHandler<I, O> = (input: I, context: EndpointContext) => O | Response | Promise<O | Response>;

/** A Fetch-API handler as produced by `secureEndpoint`. */
export type FetchHandler = (request: Request, platform?: PlatformInfo) => Promise<Response>;

/** Options of `secureEndpoint`. */
export interface SecureEndpointOptions<I = unknown> {
  /** Authenticators, tried in order; `'none'` makes the endpoint public (principal `anonymous`). */
  auth: readonly Authenticator[] | 'none';
  /** Authorization policy; without one every authenticated principal may call. */
  policy?: Policy;
  /** The action checked (default `endpoint:invoke`). */
  action?: string | ((request: Request) => string);
  /** The resource checked (model, version, tenant), static or per request. */
  resource?: Resource | ((request: Request, principal: Principal) => Resource);
  /** IP allow/deny lists and trusted proxies. */
  ip?: IpFilterOptions & {
    /** Proxies whose `X-Forwarded-For` is believed. */
    trustedProxies?: readonly string[];
  };
  /** Request-count limits, spent before the body is read. */
  rateLimit?: RateLimiter;
  /** Query budgets, spent after validation with `units(input)` units (e.g. samples in a batch). */
  budget?: {
    /** The limiter holding the budget rules. */
    limiter: RateLimiter;
    /** Units of a validated input (default 1). */
    units?: (input: I) => number;
  };
  /** Body size, content type, JSON depth and schema. */
  request?: RequestValidationOptions<I>;
  /** Core `guard()` rules around the handler: `input` before it, `output` after it. */
  guard?: {
    /** Input rules. */
    input?: readonly AnyRule[];
    /** Output rules (not applied when the handler returns a `Response`). */
    output?: readonly AnyRule[];
    /** Called for every finding. */
    onFinding?: (finding: Finding, phase: RulePhase) => void;
  };
  /** Audit log: one entry per request, allowed or refused. */
  audit?: AuditLog;
  /** When the audit append fails: `closed` (default) answers 503; `open` answers normally. */
  auditFailMode?: 'closed' | 'open';
  /** How client addresses are written to the audit log (default `truncated`: IPv4 /24, IPv6 /48). */
  auditIp?: 'truncated' | 'full' | 'none';
  /** Request id generator (default a random UUID). Incoming ids are not trusted. */
  requestId?: (request: Request) => string;
  /** Called with unexpected errors (status 500) and audit failures, for server-side logging. */
  onError?: (error: unknown, context: { requestId: string; stage: string }) => void;
}
