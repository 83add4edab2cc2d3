/**
 * `createSerialQueue`: run asynchronous steps one at a time, in call order, and fail closed: once a step
 * fails, every later step rejects with that error without running. Streaming filters use it so that a
 * `push` called before the previous one settles still comes out in order, and text after a failed scan
 * is never emitted.
 */

/** Runs a step after every step queued before it; rejects like the step, or with an earlier failure. */
export type SerialQueue = <T>(step: () => T | Promise<T>) => Promise<T>;

/**
 * A new serial, fail-closed queue.
 *
 * @example
 * ```ts
 * const enqueue = createSerialQueue();
 * const a = enqueue(async () => scan('first'));
 * const b = enqueue(async () => scan('second')); // runs after `a` settles; rejects if `a` failed
 * ```
 */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  let failed: { error: unknown } | undefined;
  return <T>(step: () => T | Promise<T>): Promise<T> => {
    const run = tail.then(async () => {
      if (failed) throw failed.error;
      try {
        return await step();
      } catch (error) {
        failed = { error };
        throw error;
      }
    });
    tail = run.catch(() => undefined);
    return run;
  };
}
