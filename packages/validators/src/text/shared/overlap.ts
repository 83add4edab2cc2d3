/**
 * Overlap resolution: when candidates overlap, keep the higher-scoring one (then the longer, then the
 * one found first), like Presidio's conflict handling. Cost: a sort plus the total length of the
 * candidates (every recognizer bounds its match length), so adversarial inputs stay linear.
 */
import type { Candidate } from './types';

/**
 * Keep a non-overlapping subset of candidates, best first, returned in text order.
 *
 * @param candidates - spans into a text of length `textLength`.
 * @example
 * ```ts
 * resolveOverlaps([{ entity: 'A', start: 0, end: 4, score: 0.9, recognizer: 'a' }], 10);
 * ```
 */
export function resolveOverlaps<C extends Candidate>(candidates: readonly C[], textLength: number): C[] {
  if (candidates.length <= 1) return candidates.slice();
  const order = candidates
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.score - a.c.score || b.c.end - b.c.start - (a.c.end - a.c.start) || a.i - b.i);
  const taken = new Uint8Array(textLength);
  const kept: C[] = [];
  outer: for (const { c } of order) {
    for (let i = c.start; i < c.end; i++) if (taken[i]) continue outer;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}
