/**
 * The service's input and output guards, built from the artifacts the release step fitted on
 * legitimate digits (`guards.json`): malformed pixels are refused, out-of-distribution images
 * (noise, inverted, blank) are refused by a robust z-score fitted on MNIST, adversarial digits by
 * feature squeezing; answers go through `filterOutput` (abstain below 60% confidence, top-3 rounded
 * scores), and clients flagged as extraction attackers get reverse-sigmoid-perturbed, label-level
 * answers instead.
 */
import type { AnyRule, Classifier } from '@modelsec/core';
import {
  confidenceThreshold,
  DEFAULT_SAFE_RESPONSE,
  filterOutput,
  type Incident,
  labelOnly,
  reverseSigmoid,
  roundProbabilities,
  topK,
} from '@modelsec/filters';
import {
  bitDepth,
  createSqueezeDetector,
  featureRanges,
  finiteValues,
  type InputProfile,
  medianSmoothing,
  normBound,
  parseInputProfile,
  robustZRule,
  squeezeRule,
} from '@modelsec/validators';

/** What the release step fitted (the `guards.json` file). */
export interface GuardArtifacts {
  /** The MNIST input profile (robust z-score calibrated on held-out digits). */
  profile: InputProfile;
  /** Feature-squeezing threshold calibrated on held-out digits. */
  squeezeThreshold: number;
  /** Target false-positive rates the thresholds were calibrated at. */
  fpr: { anomaly: number; adversarial: number };
  /** Top-class confidences of legitimate digits: the reference of the prediction drift monitor. */
  referenceConfidences: number[];
}

/** Parse and check `guards.json` (a tampered or truncated file is a ValidationError, not a silent mis-scoring). */
export function parseGuardArtifacts(text: string): GuardArtifacts {
  const raw = JSON.parse(text) as Record<string, unknown>;
  const profile = parseInputProfile(raw.profile as object);
  const { squeezeThreshold, fpr, referenceConfidences } = raw;
  if (typeof squeezeThreshold !== 'number' || !(squeezeThreshold > 0)) throw new TypeError('bad squeezeThreshold');
  const rate = (v: unknown) => typeof v === 'number' && v > 0 && v < 1;
  const f = fpr as GuardArtifacts['fpr'];
  if (typeof fpr !== 'object' || fpr === null || !rate(f.anomaly) || !rate(f.adversarial))
    throw new TypeError('bad fpr');
  if (!Array.isArray(referenceConfidences) || !referenceConfidences.every((v) => typeof v === 'number'))
    throw new TypeError('bad referenceConfidences');
  return {
    profile,
    squeezeThreshold,
    fpr: { anomaly: f.anomaly, adversarial: f.adversarial },
    referenceConfidences: referenceConfidences as number[],
  };
}

/** How the robust z-score aggregates pixels (the release step calibrates with the same options). */
export const ROBUST_Z = { aggregate: 'mean', cap: 10 } as const;

/** The input rules, cheapest first: the model-calling squeeze detector runs last. */
export function inputRules(model: Classifier, artifacts: GuardArtifacts): AnyRule[] {
  const detector = createSqueezeDetector(model, { squeezers: [bitDepth(1), medianSmoothing(2)] });
  return [
    finiteValues(), // NaN / Infinity: non_finite
    featureRanges({ min: 0, max: 1 }), // pixels are pixel/255: out_of_range
    normBound({ p: 1, min: 10, featureCount: 784 }), // a blank (or nearly blank) canvas is not a digit
    robustZRule(artifacts.profile, ROBUST_Z), // noise, inverted or scaled images: anomalous_input
    squeezeRule(detector, { threshold: artifacts.squeezeThreshold }), // adversarial_input
  ];
}

/** Abstain below this top-class probability (the design's "Unable to provide prediction"). */
export const MIN_CONFIDENCE = 0.6;

/** Output rules for ordinary clients: abstain when unsure, reveal only the top 3 classes, 2 decimals. */
export const STANDARD_OUTPUT: readonly AnyRule[] = [
  confidenceThreshold(MIN_CONFIDENCE),
  topK(3),
  roundProbabilities(2),
];

/**
 * Output rules for a client the extraction monitor flagged: the label survives (β ≤ 1 keeps a class
 * above ½ on top) but the scores a surrogate would learn from are perturbed, then reduced to the label.
 */
export const HARDENED_OUTPUT: readonly AnyRule[] = [
  confidenceThreshold(MIN_CONFIDENCE),
  reverseSigmoid({ beta: 1, gamma: 0.1 }),
  labelOnly({ output: 'onehot' }),
];

/** The answer the service returns. */
export interface Answer {
  /** Predicted digit, or the safe response when the model abstained. */
  digit: number | typeof DEFAULT_SAFE_RESPONSE;
  /** Scores the client may see (top 3 rounded, or one-hot for flagged clients); absent on abstention. */
  scores?: Record<string, number>;
  /** Which output policy applied. */
  policy: 'standard' | 'hardened';
}

/** Filter the model's probabilities for a client. */
export async function filterAnswer(
  probabilities: Float32Array,
  hardened: boolean,
  onIncident: (incident: Incident) => void,
): Promise<Answer> {
  const policy = hardened ? 'hardened' : 'standard';
  const result = await filterOutput(Array.from(probabilities), hardened ? HARDENED_OUTPUT : STANDARD_OUTPUT, {
    onIncident,
    meta: { policy },
  });
  if (result.usedSafeResponse) return { digit: DEFAULT_SAFE_RESPONSE, policy };
  const row = result.output as number[];
  const scores: Record<string, number> = {};
  let digit = 0;
  row.forEach((p, k) => {
    if (p > 0) scores[String(k)] = p;
    if (p > (row[digit] as number)) digit = k;
  });
  return { digit, scores, policy };
}
