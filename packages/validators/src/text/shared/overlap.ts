/**
 * Overlap resolution: when candidates overlap, keep the higher-scoring one (then the longer, then the
 * one found first), like Presidio's conflict handling. Cost: a sort plus, for few candidates, a check
 * against the kept ones; for many, a mark per covered position (every recognizer bounds its match
 * length), so adversarial inputs stay linear.
 */
import type { Candidate } from './types';

/** Up to this many candidates, overlaps are checked pairwise (no per-text allocation). */
const PAIRWISE = 48;

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
  // Sorted copy (no wrapper objects), stable: ties keep the order found.
  const order = stableSort(candidates.slice(), byScoreThenLength);
  const kept: C[] = [];
  if (candidates.length <= PAIRWISE) {
    // A candidate is dropped when it shares a position with a kept one; empty spans share none.
    outer: for (const c of order) {
      if (c.start < c.end) {
        for (const k of kept) if (k.start < k.end && c.start < k.end && k.start < c.end) continue outer;
      }
      kept.push(c);
    }
  } else {
    const taken = new Uint8Array(textLength);
    outer: for (const c of order) {
      for (let i = c.start; i < c.end; i++) if (taken[i]) continue outer;
      taken.fill(1, c.start, c.end);
      kept.push(c);
    }
  }
  return stableSort(kept, byStart);
}

/** Up to this many items, `stableSort` sorts by insertion (no builtin call). */
const INSERTION = 12;

/**
 * Sort `items` in place by `cmp`, stably (equal items keep their order), as `Array.prototype.sort`
 * does: by insertion for the few candidates of a typical text, by the builtin otherwise.
 */
function stableSort<C>(items: C[], cmp: (a: C, b: C) => number): C[] {
  if (items.length > INSERTION) return items.sort(cmp);
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as C;
    let j = i;
    while (j > 0 && cmp(items[j - 1] as C, item) > 0) {
      items[j] = items[j - 1] as C;
      j--;
    }
    items[j] = item;
  }
  return items;
}

// Module-level comparators: no closure per call.
function byScoreThenLength(a: Candidate, b: Candidate): number {
  return b.score - a.score || b.end - b.start - (a.end - a.start);
}

function byStart(a: Candidate, b: Candidate): number {
  return a.start - b.start;
}
