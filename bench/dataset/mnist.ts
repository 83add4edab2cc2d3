// bench/dataset: the MNIST poisoning experiments (label noise, backdoor) of @modelsec/validators/dataset.
// Corruptions are seeded; every number comes from one run of `runPoisonBench()`.
import { createSurrogate, trainSurrogate } from '@modelsec/redteam';
import { type DatasetReport, findLabelIssues, screenDataset } from '@modelsec/validators/dataset';
import { loadMnist, loadMnistModelBytes } from '@modelsec-test/utils';
import { mnistFeatures } from '../../packages/validators/test/dataset/support/onnx-layer';

/** sfc32-like tiny generator for the corruptions (independent of the package's own). */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cpu = () => process.cpuUsage().user / 1e6;

export function flipLabels(labels: Uint8Array, share: number, seed: number) {
  const next = rng(seed);
  const y = Array.from(labels);
  const flipped = new Set<number>();
  const target = Math.round(share * labels.length);
  while (flipped.size < target) {
    const i = Math.floor(next() * labels.length);
    if (flipped.has(i)) continue;
    flipped.add(i);
    y[i] = ((labels[i] as number) + 1 + Math.floor(next() * 9)) % 10;
  }
  return { y, flipped };
}

export function precisionRecall(flagged: number[], truth: Set<number>) {
  const tp = flagged.filter((i) => truth.has(i)).length;
  return { flagged: flagged.length, precision: flagged.length ? tp / flagged.length : 0, recall: tp / truth.size };
}

export interface LabelNoiseRow {
  representation: string;
  method: string;
  flagged: number;
  precision: number;
  recall: number;
  cpuSeconds: number;
}

/** Label noise: 5% of the 10,000 test digits flipped to another random class. */
export async function labelNoise(count = 10_000): Promise<{ rows: LabelNoiseRow[]; flippedCount: number }> {
  const { images, labels } = await loadMnist({ limit: count });
  const { y, flipped } = flipLabels(labels, 0.05, 1);
  const rows: LabelNoiseRow[] = [];
  const onlyLabels = {
    outliers: false,
    isolationForest: false,
    duplicates: false,
    textDuplicates: false,
    backdoor: false,
  } as const;
  const run = async (
    representation: string,
    method: string,
    f: () => Promise<DatasetReport>,
    check = 'label_noise',
  ) => {
    const c0 = cpu();
    const report = await f();
    const flaggedRows = report.findings.filter((x) => x.check === check).map((x) => x.rows[0] as number);
    const pr = precisionRecall(flaggedRows, flipped);
    rows.push({ representation, method, ...pr, cpuSeconds: cpu() - c0 });
    console.log(representation, method, pr);
  };
  const pixels = { features: images, featureCount: 784, labels: y };
  await run('pixels (PCA 32)', 'confident learning, softmax OOF + kNN votes (default)', () =>
    screenDataset(pixels, { ...onlyLabels, knn: false, maxFindings: 1e6 }),
  );
  await run('pixels (PCA 32)', 'confident learning, softmax OOF only', () =>
    screenDataset(pixels, { ...onlyLabels, knn: false, labelNoise: { model: 'softmax' }, maxFindings: 1e6 }),
  );
  await run('pixels (PCA 32)', 'confident learning, kNN votes only', () =>
    screenDataset(pixels, { ...onlyLabels, knn: false, labelNoise: { model: 'knn' }, maxFindings: 1e6 }),
  );
  await run(
    'pixels (PCA 32)',
    'kNN disagreement ≥ 0.8 (k = 10)',
    () => screenDataset(pixels, { ...onlyLabels, labelNoise: false, maxFindings: 1e6 }),
    'knn_disagreement',
  );
  const c0 = cpu();
  const { features, logits } = await mnistFeatures(await loadMnistModelBytes(), images, count);
  const featureSeconds = cpu() - c0;
  console.log('opt-mnist features', featureSeconds, 's');
  await run('opt-mnist penultimate layer (256)', 'confident learning, softmax OOF + kNN votes (default)', () =>
    screenDataset({ features, featureCount: 256, labels: y }, { ...onlyLabels, knn: false, maxFindings: 1e6 }),
  );
  const probs = new Float64Array(count * 10);
  for (let i = 0; i < count; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < 10; c++) max = Math.max(max, logits[i * 10 + c] as number);
    let sum = 0;
    for (let c = 0; c < 10; c++) sum += Math.exp((logits[i * 10 + c] as number) - max);
    for (let c = 0; c < 10; c++) probs[i * 10 + c] = Math.exp((logits[i * 10 + c] as number) - max) / sum;
  }
  await run('opt-mnist softmax (caller-provided)', 'confident learning (both)', () =>
    screenDataset(
      { features, featureCount: 256, labels: y, probabilities: probs },
      { ...onlyLabels, knn: false, maxFindings: 1e6 },
    ),
  );
  // Baseline in the same run: flag every row whose argmax prediction differs from its label.
  const base = findLabelIssues(y, probs, { filter: 'confident_joint' });
  const argmax = y.map((_, i) => i).filter((i) => base.predicted[i] !== y[i]);
  rows.push({
    representation: 'opt-mnist softmax (caller-provided)',
    method: 'baseline: argmax ≠ label',
    ...precisionRecall(argmax, flipped),
    cpuSeconds: 0,
  });
  return { rows, flippedCount: flipped.size };
}

export interface BackdoorRow {
  representation: string;
  method: string;
  /** Share of the poisoned rows ranked in the target class's top 1.5 × poison count (Tran et al.'s protocol). */
  inTargetTop: number;
  /** Share of the poisoned rows ranked in the whole dataset's top 1.5 × poison count. */
  inGlobalTop: number;
  /** Classes the activation-clustering check called suspicious. */
  flaggedClasses: string;
  cpuSeconds: number;
}

/** Backdoor: 5% of 8,000 digits get a 3×3 white patch in the bottom-right corner and the label 0. */
export async function backdoor(count = 8000, target = 0) {
  const { images: clean, labels } = await loadMnist({ limit: count });
  const images = Float32Array.from(clean);
  const next = rng(2);
  const y = Array.from(labels);
  const poisoned = new Set<number>();
  const patch = (img: Float32Array, i: number) => {
    for (let r = 23; r < 26; r++) for (let c = 23; c < 26; c++) img[i * 784 + r * 28 + c] = 1;
  };
  while (poisoned.size < Math.round(0.05 * count)) {
    const i = Math.floor(next() * count);
    if (poisoned.has(i) || y[i] === target) continue;
    poisoned.add(i);
    y[i] = target;
    patch(images, i);
  }
  const rows: BackdoorRow[] = [];
  const budget = Math.round(1.5 * poisoned.size);
  const eval_ = (scores: Float64Array | undefined) => {
    if (!scores) return { inTargetTop: Number.NaN, inGlobalTop: Number.NaN };
    const all = y.map((_, i) => i);
    const inTarget = all.filter((i) => y[i] === target).sort((a, b) => (scores[b] as number) - (scores[a] as number));
    const global = all.slice().sort((a, b) => (scores[b] as number) - (scores[a] as number));
    const share = (list: number[]) => list.slice(0, budget).filter((i) => poisoned.has(i)).length / poisoned.size;
    return { inTargetTop: share(inTarget), inGlobalTop: share(global) };
  };
  const run = async (representation: string, rep: Float32Array, size: number) => {
    const c0 = cpu();
    const report = await screenDataset(
      { features: rep, featureCount: size, labels: y },
      {
        labelNoise: false,
        knn: false,
        outliers: false,
        isolationForest: false,
        duplicates: false,
        textDuplicates: false,
      },
    );
    const seconds = cpu() - c0;
    const flaggedClasses =
      report.findings
        .filter((f) => f.check === 'activation_cluster')
        .map((f) => f.reason.split(':')[0])
        .join('; ') || 'none';
    rows.push({
      representation,
      method: 'spectral signatures',
      ...eval_(report.scores.spectral),
      flaggedClasses: '',
      cpuSeconds: seconds,
    });
    rows.push({
      representation,
      method: 'activation clustering',
      ...eval_(report.scores.clustering),
      flaggedClasses,
      cpuSeconds: seconds,
    });
    console.log(representation, rows.slice(-2));
  };
  await run('pixels (784)', images, 784);
  const { features } = await mnistFeatures(await loadMnistModelBytes(), images, count);
  await run('opt-mnist penultimate layer (256, clean model)', features, 256);
  // The paper's setting: a model trained on the poisoned data, its hidden layer as the representation.
  const c0 = cpu();
  const mlp = createSurrogate({ sampleShape: [1, 28, 28], numClasses: 10, hidden: [128], seed: 3 });
  await trainSurrogate(mlp, { inputs: images, labels: y }, { epochs: 8, seed: 3, learningRate: 0.002 });
  const trainSeconds = cpu() - c0;
  const hidden = new Float32Array(count * 128);
  const w = mlp.weights[0] as Float64Array;
  const b = mlp.biases[0] as Float64Array;
  for (let i = 0; i < count; i++) {
    for (let h = 0; h < 128; h++) {
      let s = b[h] as number;
      for (let j = 0; j < 784; j++) {
        const v = images[i * 784 + j] as number;
        if (v !== 0) s += v * (w[j * 128 + h] as number);
      }
      hidden[i * 128 + h] = Math.max(s, 0);
    }
  }
  // Attack success: held-out digits (not the target class) with the patch, classified as the target.
  const { images: held, labels: heldLabels } = await loadMnist({ limit: 2000, offset: count });
  const patched = Float32Array.from(held);
  const others: number[] = [];
  for (let i = 0; i < 2000; i++)
    if (heldLabels[i] !== target) {
      others.push(i);
      patch(patched, i);
    }
  const probsP = await mlp.predict(patched, 2000);
  const probsC = await mlp.predict(Float32Array.from(held), 2000);
  const arg = (p: Float32Array | Float64Array, i: number) => {
    let a = 0;
    for (let c = 1; c < 10; c++) if ((p[i * 10 + c] as number) > (p[i * 10 + a] as number)) a = c;
    return a;
  };
  const asr = others.filter((i) => arg(probsP, i) === target).length / others.length;
  let cleanAcc = 0;
  for (let i = 0; i < 2000; i++) if (arg(probsC, i) === heldLabels[i]) cleanAcc++;
  cleanAcc /= 2000;
  console.log('MLP trained on poisoned data: clean accuracy', cleanAcc, 'attack success', asr, 'train s', trainSeconds);
  await run('hidden layer (128) of an MLP trained on the poisoned data', hidden, 128);
  return {
    rows,
    poisoned: poisoned.size,
    mlp: { cleanAccuracy: cleanAcc, attackSuccess: asr, trainCpuSeconds: trainSeconds },
  };
}
