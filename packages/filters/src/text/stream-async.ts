/**
 * `createTextFilterAsync`: `createTextFilter` with a NER model (an async function, such as the
 * validators' `tokenClassifierNer` over onnxruntime-web) next to the PII recognizers. Each scan runs the
 * recognizers and the model on the window of `createTextFilter` (the text not yet emitted plus
 * `SCAN_BEFORE` units before it); text is emitted only once at least `nerHoldback` units follow it, so
 * the model decides every emitted word with that much right context. Calls are queued, and a model
 * failure fails the answer for good: text after a failed scan is never emitted unredacted.
 */
import {
  afunction,
  ainteger,
  aobject,
  astring,
  createSerialQueue,
  type Finding,
  ModelSecRangeError,
  SecurityError,
  ValidationError,
} from '@modelsec/core';
import { type DetectPiiAsyncOptions, detectPIIAsync, type PiiFinding } from '@modelsec/validators';
import {
  configureTextFilter,
  type StreamPiiOptions,
  type TextFilterOptions,
  type TextFilterResult,
} from './stream-config';
import { dueForScan, newFilterState, scanWindow, securityCode } from './stream-scan';

/** PII options of the asynchronous text filter: those of `createTextFilter`, and the model's. */
export interface StreamPiiAsyncOptions extends StreamPiiOptions, Pick<DetectPiiAsyncOptions, 'ner' | 'labels'> {
  /**
   * Units held back from the end of the answer, at least (the recognizers' own need, about 2.2k units
   * for the built-ins, counts too): the right context the model sees for every word it decides.
   * Default 512.
   */
  nerHoldback?: number;
}

/** Options of `createTextFilterAsync`: those of `createTextFilter`, with a model in `pii.ner`. */
export interface TextFilterAsyncOptions extends Omit<TextFilterOptions, 'pii'> {
  /**
   * Redact personal data (`true` for the defaults), with the NER model in `pii.ner`. With a model,
   * `scanInterval` defaults to 256 units (each scan runs the model on the whole window).
   */
  pii?: boolean | StreamPiiAsyncOptions;
}

/** An incremental asynchronous filter over one answer. */
export interface TextFilterSessionAsync {
  /** Add a chunk; resolves to the text that became final (possibly empty). Calls queue, in order. */
  push(chunk: string): Promise<string>;
  /** End of the answer: resolves to the rest. */
  flush(): Promise<string>;
  /** Findings so far (offsets into the unfiltered answer). */
  readonly findings: readonly Finding[];
  /** The blocking finding, once blocked. */
  readonly blocked: Finding | undefined;
}

/** A configured asynchronous text filter. */
export interface TextFilterAsync {
  /** Filter a whole answer. */
  filter(text: string): Promise<TextFilterResult>;
  /** A new push/flush session for one streamed answer. */
  session(): TextFilterSessionAsync;
  /** A `TransformStream` filtering one streamed answer (it errors when the model fails). */
  stream(): TransformStream<string, string>;
}

/**
 * Configure a text filter for LLM answers with a NER model (or none: then it emits what
 * `createTextFilter` emits, asynchronously).
 *
 * @throws ModelSecTypeError / ModelSecRangeError for bad options (now). A push rejects with
 *   `ValidationError` `invalid_format` for a non-string chunk, and with the model's error when it fails
 *   (the session then rejects every later call with that error).
 * @example
 * ```ts
 * const ner = tokenClassifierNer({ labels, tokenize: wordPieceTokenizer(vocab), classify });
 * const filter = createTextFilterAsync({ pii: { ner }, secrets: true, canaries: [canary] });
 * const body = llmTextStream.pipeThrough(filter.stream());
 * (await filter.filter(answer)).text; // the same on a whole answer
 * ```
 */
export function createTextFilterAsync(options: TextFilterAsyncOptions = {}): TextFilterAsync {
  aobject(options as unknown, 'options');
  const pii = options.pii === true ? undefined : options.pii || undefined;
  if (pii) aobject(pii as unknown, 'options.pii');
  const nerHoldback = pii?.nerHoldback ?? 512;
  ainteger(nerHoldback, 'options.pii.nerHoldback', { min: 0, max: 1 << 20 });
  const withModel = pii?.ner !== undefined;
  const cfg = configureTextFilter(
    options as TextFilterOptions,
    withModel ? { holdback: nerHoldback, scanInterval: 256 } : undefined,
  );
  // Checked now, not at the first scan.
  if (withModel) afunction(pii.ner, 'options.pii.ner');
  if (withModel && nerHoldback >= cfg.maxHoldback)
    // Every answer longer than maxHoldback would be blocked as too large.
    throw new ModelSecRangeError('"options.pii.nerHoldback" must be below "options.maxHoldback"');
  if (pii?.labels !== undefined) aobject(pii.labels as unknown, 'options.pii.labels');
  const scanOptions: DetectPiiAsyncOptions | undefined = cfg.pii;
  const session = (): TextFilterSessionAsync => createSessionAsync(cfg, scanOptions);
  return {
    async filter(text) {
      astring(text, 'text');
      const s = session();
      const out = (await s.push(text)) + (await s.flush());
      return { text: out, findings: [...s.findings], blocked: s.blocked };
    },
    session,
    stream() {
      const s = session();
      const end = (controller: TransformStreamDefaultController<string>) => {
        const b = s.blocked as Finding;
        if (cfg.onBlock === 'error') controller.error(new SecurityError(securityCode(b), b.message));
        else controller.terminate();
      };
      return new TransformStream<string, string>({
        async transform(chunk, controller) {
          const out = await s.push(chunk);
          if (out) controller.enqueue(out);
          if (s.blocked) end(controller);
        },
        async flush(controller) {
          const out = await s.flush();
          if (out) controller.enqueue(out);
          if (s.blocked) end(controller);
        },
      });
    },
  };
}

function createSessionAsync(
  cfg: ReturnType<typeof configureTextFilter>,
  scanOptions: DetectPiiAsyncOptions | undefined,
): TextFilterSessionAsync {
  const s = newFilterState();
  const scan = async (final: boolean): Promise<string> => {
    let found: PiiFinding[] | undefined;
    if (scanOptions) {
      const window = s.before + s.buffer;
      found = await detectPIIAsync(window, scanOptions);
    }
    return scanWindow(cfg, s, final, found);
  };
  // One call at a time, in order; after a failure, every call rejects with it.
  const enqueue = createSerialQueue();
  return {
    push(chunk) {
      if (typeof chunk !== 'string') {
        return Promise.reject(new ValidationError('invalid_format', 'stream chunks must be strings'));
      }
      return enqueue(async () => {
        if (s.done) return '';
        s.buffer += chunk;
        return dueForScan(cfg, s, chunk) ? scan(false) : '';
      });
    },
    flush() {
      return enqueue(async () => (s.done ? '' : scan(true)));
    },
    get findings() {
      return s.findings;
    },
    get blocked() {
      return s.blocked;
    },
  };
}
