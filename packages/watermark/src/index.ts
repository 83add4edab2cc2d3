/**
 * @modelsec/watermark: Embed and verify ownership watermarks in model weights, trigger sets, API outputs and LLM text.
 *
 * @packageDocumentation
 */

/**
 * The npm name of this package (a placeholder export until its features land; see the package README).
 *
 * @example
 * ```ts
 * import { packageName } from '@modelsec/watermark';
 * console.log(packageName); // '@modelsec/watermark'
 * ```
 */
export const packageName = '@modelsec/watermark' as const;
