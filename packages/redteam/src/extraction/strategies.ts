/**
 * Where an extraction attacker's queries come from: `natural` samples from data the attacker holds,
 * `random` uniform noise in the input range, or `jacobian` (Papernot et al. 2017): a small natural seed
 * set grown by Jacobian-based augmentation x' = clip(x + λ·sign(∇x log p_sur(ŷ(x) | x))), using the
 * current surrogate's gradient at the victim's label ŷ.
 */

import type { Rng } from '@modelsec/core';
import type { InputBounds } from '../data';
import type { Surrogate } from '../surrogate/mlp';

/** The query strategies of `extractModel`. */
export type QueryStrategy = 'natural' | 'random' | 'jacobian';

/** State an extraction run keeps: the queried inputs and the victim's answers so far. */
export interface QuerySet {
  /** Queried inputs (`count × d`, grows). */
  inputs: Float32Array;
  /** Victim hard labels of the queried inputs. */
  labels: Int32Array;
  /** Number of queried inputs. */
  count: number;
}

/** Inputs for the next `n` queries. */
export function nextQueries(
  strategy: QueryStrategy,
  n: number,
  ctx: {
    d: number;
    pool: Float32Array | undefined;
    poolOrder: number[];
    bounds: InputBounds;
    rng: Rng;
    set: QuerySet;
    surrogate: Surrogate | undefined;
    lambda: number;
  },
): Float32Array {
  const { d, bounds, rng, set } = ctx;
  const out = new Float32Array(n * d);
  const [lo, hi] = bounds;
  if (strategy === 'random') {
    for (let i = 0; i < out.length; i++) out[i] = lo + (hi - lo) * rng.next();
    return out;
  }
  if (strategy === 'natural' || !ctx.surrogate || set.count === 0) {
    const pool = ctx.pool as Float32Array;
    for (let i = 0; i < n; i++) {
      const s = ctx.poolOrder[(set.count + i) % ctx.poolOrder.length] as number;
      out.set(pool.subarray(s * d, (s + 1) * d), i * d);
    }
    return out;
  }
  // Jacobian augmentation: bases are the points queried so far (and, when more are needed than exist,
  // the points created in this round), in a seeded random order.
  let bases = set.inputs.subarray(0, set.count * d);
  let baseLabels = set.labels.subarray(0, set.count);
  let made = 0;
  while (made < n) {
    const m = Math.min(n - made, bases.length / d);
    const order = rng.shuffle(Array.from({ length: bases.length / d }, (_, i) => i)).slice(0, m);
    const x = new Float32Array(m * d);
    const y = new Int32Array(m);
    order.forEach((s, i) => {
      x.set(bases.subarray(s * d, (s + 1) * d), i * d);
      y[i] = baseLabels[s] as number;
    });
    // ∇ log p(y) = −∇ cross-entropy(y).
    const g = ctx.surrogate.inputGradient(x, y, m, 'cross-entropy');
    for (let i = 0; i < m * d; i++) {
      const v = (x[i] as number) - ctx.lambda * Math.sign(g[i] as number);
      out[made * d + i] = Math.min(hi, Math.max(lo, v));
    }
    made += m;
    const grown = new Float32Array(bases.length + m * d);
    grown.set(bases);
    grown.set(out.subarray((made - m) * d, made * d), bases.length);
    const grownLabels = new Int32Array(baseLabels.length + m);
    grownLabels.set(baseLabels);
    grownLabels.set(y, baseLabels.length);
    bases = grown;
    baseLabels = grownLabels;
  }
  return out;
}
