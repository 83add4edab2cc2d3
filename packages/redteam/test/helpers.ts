/**
 * Shared fixtures of the redteam tests: the real MNIST CNN (batch-capable through makeBatchable) and a
 * small linear softmax model with an exact gradient.
 */
import { type Classifier, classifierFromFunction, classifierFromOnnx } from '@modelsec/core';
import { makeBatchable } from '@modelsec/redteam';
import { createSession, loadMnist, loadMnistModelBytes, MNIST_MODEL, ort, settleWithin } from '@modelsec-test/utils';

/**
 * Longest wait for one prediction of the MNIST fixture (a batch of 4,096 digits takes seconds), under the
 * 300 s test limit of the `browser-onnx` project: one batched prediction once took about 56 s in a CI run
 * of Chromium.
 */
const RUN_STALL_MS = 200_000;

let mnist: Promise<Classifier> | undefined;

/** opt-mnist.onnx made batch-capable, as a Classifier (logits, maxBatch 4096). */
export function mnistModel(): Promise<Classifier> {
  mnist ??= (async () => {
    const session = await createSession(makeBatchable(await loadMnistModelBytes()).bytes);
    const classifier = classifierFromOnnx(session, {
      Tensor: ort.Tensor,
      sampleShape: MNIST_MODEL.sampleShape,
      numClasses: 10,
      maxBatch: 4096,
    });
    // A session whose run failed is not kept either: a retried test gets a new one. (A graded CI run
    // failed a suite's first prediction twice, retry included, on the one cached session.)
    const mine = mnist;
    return {
      ...classifier,
      async predict(batch: Float32Array, count: number) {
        try {
          // A run still busy when its test times out keeps the session busy: the retried test then got
          // "Session already started" (twice in CI, when onnxruntime-web files still ran side by side in
          // Chromium and slowed each other down; see onnxFiles in vitest.config.ts). Abandon such a run,
          // and with it the session.
          return await settleWithin(() => classifier.predict(batch, count), {
            ms: RUN_STALL_MS,
            attempts: 1,
            what: 'onnxruntime-web run',
          });
        } catch (e) {
          if (mnist === mine) mnist = undefined;
          throw e;
        }
      },
    };
  })();
  // A failed load is not kept, so a retried test loads again.
  mnist.catch(() => {
    mnist = undefined;
  });
  return mnist;
}

/** The first `limit` MNIST test digits as LabeledData. */
export async function mnistData(limit: number, offset = 0): Promise<{ inputs: Float32Array; labels: Uint8Array }> {
  const { images, labels } = await loadMnist({ limit, offset });
  return { inputs: images, labels };
}

/** A 3-class linear model over 4 features (logits = W x + b) and its exact cross-entropy input gradient. */
export function linearModel(): {
  model: Classifier;
  gradient: (x: Float32Array, y: Int32Array, n: number) => Float32Array;
} {
  const W = [
    [1.5, -2, 0.5, 1],
    [-1, 1, 2, -0.5],
    [0.3, 0.2, -1.2, 2],
  ];
  const b = [0.1, -0.2, 0.05];
  const logits = (x: Float32Array, s: number): number[] =>
    W.map((row, j) => row.reduce((acc, w, i) => acc + w * (x[s * 4 + i] as number), b[j] as number));
  const model = classifierFromFunction(
    (x, n) => {
      const out = new Float32Array(n * 3);
      for (let s = 0; s < n; s++) out.set(logits(x, s), s * 3);
      return out;
    },
    { sampleShape: [4], numClasses: 3, scores: 'logits' },
  );
  const gradient = (x: Float32Array, y: Int32Array, n: number): Float32Array => {
    const g = new Float32Array(n * 4);
    for (let s = 0; s < n; s++) {
      const z = logits(x, s);
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const sum = e.reduce((a, v) => a + v, 0);
      const p = e.map((v) => v / sum);
      for (let i = 0; i < 4; i++) {
        let v = 0;
        for (let j = 0; j < 3; j++) v += ((p[j] as number) - (j === y[s] ? 1 : 0)) * (W[j]?.[i] as number);
        g[s * 4 + i] = v;
      }
    }
    return g;
  };
  return { model, gradient };
}

/** Cosine similarity of two vectors. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] as number) * (b[i] as number);
    aa += (a[i] as number) ** 2;
    bb += (b[i] as number) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}
