/**
 * Confident learning (Northcutt, Jiang & Chuang, JAIR 2021; the algorithm of cleanlab's
 * `find_label_issues`): per-class thresholds (the mean self-confidence of each class), the confident
 * joint of given vs. likely-true labels, its calibration to the class counts, and the pruning rules
 * `prune_by_noise_rate` (default), `prune_by_class`, `both` and `confident_joint`. Probabilities must be
 * out-of-sample (`outOfFoldProbabilities`, or the caller's own held-out model).
 */
import { aobject, aoneOf, describeValue, ModelSecTypeError, ValidationError } from '@modelsec/core';
import { readLabels } from '../shared/data';

/** How label issues are chosen from the confident joint. */
export type LabelIssueFilter = 'prune_by_noise_rate' | 'prune_by_class' | 'both' | 'confident_joint';

/** Options of `findLabelIssues`. */
export interface FindLabelIssuesOptions {
  /** Number of classes (default: the probabilities' width). */
  classCount?: number;
  /** Pruning rule (default `prune_by_noise_rate`, as cleanlab). */
  filter?: LabelIssueFilter;
}

/** Label issues found by confident learning. */
export interface LabelIssues {
  /** Flagged rows, most likely mislabelled first (lowest self-confidence). */
  issues: number[];
  /** `1 − p(given label)` per row: the ranking score. */
  scores: Float64Array;
  /** The class each row most likely belongs to (argmax of its probabilities). */
  predicted: Int32Array;
  /** Per-class thresholds (mean self-confidence). */
  thresholds: number[];
  /** Confident joint `C[given][likely true]` (uncalibrated counts). */
  confidentJoint: number[][];
  /** Estimated joint distribution of given and true labels (calibrated, sums to 1). */
  joint: number[][];
}

/**
 * Find rows whose given label is likely wrong.
 *
 * @param labels - `n` class ids.
 * @param probabilities - `n × classCount` out-of-sample probabilities (row-major).
 * @throws ValidationError when the probabilities are not finite values in [0, 1] of the right size.
 * @example
 * ```ts
 * const probs = outOfFoldProbabilities(x, labels, { featureCount: 32 });
 * const { issues } = findLabelIssues(labels, probs); // row indices, worst first
 * ```
 */
export function findLabelIssues(
  labels: unknown,
  probabilities: unknown,
  options: FindLabelIssuesOptions = {},
): LabelIssues {
  aobject(options as unknown, 'options');
  const filter = options.filter ?? 'prune_by_noise_rate';
  aoneOf(filter, 'options.filter', ['prune_by_noise_rate', 'prune_by_class', 'both', 'confident_joint'] as const);
  if (!Array.isArray(probabilities) && !(ArrayBuffer.isView(probabilities) && !(probabilities instanceof DataView))) {
    throw new ModelSecTypeError(`"probabilities" expected a flat array, got ${describeValue(probabilities)}`);
  }
  const pr = probabilities as ArrayLike<unknown>;
  const n = (labels as ArrayLike<unknown> | null)?.length ?? 0;
  if (n === 0) throw new ValidationError('empty_input', '"labels" is empty');
  const k = options.classCount ?? pr.length / n;
  if (!Number.isInteger(k) || k < 2 || pr.length !== n * k) {
    throw new ValidationError('invalid_shape', `"probabilities" has ${pr.length} values for ${n} rows`);
  }
  const { y } = readLabels(labels, n, k);
  const p = new Float64Array(n * k);
  for (let i = 0; i < p.length; i++) {
    const v = pr[i];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
      throw new ValidationError('invalid_value', `"probabilities" entry ${i} is not a probability`);
    }
    p[i] = v;
  }
  return confidentLearning(y, p, k, filter);
}

/** The algorithm on checked inputs. */
export function confidentLearning(y: Int32Array, p: Float64Array, k: number, filter: LabelIssueFilter): LabelIssues {
  const n = y.length;
  const counts = new Float64Array(k);
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = y[i] as number;
    counts[c] = (counts[c] as number) + 1;
    sums[c] = (sums[c] as number) + (p[i * k + c] as number);
  }
  const thresholds = Array.from(sums, (s, c) => ((counts[c] as number) > 0 ? s / (counts[c] as number) : 1));
  const cj = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const likely = new Int32Array(n).fill(-1);
  const predicted = new Int32Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestP = -1;
    let arg = 0;
    for (let j = 0; j < k; j++) {
      const v = p[i * k + j] as number;
      if (v > (p[i * k + arg] as number)) arg = j;
      if (v >= (thresholds[j] as number) && v > bestP) {
        best = j;
        bestP = v;
      }
    }
    predicted[i] = arg;
    scores[i] = 1 - (p[i * k + (y[i] as number)] as number);
    if (best >= 0) {
      likely[i] = best;
      const row = cj[y[i] as number] as number[];
      row[best] = (row[best] as number) + 1;
    }
  }
  // Calibrate: each row of the confident joint sums to its class count; then normalize to a joint.
  const calibrated = cj.map((row, i) => {
    const s = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (s > 0 ? (v / s) * (counts[i] as number) : 0));
  });
  const total = calibrated.reduce((a, row) => a + row.reduce((b, v) => b + v, 0), 0) || 1;
  const joint = calibrated.map((row) => row.map((v) => v / total));

  let flagged: Uint8Array;
  if (filter === 'confident_joint') {
    flagged = new Uint8Array(n);
    for (let i = 0; i < n; i++) if ((likely[i] as number) >= 0 && likely[i] !== y[i]) flagged[i] = 1;
  } else {
    const byNoise = filter !== 'prune_by_class' ? pruneByNoiseRate(y, p, k, joint, n) : undefined;
    const byClass = filter !== 'prune_by_noise_rate' ? pruneByClass(y, p, k, joint, n) : undefined;
    flagged = byNoise ?? (byClass as Uint8Array);
    if (byNoise && byClass) for (let i = 0; i < n; i++) flagged[i] = byNoise[i] && byClass[i] ? 1 : 0;
  }
  // cleanlab never flags a row whose given label is also its argmax prediction.
  const issues: number[] = [];
  for (let i = 0; i < n; i++) if (flagged[i] && predicted[i] !== y[i]) issues.push(i);
  issues.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return { issues, scores, predicted, thresholds, confidentJoint: cj, joint };
}

/** For each (given i, true j ≠ i): flag the round(n·Q[i][j]) rows labelled i with the largest margin p_j − p_i. */
function pruneByNoiseRate(y: Int32Array, p: Float64Array, k: number, joint: number[][], n: number): Uint8Array {
  const flagged = new Uint8Array(n);
  const byClass: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) (byClass[y[i] as number] as number[]).push(i);
  for (let i = 0; i < k; i++) {
    const rows = byClass[i] as number[];
    let budget = rows.length - 1; // keep at least one row per class
    for (let j = 0; j < k; j++) {
      if (j === i) continue;
      const count = Math.min(budget, Math.round(n * ((joint[i] as number[])[j] as number)));
      if (count <= 0) continue;
      budget -= count;
      const ranked = rows
        .map((r) => ({ r, margin: (p[r * k + j] as number) - (p[r * k + i] as number) }))
        .sort((a, b) => b.margin - a.margin || a.r - b.r);
      for (let a = 0; a < count && a < ranked.length; a++) flagged[(ranked[a] as { r: number }).r] = 1;
    }
  }
  return flagged;
}

/** For each class i: flag the round(n·Σ_{j≠i} Q[i][j]) rows labelled i with the lowest self-confidence. */
function pruneByClass(y: Int32Array, p: Float64Array, k: number, joint: number[][], n: number): Uint8Array {
  const flagged = new Uint8Array(n);
  const byClass: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) (byClass[y[i] as number] as number[]).push(i);
  for (let i = 0; i < k; i++) {
    const rows = byClass[i] as number[];
    const off = (joint[i] as number[]).reduce((a, v, j) => a + (j === i ? 0 : v), 0);
    const count = Math.min(rows.length - 1, Math.round(n * off));
    const ranked = rows.slice().sort((a, b) => (p[a * k + i] as number) - (p[b * k + i] as number) || a - b);
    for (let a = 0; a < count; a++) flagged[ranked[a] as number] = 1;
  }
  return flagged;
}
