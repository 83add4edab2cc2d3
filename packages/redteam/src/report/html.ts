/**
 * `renderReportHtml`: a self-contained HTML page for a robustness report: summary, inline SVG charts
 * (accuracy vs ε, HopSkipJump success vs L2 bound, extraction fidelity vs queries), tables, and the
 * report JSON itself. No scripts, no external assets; every value from the report is escaped.
 */
import { aobject } from '@modelsec/core';
import type { RobustnessReport } from './suite';
import { type ChartSeries, escapeHtml, lineChart } from './svg';

/**
 * Render a report as a standalone HTML document.
 *
 * @example
 * ```ts
 * await writeFile('report.html', renderReportHtml(await runRobustnessSuite(model, config)));
 * ```
 */
export function renderReportHtml(report: RobustnessReport): string {
  aobject(report as unknown, 'report');
  const e = escapeHtml;
  const pct = (v: number | null | undefined) =>
    typeof v === 'number' && Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–';
  const num = (v: number | null | undefined, digits = 3) =>
    typeof v === 'number' && Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : '–';
  const table = (head: string[], rows: (string | number)[][]) =>
    `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((r) => `<tr>${r.map((c) => `<td>${e(String(c))}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  const parts: string[] = [];
  parts.push(`<h1>Robustness report: ${e(report.model.name)}</h1>`);
  parts.push(
    table(
      ['model input', 'classes', 'scores', 'seed', 'samples', 'clean accuracy', 'gradient', 'model queries'],
      [
        [
          report.model.sampleShape.join('×'),
          report.model.numClasses,
          report.model.scores,
          report.seed,
          report.samples,
          pct(report.cleanAccuracy),
          report.gradient ?? '–',
          report.queries,
        ],
      ],
    ),
  );
  const { fgsm, pgd, square, hopSkipJump } = report.evasion;
  if (fgsm || pgd) {
    parts.push('<h2>Evasion: accuracy vs ε</h2>');
    const series: ChartSeries[] = [];
    for (const c of [fgsm, pgd])
      if (c)
        series.push({
          name: `${c.attack.toUpperCase()} ${c.norm}`,
          points: c.points.map((p) => [p.eps, p.robustAccuracy] as const),
        });
    parts.push(lineChart({ title: 'Accuracy under attack', xLabel: 'ε', yLabel: 'accuracy', series }));
    const rows: (string | number)[][] = [];
    for (const c of [fgsm, pgd]) {
      if (!c) continue;
      for (const p of c.points)
        rows.push([c.attack, c.norm, p.eps, pct(p.robustAccuracy), pct(p.successRate), num(p.medianNorm), p.queries]);
    }
    parts.push(table(['attack', 'norm', 'ε', 'accuracy', 'success rate', 'median norm', 'queries'], rows));
  }
  if (square || hopSkipJump) {
    parts.push('<h2>Evasion: black-box attacks</h2>');
    const rows = [square, hopSkipJump]
      .filter((s) => s !== undefined)
      .map((s) => [
        s.attack,
        s.norm,
        s.eps ?? '–',
        pct(s.successRate),
        pct(s.robustAccuracy),
        num(s.medianNorm),
        num(s.medianQueriesSuccessful),
        s.queries,
      ]);
    parts.push(
      table(
        ['attack', 'norm', 'ε', 'success rate', 'accuracy', 'median norm', 'median queries (successes)', 'queries'],
        rows,
      ),
    );
    if (hopSkipJump?.successAt?.length) {
      parts.push(
        lineChart({
          title: 'HopSkipJump success vs L2 bound',
          xLabel: 'L2 bound',
          yLabel: 'success rate',
          series: [{ name: 'HopSkipJump', points: hopSkipJump.successAt.map((p) => [p.eps, p.successRate] as const) }],
        }),
      );
    }
  }
  if (report.extraction?.length) {
    parts.push('<h2>Extraction: fidelity vs queries</h2>');
    parts.push(
      lineChart({
        title: 'Surrogate fidelity',
        xLabel: 'victim queries (log)',
        yLabel: 'agreement with victim',
        logX: true,
        series: report.extraction.map((x) => ({
          name: x.strategy,
          points: x.points.map((p) => [p.queries, p.fidelity] as const),
        })),
      }),
    );
    const rows = report.extraction.flatMap((x) =>
      x.points.map((p) => [x.strategy, p.queries, pct(p.fidelity), pct(p.accuracy), pct(x.victimAccuracy)]),
    );
    parts.push(table(['strategy', 'queries', 'fidelity', 'surrogate accuracy', 'victim accuracy'], rows));
  }
  if (report.membership) {
    const m = report.membership;
    parts.push('<h2>Membership inference</h2>');
    parts.push(
      `<p>${m.members} members, ${m.nonMembers} non-members; target accuracy ${pct(m.targetAccuracy.members)} on members, ${pct(
        m.targetAccuracy.nonMembers,
      )} on non-members; ${m.shadowModels} shadow model(s).</p>`,
    );
    parts.push(
      table(
        ['signal', 'AUC', 'advantage (shadow threshold)', 'TPR', 'FPR', 'oracle advantage', 'shadow AUC'],
        m.signals.map((s) => [
          s.signal,
          num(s.auc),
          num(s.advantage),
          pct(s.tpr),
          pct(s.fpr),
          num(s.oracleAdvantage),
          num(s.shadowAuc),
        ]),
      ),
    );
  }
  if (report.promptInjection) {
    const p = report.promptInjection;
    parts.push('<h2>Prompt injection</h2>');
    parts.push(
      `<p>${p.total} cases, ${p.judged} decided, ${p.succeeded} succeeded (${pct(p.rate)}); ${p.systemPromptLeaks} system-prompt canary leaks; ${p.errors} endpoint errors.</p>`,
    );
    for (const [dim, groups] of Object.entries(p.byCategory)) {
      parts.push(`<h3>by ${e(dim)}</h3>`);
      parts.push(
        table(
          [dim, 'cases', 'decided', 'succeeded', 'rate'],
          Object.entries(groups).map(([name, g]) => [name, g.total, g.judged, g.succeeded, pct(g.rate)]),
        ),
      );
    }
  }
  parts.push(`<h2>Evidence</h2><p>${e(report.evidence.item)}: ${e(report.evidence.attacks.join(', ') || 'none')}.</p>`);
  parts.push(`<details><summary>report JSON</summary><pre>${e(JSON.stringify(report, null, 2))}</pre></details>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Robustness report: ${e(report.model.name)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}pre{background:#f8f8f8;padding:1em;overflow:auto;max-height:30em}svg{display:block;margin:1em 0}</style>
</head><body>
${parts.join('\n')}
</body></html>
`;
}
