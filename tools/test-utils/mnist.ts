/**
 * The real MNIST data in `../shared/data/mnist/`: the 10,000 official test digits (IDX, gzip) and the
 * opt-mnist ONNX CNN (input `Input3` float32 [1,1,28,28] = pixel/255, output `Plus214_Output_0` logits).
 * Works in Node and Chromium.
 */
import { readSharedBytes } from './shared-data';

/** MNIST digits as model inputs. */
export interface MnistSet {
  /** Number of digits. */
  count: number;
  /** `count × 784` pixels scaled to [0, 1], row-major. */
  images: Float32Array;
  /** `count` labels 0–9. */
  labels: Uint8Array;
}

/** Input/output names and shapes of opt-mnist.onnx. */
export const MNIST_MODEL = {
  file: 'mnist/opt-mnist.onnx',
  input: 'Input3',
  output: 'Plus214_Output_0',
  sampleShape: [1, 28, 28] as const,
  numClasses: 10,
} as const;

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const cache = new Map<number, Promise<MnistSet>>();

/**
 * Load the first `limit` (default all 10,000) MNIST test digits.
 *
 * @example
 * ```ts
 * const { images, labels, count } = await loadMnist({ limit: 500 });
 * ```
 */
export function loadMnist(options: { limit?: number; offset?: number } = {}): Promise<MnistSet> {
  let all = cache.get(0);
  if (!all) {
    all = loadAll();
    cache.set(0, all);
    // A failed load is not kept: the test's retry loads again instead of getting the same rejection.
    all.catch(() => cache.delete(0));
  }
  const offset = options.offset ?? 0;
  return all.then((set) => {
    const count = Math.max(0, Math.min(options.limit ?? set.count, set.count - offset));
    return {
      count,
      images: set.images.subarray(offset * 784, (offset + count) * 784),
      labels: set.labels.subarray(offset, offset + count),
    };
  });
}

async function loadAll(): Promise<MnistSet> {
  const [img, lab] = await Promise.all([
    readSharedBytes('mnist/t10k-images-idx3-ubyte.gz').then(gunzip),
    readSharedBytes('mnist/t10k-labels-idx1-ubyte.gz').then(gunzip),
  ]);
  const view = new DataView(img.buffer, img.byteOffset, img.byteLength);
  if (view.getUint32(0) !== 2051 || view.getUint32(4) !== 10000) throw new Error('bad MNIST image file');
  const labels = lab.subarray(8, 8 + 10000);
  const images = new Float32Array(10000 * 784);
  for (let i = 0; i < images.length; i++) images[i] = (img[16 + i] as number) / 255;
  return { count: 10000, images, labels };
}

/** The opt-mnist.onnx bytes. */
export function loadMnistModelBytes(): Promise<Uint8Array> {
  return readSharedBytes(MNIST_MODEL.file);
}
