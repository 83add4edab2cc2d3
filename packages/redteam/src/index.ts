/**
 * @modelsec/redteam: Adversarial testing: evasion, extraction, membership-inference and prompt-injection attacks, robustness reports.
 *
 * @packageDocumentation
 */

/**
 * The npm name of this package (a placeholder export until its features land; see the package README).
 *
 * @example
 * ```ts
 * import { packageName } from '@modelsec/redteam';
 * console.log(packageName); // '@modelsec/redteam'
 * ```
 */
export const packageName = '@modelsec/redteam' as const;
