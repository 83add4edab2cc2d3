/**
 * Where the external data lives (Node). The MNIST model and digits are NOT part of this repository: they
 * sit in the shared data folder next to the clone (`../shared/data`, which CI provides), or wherever
 * MODELSEC_SHARED_DATA points. Nothing is ever downloaded: when the folder is missing the examples stop
 * with a message that says how to provide it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Dataset, gunzip, parseIdxDataset } from '@modelsec/redteam';

/** The repository root (three levels above this file). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** Thrown when the shared data folder is missing; `main` functions print it and exit 1. */
export class MissingDataError extends Error {
  override name = 'MissingDataError';
}

/** The shared data folder: MODELSEC_SHARED_DATA, else `../shared/data` next to the repository. */
export function sharedDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = resolve(env.MODELSEC_SHARED_DATA ?? join(REPO_ROOT, '..', 'shared', 'data'));
  if (!existsSync(join(dir, 'mnist', 'opt-mnist.onnx'))) {
    throw new MissingDataError(
      `the MNIST model was not found in ${dir}/mnist/opt-mnist.onnx. The examples use external data that is ` +
        'not part of the repository: put the shared data folder next to the clone (../shared/data, as CI does) ' +
        'or set MODELSEC_SHARED_DATA to its path. Nothing is downloaded.',
    );
  }
  return dir;
}

/** Path of the MNIST model: MNIST_MODEL if set, else `<shared>/mnist/opt-mnist.onnx`. */
export function mnistModelPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.MNIST_MODEL ? resolve(env.MNIST_MODEL) : join(sharedDataDir(env), 'mnist', 'opt-mnist.onnx');
}

/** The 10,000 official MNIST test digits (pixels / 255, labels). */
export async function loadMnistDigits(env: NodeJS.ProcessEnv = process.env): Promise<Dataset> {
  const dir = join(sharedDataDir(env), 'mnist');
  const [images, labels] = await Promise.all([
    readFile(join(dir, 't10k-images-idx3-ubyte.gz')).then((b) => gunzip(new Uint8Array(b))),
    readFile(join(dir, 't10k-labels-idx1-ubyte.gz')).then((b) => gunzip(new Uint8Array(b))),
  ]);
  return parseIdxDataset(images, labels);
}

/** `count` digits starting at `offset`, every `stride`-th one, as one flat batch. */
export function pickDigits(
  set: Dataset,
  { offset = 0, count, stride = 1 }: { offset?: number; count: number; stride?: number },
): { images: Float32Array; labels: Int32Array; count: number } {
  const images = new Float32Array(count * 784);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const j = offset + i * stride;
    images.set(set.inputs.subarray(j * 784, (j + 1) * 784), i * 784);
    labels[i] = set.labels[j] as number;
  }
  return { images, labels, count };
}
