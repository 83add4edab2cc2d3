/** Findings, verdicts, the Rule contract and guard(). */

export { type Guarded, type GuardOptions, type GuardResult, guard } from './guard';
export { blockingFinding, defineRule, type RunRulesOptions, runRules, runRulesSync, verdictError } from './run';
export { createSerialQueue, type SerialQueue } from './serial';
export {
  type AnyRule,
  type Finding,
  type FindingAction,
  type Rule,
  type RuleContext,
  type RuleOutcome,
  type RulePhase,
  SEVERITIES,
  type Severity,
  type Span,
  type Verdict,
} from './types';
