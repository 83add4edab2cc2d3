/**
 * Activation clustering (Chen et al., "Detecting Backdoor Attacks on Deep Neural Networks by
 * Activation Clustering", 2018): within each class, reduce the representations to a few principal
 * components, split them into two clusters with k-means, and call the class poisoned when the smaller
 * cluster is small (relative size) and well separated (silhouette). The paper reduces with ICA; this
 * uses PCA (same subspace dimension, no extra iteration), which the bench shows is enough.
 */
import { ainteger, anumber, aobject, createRng, type Rng } from '@modelsec/core';
import { type Matrix, readLabels, readMatrix, rowsByClass } from '../shared/data';
import { meanOfRows, project, topDirections } from '../shared/linalg';

/** Options of `activationClustering`. */
export interface ActivationClusteringOptions {
  /** Principal components kept per class before clustering (default 10, as the paper). */
  components?: number;
  /** A class is suspicious when its smaller cluster holds at most this share of it (default 0.35). */
  maxClusterShare?: number;
  /** ... and when the two clusters' silhouette is at least this (default 0.15). */
  minSilhouette?: number;
  /** Features per row, for flat typed arrays. */
  featureCount?: number;
  /** Number of classes (default: largest label + 1). */
  classCount?: number;
  /** Seed of k-means++ and the PCA start (default 0). */
  seed?: number;
}

/** Per-class result of activation clustering. */
export interface ClusterClass {
  /** Class id. */
  label: number;
  /** Rows of the class. */
  size: number;
  /** Rows of the smaller cluster, most confidently assigned first. */
  smaller: number[];
  /** Share of the class in the smaller cluster. */
  share: number;
  /** Mean silhouette of the two-cluster split (on up to 1,000 rows), in [-1, 1]. */
  silhouette: number;
  /** True when `share ≤ maxClusterShare` and `silhouette ≥ minSilhouette`. */
  suspicious: boolean;
  /** The first two principal coordinates of up to 400 rows (for plots): `[x, y, inSmaller]`. */
  sample: [number, number, number][];
}

/** Result of activation clustering. */
export interface ClusteringResult {
  /** Per row: > 0 in the smaller cluster (larger = more confidently), < 0 in the larger one. */
  scores: Float64Array;
  /** Per-class summary. */
  classes: ClusterClass[];
}

/**
 * Cluster each class's representations in two and report small, well-separated clusters.
 *
 * @param representations - `n × r` representations.
 * @param labels - `n` class ids.
 * @example
 * ```ts
 * const { classes } = activationClustering(activations, labels, { featureCount: 256 });
 * classes.filter((c) => c.suspicious);
 * ```
 */
export function activationClustering(
  representations: unknown,
  labels: unknown,
  options: ActivationClusteringOptions = {},
): ClusteringResult {
  aobject(options as unknown, 'options');
  const m = readMatrix(representations, 'representations', { featureCount: options.featureCount });
  const { y, classCount } = readLabels(labels, m.n, options.classCount);
  return clusterClasses(m, y, classCount, options);
}

/** The method on checked inputs. */
export function clusterClasses(
  m: Matrix,
  y: Int32Array,
  classCount: number,
  options: ActivationClusteringOptions,
): ClusteringResult {
  const k = options.components ?? 10;
  ainteger(k, 'options.components', { min: 1, max: 256 });
  const maxShare = options.maxClusterShare ?? 0.35;
  anumber(maxShare, 'options.maxClusterShare', { min: 0, max: 0.5 });
  const minSil = options.minSilhouette ?? 0.15;
  anumber(minSil, 'options.minSilhouette', { min: -1, max: 1 });
  const rng = createRng(options.seed ?? 0);
  const scores = new Float64Array(m.n);
  const classes: ClusterClass[] = [];
  rowsByClass(y, classCount).forEach((rows, label) => {
    if (rows.length < 4) {
      classes.push({ label, size: rows.length, smaller: [], share: 0, silhouette: 0, suspicious: false, sample: [] });
      return;
    }
    const dims = Math.min(k, m.d, rows.length - 1);
    const mean = meanOfRows(m.data, m.d, rows);
    const { vectors } = topDirections(m.data, m.d, rows, mean, dims, rng, 20);
    const sub = new Float32Array(rows.length * m.d);
    rows.forEach((r, a) => {
      sub.set(m.data.subarray(r * m.d, (r + 1) * m.d), a * m.d);
    });
    const z = project(sub, rows.length, m.d, mean, vectors, dims);
    const { assign, centers } = twoMeans(z, rows.length, dims, rng);
    let ones = 0;
    for (let a = 0; a < rows.length; a++) ones += assign[a] as number;
    const small = ones <= rows.length - ones ? 1 : 0;
    const smaller: { r: number; s: number }[] = [];
    for (let a = 0; a < rows.length; a++) {
      const dSmall = Math.sqrt(sqDist(z, a * dims, centers, small * dims, dims));
      const dBig = Math.sqrt(sqDist(z, a * dims, centers, (1 - small) * dims, dims));
      const s = (dBig - dSmall) / (dBig + dSmall || 1);
      scores[rows[a] as number] = s;
      if (assign[a] === small) smaller.push({ r: rows[a] as number, s });
    }
    smaller.sort((p, q) => q.s - p.s || p.r - q.r);
    const share = smaller.length / rows.length;
    const silhouette = silhouetteScore(z, rows.length, dims, assign, rng);
    const sample: [number, number, number][] = [];
    const step = Math.max(1, Math.floor(rows.length / 400));
    for (let a = 0; a < rows.length && sample.length < 400; a += step) {
      sample.push([z[a * dims] as number, dims > 1 ? (z[a * dims + 1] as number) : 0, assign[a] === small ? 1 : 0]);
    }
    classes.push({
      label,
      size: rows.length,
      smaller: smaller.map((e) => e.r),
      share,
      silhouette,
      suspicious: share > 0 && share <= maxShare && silhouette >= minSil,
      sample,
    });
  });
  return { scores, classes };
}

/** Two-means clustering with k-means++ seeding, best of three restarts by inertia. */
export function twoMeans(
  z: Float32Array,
  n: number,
  d: number,
  rng: Rng,
): { assign: Uint8Array; centers: Float64Array } {
  let best: { assign: Uint8Array; centers: Float64Array; inertia: number } | undefined;
  for (let restart = 0; restart < 3; restart++) {
    const centers = new Float64Array(2 * d);
    const first = rng.int(n);
    for (let j = 0; j < d; j++) centers[j] = z[first * d + j] as number;
    const dist = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      dist[i] = sqDist(z, i * d, centers, 0, d);
      total += dist[i] as number;
    }
    let pick = rng.next() * total;
    let second = n - 1;
    for (let i = 0; i < n; i++) {
      pick -= dist[i] as number;
      if (pick <= 0) {
        second = i;
        break;
      }
    }
    for (let j = 0; j < d; j++) centers[d + j] = z[second * d + j] as number;
    const assign = new Uint8Array(n);
    let inertia = 0;
    for (let it = 0; it < 100; it++) {
      let changed = it === 0;
      inertia = 0;
      for (let i = 0; i < n; i++) {
        const d0 = sqDist(z, i * d, centers, 0, d);
        const d1 = sqDist(z, i * d, centers, d, d);
        const a = d1 < d0 ? 1 : 0;
        inertia += Math.min(d0, d1);
        if (a !== assign[i]) {
          assign[i] = a;
          changed = true;
        }
      }
      if (!changed) break;
      const counts = [0, 0];
      centers.fill(0);
      for (let i = 0; i < n; i++) {
        const a = assign[i] as number;
        counts[a] = (counts[a] as number) + 1;
        for (let j = 0; j < d; j++) centers[a * d + j] = (centers[a * d + j] as number) + (z[i * d + j] as number);
      }
      for (let a = 0; a < 2; a++) {
        for (let j = 0; j < d; j++)
          centers[a * d + j] = (centers[a * d + j] as number) / Math.max(1, counts[a] as number);
      }
    }
    if (!best || inertia < best.inertia) best = { assign, centers, inertia };
  }
  return best as { assign: Uint8Array; centers: Float64Array };
}

function sqDist(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += ((a[ao + j] as number) - (b[bo + j] as number)) ** 2;
  return s;
}

/** Mean silhouette of a two-cluster assignment over up to 1,000 sampled rows (exact distances). */
function silhouetteScore(z: Float32Array, n: number, d: number, assign: Uint8Array, rng: Rng): number {
  const idx: number[] = [];
  if (n <= 1000) for (let i = 0; i < n; i++) idx.push(i);
  else for (let i = 0; i < 1000; i++) idx.push(rng.int(n));
  let sum = 0;
  for (const i of idx) {
    const acc = [0, 0];
    const cnt = [0, 0];
    for (const j of idx) {
      if (j === i) continue;
      const a = assign[j] as number;
      acc[a] = (acc[a] as number) + Math.sqrt(sqDist(z, i * d, z, j * d, d));
      cnt[a] = (cnt[a] as number) + 1;
    }
    const own = assign[i] as number;
    if ((cnt[own] as number) === 0 || (cnt[1 - own] as number) === 0) continue;
    const a = (acc[own] as number) / (cnt[own] as number);
    const b = (acc[1 - own] as number) / (cnt[1 - own] as number);
    sum += (b - a) / Math.max(a, b, 1e-300);
  }
  return idx.length > 0 ? sum / idx.length : 0;
}
