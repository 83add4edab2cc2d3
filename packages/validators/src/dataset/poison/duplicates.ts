/**
 * Exact and near duplicates of numeric rows (vectors, embeddings, tabular rows), including duplicates
 * that carry different labels. Exact: a hash of each row's float32 bits, confirmed bit for bit.
 * Near: quantized hashing with random projections (p-stable LSH, Datar et al. 2004): each of `tables`
 * hash tables concatenates `bits` values `⌊(a·x + b) / w⌋` with Gaussian `a`, and rows sharing a bucket
 * are candidates, confirmed by their exact Euclidean distance (≤ `radius`). Both are O(n) hashing
 * plus the candidates' checks.
 */
import { ainteger, anumber, aobject, createRng } from '@modelsec/core';
import { type Matrix, readLabels, readMatrix } from '../shared/data';
import { type DuplicateGroup, hashInts, labelGroups, UnionFind } from '../shared/groups';

/** Options of `findDuplicates`. */
export interface FindDuplicatesOptions {
  /** Class ids of the rows, to report conflicting labels. */
  labels?: ArrayLike<number>;
  /** Near-duplicate distance (Euclidean). Default: `relativeRadius` × the data's total standard deviation. */
  radius?: number;
  /** Default radius as a share of the data's scale (`totalStd`: `√(Σ var_j)`, or less with extreme rows; default 0.05). */
  relativeRadius?: number;
  /** Hash tables (default 8). */
  tables?: number;
  /** Projections per table (default 6). */
  bits?: number;
  /** Largest candidate bucket examined pairwise (default 256; larger buckets are compared to their first row only). */
  maxBucket?: number;
  /** Set false to report exact duplicates only. */
  near?: boolean;
  /** Seed of the projections (default 0). */
  seed?: number;
  /** Features per row, for flat typed arrays. */
  featureCount?: number;
}

/** Duplicate groups of a dataset. */
export interface DuplicateResult {
  /** Groups of identical or near-identical rows. */
  groups: DuplicateGroup[];
  /** The near-duplicate radius used. */
  radius: number;
}

/**
 * Find exact and near-duplicate rows.
 *
 * @param samples - `n × d` rows.
 * @example
 * ```ts
 * const { groups } = findDuplicates(embeddings, { featureCount: 384, labels });
 * groups.filter((g) => g.conflicting); // same content, different labels
 * ```
 */
export function findDuplicates(samples: unknown, options: FindDuplicatesOptions = {}): DuplicateResult {
  aobject(options as unknown, 'options');
  const m = readMatrix(samples, 'samples', { featureCount: options.featureCount });
  const y = options.labels === undefined ? undefined : readLabels(options.labels, m.n).y;
  return duplicates(m, y, options);
}

/** The search on checked inputs. */
export function duplicates(m: Matrix, y: Int32Array | undefined, options: FindDuplicatesOptions): DuplicateResult {
  const { data: x, n, d } = m;
  const tables = options.tables ?? 8;
  ainteger(tables, 'options.tables', { min: 1, max: 64 });
  const bits = options.bits ?? 6;
  ainteger(bits, 'options.bits', { min: 1, max: 64 });
  const maxBucket = options.maxBucket ?? 256;
  ainteger(maxBucket, 'options.maxBucket', { min: 2 });
  const rel = options.relativeRadius ?? 0.05;
  anumber(rel, 'options.relativeRadius', { min: 0 });
  const radius = options.radius ?? rel * totalStd(m);
  anumber(radius, 'options.radius', { min: 0 });

  const exact = new UnionFind(n);
  const bitsView = Int32Array.from(new Int32Array(x.buffer, x.byteOffset, x.length), (v) =>
    v === -0x80000000 ? 0 : v,
  ); // -0 → +0
  const byHash = new Map<number, number[]>();
  for (let r = 0; r < n; r++) {
    const h = hashInts(bitsView, r * d, d);
    const bucket = byHash.get(h);
    if (!bucket) {
      byHash.set(h, [r]);
      continue;
    }
    const same = bucket.find((o) => equalRows(bitsView, o, r, d));
    if (same !== undefined) exact.union(same, r);
    else bucket.push(r);
  }
  const groups: { rows: number[]; kind: 'exact' | 'near'; score: number }[] = exact
    .groups()
    .map((rows) => ({ rows, kind: 'exact' as const, score: 0 }));

  if (options.near !== false && radius > 0 && n > 1) {
    const near = new UnionFind(n);
    const r2 = radius * radius;
    const rng = createRng(options.seed ?? 0);
    const w = 8 * radius;
    const a = new Float64Array(bits * d);
    const b = new Float64Array(bits);
    const key = new Int32Array(bits);
    const maxDist = new Map<number, number>();
    for (let t = 0; t < tables; t++) {
      for (let i = 0; i < a.length; i++) a[i] = rng.normal();
      for (let i = 0; i < bits; i++) b[i] = rng.next() * w;
      const buckets = new Map<number, number[]>();
      for (let r = 0; r < n; r++) {
        const off = r * d;
        for (let k = 0; k < bits; k++) {
          let s = b[k] as number;
          const ao = k * d;
          for (let j = 0; j < d; j++) s += (a[ao + j] as number) * (x[off + j] as number);
          key[k] = Math.floor(s / w);
        }
        const h = hashInts(key, 0, bits, t);
        const bucket = buckets.get(h);
        if (bucket) bucket.push(r);
        else buckets.set(h, [r]);
      }
      for (const bucket of buckets.values()) {
        if (bucket.length < 2) continue;
        const limit = bucket.length <= maxBucket ? bucket.length : 1;
        for (let p = 0; p < limit; p++) {
          for (let q = p + 1; q < bucket.length; q++) {
            const i = bucket[p] as number;
            const j = bucket[q] as number;
            if (near.find(i) === near.find(j)) continue;
            const dist = sqDistRows(x, i, j, d);
            if (dist <= r2) {
              near.union(i, j);
              const root = near.find(i);
              maxDist.set(root, Math.max(maxDist.get(root) ?? 0, Math.sqrt(dist)));
            }
          }
        }
      }
    }
    for (const rows of near.groups()) {
      const root = exact.find(rows[0] as number);
      if (rows.every((r) => exact.find(r) === root)) continue; // already an exact group
      const maxD = Math.max(...rows.map((r) => maxDist.get(near.find(r)) ?? 0));
      groups.push({ rows, kind: 'near', score: maxD });
    }
  }
  groups.sort((p, q) => (p.rows[0] as number) - (q.rows[0] as number));
  return { groups: labelGroups(groups, y), radius };
}

/**
 * The data's scale: the smaller of `√(Σ_j var_j)` (the root mean squared distance of rows to their
 * mean) and the median distance of rows to the coordinate-wise median, so that a few extreme rows
 * cannot blow the near-duplicate radius up to the spacing of ordinary rows.
 */
export function totalStd(m: Matrix): number {
  const { data: x, n, d } = m;
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (x[r * d + j] as number);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  let s = 0;
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) s += ((x[r * d + j] as number) - (mean[j] as number)) ** 2;
  const rms = Math.sqrt(s / n);
  const column = new Float64Array(n);
  const median = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    for (let r = 0; r < n; r++) column[r] = x[r * d + j] as number;
    median[j] = middle(column.sort());
  }
  const dist = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let q = 0;
    for (let j = 0; j < d; j++) q += ((x[r * d + j] as number) - (median[j] as number)) ** 2;
    dist[r] = q;
  }
  const robust = Math.sqrt(middle(dist.sort()));
  return robust > 0 ? Math.min(rms, robust) : rms;
}

function middle(sorted: Float64Array): number {
  const n = sorted.length;
  return n === 0
    ? 0
    : n % 2
      ? (sorted[(n - 1) / 2] as number)
      : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
}

function equalRows(v: Int32Array, a: number, b: number, d: number): boolean {
  for (let j = 0; j < d; j++) if (v[a * d + j] !== v[b * d + j]) return false;
  return true;
}

function sqDistRows(x: Float32Array, i: number, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += ((x[i * d + t] as number) - (x[j * d + t] as number)) ** 2;
  return s;
}
