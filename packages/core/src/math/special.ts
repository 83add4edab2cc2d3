// biome-ignore-all lint/correctness/noPrecisionLoss: published coefficients are kept digit for digit as in their sources.
/**
 * Special functions for the drift statistics, in plain double precision:
 *
 * - `erf`/`erfc`/`normCdf`/`normSf`: Cephes `ndtr.c` rational approximations (S. L. Moshier, as
 *   shipped in SciPy's xsf `cephes/ndtr.h`), relative error ~1e-16.
 * - `lgamma`: Lanczos approximation (g = 7, n = 9, Godfrey's coefficients), for x > 0.
 * - `gammaP`/`gammaQ`: regularized incomplete gamma by the power series (x < a + 1) or the Legendre
 *   continued fraction evaluated with modified Lentz (Numerical Recipes §6.2); `chi2Sf` on top.
 * - `besselK`: modified Bessel function of the second kind K_ν(x), by the trapezoidal rule on
 *   K_ν(x) = ∫₀^∞ exp(−x cosh t) cosh(νt) dt, which converges geometrically for this entire,
 *   doubly-exponentially decaying integrand (Trefethen & Weideman, SIAM Review 56(3), 2014).
 *
 * - `betaInc`: regularized incomplete beta by its continued fraction (modified Lentz, Numerical Recipes
 *   §6.4); `binomialSf` on top (p-values of bit, trigger and API agreements against chance).
 *
 * Shared by the drift statistics (@modelsec/monitor) and the watermark tests (@modelsec/watermark).
 * Accuracy is checked against SciPy (`scipy.special`, `scipy.stats`) in test/vectors/special*.json.
 */

const LN_SQRT_2PI = 0.9189385332046727418;

function polevl(x: number, c: readonly number[]): number {
  let r = c[0] as number;
  for (let i = 1; i < c.length; i++) r = r * x + (c[i] as number);
  return r;
}

function p1evl(x: number, c: readonly number[]): number {
  let r = x + (c[0] as number);
  for (let i = 1; i < c.length; i++) r = r * x + (c[i] as number);
  return r;
}

const P = [
  2.46196981473530512524e-10, 5.64189564831068821977e-1, 7.46321056442269912687, 4.86371970985681366614e1,
  1.96520832956077098242e2, 5.26445194995477358631e2, 9.3452852717195760754e2, 1.02755188689515710272e3,
  5.57535335369399327526e2,
];
const Q = [
  1.32281951154744992508e1, 8.67072140885989742329e1, 3.54937778887819891062e2, 9.75708501743205489753e2,
  1.82390916687909736289e3, 2.24633760818710981792e3, 1.65666309194161350182e3, 5.57535340817727675546e2,
];
const R = [
  5.64189583547755073984e-1, 1.27536670759978104416, 5.01905042251180477414, 6.16021097993053585195,
  7.4097426995044893916, 2.9788666537210024067,
];
const S = [
  2.2605286322011727659, 9.39603524938001434673, 1.20489539808096656605e1, 1.70814450747565897222e1,
  9.60896809063285878198, 3.3690764510008151605,
];
const T = [
  9.60497373987051638749, 9.00260197203842689217e1, 2.23200534594684319226e3, 7.00332514112805075473e3,
  5.55923013010394962768e4,
];
const U = [
  3.35617141647503099647e1, 5.21357949780152679795e2, 4.59432382970980127987e3, 2.26290000613890934246e4,
  4.92673942608635921086e4,
];
const MAXLOG = 7.09782712893383996843e2;

/**
 * The error function erf(x) (Cephes).
 *
 * @example
 * ```ts
 * erf(0.5); // 0.5204998778130465
 * ```
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return -erf(-x);
  if (x > 1) return 1 - erfc(x);
  const z = x * x;
  return (x * polevl(z, T)) / p1evl(z, U);
}

/**
 * The complementary error function erfc(x) = 1 − erf(x), accurate in the upper tail (Cephes).
 *
 * @example
 * ```ts
 * erfc(3); // 2.209049699858544e-5
 * ```
 */
export function erfc(a: number): number {
  if (Number.isNaN(a)) return Number.NaN;
  const x = Math.abs(a);
  if (x < 1) return 1 - erf(a);
  const z = -a * a;
  if (z < -MAXLOG) return a < 0 ? 2 : 0;
  const e = Math.exp(z);
  const y = x < 8 ? (e * polevl(x, P)) / p1evl(x, Q) : (e * polevl(x, R)) / p1evl(x, S);
  if (a < 0) return 2 - y;
  return y === 0 ? 0 : y;
}

/**
 * Standard normal cumulative distribution Φ(x) (Cephes `ndtr`).
 *
 * @example
 * ```ts
 * normCdf(1.96); // 0.9750021048517795
 * ```
 */
export function normCdf(a: number): number {
  const x = a * Math.SQRT1_2;
  const z = Math.abs(x);
  if (z < 1) return 0.5 + 0.5 * erf(x);
  const y = 0.5 * erfc(z);
  return x > 0 ? 1 - y : y;
}

/**
 * Standard normal survival function 1 − Φ(x), accurate in the upper tail.
 *
 * @example
 * ```ts
 * normSf(5); // 2.866515718791939e-7
 * ```
 */
export function normSf(x: number): number {
  return normCdf(-x);
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * log Γ(x) for x > 0 (Lanczos approximation, g = 7; reflection below 0.5).
 *
 * @example
 * ```ts
 * lgamma(10); // Math.log(362880)
 * ```
 */
export function lgamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (y + i);
  const t = y + 7.5;
  return LN_SQRT_2PI + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 2.220446049250313e-16;
const TINY = 1e-300;

function gammaPrefactor(a: number, x: number): number {
  return Math.exp(a * Math.log(x) - x - lgamma(a));
}

function gammaSeries(a: number, x: number): number {
  let ap = a;
  let sum = 1 / a;
  let del = sum;
  for (let n = 0; n < 100_000; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return sum * gammaPrefactor(a, x);
}

function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h * gammaPrefactor(a, x);
}

/**
 * Regularized lower incomplete gamma P(a, x) (SciPy `gammainc`).
 *
 * @example
 * ```ts
 * gammaP(1, 1); // 1 - Math.exp(-1)
 * ```
 */
export function gammaP(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/**
 * Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x) (SciPy `gammaincc`), accurate in the tail.
 *
 * @example
 * ```ts
 * gammaQ(1, 1); // Math.exp(-1)
 * ```
 */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

/**
 * Survival function of the χ² distribution with `dof` degrees of freedom (`scipy.stats.chi2.sf`).
 *
 * @example
 * ```ts
 * chi2Sf(3.841458820694124, 1); // ≈ 0.05
 * ```
 */
export function chi2Sf(x: number, dof: number): number {
  if (x <= 0) return 1;
  return gammaQ(dof / 2, x / 2);
}

/**
 * exp(x)·K_ν(x), the exponentially scaled modified Bessel function of the second kind (x > 0).
 *
 * @example
 * ```ts
 * besselKScaled(0.25, 2); // scipy.special.kve(0.25, 2)
 * ```
 */
export function besselKScaled(nu: number, x: number): number {
  if (!(x > 0)) return x === 0 ? Number.POSITIVE_INFINITY : Number.NaN;
  // Integrand exp(−x (cosh t − 1)) cosh(νt): negligible once x (cosh t − 1) > 745.
  const h = Math.min(0.1, 9 / (x + 40));
  const tMax = Math.acosh(1 + 745 / x) + 1;
  let sum = 0.5;
  for (let t = h; t <= tMax; t += h) {
    const term = Math.exp(-x * (Math.cosh(t) - 1)) * Math.cosh(nu * t);
    sum += term;
    if (term < sum * 1e-18) break;
  }
  return sum * h;
}

/**
 * K_ν(x), the modified Bessel function of the second kind (`scipy.special.kv`) for x > 0.
 *
 * @example
 * ```ts
 * besselK(0.25, 1); // 0.4307397...
 * ```
 */
export function besselK(nu: number, x: number): number {
  return besselKScaled(nu, x) * Math.exp(-x);
}

const BETA_EPS = 1e-15;
const MAX_BETA_ITER = 10_000;

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaCf(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_BETA_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < BETA_EPS) break;
  }
  return h;
}

/**
 * Regularized incomplete beta I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1.
 *
 * @example
 * ```ts
 * betaInc(2, 3, 0.4); // 0.5248
 * ```
 */
export function betaInc(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaCf(a, b, x)) / a;
  return 1 - (Math.exp(lnFront) * betaCf(b, a, 1 - x)) / b;
}

/**
 * P(X ≥ k) for X ~ Binomial(n, p): the p-value of observing at least `k` agreements in `n` trials
 * when each agrees by chance with probability `p`.
 *
 * @example
 * ```ts
 * binomialSf(60, 64, 0.5); // 4.3e-14: 60 of 64 watermark bits right by chance
 * ```
 */
export function binomialSf(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  // P(X ≥ k) = I_p(k, n − k + 1).
  return Math.min(1, Math.max(0, betaInc(k, n - k + 1, p)));
}
