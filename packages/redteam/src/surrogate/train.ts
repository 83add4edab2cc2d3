/**
 * The training loop of the surrogate models: seeded mini-batch shuffling, cross-entropy against hard
 * labels or soft targets (a victim's probabilities), Adam with optional L2 weight decay.
 */
import {
  ainteger,
  anumber,
  aobject,
  createRng,
  describeValue,
  ModelSecTypeError,
  ValidationError,
} from '@modelsec/core';
import { checkFinite } from '../data';
import { backward, forward, type Surrogate } from './mlp';

/** Training data: inputs with hard labels or soft targets. */
export interface TrainingData {
  /** `count × sampleSize` inputs. */
  inputs: Float32Array;
  /** One class per sample (hard labels). */
  labels?: ArrayLike<number>;
  /** `count × numClasses` target probabilities (soft labels, e.g. a victim's outputs). Wins over `labels`. */
  probabilities?: Float32Array | Float64Array;
}

/** Options of `trainSurrogate`. */
export interface TrainOptions {
  /** Passes over the data (default 10). */
  epochs?: number;
  /** Mini-batch size (default 32). */
  batchSize?: number;
  /** Adam learning rate (default 0.003). */
  learningRate?: number;
  /** L2 weight decay (default 0). */
  weightDecay?: number;
  /** Seed of the shuffling (default 0). */
  seed?: number;
}

/** What training reports. */
export interface TrainReport {
  /** Mean training cross-entropy of each epoch. */
  losses: number[];
  /** Training accuracy (argmax agreement with the targets) after the last epoch's updates, as seen during it. */
  accuracy: number;
}

/**
 * Train a surrogate in place.
 *
 * @throws ValidationError when the data shapes do not match the surrogate.
 * @example
 * ```ts
 * const report = await trainSurrogate(surrogate, { inputs, labels }, { epochs: 20, seed: 1 });
 * console.log(report.losses.at(-1));
 * ```
 */
export async function trainSurrogate(
  surrogate: Surrogate,
  data: TrainingData,
  options: TrainOptions = {},
): Promise<TrainReport> {
  aobject(surrogate as unknown, 'surrogate');
  aobject(data as unknown, 'data');
  aobject(options as unknown, 'options');
  const epochs = options.epochs ?? 10;
  ainteger(epochs, 'options.epochs', { min: 0, max: 100_000 });
  const batchSize = options.batchSize ?? 32;
  ainteger(batchSize, 'options.batchSize', { min: 1 });
  const lr = options.learningRate ?? 0.003;
  anumber(lr, 'options.learningRate', { min: 0 });
  const decay = options.weightDecay ?? 0;
  anumber(decay, 'options.weightDecay', { min: 0 });
  const d = surrogate.sampleSize;
  const k = surrogate.numClasses;
  const { inputs } = data;
  if (!(inputs instanceof Float32Array)) {
    throw new ModelSecTypeError(`"data.inputs" expected Float32Array, got ${describeValue(inputs)}`);
  }
  if (inputs.length % d !== 0) throw new ValidationError('invalid_shape', `"data.inputs" is not a multiple of ${d}`);
  checkFinite(inputs, 'data.inputs');
  const count = inputs.length / d;
  const targets = targetMatrix(data, count, k);
  const rng = createRng(options.seed ?? 0);
  const grads = {
    weights: surrogate.weights.map((w) => new Float64Array(w.length)),
    biases: surrogate.biases.map((b) => new Float64Array(b.length)),
  };
  const params = [...surrogate.weights, ...surrogate.biases];
  const gradList = [...grads.weights, ...grads.biases];
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  let t = 0;
  const order = Array.from({ length: count }, (_, i) => i);
  const losses: number[] = [];
  let correct = 0;
  const xb = new Float32Array(Math.min(batchSize, Math.max(count, 1)) * d);
  for (let epoch = 0; epoch < epochs; epoch++) {
    rng.shuffle(order);
    let total = 0;
    correct = 0;
    for (let start = 0; start < count; start += batchSize) {
      const n = Math.min(batchSize, count - start);
      for (let b = 0; b < n; b++) {
        const s = order[start + b] as number;
        xb.set(inputs.subarray(s * d, (s + 1) * d), b * d);
      }
      const pass = forward(surrogate, xb, n);
      const dz = new Float64Array(n * k);
      for (let b = 0; b < n; b++) {
        const s = order[start + b] as number;
        let best = 0;
        let bestT = 0;
        for (let j = 0; j < k; j++) {
          const p = pass.probs[b * k + j] as number;
          const y = targets[s * k + j] as number;
          if (y > 0) total -= y * Math.log(Math.max(p, 1e-12));
          dz[b * k + j] = (p - y) / n;
          if (p > (pass.probs[b * k + best] as number)) best = j;
          if (y > (targets[s * k + bestT] as number)) bestT = j;
        }
        if (best === bestT) correct++;
      }
      for (const g of gradList) g.fill(0);
      backward(surrogate, pass, dz, n, grads);
      t++;
      const c1 = 1 - 0.9 ** t;
      const c2 = 1 - 0.999 ** t;
      params.forEach((p, pi) => {
        const g = gradList[pi] as Float64Array;
        const mm = m[pi] as Float64Array;
        const vv = v[pi] as Float64Array;
        const isWeight = pi < surrogate.weights.length;
        for (let i = 0; i < p.length; i++) {
          const gi = (g[i] as number) + (isWeight ? decay * (p[i] as number) : 0);
          mm[i] = 0.9 * (mm[i] as number) + 0.1 * gi;
          vv[i] = 0.999 * (vv[i] as number) + 0.001 * gi * gi;
          p[i] = (p[i] as number) - (lr * ((mm[i] as number) / c1)) / (Math.sqrt((vv[i] as number) / c2) + 1e-8);
        }
      });
    }
    losses.push(count ? total / count : 0);
    // Yield to the event loop between epochs so long trainings do not freeze a browser tab.
    await Promise.resolve();
  }
  return { losses, accuracy: count ? correct / count : 0 };
}

function targetMatrix(data: TrainingData, count: number, k: number): Float64Array {
  const out = new Float64Array(count * k);
  if (data.probabilities !== undefined) {
    const p = data.probabilities;
    if (!(p instanceof Float32Array || p instanceof Float64Array) || p.length !== count * k) {
      throw new ValidationError('invalid_shape', `"data.probabilities" must hold ${count} × ${k} values`);
    }
    for (let i = 0; i < p.length; i++) {
      const value = p[i] as number;
      if (!Number.isFinite(value) || value < 0)
        throw new ValidationError('out_of_range', '"data.probabilities" must be finite and ≥ 0');
      out[i] = value;
    }
    return out;
  }
  const labels = data.labels;
  if (labels === undefined || typeof labels !== 'object' || labels === null || labels.length !== count) {
    throw new ValidationError('invalid_shape', `"data.labels" must hold ${count} class indices`);
  }
  for (let i = 0; i < count; i++) {
    const y = labels[i];
    if (typeof y !== 'number' || !Number.isInteger(y) || y < 0 || y >= k) {
      throw new ValidationError('out_of_range', `"data.labels[${i}]" is not a class index in [0, ${k})`);
    }
    out[i * k + y] = 1;
  }
  return out;
}
