/**
 * Response headers in the style of the IETF draft "RateLimit header fields for HTTP"
 * (draft-ietf-httpapi-ratelimit-headers-09): `RateLimit-Policy` lists each policy's quota `q` and
 * window `w` (seconds); `RateLimit` gives each policy's remaining units `r` and seconds to reset `t`.
 * Both are Structured Field lists of strings with parameters. `Retry-After` (RFC 9110) accompanies
 * a rejection.
 */
import type { RateLimitOutcome } from './limiter';

/**
 * Header name → value for an outcome.
 *
 * @example
 * ```ts
 * rateLimitHeaders(outcome);
 * // { 'RateLimit-Policy': '"burst";q=100;w=60', 'RateLimit': '"burst";r=99;t=60' }
 * ```
 */
export function rateLimitHeaders(outcome: RateLimitOutcome): Record<string, string> {
  const policy = outcome.results.map(
    ({ rule }) => `"${rule.name}";q=${rule.limit};w=${Math.max(1, Math.ceil(rule.windowMs / 1000))}`,
  );
  const state = outcome.results.map(
    ({ rule, state }) =>
      `"${rule.name}";r=${Math.max(0, Math.floor(state.remaining))};t=${Math.ceil(state.resetMs / 1000)}`,
  );
  const headers: Record<string, string> = { 'RateLimit-Policy': policy.join(', '), RateLimit: state.join(', ') };
  if (!outcome.allowed) headers['Retry-After'] = String(outcome.retryAfterSec);
  return headers;
}
