/**
 * Bounded waits for the steps of browser tests that depend on the test machine rather than on the
 * code under test: fetching shared data from the Vite dev server, creating an onnxruntime-web session
 * (wasm compilation) and running one (redteam's MNIST fixture). Each stalled in a CI run with 2 cores
 * (the promise never settled and the test or file failed at its timeout); a stalled attempt is
 * abandoned and the step tried again, or given up. A step that fails (rejects) is not retried: that is
 * a real error.
 */

/**
 * Run `step`, and again (up to `attempts` times in all) when an attempt has not settled after `ms`.
 *
 * @example
 * ```ts
 * const res = await settleWithin((signal) => fetch(url, { signal }), { ms: 30_000, attempts: 3 });
 * ```
 */
export async function settleWithin<T>(
  step: (signal: AbortSignal) => Promise<T>,
  { ms, attempts, what }: { ms: number; attempts: number; what: string },
): Promise<T> {
  for (let k = 1; ; k++) {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stalled = new Promise<'stalled'>((resolve) => {
      timer = setTimeout(() => resolve('stalled'), ms);
    });
    try {
      const r = await Promise.race([step(controller.signal), stalled]);
      if (r !== 'stalled') return r as T;
    } finally {
      clearTimeout(timer);
    }
    controller.abort();
    if (k >= attempts) throw new Error(`${what}: no answer after ${attempts} attempts of ${ms} ms`);
  }
}
