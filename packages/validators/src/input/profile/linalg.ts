/**
 * The dense linear algebra the input profile needs, in float64 over row-major `Float64Array`s:
 * empirical covariance, the Ledoit-Wolf shrinkage intensity (the formula of scikit-learn's
 * `ledoit_wolf_shrinkage`), Cholesky factorization and triangular solves, a Jacobi eigensolver for
 * small symmetric matrices, and block subspace iteration for the leading eigenvectors of large ones.
 */

/**
 * Per-column means of `n × d` samples.
 *
 * @example
 * ```ts
 * columnMeans(Float64Array.of(1, 2, 3, 4), 2, 2); // [2, 3]
 * ```
 */
export function columnMeans(x: ArrayLike<number>, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (x[r * d + j] as number);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  return mean;
}

/**
 * Empirical covariance `(X − 1μᵀ)ᵀ(X − 1μᵀ) / n` of `n × d` samples, as a full `d × d` matrix. Rows are
 * shifted by `shift` (e.g. the per-feature median) rather than the mean so that they stay sparse for
 * image-like data, only their non-zero entries are multiplied, and the mean is corrected for at the end:
 * `S = (X − 1mᵀ)ᵀ(X − 1mᵀ)/n − (μ − m)(μ − m)ᵀ`. A shift near the mean also avoids the cancellation of
 * the uncentered formula.
 *
 * @example
 * ```ts
 * const s = covariance(samples, n, d, columnMeans(samples, n, d), median);
 * ```
 */
export function covariance(
  x: ArrayLike<number>,
  n: number,
  d: number,
  mean: Float64Array,
  shift: ArrayLike<number> = mean,
): Float64Array {
  const s = new Float64Array(d * d);
  const idx = new Int32Array(d);
  const val = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    let nnz = 0;
    const off = r * d;
    for (let j = 0; j < d; j++) {
      const v = (x[off + j] as number) - (shift[j] as number);
      if (v !== 0) {
        idx[nnz] = j;
        val[nnz++] = v;
      }
    }
    for (let a = 0; a < nnz; a++) {
      const row = (idx[a] as number) * d;
      const va = val[a] as number;
      for (let b = a; b < nnz; b++) {
        const at = row + (idx[b] as number);
        s[at] = (s[at] as number) + va * (val[b] as number);
      }
    }
  }
  for (let i = 0; i < d; i++) {
    const di = (mean[i] as number) - (shift[i] as number);
    for (let j = i; j < d; j++) {
      const dj = (mean[j] as number) - (shift[j] as number);
      const v = (s[i * d + j] as number) / n - di * dj;
      s[i * d + j] = v;
      s[j * d + i] = v;
    }
  }
  return s;
}

/**
 * `Σ_k ‖x_k − μ‖⁴` over the samples, the fourth-moment term of the Ledoit-Wolf formula.
 *
 * @example
 * ```ts
 * const fourth = sumFourthPowers(samples, n, d, mean);
 * ```
 */
export function sumFourthPowers(x: ArrayLike<number>, n: number, d: number, mean: Float64Array): number {
  let total = 0;
  for (let r = 0; r < n; r++) {
    let sq = 0;
    for (let j = 0; j < d; j++) sq += ((x[r * d + j] as number) - (mean[j] as number)) ** 2;
    total += sq * sq;
  }
  return total;
}

/**
 * Ledoit-Wolf shrinkage intensity δ ∈ [0, 1] for the target `μI` (μ = mean variance), from the empirical
 * covariance `s` of `n` samples and `Σ_k ‖x_k − mean‖⁴`: the shrunk covariance is `(1 - δ)S + δμI`.
 * Same formula as scikit-learn's `ledoit_wolf_shrinkage` (Ledoit & Wolf 2004).
 *
 * @example
 * ```ts
 * const delta = ledoitWolfShrinkage(s, n, d, sumFourthPowers(samples, n, d, mean));
 * ```
 */
export function ledoitWolfShrinkage(s: Float64Array, n: number, d: number, fourth: number): number {
  let trace = 0;
  for (let i = 0; i < d; i++) trace += s[i * d + i] as number;
  const mu = trace / d;
  let frob = 0; // ||S||_F^2
  for (let i = 0; i < d * d; i++) frob += (s[i] as number) ** 2;
  let beta = (fourth / n - frob) / (d * n);
  const delta = (frob - 2 * mu * trace + d * mu * mu) / d;
  beta = Math.min(beta, delta);
  return beta === 0 || !(delta > 0) ? 0 : Math.max(0, beta / delta);
}

/**
 * Cholesky factor `L` (lower triangular, `A = LLᵀ`) of a symmetric positive-definite `d × d` matrix.
 *
 * @returns `L`, or undefined when `A` is not positive definite.
 * @example
 * ```ts
 * const l = cholesky(Float64Array.of(4, 2, 2, 3), 2); // [2, 0, 1, √2]
 * ```
 */
export function cholesky(a: Float64Array, d: number): Float64Array | undefined {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * d + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * d + k] as number) * (l[j * d + k] as number);
      if (i === j) {
        if (!(sum > 0)) return undefined;
        l[i * d + i] = Math.sqrt(sum);
      } else {
        l[i * d + j] = sum / (l[j * d + j] as number);
      }
    }
  }
  return l;
}

/**
 * `‖L⁻¹v‖²` by forward substitution, with `L` packed row by row (row `i` holds `i + 1` values).
 *
 * @example
 * ```ts
 * solveLowerNormSq(Float64Array.of(2, 1, 1), Float64Array.of(2, 2), 2); // z = [1, 1] → 2
 * ```
 */
export function solveLowerNormSq(
  packed: Float64Array,
  v: Float64Array,
  d: number,
  scratch = new Float64Array(d),
): number {
  let total = 0;
  let row = 0;
  for (let i = 0; i < d; i++) {
    let sum = v[i] as number;
    for (let k = 0; k < i; k++) sum -= (packed[row + k] as number) * (scratch[k] as number);
    const z = sum / (packed[row + i] as number);
    scratch[i] = z;
    total += z * z;
    row += i + 1;
  }
  return total;
}

/**
 * All eigenpairs of a small symmetric matrix by cyclic Jacobi rotations, sorted by decreasing value.
 *
 * @returns `values` and `vectors` (row `i` of `vectors` is the unit eigenvector of `values[i]`).
 * @example
 * ```ts
 * symmetricEigen(Float64Array.of(2, 1, 1, 2), 2).values; // [3, 1]
 * ```
 */
export function symmetricEigen(m: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p * n + q] as number) ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = ((a[q * n + q] as number) - (a[p * n + p] as number)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p] as number;
          const akq = a[k * n + q] as number;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] as number;
          const aqk = a[q * n + k] as number;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (a[j * n + j] as number) - (a[i * n + i] as number),
  );
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((col, i) => {
    values[i] = a[col * n + col] as number;
    for (let k = 0; k < n; k++) vectors[i * n + k] = v[k * n + col] as number;
  });
  return { values, vectors };
}

/**
 * The `k` leading eigenpairs of a symmetric positive semi-definite `d × d` matrix by block subspace
 * iteration with Rayleigh-Ritz (deterministic start, `k + 8` vectors, `iterations` rounds).
 *
 * @returns `values` (decreasing) and `vectors` (`k × d`, orthonormal rows).
 * @example
 * ```ts
 * const { values, vectors } = leadingEigen(s, 784, 32);
 * ```
 */
export function leadingEigen(
  s: Float64Array,
  d: number,
  k: number,
  iterations = 30,
): { values: Float64Array; vectors: Float64Array } {
  const m = Math.min(d, k + 8);
  let q = new Float64Array(m * d); // rows are the basis vectors
  let seed = 0x9e3779b9;
  for (let i = 0; i < q.length; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    q[i] = (seed >>> 0) / 2 ** 32 - 0.5;
  }
  orthonormalizeRows(q, m, d);
  const z = new Float64Array(m * d);
  for (let it = 0; it < iterations; it++) {
    multiplyRows(s, q, z, m, d);
    q.set(z);
    orthonormalizeRows(q, m, d);
  }
  // Rayleigh-Ritz: T = Q S Qᵀ, rotate Q by T's eigenvectors.
  multiplyRows(s, q, z, m, d);
  const t = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += (q[a * d + j] as number) * (z[b * d + j] as number);
      t[a * m + b] = sum;
    }
  }
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const avg = ((t[a * m + b] as number) + (t[b * m + a] as number)) / 2;
      t[a * m + b] = avg;
      t[b * m + a] = avg;
    }
  }
  const eig = symmetricEigen(t, m);
  const vectors = new Float64Array(k * d);
  for (let i = 0; i < k; i++) {
    for (let a = 0; a < m; a++) {
      const w = eig.vectors[i * m + a] as number;
      if (w === 0) continue;
      for (let j = 0; j < d; j++) vectors[i * d + j] = (vectors[i * d + j] as number) + w * (q[a * d + j] as number);
    }
  }
  q = vectors;
  return { values: eig.values.slice(0, k), vectors: q };
}

/**
 * Dot product of `d` values of `a` from `ao` and of `b` from `bo`; four accumulators break the add
 * latency chain (about 2x faster than one on long rows).
 * @internal
 */
export function dotAt(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, d: number): number {
  const d4 = d - (d % 4);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j < d4; j += 4) {
    s0 += (a[ao + j] as number) * (b[bo + j] as number);
    s1 += (a[ao + j + 1] as number) * (b[bo + j + 1] as number);
    s2 += (a[ao + j + 2] as number) * (b[bo + j + 2] as number);
    s3 += (a[ao + j + 3] as number) * (b[bo + j + 3] as number);
  }
  for (; j < d; j++) s0 += (a[ao + j] as number) * (b[bo + j] as number);
  return s0 + s1 + s2 + s3;
}

/** z[a] = S q[a] for each row a (S symmetric). */
function multiplyRows(s: Float64Array, q: Float64Array, z: Float64Array, m: number, d: number): void {
  for (let i = 0; i < d; i++) {
    for (let a = 0; a < m; a++) z[a * d + i] = dotAt(s, i * d, q, a * d, d);
  }
}

function orthonormalizeRows(q: Float64Array, m: number, d: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < a; b++) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += (q[a * d + j] as number) * (q[b * d + j] as number);
        for (let j = 0; j < d; j++) q[a * d + j] = (q[a * d + j] as number) - dot * (q[b * d + j] as number);
      }
      let norm = 0;
      for (let j = 0; j < d; j++) norm += (q[a * d + j] as number) ** 2;
      norm = Math.sqrt(norm);
      for (let j = 0; j < d; j++) q[a * d + j] = norm > 1e-300 ? (q[a * d + j] as number) / norm : 0;
    }
  }
}
