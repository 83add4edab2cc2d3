/**
 * FGSM (Goodfellow et al. 2015): one step of size ε along the sign of the loss gradient (L∞) or along
 * the normalised gradient (L2), clipped to the valid input range.
 */
import type { Classifier } from '@modelsec/core';
import { checkData, type LabeledData } from '../data';
import { checkEvasionOptions, checkGradientOptions, type GradientAttackOptions, spread } from './options';
import { projectInPlace, stepInPlace } from './project';
import { classify, type EvasionResult, finish } from './result';

/**
 * Fast Gradient Sign Method. Untargeted, it increases the loss of the true label; with `targets` it
 * decreases the loss of the target. Queries: `count` clean predictions + the gradient's queries +
 * `count` adversarial predictions.
 *
 * @param model - the classifier under test (wrap it in `withQueryBudget` to cap and count queries)
 * @param data - samples and true labels
 * @param options - `eps` (required), `norm`, `gradient`, `bounds`, `targets`
 * @throws ValidationError for malformed data; AccessError `budget_exhausted` from a budgeted model.
 * @example
 * ```ts
 * const result = await fgsm(model, { inputs, labels }, { eps: 0.1 });
 * console.log(result.robustAccuracy, result.queries);
 * ```
 */
export async function fgsm(
  model: Classifier,
  data: LabeledData,
  options: GradientAttackOptions,
): Promise<EvasionResult> {
  const checked = checkData(model, data);
  const { bounds, targets } = checkEvasionOptions(model, checked, options);
  const { eps, norm, gradient } = checkGradientOptions(model, options);
  const grads = await gradientOnce(model, checked.inputs, targets ?? checked.labels, checked.count, gradient);
  return fgsmFromGradient(model, { ...checked, grads, targets, bounds, eps, norm });
}

/** Clean predictions and the gradient at the clean inputs (shared by FGSM sweeps). */
export interface CleanGradient {
  /** Clean predictions. */
  cleanPredictions: Int32Array;
  /** The loss gradient at the clean inputs. */
  gradient: Float32Array;
  /** Queries used for both. */
  queries: number;
}

/** Predict the clean inputs and take one gradient. */
export async function gradientOnce(
  model: Classifier,
  inputs: Float32Array,
  labels: Int32Array,
  count: number,
  source: GradientAttackOptions['gradient'] & object,
): Promise<CleanGradient> {
  const cleanPredictions = await classify(model, inputs, count);
  const g = await source.gradient(inputs, labels, count);
  return { cleanPredictions, gradient: g.gradient, queries: count + g.queries };
}

/** FGSM from a precomputed clean gradient (one gradient serves every ε of a sweep). */
export async function fgsmFromGradient(
  model: Classifier,
  o: {
    count: number;
    inputs: Float32Array;
    labels: Int32Array;
    grads: CleanGradient;
    targets: Int32Array | undefined;
    bounds: readonly [number, number];
    eps: number;
    norm: 'linf' | 'l2';
  },
): Promise<EvasionResult> {
  const d = model.sampleSize;
  const adversarial = o.inputs.slice();
  stepInPlace(adversarial, o.grads.gradient, o.targets ? -o.eps : o.eps, o.norm, d);
  projectInPlace(adversarial, o.inputs, o.eps, o.norm, o.bounds, d);
  const predictions = await classify(model, adversarial, o.count);
  const queries = o.grads.queries + o.count;
  const queriesPerSample = new Float64Array(o.count);
  spread(queriesPerSample, queries);
  return finish({
    attack: 'fgsm',
    norm: o.norm,
    eps: o.eps,
    data: { count: o.count, inputs: o.inputs, labels: o.labels },
    targets: o.targets,
    adversarial,
    cleanPredictions: o.grads.cleanPredictions,
    predictions,
    queries,
    queriesPerSample,
    sampleSize: d,
  });
}
