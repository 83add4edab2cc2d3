/**
 * onnxruntime-web for tests, in Node and Chromium: single-threaded wasm (no cross-origin isolation needed).
 */
import * as ort from 'onnxruntime-web';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

export { ort };

/**
 * Create an `InferenceSession` from model bytes.
 *
 * @example
 * ```ts
 * const session = await createSession(await loadMnistModelBytes());
 * ```
 */
export function createSession(bytes: Uint8Array): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes);
}
