/**
 * Square attack (Andriushchenko et al. 2020), L∞, score-based: a random search that only reads the
 * model's scores. It starts from vertical ±ε stripes, then repeatedly proposes a random square window
 * whose perturbation is resampled to ±ε per channel, and keeps the proposal when the margin loss
 * improves. The square side shrinks on the paper's schedule. One query per active sample per iteration,
 * batched across samples; `maxQueries` caps every sample's queries, the clean prediction included.
 */
import { ainteger, anumber, argmax, type Classifier, createRng } from '@modelsec/core';
import { checkData, type LabeledData } from '../data';
import { rowLoss } from '../scores';
import { checkEvasionOptions, type EvasionOptions } from './options';
import { gather } from './pgd';
import { type EvasionResult, finish } from './result';

/** Options of `square`. */
export interface SquareOptions extends EvasionOptions {
  /** L∞ bound. */
  eps: number;
  /** Query budget per sample, the clean prediction included (default 1000). */
  maxQueries?: number;
  /** Initial fraction of pixels in the square (default 0.3; the paper tunes it per dataset, 0.05 on ImageNet, 0.8 on MNIST). */
  pInit?: number;
  /** Seed (default 0). */
  seed?: number;
}

/**
 * Square attack (L∞, score-based). Untargeted it drives the margin `max_{j≠y} s_j − s_y` above 0; with
 * `targets` it drives `s_t − max_{j≠t} s_j` above 0. Samples the model already misclassifies are not
 * attacked (untargeted).
 *
 * @example
 * ```ts
 * const victim = withQueryBudget(model);
 * const r = await square(victim, data, { eps: 0.2, maxQueries: 1000, seed: 1 });
 * r.successRate; r.queries === victim.queries;
 * ```
 */
export async function square(model: Classifier, data: LabeledData, options: SquareOptions): Promise<EvasionResult> {
  const checked = checkData(model, data);
  const { bounds, targets } = checkEvasionOptions(model, checked, options);
  anumber(options.eps, 'options.eps', { min: 0 });
  const maxQueries = options.maxQueries ?? 1000;
  ainteger(maxQueries, 'options.maxQueries', { min: 1 });
  const pInit = options.pInit ?? 0.3;
  anumber(pInit, 'options.pInit', { min: Number.MIN_VALUE, max: 1 });
  const { eps } = options;
  const rng = createRng(options.seed ?? 0);
  const { count, inputs, labels } = checked;
  const d = model.sampleSize;
  const k = model.numClasses;
  const [lo, hi] = bounds;
  const { c, h, w } = layout(model.sampleShape);
  const queriesPerSample = new Float64Array(count);
  // Loss to increase: untargeted margin of the label; targeted, minus the margin of the target.
  const objective = (scores: Float32Array, row: number, s: number): number =>
    targets
      ? -rowLoss(scores, row, k, model.scores, targets[s] as number, 'margin')
      : rowLoss(scores, row, k, model.scores, labels[s] as number, 'margin');

  const cleanScores = await model.predict(inputs, count);
  const cleanPredictions = argmax(cleanScores, k);
  queriesPerSample.fill(1);
  const predictions = cleanPredictions.slice();
  const adversarial = inputs.slice();
  const best = new Float64Array(count);
  let active: number[] = [];
  for (let s = 0; s < count; s++) {
    const value = objective(cleanScores, s, s);
    best[s] = value;
    const attacked = targets ? true : cleanPredictions[s] === labels[s];
    if (attacked && value <= 0 && maxQueries > 1) active.push(s);
  }
  // Initialisation: vertical stripes of ±ε (kept only if they do not lower the objective).
  if (active.length > 0) {
    const x = gather(inputs, active, d);
    active.forEach((s, i) => {
      for (let col = 0; col < w; col++) {
        const v = rng.next() < 0.5 ? -eps : eps;
        for (let ch = 0; ch < c; ch++) {
          for (let row = 0; row < h; row++) {
            const j = i * d + ch * h * w + row * w + col;
            x[j] = Math.min(hi, Math.max(lo, (inputs[s * d + ch * h * w + row * w + col] as number) + v));
          }
        }
      }
    });
    active = await propose(active, x);
  }
  for (let it = 0; active.length > 0; it++) {
    const p = schedule(pInit, it, maxQueries);
    const side = Math.min(Math.max(Math.round(Math.sqrt(p * h * w)), 1), h, w);
    const x = gather(adversarial, active, d);
    active.forEach((s, i) => {
      const r0 = rng.int(h - side + 1);
      const c0 = rng.int(w - side + 1);
      // Resample the window's perturbation to ±ε per channel until it differs from the current one.
      for (let tries = 0; tries < 10; tries++) {
        let changed = false;
        for (let ch = 0; ch < c; ch++) {
          const v = rng.next() < 0.5 ? -eps : eps;
          for (let row = r0; row < r0 + side; row++) {
            for (let col = c0; col < c0 + side; col++) {
              const off = ch * h * w + row * w + col;
              const orig = inputs[s * d + off] as number;
              const next = Math.min(hi, Math.max(lo, orig + v));
              if (Math.abs(next - (x[i * d + off] as number)) > 1e-7) changed = true;
              x[i * d + off] = next;
            }
          }
        }
        if (changed) break;
      }
    });
    active = await propose(active, x);
  }
  const queries = queriesPerSample.reduce((a, b) => a + b, 0);
  return finish({
    attack: 'square',
    norm: 'linf',
    eps,
    data: checked,
    targets,
    adversarial,
    cleanPredictions,
    predictions,
    queries,
    queriesPerSample,
    sampleSize: d,
  });

  /** Query one candidate per active sample; keep improvements; return the samples still to attack. */
  async function propose(act: number[], x: Float32Array): Promise<number[]> {
    const scores = await model.predict(x, act.length);
    const pred = argmax(scores, k);
    const still: number[] = [];
    act.forEach((s, i) => {
      queriesPerSample[s] = (queriesPerSample[s] as number) + 1;
      const value = objective(scores, i, s);
      if (value > (best[s] as number)) {
        best[s] = value;
        adversarial.set(x.subarray(i * d, (i + 1) * d), s * d);
        predictions[s] = pred[i] as number;
      }
      if ((best[s] as number) <= 0 && (queriesPerSample[s] as number) < maxQueries) still.push(s);
    });
    return still;
  }
}

/** Channels × height × width of a sample shape (1-D samples are one row). */
function layout(shape: readonly number[]): { c: number; h: number; w: number } {
  if (shape.length < 2) return { c: 1, h: 1, w: shape[0] ?? 1 };
  const w = shape[shape.length - 1] as number;
  const h = shape[shape.length - 2] as number;
  return { c: shape.slice(0, -2).reduce((a, b) => a * b, 1), h, w };
}

/** The paper's piecewise schedule of the square's pixel fraction, rescaled to a 10,000-query run. */
function schedule(pInit: number, it: number, maxQueries: number): number {
  const t = Math.floor((it / maxQueries) * 10000);
  const steps = [10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000];
  let div = 1;
  for (const s of steps) if (t > s) div *= 2;
  return pInit / div;
}
