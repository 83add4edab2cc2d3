/**
 * Streaming support: what a stream filter (for example `@modelsec/filters` redacting an LLM's streamed
 * answer) needs to scan text that arrives in chunks without missing a match that straddles a chunk
 * boundary. A detector's findings are final for a prefix of the buffered text once that prefix ends at
 * least `holdback` characters before the end of the buffer (the longest match plus the context window)
 * and no finding crosses the cut. `safePrefixLength` computes that cut.
 */
import { describeValue, ModelSecRangeError, ModelSecTypeError } from '@modelsec/core';
import { CONTEXT_AFTER, CONTEXT_BEFORE } from './context';
import type { TextSpan } from './types';

/**
 * Units of already-scanned text a streaming scan keeps in front of each new piece, so that every
 * finding in the piece is decided as in a scan of the whole text: context words are looked for
 * `CONTEXT_BEFORE` (48) units back, and the lower-case decision of the PERSON scan reads 122 units back
 * (pii/names-case.ts).
 *
 * @example
 * ```ts
 * before = scanned.slice(-SCAN_BEFORE); // then scan before + next piece, keep findings after `before`
 * ```
 */
export const SCAN_BEFORE = 128;

/**
 * How far from the end of a buffer findings may still change: the longest match of the given
 * recognizers plus the context windows around it.
 *
 * @example
 * ```ts
 * const keep = holdbackFor(BUILTIN_RECOGNIZERS); // ~2.2k characters (URLs are the longest)
 * ```
 */
export function holdbackFor(recognizers: readonly { maxLength: number }[]): number {
  if (!Array.isArray(recognizers)) {
    throw new ModelSecTypeError(`"recognizers" expected an array, got ${describeValue(recognizers)}`);
  }
  let max = 0;
  for (const r of recognizers) {
    const m = (r as { maxLength?: unknown } | null)?.maxLength;
    if (typeof m !== 'number') {
      throw new ModelSecTypeError(`"recognizers" expected items with a number maxLength, got ${describeValue(m)}`);
    }
    // The same classes as the recognizer checks of detectPII: a wrong type or a bad value.
    if (!Number.isFinite(m) || m < 0) {
      throw new ModelSecRangeError(
        `"recognizers" expected items with a finite maxLength >= 0, got ${describeValue(m)}`,
      );
    }
    max = Math.max(max, m);
  }
  return max + CONTEXT_BEFORE + CONTEXT_AFTER;
}

/**
 * The length of the prefix of `buffer` whose findings are final: at most `buffer.length - holdback`
 * (all of it when `final`), moved back before any finding that crosses the cut.
 *
 * @param bufferLength - length of the text scanned so far (UTF-16 units).
 * @param findings - the detector's findings on that text, in any order.
 * @param holdback - from `holdbackFor` (or `SECRET_MAX_MATCH_LENGTH` for secrets).
 * @param final - true at the end of the stream: everything is final.
 * @example
 * ```ts
 * const cut = safePrefixLength(buffer.length, detectPII(buffer), holdbackFor(BUILTIN_RECOGNIZERS));
 * emit(redact(buffer.slice(0, cut))); buffer = buffer.slice(cut);
 * ```
 */
export function safePrefixLength(
  bufferLength: number,
  findings: readonly TextSpan[],
  holdback: number,
  final = false,
): number {
  if (final) return bufferLength;
  let cut = Math.max(0, bufferLength - holdback);
  let moved = true;
  while (moved) {
    moved = false;
    for (const f of findings) {
      if (f.start < cut && f.end > cut) {
        cut = f.start;
        moved = true;
      }
    }
  }
  return cut;
}
