/**
 * Overlap resolution: when candidates overlap, keep the higher-scoring one (then the longer, then the
 * one found first), like Presidio's conflict handling. Cost: a sort plus, for few candidates, a check
 * against the kept ones; for many, a bit per covered position, checked and set a 32-bit word at a time
 * (every recognizer bounds its match length), so adversarial inputs stay linear. Many candidates are sorted by packed numeric keys rather
 * than a comparator (a long text has tens of thousands).
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
  const order = bestFirstByKeys(candidates) ?? stableSort(candidates.slice(), byScoreThenLength);
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
  return textOrderByKeys(kept) ?? stableSort(kept, byStart);
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

/** From this many candidates on, they are ordered by a sort of numeric keys (no comparator calls). */
const KEYED = 64;

/**
 * `stableSort(candidates.slice(), byScoreThenLength)` for many candidates, by sorting one number per
 * candidate: (rank of its score among the distinct scores, best first; then longest first; then its
 * index, which keeps ties in the order found), packed into an integer below 2^53. `undefined` (use the
 * comparator) for few candidates, a NaN score, a negative length or keys that do not fit.
 */
function bestFirstByKeys<C extends Candidate>(candidates: readonly C[]): C[] | undefined {
  const n = candidates.length;
  if (n < KEYED) return undefined;
  const rank = new Map<number, number>();
  let maxLength = 0;
  for (const c of candidates) {
    const length = c.end - c.start;
    if (Number.isNaN(c.score) || !(Number.isInteger(length) && length >= 0)) return undefined;
    rank.set(c.score, 0);
    if (length > maxLength) maxLength = length;
  }
  const scores = [...rank.keys()].sort((a, b) => b - a);
  for (let r = 0; r < scores.length; r++) rank.set(scores[r] as number, r);
  const lengthBits = bitsFor(maxLength + 1);
  const indexBits = bitsFor(n);
  if (bitsFor(scores.length) + lengthBits + indexBits > 53) return undefined;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = candidates[i] as C;
    const high = (rank.get(c.score) as number) * 2 ** lengthBits + (maxLength - (c.end - c.start));
    keys[i] = high * 2 ** indexBits + i;
  }
  return byKeys(candidates, keys, indexBits);
}

/** `stableSort(kept, byStart)` for many spans, by sorting `start * 2^bits + index` (see `bestFirstByKeys`). */
function textOrderByKeys<C extends Candidate>(kept: readonly C[]): C[] | undefined {
  const n = kept.length;
  if (n < KEYED) return undefined;
  let maxStart = 0;
  for (const c of kept) {
    if (!(Number.isInteger(c.start) && c.start >= 0)) return undefined;
    if (c.start > maxStart) maxStart = c.start;
  }
  const indexBits = bitsFor(n);
  if (bitsFor(maxStart + 1) + indexBits > 53) return undefined;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (kept[i] as C).start * 2 ** indexBits + i;
  return byKeys(kept, keys, indexBits);
}

/** The items in the order of their sorted keys (each key ends with the item's index in `indexBits` bits). */
function byKeys<C>(items: readonly C[], keys: Float64Array, indexBits: number): C[] {
  keys.sort();
  const m = 2 ** indexBits;
  const out: C[] = [];
  for (let k = 0; k < keys.length; k++) out.push(items[(keys[k] as number) % m] as C);
  return out;
}

/** Bits that hold every integer below `x`. */
function bitsFor(x: number): number {
  let b = 0;
  while (2 ** b < x) b++;
  return b;
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
