/**
 * Classifier adapters: wrap an onnxruntime `InferenceSession` or any batch function in the `Classifier`
 * contract, and count queries against a budget.
 */
import { afunction, ainteger, aobject, aoneOf } from '../errors/asserts';
import { describeValue } from '../errors/describe';
import { AccessError, ModelSecTypeError, ValidationError } from '../errors/model-sec-error';
import type { Classifier, OrtSessionLike, OrtTensorConstructor, ScoreKind } from './types';

/** Options of `classifierFromOnnx`. */
export interface OnnxClassifierOptions {
  /** `ort.Tensor` from the onnxruntime package the app uses. */
  Tensor: OrtTensorConstructor;
  /** Shape of one sample, e.g. `[1, 28, 28]`. */
  sampleShape: readonly number[];
  /** Number of classes. */
  numClasses: number;
  /** Default `logits`. */
  scores?: ScoreKind;
  /** Input name (default: the session's first input). */
  inputName?: string;
  /** Output name (default: the session's first output). */
  outputName?: string;
  /** Largest batch per run; 1 for models whose batch dimension is fixed to 1 (default 1). */
  maxBatch?: number;
}

/**
 * Adapt an onnxruntime `InferenceSession` (onnxruntime-web or onnxruntime-node) to `Classifier`.
 *
 * @example
 * ```ts
 * import * as ort from 'onnxruntime-web';
 * const session = await ort.InferenceSession.create(modelBytes);
 * const mnist = classifierFromOnnx(session, { Tensor: ort.Tensor, sampleShape: [1, 28, 28], numClasses: 10 });
 * const logits = await mnist.predict(pixels, 1);
 * ```
 */
export function classifierFromOnnx(session: OrtSessionLike, options: OnnxClassifierOptions): Classifier {
  aobject(session as unknown, 'session');
  afunction((session as OrtSessionLike).run, 'session.run');
  aobject(options as unknown, 'options');
  afunction(options.Tensor, 'options.Tensor');
  const inputName = options.inputName ?? session.inputNames[0];
  const outputName = options.outputName ?? session.outputNames[0];
  if (typeof inputName !== 'string' || typeof outputName !== 'string') {
    throw new ModelSecTypeError('"session" has no input or output names');
  }
  const maxBatch = options.maxBatch ?? 1;
  const { Tensor } = options;
  return classifierFromFunction(
    async (batch, count) => {
      const result = await session.run({ [inputName]: new Tensor('float32', batch, [count, ...options.sampleShape]) });
      const out = result[outputName];
      if (!out || !(out.data instanceof Float32Array)) {
        throw new ValidationError('invalid_dtype', `model output "${outputName}" is not a float32 tensor`);
      }
      return out.data;
    },
    { sampleShape: options.sampleShape, numClasses: options.numClasses, scores: options.scores ?? 'logits', maxBatch },
  );
}

/** Options of `classifierFromFunction`. */
export interface FunctionClassifierOptions {
  sampleShape: readonly number[];
  numClasses: number;
  /** Default `probabilities`. */
  scores?: ScoreKind;
  /** Largest batch per call (default: unlimited). */
  maxBatch?: number;
}

/**
 * Adapt any `(batch, count) => Promise<Float32Array>` function to `Classifier`. Batches larger than
 * `maxBatch` are split; the output length is checked.
 *
 * @example
 * ```ts
 * const model = classifierFromFunction(async (x, n) => myModel(x, n), { sampleShape: [4], numClasses: 3 });
 * ```
 */
export function classifierFromFunction(
  fn: (batch: Float32Array, count: number) => Promise<Float32Array> | Float32Array,
  options: FunctionClassifierOptions,
): Classifier {
  afunction(fn, 'fn');
  aobject(options as unknown, 'options');
  if (!Array.isArray(options.sampleShape) || options.sampleShape.length === 0) {
    throw new ModelSecTypeError(
      `"options.sampleShape" expected non-empty array, got ${describeValue(options.sampleShape)}`,
    );
  }
  options.sampleShape.forEach((d, i) => {
    ainteger(d, `options.sampleShape[${i}]`, { min: 1 });
  });
  ainteger(options.numClasses, 'options.numClasses', { min: 1 });
  const scores = options.scores ?? 'probabilities';
  aoneOf(scores, 'options.scores', ['logits', 'probabilities'] as const);
  const maxBatch = options.maxBatch ?? Number.MAX_SAFE_INTEGER;
  ainteger(maxBatch, 'options.maxBatch', { min: 1 });
  const sampleShape = Object.freeze([...options.sampleShape]);
  const sampleSize = sampleShape.reduce((a, b) => a * b, 1);
  const { numClasses } = options;
  return {
    sampleShape,
    sampleSize,
    numClasses,
    scores,
    maxBatch,
    async predict(batch, count) {
      if (!(batch instanceof Float32Array)) {
        throw new ModelSecTypeError(`"batch" expected Float32Array, got ${describeValue(batch)}`);
      }
      ainteger(count, 'count', { min: 0 });
      if (batch.length !== count * sampleSize) {
        throw new ValidationError(
          'invalid_shape',
          `batch has ${batch.length} values, expected ${count} × ${sampleSize} = ${count * sampleSize}`,
        );
      }
      const out = new Float32Array(count * numClasses);
      for (let start = 0; start < count; start += maxBatch) {
        const n = Math.min(maxBatch, count - start);
        const part = await fn(batch.subarray(start * sampleSize, (start + n) * sampleSize), n);
        if (!(part instanceof Float32Array) || part.length !== n * numClasses) {
          throw new ValidationError(
            'invalid_shape',
            `model returned ${describeValue(part)}, expected ${n * numClasses} scores`,
          );
        }
        out.set(part, start * numClasses);
      }
      return out;
    },
  };
}

/** A classifier that counts the samples it is asked to predict and enforces a budget. */
export interface BudgetedClassifier extends Classifier {
  /** Samples predicted so far. */
  readonly queries: number;
  /** Samples left before the budget is exhausted (Infinity without a budget). */
  readonly remaining: number;
}

/**
 * Count queries (samples predicted) and refuse calls that would exceed `budget`. Attacks and experiments
 * use it so that "queries used" is measured, not estimated.
 *
 * @throws AccessError `budget_exhausted` from `predict` when the call would exceed the budget (the model is not called).
 * @example
 * ```ts
 * const victim = withQueryBudget(model, { budget: 10_000 });
 * await attack(victim);
 * console.log(victim.queries);
 * ```
 */
export function withQueryBudget(model: Classifier, options: { budget?: number } = {}): BudgetedClassifier {
  aobject(model as unknown, 'model');
  afunction(model.predict, 'model.predict');
  const budget = options.budget ?? Number.POSITIVE_INFINITY;
  if (budget !== Number.POSITIVE_INFINITY) ainteger(budget, 'options.budget', { min: 0 });
  let queries = 0;
  return {
    sampleShape: model.sampleShape,
    sampleSize: model.sampleSize,
    numClasses: model.numClasses,
    scores: model.scores,
    maxBatch: model.maxBatch,
    get queries() {
      return queries;
    },
    get remaining() {
      return budget - queries;
    },
    async predict(batch, count) {
      if (queries + count > budget) {
        throw new AccessError(
          'budget_exhausted',
          `query budget of ${budget} exhausted (${queries} used, ${count} requested)`,
          {
            details: { budget, used: queries, requested: count },
          },
        );
      }
      queries += count;
      return model.predict(batch, count);
    },
  };
}
