/**
 * @modelsec/endpoint: Deployment security for model endpoints: RBAC, token auth, rate limits, IP allowlists, audit log, Fetch-API middleware.
 *
 * @packageDocumentation
 */

/**
 * The npm name of this package (a placeholder export until its features land; see the package README).
 *
 * @example
 * ```ts
 * import { packageName } from '@modelsec/endpoint';
 * console.log(packageName); // '@modelsec/endpoint'
 * ```
 */
export const packageName = '@modelsec/endpoint' as const;
