/**
 * The feature-squeezing experiment on the MNIST CNN: calibrate the detector at 5% FPR on legitimate
 * digits, check the FPR on other legitimate digits, and measure its detection rate on adversarial digits
 * made by @modelsec/redteam: FGSM and PGD with finite-difference gradients through the model's public
 * predict (black box, 2 × 784 queries per gradient).
 */
import { type EvasionResult, fgsm, finiteDifferences, gradientFromFunction, pgd } from '@modelsec/redteam';
import {
  auroc,
  bitDepth,
  createSqueezeDetector,
  medianSmoothing,
  rateAbove,
  type SqueezeDetector,
  thresholdAtFpr,
} from '@modelsec/validators';
import { type Models, strided } from './setup.ts';

export interface AttackRow {
  attack: string;
  eps: number;
  samples: number;
  /** Fraction of correctly classified digits whose prediction the attack flipped. */
  successRate: number;
  /** Detection rate on the successful adversarial digits, at the calibrated threshold. */
  detectionSuccessful: number;
  /** Detection rate on every adversarial digit (failed attacks included). */
  detectionAll: number;
  /** AUROC of the detector score, fresh legitimate digits vs successful adversarial digits. */
  auroc: number;
  /** Detection of successful adversarial digits by each squeezer alone (its own 5% FPR threshold). */
  perSqueezer: Record<string, number>;
  queries: number;
  seconds: number;
}

export async function runDetection(
  models: Models,
  options: { fgsmSamples: number; pgdSamples: number; fgsmEps: number[]; pgdEps: number[] },
) {
  const model = models.batched;
  const detector = createSqueezeDetector(model, { squeezers: [bitDepth(1), medianSmoothing(2)] });
  const calibration = await strided(0, 4, 1000);
  const fresh = await strided(1, 4, 1000);
  const t0 = performance.now();
  const calibrated = await detector.calibrate(calibration.images, calibration.count, { fpr: 0.05 });
  const calibrationSeconds = (performance.now() - t0) / 1000;
  const calScores = await detector.score(calibration.images, calibration.count);
  const freshScores = await detector.score(fresh.images, fresh.count);
  const perSqueezerThreshold = detector.squeezers.map((_, q) =>
    thresholdAtFpr(calScores.distances[q] as Float64Array, 0.05),
  );
  const summary = {
    squeezers: detector.squeezers.map((s) => s.name),
    threshold: calibrated.threshold,
    calibrationDigits: calibration.count,
    calibrationFpr: calibrated.observedFpr,
    freshDigits: fresh.count,
    freshFpr: rateAbove(freshScores.scores, calibrated.threshold),
    calibrationSeconds,
  };
  console.log('calibrated', summary);

  const evaluate = async (r: EvasionResult, attack: string, eps: number, seconds: number): Promise<AttackRow> => {
    const s = await detector.score(r.adversarial, r.count);
    const successful = Array.from(s.scores).filter((_, i) => r.success[i] === 1);
    const perSqueezer: Record<string, number> = {};
    detector.squeezers.forEach((sq, q) => {
      const d = Array.from(s.distances[q] as Float64Array).filter((_, i) => r.success[i] === 1);
      perSqueezer[sq.name] = rateAbove(d, perSqueezerThreshold[q] as number);
    });
    const row: AttackRow = {
      attack,
      eps,
      samples: r.count,
      successRate: r.successRate,
      detectionSuccessful: rateAbove(successful, calibrated.threshold),
      detectionAll: rateAbove(s.scores, calibrated.threshold),
      auroc: successful.length ? auroc(freshScores.scores, successful) : Number.NaN,
      perSqueezer,
      queries: r.queries,
      seconds,
    };
    console.log(row);
    return row;
  };

  const rows: AttackRow[] = [];
  // FGSM: one finite-difference gradient per digit serves every ε.
  const attacked = await strided(2, 4, options.fgsmSamples);
  let t = performance.now();
  const fd = finiteDifferences(model);
  const g = await fd.gradient(attacked.images, attacked.labels, attacked.count);
  const gradientSeconds = (performance.now() - t) / 1000;
  console.log(`FGSM gradient: ${g.queries} queries, ${gradientSeconds.toFixed(0)} s`);
  const cached = gradientFromFunction(
    (inputs, _labels, count) => {
      if (inputs !== attacked.images || count !== attacked.count)
        throw new Error('cached gradient used on other inputs');
      return g.gradient;
    },
    { name: fd.name, loss: fd.loss },
  );
  for (const eps of options.fgsmEps) {
    t = performance.now();
    const r = await fgsm(model, { inputs: attacked.images, labels: attacked.labels }, { eps, gradient: cached });
    rows.push(
      await evaluate(
        { ...r, queries: r.queries + g.queries },
        'FGSM (L∞, finite differences)',
        eps,
        (performance.now() - t) / 1000 + gradientSeconds,
      ),
    );
  }
  const pgdDigits = await strided(2, 4, options.pgdSamples);
  for (const eps of options.pgdEps) {
    t = performance.now();
    const r = await pgd(
      model,
      { inputs: pgdDigits.images, labels: pgdDigits.labels },
      { eps, steps: 10, seed: 1, gradient: finiteDifferences(model) },
    );
    rows.push(
      await evaluate(
        r,
        'PGD (L∞, 10 steps, random start, early stop, finite differences)',
        eps,
        (performance.now() - t) / 1000,
      ),
    );
  }
  return { summary, rows, detector: detector as SqueezeDetector };
}
