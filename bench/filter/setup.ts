/**
 * bench/filter setup: the MNIST CNN (opt-mnist.onnx) under onnxruntime-web, as shipped (fixed batch 1,
 * for "one inference") and made batch-capable by @modelsec/redteam's makeBatchable (for the attack's
 * batched queries), plus the MNIST test digits.
 */
import { type Classifier, classifierFromOnnx } from '@modelsec/core';
import { makeBatchable } from '@modelsec/redteam';
import { createSession, loadMnist, loadMnistModelBytes, MNIST_MODEL, ort } from '@modelsec-test/utils';

export interface Models {
  /** The original fixed-batch model (maxBatch 1), as an app runs it per request. */
  single: Classifier;
  /** The same weights with a symbolic batch (maxBatch 4096). */
  batched: Classifier;
}

export async function loadModels(): Promise<Models> {
  const bytes = await loadMnistModelBytes();
  const meta = { Tensor: ort.Tensor, sampleShape: MNIST_MODEL.sampleShape, numClasses: MNIST_MODEL.numClasses };
  return {
    single: classifierFromOnnx(await createSession(bytes), { ...meta, maxBatch: 1 }),
    batched: classifierFromOnnx(await createSession(makeBatchable(bytes).bytes), { ...meta, maxBatch: 4096 }),
  };
}

/** `count` digits from `offset` as LabeledData. */
export async function digits(count: number, offset: number): Promise<{ inputs: Float32Array; labels: Uint8Array }> {
  const { images, labels } = await loadMnist({ limit: count, offset });
  return { inputs: images, labels };
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
