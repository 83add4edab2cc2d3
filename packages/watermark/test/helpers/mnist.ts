/**
 * The real MNIST CNN (opt-mnist.onnx) as a batched `Classifier` (redteam's `makeBatchable` +
 * core's `classifierFromOnnx` on onnxruntime-web), and accuracy on the official test digits.
 */
import { argmax, type Classifier, classifierFromOnnx } from '@modelsec/core';
import { makeBatchable } from '@modelsec/redteam';
import { createSession, loadMnist, ort } from '@modelsec-test/utils';

export async function mnistClassifier(onnxBytes: Uint8Array): Promise<Classifier> {
  const { bytes } = makeBatchable(onnxBytes);
  const session = await createSession(bytes);
  return classifierFromOnnx(session, { Tensor: ort.Tensor, sampleShape: [1, 28, 28], numClasses: 10, maxBatch: 1000 });
}

export async function accuracy(model: Classifier, count: number, offset = 0): Promise<number> {
  const { images, labels } = await loadMnist({ limit: count, offset });
  const predicted = argmax(await model.predict(images, count), 10);
  let correct = 0;
  for (let i = 0; i < count; i++) if (predicted[i] === labels[i]) correct++;
  return correct / count;
}
