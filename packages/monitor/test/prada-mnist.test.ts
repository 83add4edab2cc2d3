/**
 * PRADA on the real MNIST CNN (onnxruntime-web), a small version of bench/drift's experiment: attack
 * queries from @modelsec/redteam's extractModel (Jacobian augmentation) and a random-perturbation
 * attacker are flagged; benign clients sending MNIST test digits are not.
 */
import { argmax, type Classifier, classifierFromFunction, classifierFromOnnx } from '@modelsec/core';
import { createExtractionMonitor, createRng, type ExtractionMonitor } from '@modelsec/monitor';
import { extractModel, makeBatchable } from '@modelsec/redteam';
import { createSession, loadMnist, loadMnistModelBytes, MNIST_MODEL, ort } from '@modelsec-test/utils';
import { beforeAll, describe, expect, test } from 'vitest';

const D = 784;
let victim: Classifier;
let mnist: Awaited<ReturnType<typeof loadMnist>>;

beforeAll(async () => {
  const session = await createSession(makeBatchable(await loadMnistModelBytes()).bytes);
  victim = classifierFromOnnx(session, {
    Tensor: ort.Tensor,
    sampleShape: MNIST_MODEL.sampleShape,
    numClasses: 10,
    maxBatch: 4096,
  });
  mnist = await loadMnist();
});

/** The victim behind PRADA: every sample after the first `skip` is observed for `client`. */
function guarded(monitor: ExtractionMonitor, client: string, skip: number) {
  const state = { seen: 0, firstFlag: null as number | null };
  const model = classifierFromFunction(
    async (batch, n) => {
      const scores = await victim.predict(batch, n);
      const cls = argmax(scores, 10);
      for (let i = 0; i < n; i++, state.seen++) {
        if (state.seen < skip) continue;
        const o = await monitor.observe(client, batch.subarray(i * D, (i + 1) * D), cls[i] as number);
        if (o.suspicious) state.firstFlag ??= o.queries;
      }
      return scores;
    },
    { sampleShape: [1, 28, 28], numClasses: 10, scores: 'logits', maxBatch: 4096 },
  );
  return { model, state };
}

describe('PRADA on MNIST', () => {
  test('Jacobian extraction attacks (redteam) are flagged within 500 queries', async () => {
    const monitor = createExtractionMonitor();
    for (const seed of [1, 2]) {
      const rng = createRng(seed);
      const pool = new Float32Array(50 * D);
      for (let i = 0; i < 50; i++) {
        const s = rng.int(5000);
        pool.set(mnist.images.subarray(s * D, (s + 1) * D), i * D);
      }
      const evaluation = { inputs: mnist.images.subarray(9990 * D), labels: mnist.labels.subarray(9990) };
      const { model, state } = guarded(monitor, `attacker-${seed}`, evaluation.labels.length);
      await extractModel(model, {
        strategy: 'jacobian',
        pool,
        checkpoints: [50, 100, 200, 400, 500],
        evaluation,
        lambda: 0.1,
        train: { epochs: 10 },
        seed,
      });
      expect(state.firstFlag).not.toBeNull();
      expect(state.firstFlag).toBeLessThanOrEqual(500);
    }
  });

  test('random-perturbation queries around seed digits are flagged; benign test digits are not', async () => {
    const monitor = createExtractionMonitor();
    const rng = createRng(5);
    const attack = guarded(monitor, 'perturber', 0);
    const x = new Float32Array(300 * D);
    for (let i = 0; i < 300; i++) {
      const s = (i % 50) * 97;
      for (let k = 0; k < D; k++)
        x[i * D + k] = Math.min(1, Math.max(0, (mnist.images[s * D + k] as number) + 0.1 * rng.normal()));
    }
    await attack.model.predict(x, 300);
    expect(attack.state.firstFlag).not.toBeNull();
    for (const client of ['alice', 'bob', 'carol']) {
      const benign = guarded(monitor, client, 0);
      const q = new Float32Array(500 * D);
      for (let i = 0; i < 500; i++) {
        const s = 5000 + rng.int(4980);
        q.set(mnist.images.subarray(s * D, (s + 1) * D), i * D);
      }
      await benign.model.predict(q, 500);
      expect(benign.state.firstFlag).toBeNull();
    }
  });
});
