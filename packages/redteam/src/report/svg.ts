/**
 * Inline SVG line charts for the HTML report (no scripts, no external assets): axes with ticks, one
 * polyline with markers per series, and a legend. Every text is escaped.
 */

/** One line of a chart. */
export interface ChartSeries {
  /** Legend label. */
  name: string;
  /** Points `[x, y]`, drawn in order. */
  points: readonly (readonly [number, number])[];
}

/** A line chart. */
export interface LineChart {
  /** Title above the plot. */
  title: string;
  /** X-axis label. */
  xLabel: string;
  /** Y-axis label. */
  yLabel: string;
  /** The lines. */
  series: readonly ChartSeries[];
  /** Y range (default [0, 1]). */
  yRange?: readonly [number, number];
  /** Logarithmic x axis (default false). */
  logX?: boolean;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#17becf'];

/**
 * Escape text for HTML and SVG.
 *
 * @example
 * ```ts
 * escapeHtml('<b>"x"</b>'); // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Render a line chart as an SVG string.
 *
 * @example
 * ```ts
 * lineChart({ title: 'FGSM', xLabel: 'ε', yLabel: 'accuracy', series: [{ name: 'L∞', points: [[0, 0.99], [0.1, 0.7]] }] });
 * ```
 */
export function lineChart(chart: LineChart): string {
  const W = 520;
  const H = 300;
  const m = { left: 56, right: 150, top: 34, bottom: 46 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const xs = chart.series
    .flatMap((s) => s.points.map((p) => p[0]))
    .filter((v) => Number.isFinite(v) && (!chart.logX || v > 0));
  const tx = (v: number) => (chart.logX ? Math.log10(v) : v);
  const x0 = xs.length ? Math.min(...xs.map(tx)) : 0;
  const x1 = xs.length ? Math.max(...xs.map(tx)) : 1;
  const [y0, y1] = chart.yRange ?? [0, 1];
  const sx = (v: number) => m.left + ((tx(v) - x0) / (x1 - x0 || 1)) * pw;
  const sy = (v: number) => m.top + ph - ((Math.min(Math.max(v, y0), y1) - y0) / (y1 - y0 || 1)) * ph;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" font-family="sans-serif" font-size="11">`,
  );
  out.push(`<title>${escapeHtml(chart.title)}</title>`);
  out.push(`<text x="${m.left}" y="18" font-size="13" font-weight="bold">${escapeHtml(chart.title)}</text>`);
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`);
  for (let i = 0; i <= 5; i++) {
    const v = y0 + ((y1 - y0) * i) / 5;
    const y = sy(v);
    out.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${f(y)}" y2="${f(y)}" stroke="#eee"/>`);
    out.push(`<text x="${m.left - 6}" y="${f(y + 4)}" text-anchor="end">${fmt(v)}</text>`);
  }
  const ticks = [...new Set(xs)].sort((a, b) => a - b);
  const step = Math.max(1, Math.ceil(ticks.length / 8));
  ticks.forEach((v, i) => {
    if (i % step !== 0) return;
    out.push(`<text x="${f(sx(v))}" y="${m.top + ph + 16}" text-anchor="middle">${fmt(v)}</text>`);
  });
  out.push(`<text x="${m.left + pw / 2}" y="${H - 8}" text-anchor="middle">${escapeHtml(chart.xLabel)}</text>`);
  out.push(
    `<text transform="translate(14 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(chart.yLabel)}</text>`,
  );
  chart.series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length] as string;
    const pts = s.points.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]) && (!chart.logX || p[0] > 0));
    if (pts.length > 0) {
      out.push(
        `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map((p) => `${f(sx(p[0]))},${f(sy(p[1]))}`).join(' ')}"/>`,
      );
      for (const p of pts) out.push(`<circle cx="${f(sx(p[0]))}" cy="${f(sy(p[1]))}" r="3" fill="${color}"/>`);
    }
    const ly = m.top + 10 + i * 18;
    out.push(
      `<line x1="${m.left + pw + 12}" x2="${m.left + pw + 32}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"/>`,
    );
    out.push(`<text x="${m.left + pw + 36}" y="${ly + 4}">${escapeHtml(s.name.slice(0, 24))}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

function f(v: number): string {
  return v.toFixed(1);
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : Number(v.toPrecision(3)).toString();
}
