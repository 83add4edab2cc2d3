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

export { createRng, type Rng } from '@modelsec/core';
export { type CheckedData, checkData, type InputBounds, type LabeledData } from './data';
export { type AccuracyCurve, accuracyCurve, type CurveOptions, type CurvePoint } from './evasion/curve';
export { fgsm } from './evasion/fgsm';
export { type HopSkipJumpOptions, hopSkipJump } from './evasion/hop-skip-jump';
export type { EvasionOptions, GradientAttackOptions } from './evasion/options';
export { type PgdOptions, pgd } from './evasion/pgd';
export type { EvasionResult, Norm } from './evasion/result';
export { type SquareOptions, square } from './evasion/square';
export {
  type ExtractionOptions,
  type ExtractionPoint,
  type ExtractionResult,
  extractModel,
} from './extraction/extract';
export type { QueryStrategy } from './extraction/strategies';
export {
  type Dataset,
  type DatasetOptions,
  gunzip,
  MAX_DATASET_VALUES,
  parseCsvDataset,
  parseIdxDataset,
  parseJsonDataset,
} from './formats';
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
export { canariesFromQuestion, findCanaries, makeCanary } from './llm/canary';
export { CORPUS_LIMITS, type InjectionCase, parseInjectionCorpus } from './llm/corpus';
export {
  type InjectionCaseResult,
  type InjectionJudge,
  type InjectionRate,
  type InjectionReport,
  type InjectionRunOptions,
  type LlmEndpoint,
  runPromptInjection,
} from './llm/run';
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
export { renderReportHtml } from './report/html';
export { type RobustnessReport, type RobustnessSuiteConfig, runRobustnessSuite } from './report/suite';
export { type EvasionSummary, summarizeEvasion } from './report/summary';
export { type ChartSeries, escapeHtml, type LineChart, lineChart } from './report/svg';
export { type LossKind, rowLoss, toProbabilities } from './scores';
export { surrogateGradient } from './surrogate/gradient';
export { createSurrogate, type Surrogate, type SurrogateOptions } from './surrogate/mlp';
export { type TrainingData, type TrainOptions, type TrainReport, trainSurrogate } from './surrogate/train';
