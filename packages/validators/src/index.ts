/**
 * @modelsec/validators: validateInput: schemas, tensor and range checks, anomaly scores, adversarial-input detection, PII, secrets, prompt injection.
 *
 * @packageDocumentation
 */

/**
 * The npm name of this package (a placeholder export until its features land; see the package README).
 *
 * @example
 * ```ts
 * import { packageName } from '@modelsec/validators';
 * console.log(packageName); // '@modelsec/validators'
 * ```
 */
export const packageName = '@modelsec/validators' as const;
