/**
 * Small helpers that build the findings the numeric rules report, so every rule words and shapes them
 * the same way (content-free messages, safe details).
 */
import type { ErrorCode, Finding, FindingAction, Severity } from '@modelsec/core';

/** How a rule reacts to a value it finds bad: reject it, or only report it. */
export type RuleAction = 'block' | 'flag';

/**
 * Build a finding.
 *
 * @example
 * ```ts
 * const f = finding('featureRanges', 'out_of_range', '3 features above range', { action: 'block' });
 * ```
 */
export function finding(
  rule: string,
  code: ErrorCode,
  message: string,
  extra: {
    action?: FindingAction;
    severity?: Severity;
    score?: number;
    details?: Readonly<Record<string, unknown>>;
  } = {},
): Finding {
  const f: Finding = {
    rule,
    code,
    message,
    severity: extra.severity ?? (extra.action === 'block' ? 'medium' : 'low'),
    action: extra.action ?? 'flag',
  };
  if (extra.score !== undefined) f.score = extra.score;
  if (extra.details !== undefined) f.details = extra.details;
  return f;
}
