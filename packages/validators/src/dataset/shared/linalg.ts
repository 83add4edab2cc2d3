/**
 * Dense helpers for the dataset screens over row-major float32 matrices: row subsets, column means
 * and standardization, projection onto principal directions, and subspace iteration for the leading
 * right singular vectors of a centered row subset (used per class by spectral signatures and
 * activation clustering; the global reduction reuses `fitInputProfile`'s PCA).
 */

import type { Rng } from '@modelsec/core';
import { symmetricEigen } from '../../input/profile/linalg';

/** Column means of the rows `rows` (all rows when omitted) of an `n × d` matrix. */
export function meanOfRows(x: Float32Array, d: number, rows: ArrayLike<number>): Float64Array {
  const mean = new Float64Array(d);
  for (let a = 0; a < rows.length; a++) {
    const off = (rows[a] as number) * d;
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (x[off + j] as number);
  }
  if (rows.length > 0) for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / rows.length;
  return mean;
}

/** Per-column mean and inverse standard deviation (0 for constant columns). */
export function columnScaling(x: Float32Array, n: number, d: number): { mean: Float64Array; invStd: Float64Array } {
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    const off = r * d;
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (x[off + j] as number);
  }
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  for (let r = 0; r < n; r++) {
    const off = r * d;
    for (let j = 0; j < d; j++) {
      const v = (x[off + j] as number) - (mean[j] as number);
      sq[j] = (sq[j] as number) + v * v;
    }
  }
  const invStd = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt((sq[j] as number) / n);
    invStd[j] = sd > 1e-12 ? 1 / sd : 0;
  }
  return { mean, invStd };
}

/** `(x − mean) · invStd` per column, as a new matrix. */
export function standardize(x: Float32Array, n: number, d: number): Float32Array {
  const { mean, invStd } = columnScaling(x, n, d);
  const out = new Float32Array(n * d);
  for (let r = 0; r < n; r++) {
    const off = r * d;
    for (let j = 0; j < d; j++) out[off + j] = ((x[off + j] as number) - (mean[j] as number)) * (invStd[j] as number);
  }
  return out;
}

/**
 * Project rows onto `k` directions (`k × d`, row-major) after subtracting `mean`: an `n × k` matrix.
 * Only non-zero features are multiplied (`(x − μ)·v = x·v − μ·v`), which pays on sparse rows (images).
 */
export function project(
  x: Float32Array,
  n: number,
  d: number,
  mean: ArrayLike<number>,
  directions: ArrayLike<number>,
  k: number,
): Float32Array {
  const out = new Float32Array(n * k);
  const meanProj = new Float64Array(k);
  const dirT = new Float64Array(d * k); // feature-major, so a feature's k loadings are contiguous
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const v = directions[c * d + j] as number;
      dirT[j * k + c] = v;
      s += (mean[j] as number) * v;
    }
    meanProj[c] = s;
  }
  const acc = new Float64Array(k);
  for (let r = 0; r < n; r++) {
    const off = r * d;
    acc.fill(0);
    for (let j = 0; j < d; j++) {
      const v = x[off + j] as number;
      if (v === 0) continue;
      const jo = j * k;
      for (let c = 0; c < k; c++) acc[c] = (acc[c] as number) + v * (dirT[jo + c] as number);
    }
    for (let c = 0; c < k; c++) out[r * k + c] = (acc[c] as number) - (meanProj[c] as number);
  }
  return out;
}

/** The non-zero entries of some rows (compressed sparse rows). */
interface Sparse {
  start: Int32Array;
  col: Int32Array;
  val: Float64Array;
}

function sparseRows(x: Float32Array, d: number, rows: ArrayLike<number>): Sparse {
  let nnz = 0;
  for (let a = 0; a < rows.length; a++) {
    const off = (rows[a] as number) * d;
    for (let j = 0; j < d; j++) if ((x[off + j] as number) !== 0) nnz++;
  }
  const start = new Int32Array(rows.length + 1);
  const col = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  let p = 0;
  for (let a = 0; a < rows.length; a++) {
    start[a] = p;
    const off = (rows[a] as number) * d;
    for (let j = 0; j < d; j++) {
      const v = x[off + j] as number;
      if (v !== 0) {
        col[p] = j;
        val[p++] = v;
      }
    }
  }
  start[rows.length] = p;
  return { start, col, val };
}

/**
 * The `k` leading right singular vectors (`k × d`, orthonormal rows, decreasing singular value) of the
 * rows `rows` of `x` centered at `mean`, by block subspace iteration on `(X−μ)ᵀ(X−μ)` without forming it
 * (only non-zero entries are touched; the centering is a rank-one correction), plus the corresponding
 * eigenvalues of the covariance (`σ² / m`).
 */
export function topDirections(
  x: Float32Array,
  d: number,
  rows: ArrayLike<number>,
  mean: Float64Array,
  k: number,
  rng: Rng,
  iterations = 12,
): { vectors: Float64Array; values: Float64Array } {
  const m = rows.length;
  const b = Math.min(d, k + 6);
  const sp = sparseRows(x, d, rows);
  let q = new Float64Array(b * d);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal();
  orthonormalize(q, b, d);
  const z = new Float64Array(b * d);
  const qt = new Float64Array(d * b); // feature-major copy of q
  const proj = new Float64Array(b);
  const muq = new Float64Array(b);
  const sumProj = new Float64Array(b);
  /** dst = (X − 1μᵀ)ᵀ (X − 1μᵀ) src, for the b rows of src. */
  const multiply = (src: Float64Array, dst: Float64Array) => {
    for (let c = 0; c < b; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const v = src[c * d + j] as number;
        qt[j * b + c] = v;
        s += (mean[j] as number) * v;
      }
      muq[c] = s;
    }
    const acc = new Float64Array(d * b); // feature-major accumulator
    sumProj.fill(0);
    for (let a = 0; a < m; a++) {
      const s0 = sp.start[a] as number;
      const s1 = sp.start[a + 1] as number;
      proj.fill(0);
      for (let p = s0; p < s1; p++) {
        const jo = (sp.col[p] as number) * b;
        const v = sp.val[p] as number;
        for (let c = 0; c < b; c++) proj[c] = (proj[c] as number) + v * (qt[jo + c] as number);
      }
      for (let c = 0; c < b; c++) {
        const pc = (proj[c] as number) - (muq[c] as number);
        proj[c] = pc;
        sumProj[c] = (sumProj[c] as number) + pc;
      }
      for (let p = s0; p < s1; p++) {
        const jo = (sp.col[p] as number) * b;
        const v = sp.val[p] as number;
        for (let c = 0; c < b; c++) acc[jo + c] = (acc[jo + c] as number) + v * (proj[c] as number);
      }
    }
    for (let c = 0; c < b; c++) {
      const sc = sumProj[c] as number;
      for (let j = 0; j < d; j++) dst[c * d + j] = (acc[j * b + c] as number) - (mean[j] as number) * sc;
    }
  };
  for (let it = 0; it < iterations; it++) {
    multiply(q, z);
    q.set(z);
    orthonormalize(q, b, d);
  }
  // Rayleigh-Ritz on the small block: T = Q S Qᵀ, then rotate.
  multiply(q, z);
  const t = new Float64Array(b * b);
  for (let a = 0; a < b; a++) {
    for (let c = 0; c < b; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (q[a * d + j] as number) * (z[c * d + j] as number);
      t[a * b + c] = s;
    }
  }
  for (let a = 0; a < b; a++) {
    for (let c = a + 1; c < b; c++) {
      const avg = ((t[a * b + c] as number) + (t[c * b + a] as number)) / 2;
      t[a * b + c] = avg;
      t[c * b + a] = avg;
    }
  }
  const eig = symmetricEigen(t, b);
  const vectors = new Float64Array(k * d);
  const values = new Float64Array(k);
  for (let i = 0; i < Math.min(k, b); i++) {
    values[i] = (eig.values[i] as number) / Math.max(1, m);
    for (let a = 0; a < b; a++) {
      const w = eig.vectors[i * b + a] as number;
      if (w === 0) continue;
      for (let j = 0; j < d; j++) vectors[i * d + j] = (vectors[i * d + j] as number) + w * (q[a * d + j] as number);
    }
  }
  q = vectors;
  return { vectors: q, values };
}

/** Modified Gram-Schmidt on the rows of a `b × d` matrix (a row that vanishes is re-drawn as a unit axis). */
function orthonormalize(q: Float64Array, b: number, d: number): void {
  for (let a = 0; a < b; a++) {
    const ao = a * d;
    for (let c = 0; c < a; c++) {
      const co = c * d;
      let dot = 0;
      for (let j = 0; j < d; j++) dot += (q[ao + j] as number) * (q[co + j] as number);
      for (let j = 0; j < d; j++) q[ao + j] = (q[ao + j] as number) - dot * (q[co + j] as number);
    }
    let norm = 0;
    for (let j = 0; j < d; j++) norm += (q[ao + j] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm < 1e-300) {
      q.fill(0, ao, ao + d);
      q[ao + (a % d)] = 1;
      continue;
    }
    for (let j = 0; j < d; j++) q[ao + j] = (q[ao + j] as number) / norm;
  }
}
