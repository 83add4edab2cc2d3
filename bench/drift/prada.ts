/**
 * The PRADA experiment on MNIST (../shared/data/mnist): per run, one attacker and one benign client
 * query the real opt-mnist CNN (onnxruntime-web) through a wrapper that feeds every query and the
 * model's predicted class to `createExtractionMonitor`. Attackers are `@modelsec/redteam`'s
 * `extractModel` with Jacobian-based augmentation (Papernot et al. 2017: 50 natural seed digits, then
 * x' = x ± λ·sign(∇) rounds) or `random` uniform-noise queries, plus a random-perturbation attacker
 * written here (seed digits + Gaussian noise, σ = 0.1, clipped). Benign clients send random MNIST test
 * digits. A client counts as flagged when any of its first 500 queries is suspicious.
 */
import { argmax, type Classifier, classifierFromFunction, classifierFromOnnx } from '@modelsec/core';
import { createExtractionMonitor, createRng } from '@modelsec/monitor';
import { extractModel, makeBatchable } from '@modelsec/redteam';
import { createSession, loadMnist, loadMnistModelBytes, MNIST_MODEL, ort } from '@modelsec-test/utils';

export interface PradaRun {
  kind: 'jacobian' | 'random-noise' | 'perturbation' | 'benign';
  flagged: boolean;
  firstFlag: number | null;
  finalW: number | null;
  minW: number | null;
  minWAt: number | null;
}

const D = 784;

export async function mnistVictim(): Promise<Classifier> {
  const session = await createSession(makeBatchable(await loadMnistModelBytes()).bytes);
  return classifierFromOnnx(session, {
    Tensor: ort.Tensor,
    sampleShape: MNIST_MODEL.sampleShape,
    numClasses: 10,
    maxBatch: 4096,
  });
}

/** Wrap a victim so every query after the first `skip` samples goes through the monitor. */
function monitored(victim: Classifier, delta: number, budget: number, skip: number) {
  const monitor = createExtractionMonitor({ delta, minQueries: 100 });
  const result = {
    count: 0,
    firstFlag: null as number | null,
    finalW: null as number | null,
    minW: null as number | null,
    minWAt: null as number | null,
  };
  const model = classifierFromFunction(
    async (batch, n) => {
      const scores = await victim.predict(batch, n);
      const cls = argmax(scores, 10);
      for (let i = 0; i < n; i++) {
        if (result.count >= skip && result.count - skip < budget) {
          const o = await monitor.observe('client', batch.subarray(i * D, (i + 1) * D), cls[i] as number);
          result.finalW = o.w;
          if (o.w !== null && (result.minW === null || o.w < result.minW)) {
            result.minW = o.w;
            result.minWAt = o.queries;
          }
          if (o.suspicious && result.firstFlag === null) result.firstFlag = o.queries;
        }
        result.count++;
      }
      return scores;
    },
    { sampleShape: [1, 28, 28], numClasses: 10, scores: 'logits', maxBatch: 4096 },
  );
  return { model, result };
}

export async function runPrada(options: {
  runs: number;
  delta: number;
  budget?: number;
  seed?: number;
  kinds?: PradaRun['kind'][];
}) {
  const budget = options.budget ?? 500;
  const victim = await mnistVictim();
  const all = await loadMnist();
  const out: PradaRun[] = [];
  const kinds = options.kinds ?? ['jacobian', 'random-noise', 'perturbation', 'benign'];
  for (let r = 0; r < options.runs; r++) {
    const rng = createRng((options.seed ?? 1) * 1000 + r);
    for (const kind of kinds) {
      if (kind === 'jacobian' || kind === 'random-noise') {
        // Seed digits from the first half of the test set, evaluation digits elsewhere (not monitored).
        const pool = new Float32Array(50 * D);
        for (let i = 0; i < 50; i++) {
          const s = rng.int(5000);
          pool.set(all.images.subarray(s * D, (s + 1) * D), i * D);
        }
        const evaluation = {
          inputs: all.images.subarray(9980 * D, 10000 * D),
          labels: all.labels.subarray(9980, 10000),
        };
        const { model, result } = monitored(victim, options.delta, budget, evaluation.labels.length);
        await extractModel(model, {
          strategy: kind === 'jacobian' ? 'jacobian' : 'random',
          pool,
          checkpoints: [50, 100, 200, 400, budget],
          evaluation,
          lambda: 0.1,
          train: { epochs: 10 },
          seed: r + 1,
        });
        out.push({
          kind,
          flagged: result.firstFlag !== null,
          firstFlag: result.firstFlag,
          finalW: result.finalW,
          minW: result.minW,
          minWAt: result.minWAt,
        });
      } else {
        const { model, result } = monitored(victim, options.delta, budget, 0);
        const x = new Float32Array(budget * D);
        for (let i = 0; i < budget; i++) {
          if (kind === 'benign') {
            const s = 5000 + rng.int(4980);
            x.set(all.images.subarray(s * D, (s + 1) * D), i * D);
          } else {
            const s = rng.int(5000) % 50 === 0 ? rng.int(5000) : (i % 50) * 97; // 50 seed digits, cycled
            for (let k = 0; k < D; k++) {
              x[i * D + k] = Math.min(1, Math.max(0, (all.images[s * D + k] as number) + 0.1 * rng.normal()));
            }
          }
        }
        await model.predict(x, budget);
        out.push({
          kind,
          flagged: result.firstFlag !== null,
          firstFlag: result.firstFlag,
          finalW: result.finalW,
          minW: result.minW,
          minWAt: result.minWAt,
        });
      }
    }
  }
  return out;
}
