/**
 * Evidently's binning (`get_binned_data` in evidently's legacy `stattests/utils.py`): numeric
 * columns whose reference has more than 20 distinct values are cut into NumPy "sturges" bins over
 * the pooled data (`np.histogram_bin_edges(pooled, 'sturges')`, edges by `np.linspace`, counts by
 * `np.histogram` with explicit edges: left-closed bins, the last one closed), every other column is
 * binned by its distinct values. Shares are counts / sample size. With zero-fill on (PSI), empty
 * shares become min(non-zero share)/10⁶ when that minimum is ≤ 0.0001, else 0.0001, per sample.
 */

/** Reference and current shares per bin. */
export interface BinnedShares {
  /** Reference share of each bin. */
  reference: Float64Array;
  /** Current share of each bin. */
  current: Float64Array;
  /** Bin edges (numeric binning) or `undefined` when binned by distinct values. */
  edges: Float64Array | undefined;
  /** The distinct values (binning by value), else undefined. */
  values: (number | string | boolean)[] | undefined;
}

/** Number of distinct values of a sample. */
export function countDistinct(x: ArrayLike<unknown>): number {
  return new Set(Array.from(x)).size;
}

/** NumPy's `histogram_bin_edges(x, bins='sturges')` for finite float data. */
export function sturgesEdges(pooled: Float64Array): Float64Array {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < pooled.length; i++) {
    const v = pooled[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const ptp = hi - lo;
  let first = lo;
  let last = hi;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const width = ptp / (Math.log2(pooled.length) + 1);
  const bins = width ? Math.ceil((last - first) / width) : 1;
  return linspace(first, last, bins + 1);
}

/** NumPy's `linspace(start, stop, num)` (endpoint included), bit for bit. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) out[i] = step === 0 ? (i / div) * delta + start : i * step + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

/** NumPy's `histogram(x, edges)[0]`: left-closed bins, the last bin closed on the right. */
export function histogram(x: Float64Array, edges: Float64Array): Float64Array {
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  const lo = edges[0] as number;
  const hi = edges[bins] as number;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (v < lo || v > hi) continue;
    // Binary search the last edge ≤ v (bins are [e_k, e_{k+1}); the top edge belongs to the last bin).
    let a = 0;
    let b = bins;
    while (a < b) {
      const mid = (a + b + 1) >> 1;
      if ((edges[mid] as number) <= v) a = mid;
      else b = mid - 1;
    }
    const k = a === bins ? bins - 1 : a;
    counts[k] = (counts[k] as number) + 1;
  }
  return counts;
}

/**
 * Evidently's `get_binned_data`: shares per bin of two samples.
 *
 * @param numeric - whether the column is numerical (sturges bins when the reference has > 20 distinct values)
 * @param fillZeroes - replace empty shares as evidently does for PSI
 */
export function binShares(
  reference: ArrayLike<number | string | boolean>,
  current: ArrayLike<number | string | boolean>,
  numeric: boolean,
  fillZeroes: boolean,
): BinnedShares {
  let ref: Float64Array;
  let cur: Float64Array;
  let edges: Float64Array | undefined;
  let values: (number | string | boolean)[] | undefined;
  if (numeric && countDistinct(reference) > 20) {
    const r = Float64Array.from(reference as ArrayLike<number>);
    const c = Float64Array.from(current as ArrayLike<number>);
    const pooled = new Float64Array(r.length + c.length);
    pooled.set(r);
    pooled.set(c, r.length);
    edges = sturgesEdges(pooled);
    ref = histogram(r, edges).map((v) => v / r.length);
    cur = histogram(c, edges).map((v) => v / c.length);
  } else {
    const index = new Map<number | string | boolean, number>();
    values = [];
    for (const sample of [reference, current]) {
      for (let i = 0; i < sample.length; i++) {
        const v = sample[i] as number | string | boolean;
        if (!index.has(v)) {
          index.set(v, values.length);
          values.push(v);
        }
      }
    }
    ref = new Float64Array(values.length);
    cur = new Float64Array(values.length);
    for (let i = 0; i < reference.length; i++) {
      const k = index.get(reference[i] as number | string | boolean) as number;
      ref[k] = (ref[k] as number) + 1;
    }
    for (let i = 0; i < current.length; i++) {
      const k = index.get(current[i] as number | string | boolean) as number;
      cur[k] = (cur[k] as number) + 1;
    }
    for (let k = 0; k < values.length; k++) {
      ref[k] = (ref[k] as number) / reference.length;
      cur[k] = (cur[k] as number) / current.length;
    }
  }
  if (fillZeroes) {
    fillZeroShares(ref);
    fillZeroShares(cur);
  }
  return { reference: ref, current: cur, edges, values };
}

function fillZeroShares(p: Float64Array): void {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < p.length; i++) if ((p[i] as number) !== 0 && (p[i] as number) < min) min = p[i] as number;
  const fill = min <= 0.0001 ? min / 10 ** 6 : 0.0001;
  for (let i = 0; i < p.length; i++) if (p[i] === 0) p[i] = fill;
}
