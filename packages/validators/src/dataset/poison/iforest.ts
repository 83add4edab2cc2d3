/**
 * Isolation forest (Liu, Ting & Zhou, ICDM 2008), seeded: `trees` random trees, each grown on `sampleSize`
 * rows drawn without replacement, splitting on a random non-constant feature at a uniform random value
 * until a row is isolated or the height limit ⌈log2 ψ⌉ is reached. A row's anomaly score is
 * `2^(−E[h(x)] / c(ψ))`: near 1 for rows isolated in few splits, about 0.5 or less for ordinary rows.
 */
import { ainteger, aobject, createRng, type Rng } from '@modelsec/core';
import { type Matrix, readMatrix } from '../shared/data';

/** Options of `isolationForest`. */
export interface IsolationForestOptions {
  /** Number of trees (default 100). */
  trees?: number;
  /** Rows per tree, ψ (default 256, or all rows when fewer). */
  sampleSize?: number;
  /** Seed (default 0). */
  seed?: number;
  /** Features per row, for flat typed arrays. */
  featureCount?: number;
}

/**
 * Isolation-forest anomaly score of every row.
 *
 * @param samples - `n × d` rows.
 * @returns one score in (0, 1] per row; the usual cut is around 0.6-0.7.
 * @example
 * ```ts
 * const scores = isolationForest(features, { featureCount: 16, seed: 1 });
 * ```
 */
export function isolationForest(samples: unknown, options: IsolationForestOptions = {}): Float64Array {
  aobject(options as unknown, 'options');
  return forestScores(readMatrix(samples, 'samples', { featureCount: options.featureCount }), options);
}

/** Average path length of an unsuccessful search in a binary search tree of `n` rows, c(n). */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + 0.5772156649015329) - (2 * (n - 1)) / n;
}

/** The forest on a checked matrix. */
export function forestScores(m: Matrix, options: IsolationForestOptions): Float64Array {
  const trees = options.trees ?? 100;
  ainteger(trees, 'options.trees', { min: 1, max: 10_000 });
  const psi = Math.min(options.sampleSize ?? 256, m.n);
  ainteger(psi, 'options.sampleSize', { min: 1 });
  const rng = createRng(options.seed ?? 0);
  const limit = Math.ceil(Math.log2(Math.max(2, psi)));
  const total = new Float64Array(m.n);
  const pool = Int32Array.from({ length: m.n }, (_, i) => i);
  for (let t = 0; t < trees; t++) {
    // Partial Fisher-Yates: the first psi entries of pool are a sample without replacement.
    for (let i = 0; i < psi; i++) {
      const j = i + rng.int(m.n - i);
      const tmp = pool[i] as number;
      pool[i] = pool[j] as number;
      pool[j] = tmp;
    }
    const tree = growTree(m, pool.slice(0, psi), limit, rng);
    for (let r = 0; r < m.n; r++) total[r] = (total[r] as number) + pathLength(tree, m.data, r * m.d);
  }
  const c = averagePathLength(psi);
  const out = new Float64Array(m.n);
  for (let r = 0; r < m.n; r++) out[r] = c > 0 ? 2 ** (-(total[r] as number) / trees / c) : 0.5;
  return out;
}

interface Tree {
  feature: Int32Array; // -1 for a leaf
  split: Float64Array;
  left: Int32Array;
  right: Int32Array;
  size: Int32Array; // rows at a leaf
  depth: Int32Array;
}

function growTree(m: Matrix, rows: Int32Array, limit: number, rng: Rng): Tree {
  const cap = 2 * rows.length + 1;
  const tree: Tree = {
    feature: new Int32Array(cap).fill(-1),
    split: new Float64Array(cap),
    left: new Int32Array(cap),
    right: new Int32Array(cap),
    size: new Int32Array(cap),
    depth: new Int32Array(cap),
  };
  let count = 1;
  // Explicit stack of [node, start, end] over the rows array (partitioned in place).
  const stack: number[] = [0, 0, rows.length];
  while (stack.length > 0) {
    const end = stack.pop() as number;
    const start = stack.pop() as number;
    const node = stack.pop() as number;
    const size = end - start;
    tree.size[node] = size;
    if (size <= 1 || (tree.depth[node] as number) >= limit) continue;
    let feature = -1;
    let lo = 0;
    let hi = 0;
    for (let attempt = 0; attempt < 16 && feature < 0; attempt++) {
      const q = rng.int(m.d);
      lo = Number.POSITIVE_INFINITY;
      hi = Number.NEGATIVE_INFINITY;
      for (let a = start; a < end; a++) {
        const v = m.data[(rows[a] as number) * m.d + q] as number;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (hi > lo) feature = q;
    }
    if (feature < 0) continue;
    const split = lo + rng.next() * (hi - lo);
    let i = start;
    let j = end - 1;
    while (i <= j) {
      if ((m.data[(rows[i] as number) * m.d + feature] as number) < split) i++;
      else {
        const tmp = rows[i] as number;
        rows[i] = rows[j] as number;
        rows[j] = tmp;
        j--;
      }
    }
    const left = count++;
    const right = count++;
    tree.feature[node] = feature;
    tree.split[node] = split;
    tree.left[node] = left;
    tree.right[node] = right;
    tree.depth[left] = (tree.depth[node] as number) + 1;
    tree.depth[right] = (tree.depth[node] as number) + 1;
    stack.push(left, start, i, right, i, end);
  }
  return tree;
}

function pathLength(tree: Tree, x: Float32Array, off: number): number {
  let node = 0;
  for (;;) {
    const f = tree.feature[node] as number;
    if (f < 0) return (tree.depth[node] as number) + averagePathLength(tree.size[node] as number);
    node =
      (x[off + f] as number) < (tree.split[node] as number)
        ? (tree.left[node] as number)
        : (tree.right[node] as number);
  }
}
