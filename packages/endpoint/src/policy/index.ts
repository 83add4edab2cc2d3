/** Access control: actions, built-in roles, `createPolicy()` and `explainDecision()`. */

export { globMatch, PRINCIPAL_TENANT } from './match';
export { createPolicy, explainDecision, type Policy, type PolicyOptions } from './policy';
export { BUILT_IN_ROLES, SAME_TENANT } from './roles';
export {
  ACTIONS,
  type Binding,
  type Condition,
  type ConditionOperator,
  type ConditionValue,
  type Decision,
  type DecisionContext,
  type DecisionReason,
  type Effect,
  type KnownAction,
  type MatchedStatement,
  type Principal,
  type Resource,
  type ResourcePattern,
  type Role,
  type Statement,
} from './types';
