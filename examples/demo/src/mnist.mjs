// Where the demo's external data lives, and the MNIST helpers it needs. Nothing is downloaded: the
// shared data folder sits next to the clone (../shared/data, as CI provides it) or MODELSEC_SHARED_DATA
// points to it; when it is missing the demo stops with a message saying so.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifierFromOnnx } from '@modelsec/core';
import { createRng, gunzip, parseIdxDataset } from '@modelsec/redteam';
import * as ort from 'onnxruntime-web';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

export { ort };

const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** The shared data folder, or null when it is missing. */
export function sharedData() {
  const dir = resolve(process.env.MODELSEC_SHARED_DATA ?? join(REPO, '..', 'shared', 'data'));
  return existsSync(join(dir, 'mnist', 'opt-mnist.onnx')) && existsSync(join(dir, 'picklescan', 'data')) ? dir : null;
}

/** The 10,000 MNIST test digits (pixels / 255) and labels. */
export async function loadDigits(dir) {
  const read = (f) => readFile(join(dir, 'mnist', f)).then((b) => gunzip(new Uint8Array(b)));
  const [images, labels] = await Promise.all([read('t10k-images-idx3-ubyte.gz'), read('t10k-labels-idx1-ubyte.gz')]);
  return parseIdxDataset(images, labels);
}

/** `count` digits from `offset` every `stride`-th, as one batch. */
export function pick(set, offset, count, stride = 1) {
  const images = new Float32Array(count * 784);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const j = offset + i * stride;
    images.set(set.inputs.subarray(j * 784, (j + 1) * 784), i * 784);
    labels[i] = set.labels[j];
  }
  return { images, labels, count };
}

/** The image of sample `i` in a batch. */
export const row = (images, i) => images.subarray(i * 784, (i + 1) * 784);

/** A Classifier over an ONNX session (batch-capable when `maxBatch` > 1). */
export const classifier = (session, maxBatch = 1) =>
  classifierFromOnnx(session, { Tensor: ort.Tensor, sampleShape: [1, 28, 28], numClasses: 10, maxBatch });

/** Top-1 accuracy of a classifier on a batch. */
export async function accuracy(model, { images, labels, count }) {
  let correct = 0;
  for (let i = 0; i < count; i++) {
    const logits = await model.predict(row(images, i), 1);
    let k = 0;
    for (let c = 1; c < 10; c++) if (logits[c] > logits[k]) k = c;
    if (k === labels[i]) correct++;
  }
  return correct / count;
}

/**
 * An extraction attacker's queries: each seed digit, then `perSeed - 1` copies with Gaussian noise on
 * the ink pixels only (digit-like, so they pass the input guards; the distance pattern PRADA detects).
 */
export function attackerQueries({ images, count }, perSeed, sigma = 0.05) {
  const rng = createRng(7);
  const out = [];
  for (let s = 0; s < count; s++) {
    const base = row(images, s);
    out.push(Float32Array.from(base));
    for (let i = 1; i < perSeed; i++)
      out.push(base.map((v) => (v > 0 ? Math.min(1, Math.max(0, v + sigma * rng.normal())) : 0)));
  }
  return out;
}
