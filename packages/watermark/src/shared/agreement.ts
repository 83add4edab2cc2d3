/**
 * The decision shared by trigger-set and API watermarks: query a suspect model on the keyed inputs,
 * count how often it answers the owner's keyed labels, and test that count against the agreement an
 * independent model would reach by chance (binomial upper tail).
 */
import {
  afunction,
  anumber,
  argmax,
  binomialSf,
  type Classifier,
  describeValue,
  ModelSecTypeError,
  ValidationError,
} from '@modelsec/core';

/**
 * A suspect model: a `Classifier` (its argmax is the answer) or a function returning one label per
 * sample for `count` samples laid out in `inputs`.
 */
export type SuspectModel =
  | Classifier
  | ((inputs: Float32Array, count: number) => Promise<ArrayLike<number>> | ArrayLike<number>);

/** The outcome of an agreement test. */
export interface AgreementResult {
  /** Samples where the suspect answered the watermark label. */
  matches: number;
  /** Samples tested. */
  total: number;
  /** matches / total (0 when total is 0). */
  rate: number;
  /** Agreement probability of an independent model under the null hypothesis. */
  chance: number;
  /** P(at least `matches` of `total` by chance), binomial. */
  pValue: number;
  /** `pValue < alpha`. */
  detected: boolean;
}

/** Options of an agreement test. */
export interface AgreementOptions {
  /** Significance level of the decision (default 1e-4). */
  alpha?: number;
  /** Chance agreement of an independent model (default 1 / number of classes). */
  chance?: number;
}

/** Labels of `count` samples from a suspect model. */
export async function suspectLabels(
  suspect: SuspectModel,
  inputs: Float32Array,
  count: number,
  numClasses: number,
): Promise<Int32Array> {
  if (typeof suspect === 'function') {
    const out = await suspect(inputs, count);
    if (!Array.isArray(out) && !(ArrayBuffer.isView(out) && !(out instanceof DataView))) {
      throw new ValidationError(
        'invalid_value',
        `the suspect returned ${describeValue(out)}, expected one label per sample`,
      );
    }
    if (out.length !== count) {
      throw new ValidationError('invalid_shape', `the suspect returned ${out.length} labels for ${count} samples`);
    }
    const labels = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const v = out[i] as number;
      labels[i] = Number.isInteger(v) && v >= 0 && v < numClasses ? v : -1;
    }
    return labels;
  }
  if (typeof suspect !== 'object' || suspect === null) {
    throw new ModelSecTypeError(`"suspect" expected Classifier or function, got ${describeValue(suspect)}`);
  }
  afunction(suspect.predict, 'suspect.predict');
  if (suspect.sampleSize * count !== inputs.length) {
    throw new ValidationError('invalid_shape', `the suspect takes ${suspect.sampleSize} values per sample`);
  }
  const scores = await suspect.predict(inputs, count);
  if (!(scores instanceof Float32Array) || scores.length !== count * suspect.numClasses) {
    throw new ValidationError('invalid_shape', 'the suspect returned scores of the wrong size');
  }
  return argmax(scores, suspect.numClasses);
}

/** Binomial test of `matches` out of `total` against `chance`. */
export function agreementTest(
  matches: number,
  total: number,
  numClasses: number,
  options: AgreementOptions,
): AgreementResult {
  const alpha = options.alpha ?? 1e-4;
  anumber(alpha, 'options.alpha', { min: 0, max: 1 });
  const chance = options.chance ?? 1 / numClasses;
  anumber(chance, 'options.chance', { min: 0, max: 1 });
  const pValue = total === 0 ? 1 : binomialSf(matches, total, chance);
  return { matches, total, rate: total === 0 ? 0 : matches / total, chance, pValue, detected: pValue < alpha };
}
