/**
 * Structural tensor rules: shape, element type, finite values (no NaN or Infinity) and subnormal
 * ("denormal") values, for nested arrays, typed arrays and onnxruntime Tensors.
 */
import { aoneOf, describeValue, ModelSecTypeError, type Rule } from '@modelsec/core';
import { finding } from '../finding';
import { readTensor, rebuildTensor, type TensorDtype, type TensorInput, type TensorLimits } from '../tensor';

/** One dimension of an expected shape: a fixed size, or `null` / a name for "any size" (a batch). */
export type DimSpec = number | null | string;

/** Options of `tensorShape`. */
export interface TensorShapeOptions extends TensorLimits {
  /**
   * Expected shape, e.g. `[null, 1, 28, 28]`. Nested arrays and Tensors must have this rank; a bare
   * typed array (which has no shape) must hold a whole number of samples of the fixed part.
   */
  shape: readonly DimSpec[];
}

/**
 * Check a tensor's shape.
 *
 * @returns a rule that blocks with `invalid_shape` (and `too_large`/`too_deep`/`invalid_format` for unreadable input).
 * @example
 * ```ts
 * const rule = tensorShape({ shape: [null, 1, 28, 28] });
 * ```
 */
export function tensorShape(options: TensorShapeOptions): Rule<TensorInput> {
  if (!Array.isArray(options?.shape)) {
    throw new ModelSecTypeError(`"options.shape" expected array, got ${describeValue(options?.shape)}`);
  }
  const shape = [...options.shape];
  shape.forEach((d, i) => {
    if (d !== null && typeof d !== 'string' && !(Number.isSafeInteger(d) && d >= 0)) {
      throw new ModelSecTypeError(`"options.shape[${i}]" expected a non-negative integer, null or a name`);
    }
  });
  const fixed = shape.reduce<number>((p, d) => (typeof d === 'number' ? p * d : p), 1);
  const hasWildcard = shape.some((d) => typeof d !== 'number');
  const name = 'tensorShape';
  return {
    name,
    check(value) {
      const view = readTensor(value, options);
      let ok: boolean;
      if (view.kind === 'typed') {
        ok = hasWildcard ? fixed > 0 && view.size > 0 && view.size % fixed === 0 : view.size === fixed;
      } else {
        ok =
          view.shape.length === shape.length &&
          shape.every((d, i) => typeof d !== 'number' || view.shape[i] === d) &&
          (!hasWildcard || view.size > 0 || fixed === 0);
      }
      if (ok) return undefined;
      return {
        findings: [
          finding(
            name,
            'invalid_shape',
            `tensor shape [${view.shape.join(', ')}] does not match [${shape.map(showDim).join(', ')}]`,
            {
              action: 'block',
              details: { shape: view.shape },
            },
          ),
        ],
      };
    },
  };
}

/**
 * Check a tensor's element type (`number` stands for plain JS number arrays).
 *
 * @example
 * ```ts
 * const rule = tensorDtype(['float32']);
 * ```
 */
export function tensorDtype(allowed: readonly TensorDtype[], limits: TensorLimits = {}): Rule<TensorInput> {
  if (!Array.isArray(allowed) || allowed.length === 0) {
    throw new ModelSecTypeError(`"allowed" expected a non-empty array, got ${describeValue(allowed)}`);
  }
  const set = new Set<string>(allowed);
  const name = 'tensorDtype';
  return {
    name,
    check(value) {
      const view = readTensor(value, limits);
      if (set.has(view.dtype)) return undefined;
      return {
        findings: [
          finding(name, 'invalid_dtype', `tensor element type ${view.dtype} not in [${allowed.join(', ')}]`, {
            action: 'block',
          }),
        ],
      };
    },
  };
}

/** Options of `finiteValues`. */
export interface FiniteValuesOptions extends TensorLimits {
  /** `block` (default) rejects NaN and ±Infinity; `replace` swaps them for `replacement`. */
  action?: 'block' | 'replace';
  /** Value that replaces NaN and ±Infinity with `action: 'replace'` (default 0). */
  replacement?: number;
}

/**
 * Reject (or replace) NaN and ±Infinity.
 *
 * @example
 * ```ts
 * const rule = finiteValues(); // blocks with code non_finite
 * ```
 */
export function finiteValues(options: FiniteValuesOptions = {}): Rule<TensorInput> {
  const action = options.action ?? 'block';
  aoneOf(action, 'options.action', ['block', 'replace'] as const);
  const replacement = options.replacement ?? 0;
  if (!Number.isFinite(replacement)) throw new ModelSecTypeError('"options.replacement" expected a finite number');
  const name = 'finiteValues';
  return {
    name,
    check(value) {
      const view = readTensor(value, options);
      const { data, size } = view;
      let nan = 0;
      let inf = 0;
      let first = -1;
      for (let i = 0; i < size; i++) {
        const x = data[i] as number;
        if (x - x !== 0) {
          if (Number.isNaN(x)) nan++;
          else inf++;
          if (first < 0) first = i;
        }
      }
      if (nan + inf === 0) return undefined;
      const details = { nan, infinite: inf, firstIndex: first };
      if (action === 'block') {
        return {
          findings: [
            finding(name, 'non_finite', `tensor has ${nan} NaN and ${inf} infinite values`, {
              action: 'block',
              details,
            }),
          ],
        };
      }
      const out = Float64Array.from({ length: size }, (_, i) => {
        const x = data[i] as number;
        return Number.isFinite(x) ? x : replacement;
      });
      return {
        value: rebuildTensor(value, view, out) as TensorInput,
        findings: [
          finding(name, 'non_finite', `replaced ${nan + inf} non-finite values`, { action: 'modify', details }),
        ],
      };
    },
  };
}

/** Smallest positive normal float32 (2^-126). */
const FLOAT32_MIN_NORMAL = 1.1754943508222875e-38;
/** Smallest positive normal float64 (2^-1022). */
const FLOAT64_MIN_NORMAL = 2.2250738585072014e-308;

/** Options of `denormals`. */
export interface DenormalsOptions extends TensorLimits {
  /** Precision the model computes in (default `float32`: values below 2^-126 in magnitude are subnormal). */
  precision?: 'float32' | 'float64';
  /** `flush` (default) sets subnormals to 0, `block` rejects them, `flag` only reports them. */
  action?: 'flush' | 'block' | 'flag';
}

/**
 * Find subnormal values: legitimate inputs almost never have them, and they slow down some CPUs by
 * orders of magnitude (a cheap denial of service on CPU inference).
 *
 * @example
 * ```ts
 * const rule = denormals({ action: 'flush' });
 * ```
 */
export function denormals(options: DenormalsOptions = {}): Rule<TensorInput> {
  const precision = options.precision ?? 'float32';
  aoneOf(precision, 'options.precision', ['float32', 'float64'] as const);
  const action = options.action ?? 'flush';
  aoneOf(action, 'options.action', ['flush', 'block', 'flag'] as const);
  const limit = precision === 'float32' ? FLOAT32_MIN_NORMAL : FLOAT64_MIN_NORMAL;
  const name = 'denormals';
  return {
    name,
    check(value) {
      const view = readTensor(value, options);
      const { data, size } = view;
      let count = 0;
      for (let i = 0; i < size; i++) {
        const x = data[i] as number;
        if (x !== 0 && Math.abs(x) < limit) count++;
      }
      if (count === 0) return undefined;
      const message = `tensor has ${count} subnormal ${precision} values`;
      const details = { count, precision };
      if (action !== 'flush') {
        return { findings: [finding(name, 'invalid_value', message, { action, details })] };
      }
      const out = Float64Array.from({ length: size }, (_, i) => {
        const x = data[i] as number;
        return x !== 0 && Math.abs(x) < limit ? 0 : x;
      });
      return {
        value: rebuildTensor(value, view, out) as TensorInput,
        findings: [finding(name, 'invalid_value', `${message} (flushed to 0)`, { action: 'modify', details })],
      };
    },
  };
}

function showDim(d: DimSpec): string {
  return typeof d === 'number' ? String(d) : '*';
}
