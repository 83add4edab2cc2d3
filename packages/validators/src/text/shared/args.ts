/**
 * Labelled asserts for the list options of the text detectors (`entities`, `allowList`, recognizers),
 * so that a wrong option is a `ModelSecTypeError` naming the option, never an engine error; messages
 * describe values by type and size only (`describeValue`).
 */
import { describeValue, ModelSecRangeError, ModelSecTypeError } from '@modelsec/core';

/**
 * Assert `value` is an array of strings.
 * @internal
 *
 * @example
 * ```ts
 * astringList(options.entities, 'options.entities');
 * ```
 */
export function astringList(value: unknown, label: string): asserts value is readonly string[] {
  if (!Array.isArray(value))
    throw new ModelSecTypeError(`"${label}" expected an array of strings, got ${describeValue(value)}`);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'string') {
      throw new ModelSecTypeError(`"${label}[${i}]" expected string, got ${describeValue(value[i])}`);
    }
  }
}

/**
 * Assert `value` is an array of recognizers: objects with a `scan` function, an `entities` array of
 * strings and a `maxLength` that is a finite non-negative number.
 * @internal
 *
 * @example
 * ```ts
 * arecognizers(options.recognizers, 'options.recognizers');
 * ```
 */
export function arecognizers(
  value: unknown,
  label: string,
): asserts value is readonly { scan: (...args: never[]) => unknown; entities: readonly string[]; maxLength: number }[] {
  if (!Array.isArray(value)) throw new ModelSecTypeError(`"${label}" expected an array, got ${describeValue(value)}`);
  for (let i = 0; i < value.length; i++) {
    const r: unknown = value[i];
    const at = `${label}[${i}]`;
    if (typeof r !== 'object' || r === null)
      throw new ModelSecTypeError(`"${at}" expected a recognizer object, got ${describeValue(r)}`);
    const { scan, entities, maxLength } = r as Record<string, unknown>;
    if (typeof scan !== 'function')
      throw new ModelSecTypeError(`"${at}.scan" expected function, got ${describeValue(scan)}`);
    astringList(entities, `${at}.entities`);
    if (typeof maxLength !== 'number') {
      throw new ModelSecTypeError(`"${at}.maxLength" expected number, got ${describeValue(maxLength)}`);
    }
    if (!Number.isFinite(maxLength) || maxLength < 0) {
      throw new ModelSecRangeError(`"${at}.maxLength" expected a finite number >= 0, got ${describeValue(maxLength)}`);
    }
  }
}
