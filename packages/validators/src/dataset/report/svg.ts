/**
 * Small inline-SVG charts for the dataset report (no dependency, no script): a histogram with a
 * threshold line, a heatmap of a count matrix, and a two-colour scatter plot. Every text that reaches
 * the SVG goes through `escapeXml`.
 */

/**
 * Escape text for HTML and SVG (`&`, `<`, `>`, `"`, `'`).
 *
 * @example
 * ```ts
 * escapeXml('<b>'); // '&lt;b&gt;'
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const W = 360;
const H = 180;
const PAD = 32;

/** A histogram of finite values in `bins` bins, with an optional vertical threshold line. */
export function histogramSvg(
  values: ArrayLike<number>,
  options: { title: string; threshold?: number; bins?: number },
): string {
  const bins = options.bins ?? 40;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (options.threshold !== undefined && Number.isFinite(options.threshold)) {
    lo = Math.min(lo, options.threshold);
    hi = Math.max(hi, options.threshold);
  }
  if (!(hi > lo)) hi = lo + 1;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    const b = Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins));
    counts[b] = (counts[b] as number) + 1;
  }
  const max = Math.max(1, ...counts);
  // Square-root scale so that a handful of flagged rows stays visible next to thousands of ordinary ones.
  const scale = (c: number) => (Math.sqrt(c) / Math.sqrt(max)) * (H - 2 * PAD);
  const bw = (W - 2 * PAD) / bins;
  const bars = counts
    .map((c, i) => {
      const h = scale(c);
      return c > 0
        ? `<rect x="${f(PAD + i * bw)}" y="${f(H - PAD - h)}" width="${f(bw - 1)}" height="${f(h)}" fill="#4a78b5"/>`
        : '';
    })
    .join('');
  const t = options.threshold;
  const line =
    t !== undefined && Number.isFinite(t)
      ? `<line x1="${f(PAD + ((t - lo) / (hi - lo)) * (W - 2 * PAD))}" x2="${f(PAD + ((t - lo) / (hi - lo)) * (W - 2 * PAD))}" y1="${PAD - 6}" y2="${H - PAD}" stroke="#c0392b" stroke-dasharray="4 3"/>`
      : '';
  return frame(
    options.title,
    `${bars}${line}${axis()}<text x="${PAD}" y="${H - 8}" font-size="10">${num(lo)}</text><text x="${W - PAD}" y="${H - 8}" font-size="10" text-anchor="end">${num(hi)}</text><text x="${PAD - 4}" y="${PAD}" font-size="10" text-anchor="end">${max}</text>`,
  );
}

/** A heatmap of a square count matrix (rows: given label, columns: likely true label). */
export function heatmapSvg(
  matrix: readonly (readonly number[])[],
  options: { title: string; labels: readonly string[] },
): string {
  const k = matrix.length;
  const size = Math.min(22, Math.floor((W - 2 * PAD) / Math.max(1, k)));
  let max = 1;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) if (i !== j) max = Math.max(max, (matrix[i] as number[])[j] as number);
  let cells = '';
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = (matrix[i] as number[])[j] as number;
      const shade = i === j ? '#d9d9d9' : `rgba(192,57,43,${f(Math.min(1, v / max))})`;
      cells += `<rect x="${PAD + j * size}" y="${PAD + i * size}" width="${size - 1}" height="${size - 1}" fill="${shade}"><title>${escapeXml(`${options.labels[i] ?? i} → ${options.labels[j] ?? j}: ${v}`)}</title></rect>`;
      if (v > 0 && size >= 18) {
        cells += `<text x="${PAD + j * size + size / 2}" y="${PAD + i * size + size / 2 + 3}" font-size="8" text-anchor="middle">${v}</text>`;
      }
    }
  }
  const h = PAD + k * size + 16;
  return frame(
    options.title,
    `${cells}<text x="${PAD}" y="${h - 4}" font-size="10">rows: given label · columns: likely true label</text>`,
    Math.max(H, h + 8),
  );
}

/** A scatter plot of `[x, y, group]` points, group 1 in red. */
export function scatterSvg(points: readonly (readonly [number, number, number])[], options: { title: string }): string {
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  if (!(x1 > x0)) x1 = x0 + 1;
  if (!(y1 > y0)) y1 = y0 + 1;
  const dots = points
    .map(([x, y, g]) => {
      const cx = PAD + ((x - x0) / (x1 - x0)) * (W - 2 * PAD);
      const cy = H - PAD - ((y - y0) / (y1 - y0)) * (H - 2 * PAD);
      return `<circle cx="${f(cx)}" cy="${f(cy)}" r="2" fill="${g ? '#c0392b' : '#4a78b5'}" fill-opacity="0.6"/>`;
    })
    .join('');
  return frame(options.title, `${dots}${axis()}`);
}

function frame(title: string, body: string, height = H): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" role="img" aria-label="${escapeXml(title)}"><text x="${PAD}" y="14" font-size="12" font-weight="bold">${escapeXml(title)}</text>${body}</svg>`;
}

function axis(): string {
  return `<line x1="${PAD}" y1="${H - PAD}" x2="${W - PAD}" y2="${H - PAD}" stroke="#333"/><line x1="${PAD}" y1="${PAD - 6}" x2="${PAD}" y2="${H - PAD}" stroke="#333"/>`;
}

function f(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

function num(v: number): string {
  return Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0)
    ? v.toExponential(1)
    : String(Math.round(v * 100) / 100);
}
