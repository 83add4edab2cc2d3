/**
 * Spectral signatures (Tran, Li & Madry, NeurIPS 2018): within each class, center the representations,
 * take the top right singular vector of the centered matrix, and score every row by its squared
 * projection on it. A backdoor's poisoned rows share a feature the clean rows of the target class lack,
 * so they dominate that direction and get the largest scores; the paper removes the top `1.5·ε·n_c`.
 */
import { anumber, aobject, createRng } from '@modelsec/core';
import { type Matrix, readLabels, readMatrix, rowsByClass } from '../shared/data';
import { meanOfRows, topDirections } from '../shared/linalg';

/** Options of `spectralSignatures`. */
export interface SpectralOptions {
  /** Upper bound on the poisoned share of a class (default 0.05); `1.5·ε·n_c` rows are flagged per class. */
  epsilon?: number;
  /** Features per row, for flat typed arrays. */
  featureCount?: number;
  /** Number of classes (default: largest label + 1). */
  classCount?: number;
  /** Seed of the power iteration's start (default 0). */
  seed?: number;
}

/** Per-class result of spectral signatures. */
export interface SpectralClass {
  /** Class id. */
  label: number;
  /** Rows of the class. */
  size: number;
  /** Rows flagged (the top `1.5·ε·size` scores), highest first. */
  flagged: number[];
  /** Share of the class variance along the top direction (large when a sub-population stands out). */
  explained: number;
  /** Separation of the flagged rows' projections from the rest, in pooled standard deviations. */
  separation: number;
}

/** Result of spectral signatures. */
export interface SpectralResult {
  /** Outlier score of every row: its squared projection divided by the class's mean squared projection. */
  scores: Float64Array;
  /** Signed projection of every row on its class's top direction. */
  projections: Float64Array;
  /** Per-class summary. */
  classes: SpectralClass[];
}

/**
 * Score every row of labelled representations with spectral signatures.
 *
 * @param representations - `n × r` representations (embeddings, a hidden layer's activations, pixels).
 * @param labels - `n` class ids.
 * @throws ValidationError for malformed input; RangeError for bad options.
 * @example
 * ```ts
 * const { classes } = spectralSignatures(activations, labels, { featureCount: 256, epsilon: 0.05 });
 * ```
 */
export function spectralSignatures(
  representations: unknown,
  labels: unknown,
  options: SpectralOptions = {},
): SpectralResult {
  aobject(options as unknown, 'options');
  const m = readMatrix(representations, 'representations', { featureCount: options.featureCount });
  const { y, classCount } = readLabels(labels, m.n, options.classCount);
  return spectral(m, y, classCount, options);
}

/** The method on checked inputs. */
export function spectral(m: Matrix, y: Int32Array, classCount: number, options: SpectralOptions): SpectralResult {
  const epsilon = options.epsilon ?? 0.05;
  anumber(epsilon, 'options.epsilon', { min: 0, max: 0.5 });
  const rng = createRng(options.seed ?? 0);
  const scores = new Float64Array(m.n);
  const projections = new Float64Array(m.n);
  const classes: SpectralClass[] = [];
  rowsByClass(y, classCount).forEach((rows, label) => {
    if (rows.length < 3) {
      classes.push({ label, size: rows.length, flagged: [], explained: 0, separation: 0 });
      return;
    }
    const mean = meanOfRows(m.data, m.d, rows);
    const { vectors, values } = topDirections(m.data, m.d, rows, mean, 1, rng, 30);
    let total = 0;
    let sumSq = 0;
    for (let a = 0; a < rows.length; a++) {
      const off = (rows[a] as number) * m.d;
      let s = 0;
      for (let j = 0; j < m.d; j++) {
        const v = (m.data[off + j] as number) - (mean[j] as number);
        s += v * (vectors[j] as number);
        total += v * v;
      }
      projections[rows[a] as number] = s;
      sumSq += s * s;
    }
    const meanSq = sumSq / rows.length || 1;
    for (const r of rows) scores[r] = (projections[r] as number) ** 2 / meanSq;
    const ranked = Array.from(rows).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    const count = Math.min(rows.length - 1, Math.round(1.5 * epsilon * rows.length));
    const flagged = ranked.slice(0, count);
    classes.push({
      label,
      size: rows.length,
      flagged,
      explained: total > 0 ? ((values[0] as number) * rows.length) / total : 0,
      separation: separation(projections, flagged, ranked.slice(count)),
    });
  });
  return { scores, projections, classes };
}

/** |mean(a) − mean(b)| / pooled standard deviation of two groups of values. */
export function separation(values: Float64Array, a: readonly number[], b: readonly number[]): number {
  if (a.length < 2 || b.length < 2) return 0;
  const stats = (rows: readonly number[]) => {
    let s = 0;
    for (const r of rows) s += values[r] as number;
    const mu = s / rows.length;
    let v = 0;
    for (const r of rows) v += ((values[r] as number) - mu) ** 2;
    return { mu, v: v / (rows.length - 1) };
  };
  const sa = stats(a);
  const sb = stats(b);
  const pooled = Math.sqrt(((a.length - 1) * sa.v + (b.length - 1) * sb.v) / (a.length + b.length - 2));
  return pooled > 0 ? Math.abs(sa.mu - sb.mu) / pooled : 0;
}
