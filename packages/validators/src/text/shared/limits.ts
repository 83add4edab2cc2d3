/**
 * Input checks shared by the text detectors: the text must be a string no longer than a limit the
 * caller can raise, so one request cannot make a detector scan gigabytes.
 */
import { anumber, astring, ValidationError } from '@modelsec/core';

/** Default most UTF-16 units a detector accepts in one call (10 Mi). */
export const DEFAULT_MAX_TEXT_LENGTH = 10 * 1024 * 1024;

/**
 * Assert `text` is a string of at most `maxLength` UTF-16 units.
 *
 * @throws ModelSecTypeError when not a string; ValidationError `too_large` when longer than allowed.
 * @example
 * ```ts
 * checkText(input, 'text', 1_000_000);
 * ```
 */
export function checkText(
  text: unknown,
  label: string,
  maxLength: number = DEFAULT_MAX_TEXT_LENGTH,
): asserts text is string {
  astring(text, label);
  anumber(maxLength, 'maxLength', { min: 0, integer: true });
  if (text.length > maxLength) {
    throw new ValidationError(
      'too_large',
      `"${label}" has ${text.length} UTF-16 units, more than maxLength=${maxLength}`,
    );
  }
}
