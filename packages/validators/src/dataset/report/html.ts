/**
 * Rendering of the dataset report: `toJSON()` (plain data; per-row scores only on request) and
 * `toHTML()`, one self-contained page (inline CSS and SVG, no script) with the check summaries, score
 * histograms with their thresholds, the confident joint of label noise, the clusters of suspicious
 * classes, and the findings table. Every text is escaped.
 */

import { escapeXml, heatmapSvg, histogramSvg, scatterSvg } from './svg';
import type { DatasetReport } from './types';

/** Add `toJSON` and `toHTML` to a report's data. */
export function attachRendering(data: Omit<DatasetReport, 'toJSON' | 'toHTML'>): DatasetReport {
  const report = data as DatasetReport;
  Object.defineProperty(report, 'toJSON', {
    enumerable: false,
    value: (options: { includeScores?: boolean } = {}) => {
      const { scores, ...rest } = data;
      const out: Record<string, unknown> = { ...rest };
      if (options.includeScores) {
        const plain: Record<string, number[]> = {};
        for (const [k, v] of Object.entries(scores))
          if (v) plain[k] = Array.from(v as Float64Array, (x) => Math.round(x * 1e6) / 1e6);
        out.scores = plain;
      }
      return out;
    },
  });
  Object.defineProperty(report, 'toHTML', {
    enumerable: false,
    value: (options: { title?: string; maxFindings?: number } = {}) => renderHtml(report, options),
  });
  return report;
}

function renderHtml(r: DatasetReport, options: { title?: string; maxFindings?: number }): string {
  const title = options.title ?? 'Dataset screening report';
  const name = (c: number) => r.classNames?.[c] ?? String(c);
  const summary = r.checks
    .map(
      (c) =>
        `<tr><td>${escapeXml(c.check)}</td><td>${c.ran ? 'yes' : 'no'}</td><td>${c.flagged}</td><td>${c.threshold ?? ''}</td><td>${escapeXml(c.note ?? '')}</td></tr>`,
    )
    .join('');
  const threshold = (check: string) => r.checks.find((c) => c.check === check)?.threshold;
  const plots: string[] = [];
  const s = r.scores;
  if (s.labelNoise) plots.push(histogramSvg(s.labelNoise, { title: 'label noise: 1 − p(given label)' }));
  if (s.knnDisagreement)
    plots.push(
      histogramSvg(s.knnDisagreement, { title: 'kNN disagreement', threshold: threshold('knn_disagreement') }),
    );
  if (s.mahalanobis)
    plots.push(histogramSvg(s.mahalanobis, { title: 'Mahalanobis distance', threshold: threshold('outlier') }));
  if (s.isolation)
    plots.push(
      histogramSvg(s.isolation, { title: 'isolation-forest score', threshold: threshold('isolation_forest') }),
    );
  if (s.spectral) plots.push(histogramSvg(s.spectral, { title: 'spectral-signature score (per class, normalized)' }));
  if (r.plots.confidentJoint) {
    plots.push(
      heatmapSvg(r.plots.confidentJoint, {
        title: 'confident joint (off-diagonal = likely wrong labels)',
        labels: r.plots.confidentJoint.map((_, i) => name(i)),
      }),
    );
  }
  for (const c of r.plots.clusters ?? []) {
    plots.push(
      scatterSvg(c.points, {
        title: `class ${name(c.label)}: 2 clusters (red ${Math.round(c.share * 100)}%, silhouette ${c.silhouette.toFixed(2)})`,
      }),
    );
  }
  const max = options.maxFindings ?? 1000;
  const rows = r.findings
    .slice(0, max)
    .map((f) => {
      const ids = f.ids.length > 12 ? `${f.ids.slice(0, 12).join(', ')} … (${f.ids.length})` : f.ids.join(', ');
      return `<tr class="${f.severity}"><td>${escapeXml(f.severity)}</td><td>${escapeXml(f.check)}</td><td>${escapeXml(ids)}</td><td>${f.score}</td><td>${escapeXml(f.reason)}</td></tr>`;
    })
    .join('');
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  const counts = r.labelCounts.map((c, i) => `${escapeXml(name(i))}: ${c}`).join(' · ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}tr.warning td:first-child{color:#c0392b;font-weight:bold}.plots{display:flex;flex-wrap:wrap;gap:12px}.plots svg{border:1px solid #eee}</style>
</head><body>
<h1>${escapeXml(title)}</h1>
<p>${r.rowCount} rows, ${r.featureCount} features, ${r.classCount} classes${counts ? ` (${counts})` : ''}. <b>${warnings} warning(s)</b>, ${r.findings.length - warnings} other finding(s).</p>
<h2>Checks</h2>
<table><tr><th>check</th><th>ran</th><th>flagged</th><th>threshold</th><th>how</th></tr>${summary}</table>
<h2>Plots</h2>
<div class="plots">${plots.join('\n')}</div>
<h2>Findings</h2>
<table><tr><th>severity</th><th>check</th><th>rows</th><th>score</th><th>reason</th></tr>${rows}</table>
${r.findings.length > max ? `<p>${r.findings.length - max} more finding(s) not shown.</p>` : ''}
</body></html>
`;
}
