/** validateInput and numeric-model rules (issue: validateInput for numeric models). */

/**
 * The npm name of this package (a placeholder export until its features land).
 *
 * @example
 * ```ts
 * import { packageName } from '@modelsec/validators';
 * ```
 */
export const packageName = '@modelsec/validators' as const;
