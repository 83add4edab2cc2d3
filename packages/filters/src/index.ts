/**
 * @modelsec/filters: filterOutput: confidence gating, extraction and membership-inference hardening, output validation, redaction, content policy.
 *
 * @packageDocumentation
 */

/**
 * The npm name of this package (a placeholder export until its features land; see the package README).
 *
 * @example
 * ```ts
 * import { packageName } from '@modelsec/filters';
 * console.log(packageName); // '@modelsec/filters'
 * ```
 */
export const packageName = '@modelsec/filters' as const;
