/**
 * `detectDrift(reference, current, options)`: evidently-style dataset drift. Each column gets a
 * test chosen by type and size (overridable per column), a drift decision against its threshold,
 * optional multiple-testing correction of the p-value tests, and plot data (histogram shares and
 * ECDFs for numerical columns, category shares otherwise). The dataset drifts when the share of
 * drifted columns reaches `driftShare` (default 0.5, as evidently).
 */
import { anumber, aoneOf, ModelSecTypeError, ValidationError } from '@modelsec/core';
import { histogram, sturgesEdges } from '../stats/binning';
import { benjaminiHochberg, bonferroni } from '../stats/correction';
import { checkOptions } from '../stats/sample';
import { sortFloat64 } from '../stats/sort';
import { type CleanColumn, type ColumnType, cleanColumn, columnNames, type Dataset, MAX_COLUMNS } from './columns';
import { renderDriftHtml } from './html';
import {
  ALLOWED_TYPES,
  DEFAULT_THRESHOLDS,
  defaultStatTest,
  isDrift,
  runStatTest,
  STATTESTS,
  type StatTestName,
} from './stattests';

/** Options of {@link detectDrift}. */
export interface DetectDriftOptions {
  /** Columns to test (default: every column of the reference). */
  columns?: readonly string[];
  /** Force column types (default: numerical when every present value is a number). */
  columnTypes?: Readonly<Record<string, ColumnType>>;
  /** A test for every column, or per column; default: evidently's choice by type and size. */
  stattest?: StatTestName | Readonly<Record<string, StatTestName>>;
  /** A threshold for every column, or per column; default: the test's default. */
  threshold?: number | Readonly<Record<string, number>>;
  /** Share of drifted columns at which the dataset drifts (default 0.5). */
  driftShare?: number;
  /** Correct the p-value tests' decisions for multiple testing (default `'none'`, as evidently). */
  correction?: 'none' | 'bonferroni' | 'benjamini-hochberg';
}

/** Plot data of a numerical column. */
export interface NumericalPlot {
  /** Discriminant. */
  kind: 'numerical';
  /** Histogram bin edges (sturges over the pooled values). */
  edges: number[];
  /** Reference share per bin. */
  reference: number[];
  /** Current share per bin. */
  current: number[];
  /** ECDF evaluation points. */
  ecdfX: number[];
  /** Reference ECDF at `ecdfX`. */
  ecdfReference: number[];
  /** Current ECDF at `ecdfX`. */
  ecdfCurrent: number[];
}

/** Plot data of a categorical column. */
export interface CategoricalPlot {
  /** Discriminant. */
  kind: 'categorical';
  /** Categories (the 30 most frequent overall). */
  categories: string[];
  /** Reference share per category. */
  reference: number[];
  /** Current share per category. */
  current: number[];
}

/** Drift result of one column. */
export interface ColumnDrift {
  /** Column name. */
  column: string;
  /** Column type used. */
  type: ColumnType;
  /** Test used. */
  stattest: StatTestName;
  /** Whether `score` is a p-value or a distance. */
  kind: 'p_value' | 'distance';
  /** The p-value or distance. */
  score: number;
  /** Corrected p-value when a correction is on (else equal to `score`). */
  adjustedScore: number;
  /** Threshold used. */
  threshold: number;
  /** Whether the column drifted. */
  drifted: boolean;
  /** Present values in reference and current. */
  count: { reference: number; current: number };
  /** Missing cells in reference and current. */
  missing: { reference: number; current: number };
  /** Plot data. */
  plot: NumericalPlot | CategoricalPlot;
}

/** The result of {@link detectDrift}. */
export interface DriftReport {
  /** One entry per tested column. */
  columns: ColumnDrift[];
  /** Number of drifted columns. */
  driftedColumns: number;
  /** drifted / tested. */
  share: number;
  /** The driftShare used. */
  driftShare: number;
  /** Whether the dataset drifted (share ≥ driftShare). */
  datasetDrift: boolean;
  /** The correction applied. */
  correction: 'none' | 'bonferroni' | 'benjamini-hochberg';
  /** A self-contained HTML page with per-column histograms and ECDFs as inline SVG. */
  toHTML(options?: { title?: string }): string;
}

/**
 * Compare a current dataset with a reference dataset column by column.
 *
 * @throws ValidationError for empty/malformed tables or a column missing from `current`;
 * ModelSecTypeError/RangeError for bad options.
 * @example
 * ```ts
 * const report = detectDrift({ age: refAges, city: refCities }, { age: curAges, city: curCities });
 * if (report.datasetDrift) alert(report.columns.filter((c) => c.drifted).map((c) => c.column));
 * const html = report.toHTML();
 * ```
 */
export function detectDrift(reference: Dataset, current: Dataset, options: DetectDriftOptions = {}): DriftReport {
  checkOptions(options);
  const driftShare = options.driftShare ?? 0.5;
  anumber(driftShare, 'driftShare', { min: 0, max: 1 });
  const correction = options.correction ?? 'none';
  aoneOf(correction, 'correction', ['none', 'bonferroni', 'benjamini-hochberg'] as const);
  const names: string[] = options.columns
    ? Array.from(options.columns as ArrayLike<string>)
    : columnNames(reference, 'reference');
  if (!names.every((n) => typeof n === 'string')) throw new ModelSecTypeError('"columns" expected strings');
  if (names.length === 0) throw new ValidationError('empty_input', 'no columns to compare');
  if (names.length > MAX_COLUMNS) throw new ValidationError('too_large', `more than ${MAX_COLUMNS} columns`);
  const results: ColumnDrift[] = [];
  for (const name of names) {
    const ref = cleanColumn(reference, name, 'reference');
    const cur = cleanColumn(current, name, 'current');
    if (ref.values.length === 0 || cur.values.length === 0) {
      throw new ValidationError(
        'empty_input',
        `column #${names.indexOf(name)} has no values in ${ref.values.length ? 'current' : 'reference'}`,
      );
    }
    const forced: ColumnType | undefined = pick<ColumnType>(options.columnTypes, name);
    if (forced !== undefined) aoneOf(forced, 'columnTypes', ['numerical', 'categorical'] as const);
    const type: ColumnType = forced ?? (ref.allNumbers && cur.allNumbers ? 'numerical' : 'categorical');
    if (type === 'numerical' && !(ref.allNumbers && cur.allNumbers)) {
      throw new ValidationError(
        'invalid_value',
        `column #${names.indexOf(name)} is numerical but has non-number values`,
      );
    }
    const distinct = new Set([...ref.values, ...cur.values]).size;
    const stattest: StatTestName =
      pick<StatTestName>(options.stattest, name) ?? defaultStatTest(type, ref.values.length, distinct);
    aoneOf(stattest, 'stattest', STATTESTS);
    if (!ALLOWED_TYPES[stattest].includes(type)) {
      throw new ModelSecTypeError(`"stattest" ${stattest} does not accept ${type} columns`);
    }
    const threshold: number = pick<number>(options.threshold, name) ?? DEFAULT_THRESHOLDS[stattest];
    anumber(threshold, 'threshold', { min: 0 });
    const outcome = runStatTest(stattest, ref.values, cur.values, type);
    results.push({
      column: name,
      type,
      stattest,
      kind: outcome.kind,
      score: outcome.score,
      adjustedScore: outcome.score,
      threshold,
      drifted: isDrift(stattest, outcome, threshold),
      count: { reference: ref.values.length, current: cur.values.length },
      missing: { reference: ref.missing, current: cur.missing },
      plot: type === 'numerical' ? numericalPlot(ref, cur) : categoricalPlot(ref, cur),
    });
  }
  if (correction !== 'none') {
    const tested = results.filter((r) => r.kind === 'p_value');
    if (tested.length > 0) {
      const adjust = correction === 'bonferroni' ? bonferroni : benjaminiHochberg;
      const { adjusted } = adjust(tested.map((r) => r.score));
      tested.forEach((r, i) => {
        r.adjustedScore = adjusted[i] as number;
        r.drifted = isDrift(r.stattest, { score: r.adjustedScore, kind: 'p_value' }, r.threshold);
      });
    }
  }
  const driftedColumns = results.filter((r) => r.drifted).length;
  const share = driftedColumns / results.length;
  const report: DriftReport = {
    columns: results,
    driftedColumns,
    share,
    driftShare,
    datasetDrift: share >= driftShare,
    correction,
    toHTML: (htmlOptions) => renderDriftHtml(report, htmlOptions),
  };
  return report;
}

function pick<T>(option: T | Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  if (option === undefined) return undefined;
  if (typeof option === 'object' && option !== null) {
    return Object.hasOwn(option, name) ? (option as Record<string, T>)[name] : undefined;
  }
  return option as T;
}

const ECDF_POINTS = 200;
const MAX_BINS = 60;

function numericalPlot(ref: CleanColumn, cur: CleanColumn): NumericalPlot {
  const r = sortFloat64(Float64Array.from(ref.values as number[]));
  const c = sortFloat64(Float64Array.from(cur.values as number[]));
  const pooled = new Float64Array(r.length + c.length);
  pooled.set(r);
  pooled.set(c, r.length);
  let edges = sturgesEdges(pooled);
  if (edges.length - 1 > MAX_BINS) {
    const lo = edges[0] as number;
    const hi = edges[edges.length - 1] as number;
    edges = Float64Array.from({ length: MAX_BINS + 1 }, (_, i) =>
      i === MAX_BINS ? hi : lo + ((hi - lo) * i) / MAX_BINS,
    );
  }
  const hr = histogram(r, edges);
  const hc = histogram(c, edges);
  const lo = Math.min(r[0] as number, c[0] as number);
  const hi = Math.max(r[r.length - 1] as number, c[c.length - 1] as number);
  const ecdfX: number[] = [];
  for (let i = 0; i < ECDF_POINTS; i++) ecdfX.push(lo + ((hi - lo) * i) / (ECDF_POINTS - 1));
  return {
    kind: 'numerical',
    edges: Array.from(edges),
    reference: Array.from(hr, (v) => v / r.length),
    current: Array.from(hc, (v) => v / c.length),
    ecdfX,
    ecdfReference: ecdfAt(r, ecdfX),
    ecdfCurrent: ecdfAt(c, ecdfX),
  };
}

function ecdfAt(sorted: Float64Array, xs: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  for (const x of xs) {
    while (i < sorted.length && (sorted[i] as number) <= x) i++;
    out.push(i / sorted.length);
  }
  return out;
}

function categoricalPlot(ref: CleanColumn, cur: CleanColumn): CategoricalPlot {
  const counts = new Map<string, [number, number]>();
  for (const v of ref.values) {
    const k = String(v);
    const e = counts.get(k) ?? [0, 0];
    e[0]++;
    counts.set(k, e);
  }
  for (const v of cur.values) {
    const k = String(v);
    const e = counts.get(k) ?? [0, 0];
    e[1]++;
    counts.set(k, e);
  }
  const top = [...counts.entries()].sort((a, b) => b[1][0] + b[1][1] - (a[1][0] + a[1][1])).slice(0, 30);
  return {
    kind: 'categorical',
    categories: top.map(([k]) => k),
    reference: top.map(([, [a]]) => a / ref.values.length),
    current: top.map(([, [, b]]) => b / cur.values.length),
  };
}
