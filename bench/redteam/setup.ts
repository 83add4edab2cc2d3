/**
 * bench/redteam setup: the MNIST CNN (opt-mnist.onnx) under onnxruntime-web, both as shipped (fixed
 * batch 1) and made batch-capable by makeBatchable, plus the MNIST test digits.
 */
import { type Classifier, classifierFromOnnx } from '@modelsec/core';
import { makeBatchable } from '@modelsec/redteam';
import { createSession, loadMnist, loadMnistModelBytes, MNIST_MODEL, ort } from '@modelsec-test/utils';

/** The two classifiers over the same weights. */
export interface Models {
  /** Batch-capable copy (maxBatch 4096). */
  batched: Classifier;
  /** The original fixed-batch model (maxBatch 1). */
  original: Classifier;
}

export async function loadModels(): Promise<Models> {
  const bytes = await loadMnistModelBytes();
  const meta = { Tensor: ort.Tensor, sampleShape: MNIST_MODEL.sampleShape, numClasses: 10 };
  return {
    batched: classifierFromOnnx(await createSession(makeBatchable(bytes).bytes), { ...meta, maxBatch: 4096 }),
    original: classifierFromOnnx(await createSession(bytes), { ...meta, maxBatch: 1 }),
  };
}

/** `count` digits from `offset` as LabeledData. */
export async function digits(count: number, offset: number): Promise<{ inputs: Float32Array; labels: Uint8Array }> {
  const { images, labels } = await loadMnist({ limit: count, offset });
  return { inputs: images, labels };
}
