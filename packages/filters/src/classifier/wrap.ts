/**
 * `filterClassifier`: put output rules in front of a core `Classifier`, so everything that queries it
 * (an API handler, a red-team attack, an extraction experiment) only ever sees filtered scores.
 */
import {
  type AnyRule,
  afunction,
  aobject,
  type Classifier,
  classifierFromFunction,
  runRulesSync,
  ValidationError,
  verdictError,
} from '@modelsec/core';
import { fromLogits } from './validate';

/**
 * Wrap `model` so `predict` returns its scores after `rules` (synchronous classifier rules). A logit
 * model gets `fromLogits()` first, so the wrapper always returns probabilities. A blocking rule makes
 * `predict` throw that rule's error (a classifier cannot answer with a text safe response); use
 * `confidenceThreshold` with `batch: 'zero'` (its default) to abstain row by row instead.
 *
 * @example
 * ```ts
 * const served = filterClassifier(mnist, [topK(3), roundProbabilities(2)]);
 * const scores = await served.predict(pixels, 1);
 * ```
 */
export function filterClassifier(model: Classifier, rules: readonly AnyRule[]): Classifier {
  aobject(model as unknown, 'model');
  afunction(model.predict, 'model.predict');
  const all = model.scores === 'logits' ? [fromLogits(), ...rules] : [...rules];
  const k = model.numClasses;
  return classifierFromFunction(
    async (batch, count) => {
      const raw = await model.predict(batch, count);
      const verdict = runRulesSync<{ probabilities: Float32Array }>({ probabilities: raw, numClasses: k }, all, {
        phase: 'output',
      });
      if (!verdict.ok) throw verdictError(verdict);
      const out = verdict.value?.probabilities;
      if (!(out instanceof Float32Array) || out.length !== count * k) {
        throw new ValidationError('invalid_shape', 'the output rules changed the shape of the scores');
      }
      return out;
    },
    { sampleShape: model.sampleShape, numClasses: k, scores: 'probabilities', maxBatch: model.maxBatch },
  );
}
