/** Classifier output rules: gating, coarsening and perturbation against extraction and membership inference. */
export {
  type ConfidenceThresholdOptions,
  confidenceThreshold,
  type LabelOnlyOptions,
  labelOnly,
  type TopKOptions,
  topK,
} from './gate';
export { npAround, npSum, rint } from './numpy';
export {
  type NoiseOptions,
  noise,
  type ReverseSigmoidOptions,
  reverseSigmoid,
  roundProbabilities,
} from './perturb';
export { type ClassifierOutput, MAX_SCORES, type ProbabilityBatch, type ProbabilityRow } from './scores';
export { fromLogits, type ValidateProbabilitiesOptions, validateProbabilities } from './validate';
export { filterClassifier } from './wrap';
