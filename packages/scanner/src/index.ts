/**
 * @modelsec/scanner: Find unsafe code and malformed structure in model files: pickle, PyTorch, NumPy, safetensors, ONNX, GGUF, Keras.
 *
 * @packageDocumentation
 */

/**
 * The npm name of this package (a placeholder export until its features land; see the package README).
 *
 * @example
 * ```ts
 * import { packageName } from '@modelsec/scanner';
 * console.log(packageName); // '@modelsec/scanner'
 * ```
 */
export const packageName = '@modelsec/scanner' as const;
