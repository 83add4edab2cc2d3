/**
 * `mmdTest`: kernel two-sample test with the unbiased MMD² estimate and a seeded permutation
 * p-value, as alibi-detect's `MMDDrift` (Gretton et al., JMLR 13, 2012): Gaussian RBF kernel
 * k(x, y) = exp(−‖x − y‖² / (2σ²)) with σ from the median heuristic of alibi-detect's `sigma_median`
 * (σ² = median of the reference–current squared distances / 2), zeroed kernel diagonal, and
 * p = share of permutations whose MMD² is ≥ the observed one (alibi: `(mmd2 <= mmd2_permuted).mean()`).
 * The permutations come from this package's seeded generator, so p-values are reproducible here but
 * are not the same draws as alibi-detect's (PyTorch) generator.
 */
import { ainteger, anumber, createRng, describeValue, ModelSecTypeError, ValidationError } from '@modelsec/core';
import { isSampleLike } from './sample';
import { sortFloat64 } from './sort';

/** Options of {@link mmdTest}. */
export interface MmdTestOptions {
  /** Number of permutations (default 100, as alibi-detect). */
  permutations?: number;
  /** Seed of the permutation generator (default 0). */
  seed?: number;
  /** Kernel bandwidth σ; default: median heuristic. */
  sigma?: number;
  /** Largest total number of rows (n + m, default 3000; the kernel matrix is (n + m)² doubles). */
  maxSamples?: number;
}

/** Result of {@link mmdTest}. */
export interface MmdTestResult {
  /** Unbiased MMD² estimate. */
  statistic: number;
  /** Permutation p-value. */
  pValue: number;
  /** The kernel bandwidth used. */
  sigma: number;
  /** MMD² of each permutation. */
  permuted: number[];
}

/**
 * Maximum Mean Discrepancy two-sample test with an RBF kernel and a permutation p-value.
 *
 * @param reference - rows: numbers (1-D samples) or equal-length numeric vectors
 * @param current - rows of the same dimension
 * @example
 * ```ts
 * const { statistic, pValue } = mmdTest([[0, 1], [1, 0], [0.5, 0.5]], [[3, 3], [2, 4], [3.5, 2.5]], { seed: 1 });
 * ```
 */
export function mmdTest(
  reference: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  current: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  options: MmdTestOptions = {},
): MmdTestResult {
  if (typeof options !== 'object' || options === null) throw new ModelSecTypeError('"options" expected object');
  const permutations = options.permutations ?? 100;
  ainteger(permutations, 'permutations', { min: 1, max: 100_000 });
  const seed = options.seed ?? 0;
  ainteger(seed, 'seed', { min: 0, max: 0xffffffff });
  const maxSamples = options.maxSamples ?? 3000;
  ainteger(maxSamples, 'maxSamples', { min: 4, max: 20_000 });
  if (options.sigma !== undefined) anumber(options.sigma, 'sigma', { min: Number.MIN_VALUE });
  const x = toRows(reference, 'reference', maxSamples);
  const y = toRows(current, 'current', maxSamples);
  if (x.dim !== y.dim) {
    throw new ValidationError('invalid_shape', `"current" rows have dimension ${y.dim}, "reference" rows ${x.dim}`);
  }
  const n = x.count;
  const m = y.count;
  const N = n + m;
  if (N > maxSamples)
    throw new ValidationError('too_large', `mmdTest accepts at most ${maxSamples} rows in total, got ${N}`);
  const dim = x.dim;
  const z = new Float64Array(N * dim);
  z.set(x.data);
  z.set(y.data, n * dim);
  const d2 = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = i + 1; j < N; j++) {
      let s = 0;
      for (let k = 0; k < dim; k++) {
        const t = (z[i * dim + k] as number) - (z[j * dim + k] as number);
        s += t * t;
      }
      d2[i * N + j] = s;
      d2[j * N + i] = s;
    }
  }
  let sigma = options.sigma;
  if (sigma === undefined) {
    const cross = new Float64Array(n * m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) cross[i * m + j] = d2[i * N + n + j] as number;
    sortFloat64(cross);
    // alibi-detect: n_med = n + (n·m − n) // 2 − 1 when x[:n] == y[:n] (same sample), else (n·m) // 2 − 1.
    let same = n === m;
    for (let i = 0; same && i < n * dim; i++) same = x.data[i] === y.data[i];
    const k = same ? n : 0;
    const idx = k + Math.floor((n * m - k) / 2) - 1;
    sigma = Math.sqrt(0.5 * (cross[Math.max(0, idx)] as number));
    if (!(sigma > 0)) sigma = 1;
  }
  const gamma = 1 / (2 * sigma * sigma);
  const K = d2; // reuse: kernel matrix with zero diagonal
  for (let i = 0; i < N * N; i++) K[i] = Math.exp(-gamma * (d2[i] as number));
  for (let i = 0; i < N; i++) K[i * N + i] = 0;
  const labels = new Uint8Array(N);
  labels.fill(1, n);
  const statistic = mmd2(K, labels, n, m);
  const rng = createRng(seed);
  const permuted: number[] = [];
  let count = 0;
  const perm = new Uint8Array(labels);
  for (let p = 0; p < permutations; p++) {
    rng.shuffle(perm);
    const v = mmd2(K, perm, n, m);
    permuted.push(v);
    if (statistic <= v) count++;
  }
  return { statistic, pValue: count / permutations, sigma, permuted };
}

function mmd2(K: Float64Array, labels: Uint8Array, n: number, m: number): number {
  const N = n + m;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < N; i++) {
    const li = labels[i];
    const row = i * N;
    for (let j = i + 1; j < N; j++) {
      const k = K[row + j] as number;
      const lj = labels[j];
      if (li === lj) {
        if (li === 0) sxx += k;
        else syy += k;
      } else sxy += k;
    }
  }
  return (2 * sxx) / (n * (n - 1)) + (2 * syy) / (m * (m - 1)) - (2 * sxy) / (n * m);
}

function toRows(sample: unknown, label: string, max: number): { data: Float64Array; count: number; dim: number } {
  if (!isSampleLike(sample)) throw new ModelSecTypeError(`"${label}" expected array, got ${describeValue(sample)}`);
  const count = sample.length;
  if (count < 2)
    throw new ValidationError(count === 0 ? 'empty_input' : 'invalid_shape', `"${label}" needs at least 2 rows`);
  if (count > max) throw new ValidationError('too_large', `"${label}" has more than ${max} rows`);
  const first = sample[0];
  const dim = typeof first === 'number' ? 1 : isSampleLike(first) ? first.length : 0;
  if (dim === 0 || dim > 100_000 || count * dim > 50_000_000) {
    throw new ValidationError('invalid_shape', `"${label}" rows must be numbers or non-empty numeric vectors`);
  }
  const data = new Float64Array(count * dim);
  for (let i = 0; i < count; i++) {
    const row = sample[i];
    if (dim === 1 && typeof row === 'number') {
      if (!Number.isFinite(row)) throw new ValidationError('non_finite', `"${label}"[${i}] is not finite`);
      data[i] = row;
      continue;
    }
    if (!isSampleLike(row) || row.length !== dim || typeof first === 'number') {
      throw new ValidationError('invalid_shape', `"${label}"[${i}] does not have dimension ${dim}`);
    }
    for (let k = 0; k < dim; k++) {
      const v = row[k];
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new ValidationError('non_finite', `"${label}"[${i}][${k}] is not a finite number`);
      data[i * dim + k] = v;
    }
  }
  return { data, count, dim };
}
