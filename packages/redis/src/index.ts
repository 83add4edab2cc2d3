/**
 * @modelsec/redis: Redis-backed stores for modelsec rate limits, budgets, audit streams and monitor state.
 *
 * @packageDocumentation
 */

/**
 * The npm name of this package (a placeholder export until its features land; see the package README).
 *
 * @example
 * ```ts
 * import { packageName } from '@modelsec/redis';
 * console.log(packageName); // '@modelsec/redis'
 * ```
 */
export const packageName = '@modelsec/redis' as const;
