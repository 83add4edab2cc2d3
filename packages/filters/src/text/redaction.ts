/**
 * PII and secret redaction for model outputs: the validators' `piiRule` and `secretsRule` with output
 * defaults (mask personal data, replace credentials by `<SECRET:KIND>`), so filters never re-implement
 * a detector. Options are those of the validators' rules.
 */
import type { Rule } from '@modelsec/core';
import { type PiiRuleOptions, piiRule, type SecretsRuleOptions, secretsRule } from '@modelsec/validators';
import { createUrlPolicy, type UrlPolicy, type UrlPolicyOptions } from './urls';

/** Options of `piiRedaction`: the validators' `piiRule` options plus the app's link policy. */
export interface PiiRedactionOptions extends PiiRuleOptions {
  /**
   * The link policy of the answer (the same options or compiled policy as `urlPolicy`): URLs it allows
   * are left in place, so an allowed link survives PII redaction; other URLs are redacted as PII.
   */
  urls?: UrlPolicyOptions | UrlPolicy;
}

/**
 * Redact personal data in an answer (default: every code point of a value masked with `*`; pass
 * `mode: 'placeholder'` with a vault, or `mode: 'hash'` with a key, as in `redactPII`).
 *
 * @example
 * ```ts
 * const { output } = await filterOutput(answer, [piiRedaction({ entities: ['EMAIL_ADDRESS', 'PHONE_NUMBER'] })]);
 * const links = createUrlPolicy({ allow: ['example.com'] });
 * const rules = [piiRedaction({ urls: links }), urlPolicy(links)]; // allowed links survive both
 * ```
 */
export function piiRedaction(options: PiiRedactionOptions = {}): Rule<string> {
  const { urls, ...rest } = options;
  const policy = urls === undefined ? undefined : 'decide' in urls ? urls : createUrlPolicy(urls);
  const own = rest.keep;
  const keep: PiiRuleOptions['keep'] = policy
    ? (f, text) =>
        own?.(f, text) === true || (f.entity === 'URL' && policy.decide(text.slice(f.start, f.end)) === undefined)
    : own;
  return piiRule({ mode: 'mask', ...rest, ...(keep ? { keep } : {}), action: rest.action ?? 'redact' });
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
