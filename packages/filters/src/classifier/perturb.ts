/**
 * Classifier rules that change the probability values an extraction or membership-inference attacker
 * learns from: `roundProbabilities` (ART `Rounded`), `reverseSigmoid` (ART `ReverseSigmoid`, Lee et al.
 * 2018, arXiv:1806.00054) and `noise` (Gaussian or Laplace noise from the platform CSPRNG, renormalized,
 * argmax kept). The ART-compatible rules follow ART's numpy code operation by operation in float64.
 */
import { aboolean, afunction, anumber, aobject, aoneOf, ConfigError, type Rule, ValidationError } from '@modelsec/core';
import { npAround, npSum } from './numpy';
import { type ClassifierOutput, modifiedFinding, predictedClass, readScores, zeros } from './scores';

/**
 * Round every score to `decimals` decimal places, halves to even: exactly ART's `Rounded`
 * (`np.around`). The top class stays a maximum, but rounding can tie it with another class, and a
 * first-index argmax may then report the other one (documented exception to "keeps the argmax").
 *
 * @param decimals - decimal places, 1-15 (ART requires a positive integer).
 * @example
 * ```ts
 * runRulesSync([0.1234, 0.8766], [roundProbabilities(2)], { phase: 'output' }).value; // [0.12, 0.88]
 * ```
 */
export function roundProbabilities(decimals: number): Rule<ClassifierOutput> {
  anumber(decimals, 'decimals', { min: 1, max: 15, integer: true });
  const name = 'roundProbabilities';
  const finding = modifiedFinding(name, `rounded to ${decimals} decimals`);
  return {
    specificationVersion: 'v1',
    name,
    check(value) {
      const s = readScores(value, name);
      const d = s.data;
      for (let i = 0; i < d.length; i++) d[i] = npAround(d[i] as number, decimals);
      return { value: s.wrap(d), findings: [finding] };
    },
  };
}

/** Options of `reverseSigmoid` (ART's parameters and defaults). */
export interface ReverseSigmoidOptions {
  /** Magnitude, > 0 (default 1). */
  beta?: number;
  /** Convergence, > 0 (default 0.1). */
  gamma?: number;
}

const CLIP_MIN = 1e-9;
const CLIP_MAX = 1 - CLIP_MIN;

/**
 * The Reverse Sigmoid perturbation, numerically identical to ART's `ReverseSigmoid` on float64 input
 * (float32 input is computed in float64 and stored as float32). Multiclass rows:
 * `r = β(σ(γ·logit(clip(p))) − ½)`, `p' = clip(p − r, 0, 1) / Σ`; one binary column (P(class 1)):
 * both classes perturbed, `p₁' / (p₁' + p₀')` returned. Values must be probabilities in [0, 1].
 *
 * Argmax: for β ≤ 1 and γ ≤ 1 (not both 1, which maps every class to ½) a class above ½ stays the top
 * class (ties are possible within rounding when p is within ~1e-7 of ½), but when every probability is below
 * ½ the perturbation can reorder classes (it is not monotonic). When every perturbed value clips to 0
 * (β large), ART divides by zero; this rule blocks with `invalid_value` instead.
 *
 * @example
 * ```ts
 * const rule = reverseSigmoid({ beta: 1, gamma: 0.1 });
 * runRulesSync(probs, [rule], { phase: 'output' }).value;
 * ```
 */
export function reverseSigmoid(options: ReverseSigmoidOptions = {}): Rule<ClassifierOutput> {
  aobject(options as unknown, 'options');
  const beta = options.beta ?? 1;
  const gamma = options.gamma ?? 0.1;
  anumber(beta, 'options.beta', { min: Number.MIN_VALUE });
  anumber(gamma, 'options.gamma', { min: Number.MIN_VALUE });
  const name = 'reverseSigmoid';
  const finding = modifiedFinding(name, `reverse sigmoid (beta ${beta}, gamma ${gamma})`);
  const perturbation = (p: number): number => {
    const c = Math.min(CLIP_MAX, Math.max(CLIP_MIN, p));
    const z = -gamma * Math.log((1 - c) / c);
    return beta * (1 / (1 + Math.exp(-z)) - 0.5);
  };
  return {
    specificationVersion: 'v1',
    name,
    check(value) {
      const s = readScores(value, name);
      const { data, rows, k } = s;
      for (let i = 0; i < data.length; i++) {
        const p = data[i] as number;
        if (p < 0 || p > 1)
          throw new ValidationError('out_of_range', `rule "${name}" expected probabilities in [0, 1]`);
      }
      const out = zeros(data.length);
      if (k > 1) {
        for (let r = 0; r < rows; r++) {
          const o = r * k;
          for (let j = 0; j < k; j++) {
            const p = data[o + j] as number;
            out[o + j] = Math.min(1, Math.max(0, p - perturbation(p)));
          }
          const sum = npSum(out, o, k);
          if (!(sum > 0)) throw zeroSum(name);
          const alpha = 1 / sum;
          for (let j = 0; j < k; j++) out[o + j] = alpha * (out[o + j] as number);
        }
      } else {
        for (let r = 0; r < rows; r++) {
          const p1 = data[r] as number;
          const p2 = 1 - p1;
          // ART perturbs the complement from the complement of the clipped value.
          const c1 = Math.min(CLIP_MAX, Math.max(CLIP_MIN, p1));
          const q1 = Math.min(1, Math.max(0, p1 - perturbation(c1)));
          const q2 = Math.min(1, Math.max(0, p2 - perturbationExact(1 - c1, beta, gamma)));
          if (!(q1 + q2 > 0)) throw zeroSum(name);
          out[r] = (1 / (q1 + q2)) * q1;
        }
      }
      return { value: s.wrap(out), findings: [finding] };
    },
  };
}

// The binary branch of ART applies the formula to `1 - clip(p)` without clipping it again.
function perturbationExact(c: number, beta: number, gamma: number): number {
  const z = -gamma * Math.log((1 - c) / c);
  return beta * (1 / (1 + Math.exp(-z)) - 0.5);
}

function zeroSum(name: string): ValidationError {
  return new ValidationError(
    'invalid_value',
    `rule "${name}" perturbed every class to 0 (beta too large for these probabilities)`,
  );
}

/** Options of `noise`. */
export interface NoiseOptions {
  /** `gaussian` (default, ART's `GaussianNoise`) or `laplace`. */
  distribution?: 'gaussian' | 'laplace';
  /** Standard deviation (Gaussian) or scale b (Laplace), > 0; default 0.2 as ART. */
  scale?: number;
  /** Keep each row's predicted class by swapping it back to the top when noise moved it (default true). */
  keepArgmax?: boolean;
  /**
   * Uniform numbers in [0, 1) for tests and reproducible experiments. Default: the platform CSPRNG
   * (`crypto.getRandomValues`). A predictable generator lets an attacker subtract the noise.
   */
  random?: () => number;
}

/**
 * Add random noise to each probability, clip negatives to 0 and renormalize each row (ART's
 * `GaussianNoise` for probability outputs, plus Laplace). With `keepArgmax` (default) a row whose
 * top class changed gets the values of the two classes swapped back, so the label is unchanged; a row
 * that lost all mass becomes one-hot on its predicted class. One binary column is clipped to [0, 1].
 *
 * @example
 * ```ts
 * const rule = noise({ distribution: 'laplace', scale: 0.05 });
 * ```
 */
export function noise(options: NoiseOptions = {}): Rule<ClassifierOutput> {
  aobject(options as unknown, 'options');
  const distribution = options.distribution ?? 'gaussian';
  aoneOf(distribution, 'options.distribution', ['gaussian', 'laplace'] as const);
  const scale = options.scale ?? 0.2;
  anumber(scale, 'options.scale', { min: Number.MIN_VALUE });
  const keepArgmax = options.keepArgmax ?? true;
  aboolean(keepArgmax, 'options.keepArgmax');
  if (options.random !== undefined) afunction(options.random, 'options.random');
  const uniform = options.random ?? cryptoUniform();
  const sample =
    distribution === 'gaussian'
      ? () => scale * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
      : () => {
          const u = uniform() - 0.5;
          return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
        };
  const name = 'noise';
  const finding = modifiedFinding(name, `${distribution} noise (scale ${scale})`);
  return {
    specificationVersion: 'v1',
    name,
    check(value) {
      const s = readScores(value, name);
      const { data, rows, k } = s;
      const out = zeros(data.length);
      for (let r = 0; r < rows; r++) {
        const o = r * k;
        const label = predictedClass(data, r, k);
        if (k === 1) {
          let q = Math.min(1, Math.max(0, (data[r] as number) + sample()));
          if (keepArgmax && (q > 0.5 ? 1 : 0) !== label) q = 1 - q;
          out[r] = q;
          continue;
        }
        let sum = 0;
        for (let j = 0; j < k; j++) {
          const q = Math.max(0, (data[o + j] as number) + sample());
          out[o + j] = q;
          sum += q;
        }
        if (!(sum > 0) || !Number.isFinite(sum)) {
          out.fill(0, o, o + k);
          out[o + label] = 1;
          continue;
        }
        for (let j = 0; j < k; j++) out[o + j] = (out[o + j] as number) / sum;
        if (!keepArgmax) continue;
        const now = predictedClass(out, r, k);
        if (now !== label) {
          const t = out[o + now] as number;
          out[o + now] = out[o + label] as number;
          out[o + label] = t;
          // A tie with an earlier class would still report that class: nudge the label just above it.
          if (predictedClass(out, r, k) !== label) out[o + label] = nextUp(out[o + now] as number);
        }
      }
      return { value: s.wrap(out), findings: [finding] };
    },
  };
}

/** Uniform doubles in [0, 1) with 53 random bits from `crypto.getRandomValues`, drawn in blocks. */
function cryptoUniform(): () => number {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (!c || typeof c.getRandomValues !== 'function') {
    throw new ConfigError('unsupported_runtime', 'noise() needs crypto.getRandomValues (or pass options.random)');
  }
  const block = new Uint32Array(512);
  let i = block.length;
  return () => {
    if (i + 2 > block.length) {
      c.getRandomValues(block);
      i = 0;
    }
    const hi = (block[i++] as number) >>> 5; // 27 bits
    const lo = (block[i++] as number) >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };
}

function nextUp(x: number): number {
  return x + Math.max(Number.EPSILON * Math.abs(x), Number.MIN_VALUE);
}
