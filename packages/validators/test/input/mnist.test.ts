/**
 * The real experiment, small enough for every test run (Node and Chromium): the MNIST CNN
 * (opt-mnist.onnx) under onnxruntime-web, real test digits, adversarial digits made by @modelsec/redteam's
 * FGSM with finite-difference gradients, the feature-squeezing detector calibrated at 5% FPR, and input
 * profiles separating out-of-distribution inputs. Full-size numbers: bench/validate.
 */
import { type Classifier, classifierFromOnnx, SecurityError } from '@modelsec/core';
import { fgsm, makeBatchable } from '@modelsec/redteam';
import {
  auroc,
  bitDepth,
  calibrateProfile,
  createSqueezeDetector,
  finiteValues,
  fitInputProfile,
  mahalanobisRule,
  medianSmoothing,
  profileScores,
  rateAbove,
  type SqueezeDetector,
  squeezeRule,
  tensorShape,
  validateInput,
} from '@modelsec/validators';
import { loadMnist, loadMnistModelBytes, MNIST_MODEL, ort } from '@modelsec-test/utils';
import { beforeAll, describe, expect, test } from 'vitest';

/**
 * Every `step`-th digit from `start`: calibration, evaluation and attack sets interleave over the test
 * set, so none is drawn from a harder or easier stretch of it (the last 5,000 MNIST test digits are harder).
 */
async function strided(start: number, step: number, count: number) {
  const all = await loadMnist({ limit: start + step * count });
  const images = new Float32Array(count * 784);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const k = start + i * step;
    images.set(all.images.subarray(k * 784, (k + 1) * 784), i * 784);
    labels[i] = all.labels[k] as number;
  }
  return { images, labels, count };
}

let model: Classifier;
let detector: SqueezeDetector;
let threshold: number;

beforeAll(async () => {
  // opt-mnist.onnx fixes its batch to 1: makeBatchable lets one predict call carry the squeezed copies.
  const { bytes } = makeBatchable(await loadMnistModelBytes());
  const session = await ort.InferenceSession.create(bytes);
  model = classifierFromOnnx(session, {
    Tensor: ort.Tensor,
    sampleShape: MNIST_MODEL.sampleShape,
    numClasses: MNIST_MODEL.numClasses,
    maxBatch: 1024,
  });
  detector = createSqueezeDetector(model, { squeezers: [bitDepth(1), medianSmoothing(2)] });
  const legit = await strided(0, 4, 500);
  ({ threshold } = await detector.calibrate(legit.images, legit.count, { fpr: 0.05 }));
});

describe('feature squeezing on the MNIST CNN (onnxruntime-web)', () => {
  test('calibrated at 5% FPR: fresh legitimate digits stay near 5% false positives', async () => {
    const fresh = await strided(1, 4, 300);
    const { scores, probabilities } = await detector.score(fresh.images, fresh.count);
    expect(rateAbove(scores, threshold)).toBeLessThanOrEqual(0.1);
    // The original's probabilities come back with the scores (the app can reuse the prediction).
    expect(probabilities.length).toBe(fresh.count * 10);
  });

  test('FGSM (finite-difference gradients, ε = 0.25) flips ≥ 80% of digits and ≥ 80% of those are detected', async () => {
    const n = 10;
    const digits = await strided(2, 4, n);
    const attack = await fgsm(model, { inputs: digits.images.slice(), labels: digits.labels }, { eps: 0.25 });
    expect(attack.successRate).toBeGreaterThanOrEqual(0.8);
    const { scores } = await detector.score(attack.adversarial, n);
    const successful = Array.from(scores).filter((_, i) => attack.success[i] === 1);
    expect(rateAbove(successful, threshold)).toBeGreaterThanOrEqual(0.8);
    // The clean digits mostly pass; the adversarial ones score far higher (AUROC on this small set).
    const clean = await detector.score(digits.images, n);
    expect(auroc(clean.scores, successful)).toBeGreaterThan(0.9);

    // The same detector as a rule: validateInput passes a clean digit and blocks an adversarial one.
    const rules = [tensorShape({ shape: [null, 1, 28, 28] }), finiteValues(), squeezeRule(detector, { threshold })];
    const detected = Array.from(scores).findIndex((s, i) => attack.success[i] === 1 && s > threshold);
    const adv = new ort.Tensor(
      'float32',
      attack.adversarial.slice(detected * 784, (detected + 1) * 784),
      [1, 1, 28, 28],
    );
    const error = await validateInput(adv, rules).catch((e: unknown) => e);
    expect(SecurityError.isInstance(error) && error.code === 'adversarial_input').toBe(true);
    const passing = Array.from(clean.scores).findIndex((s) => s <= threshold);
    const ok = new ort.Tensor('float32', digits.images.slice(passing * 784, (passing + 1) * 784), [1, 1, 28, 28]);
    await expect(validateInput(ok, rules)).resolves.toMatchObject({ findings: [] });
  });
});

describe('input profile on MNIST pixels', () => {
  test('Mahalanobis and robust z-scores separate noise and inverted digits from test digits (AUROC ≥ 0.95)', async () => {
    const train = await loadMnist({ limit: 600 });
    const heldOut = await loadMnist({ limit: 300, offset: 5000 });
    const test = await loadMnist({ limit: 200, offset: 6000 });
    const profile = calibrateProfile(
      fitInputProfile(train.images, { featureCount: 784, components: 16 }),
      heldOut.images,
      {
        fpr: 0.05,
        aggregate: 'mean',
        cap: 10,
      },
    );
    expect(profile.covariance?.kind).toBe('pca');
    let seed = 7;
    const uniform = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    const noise = Float32Array.from({ length: 200 * 784 }, uniform);
    const inverted = test.images.map((x) => 1 - x);
    for (const method of ['mahalanobis', 'robustZ'] as const) {
      const options = { aggregate: 'mean', cap: 10 } as const;
      const legit = profileScores(profile, test.images, method, options);
      expect(auroc(legit, profileScores(profile, noise, method, options))).toBeGreaterThanOrEqual(0.95);
      expect(auroc(legit, profileScores(profile, inverted, method, options))).toBeGreaterThanOrEqual(0.95);
    }
    // As a rule: the calibrated threshold passes most test digits and blocks the inverted ones.
    const rule = mahalanobisRule(profile);
    const one = (x: Float32Array, i: number) => x.slice(i * 784, (i + 1) * 784);
    await expect(validateInput(one(inverted, 0), [rule])).rejects.toMatchObject({ code: 'anomalous_input' });
    let passed = 0;
    for (let i = 0; i < 20; i++)
      passed += await validateInput(one(test.images, i), [rule]).then(
        () => 1,
        () => 0,
      );
    expect(passed).toBeGreaterThanOrEqual(16);
  });
});
