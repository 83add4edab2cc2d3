/**
 * A surrogate's exact input gradient as a `GradientSource`: transfer attacks run FGSM/PGD on the
 * surrogate's gradient and evaluate on the victim, at no query cost for the gradient.
 */
import { afunction, aobject, aoneOf } from '@modelsec/core';
import type { GradientSource } from '../gradient/types';
import type { LossKind } from '../scores';
import type { Surrogate } from './mlp';

/**
 * The gradient of a (trained) surrogate, for transfer attacks.
 *
 * @example
 * ```ts
 * const { surrogate } = await extractModel(victim, { ... });
 * const result = await pgd(victim, data, { eps: 0.2, gradient: surrogateGradient(surrogate) });
 * ```
 */
export function surrogateGradient(surrogate: Surrogate, options: { loss?: LossKind } = {}): GradientSource {
  aobject(surrogate as unknown, 'surrogate');
  afunction(surrogate.inputGradient, 'surrogate.inputGradient');
  const loss = options.loss ?? 'cross-entropy';
  aoneOf(loss, 'options.loss', ['cross-entropy', 'margin'] as const);
  const layers = surrogate.hidden.length ? `mlp(${surrogate.hidden.join('-')})` : 'softmax-regression';
  return {
    name: `surrogate(${layers})`,
    loss,
    async gradient(inputs, labels, count) {
      return {
        gradient: surrogate.inputGradient(inputs, labels, count, loss),
        loss: new Float64Array(count).fill(Number.NaN),
        queries: 0,
      };
    },
  };
}
