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
  const state: StreamState = { before: '', buffer: '', offset: 0, findings: [] };
  const emit = (final: boolean): string => {
    const scan = state.before + state.buffer;
    return advance(state, detectPIIFrom(scan, state.before.length, shared), holdback, final, shared);
  };
  return {
    push(chunk) {
      astring(chunk, 'chunk');
      state.buffer += chunk;
      return state.buffer.length > 2 * holdback ? emit(false) : '';
    },
    flush() {
      return emit(true);
    },
    get findings() {
      return state.findings;
    },
  };
}

/**
 * What a streaming redactor holds: the last `SCAN_BEFORE` units it emitted (what the detectors read
 * before the rest), the text not emitted yet, how much it emitted, and the findings emitted.
 * @internal
 */
export interface StreamState {
  before: string;
  buffer: string;
  offset: number;
  findings: PiiFinding[];
}

/**
 * Emit the part of `state.buffer` that became final, given `found`, the findings of `before + buffer`
 * that start in the buffer: up to `holdback` units from the end (all when `final`), not cutting a
 * finding; returns it redacted and moves the state past it.
 * @internal
 *
 * @example
 * ```ts
 * out += advance(state, detectPIIFrom(state.before + state.buffer, state.before.length, options), holdback, false, options);
 * ```
 */
export function advance(
  state: StreamState,
  found: readonly PiiFinding[],
  holdback: number,
  final: boolean,
  options: Omit<RedactPiiOptions, 'findings'>,
): string {
  const { before, buffer } = state;
  const cut = Math.max(0, safePrefixLength(before.length + buffer.length, found, holdback, final) - before.length);
  if (cut === 0) return '';
  const done = found
    .filter((f) => f.end - before.length <= cut)
    .map((f) => ({ ...f, start: f.start - before.length, end: f.end - before.length }));
  const out = redactPII(buffer.slice(0, cut), { ...options, findings: done }).text;
  for (const f of done) state.findings.push({ ...f, start: f.start + state.offset, end: f.end + state.offset });
  state.before = (before + buffer.slice(0, cut)).slice(-SCAN_BEFORE);
  state.buffer = buffer.slice(cut);
  state.offset += cut;
  return out;
}
