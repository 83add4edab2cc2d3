/**
 * `@modelsec/validators/dataset`: training-data security. Signed dataset manifests with lineage
 * (`createDatasetManifest`, `verifyLineage`), streaming PII screening of CSV / JSONL / text datasets
 * with a redacted copy (`screenPII`), and poisoning screens for labelled numeric data: confident
 * learning and kNN label checks, profile and isolation-forest outliers, exact and near duplicates
 * (vectors and texts) with conflicting labels, and backdoor screening by spectral signatures and
 * activation clustering (`screenDataset`, with `report.toHTML()`).
 *
 * @packageDocumentation
 */
export { type CsvOptions, type CsvParser, createCsvParser, csvLine } from './io/csv';
export { JSON_MAX_DEPTH, type JsonStringToken, scanJson } from './io/json-scan';
export { createLineSplitter, type LineSplitter } from './io/lines';
export {
  type CreateDatasetManifestOptions,
  type CreatedDatasetManifest,
  createDatasetManifest,
  type ParentInput,
} from './lineage/create';
export { MAX_MANIFEST_LENGTH, MAX_PARENTS, parseDatasetManifest } from './lineage/parse';
export {
  canonicalJson,
  DATASET_MANIFEST_FORMAT,
  DATASET_MANIFEST_VERSION,
  type DatasetLineage,
  type DatasetManifest,
  LINEAGE_RESOURCE,
  type ParentRef,
} from './lineage/types';
export {
  type LineageIssue,
  type LineageNode,
  type LineageReport,
  type VerifyLineageOptions,
  verifyLineage,
} from './lineage/verify';
export { isPlainNumber } from './pii/cells';
export { type RedactedSink, type ScreenPiiOptions, screenPII } from './pii/screen';
export type { PiiSample, PiiScreenReport } from './pii/tally';
export {
  type ActivationClusteringOptions,
  activationClustering,
  type ClusterClass,
  type ClusteringResult,
} from './poison/clustering';
export {
  confidentLearning,
  type FindLabelIssuesOptions,
  findLabelIssues,
  type LabelIssueFilter,
  type LabelIssues,
} from './poison/confident';
export { type DuplicateResult, type FindDuplicatesOptions, findDuplicates } from './poison/duplicates';
export { averagePathLength, type IsolationForestOptions, isolationForest } from './poison/iforest';
export {
  KNN_MAX_ROWS,
  type KnnDisagreement,
  knnLabelDisagreement,
  knnProbabilities,
  type Neighbors,
  nearestNeighbors,
} from './poison/knn';
export {
  findTextDuplicates,
  normalizeText,
  type TextDuplicateResult,
  type TextDuplicatesOptions,
} from './poison/minhash';
export { type OutOfFoldOptions, outOfFoldProbabilities } from './poison/oof';
export {
  type OutlierScores,
  type ProfileOutlierOptions,
  type ProfileOutliers,
  profileOutliers,
  tukeyFence,
} from './poison/outliers';
export { type DatasetInput, type ScreenDatasetOptions, screenDataset } from './poison/screen';
export { type SoftmaxModel, type SoftmaxRegressionOptions, trainSoftmaxRegression } from './poison/softmax';
export { type SpectralClass, type SpectralOptions, type SpectralResult, spectralSignatures } from './poison/spectral';
export { escapeXml } from './report/svg';
export type {
  CheckSummary,
  DatasetCheck,
  DatasetFinding,
  DatasetReport,
  PlotData,
  RowScores,
} from './report/types';
export type { DuplicateGroup } from './shared/groups';
