/**
 * What `screenDataset` reports: findings (row ids, a score and a reason, never a row's values), a
 * summary per check, the per-row scores, and the data behind the HTML report's plots.
 */

/** The checks of the poisoning screen. */
export type DatasetCheck =
  | 'label_noise'
  | 'knn_disagreement'
  | 'outlier'
  | 'isolation_forest'
  | 'duplicate'
  | 'text_duplicate'
  | 'spectral_signature'
  | 'activation_cluster';

/** One finding. */
export interface DatasetFinding {
  /** Which check found it. */
  check: DatasetCheck;
  /** `warning`: likely a data problem (wrong label, conflicting duplicates, a poisoned cluster); `info`: worth a look. */
  severity: 'warning' | 'info';
  /** Row indices (0-based). */
  rows: number[];
  /** The caller's ids of those rows (the indices when no ids were given). */
  ids: (string | number)[];
  /** The check's score (see each check's description). */
  score: number;
  /** Why, in words: labels, counts and scores only. */
  reason: string;
}

/** Summary of one check. */
export interface CheckSummary {
  /** Check name. */
  check: DatasetCheck;
  /** False when the check could not run (e.g. no labels); `note` says why. */
  ran: boolean;
  /** Rows flagged (or groups, for duplicates; classes, for clustering). */
  flagged: number;
  /** Threshold used, when there is one. */
  threshold?: number;
  /** How the check ran or why it did not. */
  note?: string;
}

/** Per-row scores (row-aligned arrays), for your own thresholds and plots. */
export interface RowScores {
  /** `1 − p(given label)` from the out-of-sample probabilities. */
  labelNoise?: Float64Array;
  /** Share of neighbours with another label. */
  knnDisagreement?: Float64Array;
  /** Mahalanobis distance to the profile. */
  mahalanobis?: Float64Array;
  /** Robust z-score against the profile. */
  robustZ?: Float64Array;
  /** Isolation-forest score. */
  isolation?: Float64Array;
  /** Spectral-signature score (squared projection / class mean). */
  spectral?: Float64Array;
  /** Activation-clustering score (> 0 in the smaller cluster of the row's class). */
  clustering?: Float64Array;
}

/** Data behind the plots of the HTML report. */
export interface PlotData {
  /** Confident joint of given (rows) vs likely true (columns) labels. */
  confidentJoint?: number[][];
  /** Per-class two-cluster samples `[x, y, inSmaller]` of the suspicious classes (first two components). */
  clusters?: { label: number; share: number; silhouette: number; points: [number, number, number][] }[];
}

/** The result of `screenDataset`. */
export interface DatasetReport {
  /** Rows screened. */
  rowCount: number;
  /** Features per row (0 when only texts were given). */
  featureCount: number;
  /** Number of classes (0 without labels). */
  classCount: number;
  /** Rows per class. */
  labelCounts: number[];
  /** Class names, when given. */
  classNames?: string[];
  /** One summary per check, in the order they ran. */
  checks: CheckSummary[];
  /** Findings: warnings first, then by check and score. */
  findings: DatasetFinding[];
  /** Per-row scores. */
  scores: RowScores;
  /** Plot data. */
  plots: PlotData;
  /** JSON form (scores omitted unless `includeScores`). */
  toJSON(options?: { includeScores?: boolean }): Record<string, unknown>;
  /** A self-contained HTML page with inline SVG plots (histograms, confident joint, clusters) and the findings. */
  toHTML(options?: { title?: string; maxFindings?: number }): string;
}
