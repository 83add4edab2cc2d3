/**
 * onnxruntime-web for tests, in Node and Chromium: single-threaded wasm (no cross-origin isolation needed).
 */
import * as ort from 'onnxruntime-web';
import { settleWithin } from './retry';

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
  // Session creation compiles the wasm backend on first use; it stalled once in a CI browser run.
  return settleWithin(() => ort.InferenceSession.create(bytes), {
    ms: 60_000,
    attempts: 2,
    what: 'onnxruntime-web session',
  });
}
