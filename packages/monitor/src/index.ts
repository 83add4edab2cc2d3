/**
 * @modelsec/monitor: Drift statistics, streaming drift detectors, model-extraction detection and security alerts.
 *
 * @packageDocumentation
 */

/**
 * The npm name of this package (a placeholder export until its features land; see the package README).
 *
 * @example
 * ```ts
 * import { packageName } from '@modelsec/monitor';
 * console.log(packageName); // '@modelsec/monitor'
 * ```
 */
export const packageName = '@modelsec/monitor' as const;
