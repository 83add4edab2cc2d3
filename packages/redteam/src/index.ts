/**
 * @modelsec/redteam: adversarial testing of the models you ship. Evasion (FGSM, PGD, Square,
 * HopSkipJump), extraction (surrogate training with natural, random and Jacobian queries), membership
 * inference (confidence and loss thresholds with shadow calibration), prompt-injection runs against LLM
 * endpoints, and robustness reports. Every attack talks to the model through core's `Classifier`
 * contract, so budgets (`withQueryBudget`) and output filters apply exactly as an attacker meets them.
 * All randomness is seeded.
 *
 * @packageDocumentation
 */
export { type CheckedData, checkData, type InputBounds, type LabeledData } from './data';
export { type AccuracyCurve, accuracyCurve, type CurveOptions, type CurvePoint } from './evasion/curve';
export { fgsm } from './evasion/fgsm';
export type { EvasionOptions, GradientAttackOptions } from './evasion/options';
export { type PgdOptions, pgd } from './evasion/pgd';
export type { EvasionResult, Norm } from './evasion/result';
export {
  type ExtractionOptions,
  type ExtractionPoint,
  type ExtractionResult,
  extractModel,
} from './extraction/extract';
export type { QueryStrategy } from './extraction/strategies';
export {
  type FiniteDifferenceOptions,
  finiteDifferences,
  type NesOptions,
  nesGradient,
} from './gradient/finite-differences';
export {
  type GradientFunction,
  type GradientResult,
  type GradientSource,
  gradientFromFunction,
} from './gradient/types';
export {
  type MembershipOptions,
  type MembershipResult,
  type MembershipSignal,
  type MembershipSignalResult,
  membershipInference,
  type ShadowTrainer,
} from './membership/attack';
export { atThreshold, bestThreshold, rocAuc, type ThresholdPoint } from './membership/metrics';
export { type MlpShadowOptions, mlpShadowTrainer } from './membership/shadow';
export {
  type BatchableModel,
  makeBatchable,
  type OnnxSignature,
  type OnnxTensorInfo,
  readOnnxSignature,
} from './model/onnx';
export { createRng, type Rng } from './rng';
export { type LossKind, rowLoss, toProbabilities } from './scores';
export { surrogateGradient } from './surrogate/gradient';
export { createSurrogate, type Surrogate, type SurrogateOptions } from './surrogate/mlp';
export { type TrainingData, type TrainOptions, type TrainReport, trainSurrogate } from './surrogate/train';
