/**
 * A streaming PII redactor built on `safePrefixLength`: feed chunks of a streamed text (an LLM's
 * answer), get back redacted text as soon as it is final; a value split across chunks is still found.
 * The reference implementation of the streaming contract for stream filters.
 */
import { aobject, astring } from '@modelsec/core';
import { arecognizers } from '../shared/args';
import { holdbackFor, SCAN_BEFORE, safePrefixLength } from '../shared/stream';
import { detectPIIFrom } from './detect';
import { BUILTIN_RECOGNIZERS } from './recognizers';
import { type RedactPiiOptions, redactPII } from './redact';
import type { PiiFinding } from './types';
import { createPiiVault } from './vault';

/** A streaming redactor. */
export interface PiiStreamRedactor {
  /** Add a chunk; returns the redacted text that became final (possibly empty). */
  push(chunk: string): string;
  /** End of stream: returns the rest, redacted. */
  flush(): string;
  /** Every finding so far, with offsets into the whole stream. */
  readonly findings: readonly PiiFinding[];
}

/**
 * Create a streaming redactor with `redactPII` options (mode, key, vault, entities, threshold...).
 * Rescans at most `holdback` characters twice, so the cost stays linear in the stream length.
 *
 * @example
 * ```ts
 * const r = createPiiStreamRedactor({ mode: 'placeholder' });
 * for await (const chunk of llmStream) process.stdout.write(r.push(chunk));
 * process.stdout.write(r.flush());
 * ```
 */
export function createPiiStreamRedactor(options: Omit<RedactPiiOptions, 'findings'> = {}): PiiStreamRedactor {
  aobject(options as unknown, 'options');
  if (options.recognizers !== undefined) arecognizers(options.recognizers, 'options.recognizers');
  const holdback = holdbackFor(options.recognizers ?? BUILTIN_RECOGNIZERS);
  const shared = options.mode === 'placeholder' ? { ...options, vault: options.vault ?? createPiiVault() } : options;
  let before = ''; // the last SCAN_BEFORE characters already emitted: what the detectors read before the rest
  let buffer = '';
  let offset = 0;
  const all: PiiFinding[] = [];
  const emit = (final: boolean): string => {
    const scan = before + buffer;
    const found = detectPIIFrom(scan, before.length, shared);
    const cut = Math.max(0, safePrefixLength(scan.length, found, holdback, final) - before.length);
    if (cut === 0) return '';
    const done = found
      .filter((f) => f.end - before.length <= cut)
      .map((f) => ({ ...f, start: f.start - before.length, end: f.end - before.length }));
    const out = redactPII(buffer.slice(0, cut), { ...shared, findings: done }).text;
    for (const f of done) all.push({ ...f, start: f.start + offset, end: f.end + offset });
    before = (before + buffer.slice(0, cut)).slice(-SCAN_BEFORE);
    buffer = buffer.slice(cut);
    offset += cut;
    return out;
  };
  return {
    push(chunk) {
      astring(chunk, 'chunk');
      buffer += chunk;
      return buffer.length > 2 * holdback ? emit(false) : '';
    },
    flush() {
      return emit(true);
    },
    get findings() {
      return all;
    },
  };
}
