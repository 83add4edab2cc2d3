/**
 * The HTML form of a drift report: one self-contained page (no scripts, no external resources, so it
 * passes a strict Content-Security-Policy and can be mailed or archived), a summary table and, per
 * column, an overlaid histogram and an ECDF plot (numerical) or a grouped bar chart (categorical)
 * drawn as inline SVG. Every name and category is HTML-escaped.
 */
import type { CategoricalPlot, DriftReport, NumericalPlot } from './detect';

const REF = '#64748b';
const CUR = '#dc2626';
const W = 360;
const H = 200;
const PAD = { l: 40, r: 10, t: 10, b: 28 };

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Render a drift report as a standalone HTML document. */
export function renderDriftHtml(report: DriftReport, options: { title?: string } = {}): string {
  const title = escapeHtml(String(options.title ?? 'Data drift report'));
  const rows = report.columns
    .map(
      (c) =>
        `<tr class="${c.drifted ? 'drift' : 'ok'}"><td>${escapeHtml(c.column)}</td><td>${c.type}</td><td>${c.stattest}</td>` +
        `<td>${fmt(c.score)}${c.adjustedScore !== c.score ? ` (adj. ${fmt(c.adjustedScore)})` : ''}</td><td>${fmt(c.threshold)}</td>` +
        `<td>${c.drifted ? 'drift' : 'no drift'}</td></tr>`,
    )
    .join('\n');
  const cards = report.columns
    .map((c) => {
      const plots =
        c.plot.kind === 'numerical'
          ? histogramSvg(c.column, c.plot) + ecdfSvg(c.column, c.plot)
          : barsSvg(c.column, c.plot);
      return (
        `<section class="card" data-column="${escapeHtml(c.column)}"><h2>${escapeHtml(c.column)} ` +
        `<small class="${c.drifted ? 'drift' : 'ok'}">${c.drifted ? 'drift detected' : 'no drift'} · ${c.stattest} = ${fmt(c.score)}</small></h2>` +
        `<div class="plots">${plots}</div></section>`
      );
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#0f172a;background:#fff}
table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #cbd5e1;padding:4px 8px;text-align:left}
tr.drift td{background:#fee2e2}.drift{color:#b91c1c}.ok{color:#15803d}
.card{border:1px solid #e2e8f0;border-radius:6px;padding:8px 12px;margin:12px 0}
.card h2{font-size:16px;margin:4px 0}.plots{display:flex;flex-wrap:wrap;gap:12px}
.legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px}
svg text{font-size:10px;fill:#334155}
</style></head><body>
<h1>${title}</h1>
<p class="summary">Dataset drift: <strong class="${report.datasetDrift ? 'drift' : 'ok'}">${report.datasetDrift ? 'detected' : 'not detected'}</strong>
— ${report.driftedColumns} of ${report.columns.length} columns drifted (share ${fmt(report.share)}, threshold ${fmt(report.driftShare)})${report.correction !== 'none' ? `, ${report.correction} correction` : ''}.</p>
<p class="legend"><span style="background:${REF}"></span>reference<span style="background:${CUR}"></span>current</p>
<table><thead><tr><th>column</th><th>type</th><th>test</th><th>score</th><th>threshold</th><th>result</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${cards}
</body></html>
`;
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5)) return x.toExponential(2);
  return Number(x.toPrecision(4)).toString();
}

function frame(kind: string, column: string, body: string, xLabels: [string, string], yMax: number): string {
  const x0 = PAD.l;
  const y0 = H - PAD.b;
  return (
    `<svg class="ms-plot" data-plot="${kind}" data-column="${escapeHtml(column)}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${kind} of ${escapeHtml(column)}">` +
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#fff"/>` +
    `<line x1="${x0}" y1="${y0}" x2="${W - PAD.r}" y2="${y0}" stroke="#94a3b8"/>` +
    `<line x1="${x0}" y1="${PAD.t}" x2="${x0}" y2="${y0}" stroke="#94a3b8"/>` +
    `<text x="${x0 - 4}" y="${PAD.t + 8}" text-anchor="end">${fmt(yMax)}</text>` +
    `<text x="${x0 - 4}" y="${y0}" text-anchor="end">0</text>` +
    `<text x="${x0}" y="${H - 10}">${escapeHtml(xLabels[0])}</text>` +
    `<text x="${W - PAD.r}" y="${H - 10}" text-anchor="end">${escapeHtml(xLabels[1])}</text>` +
    `<text x="${(x0 + W - PAD.r) / 2}" y="${H - 2}" text-anchor="middle">${kind}</text>${body}</svg>`
  );
}

function histogramSvg(column: string, p: NumericalPlot): string {
  const bins = p.reference.length;
  const yMax = Math.max(1e-12, ...p.reference, ...p.current);
  const pw = W - PAD.l - PAD.r;
  const ph = H - PAD.t - PAD.b;
  const bw = pw / bins;
  let body = '';
  for (let i = 0; i < bins; i++) {
    const x = PAD.l + i * bw;
    for (const [share, color, off] of [
      [p.reference[i] as number, REF, 0],
      [p.current[i] as number, CUR, bw / 2],
    ] as const) {
      const h = (share / yMax) * ph;
      body += `<rect x="${(x + off).toFixed(2)}" y="${(H - PAD.b - h).toFixed(2)}" width="${Math.max(0.5, bw / 2 - 0.5).toFixed(2)}" height="${h.toFixed(2)}" fill="${color}" opacity="0.8"/>`;
    }
  }
  return frame(
    'histogram',
    column,
    body,
    [fmt(p.edges[0] as number), fmt(p.edges[p.edges.length - 1] as number)],
    yMax,
  );
}

function ecdfSvg(column: string, p: NumericalPlot): string {
  const n = p.ecdfX.length;
  const pw = W - PAD.l - PAD.r;
  const ph = H - PAD.t - PAD.b;
  const path = (ys: number[]) =>
    ys
      .map(
        (y, i) =>
          `${i === 0 ? 'M' : 'L'}${(PAD.l + (pw * i) / Math.max(1, n - 1)).toFixed(2)},${(H - PAD.b - y * ph).toFixed(2)}`,
      )
      .join('');
  const body =
    `<path class="ecdf-reference" d="${path(p.ecdfReference)}" fill="none" stroke="${REF}" stroke-width="2"/>` +
    `<path class="ecdf-current" d="${path(p.ecdfCurrent)}" fill="none" stroke="${CUR}" stroke-width="2"/>`;
  return frame('ecdf', column, body, [fmt(p.ecdfX[0] as number), fmt(p.ecdfX[n - 1] as number)], 1);
}

function barsSvg(column: string, p: CategoricalPlot): string {
  const k = p.categories.length;
  const yMax = Math.max(1e-12, ...p.reference, ...p.current);
  const pw = W - PAD.l - PAD.r;
  const ph = H - PAD.t - PAD.b;
  const bw = pw / Math.max(1, k);
  let body = '';
  for (let i = 0; i < k; i++) {
    const x = PAD.l + i * bw;
    const hr = ((p.reference[i] as number) / yMax) * ph;
    const hc = ((p.current[i] as number) / yMax) * ph;
    body +=
      `<rect x="${(x + 1).toFixed(2)}" y="${(H - PAD.b - hr).toFixed(2)}" width="${Math.max(0.5, bw / 2 - 1).toFixed(2)}" height="${hr.toFixed(2)}" fill="${REF}"><title>${escapeHtml(p.categories[i] as string)}: reference ${fmt(p.reference[i] as number)}</title></rect>` +
      `<rect x="${(x + bw / 2).toFixed(2)}" y="${(H - PAD.b - hc).toFixed(2)}" width="${Math.max(0.5, bw / 2 - 1).toFixed(2)}" height="${hc.toFixed(2)}" fill="${CUR}"><title>${escapeHtml(p.categories[i] as string)}: current ${fmt(p.current[i] as number)}</title></rect>`;
  }
  const first = p.categories[0] ?? '';
  const last = p.categories[k - 1] ?? '';
  return frame('bars', column, body, [first.slice(0, 24), k > 1 ? last.slice(0, 24) : ''], yMax);
}
