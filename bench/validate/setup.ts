/**
 * Shared setup of bench/validate: the MNIST CNN under onnxruntime-web (the original fixed-batch model for
 * "one inference", and the makeBatchable copy for batched detector and attack queries), and strided
 * splits of the 10,000 MNIST test digits so calibration, evaluation and attack sets interleave.
 */
import { type Classifier, classifierFromOnnx } from '@modelsec/core';
import { makeBatchable } from '@modelsec/redteam';
import { loadMnist, loadMnistModelBytes, MNIST_MODEL, ort } from '@modelsec-test/utils';

export interface Models {
  /** The original opt-mnist.onnx (batch fixed to 1), as an app would run it per request. */
  single: Classifier;
  /** The same weights with a symbolic batch (redteam's makeBatchable). */
  batched: Classifier;
}

export async function loadModels(): Promise<Models> {
  const bytes = await loadMnistModelBytes();
  const meta = { Tensor: ort.Tensor, sampleShape: MNIST_MODEL.sampleShape, numClasses: MNIST_MODEL.numClasses };
  const single = classifierFromOnnx(await ort.InferenceSession.create(bytes), { ...meta, maxBatch: 1 });
  const batched = classifierFromOnnx(await ort.InferenceSession.create(makeBatchable(bytes).bytes), {
    ...meta,
    maxBatch: 1024,
  });
  return { single, batched };
}

export interface Digits {
  images: Float32Array;
  labels: Int32Array;
  count: number;
}

/** Digits `start, start + step, ...` (`count` of them) from the 10,000 test digits. */
export async function strided(start: number, step: number, count: number): Promise<Digits> {
  const all = await loadMnist();
  const images = new Float32Array(count * 784);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const k = start + i * step;
    if (k >= all.count) throw new Error(`digit ${k} out of range`);
    images.set(all.images.subarray(k * 784, (k + 1) * 784), i * 784);
    labels[i] = all.labels[k] as number;
  }
  return { images, labels, count };
}

/** Seeded uniform numbers in [0, 1) (xorshift32). */
export function uniform(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
