/**
 * Out-of-fold predicted probabilities: stratified k-fold cross-validation of the softmax regression,
 * so every row's probabilities come from a model that never saw that row (what confident learning
 * needs: in-sample probabilities simply memorise the noisy labels).
 */
import { ainteger, aobject, createRng } from '@modelsec/core';
import { type Matrix, readLabels, readMatrix, rowsByClass } from '../shared/data';
import { fitSoftmax, type SoftmaxRegressionOptions, subsetMatrix } from './softmax';

/** Options of `outOfFoldProbabilities`. */
export interface OutOfFoldOptions extends SoftmaxRegressionOptions {
  /** Number of folds (default 5, at least 2). */
  folds?: number;
}

/**
 * Out-of-fold class probabilities from a softmax regression fitted by stratified k-fold.
 *
 * @param samples - `n × d` rows.
 * @param labels - `n` class ids.
 * @returns `n × classCount` probabilities, row-major.
 * @throws ValidationError for malformed samples or labels.
 * @example
 * ```ts
 * const probs = outOfFoldProbabilities(features, labels, { featureCount: 64, folds: 5 });
 * const { issues } = findLabelIssues(labels, probs, { classCount: 10 });
 * ```
 */
export function outOfFoldProbabilities(
  samples: unknown,
  labels: unknown,
  options: OutOfFoldOptions = {},
): Float64Array {
  aobject(options as unknown, 'options');
  const m = readMatrix(samples, 'samples', { featureCount: options.featureCount });
  const { y, classCount } = readLabels(labels, m.n, options.classCount);
  return oofSoftmax(m, y, classCount, options);
}

/** The same on checked data. */
export function oofSoftmax(m: Matrix, y: Int32Array, classCount: number, options: OutOfFoldOptions): Float64Array {
  const folds = options.folds ?? 5;
  ainteger(folds, 'options.folds', { min: 2, max: Math.max(2, m.n) });
  const fold = stratifiedFolds(y, classCount, folds, options.seed ?? 0);
  const out = new Float64Array(m.n * classCount);
  for (let f = 0; f < folds; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < m.n; i++) (fold[i] === f ? test : train).push(i);
    if (test.length === 0 || train.length === 0) continue;
    const model = fitSoftmax(m, y, classCount, Int32Array.from(train), { ...options, seed: (options.seed ?? 0) + f });
    const probs = model.predictProba(subsetMatrix(m, test), test.length);
    test.forEach((r, a) => {
      out.set(probs.subarray(a * classCount, (a + 1) * classCount), r * classCount);
    });
  }
  return out;
}

/** Fold of each row: rows of each class are shuffled and dealt round-robin. */
export function stratifiedFolds(y: Int32Array, classCount: number, folds: number, seed: number): Int32Array {
  const rng = createRng(seed >>> 0);
  const fold = new Int32Array(y.length);
  let next = 0;
  for (const rows of rowsByClass(y, classCount)) {
    rng.shuffle(rows);
    for (let a = 0; a < rows.length; a++) fold[rows[a] as number] = (next + a) % folds;
    next = (next + rows.length) % folds;
  }
  return fold;
}
