/**
 * The feature-squeezing detector of adversarial examples (Xu et al. 2018): the score of a sample is the
 * largest L1 distance between the model's softmax on the sample and on each squeezed version of it.
 * The original and every squeezed copy go to the model in ONE batched `predict`, so a check costs one
 * extra batched inference (and returns the original's probabilities, which the app may reuse). The
 * threshold is calibrated on legitimate inputs at a target false-positive rate.
 */
import {
  anumber,
  aobject,
  aoneOf,
  type Classifier,
  ConfigError,
  describeValue,
  ModelSecTypeError,
  type Rule,
  softmax,
} from '@modelsec/core';
import { finding, type RuleAction } from '../finding';
import { rateAbove, thresholdAtFpr } from '../profile/calibrate';
import type { Calibration } from '../profile/types';
import type { ImageLayout } from '../rules/image';
import { readSamples, type TensorInput } from '../tensor';
import type { SampleGeometry, Squeezer } from './squeezers';

/** Options of `createSqueezeDetector`. */
export interface SqueezeDetectorOptions {
  /** Squeezers, e.g. `[bitDepth(1), medianSmoothing(2)]` for MNIST. */
  squeezers: readonly Squeezer[];
  /** How the model's `sampleShape` is laid out (default `chw`: `[C, H, W]`; `[H, W]` is one channel). */
  layout?: ImageLayout;
  /** Most samples per `predict` call, including squeezed copies (default 1024). */
  maxBatch?: number;
}

/** Scores of a batch. */
export interface SqueezeScores {
  /** Detector score per sample: the largest L1 distance over the squeezers (0 to 2). */
  scores: Float64Array;
  /** L1 distance per squeezer, `[squeezer][sample]`. */
  distances: Float64Array[];
  /** The model's probabilities on the original samples (`count × numClasses`). */
  probabilities: Float32Array;
}

/** A feature-squeezing detector bound to a model. */
export interface SqueezeDetector {
  /** The model. */
  readonly model: Classifier;
  /** The squeezers. */
  readonly squeezers: readonly Squeezer[];
  /** Geometry of one sample. */
  readonly geometry: SampleGeometry;
  /** Score `count` samples laid out contiguously in `batch`. */
  score(batch: Float32Array, count: number): Promise<SqueezeScores>;
  /** Threshold at `fpr` (default 0.05) on legitimate samples. */
  calibrate(legitimate: Float32Array, count: number, options?: { fpr?: number }): Promise<Calibration>;
}

/**
 * Build a feature-squeezing detector over a classifier (`classifierFromOnnx`, `classifierFromFunction`).
 *
 * @throws ModelSecTypeError / ModelSecRangeError for bad options; ConfigError `invalid_config` when the
 * model's sample shape is not an image (`[C, H, W]`, `[H, W, C]` or `[H, W]`).
 * @example
 * ```ts
 * const model = classifierFromOnnx(session, { Tensor: ort.Tensor, sampleShape: [1, 28, 28], numClasses: 10 });
 * const detector = createSqueezeDetector(model, { squeezers: [bitDepth(1), medianSmoothing(2)] });
 * const { threshold } = await detector.calibrate(legitImages, 1000, { fpr: 0.05 });
 * const rule = squeezeRule(detector, { threshold });
 * ```
 */
export function createSqueezeDetector(model: Classifier, options: SqueezeDetectorOptions): SqueezeDetector {
  aobject(model as unknown, 'model');
  if (typeof model.predict !== 'function') throw new ModelSecTypeError('"model" expected a Classifier');
  aobject(options as unknown, 'options');
  if (!Array.isArray(options.squeezers) || options.squeezers.length === 0) {
    throw new ModelSecTypeError(
      `"options.squeezers" expected a non-empty array, got ${describeValue(options.squeezers)}`,
    );
  }
  for (const [i, s] of options.squeezers.entries()) {
    if (typeof s?.squeeze !== 'function' || typeof s.name !== 'string') {
      throw new ModelSecTypeError(`"options.squeezers[${i}]" is not a squeezer`);
    }
  }
  const layout = options.layout ?? 'chw';
  aoneOf(layout, 'options.layout', ['chw', 'hwc'] as const);
  const maxBatch = options.maxBatch ?? 1024;
  anumber(maxBatch, 'options.maxBatch', { min: 1 + options.squeezers.length, integer: true });
  const geometry = geometryOf(model.sampleShape, layout);
  const squeezers = [...options.squeezers];
  const k = squeezers.length;
  const size = model.sampleSize;
  const classes = model.numClasses;
  const perCall = Math.max(1, Math.floor(maxBatch / (1 + k)));

  const scoreChunk = async (batch: Float32Array, count: number, result: SqueezeScores, first: number) => {
    // Layout of one predict call: [originals][squeezer 1 copies]...[squeezer k copies].
    const big = new Float32Array((1 + k) * count * size);
    big.set(batch.subarray(0, count * size));
    const out = new Float32Array(size);
    for (let q = 0; q < k; q++) {
      const squeezer = squeezers[q] as Squeezer;
      for (let r = 0; r < count; r++) {
        squeezer.squeeze(batch.subarray(r * size, (r + 1) * size), geometry, out);
        big.set(out, ((1 + q) * count + r) * size);
      }
    }
    const raw = await model.predict(big, (1 + k) * count);
    const probs = model.scores === 'logits' ? softmax(raw, classes) : raw;
    result.probabilities.set(probs.subarray(0, count * classes), first * classes);
    for (let r = 0; r < count; r++) {
      let best = 0;
      for (let q = 0; q < k; q++) {
        let l1 = 0;
        const a = r * classes;
        const b = ((1 + q) * count + r) * classes;
        for (let c = 0; c < classes; c++) l1 += Math.abs((probs[a + c] as number) - (probs[b + c] as number));
        (result.distances[q] as Float64Array)[first + r] = l1;
        if (!(l1 <= best)) best = l1; // NaN wins
      }
      result.scores[first + r] = best;
    }
  };

  const score = async (batch: Float32Array, count: number): Promise<SqueezeScores> => {
    if (!(batch instanceof Float32Array))
      throw new ModelSecTypeError(`"batch" expected Float32Array, got ${describeValue(batch)}`);
    anumber(count, 'count', { min: 0, integer: true });
    if (batch.length !== count * size) {
      throw new ModelSecTypeError(`"batch" has ${batch.length} values, expected ${count} × ${size}`);
    }
    const result: SqueezeScores = {
      scores: new Float64Array(count),
      distances: squeezers.map(() => new Float64Array(count)),
      probabilities: new Float32Array(count * classes),
    };
    for (let first = 0; first < count; first += perCall) {
      const n = Math.min(perCall, count - first);
      await scoreChunk(batch.subarray(first * size, (first + n) * size), n, result, first);
    }
    return result;
  };

  return {
    model,
    squeezers,
    geometry,
    score,
    async calibrate(legitimate, count, calibrateOptions = {}) {
      const fpr = calibrateOptions.fpr ?? 0.05;
      anumber(fpr, 'options.fpr', { min: 0, max: 0.999 });
      const { scores } = await score(legitimate, count);
      const threshold = thresholdAtFpr(scores, fpr);
      return { threshold, fpr, observedFpr: rateAbove(scores, threshold), sampleCount: count };
    },
  };
}

/** Options of `squeezeRule`. */
export interface SqueezeRuleOptions {
  /** Scores above this are adversarial (from `detector.calibrate`). */
  threshold: number;
  /** `block` (default, code `adversarial_input`) or `flag`. */
  action?: RuleAction;
  /** Most samples accepted in one input (default 256; bounds the extra inference). */
  maxSamples?: number;
}

/**
 * A rule that runs the detector on the input (one batched inference over the samples and their
 * squeezed copies) and blocks or flags samples scoring above the threshold.
 *
 * @returns a rule: `adversarial_input` (SecurityError) when blocked; the finding's score is the top score.
 * @example
 * ```ts
 * const { value } = await validateInput(pixels, [finiteValues(), featureRanges({ min: 0, max: 1 }), squeezeRule(detector, { threshold })]);
 * ```
 */
export function squeezeRule(detector: SqueezeDetector, options: SqueezeRuleOptions): Rule<TensorInput> {
  aobject(detector as unknown, 'detector');
  aobject(options as unknown, 'options');
  anumber(options.threshold, 'options.threshold', { min: 0 });
  const action = options.action ?? 'block';
  aoneOf(action, 'options.action', ['block', 'flag'] as const);
  const maxSamples = options.maxSamples ?? 256;
  anumber(maxSamples, 'options.maxSamples', { min: 1, integer: true });
  const size = detector.model.sampleSize;
  const { threshold } = options;
  const name = 'featureSqueezing';
  return {
    name,
    async check(value) {
      const { view, n } = readSamples(value, size, { maxElements: maxSamples * size });
      const batch = view.data instanceof Float32Array ? view.data : Float32Array.from(view.data);
      for (let i = 0; i < batch.length; i++) {
        if (!Number.isFinite(batch[i] as number)) {
          return { findings: [finding(name, 'non_finite', 'input has NaN or infinite values', { action: 'block' })] };
        }
      }
      const { scores } = await detector.score(batch, n);
      let flagged = 0;
      let top = 0;
      for (const s of scores) {
        if (s > threshold) flagged++;
        if (s > top) top = s;
      }
      if (flagged === 0) return undefined;
      return {
        findings: [
          finding(name, 'adversarial_input', `${flagged} of ${n} samples look adversarial (feature squeezing)`, {
            action,
            severity: 'high',
            score: top,
            details: { samples: flagged, threshold, squeezers: detector.squeezers.map((s) => s.name) },
          }),
        ],
      };
    },
  };
}

function geometryOf(shape: readonly number[], layout: ImageLayout): SampleGeometry {
  if (shape.length === 2) return { channels: 1, height: shape[0] as number, width: shape[1] as number, layout };
  if (shape.length === 3) {
    const [a, b, c] = shape as [number, number, number];
    return layout === 'chw'
      ? { channels: a, height: b, width: c, layout }
      : { channels: c, height: a, width: b, layout };
  }
  throw new ConfigError(
    'invalid_config',
    `feature squeezing needs an image model, sample shape is [${shape.join(', ')}]`,
  );
}
