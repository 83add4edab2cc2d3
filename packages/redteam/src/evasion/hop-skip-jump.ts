/**
 * HopSkipJump (Chen, Jordan & Wainwright 2020), L2, label-only: it needs nothing but the predicted
 * class. From an adversarial starting point (blended uniform noise) it alternates a binary search to
 * the decision boundary, a Monte-Carlo estimate of the boundary's normal from the labels of random
 * probes (batched into one `predict` call), and a geometric step along it, shrinking the L2 distance
 * to the clean input. `maxQueries` caps every sample's queries, the clean prediction included.
 */
import { ainteger, anumber, argmax, type Classifier, createRng, ModelSecRangeError, type Rng } from '@modelsec/core';
import { checkData, type LabeledData } from '../data';
import { checkEvasionOptions, type EvasionOptions } from './options';
import { type EvasionResult, finish } from './result';

/** Options of `hopSkipJump`. */
export interface HopSkipJumpOptions extends EvasionOptions {
  /** Query budget per sample, the clean prediction included (default 1000). */
  maxQueries?: number;
  /** Success needs an L2 distance ≤ eps; larger adversarial points are discarded (default: any distance). */
  eps?: number;
  /** Probes of the first gradient estimate, growing with √iteration (default 100). */
  initialEvals?: number;
  /** Largest number of probes per estimate (default 1000). */
  maxEvals?: number;
  /** Random noise draws tried to find a starting point (default 100). */
  initTries?: number;
  /** Seed (default 0). */
  seed?: number;
}

/**
 * HopSkipJump, untargeted, L2, label-only. Samples the model already misclassifies are not attacked.
 *
 * @example
 * ```ts
 * const victim = withQueryBudget(model);
 * const r = await hopSkipJump(victim, data, { maxQueries: 1000, eps: 3, seed: 1 });
 * r.medianNorm; // median L2 of the successful adversarial examples
 * ```
 */
export async function hopSkipJump(
  model: Classifier,
  data: LabeledData,
  options: HopSkipJumpOptions = {},
): Promise<EvasionResult> {
  const checked = checkData(model, data);
  const { bounds, targets } = checkEvasionOptions(model, checked, options);
  if (targets) throw new ModelSecRangeError('"options.targets": hopSkipJump is untargeted only');
  const maxQueries = options.maxQueries ?? 1000;
  ainteger(maxQueries, 'options.maxQueries', { min: 1 });
  if (options.eps !== undefined) anumber(options.eps, 'options.eps', { min: 0 });
  const initialEvals = options.initialEvals ?? 100;
  ainteger(initialEvals, 'options.initialEvals', { min: 1 });
  const maxEvals = options.maxEvals ?? 1000;
  ainteger(maxEvals, 'options.maxEvals', { min: 1 });
  const initTries = options.initTries ?? 100;
  ainteger(initTries, 'options.initTries', { min: 1 });
  const rng = createRng(options.seed ?? 0);
  const { count, inputs, labels } = checked;
  const d = model.sampleSize;
  const k = model.numClasses;

  const cleanPredictions = argmax(await model.predict(inputs, count), k);
  const queriesPerSample = new Float64Array(count).fill(1);
  const predictions = cleanPredictions.slice();
  const adversarial = inputs.slice();
  for (let s = 0; s < count; s++) {
    if (cleanPredictions[s] !== labels[s] || maxQueries < 2) continue;
    const x0 = inputs.slice(s * d, (s + 1) * d);
    const oracle = new Oracle(model, labels[s] as number, maxQueries - 1);
    const found = await attackOne(oracle, x0, { bounds, initialEvals, maxEvals, initTries, rng, d });
    queriesPerSample[s] = 1 + oracle.used;
    if (!found) continue;
    if (options.eps !== undefined && l2(found.x, x0) > options.eps) continue;
    adversarial.set(found.x, s * d);
    predictions[s] = found.label;
  }
  return finish({
    attack: 'hop-skip-jump',
    norm: 'l2',
    eps: options.eps,
    data: checked,
    targets: undefined,
    adversarial,
    cleanPredictions,
    predictions,
    queries: queriesPerSample.reduce((a, b) => a + b, 0),
    queriesPerSample,
    sampleSize: d,
  });
}

/** Label-only access to the model for one sample, with its own query budget. */
class Oracle {
  used = 0;
  constructor(
    private readonly model: Classifier,
    private readonly label: number,
    private readonly budget: number,
  ) {}
  get remaining(): number {
    return this.budget - this.used;
  }
  /** Classes of `n` points, or undefined when the budget does not allow `n` more queries. */
  async classes(x: Float32Array, n: number): Promise<Int32Array | undefined> {
    if (n > this.remaining || n === 0) return undefined;
    this.used += n;
    return argmax(await this.model.predict(x, n), this.model.numClasses);
  }
  isAdversarial(label: number): boolean {
    return label !== this.label;
  }
}

interface Found {
  x: Float32Array;
  label: number;
}

async function attackOne(
  oracle: Oracle,
  x0: Float32Array,
  o: {
    bounds: readonly [number, number];
    initialEvals: number;
    maxEvals: number;
    initTries: number;
    rng: Rng;
    d: number;
  },
): Promise<Found | undefined> {
  const { d, rng } = o;
  const [lo, hi] = o.bounds;
  // 1. A starting point: uniform noise that is adversarial, then blended towards x0 by binary search.
  let start: Found | undefined;
  for (let tries = 0; tries < o.initTries && !start; ) {
    const n = Math.min(10, o.initTries - tries, oracle.remaining);
    if (n <= 0) return undefined;
    const noise = new Float32Array(n * d);
    for (let i = 0; i < noise.length; i++) noise[i] = lo + (hi - lo) * rng.next();
    const cls = (await oracle.classes(noise, n)) as Int32Array;
    tries += n;
    for (let i = 0; i < n && !start; i++) {
      if (oracle.isAdversarial(cls[i] as number))
        start = { x: noise.slice(i * d, (i + 1) * d), label: cls[i] as number };
    }
  }
  if (!start) return undefined;
  const theta = 1 / (d * Math.sqrt(d)); // γ = 1 in the paper: θ = γ / d^{3/2}
  let best = await boundary(oracle, x0, start, theta);
  for (let t = 1; oracle.remaining > 0; t++) {
    const dist = l2(best.x, x0);
    // 2. Gradient-direction estimate at the boundary point from the labels of random probes.
    const delta = t === 1 ? 0.1 * (hi - lo) : Math.sqrt(d) * theta * dist;
    const evals = Math.min(Math.round(o.initialEvals * Math.sqrt(t)), o.maxEvals, oracle.remaining);
    if (evals < 2) break;
    const probes = new Float32Array(evals * d);
    const dirs = new Float32Array(evals * d);
    for (let b = 0; b < evals; b++) {
      let sq = 0;
      for (let i = 0; i < d; i++) {
        const u = rng.normal();
        dirs[b * d + i] = u;
        sq += u * u;
      }
      const inv = 1 / Math.sqrt(sq);
      for (let i = 0; i < d; i++) {
        const p = Math.min(hi, Math.max(lo, (best.x[i] as number) + delta * (dirs[b * d + i] as number) * inv));
        probes[b * d + i] = p;
        dirs[b * d + i] = (p - (best.x[i] as number)) / delta; // the direction actually taken after clipping
      }
    }
    const cls = await oracle.classes(probes, evals);
    if (!cls) break;
    const phi = Array.from(cls, (c) => (oracle.isAdversarial(c) ? 1 : -1));
    const mean = phi.reduce((a, b) => a + b, 0) / evals;
    const grad = new Float64Array(d);
    for (let b = 0; b < evals; b++) {
      const wgt = Math.abs(mean) === 1 ? (phi[b] as number) : (phi[b] as number) - mean;
      for (let i = 0; i < d; i++) grad[i] = (grad[i] as number) + wgt * (dirs[b * d + i] as number);
    }
    let gn = 0;
    for (let i = 0; i < d; i++) gn += (grad[i] as number) ** 2;
    gn = Math.sqrt(gn);
    if (gn === 0) break;
    // 3. Geometric step search: the largest ε = dist/√t / 2^j whose step stays adversarial.
    let eps = dist / Math.sqrt(t);
    let stepped: Found | undefined;
    while (!stepped && oracle.remaining > 0 && eps > 1e-12) {
      const x = new Float32Array(d);
      for (let i = 0; i < d; i++)
        x[i] = Math.min(hi, Math.max(lo, (best.x[i] as number) + (eps * (grad[i] as number)) / gn));
      const c = await oracle.classes(x, 1);
      if (!c) break;
      if (oracle.isAdversarial(c[0] as number)) stepped = { x, label: c[0] as number };
      else eps /= 2;
    }
    if (!stepped) break;
    // 4. Back to the boundary.
    const next = await boundary(oracle, x0, stepped, theta);
    if (l2(next.x, x0) < l2(best.x, x0)) best = next;
    else if (l2(stepped.x, x0) < l2(best.x, x0)) best = stepped;
  }
  return best;
}

/** Binary search on the segment x0 → adv for the closest adversarial point (to tolerance θ). */
async function boundary(oracle: Oracle, x0: Float32Array, adv: Found, theta: number): Promise<Found> {
  let low = 0;
  let high = 1;
  let best = adv;
  while (high - low > theta && oracle.remaining > 0) {
    const mid = (low + high) / 2;
    const x = new Float32Array(x0.length);
    for (let i = 0; i < x.length; i++) x[i] = (1 - mid) * (x0[i] as number) + mid * (adv.x[i] as number);
    const c = await oracle.classes(x, 1);
    if (!c) break;
    if (oracle.isAdversarial(c[0] as number)) {
      high = mid;
      best = { x, label: c[0] as number };
    } else low = mid;
  }
  return best;
}

function l2(a: Float32Array, b: Float32Array): number {
  let sq = 0;
  for (let i = 0; i < a.length; i++) sq += ((a[i] as number) - (b[i] as number)) ** 2;
  return Math.sqrt(sq);
}
