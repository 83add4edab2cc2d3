/**
 * Black-box input gradients from the model's public `predict`: coordinate-wise finite differences
 * (exact up to O(h²) for central differences, `2 × sampleSize` queries per sample) and NES antithetic
 * Gaussian estimates (`2 × samples` queries per sample, noisier). Perturbed copies are laid out in large
 * batches so one gradient costs one or a few `predict` calls when the model's `maxBatch` allows (see
 * `makeBatchable` for models exported with a fixed batch of 1).
 */
import { afunction, ainteger, anumber, aobject, aoneOf, type Classifier, createRng } from '@modelsec/core';
import { type LossKind, rowLoss } from '../scores';
import type { GradientResult, GradientSource } from './types';

/** Options of `finiteDifferences`. */
export interface FiniteDifferenceOptions {
  /** Step size (default 1e-3). */
  h?: number;
  /** `central` (2d queries per sample, default) or `forward` (d + 1). */
  scheme?: 'central' | 'forward';
  /** Loss to differentiate (default cross-entropy). */
  loss?: LossKind;
  /** Largest number of samples per `predict` call (default 4096; `predict` splits further by `maxBatch`). */
  chunkSize?: number;
}

/** Options of `nesGradient`. */
export interface NesOptions {
  /** Number of antithetic direction pairs per sample (default 50; queries = 2 × samples). */
  samples?: number;
  /** Gaussian smoothing scale (default 0.01). */
  sigma?: number;
  /** Loss to differentiate (default cross-entropy). */
  loss?: LossKind;
  /** Seed of the direction generator (default 0). */
  seed?: number;
  /** Largest number of samples per `predict` call (default 4096; `predict` splits further by `maxBatch`). */
  chunkSize?: number;
}

/**
 * Finite-difference gradients through `model.predict`.
 *
 * @example
 * ```ts
 * const gradient = finiteDifferences(model, { scheme: 'central', h: 1e-3 });
 * const { gradient: g, queries } = await gradient.gradient(x, labels, 1); // queries = 2 × 784 for MNIST
 * ```
 */
export function finiteDifferences(model: Classifier, options: FiniteDifferenceOptions = {}): GradientSource {
  checkModel(model);
  aobject(options as unknown, 'options');
  const h = options.h ?? 1e-3;
  anumber(h, 'options.h', { min: Number.MIN_VALUE });
  const scheme = options.scheme ?? 'central';
  aoneOf(scheme, 'options.scheme', ['central', 'forward'] as const);
  const loss = options.loss ?? 'cross-entropy';
  aoneOf(loss, 'options.loss', ['cross-entropy', 'margin'] as const);
  const chunk = chunkSize(options.chunkSize);
  const d = model.sampleSize;
  const perSample = scheme === 'central' ? 2 * d : d + 1;
  return {
    name: `finite-differences(${scheme}, h=${h})`,
    loss,
    gradient(inputs, labels, count) {
      const gradient = new Float32Array(count * d);
      const lossAt = new Float64Array(count).fill(Number.NaN);
      return evaluateRows(model, chunk, count, perSample, inputs, loss, labels, {
        fill(row, _s, j) {
          // row j: central → +h e_{j/2} / −h e_{j/2}; forward → j < d: +h e_j, j = d: x itself.
          if (scheme === 'central') row[j >> 1] = (row[j >> 1] as number) + (j & 1 ? -h : h);
          else if (j < d) row[j] = (row[j] as number) + h;
        },
        collect(s, values) {
          const g = gradient.subarray(s * d, (s + 1) * d);
          if (scheme === 'central') {
            for (let i = 0; i < d; i++) g[i] = ((values[2 * i] as number) - (values[2 * i + 1] as number)) / (2 * h);
          } else {
            const base = values[d] as number;
            lossAt[s] = base;
            for (let i = 0; i < d; i++) g[i] = ((values[i] as number) - base) / h;
          }
        },
      }).then((queries): GradientResult => ({ gradient, loss: lossAt, queries }));
    },
  };
}

/**
 * NES gradient estimates (Ilyas et al. 2018): the mean of `(L(x+σu) − L(x−σu)) u / 2σ` over Gaussian
 * directions `u`. Far fewer queries than finite differences on large inputs, at the cost of noise.
 * Deterministic for a given seed and call order.
 *
 * @example
 * ```ts
 * const gradient = nesGradient(model, { samples: 100, sigma: 0.01, seed: 1 });
 * const result = await pgd(model, data, { eps: 0.2, gradient });
 * ```
 */
export function nesGradient(model: Classifier, options: NesOptions = {}): GradientSource {
  checkModel(model);
  aobject(options as unknown, 'options');
  const samples = options.samples ?? 50;
  ainteger(samples, 'options.samples', { min: 1, max: 1_000_000 });
  const sigma = options.sigma ?? 0.01;
  anumber(sigma, 'options.sigma', { min: Number.MIN_VALUE });
  const loss = options.loss ?? 'cross-entropy';
  aoneOf(loss, 'options.loss', ['cross-entropy', 'margin'] as const);
  const rng = createRng(options.seed ?? 0);
  const chunk = chunkSize(options.chunkSize);
  const d = model.sampleSize;
  return {
    name: `nes(samples=${samples}, sigma=${sigma})`,
    loss,
    async gradient(inputs, labels, count) {
      const gradient = new Float32Array(count * d);
      // Directions of the samples whose rows are in flight (a chunk can span several samples).
      const inFlight = new Map<number, Float32Array>();
      const queries = await evaluateRows(model, chunk, count, 2 * samples, inputs, loss, labels, {
        fill(row, s, j) {
          let directions = inFlight.get(s);
          if (!directions) {
            directions = new Float32Array(samples * d);
            for (let i = 0; i < directions.length; i++) directions[i] = rng.normal();
            inFlight.set(s, directions);
          }
          const u = directions.subarray((j >> 1) * d, ((j >> 1) + 1) * d);
          const step = j & 1 ? -sigma : sigma;
          for (let i = 0; i < d; i++) row[i] = (row[i] as number) + step * (u[i] as number);
        },
        collect(s, values) {
          const directions = inFlight.get(s) as Float32Array;
          inFlight.delete(s);
          const g = gradient.subarray(s * d, (s + 1) * d);
          for (let k = 0; k < samples; k++) {
            const w = ((values[2 * k] as number) - (values[2 * k + 1] as number)) / (2 * sigma * samples);
            const u = directions.subarray(k * d, (k + 1) * d);
            for (let i = 0; i < d; i++) g[i] = (g[i] as number) + w * (u[i] as number);
          }
        },
      });
      return { gradient, loss: new Float64Array(count).fill(Number.NaN), queries };
    },
  };
}

interface RowPlan {
  /** Perturb `row` (a copy of sample `s`) into perturbation number `j`. Called in order s, j. */
  fill(row: Float32Array, s: number, j: number): void;
  /** All `perSample` losses of sample `s` are known. */
  collect(s: number, values: Float64Array): void;
}

/** Predict `count × perSample` perturbed rows in chunks; returns the queries used. */
async function evaluateRows(
  model: Classifier,
  chunk: number,
  count: number,
  perSample: number,
  inputs: Float32Array,
  loss: LossKind,
  labels: Int32Array,
  plan: RowPlan,
): Promise<number> {
  const d = model.sampleSize;
  const k = model.numClasses;
  const total = count * perSample;
  const size = Math.min(chunk, total);
  const buffer = new Float32Array(size * d);
  const values = new Float64Array(perSample);
  for (let start = 0; start < total; start += size) {
    const n = Math.min(size, total - start);
    for (let r = 0; r < n; r++) {
      const s = Math.floor((start + r) / perSample);
      const row = buffer.subarray(r * d, (r + 1) * d);
      row.set(inputs.subarray(s * d, (s + 1) * d));
      plan.fill(row, s, (start + r) % perSample);
    }
    const scores = await model.predict(n === size ? buffer : buffer.subarray(0, n * d), n);
    for (let r = 0; r < n; r++) {
      const s = Math.floor((start + r) / perSample);
      const j = (start + r) % perSample;
      values[j] = rowLoss(scores, r, k, model.scores, labels[s] as number, loss);
      if (j === perSample - 1) plan.collect(s, values);
    }
  }
  return total;
}

function checkModel(model: Classifier): void {
  aobject(model as unknown, 'model');
  afunction(model.predict, 'model.predict');
}

/** Rows per predict call by default: 4096 MNIST-sized rows are 12.8 MB; `predict` splits further by maxBatch. */
const DEFAULT_CHUNK = 4096;

function chunkSize(requested: number | undefined): number {
  if (requested !== undefined) {
    ainteger(requested, 'options.chunkSize', { min: 1 });
    return requested;
  }
  return DEFAULT_CHUNK;
}
