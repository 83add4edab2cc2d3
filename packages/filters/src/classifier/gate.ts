/**
 * Classifier rules that keep or drop information without perturbing values: `confidenceThreshold`
 * (abstain below a confidence), `topK` (only the k largest scores), `labelOnly` (the predicted class
 * only). All keep the predicted class (argmax, first index on ties).
 */
import { aboolean, ainteger, anumber, aobject, aoneOf, type Finding, type Rule, type Severity } from '@modelsec/core';
import { type ClassifierOutput, modifiedFinding, predictedClass, readScores, rowArgmax, zeros } from './scores';

/** Options of `confidenceThreshold`. */
export interface ConfidenceThresholdOptions {
  /**
   * What to do with the low-confidence rows of a batch (several rows): `zero` (default) replaces each
   * with zeros, an explicit "no prediction" for that row; `block` rejects the whole batch. A single row
   * below the threshold always blocks, so `filterOutput` answers with its safe response.
   */
  batch?: 'zero' | 'block';
  /** Severity of the finding (default `low`: abstaining is the rule working as intended). */
  severity?: Severity;
}

/**
 * Abstain when the model is not confident: block (code `low_confidence`) when the top probability is
 * below `threshold`. With one binary column (`numClasses` 1) the confidence is `max(p, 1 - p)`.
 *
 * @param threshold - lowest top probability answered, in [0, 1].
 * @example
 * ```ts
 * const r = await filterOutput(probs, [confidenceThreshold(0.6)], { safeResponse: 'Unable to provide prediction' });
 * ```
 */
export function confidenceThreshold(
  threshold: number,
  options: ConfidenceThresholdOptions = {},
): Rule<ClassifierOutput> {
  anumber(threshold, 'threshold', { min: 0, max: 1 });
  aobject(options as unknown, 'options');
  const mode = options.batch ?? 'zero';
  aoneOf(mode, 'options.batch', ['zero', 'block'] as const);
  const severity = options.severity ?? 'low';
  const name = 'confidenceThreshold';
  return {
    specificationVersion: 'v1',
    name,
    check(value) {
      const s = readScores(value, name);
      const { data, rows, k } = s;
      const low: number[] = [];
      let lowest = 1;
      for (let r = 0; r < rows; r++) {
        const top = k === 1 ? Math.max(data[r] as number, 1 - (data[r] as number)) : rowMax(data, r, k);
        if (top < threshold) {
          low.push(r);
          lowest = Math.min(lowest, top);
        }
      }
      if (low.length === 0) return undefined;
      const block = rows === 1 || mode === 'block';
      const finding: Finding = {
        rule: name,
        severity,
        message: `confidence below ${threshold} in ${low.length} of ${rows} rows`,
        code: 'low_confidence',
        action: block ? 'block' : 'modify',
        score: lowest,
        details: { threshold, rows: low.length, of: rows },
      };
      if (block) return { findings: [finding] };
      for (const r of low) data.fill(0, r * k, (r + 1) * k);
      return { findings: [finding], value: s.wrap(data) };
    },
  };
}

/** Options of `topK`. */
export interface TopKOptions {
  /** Divide the kept scores by their sum so the row sums to 1 again (default false, like ART's postprocessors). */
  renormalize?: boolean;
}

/**
 * Keep the `k` largest scores of each row and set the others to 0 (ties: the lower class index is
 * kept first, as a stable sort). The argmax is kept. Rows of a single binary column are unchanged.
 *
 * @example
 * ```ts
 * runRulesSync([0.1, 0.6, 0.3], [topK(1)], { phase: 'output' }).value; // [0, 0.6, 0]
 * ```
 */
export function topK(k: number, options: TopKOptions = {}): Rule<ClassifierOutput> {
  ainteger(k, 'k', { min: 1 });
  aobject(options as unknown, 'options');
  const renormalize = options.renormalize ?? false;
  aboolean(renormalize, 'options.renormalize');
  const name = 'topK';
  const finding = modifiedFinding(name, `kept the top ${k} scores`);
  return {
    specificationVersion: 'v1',
    name,
    check(value) {
      const s = readScores(value, name);
      const { data, rows, k: n } = s;
      if (k >= n) return undefined;
      const out = zeros(data.length);
      const picked = new Uint8Array(n);
      for (let r = 0; r < rows; r++) {
        const o = r * n;
        picked.fill(0);
        let sum = 0;
        for (let t = 0; t < k; t++) {
          // The largest value not picked yet, first index on ties (a stable descending sort).
          let best = -1;
          for (let j = 0; j < n; j++) {
            if (picked[j] === 0 && (best < 0 || (data[o + j] as number) > (data[o + best] as number))) best = j;
          }
          picked[best] = 1;
          out[o + best] = data[o + best] as number;
          sum += data[o + best] as number;
        }
        if (renormalize && sum > 0) for (let j = 0; j < n; j++) out[o + j] = (out[o + j] as number) / sum;
      }
      return {
        value: s.wrap(out),
        findings: [finding],
      };
    },
  };
}

/** Options of `labelOnly`. */
export interface LabelOnlyOptions {
  /** `onehot` (default): 1 at the predicted class, 0 elsewhere, same shape; `label`: the class index itself. */
  output?: 'onehot' | 'label';
}

/**
 * Answer with the predicted class only (ART's `ClassLabels`): a one-hot row per input row, or the
 * class index. Unlike ART 1.x, each row of a batch gets its own label (ART sets every row's winning
 * column in every row). With one binary column the label is `p > 0.5`.
 *
 * @example
 * ```ts
 * runRulesSync([0.2, 0.7, 0.1], [labelOnly()], { phase: 'output' }).value; // [0, 1, 0]
 * runRulesSync([0.2, 0.7, 0.1], [labelOnly({ output: 'label' })], { phase: 'output' }).value; // 1
 * ```
 */
export function labelOnly(options: LabelOnlyOptions = {}): Rule<ClassifierOutput, ClassifierOutput | number> {
  aobject(options as unknown, 'options');
  const output = options.output ?? 'onehot';
  aoneOf(output, 'options.output', ['onehot', 'label'] as const);
  const name = 'labelOnly';
  const finding = modifiedFinding(name, 'answered with the label only');
  return {
    specificationVersion: 'v1',
    name,
    check(value) {
      const s = readScores(value, name);
      const { data, rows, k } = s;
      if (output === 'label') {
        const labels = new Int32Array(rows);
        for (let r = 0; r < rows; r++) labels[r] = predictedClass(data, r, k);
        return { value: s.labels(labels) as ClassifierOutput | number, findings: [finding] };
      }
      const out = zeros(data.length);
      for (let r = 0; r < rows; r++) {
        if (k === 1) out[r] = (data[r] as number) > 0.5 ? 1 : 0;
        else out[r * k + rowArgmax(data, r, k)] = 1;
      }
      return { value: s.wrap(out), findings: [finding] };
    },
  };
}

function rowMax(data: ArrayLike<number>, r: number, k: number): number {
  let m = data[r * k] as number;
  for (let j = 1; j < k; j++) m = Math.max(m, data[r * k + j] as number);
  return m;
}
