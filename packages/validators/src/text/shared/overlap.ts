/**
 * Overlap resolution: when candidates overlap, keep the higher-scoring one (then the longer, then the
 * one found first), like Presidio's conflict handling. Few candidates: a sort and a check against the
 * kept ones. Many (a long text has tens of thousands): a merge of the runs they come in (text order per
 * recognizer) and a sweep that resolves only the groups of overlapping spans; a long group marks a bit per
 * covered position, checked and set a 32-bit word at a time (every recognizer bounds its match length), so
 * adversarial inputs stay linear.
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
  if (candidates.length > PAIRWISE) {
    const swept = resolveBySweep(candidates);
    if (swept !== undefined) return swept;
  }
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
    // One bit per position: a span is checked a 32-bit word at a time.
    const taken = new Int32Array((textLength >>> 5) + 1);
    for (const c of order) {
      if (c.start < c.end) {
        if (anyTaken(taken, c.start, c.end)) continue;
        markTaken(taken, c.start, c.end);
      }
      kept.push(c);
    }
  }
  return stableSort(kept, byStart);
}

/**
 * `resolveOverlaps` for many candidates by a merge into text order and a sweep: candidates that share no
 * position with another (most of them) are kept as they come, and each group of spans chained by overlaps
 * is resolved on its own, best first, which keeps what the best-first pass over all of them keeps (a
 * candidate is dropped only by a better one it overlaps, and those are in its group). `undefined` (use
 * the general path) for an empty span, a non-integer offset or a score that is not finite.
 */
function resolveBySweep<C extends Candidate>(candidates: readonly C[]): C[] | undefined {
  const n = candidates.length;
  // Offsets and scores read once into arrays (the candidates of different recognizers differ in shape,
  // so every property read on them is a slow, polymorphic one).
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = candidates[i] as C;
    const start = c.start;
    const end = c.end;
    const score = c.score;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && Number.isFinite(score)))
      return undefined;
    starts[i] = start;
    ends[i] = end;
    scores[i] = score;
  }
  const order = textOrder(starts);
  const spans: Spans = { starts, ends, scores };
  const out: C[] = [];
  const group: number[] = [];
  for (let k = 0; k < n; ) {
    const first = order[k] as number;
    let groupEnd = ends[first] as number;
    let j = k + 1;
    for (; j < n; j++) {
      const i = order[j] as number;
      if ((starts[i] as number) >= groupEnd) break;
      if ((ends[i] as number) > groupEnd) groupEnd = ends[i] as number;
    }
    if (j === k + 1) out.push(candidates[first] as C);
    else {
      group.length = 0;
      for (let g = k; g < j; g++) group.push(order[g] as number);
      resolveGroup(candidates, spans, group, out);
    }
    k = j;
  }
  return out;
}

/**
 * The indices `0..n-1` ordered by `starts`, ties by index: a merge sort of the runs already in order
 * (the recognizers report in text order, so a text's candidates are a few dozen runs; at worst, one run
 * per candidate, it is a plain merge sort).
 */
function textOrder(starts: Float64Array): Int32Array {
  const n = starts.length;
  let a = new Int32Array(n);
  let b = new Int32Array(n);
  let runs: number[] = [0];
  for (let i = 0; i < n; i++) {
    a[i] = i;
    if (i > 0 && (starts[i] as number) < (starts[i - 1] as number)) runs.push(i);
  }
  runs.push(n);
  while (runs.length > 2) {
    const next: number[] = [0];
    for (let r = 0; r + 1 < runs.length; r += 2) {
      const lo = runs[r] as number;
      const mid = runs[r + 1] as number;
      const hi = r + 2 < runs.length ? (runs[r + 2] as number) : mid;
      // Stable: on equal starts the left run's index (the smaller) goes first.
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi)
        b[o++] =
          (starts[a[j] as number] as number) < (starts[a[i] as number] as number)
            ? (a[j++] as number)
            : (a[i++] as number);
      while (i < mid) b[o++] = a[i++] as number;
      while (j < hi) b[o++] = a[j++] as number;
      next.push(hi);
    }
    const t = a;
    a = b;
    b = t;
    runs = next;
  }
  return a;
}

/** The offsets and scores of the candidates, by index. */
interface Spans {
  starts: Float64Array;
  ends: Float64Array;
  scores: Float64Array;
}

/**
 * Append to `out`, in text order, what the best-first pass keeps of the group of candidate indices
 * `group` (non-empty spans chained by overlaps, integer offsets, finite scores).
 */
function resolveGroup<C extends Candidate>(candidates: readonly C[], spans: Spans, group: number[], out: C[]): void {
  const { starts, ends, scores } = spans;
  // Best first: score, then length, then the order found (the index), as the stable sort does.
  group.sort(
    (a, b) =>
      (scores[b] as number) - (scores[a] as number) ||
      (ends[b] as number) - (starts[b] as number) - ((ends[a] as number) - (starts[a] as number)) ||
      a - b,
  );
  const kept: number[] = [];
  if (group.length <= PAIRWISE) {
    outer: for (const i of group) {
      const s = starts[i] as number;
      const e = ends[i] as number;
      for (const k of kept) if (s < (ends[k] as number) && (starts[k] as number) < e) continue outer;
      kept.push(i);
    }
  } else {
    let lo = Number.POSITIVE_INFINITY;
    let hi = 0;
    for (const i of group) {
      if ((starts[i] as number) < lo) lo = starts[i] as number;
      if ((ends[i] as number) > hi) hi = ends[i] as number;
    }
    // Positions relative to the group's first: the groups of a text cover disjoint ranges.
    const taken = new Int32Array(((hi - lo) >>> 5) + 1);
    for (const i of group) {
      const s = (starts[i] as number) - lo;
      const e = (ends[i] as number) - lo;
      if (anyTaken(taken, s, e)) continue;
      markTaken(taken, s, e);
      kept.push(i);
    }
  }
  // Kept spans share no position, so their starts differ.
  kept.sort((a, b) => (starts[a] as number) - (starts[b] as number));
  for (const i of kept) out.push(candidates[i] as C);
}

/** Bits 0 to `b` of a 32-bit word (0 <= b < 32). */
const lowBits = (b: number): number => (b === 31 ? -1 : ~(-1 << (b + 1)));

/** Whether a bit of `bits` is set in `[s, e)` (s < e). */
function anyTaken(bits: Int32Array, s: number, e: number): boolean {
  const last = e - 1;
  let w = s >>> 5;
  const lw = last >>> 5;
  if (w === lw) return ((bits[w] as number) & (-1 << (s & 31)) & lowBits(last & 31)) !== 0;
  if ((bits[w] as number) >>> (s & 31) !== 0) return true;
  for (w++; w < lw; w++) if (bits[w] !== 0) return true;
  return ((bits[lw] as number) & lowBits(last & 31)) !== 0;
}

/** Set the bits of `[s, e)` (s < e). */
function markTaken(bits: Int32Array, s: number, e: number): void {
  const last = e - 1;
  let w = s >>> 5;
  const lw = last >>> 5;
  if (w === lw) {
    bits[w] = (bits[w] as number) | ((-1 << (s & 31)) & lowBits(last & 31));
    return;
  }
  bits[w] = (bits[w] as number) | (-1 << (s & 31));
  for (w++; w < lw; w++) bits[w] = -1;
  bits[lw] = (bits[lw] as number) | lowBits(last & 31);
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
