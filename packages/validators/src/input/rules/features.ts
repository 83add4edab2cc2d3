/**
 * Per-feature rules for tabular and vector inputs: numeric ranges (block, clip or flag) and categorical
 * vocabularies (block, replace with a fallback, or flag), over tensors (features by index) and over
 * plain records (features by field name).
 */
import {
  aoneOf,
  describeValue,
  ModelSecRangeError,
  ModelSecTypeError,
  type Rule,
  ValidationError,
} from '@modelsec/core';
import { finding } from '../finding';
import { outputLike, readTensor, rebuildTensor, sampleCount, type TensorInput, type TensorLimits } from '../tensor';

/** Options of `featureRanges`. */
export interface FeatureRangesOptions extends TensorLimits {
  /** Lower bound per feature (array) or for every feature (number). */
  min: number | readonly number[];
  /** Upper bound per feature (array) or for every feature (number). */
  max: number | readonly number[];
  /** `block` (default) rejects, `clip` clamps into range, `flag` only reports. NaN always blocks. */
  action?: 'block' | 'clip' | 'flag';
  /** Rule name (default `featureRanges`). */
  name?: string;
}

/**
 * Check every feature of every sample against `[min, max]`. With arrays of length `d`, the input is read
 * as samples of `d` features (its size must be a multiple of `d`).
 *
 * @returns a rule that blocks with `out_of_range` (`non_finite` for NaN), or clips.
 * @example
 * ```ts
 * const pixels = featureRanges({ min: 0, max: 1, action: 'clip' });
 * const tabular = featureRanges({ min: [0, 0, -90], max: [120, 1e7, 90] });
 * ```
 */
export function featureRanges(options: FeatureRangesOptions): Rule<TensorInput> {
  const action = options.action ?? 'block';
  aoneOf(action, 'options.action', ['block', 'clip', 'flag'] as const);
  const { lo, hi, d } = boundsArrays(options.min, options.max);
  const name = options.name ?? 'featureRanges';
  return {
    name,
    check(value) {
      const view = readTensor(value, options);
      const width = d === 1 ? view.size : d;
      const rows = d === 1 ? 1 : sampleCount(view, d);
      const { data } = view;
      // Fast path: one pass, no bookkeeping, for the common all-in-range input.
      let inRange = true;
      for (let r = 0, i = 0; r < rows && inRange; r++) {
        for (let j = 0; j < width; j++, i++) {
          const x = data[i] as number;
          const f = d === 1 ? 0 : j;
          if (!(x >= (lo[f] as number) && x <= (hi[f] as number))) {
            inRange = false;
            break;
          }
        }
      }
      if (inRange) return undefined;
      let below = 0;
      let above = 0;
      let nan = 0;
      const features: number[] = [];
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < width; j++) {
          const x = data[r * width + j] as number;
          const a = lo[d === 1 ? 0 : j] as number;
          const b = hi[d === 1 ? 0 : j] as number;
          if (x >= a && x <= b) continue;
          if (x < a) below++;
          else if (x > b) above++;
          else nan++;
          if (features.length < 8 && !features.includes(j)) features.push(j);
        }
      }
      if (below + above + nan === 0) return undefined;
      const details = { below, above, nan, features };
      const message = `${below + above} values out of range, ${nan} NaN`;
      if (nan > 0) return { findings: [finding(name, 'non_finite', message, { action: 'block', details })] };
      if (action !== 'clip') return { findings: [finding(name, 'out_of_range', message, { action, details })] };
      const out = outputLike(view);
      for (let r = 0, i = 0; r < rows; r++) {
        for (let j = 0; j < width; j++, i++) {
          const f = d === 1 ? 0 : j;
          const x = data[i] as number;
          out[i] = x < (lo[f] as number) ? (lo[f] as number) : x > (hi[f] as number) ? (hi[f] as number) : x;
        }
      }
      return {
        value: rebuildTensor(value, view, out) as TensorInput,
        findings: [finding(name, 'out_of_range', `${message} (clipped)`, { action: 'modify', details })],
      };
    },
  };
}

/** An allowed set of category values. */
export type Vocabulary = readonly (string | number)[];

/** Options of `categories`. */
export interface CategoriesOptions extends TensorLimits {
  /** `block` (default) rejects unknown values, `replace` swaps them for `replacement`, `flag` reports them. */
  onUnknown?: 'block' | 'replace' | 'flag';
  /** Replacement for unknown values (default: the first value of the field's vocabulary). */
  replacement?: string | number;
  /** For tensor inputs: number of features per sample (vocabulary keys are feature indices); without it only records are accepted. */
  featureCount?: number;
  /** Rule name (default `categories`). */
  name?: string;
}

/**
 * Check categorical features against their vocabularies. On a plain object input the keys of `vocab`
 * are field names (absent fields are left to the schema); on a tensor input they are feature indices
 * and `featureCount` says how many features a sample has.
 *
 * @returns a rule that blocks with `invalid_value`, or replaces unknown values.
 * @example
 * ```ts
 * const rule = categories({ country: ['FR', 'DE', 'IT'], plan: ['free', 'pro'] }, { onUnknown: 'replace' });
 * const codes = categories({ 0: [0, 1, 2] }, { featureCount: 5 });
 * ```
 */
export function categories(vocab: Readonly<Record<string, Vocabulary>>, options: CategoriesOptions = {}): Rule {
  if (typeof vocab !== 'object' || vocab === null || Array.isArray(vocab)) {
    throw new ModelSecTypeError(`"vocab" expected object, got ${describeValue(vocab)}`);
  }
  const onUnknown = options.onUnknown ?? 'block';
  aoneOf(onUnknown, 'options.onUnknown', ['block', 'replace', 'flag'] as const);
  const fields = Object.keys(vocab);
  const sets = new Map<string, Set<string | number>>();
  for (const key of fields) {
    const list = vocab[key];
    if (!Array.isArray(list) || list.length === 0)
      throw new ModelSecTypeError(`"vocab.${key}" expected a non-empty array`);
    sets.set(key, new Set(list));
  }
  const name = options.name ?? 'categories';
  const replacementFor = (key: string) => options.replacement ?? (vocab[key] as Vocabulary)[0];
  const report = (unknown: number, fieldsHit: string[], value?: unknown) => {
    const details = { unknown, fields: fieldsHit.slice(0, 8) };
    const message = `${unknown} values outside their vocabulary`;
    if (onUnknown !== 'replace') {
      return { findings: [finding(name, 'invalid_value', message, { action: onUnknown, details })] };
    }
    return {
      value,
      findings: [finding(name, 'invalid_value', `${message} (replaced)`, { action: 'modify', details })],
    };
  };
  return {
    name,
    check(value) {
      if (isRecord(value)) {
        let unknown = 0;
        const hit: string[] = [];
        const copy: Record<string, unknown> = { ...value };
        for (const key of fields) {
          if (!Object.hasOwn(value, key)) continue;
          const v = value[key];
          if ((typeof v === 'string' || typeof v === 'number') && sets.get(key)?.has(v)) continue;
          unknown++;
          hit.push(key);
          copy[key] = replacementFor(key);
        }
        return unknown === 0 ? undefined : report(unknown, hit, copy);
      }
      const d = options.featureCount;
      if (d === undefined) {
        // Without featureCount the vocabulary is by field name: anything but a record is malformed.
        throw new ValidationError(
          'invalid_format',
          `expected an object with categorical fields, got ${describeValue(value)}`,
        );
      }
      const view = readTensor(value, options);
      const n = sampleCount(view, d);
      const idx = fields.map(Number);
      let unknown = 0;
      let numeric = true;
      const hit: string[] = [];
      const out = Float64Array.from(view.data as ArrayLike<number>);
      for (let r = 0; r < n; r++) {
        for (let f = 0; f < idx.length; f++) {
          const j = idx[f] as number;
          const key = fields[f] as string;
          if (!(j >= 0 && j < d)) continue;
          if (sets.get(key)?.has(out[r * d + j] as number)) continue;
          unknown++;
          if (!hit.includes(key)) hit.push(key);
          const rep = replacementFor(key);
          if (typeof rep === 'number') out[r * d + j] = rep;
          else numeric = false;
        }
      }
      if (unknown === 0) return undefined;
      if (onUnknown === 'replace' && !numeric) {
        const details = { unknown, fields: hit.slice(0, 8) };
        const message = `${unknown} values outside their vocabulary (no numeric replacement)`;
        return { findings: [finding(name, 'invalid_value', message, { action: 'block', details })] };
      }
      return report(unknown, hit, onUnknown === 'replace' ? rebuildTensor(value, view, out) : undefined);
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !ArrayBuffer.isView(value) &&
    !(typeof (value as { type?: unknown }).type === 'string' && Array.isArray((value as { dims?: unknown }).dims))
  );
}

/** Validate `min`/`max` options into arrays of equal length `d` (1 when both are numbers). */
function boundsArrays(
  min: number | readonly number[],
  max: number | readonly number[],
): { lo: Float64Array; hi: Float64Array; d: number } {
  const len = (x: unknown, label: string) => {
    if (typeof x === 'number') {
      if (Number.isNaN(x)) throw new ModelSecRangeError(`"${label}" must not be NaN`);
      return 1;
    }
    if (!Array.isArray(x) || x.length === 0) {
      throw new ModelSecTypeError(`"${label}" expected number or non-empty array, got ${describeValue(x)}`);
    }
    return x.length;
  };
  const dMin = len(min, 'options.min');
  const dMax = len(max, 'options.max');
  if (dMin > 1 && dMax > 1 && dMin !== dMax) {
    throw new ModelSecTypeError(`"options.min" and "options.max" have different lengths (${dMin}, ${dMax})`);
  }
  const d = Math.max(dMin, dMax);
  const fill = (x: number | readonly number[]) =>
    typeof x === 'number' ? new Float64Array(d).fill(x) : Float64Array.from(x as readonly number[]);
  const lo = fill(min);
  const hi = fill(max);
  for (let j = 0; j < d; j++) {
    if (!((lo[j] as number) <= (hi[j] as number))) {
      throw new ModelSecRangeError(`"options.min[${j}]" must be a number not above "options.max[${j}]"`);
    }
  }
  return { lo, hi, d };
}
