/**
 * Labelled argument asserts for public functions: `TypeError` (as `ModelSecTypeError`) when an
 * argument has the wrong type, `RangeError` (as `ModelSecRangeError`) when it has a bad value.
 * Messages name the argument and describe what was received by type and size only:
 * `"key" expected Uint8Array of length 32, got Uint8Array(length=5)`.
 */
import { describeValue } from './describe';
import { ModelSecRangeError, ModelSecTypeError } from './model-sec-error';

/**
 * True for `Uint8Array` (including Node's `Buffer`), also across realms.
 *
 * @example
 * ```ts
 * isBytes(new Uint8Array(2)); // true
 * ```
 */
export function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array || (ArrayBuffer.isView(value) && value.constructor?.name === 'Uint8Array');
}

/**
 * Assert `value` is a `Uint8Array`, optionally of one of the given lengths.
 *
 * @throws ModelSecTypeError when not bytes; ModelSecRangeError when the length is not allowed.
 * @example
 * ```ts
 * abytes(key, 'key', 32);
 * ```
 */
export function abytes(value: unknown, label: string, ...lengths: number[]): asserts value is Uint8Array {
  if (!isBytes(value)) throw new ModelSecTypeError(`"${label}" expected Uint8Array, got ${describeValue(value)}`);
  if (lengths.length > 0 && !lengths.includes(value.length)) {
    throw new ModelSecRangeError(
      `"${label}" expected Uint8Array of length ${lengths.join(' or ')}, got length=${value.length}`,
    );
  }
}

/**
 * Assert `value` is a string.
 *
 * @example
 * ```ts
 * astring(text, 'text');
 * ```
 */
export function astring(value: unknown, label: string): asserts value is string {
  if (typeof value !== 'string') throw new ModelSecTypeError(`"${label}" expected string, got ${describeValue(value)}`);
}

/**
 * Assert `value` is a boolean.
 *
 * @example
 * ```ts
 * aboolean(strict, 'strict');
 * ```
 */
export function aboolean(value: unknown, label: string): asserts value is boolean {
  if (typeof value !== 'boolean') {
    throw new ModelSecTypeError(`"${label}" expected boolean, got ${describeValue(value)}`);
  }
}

/**
 * Assert `value` is a finite number within `[min, max]` (inclusive).
 *
 * @example
 * ```ts
 * anumber(threshold, 'threshold', { min: 0, max: 1 });
 * ```
 */
export function anumber(
  value: unknown,
  label: string,
  range: { min?: number; max?: number; integer?: boolean } = {},
): asserts value is number {
  if (typeof value !== 'number') throw new ModelSecTypeError(`"${label}" expected number, got ${describeValue(value)}`);
  const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY, integer = false } = range;
  const kind = integer ? 'integer' : 'finite number';
  if (!Number.isFinite(value) || (integer && !Number.isSafeInteger(value)) || value < min || value > max) {
    const bounds = `[${min}, ${max}]`;
    const got = Number.isFinite(value) ? String(value) : describeValue(value);
    throw new ModelSecRangeError(`"${label}" expected ${kind} in ${bounds}, got ${got}`);
  }
}

/**
 * Assert `value` is a safe integer within `[min, max]`.
 *
 * @example
 * ```ts
 * ainteger(shardSize, 'shardSize', { min: 1 });
 * ```
 */
export function ainteger(
  value: unknown,
  label: string,
  range: { min?: number; max?: number } = {},
): asserts value is number {
  anumber(value, label, { ...range, integer: true });
}

/**
 * Assert `value` is a function.
 *
 * @example
 * ```ts
 * afunction(predict, 'predict');
 * ```
 */
export function afunction(value: unknown, label: string): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') {
    throw new ModelSecTypeError(`"${label}" expected function, got ${describeValue(value)}`);
  }
}

/**
 * Assert `value` is a plain object (not null, not an array).
 *
 * @example
 * ```ts
 * aobject(options, 'options');
 * ```
 */
export function aobject(value: unknown, label: string): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ModelSecTypeError(`"${label}" expected object, got ${describeValue(value)}`);
  }
}

/**
 * Assert `value` is one of `allowed` (string enums such as algorithm names).
 *
 * @example
 * ```ts
 * aoneOf(alg, 'hashType', ['sha256', 'blake2b', 'blake3'] as const);
 * ```
 */
export function aoneOf<const T extends readonly (string | number)[]>(
  value: unknown,
  label: string,
  allowed: T,
): asserts value is T[number] {
  if (!allowed.includes(value as T[number])) {
    if (typeof value !== typeof allowed[0]) {
      throw new ModelSecTypeError(`"${label}" expected one of ${allowed.join(', ')}, got ${describeValue(value)}`);
    }
    // Only echo the value when it is short and from a closed set the caller chose (an option, never input data).
    throw new ModelSecRangeError(`"${label}" expected one of ${allowed.join(', ')}, got ${describeValue(value)}`);
  }
}
