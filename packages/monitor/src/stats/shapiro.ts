/**
 * `shapiroWilk`: the Shapiro–Wilk W test of normality as `scipy.stats.shapiro` (SciPy 1.17), i.e.
 * Royston's algorithm AS R94 (Applied Statistics 44, 1995) in the double-precision translation
 * SciPy ships (`_ansari_swilk_statistics.pyx`): coefficients from Blom scores with Royston's
 * polynomial corrections, W from the centred, range-scaled sample, p-value from Royston's normalizing
 * transformation (exact for n = 3). Like SciPy, the sample is shifted by x[n//2] (in input order)
 * before sorting, and a sample with zero range gives W = 1, p = 1.
 */
import { toSample } from './sample';
import { sortFloat64 } from './sort';

/** Result of {@link shapiroWilk}. */
export interface ShapiroWilkResult {
  /** The W statistic in (0, 1]. */
  statistic: number;
  /** The p-value. */
  pValue: number;
  /** True when all values are equal (W = 1, p = 1 as SciPy returns, with a warning there). */
  zeroRange: boolean;
}

/** Largest n accepted (SciPy warns above 5000 that p may be inaccurate; AS R94 is fitted up to 5000). */
export const SHAPIRO_MAX_N = 5000;

/**
 * Shapiro–Wilk test of normality (as `scipy.stats.shapiro(x)`), for 3 ≤ n ≤ 5000.
 *
 * @throws ValidationError for fewer than 3 or more than 5000 values, or non-finite values.
 * @example
 * ```ts
 * const { statistic, pValue } = shapiroWilk([2.1, 3.4, 1.9, 5.6, 4.2, 3.3]);
 * ```
 */
export function shapiroWilk(x: ArrayLike<number>): ShapiroWilkResult {
  const data = toSample(x, 'x', 3, SHAPIRO_MAX_N);
  return shapiroSample(data);
}

/** Shapiro–Wilk on a checked sample (copied; the input is not modified). */
export function shapiroSample(data: Float64Array): ShapiroWilkResult {
  const n = data.length;
  const shift = data[n >> 1] as number;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = (data[i] as number) - shift;
  sortFloat64(y);
  const [w, pw, fault] = swilk(y, coefficients(n));
  return { statistic: w, pValue: pw, zeroRange: fault === 6 };
}

const C1 = [0, 0.221157, -0.147981, -0.207119e1, 0.4434685e1, -0.2706056e1];
const C2 = [0, 0.42981e-1, -0.293762, -0.1752461e1, 0.5682633e1, -0.3582633e1];
const C3 = [0.544, -0.39978, 0.25054e-1, -0.6714e-3];
const C4 = [0.13822e1, -0.77857, 0.62767e-1, -0.20322e-2];
const C5 = [-0.15861e1, -0.31082, -0.83751e-1, 0.38915e-2];
const C6 = [-0.4803, -0.82676e-1, 0.30302e-2];
const G = [-0.2273e1, 0.459];
const SMALL = 1e-19;
const SQRTH = Math.SQRT2 / 2;
const PI6 = 6 / Math.PI;

const cache = new Map<number, Float64Array>();

/** The AS R94 coefficients a[0..n/2) for sample size n (cached: PRADA calls this per query). */
function coefficients(n: number): Float64Array {
  const hit = cache.get(n);
  if (hit) return hit;
  const nn2 = n >> 1;
  const a = new Float64Array(nn2);
  if (n === 3) a[0] = SQRTH;
  else {
    const an25 = n + 0.25;
    let summ2 = 0;
    for (let i = 0; i < nn2; i++) {
      const t = ppnd((i + 1 - 0.375) / an25);
      a[i] = t;
      summ2 += t * t;
    }
    summ2 *= 2;
    const ssumm2 = Math.sqrt(summ2);
    const rsn = 1 / Math.sqrt(n);
    const A1 = poly(C1, rsn) - (a[0] as number) / ssumm2;
    let i1: number;
    let fac: number;
    if (n > 5) {
      i1 = 2;
      const A2 = -(a[1] as number) / ssumm2 + poly(C2, rsn);
      fac = Math.sqrt(
        (summ2 - 2 * (a[0] as number) ** 2 - 2 * (a[1] as number) ** 2) / (1 - 2 * A1 ** 2 - 2 * A2 ** 2),
      );
      a[1] = A2;
    } else {
      i1 = 1;
      fac = Math.sqrt((summ2 - 2 * (a[0] as number) ** 2) / (1 - 2 * A1 ** 2));
    }
    a[0] = A1;
    for (let i = i1; i < nn2; i++) a[i] = (a[i] as number) * (-1 / fac);
  }
  if (cache.size > 64) cache.clear();
  cache.set(n, a);
  return a;
}

function swilk(x: Float64Array, a: Float64Array): [number, number, number] {
  const n = x.length;
  const range = (x[n - 1] as number) - (x[0] as number);
  if (range < SMALL) return [1, 1, 6];
  let sx = (x[0] as number) / range;
  let sa = -(a[0] as number);
  let ind2 = n - 2;
  for (let i = 1; i < n; i++) {
    sx += (x[i] as number) / range;
    if (i !== ind2) sa += (i < ind2 ? -1 : 1) * (a[Math.min(i, ind2)] as number);
    ind2--;
  }
  sa /= n;
  sx /= n;
  let ssa = 0;
  let ssx = 0;
  let sax = 0;
  ind2 = n - 1;
  for (let i = 0; i < n; i++) {
    const asa = i !== ind2 ? (i < ind2 ? -1 : 1) * (a[Math.min(i, ind2)] as number) - sa : -sa;
    const xsx = (x[i] as number) / range - sx;
    ssa += asa * asa;
    ssx += xsx * xsx;
    sax += asa * xsx;
    ind2--;
  }
  const ssassx = Math.sqrt(ssa * ssx);
  const w1 = ((ssassx - sax) * (ssassx + sax)) / (ssa * ssx);
  const w = 1 - w1;
  if (n === 3) {
    if (w < 0.75) return [0.75, 0, 0];
    return [w, 1 - PI6 * Math.acos(Math.sqrt(w)), 0];
  }
  let y = Math.log(w1);
  const xx = Math.log(n);
  let m: number;
  let s: number;
  if (n <= 11) {
    const gamma = poly(G, n);
    if (y >= gamma) return [w, SMALL, 0];
    y = -Math.log(gamma - y);
    m = poly(C3, n);
    s = Math.exp(poly(C4, n));
  } else {
    m = poly(C5, xx);
    s = Math.exp(poly(C6, xx));
  }
  return [w, alnorm((y - m) / s), 0];
}

/** AS 66 upper normal tail area (SciPy's `_alnorm` with upper = true). */
function alnorm(x: number): number {
  let upper = true;
  let z = x;
  if (!(z > 0)) {
    upper = false;
    z = -z;
  }
  if (!(z <= 7 || (upper && z <= 38))) return upper ? 0 : 1;
  const y = 0.5 * z * z;
  let temp: number;
  if (z <= 1.28) {
    temp =
      0.5 -
      z *
        (0.398942280444 -
          (0.399903438504 * y) /
            (y + 5.75885480458 - 29.8213557808 / (y + 2.62433121679 + 48.6959930692 / (y + 5.92885724438))));
  } else {
    temp =
      (0.398942280385 * Math.exp(-y)) /
      (z -
        3.8052e-8 +
        1.00000615302 /
          (z +
            3.98064794e-4 +
            1.98615381364 /
              (z -
                0.151679116635 +
                5.29330324926 /
                  (z + 4.8385912808 - 15.1508972451 / (z + 0.742380924027 + 30.789933034 / (z + 3.99019417011))))));
  }
  return upper ? temp : 1 - temp;
}

/** AS 111 normal quantile (SciPy's `_ppnd`). */
function ppnd(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.42) {
    const r = q * q;
    return (
      (q * (((-25.44106049637 * r + 41.39119773534) * r + -18.61500062529) * r + 2.50662823884)) /
      ((((3.13082909833 * r + -21.06224101826) * r + 23.08336743743) * r + -8.4735109309) * r + 1)
    );
  }
  let r = q > 0 ? 1 - p : p;
  if (!(r > 0)) return 0;
  r = Math.sqrt(-Math.log(r));
  const t =
    (((2.32121276858 * r + 4.85014127135) * r + -2.29796479134) * r + -2.78718931138) /
    ((1.63706781897 * r + 3.54388924762) * r + 1);
  return q < 0 ? -t : t;
}

/** AS 181 `poly`: coefficients [c0, c1, ..., c_{n−1}] evaluated as c0 + c1·x + ... (Horner from the top). */
function poly(c: readonly number[], x: number): number {
  const nord = c.length;
  let res = c[0] as number;
  if (nord === 1) return res;
  let p = x * (c[nord - 1] as number);
  if (nord === 2) return res + p;
  for (let i = nord - 2; i > 0; i--) p = (p + (c[i] as number)) * x;
  res += p;
  return res;
}
