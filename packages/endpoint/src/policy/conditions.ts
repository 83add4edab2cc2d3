/**
 * Evaluation of attribute-based conditions (`all`/`any`/`not` over comparisons of principal,
 * resource and context attributes). Unknown operators and malformed conditions evaluate to false,
 * so a broken condition can never widen an allow (policies are validated when created anyway).
 */
import { type ConditionScope, readAttribute } from './match';
import type { Condition, ConditionOperator, ConditionValue } from './types';

/** Every condition operator, for validation. */
export const CONDITION_OPERATORS: readonly ConditionOperator[] = [
  'equals',
  'notEquals',
  'in',
  'notIn',
  'lessThan',
  'greaterThan',
  'exists',
  'notExists',
  'startsWith',
];

const MAX_CONDITION_DEPTH = 16;

/** True when the condition holds for the request. */
export function evaluateCondition(condition: Condition, scope: ConditionScope, depth = 0): boolean {
  if (depth > MAX_CONDITION_DEPTH) return false;
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, scope, depth + 1));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, scope, depth + 1));
  if ('not' in condition) return !evaluateCondition(condition.not, scope, depth + 1);
  const actual = readAttribute(scope, condition.attribute);
  const expected = resolveValue(condition.value, scope);
  return compare(condition.operator, actual, expected);
}

function resolveValue(value: ConditionValue | undefined, scope: ConditionScope): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'ref' in value) {
    return readAttribute(scope, (value as { ref: string }).ref);
  }
  return value;
}

function compare(op: ConditionOperator, actual: unknown, expected: unknown): boolean {
  switch (op) {
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'notExists':
      return actual === undefined || actual === null;
    case 'equals':
      return actual !== undefined && isScalar(actual) && actual === expected;
    case 'notEquals':
      // A missing attribute is not "different": it cannot satisfy the condition.
      return actual !== undefined && isScalar(actual) && expected !== undefined && actual !== expected;
    case 'in':
      return isScalar(actual) && Array.isArray(expected) && expected.includes(actual);
    case 'notIn':
      return actual !== undefined && isScalar(actual) && Array.isArray(expected) && !expected.includes(actual);
    case 'lessThan':
      return typeof actual === 'number' && typeof expected === 'number' && actual < expected;
    case 'greaterThan':
      return typeof actual === 'number' && typeof expected === 'number' && actual > expected;
    case 'startsWith':
      return typeof actual === 'string' && typeof expected === 'string' && actual.startsWith(expected);
    default:
      return false;
  }
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}
