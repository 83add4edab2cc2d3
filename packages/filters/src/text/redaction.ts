/**
 * PII and secret redaction for model outputs: the validators' `piiRule` and `secretsRule` with output
 * defaults (mask personal data, replace credentials by `<SECRET:KIND>`), so filters never re-implement
 * a detector. Options are those of the validators' rules.
 */
import type { Rule } from '@modelsec/core';
import { type PiiRuleOptions, piiRule, type SecretsRuleOptions, secretsRule } from '@modelsec/validators';

/**
 * Redact personal data in an answer (default: every code point of a value masked with `*`; pass
 * `mode: 'placeholder'` with a vault, or `mode: 'hash'` with a key, as in `redactPII`).
 *
 * @example
 * ```ts
 * const { output } = await filterOutput(answer, [piiRedaction({ entities: ['EMAIL_ADDRESS', 'PHONE_NUMBER'] })]);
 * ```
 */
export function piiRedaction(options: PiiRuleOptions = {}): Rule<string> {
  return piiRule({ mode: 'mask', ...options, action: options.action ?? 'redact' });
}

/**
 * Replace credentials in an answer by `<SECRET:KIND>` (or `block` / `flag` with `action`).
 *
 * @example
 * ```ts
 * const { output } = await filterOutput(answer, [secretRedaction()]);
 * ```
 */
export function secretRedaction(options: SecretsRuleOptions = {}): Rule<string> {
  return secretsRule({ ...options, action: options.action ?? 'redact' });
}
