/**
 * @modelsec/monitor: drift statistics (scipy/evidently semantics), dataset drift reports, streaming
 * drift detectors (river's defaults), model-extraction detection per client (PRADA) and security
 * alerting.
 *
 * @packageDocumentation
 */

export { createRng, type Rng } from '@modelsec/core';
export { type CellValue, type ColumnType, type Dataset, MAX_CELL_LENGTH, MAX_COLUMNS } from './drift/columns';
export { type CsvOptions, type CsvTable, parseCsv } from './drift/csv';
export {
  type CategoricalPlot,
  type ColumnDrift,
  type DetectDriftOptions,
  type DriftReport,
  detectDrift,
  type NumericalPlot,
} from './drift/detect';
export { escapeHtml } from './drift/html';
export { DEFAULT_THRESHOLDS, STATTESTS, type StatTestName } from './drift/stattests';
export {
  createExtractionMonitor,
  type ExtractionMonitor,
  type ExtractionMonitorOptions,
  type ExtractionObservation,
} from './extraction/prada';
export {
  checkExtractionState,
  type ExtractionClassState,
  type ExtractionClientState,
  type ExtractionStore,
  memoryExtractionStore,
} from './extraction/store';
export { createSecurityMonitor, type SecurityMonitor, type SecurityMonitorOptions } from './security/monitor';
export { callbackSink, consoleJsonSink, type WebhookSinkOptions, webhookSink } from './security/sinks';
export type {
  ActionHook,
  AlertGrouping,
  AlertRule,
  AlertSink,
  SecurityAlert,
  SecurityEvent,
  SecurityEventType,
} from './security/types';
export {
  type Category,
  type Chi2ContingencyResult,
  type ChiSquareTestResult,
  chi2Contingency,
  chiSquareTest,
} from './stats/chi2';
export { benjaminiHochberg, bonferroni, type CorrectionResult } from './stats/correction';
export { type CramerVonMisesOptions, type CramerVonMisesResult, cramerVonMisesTest } from './stats/cvm';
export {
  type BinnedDistanceOptions,
  type BinnedDistanceResult,
  type BinValue,
  jensenShannon,
  psi,
  type WassersteinResult,
  wasserstein,
} from './stats/distance';
export { type KsMethod, type KsTestOptions, type KsTestResult, ksTest } from './stats/ks';
export { type MmdTestOptions, type MmdTestResult, mmdTest } from './stats/mmd';
export { MAX_SAMPLE_SIZE } from './stats/sample';
export { SHAPIRO_MAX_N, type ShapiroWilkResult, shapiroWilk } from './stats/shapiro';
export { type ZTestResult, zTestProportions } from './stats/ztest';
export { type AdwinDetector, type AdwinOptions, adwin } from './stream/adwin';
export { type DdmOptions, ddm, type EddmOptions, eddm, type HddmAOptions, hddmA } from './stream/binary';
export { type KswinDetector, type KswinOptions, kswin } from './stream/kswin';
export {
  createPerformanceMonitor,
  createPredictionDriftMonitor,
  type PerformanceMonitor,
  type PerformanceMonitorOptions,
  type PerformanceState,
  type PredictionDriftMonitor,
  type PredictionDriftOptions,
  type PredictionDriftState,
} from './stream/monitors';
export { type PageHinkleyOptions, pageHinkley } from './stream/page-hinkley';
export type { DriftDetector } from './stream/types';
