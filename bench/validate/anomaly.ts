/**
 * Anomaly scores of an input profile fitted on MNIST pixels: AUROC of test digits against
 * out-of-distribution inputs (uniform noise, inverted digits, digits with strong noise), and the detection
 * rate of each at the threshold calibrated for 5% FPR on held-out digits.
 */
import {
  auroc,
  calibrateProfile,
  fitInputProfile,
  type InputProfile,
  profileScores,
  rateAbove,
} from '@modelsec/validators';
import { strided, uniform } from './setup.ts';

export interface AnomalyRow {
  score: string;
  ood: string;
  auroc: number;
  /** Fraction of the OOD inputs above the 5%-FPR threshold. */
  detection: number;
  /** Fraction of fresh test digits above it. */
  fpr: number;
}

export async function runAnomaly(options: { train: number; components: number }) {
  const train = await strided(3, 4, options.train);
  const held = await strided(0, 4, 1000);
  const test = await strided(1, 4, 1000);
  const rnd = uniform(20261128);
  const ood: Record<string, Float32Array> = {
    'uniform noise': Float32Array.from({ length: test.count * 784 }, rnd),
    'inverted digits (1 − x)': test.images.map((x) => 1 - x),
    'digits + uniform noise ±0.3, clipped': test.images.map((x) => Math.min(1, Math.max(0, x + (rnd() - 0.5) * 0.6))),
    'blank (all 0)': new Float32Array(test.count * 784),
  };
  const t = performance.now();
  const fitted = fitInputProfile(train.images, { featureCount: 784, components: options.components });
  const fitSeconds = (performance.now() - t) / 1000;
  const options2 = { fpr: 0.05, aggregate: 'mean', cap: 10 } as const;
  const profile: InputProfile = calibrateProfile(fitted, held.images, options2);
  const rows: AnomalyRow[] = [];
  for (const method of ['mahalanobis', 'robustZ'] as const) {
    const label =
      method === 'mahalanobis'
        ? `Mahalanobis (Ledoit-Wolf, PCA k=${options.components})`
        : 'robust z-score (mean, cap 10)';
    const threshold = profile.calibration?.[method]?.threshold as number;
    const legit = profileScores(profile, test.images, method, options2);
    for (const [name, x] of Object.entries(ood)) {
      const s = profileScores(profile, x, method, options2);
      rows.push({
        score: label,
        ood: name,
        auroc: auroc(legit, s),
        detection: rateAbove(s, threshold),
        fpr: rateAbove(legit, threshold),
      });
    }
  }
  console.table(rows);
  return {
    rows,
    trainDigits: train.count,
    calibrationDigits: held.count,
    testDigits: test.count,
    shrinkage: profile.covariance?.shrinkage,
    fitSeconds,
  };
}
