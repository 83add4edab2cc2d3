/**
 * The working space of the neighbour, model and forest screens: standardized features when there are
 * at most `maxDirect` of them, otherwise their projection on the leading principal components, fitted
 * by subspace iteration on a seeded sample of rows (only non-zero entries are touched, so sparse rows
 * such as images are cheap).
 */

import { createRng } from '@modelsec/core';
import type { Matrix } from '../shared/data';
import { meanOfRows, project, standardize, topDirections } from '../shared/linalg';

/** Options of the reduction. */
export interface ReduceOptions {
  /** Principal components kept for wide data (default 32). */
  components?: number;
  /** Widest data used directly, standardized (default 64). */
  maxDirect?: number;
  /** Rows the components are fitted on (default 2,000, sampled). */
  fitRows?: number;
  /** Seed of the sample and the iteration's start. */
  seed?: number;
}

/** The reduced matrix and how it was made. */
export interface Reduced extends Matrix {
  /** `standardized` or `pca`. */
  method: 'standardized' | 'pca';
}

/** Reduce a checked matrix. */
export function reduce(m: Matrix, options: ReduceOptions = {}): Reduced {
  const maxDirect = options.maxDirect ?? 64;
  if (m.d <= maxDirect) return { data: standardize(m.data, m.n, m.d), n: m.n, d: m.d, method: 'standardized' };
  const k = Math.min(options.components ?? 32, m.d - 1, Math.max(1, m.n - 1));
  const rng = createRng(options.seed ?? 0);
  const all = Int32Array.from({ length: m.n }, (_, i) => i);
  const fitRows = Math.min(m.n, options.fitRows ?? 2000);
  const sample = fitRows < m.n ? rng.shuffle(all).slice(0, fitRows) : all;
  const mean = meanOfRows(m.data, m.d, sample);
  const { vectors } = topDirections(m.data, m.d, sample, mean, k, rng, 10);
  return { data: project(m.data, m.n, m.d, mean, vectors, k), n: m.n, d: k, method: 'pca' };
}
