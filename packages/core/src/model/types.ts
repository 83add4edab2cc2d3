/**
 * The model contract shared by validators, filters, watermark, monitor and redteam: a classifier that
 * maps a batch of samples (one flat Float32Array, row-major) to a batch of scores.
 */

/** What a classifier's `predict` returns per sample. */
export type ScoreKind = 'logits' | 'probabilities';

/** A batched classifier over fixed-shape float samples. */
export interface Classifier {
  /** Shape of one sample without the batch dimension, e.g. `[1, 28, 28]`. */
  readonly sampleShape: readonly number[];
  /** Number of values per sample (product of `sampleShape`). */
  readonly sampleSize: number;
  /** Number of classes (scores per sample). */
  readonly numClasses: number;
  /** Whether `predict` returns logits or probabilities. */
  readonly scores: ScoreKind;
  /** Largest batch one underlying call accepts (1 for models with a fixed batch dimension). */
  readonly maxBatch: number;
  /**
   * Predict `count` samples laid out contiguously in `batch` (`count * sampleSize` values).
   * Returns `count * numClasses` scores.
   */
  predict(batch: Float32Array, count: number): Promise<Float32Array>;
}

/** The parts of an onnxruntime(-web/-node) `InferenceSession` the adapter uses. */
export interface OrtSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, { data: unknown; dims: readonly number[] }>>;
}

/** The onnxruntime `Tensor` constructor (`ort.Tensor`), passed in so core does not depend on onnxruntime. */
export type OrtTensorConstructor = new (type: 'float32', data: Float32Array, dims: readonly number[]) => unknown;
