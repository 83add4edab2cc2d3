/**
 * Shared vocabulary of the text detectors: spans found in a string, with UTF-16 offsets into the
 * ORIGINAL text (never into a normalized copy), a score in [0, 1] and the kind of thing found.
 * Findings never carry the detected value itself; callers slice it from their own text if they must.
 */

/** A detection in a text: `[start, end)` UTF-16 offsets into the scanned string, with a score. */
export interface TextSpan {
  /** Offset of the first UTF-16 code unit. */
  start: number;
  /** Offset one past the last UTF-16 code unit. */
  end: number;
  /** Confidence in [0, 1]. */
  score: number;
}

/**
 * A candidate produced by one recognizer before context scoring and overlap resolution.
 * @internal
 */
export interface Candidate<E extends string = string> extends TextSpan {
  /** Entity (or secret/injection kind). */
  entity: E;
  /** Name of the recognizer that produced it. */
  recognizer: string;
}

/**
 * Clamp a score to [0, 1] and round it to 3 decimals, so scores are stable across runtimes.
 *
 * @example
 * ```ts
 * clampScore(1.2); // 1
 * ```
 */
export function clampScore(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}
