/**
 * Loading an input profile from JSON (a file, localStorage, a config service): every field is checked
 * (format, version, types, lengths, finiteness, positivity) and a fresh object is built from the checked
 * fields only, so a tampered or truncated profile is a typed error, never a silent mis-scoring.
 */
import { describeValue, ValidationError } from '@modelsec/core';
import {
  type Calibration,
  type FullCovariance,
  INPUT_PROFILE_FORMAT,
  INPUT_PROFILE_VERSION,
  type InputProfile,
  type PcaCovariance,
  type RobustZCalibration,
} from './types';

/** Options of `parseInputProfile`. */
export interface ParseInputProfileOptions {
  /** Longest JSON text accepted, in UTF-16 code units (default 256 MiB). */
  maxLength?: number;
  /** Largest feature count accepted (default 2^20). */
  maxFeatures?: number;
}

/**
 * Parse and validate a profile from JSON text or an already-parsed value.
 *
 * @returns a profile safe to build rules from.
 * @throws ValidationError `invalid_json` (not JSON), `too_large` (text or feature count over the limit),
 * `unsupported_format` (another format or version), `invalid_format` (a missing or bad field; the
 * message names the field).
 * @example
 * ```ts
 * const profile = parseInputProfile(await readFile('profile.json', 'utf8'));
 * const rules = [profileRange(profile, { tolerance: 0.05 }), mahalanobisRule(profile)];
 * ```
 */
export function parseInputProfile(json: unknown, options: ParseInputProfileOptions = {}): InputProfile {
  const maxLength = options.maxLength ?? 2 ** 28;
  const maxFeatures = options.maxFeatures ?? 2 ** 20;
  let value = json;
  if (typeof json === 'string') {
    if (json.length > maxLength) {
      throw new ValidationError('too_large', `profile JSON is ${json.length} characters, limit ${maxLength}`);
    }
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new ValidationError('invalid_json', 'profile is not valid JSON', { cause: error });
    }
  }
  const o = record(value, 'profile');
  if (o.format !== INPUT_PROFILE_FORMAT) {
    throw new ValidationError('unsupported_format', `not a ${INPUT_PROFILE_FORMAT} document`);
  }
  if (o.version !== INPUT_PROFILE_VERSION) {
    throw new ValidationError('unsupported_format', `unsupported profile version ${describeValue(o.version)}`);
  }
  const d = int(o.featureCount, 'featureCount', 1);
  if (d > maxFeatures) throw new ValidationError('too_large', `profile has ${d} features, limit ${maxFeatures}`);
  const vec = (v: unknown, label: string, min = Number.NEGATIVE_INFINITY) => numbers(v, label, d, min);
  const profile: InputProfile = {
    format: INPUT_PROFILE_FORMAT,
    version: INPUT_PROFILE_VERSION,
    featureCount: d,
    sampleCount: int(o.sampleCount, 'sampleCount', 1),
    min: vec(o.min, 'min'),
    max: vec(o.max, 'max'),
    mean: vec(o.mean, 'mean'),
    std: vec(o.std, 'std', 0),
    median: vec(o.median, 'median'),
    mad: vec(o.mad, 'mad', 0),
    meanAbsDev: vec(o.meanAbsDev, 'meanAbsDev', 0),
    quantiles: quantiles(o.quantiles, d),
  };
  for (let j = 0; j < d; j++) {
    if ((profile.min[j] as number) > (profile.max[j] as number)) bad(`min[${j}] is above max[${j}]`);
  }
  if (o.featureNames !== undefined) {
    const names = list(o.featureNames, 'featureNames', d);
    profile.featureNames = names.map((s, i) => {
      if (typeof s !== 'string' || s.length > 256) bad(`featureNames[${i}] is not a string of at most 256 characters`);
      return s as string;
    });
  }
  if (o.covariance !== undefined) profile.covariance = covarianceOf(o.covariance, d);
  if (o.calibration !== undefined) {
    const c = record(o.calibration, 'calibration');
    const cal: NonNullable<InputProfile['calibration']> = {};
    if (c.mahalanobis !== undefined) cal.mahalanobis = calibrationOf(c.mahalanobis, 'calibration.mahalanobis');
    if (c.robustZ !== undefined) {
      const r = record(c.robustZ, 'calibration.robustZ');
      const base = calibrationOf(r, 'calibration.robustZ');
      if (r.aggregate !== 'max' && r.aggregate !== 'mean') bad('calibration.robustZ.aggregate must be max or mean');
      const z: RobustZCalibration = {
        ...base,
        aggregate: r.aggregate as 'max' | 'mean',
        cap: num(r.cap, 'calibration.robustZ.cap', 0),
      };
      if (!(z.cap > 0)) bad('calibration.robustZ.cap must be positive');
      cal.robustZ = z;
    }
    profile.calibration = cal;
  }
  return profile;
}

function bad(what: string): never {
  throw new ValidationError('invalid_format', `invalid input profile: ${what}`);
}

function record(v: unknown, label: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(`${label} is ${describeValue(v)}, expected object`);
  return v as Record<string, unknown>;
}

function list(v: unknown, label: string, length?: number): unknown[] {
  if (!Array.isArray(v)) bad(`${label} is ${describeValue(v)}, expected array`);
  if (length !== undefined && v.length !== length) bad(`${label} has ${v.length} entries, expected ${length}`);
  return v;
}

function num(v: unknown, label: string, min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    bad(`${label} is ${describeValue(v)}, expected a finite number in [${min}, ${max}]`);
  }
  return v;
}

function int(v: unknown, label: string, min: number): number {
  const x = num(v, label, min);
  if (!Number.isSafeInteger(x)) bad(`${label} is not an integer`);
  return x;
}

function numbers(v: unknown, label: string, length: number, min = Number.NEGATIVE_INFINITY): number[] {
  const arr = list(v, label, length);
  for (let i = 0; i < arr.length; i++) {
    const x = arr[i];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < min) bad(`${label}[${i}] is not a finite number >= ${min}`);
  }
  return [...(arr as number[])];
}

function quantiles(v: unknown, d: number): InputProfile['quantiles'] {
  const q = record(v, 'quantiles');
  const levelsRaw = list(q.levels, 'quantiles.levels');
  if (levelsRaw.length > 1000) bad('quantiles.levels has more than 1000 entries');
  const levels = levelsRaw.map((x, i) => num(x, `quantiles.levels[${i}]`, 0, 1));
  for (let i = 1; i < levels.length; i++) {
    if ((levels[i] as number) < (levels[i - 1] as number)) bad('quantiles.levels are not sorted');
  }
  const rows = list(q.values, 'quantiles.values', levels.length);
  return { levels, values: rows.map((row, l) => numbers(row, `quantiles.values[${l}]`, d)) };
}

function covarianceOf(v: unknown, d: number): FullCovariance | PcaCovariance {
  const c = record(v, 'covariance');
  const shrinkage = num(c.shrinkage, 'covariance.shrinkage', 0, 1);
  if (c.method !== 'ledoit-wolf' && c.method !== 'fixed') bad('covariance.method must be ledoit-wolf or fixed');
  const method = c.method;
  if (c.kind === 'full') {
    if (d > 4096) bad('a full covariance is limited to 4096 features');
    const chol = numbers(c.cholesky, 'covariance.cholesky', (d * (d + 1)) / 2);
    for (let i = 0, row = 0; i < d; row += i + 1, i++) {
      if (!((chol[row + i] as number) > 0)) bad(`covariance.cholesky diagonal ${i} is not positive`);
    }
    return { kind: 'full', shrinkage, method, cholesky: chol };
  }
  if (c.kind === 'pca') {
    const comps = list(c.components, 'covariance.components');
    const k = comps.length;
    if (k < 1 || k >= d || k > 1024) bad('covariance.components must hold 1 to min(featureCount - 1, 1024) vectors');
    const components = comps.map((row, i) => numbers(row, `covariance.components[${i}]`, d));
    checkOrthonormal(components, d);
    const variances = numbers(c.variances, 'covariance.variances', k);
    if (!variances.every((x) => x > 0)) bad('covariance.variances must be positive');
    const residualVariance = num(c.residualVariance, 'covariance.residualVariance');
    if (!(residualVariance > 0)) bad('covariance.residualVariance must be positive');
    return { kind: 'pca', shrinkage, method, components, variances, residualVariance };
  }
  return bad('covariance.kind must be full or pca');
}

function calibrationOf(v: unknown, label: string): Calibration {
  const c = record(v, label);
  return {
    threshold: num(c.threshold, `${label}.threshold`),
    fpr: num(c.fpr, `${label}.fpr`, 0, 1),
    observedFpr: num(c.observedFpr, `${label}.observedFpr`, 0, 1),
    sampleCount: int(c.sampleCount, `${label}.sampleCount`, 1),
  };
}

/** Components must be orthonormal (norms always; pairwise when cheap enough), else scores are meaningless. */
function checkOrthonormal(components: number[][], d: number): void {
  const k = components.length;
  const pairwise = k * k * d <= 5e7;
  for (let a = 0; a < k; a++) {
    for (let b = pairwise ? 0 : a; b <= a; b++) {
      const u = components[a] as number[];
      const w = components[b] as number[];
      let dot = 0;
      for (let j = 0; j < d; j++) dot += (u[j] as number) * (w[j] as number);
      if (Math.abs(dot - (a === b ? 1 : 0)) > 1e-6) bad('covariance.components are not orthonormal');
    }
  }
}
