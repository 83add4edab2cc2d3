/**
 * `createPiiStreamRedactorAsync`: the streaming redactor of stream.ts with a NER model (an async
 * function, such as `tokenClassifierNer` over onnxruntime-web) next to the recognizers, for an LLM's
 * streamed answer. Each scan runs the recognizers and the model on the text not yet emitted plus the
 * `SCAN_BEFORE` units emitted before it; text is emitted once it lies at least `holdback` units before
 * the end of what has arrived and no finding crosses the cut, so the model decides every emitted token
 * with that much text after it. Calls are queued: `push` may be called again before the previous one
 * settles, and the pieces come out in order.
 */
import { ainteger, aobject, astring, createSerialQueue } from '@modelsec/core';
import { arecognizers } from '../shared/args';
import { holdbackFor } from '../shared/stream';
import { type DetectPiiAsyncOptions, detectPIIAsyncFrom } from './detect';
import { BUILTIN_RECOGNIZERS } from './recognizers';
import type { RedactPiiOptions } from './redact';
import { advance, type StreamState } from './stream';
import type { PiiFinding } from './types';
import { createPiiVault } from './vault';

/** Options of `createPiiStreamRedactorAsync`: `redactPII`'s, the model's, and how far back it may change. */
export interface PiiStreamRedactorAsyncOptions
  extends Omit<RedactPiiOptions, 'findings'>,
    Pick<DetectPiiAsyncOptions, 'ner' | 'labels'> {
  /**
   * Units kept back from the end of the stream, at least (the recognizers' own need, about 2.2k units
   * for the built-ins, counts too): the right context the model sees for every token it decides.
   * Default 512.
   */
  nerHoldback?: number;
}

/** An asynchronous streaming redactor. */
export interface PiiStreamRedactorAsync {
  /** Add a chunk; resolves to the redacted text that became final (possibly empty). */
  push(chunk: string): Promise<string>;
  /** End of stream: resolves to the rest, redacted. */
  flush(): Promise<string>;
  /** Every finding emitted so far, with offsets into the whole stream. */
  readonly findings: readonly PiiFinding[];
}

/**
 * Create an asynchronous streaming redactor with a NER model (or none: then it emits what
 * `createPiiStreamRedactor` emits).
 *
 * @throws ModelSecTypeError / ModelSecRangeError for bad options (now); a push rejects with a typed error
 *   for a non-string chunk, and with the model's error when it fails (the redactor then rejects every
 *   later call with that error: text after a failed scan is never emitted unredacted).
 * @example
 * ```ts
 * const r = createPiiStreamRedactorAsync({ ner, mode: 'placeholder' });
 * for await (const chunk of llmStream) process.stdout.write(await r.push(chunk));
 * process.stdout.write(await r.flush());
 * ```
 */
export function createPiiStreamRedactorAsync(options: PiiStreamRedactorAsyncOptions = {}): PiiStreamRedactorAsync {
  aobject(options as unknown, 'options');
  if (options.recognizers !== undefined) arecognizers(options.recognizers, 'options.recognizers');
  const nerHoldback = options.nerHoldback ?? 512;
  ainteger(nerHoldback, 'options.nerHoldback', { min: 0 });
  const holdback = Math.max(holdbackFor(options.recognizers ?? BUILTIN_RECOGNIZERS), nerHoldback);
  const shared = options.mode === 'placeholder' ? { ...options, vault: options.vault ?? createPiiVault() } : options;
  const state: StreamState = { before: '', buffer: '', offset: 0, findings: [] };
  // One call at a time, in order; after a failure, every call rejects with it.
  const enqueue = createSerialQueue();
  const emit = async (final: boolean): Promise<string> => {
    const scan = state.before + state.buffer;
    const found = await detectPIIAsyncFrom(scan, state.before.length, shared);
    return advance(state, found, holdback, final, shared);
  };
  return {
    push(chunk) {
      try {
        astring(chunk, 'chunk');
      } catch (error) {
        return Promise.reject(error);
      }
      return enqueue(async () => {
        state.buffer += chunk;
        return state.buffer.length > 2 * holdback ? emit(false) : '';
      });
    },
    flush() {
      return enqueue(() => emit(true));
    },
    get findings() {
      return state.findings;
    },
  };
}
