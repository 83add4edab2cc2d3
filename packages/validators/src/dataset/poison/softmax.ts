/**
 * A tiny multinomial logistic (softmax) regression: standardized features, mini-batch Adam with L2
 * weight decay, seeded shuffles. It is the "simple model you fit" behind the out-of-fold
 * probabilities of confident learning; it runs anywhere (no dependency) and costs
 * O(epochs · n · d · classes).
 */
import { ainteger, anumber, aobject, createRng } from '@modelsec/core';
import { type Matrix, readLabels, readMatrix } from '../shared/data';
import { columnScaling } from '../shared/linalg';

/** Options of `trainSoftmaxRegression`. */
export interface SoftmaxRegressionOptions {
  /** Passes over the data (default 20). */
  epochs?: number;
  /** Adam step size (default 0.01). */
  learningRate?: number;
  /** L2 weight decay (default 1e-4). */
  l2?: number;
  /** Rows per mini-batch (default 64). */
  batchSize?: number;
  /** Seed of the shuffles (default 0). */
  seed?: number;
  /** Number of classes (default: largest label + 1). */
  classCount?: number;
  /** Features per row, for flat typed arrays. */
  featureCount?: number;
}

/** A trained softmax regression. */
export interface SoftmaxModel {
  /** Number of classes. */
  readonly classCount: number;
  /** Features per row. */
  readonly featureCount: number;
  /** Class probabilities of `count` rows (`count × classCount`, row-major). */
  predictProba(samples: Float32Array, count: number): Float64Array;
}

/**
 * Train a softmax regression on labelled rows.
 *
 * @param samples - `n × d` rows (nested arrays, typed array with `featureCount`, or a tensor).
 * @param labels - `n` class ids.
 * @throws ValidationError for malformed samples or labels; RangeError for bad options.
 * @example
 * ```ts
 * const model = trainSoftmaxRegression(pixels, labels, { featureCount: 784, epochs: 10 });
 * const probs = model.predictProba(testPixels, testCount);
 * ```
 */
export function trainSoftmaxRegression(
  samples: unknown,
  labels: unknown,
  options: SoftmaxRegressionOptions = {},
): SoftmaxModel {
  aobject(options as unknown, 'options');
  const m = readMatrix(samples, 'samples', { featureCount: options.featureCount });
  const { y, classCount } = readLabels(labels, m.n, options.classCount);
  const rows = Int32Array.from({ length: m.n }, (_, i) => i);
  return fitSoftmax(m, y, classCount, rows, options);
}

/** Train on the subset `rows` of an already-checked matrix (used by the out-of-fold loop). */
export function fitSoftmax(
  m: Matrix,
  y: Int32Array,
  classCount: number,
  rows: Int32Array,
  options: SoftmaxRegressionOptions,
): SoftmaxModel {
  const epochs = options.epochs ?? 20;
  ainteger(epochs, 'options.epochs', { min: 1, max: 10_000 });
  const lr = options.learningRate ?? 0.01;
  anumber(lr, 'options.learningRate', { min: 0 });
  const l2 = options.l2 ?? 1e-4;
  anumber(l2, 'options.l2', { min: 0 });
  const batchSize = options.batchSize ?? 64;
  ainteger(batchSize, 'options.batchSize', { min: 1 });
  const rng = createRng(options.seed ?? 0);
  const { d } = m;
  const k = classCount;
  const sub = subsetMatrix(m, rows);
  const { mean, invStd } = columnScaling(sub, rows.length, d);
  const x = sub;
  for (let r = 0; r < rows.length; r++) {
    const off = r * d;
    for (let j = 0; j < d; j++) x[off + j] = ((x[off + j] as number) - (mean[j] as number)) * (invStd[j] as number);
  }
  const w = new Float64Array(k * (d + 1)); // row c: d weights then the bias
  const mw = new Float64Array(w.length);
  const vw = new Float64Array(w.length);
  const g = new Float64Array(w.length);
  const p = new Float64Array(k);
  const order = Int32Array.from({ length: rows.length }, (_, i) => i);
  const b1 = 0.9;
  const b2 = 0.999;
  let step = 0;
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(order);
    for (let start = 0; start < order.length; start += batchSize) {
      const end = Math.min(order.length, start + batchSize);
      g.fill(0);
      for (let a = start; a < end; a++) {
        const r = order[a] as number;
        const off = r * d;
        logits(w, x, off, d, k, p);
        softmaxInPlace(p);
        p[y[rows[r] as number] as number] = (p[y[rows[r] as number] as number] as number) - 1;
        for (let c = 0; c < k; c++) {
          const pc = p[c] as number;
          if (pc === 0) continue;
          const wo = c * (d + 1);
          for (let j = 0; j < d; j++) g[wo + j] = (g[wo + j] as number) + pc * (x[off + j] as number);
          g[wo + d] = (g[wo + d] as number) + pc;
        }
      }
      step++;
      const scale = 1 / (end - start);
      const c1 = 1 - b1 ** step;
      const c2 = 1 - b2 ** step;
      for (let i = 0; i < w.length; i++) {
        const isBias = i % (d + 1) === d;
        const gi = (g[i] as number) * scale + (isBias ? 0 : l2 * (w[i] as number));
        mw[i] = b1 * (mw[i] as number) + (1 - b1) * gi;
        vw[i] = b2 * (vw[i] as number) + (1 - b2) * gi * gi;
        w[i] = (w[i] as number) - (lr * ((mw[i] as number) / c1)) / (Math.sqrt((vw[i] as number) / c2) + 1e-8);
      }
    }
  }
  return {
    classCount: k,
    featureCount: d,
    predictProba(samples, count) {
      const out = new Float64Array(count * k);
      const row = new Float32Array(d);
      for (let r = 0; r < count; r++) {
        const off = r * d;
        for (let j = 0; j < d; j++)
          row[j] = ((samples[off + j] as number) - (mean[j] as number)) * (invStd[j] as number);
        logits(w, row, 0, d, k, p);
        softmaxInPlace(p);
        out.set(p, r * k);
      }
      return out;
    },
  };
}

/** Copy the rows `rows` of `m` into a new matrix. */
export function subsetMatrix(m: Matrix, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * m.d);
  for (let a = 0; a < rows.length; a++) {
    const r = rows[a] as number;
    out.set(m.data.subarray(r * m.d, (r + 1) * m.d), a * m.d);
  }
  return out;
}

function logits(w: Float64Array, x: ArrayLike<number>, off: number, d: number, k: number, out: Float64Array): void {
  for (let c = 0; c < k; c++) {
    const wo = c * (d + 1);
    let s = w[wo + d] as number;
    for (let j = 0; j < d; j++) s += (w[wo + j] as number) * (x[off + j] as number);
    out[c] = s;
  }
}

/** Row softmax in place, stable for large logits. */
export function softmaxInPlace(p: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < p.length; c++) if ((p[c] as number) > max) max = p[c] as number;
  let sum = 0;
  for (let c = 0; c < p.length; c++) {
    const e = Math.exp((p[c] as number) - max);
    p[c] = e;
    sum += e;
  }
  for (let c = 0; c < p.length; c++) p[c] = (p[c] as number) / sum;
}
