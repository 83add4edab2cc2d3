/**
 * Accuracy-vs-ε curves: run FGSM or PGD at several perturbation bounds on the same data. FGSM takes the
 * gradient once and reuses it for every ε (so a finite-difference curve costs one gradient per sample).
 */
import { anumber, aoneOf, type Classifier, ModelSecRangeError } from '@modelsec/core';
import { checkData, type LabeledData } from '../data';
import { fgsmFromGradient, gradientOnce } from './fgsm';
import { checkEvasionOptions, checkGradientOptions } from './options';
import { type PgdOptions, pgd } from './pgd';
import type { EvasionResult, Norm } from './result';

/** Options of `accuracyCurve`: PGD's options without `eps`, plus the list of ε. */
export interface CurveOptions extends Omit<PgdOptions, 'eps'> {
  /** `fgsm` or `pgd`. */
  attack: 'fgsm' | 'pgd';
  /** Perturbation bounds, e.g. `[0, 0.05, 0.1, 0.2, 0.3]`. */
  epsilons: readonly number[];
}

/** One point of an accuracy-vs-ε curve. */
export interface CurvePoint {
  /** The perturbation bound. */
  eps: number;
  /** Accuracy on the adversarial inputs. */
  robustAccuracy: number;
  /** Attack success rate (see `EvasionResult.successRate`). */
  successRate: number;
  /** Median norm of successful perturbations. */
  medianNorm: number;
  /** Queries this point used on its own (FGSM: the adversarial predictions; see `sharedQueries`). */
  queries: number;
}

/** An accuracy-vs-ε curve. */
export interface AccuracyCurve {
  /** `fgsm` or `pgd`. */
  attack: 'fgsm' | 'pgd';
  /** Norm of ε. */
  norm: Norm;
  /** Name of the gradient source. */
  gradient: string;
  /** Number of samples. */
  count: number;
  /** Clean accuracy. */
  cleanAccuracy: number;
  /** One point per ε, in the given order. */
  points: CurvePoint[];
  /** Queries shared by every point (FGSM: clean predictions + the one gradient; PGD: 0). */
  sharedQueries: number;
  /** Total queries. */
  queries: number;
}

/**
 * Accuracy of `model` under FGSM or PGD at each ε.
 *
 * @example
 * ```ts
 * const curve = await accuracyCurve(model, data, { attack: 'fgsm', epsilons: [0, 0.1, 0.2, 0.3] });
 * curve.points.map((p) => p.robustAccuracy);
 * ```
 */
export async function accuracyCurve(
  model: Classifier,
  data: LabeledData,
  options: CurveOptions,
): Promise<AccuracyCurve> {
  aoneOf(options?.attack, 'options.attack', ['fgsm', 'pgd'] as const);
  const epsilons = [...(options.epsilons ?? [])];
  if (epsilons.length === 0) throw new ModelSecRangeError('"options.epsilons" is empty');
  epsilons.forEach((e, i) => {
    anumber(e, `options.epsilons[${i}]`, { min: 0 });
  });
  const checked = checkData(model, data);
  const { bounds, targets } = checkEvasionOptions(model, checked, options);
  const { norm, gradient } = checkGradientOptions(model, { ...options, eps: 0 });
  const results: EvasionResult[] = [];
  let queries = 0;
  let sharedQueries = 0;
  if (options.attack === 'fgsm') {
    const grads = await gradientOnce(model, checked.inputs, targets ?? checked.labels, checked.count, gradient);
    sharedQueries = grads.queries;
    queries += grads.queries;
    for (const eps of epsilons) {
      const r = await fgsmFromGradient(model, { ...checked, grads, targets, bounds, eps, norm });
      queries += checked.count;
      results.push(r);
    }
  } else {
    for (const eps of epsilons) {
      const r = await pgd(model, data, { ...options, eps, gradient });
      queries += r.queries;
      results.push(r);
    }
  }
  return {
    attack: options.attack,
    norm,
    gradient: gradient.name,
    count: checked.count,
    cleanAccuracy: results[0]?.cleanAccuracy ?? 0,
    points: results.map((r, i) => ({
      eps: epsilons[i] as number,
      robustAccuracy: r.robustAccuracy,
      successRate: r.successRate,
      medianNorm: r.medianNorm,
      queries: r.queries - sharedQueries,
    })),
    sharedQueries,
    queries,
  };
}
