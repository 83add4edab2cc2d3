/**
 * Norm bounds: the L0, L1, L2 or L∞ norm of each sample (or of its difference from a reference such as
 * the training mean) must lie within `[min, max]`. Catches blank or saturated inputs and gross scaling
 * errors (an image sent in 0-255 to a model that expects 0-1).
 */
import { ainteger, anumber, aoneOf, ModelSecRangeError, ModelSecTypeError, type Rule } from '@modelsec/core';
import { finding, type RuleAction } from '../finding';
import { readTensor, sampleCount, type TensorInput, type TensorLimits } from '../tensor';

/** Which norm: number of non-zeros, sum of magnitudes, Euclidean, largest magnitude. */
export type NormKind = 0 | 1 | 2 | 'inf';

/** Options of `normBound`. */
export interface NormBoundOptions extends TensorLimits {
  /** Which norm (default 2). */
  p?: NormKind;
  /** Smallest allowed norm (default 0). */
  min?: number;
  /** Largest allowed norm (default Infinity). */
  max?: number;
  /** Values per sample; default: the whole tensor is one sample. */
  featureCount?: number;
  /** Measure `x - center` instead of `x` (length `featureCount`). */
  center?: readonly number[];
  /** `block` (default) or `flag`. */
  action?: RuleAction;
}

/**
 * Bound the norm of each sample.
 *
 * @returns a rule that blocks with `out_of_range`; the finding's score is the most extreme norm.
 * @example
 * ```ts
 * const rule = normBound({ p: 2, min: 1, max: 20, featureCount: 784 });
 * ```
 */
export function normBound(options: NormBoundOptions = {}): Rule<TensorInput> {
  const p = options.p ?? 2;
  aoneOf(p, 'options.p', [0, 1, 2, 'inf'] as const);
  const min = options.min ?? 0;
  const max = options.max ?? Number.POSITIVE_INFINITY;
  anumber(min, 'options.min', { min: 0 });
  if (max !== Number.POSITIVE_INFINITY) anumber(max, 'options.max', { min });
  if (options.featureCount !== undefined) ainteger(options.featureCount, 'options.featureCount', { min: 1 });
  const center = options.center;
  if (center !== undefined) {
    if (!Array.isArray(center)) throw new ModelSecTypeError('"options.center" expected an array of numbers');
    if (options.featureCount !== undefined && center.length !== options.featureCount) {
      throw new ModelSecRangeError(`"options.center" must have featureCount = ${options.featureCount} values`);
    }
    if (!center.every(Number.isFinite)) throw new ModelSecRangeError('"options.center" must be finite numbers');
  }
  const action = options.action ?? 'block';
  aoneOf(action, 'options.action', ['block', 'flag'] as const);
  const name = 'normBound';
  return {
    name,
    check(value) {
      const view = readTensor(value, options);
      const d = options.featureCount ?? center?.length ?? view.size;
      const n = sampleCount(view, d);
      const { data } = view;
      let worst: number | undefined;
      let bad = 0;
      for (let r = 0; r < n; r++) {
        let acc = 0;
        for (let j = 0; j < d; j++) {
          const x = (data[r * d + j] as number) - (center ? (center[j] as number) : 0);
          const a = Math.abs(x);
          if (p === 0) acc += a !== 0 ? 1 : 0;
          else if (p === 1) acc += a;
          else if (p === 2) acc += x * x;
          else acc = a > acc || Number.isNaN(a) ? a : acc;
        }
        const norm = p === 2 ? Math.sqrt(acc) : acc;
        if (norm >= min && norm <= max) continue;
        bad++;
        worst = worst === undefined ? norm : pickWorst(worst, norm, min, max);
      }
      if (bad === 0) return undefined;
      const code = worst === undefined || Number.isNaN(worst) ? 'non_finite' : 'out_of_range';
      const f = finding(
        name,
        code,
        `${bad} of ${n} samples have an L${p === 'inf' ? '∞' : p} norm outside [${min}, ${max}]`,
        {
          action: code === 'non_finite' ? 'block' : action,
          details: { samples: bad, norm: p },
          ...(worst !== undefined && Number.isFinite(worst) ? { score: worst } : {}),
        },
      );
      return { findings: [f] };
    },
  };
}

function pickWorst(current: number, norm: number, min: number, max: number): number {
  if (Number.isNaN(norm) || Number.isNaN(current)) return Number.isNaN(norm) ? norm : current;
  const dist = (x: number) => (x < min ? min - x : x > max ? x - max : 0);
  return dist(norm) >= dist(current) ? norm : current;
}
