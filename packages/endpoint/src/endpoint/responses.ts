/**
 * Consistent JSON error responses. Every refusal has the same shape,
 * `{ "error": { "code", "message" }, "requestId" }`, with a fixed public message per code: error
 * messages, details, causes and stack traces of modelsec errors, and anything about other
 * exceptions, stay on the server.
 */
import { type ErrorCode, isModelSecError } from '@modelsec/core';

/** The JSON body of an error response. */
export interface ErrorBody {
  /** The error. */
  error: {
    /** Stable code (`rate_limited`, `forbidden`, `internal_error`...). */
    code: ErrorCode | 'internal_error';
    /** Fixed public message for the code. */
    message: string;
  };
  /** The request id, to correlate with the audit log. */
  requestId: string;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  unauthenticated: 401,
  token_invalid: 401,
  token_expired: 401,
  forbidden: 403,
  ip_denied: 403,
  rate_limited: 429,
  budget_exhausted: 429,
  store_unavailable: 503,
  too_large: 413,
  unsupported_format: 415,
};

const MESSAGES: Partial<Record<ErrorCode | 'internal_error', string>> = {
  unauthenticated: 'Authentication is required.',
  token_invalid: 'The credential is not valid.',
  token_expired: 'The credential has expired.',
  forbidden: 'You are not allowed to perform this action.',
  ip_denied: 'Requests from this address are not allowed.',
  rate_limited: 'Too many requests.',
  budget_exhausted: 'The query budget is exhausted.',
  store_unavailable: 'The service is temporarily unavailable.',
  too_large: 'The request body is too large.',
  unsupported_format: 'Unsupported content type.',
  too_deep: 'The request body is nested too deeply.',
  invalid_json: 'The request body is not valid JSON.',
  invalid_encoding: 'The request body is not valid UTF-8.',
  empty_input: 'The request body is empty.',
  internal_error: 'Internal error.',
};

/**
 * The HTTP status for an error: 401/403/429/503 for access errors, 413/415/400 for validation,
 * 422 for security verdicts (a rule refused the input or output), 500 for anything else.
 *
 * @example
 * ```ts
 * statusForError(new AccessError('rate_limited', 'slow down')); // 429
 * ```
 */
export function statusForError(error: unknown): number {
  if (!isModelSecError(error)) return 500;
  const fixed = STATUS[error.code];
  if (fixed !== undefined) return fixed;
  switch (error.kind) {
    case 'validation':
      return 400;
    case 'security':
      return 422;
    case 'access':
      return 403;
    default:
      return 500; // integrity and config errors are server-side problems
  }
}

/**
 * The public body for an error (internals never included).
 *
 * @example
 * ```ts
 * errorBody(new AccessError('forbidden', 'details stay here'), 'req-1');
 * // { error: { code: 'forbidden', message: 'You are not allowed to perform this action.' }, requestId: 'req-1' }
 * ```
 */
export function errorBody(error: unknown, requestId: string): ErrorBody {
  const status = statusForError(error);
  const code: ErrorCode | 'internal_error' =
    isModelSecError(error) && status < 500 ? error.code : status === 503 ? 'store_unavailable' : 'internal_error';
  const message =
    MESSAGES[code] ??
    (status === 422
      ? 'The request was refused by a security rule.'
      : status === 400
        ? 'The request is not valid.'
        : 'Internal error.');
  return { error: { code, message }, requestId };
}

/**
 * A JSON `Response` for an error, with `Cache-Control: no-store` and extra headers (rate-limit
 * headers, `WWW-Authenticate` for 401).
 *
 * @example
 * ```ts
 * return errorResponse(error, requestId);
 * ```
 */
export function errorResponse(error: unknown, requestId: string, headers: Record<string, string> = {}): Response {
  const status = statusForError(error);
  const h = new Headers(headers);
  h.set('content-type', 'application/json; charset=utf-8');
  h.set('cache-control', 'no-store');
  if (status === 401) h.set('www-authenticate', 'Bearer');
  return new Response(JSON.stringify(errorBody(error, requestId)), { status, headers: h });
}
