/**
 * `screenDataset()`: the poisoning screen of a labelled dataset in one call. Label noise by confident
 * learning (out-of-fold softmax regression averaged with leave-one-out kNN votes, or the caller's
 * probabilities) and kNN label disagreement; outliers from an input profile and an isolation forest;
 * exact and near duplicates of vectors and texts, with conflicting labels; backdoor screening by
 * spectral signatures and activation clustering on the caller's representations. Returns a report
 * whose findings list row ids, a score and a reason, with `toJSON()` and `toHTML()`.
 */
import { aobject, describeValue, ModelSecTypeError, ValidationError } from '@modelsec/core';
import { attachRendering } from '../report/html';
import type { CheckSummary, DatasetFinding, DatasetReport, PlotData, RowScores } from '../report/types';
import { type Matrix, readLabels, readMatrix } from '../shared/data';
import { type ActivationClusteringOptions, clusterClasses } from './clustering';
import { confidentLearning, type LabelIssueFilter } from './confident';
import { duplicates, type FindDuplicatesOptions } from './duplicates';
import { forestScores, type IsolationForestOptions } from './iforest';
import { disagreement, knn, knnProbabilities } from './knn';
import { type TextDuplicatesOptions, textDuplicates } from './minhash';
import { oofSoftmax } from './oof';
import { outliers, type ProfileOutlierOptions } from './outliers';
import { reduce } from './reduce';
import { spectral } from './spectral';

/** The data to screen: numeric rows and/or texts, with optional labels and ids. */
export interface DatasetInput {
  /** `n × d` numeric rows (features, pixels, embeddings): nested arrays, a typed array with `featureCount`, a tensor. */
  features?: unknown;
  /** Features per row, for a flat typed array. */
  featureCount?: number;
  /** `n` class ids. */
  labels?: ArrayLike<number>;
  /** Number of classes (default: largest label + 1). */
  classCount?: number;
  /** Class names, used in reasons. */
  classNames?: readonly string[];
  /** One text per row (captions, prompts, documents): near-duplicate screening. */
  texts?: readonly string[];
  /** The caller's row ids (default: the row indices). */
  ids?: readonly (string | number)[];
  /** `n × classCount` out-of-sample probabilities (e.g. from your own cross-validated model). */
  probabilities?: ArrayLike<number>;
  /** `n × r` representations for the backdoor screens (default: `features`). */
  representations?: unknown;
  /** Values per representation, for a flat typed array. */
  representationSize?: number;
}

/** Options of `screenDataset`; set a check to `false` to skip it. */
export interface ScreenDatasetOptions {
  /** Seed of every random choice (default 0). */
  seed?: number;
  /** Principal components of the working space for data wider than 64 features (default 32). */
  components?: number;
  /** Confident learning: pruning rule (default `both`), folds (5), epochs (20), probability model (`both`). */
  labelNoise?:
    | false
    | { filter?: LabelIssueFilter; folds?: number; epochs?: number; model?: 'both' | 'softmax' | 'knn' };
  /** kNN label disagreement: neighbours (10) and the share of disagreeing neighbours that flags (0.8). */
  knn?: false | { k?: number; threshold?: number };
  /** Input-profile outliers (Mahalanobis and robust z; Tukey fence 3 unless the profile is calibrated). */
  outliers?: false | Omit<ProfileOutlierOptions, 'featureCount'>;
  /** Isolation forest on the working space; rows scoring above `threshold` (default 0.65) are flagged. */
  isolationForest?: false | (Omit<IsolationForestOptions, 'featureCount'> & { threshold?: number });
  /** Exact and near duplicates of the features. */
  duplicates?: false | Omit<FindDuplicatesOptions, 'labels' | 'featureCount'>;
  /** Exact and near duplicates of the texts. */
  textDuplicates?: false | Omit<TextDuplicatesOptions, 'labels'>;
  /** Backdoor screens: `epsilon` (poison share bound, default 0.05) and activation-clustering options. */
  backdoor?: false | ({ epsilon?: number } & Omit<ActivationClusteringOptions, 'featureCount' | 'classCount'>);
  /** Most findings kept per check (default 500; the summaries count all). */
  maxFindings?: number;
  /** Stops between checks. */
  signal?: AbortSignal;
  /** Called before each check with its name. */
  onProgress?: (check: string) => void;
}

/**
 * Screen a labelled dataset for label noise, outliers, duplicates and backdoors.
 *
 * @param data - features and/or texts, labels, ids, optional probabilities and representations.
 * @returns a report with findings, summaries, per-row scores, `toJSON()` and `toHTML()`.
 * @throws ValidationError for malformed data (non-finite values, label/row count mismatch, bad probabilities).
 * @example
 * ```ts
 * const report = await screenDataset({ features: pixels, featureCount: 784, labels }, { seed: 1 });
 * for (const f of report.findings.filter((f) => f.severity === 'warning')) console.log(f.check, f.ids, f.reason);
 * await writeFile('screen.html', report.toHTML());
 * ```
 */
export async function screenDataset(data: DatasetInput, options: ScreenDatasetOptions = {}): Promise<DatasetReport> {
  aobject(data as unknown, 'data');
  aobject(options as unknown, 'options');
  const seed = options.seed ?? 0;
  const maxFindings = options.maxFindings ?? 500;
  const m =
    data.features === undefined
      ? undefined
      : readMatrix(data.features, 'features', { featureCount: data.featureCount });
  if (data.texts !== undefined && !Array.isArray(data.texts)) {
    throw new ModelSecTypeError(`"data.texts" expected an array of strings, got ${describeValue(data.texts)}`);
  }
  const n = m?.n ?? data.texts?.length ?? 0;
  if (n === 0) throw new ValidationError('empty_input', 'the dataset has no rows (give features or texts)');
  if (m && data.texts && data.texts.length !== n) {
    throw new ValidationError('invalid_shape', `${data.texts.length} texts for ${n} feature rows`);
  }
  const labels = data.labels === undefined ? undefined : readLabels(data.labels, n, data.classCount);
  const y = labels?.y;
  const k = labels?.classCount ?? 0;
  const ids = readIds(data.ids, n);
  const name = (c: number) => data.classNames?.[c] ?? String(c);
  const checks: CheckSummary[] = [];
  const findings: DatasetFinding[] = [];
  const scores: RowScores = {};
  const plots: PlotData = {};
  const idsOf = (rows: number[]) => rows.map((r) => ids?.[r] ?? r);
  const push = (f: Omit<DatasetFinding, 'ids'>) => findings.push({ ...f, ids: idsOf(f.rows) });
  const step = async (check: string) => {
    options.signal?.throwIfAborted();
    options.onProgress?.(check);
    await Promise.resolve();
  };
  const skip = (check: CheckSummary['check'], note: string) => checks.push({ check, ran: false, flagged: 0, note });

  const work = m && m.n > 2 ? reduce(m, { components: options.components ?? 32, seed }) : undefined;
  const kNeighbors = options.knn === false ? 10 : (options.knn?.k ?? 10);
  let neighbors: ReturnType<typeof knn> | undefined;
  const needNeighbors = y && work && (options.knn !== false || (options.labelNoise !== false && !data.probabilities));
  if (needNeighbors && work) {
    await step('neighbors');
    neighbors = knn(work, Math.min(kNeighbors, work.n - 1));
  }

  // Label noise: confident learning.
  if (options.labelNoise !== false) {
    await step('label_noise');
    const cfg = options.labelNoise ?? {};
    if (!y) skip('label_noise', 'no labels');
    else if (k < 2) skip('label_noise', 'fewer than two classes');
    else if (!data.probabilities && !work) skip('label_noise', 'no features and no probabilities');
    else {
      let probs: Float64Array;
      let how: string;
      if (data.probabilities) {
        probs = checkProbabilities(data.probabilities, n, k);
        how = 'caller-provided probabilities';
      } else {
        const model = cfg.model ?? 'both';
        const parts: Float64Array[] = [];
        if (model !== 'knn') {
          parts.push(oofSoftmax(work as Matrix, y, k, { folds: cfg.folds ?? 5, epochs: cfg.epochs ?? 20, seed }));
        }
        if (model !== 'softmax' && neighbors) parts.push(knnProbabilities(y, k, neighbors));
        probs = average(parts);
        const parts2 = [
          model !== 'knn' ? `out-of-fold softmax regression (${cfg.folds ?? 5} folds)` : '',
          model !== 'softmax' ? `leave-one-out ${neighbors?.k}-NN votes` : '',
        ].filter(Boolean);
        how = `${parts2.join(' averaged with ')} on ${(work as { method: string }).method} features`;
      }
      const filter = cfg.filter ?? 'both';
      const r = confidentLearning(y, probs, k, filter);
      scores.labelNoise = r.scores;
      plots.confidentJoint = r.confidentJoint;
      checks.push({
        check: 'label_noise',
        ran: true,
        flagged: r.issues.length,
        note: `confident learning (${filter}) over ${how}`,
      });
      for (const row of r.issues.slice(0, maxFindings)) {
        const given = y[row] as number;
        const pred = r.predicted[row] as number;
        const nb = neighbors ? disagreeText(neighbors, y, row, pred, name) : '';
        push({
          check: 'label_noise',
          severity: 'warning',
          rows: [row],
          score: round(r.scores[row] as number),
          reason: `labelled ${name(given)} but likely ${name(pred)}: p(${name(given)}) = ${round(1 - (r.scores[row] as number))}, p(${name(pred)}) = ${round(probs[row * k + pred] as number)}${nb}`,
        });
      }
    }
  }

  // kNN label disagreement.
  if (options.knn !== false) {
    await step('knn_disagreement');
    const threshold = options.knn?.threshold ?? 0.8;
    if (!y || !neighbors) skip('knn_disagreement', y ? 'no features' : 'no labels');
    else {
      const dis = disagreement(y, k, neighbors);
      scores.knnDisagreement = dis.scores;
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if ((dis.scores[i] as number) >= threshold) rows.push(i);
      rows.sort((a, b) => (dis.scores[b] as number) - (dis.scores[a] as number) || a - b);
      checks.push({
        check: 'knn_disagreement',
        ran: true,
        flagged: rows.length,
        threshold,
        note: `${neighbors.k} nearest neighbours`,
      });
      for (const row of rows.slice(0, maxFindings)) {
        push({
          check: 'knn_disagreement',
          severity: 'info',
          rows: [row],
          score: round(dis.scores[row] as number),
          reason: `${Math.round((dis.scores[row] as number) * neighbors.k)} of ${neighbors.k} nearest neighbours are not labelled ${name(y[row] as number)} (most are ${name(dis.majority[row] as number)})`,
        });
      }
    }
  }

  // Input-profile outliers.
  if (options.outliers !== false) {
    await step('outlier');
    if (!m || m.n < 3) skip('outlier', 'no features');
    else {
      const r = outliers(m, options.outliers ?? {});
      scores.mahalanobis = r.mahalanobis.scores;
      scores.robustZ = r.robustZ.scores;
      const both = new Set(r.robustZ.flagged);
      checks.push({
        check: 'outlier',
        ran: true,
        flagged: new Set([...r.mahalanobis.flagged, ...r.robustZ.flagged]).size,
        threshold: round(r.mahalanobis.threshold),
        note: `Mahalanobis > ${round(r.mahalanobis.threshold)} or robust z > ${round(r.robustZ.threshold)} (${r.mahalanobis.source} thresholds)`,
      });
      const rows = [...new Set([...r.mahalanobis.flagged, ...r.robustZ.flagged])];
      for (const row of rows.slice(0, maxFindings)) {
        const md = r.mahalanobis.scores[row] as number;
        const rz = r.robustZ.scores[row] as number;
        push({
          check: 'outlier',
          severity: 'info',
          rows: [row],
          score: round(md / r.mahalanobis.threshold),
          reason: `Mahalanobis distance ${round(md)} (threshold ${round(r.mahalanobis.threshold)}), robust z ${round(rz)}${both.has(row) ? ' (above its threshold)' : ''}`,
        });
      }
    }
  }

  // Isolation forest.
  if (options.isolationForest !== false) {
    await step('isolation_forest');
    if (!work) skip('isolation_forest', 'no features');
    else {
      const cfg = options.isolationForest ?? {};
      const threshold = cfg.threshold ?? 0.65;
      const s = forestScores(work, { seed, ...cfg });
      scores.isolation = s;
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if ((s[i] as number) > threshold) rows.push(i);
      rows.sort((a, b) => (s[b] as number) - (s[a] as number) || a - b);
      checks.push({
        check: 'isolation_forest',
        ran: true,
        flagged: rows.length,
        threshold,
        note: `${cfg.trees ?? 100} trees on ${work.method} features`,
      });
      for (const row of rows.slice(0, maxFindings)) {
        push({
          check: 'isolation_forest',
          severity: 'info',
          rows: [row],
          score: round(s[row] as number),
          reason: `isolated quickly: anomaly score ${round(s[row] as number)} > ${threshold}`,
        });
      }
    }
  }

  // Duplicates of the features.
  if (options.duplicates !== false) {
    await step('duplicate');
    if (!m) skip('duplicate', 'no features');
    else {
      const r = duplicates(m, y, { seed, ...(options.duplicates ?? {}) });
      const conflicting = r.groups.filter((g) => g.conflicting).length;
      checks.push({
        check: 'duplicate',
        ran: true,
        flagged: r.groups.length,
        threshold: round(r.radius),
        note: `${conflicting} group(s) with conflicting labels; near = within Euclidean ${round(r.radius)}`,
      });
      for (const g of r.groups.slice(0, maxFindings)) {
        push({
          check: 'duplicate',
          severity: g.conflicting ? 'warning' : 'info',
          rows: g.rows,
          score: round(g.score),
          reason: `${g.rows.length} ${g.kind === 'exact' ? 'identical' : `near-identical (distance ≤ ${round(g.score)})`} rows${g.conflicting ? ` with conflicting labels ${(g.labels ?? []).map(name).join(' / ')}` : ''}`,
        });
      }
    }
  }

  // Duplicates of the texts.
  if (options.textDuplicates !== false) {
    await step('text_duplicate');
    if (!data.texts) skip('text_duplicate', 'no texts');
    else {
      const texts = data.texts as unknown[];
      texts.forEach((t, i) => {
        if (typeof t !== 'string')
          throw new ModelSecTypeError(`"data.texts[${i}]" expected string, got ${describeValue(t)}`);
      });
      const r = textDuplicates(texts as string[], y, { seed, ...(options.textDuplicates ?? {}) });
      checks.push({
        check: 'text_duplicate',
        ran: true,
        flagged: r.groups.length,
        threshold: options.textDuplicates?.threshold ?? 0.8,
        note: `MinHash LSH, ${r.groups.filter((g) => g.conflicting).length} group(s) with conflicting labels`,
      });
      for (const g of r.groups.slice(0, maxFindings)) {
        push({
          check: 'text_duplicate',
          severity: g.conflicting ? 'warning' : 'info',
          rows: g.rows,
          score: round(g.score),
          reason: `${g.rows.length} ${g.kind === 'exact' ? 'identical (after normalization)' : `near-identical (estimated Jaccard ≥ ${round(g.score)})`} texts${g.conflicting ? ` with conflicting labels ${(g.labels ?? []).map(name).join(' / ')}` : ''}`,
        });
      }
    }
  }

  // Backdoor screens.
  if (options.backdoor !== false) {
    const rep =
      data.representations !== undefined
        ? readMatrix(data.representations, 'representations', { featureCount: data.representationSize })
        : m;
    if (rep && rep.n !== n) throw new ValidationError('invalid_shape', `${rep.n} representations for ${n} rows`);
    const cfg = options.backdoor ?? {};
    await step('spectral_signature');
    if (!y || !rep) {
      skip('spectral_signature', y ? 'no representations' : 'no labels');
      skip('activation_cluster', y ? 'no representations' : 'no labels');
    } else {
      const epsilon = cfg.epsilon ?? 0.05;
      const sp = spectral(rep, y, k, { epsilon, seed });
      scores.spectral = sp.scores;
      const flaggedRows = sp.classes.reduce((a, c) => a + c.flagged.length, 0);
      checks.push({
        check: 'spectral_signature',
        ran: true,
        flagged: flaggedRows,
        threshold: epsilon,
        note: `top 1.5·ε of each class (ε = ${epsilon}) on ${rep.d}-value representations`,
      });
      for (const c of sp.classes) {
        if (c.flagged.length === 0) continue;
        push({
          check: 'spectral_signature',
          severity: 'info',
          rows: c.flagged.slice(0, maxFindings),
          score: round(c.separation),
          reason: `class ${name(c.label)}: the ${c.flagged.length} rows (of ${c.size}) with the largest projection on the top singular direction (${Math.round(c.explained * 100)}% of the class variance); remove and retrain if the class is attacked`,
        });
      }
      await step('activation_cluster');
      const cl = clusterClasses(rep, y, k, { seed, ...cfg });
      scores.clustering = cl.scores;
      const suspicious = cl.classes.filter((c) => c.suspicious);
      plots.clusters = cl.classes
        .filter((c) => c.suspicious || c.share > 0)
        .sort((a, b) => Number(b.suspicious) - Number(a.suspicious) || a.share - b.share)
        .slice(0, 4)
        .map((c) => ({ label: c.label, share: c.share, silhouette: c.silhouette, points: c.sample }));
      checks.push({
        check: 'activation_cluster',
        ran: true,
        flagged: suspicious.length,
        threshold: cfg.maxClusterShare ?? 0.35,
        note: `2-means on ${cfg.components ?? 10} principal components per class; suspicious = smaller cluster ≤ ${cfg.maxClusterShare ?? 0.35} of the class with silhouette ≥ ${cfg.minSilhouette ?? 0.15}`,
      });
      for (const c of suspicious) {
        const overlap = c.smaller.filter((r) => sp.classes[c.label]?.flagged.includes(r)).length;
        push({
          check: 'activation_cluster',
          severity: 'warning',
          rows: c.smaller.slice(0, maxFindings),
          score: round(c.silhouette),
          reason: `class ${name(c.label)} splits into two clusters: ${c.smaller.length} rows (${Math.round(c.share * 100)}%) apart from the rest (silhouette ${round(c.silhouette)}); ${overlap} of them are also in the class's spectral-signature top`,
        });
      }
    }
  }

  findings.sort((a, b) => Number(a.severity === 'info') - Number(b.severity === 'info'));
  const labelCounts = new Array<number>(k).fill(0);
  if (y) for (let i = 0; i < n; i++) labelCounts[y[i] as number] = (labelCounts[y[i] as number] as number) + 1;
  return attachRendering({
    rowCount: n,
    featureCount: m?.d ?? 0,
    classCount: k,
    labelCounts,
    ...(data.classNames ? { classNames: [...data.classNames] } : {}),
    checks,
    findings,
    scores,
    plots,
  });
}

function readIds(ids: unknown, n: number): readonly (string | number)[] | undefined {
  if (ids === undefined) return undefined;
  if (!Array.isArray(ids)) throw new ModelSecTypeError(`"data.ids" expected an array, got ${describeValue(ids)}`);
  if (ids.length !== n) throw new ValidationError('invalid_shape', `${ids.length} ids for ${n} rows`);
  ids.forEach((v, i) => {
    if (typeof v !== 'string' && typeof v !== 'number') {
      throw new ModelSecTypeError(`"data.ids[${i}]" expected string or number, got ${describeValue(v)}`);
    }
  });
  return ids as (string | number)[];
}

function checkProbabilities(p: ArrayLike<number>, n: number, k: number): Float64Array {
  if (p === null || typeof p !== 'object' || typeof (p as { length?: unknown }).length !== 'number') {
    throw new ModelSecTypeError(`"data.probabilities" expected an array, got ${describeValue(p)}`);
  }
  if (p.length !== n * k)
    throw new ValidationError('invalid_shape', `"data.probabilities" has ${p.length} values for ${n} × ${k}`);
  const out = new Float64Array(n * k);
  for (let i = 0; i < out.length; i++) {
    const v = p[i];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1))
      throw new ValidationError('invalid_value', `"data.probabilities" entry ${i} is not a probability`);
    out[i] = v;
  }
  return out;
}

function average(parts: Float64Array[]): Float64Array {
  const out = new Float64Array((parts[0] as Float64Array).length);
  for (const p of parts)
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (p[i] as number) / parts.length;
  return out;
}

function disagreeText(
  nb: { k: number; index: Int32Array },
  y: Int32Array,
  row: number,
  pred: number,
  name: (c: number) => string,
) {
  let agree = 0;
  for (let a = 0; a < nb.k; a++) if (y[nb.index[row * nb.k + a] as number] === pred) agree++;
  return `; ${agree} of ${nb.k} nearest neighbours are labelled ${name(pred)}`;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
