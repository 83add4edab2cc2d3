/**
 * The surrogate models the extraction and membership-inference attacks train: softmax regression
 * (`hidden: []`) or a small multilayer perceptron with ReLU hidden layers, written for this purpose in
 * plain TypeScript (float64, no dependencies). A surrogate is itself a `Classifier` (it returns
 * probabilities) and has an exact input gradient, so it can drive transfer attacks.
 */
import {
  ainteger,
  aobject,
  type Classifier,
  createRng,
  describeValue,
  ModelSecTypeError,
  ValidationError,
} from '@modelsec/core';
import type { LossKind } from '../scores';

/** Options of `createSurrogate`. */
export interface SurrogateOptions {
  /** Shape of one sample (its product is the input size), e.g. `[1, 28, 28]`. */
  sampleShape: readonly number[];
  /** Number of classes. */
  numClasses: number;
  /** Hidden layer widths: `[]` (default) is softmax regression, `[128]` a one-hidden-layer MLP. */
  hidden?: readonly number[];
  /** Seed of the weight initialisation (default 0). */
  seed?: number;
}

/** A trainable softmax-regression or MLP classifier. */
export interface Surrogate extends Classifier {
  /** Hidden layer widths. */
  readonly hidden: readonly number[];
  /** Weights and biases per layer: `weights[l]` is `in × out` row-major, `biases[l]` has `out` values. */
  readonly weights: Float64Array[];
  /** Biases per layer. */
  readonly biases: Float64Array[];
  /**
   * Exact gradient of the per-sample loss with respect to the input (cross-entropy of the probabilities,
   * or the margin over logits), for `count` samples.
   */
  inputGradient(inputs: Float32Array, labels: Int32Array, count: number, loss?: LossKind): Float32Array;
}

/**
 * Create a surrogate with seeded He initialisation (biases zero).
 *
 * @example
 * ```ts
 * const surrogate = createSurrogate({ sampleShape: [1, 28, 28], numClasses: 10, hidden: [128], seed: 1 });
 * await trainSurrogate(surrogate, { inputs, targets: labels }, { epochs: 10 });
 * ```
 */
export function createSurrogate(options: SurrogateOptions): Surrogate {
  aobject(options as unknown, 'options');
  if (!Array.isArray(options.sampleShape) || options.sampleShape.length === 0) {
    throw new ModelSecTypeError(
      `"options.sampleShape" expected non-empty array, got ${describeValue(options.sampleShape)}`,
    );
  }
  options.sampleShape.forEach((v, i) => {
    ainteger(v, `options.sampleShape[${i}]`, { min: 1 });
  });
  ainteger(options.numClasses, 'options.numClasses', { min: 2 });
  const hidden = Object.freeze([...(options.hidden ?? [])]);
  hidden.forEach((v, i) => {
    ainteger(v, `options.hidden[${i}]`, { min: 1, max: 65536 });
  });
  const sampleShape = Object.freeze([...options.sampleShape]);
  const inputSize = sampleShape.reduce((a, b) => a * b, 1);
  if (inputSize > 1 << 24) throw new ValidationError('too_large', 'surrogate input is larger than 2^24 values');
  const sizes = [inputSize, ...hidden, options.numClasses];
  const rng = createRng(options.seed ?? 0);
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l] as number;
    const fanOut = sizes[l + 1] as number;
    const std = Math.sqrt((l + 2 < sizes.length ? 2 : 1) / fanIn);
    const w = new Float64Array(fanIn * fanOut);
    for (let i = 0; i < w.length; i++) w[i] = rng.normal() * std;
    weights.push(w);
    biases.push(new Float64Array(fanOut));
  }
  const numClasses = options.numClasses;
  const surrogate: Surrogate = {
    sampleShape,
    sampleSize: inputSize,
    numClasses,
    scores: 'probabilities',
    maxBatch: Number.MAX_SAFE_INTEGER,
    hidden,
    weights,
    biases,
    async predict(batch, count) {
      ainteger(count, 'count', { min: 0 });
      if (!(batch instanceof Float32Array) || batch.length !== count * inputSize) {
        throw new ValidationError('invalid_shape', `batch does not hold ${count} × ${inputSize} values`);
      }
      const { probs } = forward(surrogate, batch, count);
      return Float32Array.from(probs);
    },
    inputGradient(inputs, labels, count, loss = 'cross-entropy') {
      const pass = forward(surrogate, inputs, count);
      const k = numClasses;
      const dz = new Float64Array(count * k);
      for (let b = 0; b < count; b++) {
        const y = labels[b] as number;
        if (loss === 'cross-entropy') {
          for (let j = 0; j < k; j++) dz[b * k + j] = (pass.probs[b * k + j] as number) - (j === y ? 1 : 0);
        } else {
          let best = -1;
          for (let j = 0; j < k; j++) {
            if (j !== y && (best < 0 || (pass.logits[b * k + j] as number) > (pass.logits[b * k + best] as number)))
              best = j;
          }
          dz[b * k + best] = 1;
          dz[b * k + y] = -1;
        }
      }
      return Float32Array.from(backward(surrogate, pass, dz, count, undefined));
    },
  };
  return surrogate;
}

/** Activations of one forward pass (kept for backpropagation). */
export interface ForwardPass {
  /** The input and each hidden layer's post-ReLU activations. */
  activations: (Float32Array | Float64Array)[];
  /** Output logits. */
  logits: Float64Array;
  /** Softmax probabilities. */
  probs: Float64Array;
}

/** Forward pass over `count` samples. */
export function forward(s: Surrogate, x: Float32Array | Float64Array, count: number): ForwardPass {
  const activations: (Float32Array | Float64Array)[] = [x];
  let a: Float32Array | Float64Array = x;
  for (let l = 0; l < s.weights.length; l++) {
    const w = s.weights[l] as Float64Array;
    const bias = s.biases[l] as Float64Array;
    const out = bias.length;
    const inp = w.length / out;
    const z = new Float64Array(count * out);
    for (let b = 0; b < count; b++) {
      const zo = b * out;
      z.set(bias, zo);
      for (let i = 0; i < inp; i++) {
        const v = a[b * inp + i] as number;
        if (v === 0) continue;
        const wo = i * out;
        for (let j = 0; j < out; j++) z[zo + j] = (z[zo + j] as number) + v * (w[wo + j] as number);
      }
    }
    if (l + 1 < s.weights.length) {
      for (let i = 0; i < z.length; i++) if ((z[i] as number) < 0) z[i] = 0;
      activations.push(z);
    }
    a = z;
  }
  const logits = a as Float64Array;
  const k = s.numClasses;
  const probs = new Float64Array(logits.length);
  for (let b = 0; b < count; b++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) max = Math.max(max, logits[b * k + j] as number);
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const e = Math.exp((logits[b * k + j] as number) - max);
      probs[b * k + j] = e;
      sum += e;
    }
    for (let j = 0; j < k; j++) probs[b * k + j] = (probs[b * k + j] as number) / sum;
  }
  return { activations, logits, probs };
}

/**
 * Backpropagate `dLogits` (count × numClasses). When `grads` is given, parameter gradients are
 * accumulated into it; returns the gradient with respect to the input (skipped, empty, when `grads` is
 * given: training does not need it).
 */
export function backward(
  s: Surrogate,
  pass: ForwardPass,
  dLogits: Float64Array,
  count: number,
  grads: { weights: Float64Array[]; biases: Float64Array[] } | undefined,
): Float64Array {
  let delta = dLogits;
  for (let l = s.weights.length - 1; l >= 0; l--) {
    const w = s.weights[l] as Float64Array;
    const out = (s.biases[l] as Float64Array).length;
    const inp = w.length / out;
    const a = pass.activations[l] as Float32Array | Float64Array;
    if (grads) {
      const gw = grads.weights[l] as Float64Array;
      const gb = grads.biases[l] as Float64Array;
      for (let b = 0; b < count; b++) {
        const dOff = b * out;
        for (let j = 0; j < out; j++) gb[j] = (gb[j] as number) + (delta[dOff + j] as number);
        for (let i = 0; i < inp; i++) {
          const v = a[b * inp + i] as number;
          if (v === 0) continue;
          const wo = i * out;
          for (let j = 0; j < out; j++) gw[wo + j] = (gw[wo + j] as number) + v * (delta[dOff + j] as number);
        }
      }
      if (l === 0) return new Float64Array(0);
    }
    const prev = new Float64Array(count * inp);
    for (let b = 0; b < count; b++) {
      const dOff = b * out;
      for (let i = 0; i < inp; i++) {
        // Hidden activations are post-ReLU: a zero activation has zero derivative.
        if (l > 0 && (a[b * inp + i] as number) === 0) continue;
        const wo = i * out;
        let sum = 0;
        for (let j = 0; j < out; j++) sum += (delta[dOff + j] as number) * (w[wo + j] as number);
        prev[b * inp + i] = sum;
      }
    }
    delta = prev;
  }
  return delta;
}
