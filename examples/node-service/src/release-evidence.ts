/**
 * Optional evidence of the release step for `modelsec report` (Node): an ownership watermark embedded
 * in the weights before signing (64-bit mark, key generated now and kept in `secrets/`), verified the
 * way `modelsec watermark verify --json` does; and a small red-team run (FGSM accuracy curve through
 * finite differences) in the `modelsec.redteam.report/v1` format.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bytesToHex, classifierFromOnnx, randomBytes } from '@modelsec/core';
import { makeBatchable, runRobustnessSuite } from '@modelsec/redteam';
import { embedWeightWatermark, verifyWeightWatermark } from '@modelsec/watermark';
import * as ort from 'onnxruntime-web';
import { MNIST } from './app/model';

/** The mark: 8 bytes, 64 bits (p < 1e-6 needs at least 20 matching bits). */
const MARK = new TextEncoder().encode('mnist-v1');

/**
 * Embed the watermark, write `secrets/watermark.key` and `watermark-verify.json`; return the marked model.
 *
 * @example
 * ```ts
 * const marked = await watermarkRelease(modelBytes, 'release', 'opt-mnist.onnx');
 * ```
 */
export async function watermarkRelease(model: Uint8Array, out: string, name: string): Promise<Uint8Array> {
  const key = randomBytes(32);
  await writeFile(join(out, 'secrets', 'watermark.key'), key, { mode: 0o600 });
  const marked = embedWeightWatermark(model, { key, bits: MARK }).model;
  const r = verifyWeightWatermark(marked, { key, bits: MARK });
  const { extracted, ...rest } = r;
  await writeFile(
    join(out, 'watermark-verify.json'),
    JSON.stringify({ input: `model/${name}`, ...rest, extracted: bytesToHex(extracted) }, null, 2),
  );
  return marked;
}

/**
 * Run FGSM at a few ε on `count` digits and write `redteam-report.json`.
 *
 * @example
 * ```ts
 * await redteamRelease(modelBytes, 'release', { inputs, labels });
 * ```
 */
export async function redteamRelease(
  model: Uint8Array,
  out: string,
  data: { inputs: Float32Array; labels: Int32Array },
): Promise<void> {
  const session = await ort.InferenceSession.create(makeBatchable(model).bytes);
  const classifier = classifierFromOnnx(session, {
    Tensor: ort.Tensor as never,
    sampleShape: MNIST.sampleShape,
    numClasses: MNIST.numClasses,
    maxBatch: 4096,
  });
  const report = await runRobustnessSuite(classifier, {
    data,
    modelName: 'opt-mnist.onnx',
    seed: 1,
    fgsm: { epsilons: [0, 0.1, 0.2] },
  });
  await writeFile(join(out, 'redteam-report.json'), JSON.stringify(report, null, 2));
}
