/**
 * Membership inference against a classifier's public scores: the confidence attack (the top
 * probability, Salem et al. 2019 "ML-Leaks") and the loss attack (−cross-entropy of the true label,
 * Yeom et al. 2018). Thresholds are calibrated on shadow models trained by the attacker on data from the
 * same distribution (Shokri et al. 2017), then applied to the target; AUC needs no threshold. Wrap the
 * target in an output filter to measure how much the filter reduces the leak.
 */
import { afunction, ainteger, aobject, type Classifier, createRng, ModelSecRangeError } from '@modelsec/core';
import { type CheckedData, checkData, type LabeledData } from '../data';
import { toProbabilities } from '../scores';
import { atThreshold, bestThreshold, rocAuc } from './metrics';

/** The per-sample signals an attack thresholds. */
export type MembershipSignal = 'confidence' | 'loss';

/** Trains a shadow model on `train` (the attacker's own data), e.g. `mlpShadowTrainer(...)`. */
export type ShadowTrainer = (train: LabeledData, seed: number) => Promise<Classifier>;

/** Options of `membershipInference`. */
export interface MembershipOptions {
  /** Samples the target was trained on. */
  members: LabeledData;
  /** Samples from the same distribution the target never saw. */
  nonMembers: LabeledData;
  /**
   * Shadow calibration: `data` (disjoint from the target's data) is split in halves per shadow model,
   * one half trains the shadow (`train`), the other is its non-member set.
   */
  shadow?: { data: LabeledData; train: ShadowTrainer; models?: number };
  /** Signals to evaluate (default both). */
  signals?: readonly MembershipSignal[];
  /** Seed of the shadow splits (default 0). */
  seed?: number;
}

/** The result of one signal. */
export interface MembershipSignalResult {
  /** Which signal. */
  signal: MembershipSignal;
  /** ROC AUC of the signal on the target (0.5 = no leak). */
  auc: number;
  /** Threshold calibrated on the shadow models (NaN without shadows). */
  threshold: number;
  /** TPR − FPR on the target at the calibrated threshold (NaN without shadows). */
  advantage: number;
  /** TPR on the target at the calibrated threshold. */
  tpr: number;
  /** FPR on the target at the calibrated threshold. */
  fpr: number;
  /** The best TPR − FPR any threshold reaches on the target: an upper bound, not an attack. */
  oracleAdvantage: number;
  /** AUC of the signal on the shadow models' own members vs non-members. */
  shadowAuc: number;
}

/** What `membershipInference` returns. */
export interface MembershipResult {
  /** Number of member and non-member samples. */
  members: number;
  /** Number of non-member samples. */
  nonMembers: number;
  /** Target accuracy on members (train) and non-members (test): the generalisation gap drives the leak. */
  targetAccuracy: { members: number; nonMembers: number };
  /** Number of shadow models trained. */
  shadowModels: number;
  /** One entry per signal. */
  signals: MembershipSignalResult[];
  /** Queries to the target (members + non-members). */
  queries: number;
}

/**
 * Run confidence- and loss-threshold membership inference.
 *
 * @throws ValidationError for malformed data; AccessError `budget_exhausted` from a budgeted target.
 * @example
 * ```ts
 * const result = await membershipInference(target, {
 *   members, nonMembers, shadow: { data: attackerData, train: mlpShadowTrainer({ sampleShape: [1, 28, 28], numClasses: 10 }) },
 * });
 * result.signals[0].auc;
 * ```
 */
export async function membershipInference(target: Classifier, options: MembershipOptions): Promise<MembershipResult> {
  aobject(target as unknown, 'target');
  afunction(target.predict, 'target.predict');
  aobject(options as unknown, 'options');
  const members = checkData(target, options.members, 'options.members');
  const nonMembers = checkData(target, options.nonMembers, 'options.nonMembers');
  const signals = [...(options.signals ?? ['confidence', 'loss'])];
  for (const s of signals) {
    if (s !== 'confidence' && s !== 'loss') throw new ModelSecRangeError('"options.signals" holds an unknown signal');
  }
  const seed = options.seed ?? 0;
  const tIn = await signalScores(target, members);
  const tOut = await signalScores(target, nonMembers);

  const shadowIn: Record<MembershipSignal, number[]> = { confidence: [], loss: [] };
  const shadowOut: Record<MembershipSignal, number[]> = { confidence: [], loss: [] };
  let shadowModels = 0;
  if (options.shadow !== undefined) {
    aobject(options.shadow as unknown, 'options.shadow');
    afunction(options.shadow.train, 'options.shadow.train');
    const models = options.shadow.models ?? 1;
    ainteger(models, 'options.shadow.models', { min: 1, max: 1000 });
    const data = checkData(target, options.shadow.data, 'options.shadow.data');
    if (data.count < 2) throw new ModelSecRangeError('"options.shadow.data" needs at least 2 samples');
    const rng = createRng(seed);
    const d = target.sampleSize;
    for (let m = 0; m < models; m++) {
      const order = rng.shuffle(Array.from({ length: data.count }, (_, i) => i));
      const half = data.count >> 1;
      const inSet = subset(data, order.slice(0, half), d);
      const outSet = subset(data, order.slice(half, 2 * half), d);
      const shadow = await options.shadow.train({ inputs: inSet.inputs, labels: inSet.labels }, rng.fork().seed);
      const sIn = await signalScores(shadow, inSet);
      const sOut = await signalScores(shadow, outSet);
      for (const s of signals) {
        shadowIn[s].push(...sIn[s]);
        shadowOut[s].push(...sOut[s]);
      }
      shadowModels++;
    }
  }
  const results: MembershipSignalResult[] = signals.map((signal) => {
    const auc = rocAuc(tIn[signal], tOut[signal]);
    const oracle = bestThreshold(tIn[signal], tOut[signal]);
    if (shadowModels === 0) {
      const nan = Number.NaN;
      return {
        signal,
        auc,
        threshold: nan,
        advantage: nan,
        tpr: nan,
        fpr: nan,
        oracleAdvantage: oracle.advantage,
        shadowAuc: nan,
      };
    }
    const calibrated = bestThreshold(shadowIn[signal], shadowOut[signal]);
    const onTarget = atThreshold(tIn[signal], tOut[signal], calibrated.threshold);
    return {
      signal,
      auc,
      threshold: calibrated.threshold,
      advantage: onTarget.advantage,
      tpr: onTarget.tpr,
      fpr: onTarget.fpr,
      oracleAdvantage: oracle.advantage,
      shadowAuc: rocAuc(shadowIn[signal], shadowOut[signal]),
    };
  });
  return {
    members: members.count,
    nonMembers: nonMembers.count,
    targetAccuracy: { members: tIn.accuracy, nonMembers: tOut.accuracy },
    shadowModels,
    signals: results,
    queries: members.count + nonMembers.count,
  };
}

/** Confidence and loss signals (higher = more member-like) and accuracy of a model on labelled data. */
async function signalScores(
  model: Classifier,
  data: CheckedData,
): Promise<Record<MembershipSignal, number[]> & { accuracy: number }> {
  const k = model.numClasses;
  const probs = data.count
    ? toProbabilities(await model.predict(data.inputs, data.count), k, model.scores)
    : new Float64Array();
  const confidence: number[] = [];
  const loss: number[] = [];
  let correct = 0;
  for (let i = 0; i < data.count; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if ((probs[i * k + j] as number) > (probs[i * k + best] as number)) best = j;
    const y = data.labels[i] as number;
    if (best === y) correct++;
    confidence.push(probs[i * k + best] as number);
    loss.push(Math.log(Math.max(probs[i * k + y] as number, 1e-30)));
  }
  return { confidence, loss, accuracy: data.count ? correct / data.count : 0 };
}

function subset(data: CheckedData, indices: number[], d: number): CheckedData {
  const inputs = new Float32Array(indices.length * d);
  const labels = new Int32Array(indices.length);
  indices.forEach((s, i) => {
    inputs.set(data.inputs.subarray(s * d, (s + 1) * d), i * d);
    labels[i] = data.labels[s] as number;
  });
  return { count: indices.length, inputs, labels };
}
