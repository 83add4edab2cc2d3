/**
 * Options shared by the evasion attacks and their checks.
 */
import { afunction, anumber, aobject, aoneOf, type Classifier, ValidationError } from '@modelsec/core';
import { type CheckedData, checkBounds, type InputBounds } from '../data';
import { finiteDifferences } from '../gradient/finite-differences';
import type { GradientSource } from '../gradient/types';
import type { Norm } from './result';

/** Options every evasion attack accepts. */
export interface EvasionOptions {
  /** Valid range of every input value (default `[0, 1]`). Adversarial inputs are clipped to it. */
  bounds?: InputBounds;
  /** Target classes, one per sample, for a targeted attack (default: untargeted). */
  targets?: ArrayLike<number>;
}

/** Options of the gradient attacks (FGSM, PGD). */
export interface GradientAttackOptions extends EvasionOptions {
  /** Perturbation bound in `norm`. */
  eps: number;
  /** `linf` (default) or `l2`. */
  norm?: Norm;
  /** Where gradients come from (default `finiteDifferences(model)`, which costs queries). */
  gradient?: GradientSource;
}

/** Checked common options. */
export interface CheckedOptions {
  bounds: InputBounds;
  targets: Int32Array | undefined;
}

/** Check the common options. */
export function checkEvasionOptions(model: Classifier, data: CheckedData, options: EvasionOptions): CheckedOptions {
  aobject(options as unknown, 'options');
  const bounds = checkBounds(options.bounds);
  let targets: Int32Array | undefined;
  if (options.targets !== undefined) {
    const t = options.targets;
    if (t.length !== data.count) {
      throw new ValidationError('invalid_shape', `"options.targets" has ${t.length} entries, expected ${data.count}`);
    }
    targets = new Int32Array(data.count);
    for (let i = 0; i < data.count; i++) {
      const v = t[i];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= model.numClasses) {
        throw new ValidationError('out_of_range', `"options.targets[${i}]" is not a class index`);
      }
      targets[i] = v;
    }
  }
  return { bounds, targets };
}

/** Check the gradient-attack options and resolve the gradient source. */
export function checkGradientOptions(
  model: Classifier,
  options: GradientAttackOptions,
): { eps: number; norm: Norm; gradient: GradientSource } {
  aobject(options as unknown, 'options');
  anumber(options.eps, 'options.eps', { min: 0 });
  const norm = options.norm ?? 'linf';
  aoneOf(norm, 'options.norm', ['linf', 'l2'] as const);
  const gradient = options.gradient ?? finiteDifferences(model);
  aobject(gradient as unknown, 'options.gradient');
  afunction(gradient.gradient, 'options.gradient.gradient');
  return { eps: options.eps, norm, gradient };
}

/** Split `total` queries evenly over `count` samples into `perSample`. */
export function spread(perSample: Float64Array, total: number, indices?: ArrayLike<number>): void {
  const n = indices ? indices.length : perSample.length;
  if (n === 0) return;
  for (let i = 0; i < n; i++) {
    const s = indices ? (indices[i] as number) : i;
    perSample[s] = (perSample[s] as number) + total / n;
  }
}
