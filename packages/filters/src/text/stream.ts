/**
 * `createTextFilter`: the LLM text filters as one incremental scanner, usable on a whole answer
 * (`filter`) or on a token stream (`stream()`, a `TransformStream<string, string>`; `session()` for
 * push/flush). Text is emitted as soon as no detector could still change it: each detector reports how
 * much of the buffered tail could still become (part of) a match, and only that is held back:
 *
 * - canaries: the longest tail that is a prefix of the token (any case), of its letters and digits
 *   with any separators (forward or reversed), or of its base64 form;
 * - secrets, and URL, e-mail, IP, MAC and crypto-address PII: the trailing run of non-whitespace
 *   (those matches never contain whitespace), plus an open PEM block;
 * - other PII (names, addresses, phones, dates, IDs): the validators' streaming contract (the longest
 *   match of the active recognizers plus the context windows, `holdbackFor`);
 * - content-policy terms: the earliest word where a match attempt is still alive;
 * - system-prompt reuse: the trailing words that continue a verbatim copy of the prompt.
 *
 * A redaction never straddles the emitted boundary (the cut moves before it, `safePrefixLength`), so a
 * value split across chunks is replaced whole, and a canary or a blocked match is never emitted at all.
 * The scan itself is stream-scan.ts; `createTextFilterAsync` (stream-async.ts) adds a NER model.
 */
import { aobject, astring, type Finding, SecurityError, ValidationError } from '@modelsec/core';
import { detectPII } from '@modelsec/validators';
import {
  configureTextFilter,
  type TextFilterConfig,
  type TextFilterOptions,
  type TextFilterResult,
} from './stream-config';
import { dueForScan, newFilterState, scanWindow, securityCode } from './stream-scan';

/** An incremental filter over one answer. */
export interface TextFilterSession {
  /** Add a chunk; returns the text that became final (possibly empty). */
  push(chunk: string): string;
  /** End of the answer: returns the rest. */
  flush(): string;
  /** Findings so far (offsets into the unfiltered answer). */
  readonly findings: readonly Finding[];
  /** The blocking finding, once blocked. */
  readonly blocked: Finding | undefined;
}

/** A configured text filter. */
export interface TextFilter {
  /** Filter a whole answer. */
  filter(text: string): TextFilterResult;
  /** A new push/flush session for one streamed answer. */
  session(): TextFilterSession;
  /** A `TransformStream` filtering one streamed answer. */
  stream(): TransformStream<string, string>;
}

/**
 * Configure a text filter for LLM answers.
 *
 * @throws ModelSecTypeError / ModelSecRangeError for bad options, among them a NER model in `pii.ner`
 *   (a model is asynchronous: use `createTextFilterAsync`).
 * @example
 * ```ts
 * const filter = createTextFilter({ pii: true, secrets: true, canaries: [canary], urls: { allow: ['example.com'] } });
 * const body = llmTextStream.pipeThrough(filter.stream()); // ReadableStream<string>
 * filter.filter(answer).text; // the same on a whole answer
 * ```
 */
export function createTextFilter(options: TextFilterOptions = {}): TextFilter {
  aobject(options as unknown, 'options');
  const cfg = configureTextFilter(options);
  const session = (): TextFilterSession => createSession(cfg);
  return {
    filter(text) {
      astring(text, 'text');
      const s = session();
      const out = s.push(text) + s.flush();
      return { text: out, findings: [...s.findings], blocked: s.blocked };
    },
    session,
    stream() {
      const s = session();
      return new TransformStream<string, string>({
        transform(chunk, controller) {
          const out = s.push(chunk);
          if (out) controller.enqueue(out);
          if (s.blocked) end(controller);
        },
        flush(controller) {
          const out = s.flush();
          if (out) controller.enqueue(out);
          if (s.blocked) end(controller);
        },
      });
      function end(controller: TransformStreamDefaultController<string>) {
        const b = s.blocked as Finding;
        if (cfg.onBlock === 'error') controller.error(new SecurityError(securityCode(b), b.message));
        else controller.terminate();
      }
    },
  };
}

function createSession(cfg: TextFilterConfig): TextFilterSession {
  const s = newFilterState();
  const scan = (final: boolean): string =>
    scanWindow(cfg, s, final, cfg.pii ? detectPII(s.before + s.buffer, cfg.pii) : undefined);
  return {
    push(chunk) {
      if (typeof chunk !== 'string') throw new ValidationError('invalid_format', 'stream chunks must be strings');
      if (s.done) return '';
      s.buffer += chunk;
      return dueForScan(cfg, s, chunk) ? scan(false) : '';
    },
    flush() {
      return s.done ? '' : scan(true);
    },
    get findings() {
      return s.findings;
    },
    get blocked() {
      return s.blocked;
    },
  };
}
