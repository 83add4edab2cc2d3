/**
 * onnxruntime-web for the CLI commands that run models (`redteam`, `pii --ner`), loaded on demand: it is
 * an optional peer dependency, installed next to the CLI only by those who need it.
 */
import { ConfigError } from '@modelsec/core';

/** The parts of onnxruntime-web the CLI uses. */
export interface OrtModule {
  InferenceSession: { create(bytes: Uint8Array): Promise<unknown> };
  Tensor: new (type: 'float32' | 'int64', data: Float32Array | BigInt64Array, dims: readonly number[]) => unknown;
  env: { wasm: { numThreads: number }; logLevel?: string };
}

/**
 * Load onnxruntime-web (single-threaded, quiet).
 *
 * @throws ConfigError `missing_dependency` when it is not installed.
 * @example
 * ```ts
 * const ort = await loadOrt('modelsec redteam');
 * ```
 */
export async function loadOrt(command: string): Promise<OrtModule> {
  try {
    const ort = (await import('onnxruntime-web')) as unknown as OrtModule;
    ort.env.wasm.numThreads = 1;
    ort.env.logLevel = 'error';
    return ort;
  } catch (error) {
    throw new ConfigError('missing_dependency', `${command} needs onnxruntime-web: npm install onnxruntime-web`, {
      cause: error,
    });
  }
}
