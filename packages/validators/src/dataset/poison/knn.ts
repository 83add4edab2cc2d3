/**
 * Exact k-nearest neighbours (squared Euclidean, brute force over row blocks, each pair computed once)
 * and the label checks built on them: kNN label disagreement (the share of a row's neighbours that
 * carry another label) and leave-one-out neighbour-vote probabilities, a second out-of-sample model
 * for confident learning. O(n² · d): reduce high-dimensional data first (the screen projects onto
 * principal components).
 */
import { ainteger, anumber, aobject } from '@modelsec/core';
import { dotAt } from '../../input/profile/linalg';
import { type Matrix, readLabels, readMatrix } from '../shared/data';

/** Neighbours of every row. */
export interface Neighbors {
  /** Neighbours per row. */
  k: number;
  /** `n × k` row indices, nearest first (a row is never its own neighbour). */
  index: Int32Array;
  /** `n × k` squared distances, increasing. */
  distance: Float32Array;
}

/** Largest number of rows the brute-force search accepts by default. */
export const KNN_MAX_ROWS = 200_000;

/**
 * The `k` nearest neighbours of every row.
 *
 * @param samples - `n × d` rows.
 * @throws ValidationError for malformed samples or more than `maxRows` rows.
 * @example
 * ```ts
 * const { index } = nearestNeighbors(embeddings, { k: 10, featureCount: 64 });
 * ```
 */
export function nearestNeighbors(
  samples: unknown,
  options: { k?: number; featureCount?: number; maxRows?: number } = {},
): Neighbors {
  aobject(options as unknown, 'options');
  const m = readMatrix(samples, 'samples', { featureCount: options.featureCount });
  return knn(m, options.k ?? 10, options.maxRows);
}

/** The search on a checked matrix. */
export function knn(m: Matrix, k: number, maxRows = KNN_MAX_ROWS): Neighbors {
  const { data: x, n, d } = m;
  ainteger(k, 'options.k', { min: 1, max: Math.max(1, n - 1) });
  ainteger(maxRows, 'options.maxRows', { min: 1 });
  if (n > maxRows) throw new RangeError(`"samples" has ${n} rows; the exact neighbour search accepts up to ${maxRows}`);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += (x[i * d + j] as number) ** 2;
    norms[i] = s;
  }
  const index = new Int32Array(n * k).fill(-1);
  const distance = new Float32Array(n * k).fill(Number.POSITIVE_INFINITY);
  const worst = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const insert = (row: number, other: number, dist: number) => {
    const base = row * k;
    let pos = k - 1;
    while (pos > 0 && (distance[base + pos - 1] as number) > dist) {
      distance[base + pos] = distance[base + pos - 1] as number;
      index[base + pos] = index[base + pos - 1] as number;
      pos--;
    }
    distance[base + pos] = dist;
    index[base + pos] = other;
    worst[row] = distance[base + k - 1] as number;
  };
  for (let i = 0; i < n; i++) {
    const io = i * d;
    const ni = norms[i] as number;
    for (let j = i + 1; j < n; j++) {
      let dist = ni + (norms[j] as number) - 2 * dotAt(x, io, x, j * d, d);
      if (dist < 0) dist = 0;
      if (dist < (worst[i] as number)) insert(i, j, dist);
      if (dist < (worst[j] as number)) insert(j, i, dist);
    }
  }
  return { k, index, distance };
}

/** kNN label disagreement of every row. */
export interface KnnDisagreement {
  /** Share of each row's neighbours whose label differs from its own, in [0, 1]. */
  scores: Float64Array;
  /** The label most of each row's neighbours carry. */
  majority: Int32Array;
}

/**
 * kNN label disagreement from precomputed neighbours.
 *
 * @example
 * ```ts
 * const { scores } = knnLabelDisagreement(labels, nearestNeighbors(x, { k: 10, featureCount: 32 }));
 * ```
 */
export function knnLabelDisagreement(labels: unknown, neighbors: Neighbors, classCount?: number): KnnDisagreement {
  const n = neighbors.index.length / neighbors.k;
  const { y, classCount: k } = readLabels(labels, n, classCount);
  return disagreement(y, k, neighbors);
}

/** The same on checked labels. */
export function disagreement(y: Int32Array, classCount: number, nb: Neighbors): KnnDisagreement {
  const n = y.length;
  const scores = new Float64Array(n);
  const majority = new Int32Array(n);
  const votes = new Float64Array(classCount);
  for (let i = 0; i < n; i++) {
    votes.fill(0);
    let total = 0;
    for (let a = 0; a < nb.k; a++) {
      const j = nb.index[i * nb.k + a] as number;
      if (j < 0) continue;
      votes[y[j] as number] = (votes[y[j] as number] as number) + 1;
      total++;
    }
    let best = 0;
    for (let c = 1; c < classCount; c++) if ((votes[c] as number) > (votes[best] as number)) best = c;
    majority[i] = best;
    scores[i] = total > 0 ? 1 - (votes[y[i] as number] as number) / total : 0;
  }
  return { scores, majority };
}

/**
 * Leave-one-out neighbour-vote probabilities (`n × classCount`), smoothed by `alpha` per class.
 *
 * @example
 * ```ts
 * const probs = knnProbabilities(labels, neighbors, 10);
 * ```
 */
export function knnProbabilities(y: Int32Array, classCount: number, nb: Neighbors, alpha = 0.5): Float64Array {
  anumber(alpha, 'alpha', { min: 0 });
  const n = y.length;
  const out = new Float64Array(n * classCount);
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let a = 0; a < nb.k; a++) {
      const j = nb.index[i * nb.k + a] as number;
      if (j < 0) continue;
      const at = i * classCount + (y[j] as number);
      out[at] = (out[at] as number) + 1;
      total++;
    }
    const denom = total + alpha * classCount;
    for (let c = 0; c < classCount; c++) {
      out[i * classCount + c] = denom > 0 ? ((out[i * classCount + c] as number) + alpha) / denom : 1 / classCount;
    }
  }
  return out;
}
