/**
 * The gradient contract of the white-box-style attacks (FGSM, PGD): a `GradientSource` returns the
 * gradient of a per-sample loss with respect to the input. Sources: finite differences over the model's
 * public `predict` (black box, costs queries), NES random-direction estimates (black box, fewer queries),
 * a trained surrogate's analytic gradient (transfer), or a function the app supplies (white box).
 */
import { afunction, aobject, aoneOf, astring, ValidationError } from '@modelsec/core';
import type { LossKind } from '../scores';

/** What one gradient call returns. */
export interface GradientResult {
  /** `count × sampleSize` values: ∂loss/∂input for each sample. */
  gradient: Float32Array;
  /** The loss at each input (NaN when the source does not know it). */
  loss: Float64Array;
  /** Model queries (samples predicted) this call used; 0 for app-supplied gradients. */
  queries: number;
}

/** Something that computes input gradients of a per-sample loss. */
export interface GradientSource {
  /** A short name for reports, e.g. `finite-differences(central, h=0.001)`. */
  readonly name: string;
  /** Which loss the gradient is of. Targeted attacks descend it with the target as label. */
  readonly loss: LossKind;
  /**
   * Gradient of `loss(model(x_i), labels[i])` with respect to each `x_i`.
   *
   * @param inputs - `count × sampleSize` values
   * @param labels - one class per sample (the true label, or the target for targeted attacks)
   * @param count - number of samples
   */
  gradient(inputs: Float32Array, labels: Int32Array, count: number): Promise<GradientResult>;
}

/** The function an app supplies to `gradientFromFunction`. */
export type GradientFunction = (
  inputs: Float32Array,
  labels: Int32Array,
  count: number,
) => Promise<Float32Array> | Float32Array;

/**
 * Wrap an app-supplied gradient (for example from the training framework, or a hand-derived gradient
 * of a simple model) as a `GradientSource`. It costs no model queries.
 *
 * @param fn - returns `count × sampleSize` gradient values of the chosen loss
 * @param options - `loss` the function differentiates (default cross-entropy), `name` for reports
 * @throws ValidationError `invalid_shape` from `gradient()` when `fn` returns the wrong length.
 * @example
 * ```ts
 * const grad = gradientFromFunction((x, y, n) => myFramework.inputGradient(x, y, n));
 * const result = await fgsm(model, data, { eps: 0.1, gradient: grad });
 * ```
 */
export function gradientFromFunction(
  fn: GradientFunction,
  options: { loss?: LossKind; name?: string } = {},
): GradientSource {
  afunction(fn, 'fn');
  aobject(options as unknown, 'options');
  const loss = options.loss ?? 'cross-entropy';
  aoneOf(loss, 'options.loss', ['cross-entropy', 'margin'] as const);
  const name = options.name ?? 'app-supplied';
  astring(name, 'options.name');
  return {
    name,
    loss,
    async gradient(inputs, labels, count) {
      const gradient = await fn(inputs, labels, count);
      if (!(gradient instanceof Float32Array) || gradient.length !== inputs.length) {
        throw new ValidationError('invalid_shape', `gradient function returned the wrong shape for ${count} samples`);
      }
      return { gradient, loss: new Float64Array(count).fill(Number.NaN), queries: 0 };
    },
  };
}
