/**
 * Per-sample losses and probabilities from a classifier's scores (logits or probabilities), in float64.
 * These are what gradients differentiate and what score-based attacks and membership inference read.
 */
import type { ScoreKind } from '@modelsec/core';

/** The loss an attack increases: cross-entropy of the label, or the Carlini-Wagner margin. */
export type LossKind = 'cross-entropy' | 'margin';

const TINY = 1e-12;

/**
 * Log-probabilities of one row of `k` scores.
 *
 * @example
 * ```ts
 * logProbabilities(new Float32Array([0, 0]), 0, 2, 'logits'); // [-0.693, -0.693]
 * ```
 */
export function logProbabilities(scores: ArrayLike<number>, row: number, k: number, kind: ScoreKind): Float64Array {
  const out = new Float64Array(k);
  const o = row * k;
  if (kind === 'probabilities') {
    for (let j = 0; j < k; j++) out[j] = Math.log(Math.max(scores[o + j] as number, TINY));
    return out;
  }
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < k; j++) max = Math.max(max, scores[o + j] as number);
  let sum = 0;
  for (let j = 0; j < k; j++) sum += Math.exp((scores[o + j] as number) - max);
  const lse = max + Math.log(sum);
  for (let j = 0; j < k; j++) out[j] = (scores[o + j] as number) - lse;
  return out;
}

/**
 * The loss of row `row` for class `label`: cross-entropy `-log p(label)`, or the margin
 * `max_{j≠label} s_j − s_label` over logits (log-probabilities when the model returns probabilities).
 * Both grow as the sample moves away from `label`.
 *
 * @example
 * ```ts
 * rowLoss(logits, 0, 10, 'logits', 7, 'margin'); // < 0 while class 7 wins
 * ```
 */
export function rowLoss(
  scores: ArrayLike<number>,
  row: number,
  k: number,
  kind: ScoreKind,
  label: number,
  loss: LossKind,
): number {
  if (loss === 'cross-entropy') return -(logProbabilities(scores, row, k, kind)[label] as number);
  const o = row * k;
  const value = (j: number): number =>
    kind === 'logits' ? (scores[o + j] as number) : Math.log(Math.max(scores[o + j] as number, TINY));
  let other = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < k; j++) if (j !== label) other = Math.max(other, value(j));
  return other - value(label);
}

/**
 * Row-wise probabilities (softmax of logits, or the scores themselves) as float64.
 *
 * @example
 * ```ts
 * const p = toProbabilities(logits, 10, 'logits');
 * ```
 */
export function toProbabilities(scores: ArrayLike<number>, k: number, kind: ScoreKind): Float64Array {
  const rows = Math.floor(scores.length / k);
  const out = new Float64Array(rows * k);
  for (let r = 0; r < rows; r++) {
    if (kind === 'probabilities') {
      for (let j = 0; j < k; j++) out[r * k + j] = scores[r * k + j] as number;
    } else {
      const lp = logProbabilities(scores, r, k, kind);
      for (let j = 0; j < k; j++) out[r * k + j] = Math.exp(lp[j] as number);
    }
  }
  return out;
}
