/**
 * Validation of policy configuration (roles, statements, conditions, bindings). Policies are written
 * by operators, so problems are `ConfigError('invalid_config')` raised when the policy is created,
 * never at request time.
 */
import { ConfigError, describeValue } from '@modelsec/core';
import { CONDITION_OPERATORS } from './conditions';
import type { Binding, Condition, ResourcePattern, Role, Statement } from './types';

const bad = (where: string, what: string): never => {
  throw new ConfigError('invalid_config', `${where}: ${what}`);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function stringList(value: unknown, where: string, allowEmpty = false): void {
  if (!Array.isArray(value)) bad(where, `expected array of strings, got ${describeValue(value)}`);
  const list = value as unknown[];
  if (!allowEmpty && list.length === 0) bad(where, 'must not be empty');
  list.forEach((s, i) => {
    if (typeof s !== 'string' || s.length === 0)
      bad(`${where}[${i}]`, `expected non-empty string, got ${describeValue(s)}`);
  });
}

function checkPatterns(value: unknown, where: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) bad(where, `expected array, got ${describeValue(value)}`);
  (value as unknown[]).forEach((p, i) => {
    if (!isObject(p)) bad(`${where}[${i}]`, `expected object, got ${describeValue(p)}`);
    for (const [k, v] of Object.entries(p as ResourcePattern)) {
      if (!['model', 'version', 'tenant'].includes(k)) bad(`${where}[${i}]`, `unknown attribute "${k}"`);
      if (typeof v !== 'string') bad(`${where}[${i}].${k}`, `expected string, got ${describeValue(v)}`);
    }
  });
}

function checkCondition(c: unknown, where: string, depth: number): void {
  if (depth > 16) bad(where, 'conditions nested deeper than 16');
  if (!isObject(c)) bad(where, `expected condition object, got ${describeValue(c)}`);
  const cond = c as Record<string, unknown>;
  if ('all' in cond || 'any' in cond) {
    const list = (cond.all ?? cond.any) as unknown;
    if (!Array.isArray(list)) bad(where, 'all/any expects an array');
    (list as unknown[]).forEach((x, i) => {
      checkCondition(x, `${where}.${'all' in cond ? 'all' : 'any'}[${i}]`, depth + 1);
    });
    return;
  }
  if ('not' in cond) {
    checkCondition(cond.not, `${where}.not`, depth + 1);
    return;
  }
  const leaf = cond as Condition & { attribute?: unknown; operator?: unknown };
  if (typeof leaf.attribute !== 'string' || !/^(principal|resource|context)(\.[^.]+)+$/.test(leaf.attribute)) {
    bad(where, 'attribute must be a path under principal., resource. or context.');
  }
  if (!CONDITION_OPERATORS.includes(leaf.operator as never)) bad(where, 'unknown operator');
}

function checkStatement(s: unknown, where: string): asserts s is Statement {
  if (!isObject(s)) bad(where, `expected statement object, got ${describeValue(s)}`);
  const st = s as unknown as Statement;
  if (st.effect !== 'allow' && st.effect !== 'deny') bad(`${where}.effect`, 'expected "allow" or "deny"');
  stringList(st.actions, `${where}.actions`);
  checkPatterns(st.resources, `${where}.resources`);
  if (st.conditions !== undefined) {
    if (!Array.isArray(st.conditions)) bad(`${where}.conditions`, 'expected array');
    st.conditions.forEach((c, i) => {
      checkCondition(c, `${where}.conditions[${i}]`, 0);
    });
  }
}

/** Check a role definition; throws `ConfigError('invalid_config')`. */
export function checkRole(role: unknown, where: string): asserts role is Role {
  if (!isObject(role)) bad(where, `expected role object, got ${describeValue(role)}`);
  const r = role as unknown as Role;
  if (typeof r.name !== 'string' || r.name.length === 0) bad(`${where}.name`, 'expected non-empty string');
  if (!Array.isArray(r.statements)) bad(`${where}.statements`, 'expected array');
  r.statements.forEach((s, i) => {
    checkStatement(s, `${where}.statements[${i}]`);
  });
}

/** Check a binding against the known role names; throws `ConfigError('invalid_config')`. */
export function checkBinding(
  binding: unknown,
  where: string,
  roles: ReadonlyMap<string, Role>,
): asserts binding is Binding {
  if (!isObject(binding)) bad(where, `expected binding object, got ${describeValue(binding)}`);
  const b = binding as unknown as Binding;
  if (typeof b.role !== 'string' || !roles.has(b.role)) bad(`${where}.role`, 'names no known role');
  stringList(b.subjects, `${where}.subjects`);
  checkPatterns(b.resources, `${where}.resources`);
}
