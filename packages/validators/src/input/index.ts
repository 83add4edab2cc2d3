/**
 * validateInput for numeric models: the validate/check entry points, tensor and schema rules, per-feature
 * ranges and vocabularies, norms, image checks, sanitizers, fitted input profiles with anomaly scores, and
 * the feature-squeezing adversarial detector.
 */
export { finding, type RuleAction } from './finding';
export {
  auroc,
  type CalibrateProfileOptions,
  calibrateProfile,
  rateAbove,
  thresholdAtFpr,
} from './profile/calibrate';
export {
  DEFAULT_QUANTILES,
  type FitInputProfileOptions,
  FULL_COVARIANCE_MAX_FEATURES,
  fitInputProfile,
  quantileSorted,
} from './profile/fit';
export { type ParseInputProfileOptions, parseInputProfile } from './profile/json';
export {
  type AnomalyRuleOptions,
  mahalanobisRule,
  type ProfileRangeOptions,
  profileRange,
  robustZRule,
} from './profile/rules';
export {
  createProfileScorer,
  MAD_TO_STD,
  MEAN_AD_TO_STD,
  type ProfileScoreMethod,
  type ProfileScorer,
  profileScores,
  type RobustZOptions,
} from './profile/score';
export {
  type Calibration,
  type FullCovariance,
  INPUT_PROFILE_FORMAT,
  INPUT_PROFILE_VERSION,
  type InputProfile,
  type PcaCovariance,
  type RobustZCalibration,
  type ZAggregate,
} from './profile/types';
export {
  type CategoriesOptions,
  categories,
  type FeatureRangesOptions,
  featureRanges,
  type Vocabulary,
} from './rules/features';
export {
  type ImageDataLike,
  type ImageGeometry,
  type ImageLayout,
  type ImageRuleOptions,
  imageGeometry,
  imageRule,
  type SizeSpec,
} from './rules/image';
export { type NormBoundOptions, type NormKind, normBound } from './rules/norms';
export { type QuantizeOptions, quantize } from './rules/sanitize';
export {
  type SchemaRuleOptions,
  type StandardIssue,
  type StandardResult,
  type StandardSchemaV1,
  schemaRule,
} from './rules/schema';
export {
  type DenormalsOptions,
  type DimSpec,
  denormals,
  type FiniteValuesOptions,
  finiteValues,
  type TensorShapeOptions,
  tensorDtype,
  tensorShape,
} from './rules/tensor';
export {
  createSqueezeDetector,
  type SqueezeDetector,
  type SqueezeDetectorOptions,
  type SqueezeRuleOptions,
  type SqueezeScores,
  squeezeRule,
} from './squeeze/detector';
export { type NonLocalMeansOptions, nonLocalMeans } from './squeeze/non-local-means';
export {
  bitDepth,
  medianSmoothing,
  quantizeValue,
  rint,
  type SampleGeometry,
  type Squeezer,
} from './squeeze/squeezers';
export {
  DEFAULT_MAX_ELEMENTS,
  DEFAULT_MAX_RANK,
  isOrtTensorLike,
  type NestedNumbers,
  type NumericTypedArray,
  type OrtTensorLike,
  outputLike,
  readSamples,
  readTensor,
  rebuildTensor,
  type SampleBatch,
  sampleCount,
  type TensorDtype,
  type TensorInput,
  type TensorLimits,
  type TensorView,
  typedArrayDtype,
} from './tensor';
export {
  checkInput,
  type SuspiciousInfo,
  type ValidatedInput,
  type ValidateInputOptions,
  validateInput,
  validateInputSync,
} from './validate';
