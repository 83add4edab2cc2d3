/**
 * Output sanity rules for classifiers: `validateProbabilities` (finite, in [0, 1], rows summing to 1,
 * expected number of classes) and `fromLogits` (softmax, so probability rules can follow a logit model).
 */
import { ainteger, anumber, aobject, type Rule, softmax, ValidationError } from '@modelsec/core';
import { npSum } from './numpy';
import { type ClassifierOutput, readScores } from './scores';

/** Options of `validateProbabilities`. */
export interface ValidateProbabilitiesOptions {
  /** Expected scores per row (rejects another shape). */
  numClasses?: number;
  /** Relative tolerance of the row sum around 1 (default 1e-3, as ART's `is_probability`). */
  tolerance?: number;
}

/**
 * Block outputs that are not probability rows: a non-finite value (`non_finite`), a value outside
 * [0, 1] (`out_of_range`), a row sum off 1 by more than the tolerance (`invalid_value`; not checked
 * for one binary column), or the wrong number of classes (`invalid_shape`). Passes the value unchanged.
 *
 * @example
 * ```ts
 * const rules = [validateProbabilities({ numClasses: 10 }), reverseSigmoid()];
 * ```
 */
export function validateProbabilities(options: ValidateProbabilitiesOptions = {}): Rule<ClassifierOutput> {
  aobject(options as unknown, 'options');
  const tolerance = options.tolerance ?? 1e-3;
  anumber(tolerance, 'options.tolerance', { min: 0, max: 1 });
  if (options.numClasses !== undefined) ainteger(options.numClasses, 'options.numClasses', { min: 1 });
  const name = 'validateProbabilities';
  return {
    specificationVersion: 'v1',
    name,
    check(value) {
      const { data, rows, k } = readScores(value, name);
      if (options.numClasses !== undefined && k !== options.numClasses) {
        throw new ValidationError('invalid_shape', `expected ${options.numClasses} classes per row, got ${k}`);
      }
      for (let i = 0; i < data.length; i++) {
        const p = data[i] as number;
        if (p < 0 || p > 1) throw new ValidationError('out_of_range', 'a probability is outside [0, 1]');
      }
      if (k > 1) {
        for (let r = 0; r < rows; r++) {
          const sum = npSum(data, r * k, k);
          if (!(Math.abs(sum - 1) <= tolerance)) {
            throw new ValidationError('invalid_value', `row ${r} sums to ${sum.toPrecision(6)}, not 1`);
          }
        }
      }
      return undefined;
    },
  };
}

/**
 * Turn logits into probabilities (row-wise softmax, core's `softmax`; the logistic sigmoid for one
 * binary column) so probability rules can
 * follow a model that returns logits, such as most ONNX exports.
 *
 * @example
 * ```ts
 * const rules = [fromLogits(), confidenceThreshold(0.6), topK(3)];
 * ```
 */
export function fromLogits(): Rule<ClassifierOutput> {
  const name = 'fromLogits';
  return {
    specificationVersion: 'v1',
    name,
    check(value) {
      const s = readScores(value, name);
      if (s.k === 1) return { value: s.wrap(s.data.map((x) => 1 / (1 + Math.exp(-x)))) };
      const p = softmax(s.data, s.k); // the plain array directly: a float64 copy would live off-heap (µs)
      const out: number[] = [];
      for (let i = 0; i < p.length; i++) out.push(p[i] as number);
      return { value: s.wrap(out) };
    },
  };
}
