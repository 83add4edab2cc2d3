/**
 * @modelsec/endpoint: deployment security for model endpoints. RBAC/ABAC policies for model actions,
 * JWT and API-key authentication, rate limits and query budgets, IP allow/deny lists, request
 * validation, a tamper-evident audit log, and `secureEndpoint()`, a Fetch-API wrapper composing them.
 * Node adapters (http server, Express-style middleware) and the JSONL file audit sink are in
 * `@modelsec/endpoint/node`; Redis-backed stores in `@modelsec/redis`.
 *
 * @packageDocumentation
 */
export * from './audit/index';
export * from './auth/index';
export * from './endpoint/index';
export * from './net/index';
export * from './policy/index';
export * from './ratelimit/index';
export * from './request/index';
