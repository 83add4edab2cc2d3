/**
 * `createPolicy()`: role-based and attribute-based access control for model actions. Deny by
 * default; a matching `deny` statement always wins over any `allow`; every decision lists the
 * statements that produced it and `explain()` turns that into a sentence.
 */
import { AccessError, aobject, astring, ConfigError, describeValue, ModelSecTypeError } from '@modelsec/core';
import { evaluateCondition } from './conditions';
import { anyResourceMatches, type ConditionScope, globMatch } from './match';
import { BUILT_IN_ROLES } from './roles';
import type {
  Binding,
  Decision,
  DecisionContext,
  MatchedStatement,
  Principal,
  Resource,
  ResourcePattern,
  Role,
} from './types';
import { checkBinding, checkRole } from './validate';

/** Options of `createPolicy`. */
export interface PolicyOptions {
  /** Custom roles (added to the built-in ones unless `builtInRoles` is false). */
  roles?: readonly Role[];
  /** Who holds which role beyond the roles in their token claims. */
  bindings?: readonly Binding[];
  /** Include `BUILT_IN_ROLES` (default true). A custom role may not reuse a built-in name. */
  builtInRoles?: boolean;
}

/** An access-control policy. */
export interface Policy {
  /** Role names the policy knows. */
  readonly roles: readonly string[];
  /** Decide whether `principal` may perform `action` on `resource`. Never throws for a denial. */
  authorize(principal: Principal, action: string, resource?: Resource, context?: DecisionContext): Decision;
  /** Like `authorize`, but throws `AccessError('forbidden')` when denied; returns the decision otherwise. */
  enforce(principal: Principal, action: string, resource?: Resource, context?: DecisionContext): Decision;
  /** A one-paragraph, human-readable reason for the decision `authorize` would make. */
  explain(principal: Principal, action: string, resource?: Resource, context?: DecisionContext): string;
}

interface Grant {
  role: Role;
  via: string;
  scope: readonly ResourcePattern[] | undefined;
}

/**
 * Build a policy from roles and bindings.
 *
 * @throws ConfigError `invalid_config` for malformed roles, unknown role names in bindings, or a
 *   custom role that shadows a built-in one.
 * @example
 * ```ts
 * const policy = createPolicy({
 *   bindings: [{ role: 'ML Model Consumer', subjects: ['alice'], resources: [{ model: 'mnist' }] }],
 * });
 * policy.authorize({ id: 'alice', roles: [] }, 'endpoint:invoke', { model: 'mnist' }).allowed; // true
 * policy.authorize({ id: 'alice', roles: [] }, 'model:download', { model: 'mnist' }).allowed; // false
 * ```
 */
export function createPolicy(options: PolicyOptions = {}): Policy {
  aobject(options as unknown, 'options');
  const roles = new Map<string, Role>();
  if (options.builtInRoles !== false)
    for (const r of Object.values(BUILT_IN_ROLES)) roles.set(r.name, freezeDeep(structuredClone(r)));
  (options.roles ?? []).forEach((role, i) => {
    checkRole(role, `roles[${i}]`);
    if (roles.has(role.name)) throw new ConfigError('invalid_config', `roles[${i}]: role name is already defined`);
    roles.set(role.name, freezeDeep(structuredClone(role)));
  });
  const bindings = (options.bindings ?? []).map((b, i) => {
    checkBinding(b, `bindings[${i}]`, roles);
    return freezeDeep(structuredClone(b));
  });

  const grants = (principal: Principal): Grant[] => {
    const out: Grant[] = [];
    for (const name of principal.roles) {
      const role = roles.get(name);
      if (role) out.push({ role, via: 'claim', scope: undefined });
    }
    for (const b of bindings) {
      const subject = b.subjects.find((s) => subjectMatches(s, principal));
      const role = roles.get(b.role);
      if (subject !== undefined && role) out.push({ role, via: `binding:${subject}`, scope: b.resources });
    }
    return out;
  };

  const authorize = (principal: Principal, action: string, resource: Resource = {}, context: DecisionContext = {}) => {
    checkPrincipal(principal);
    astring(action, 'action');
    aobject(resource as unknown, 'resource');
    aobject(context as unknown, 'context');
    const scope: ConditionScope = { principal, resource, context };
    const matched: MatchedStatement[] = [];
    const held = grants(principal);
    for (const { role, via, scope: limit } of held) {
      if (limit !== undefined && !anyResourceMatches(limit, resource, principal)) continue;
      role.statements.forEach((s, index) => {
        if (!s.actions.some((a) => globMatch(a, action))) return;
        if (!anyResourceMatches(s.resources, resource, principal)) return;
        if (s.conditions && !s.conditions.every((c) => evaluateCondition(c, scope))) return;
        const m: MatchedStatement = { role: role.name, index, effect: s.effect, via };
        if (s.id !== undefined) m.id = s.id;
        matched.push(m);
      });
    }
    matched.sort((a, b) => (a.effect === b.effect ? 0 : a.effect === 'deny' ? -1 : 1));
    const denied = matched.some((m) => m.effect === 'deny');
    const allowed = !denied && matched.length > 0;
    const decision: Decision = {
      allowed,
      reason: denied ? 'explicit-deny' : allowed ? 'explicit-allow' : 'default-deny',
      action,
      principal: principal.id,
      roles: [...new Set(held.map((g) => g.role.name))],
      matched,
    };
    return decision;
  };

  return Object.freeze({
    roles: Object.freeze([...roles.keys()]),
    authorize,
    enforce(principal: Principal, action: string, resource?: Resource, context?: DecisionContext) {
      const decision = authorize(principal, action, resource, context);
      if (!decision.allowed) {
        throw new AccessError('forbidden', `action "${safeName(action)}" is not permitted`, {
          details: { action: safeName(action), reason: decision.reason },
        });
      }
      return decision;
    },
    explain(principal: Principal, action: string, resource?: Resource, context?: DecisionContext) {
      return explainDecision(authorize(principal, action, resource, context));
    },
  });
}

/**
 * Turn a decision into a sentence naming the deciding statements.
 *
 * @example
 * ```ts
 * explainDecision(policy.authorize(alice, 'model:download', { model: 'mnist' }));
 * // 'DENY model:download for alice: explicitly denied by ML Model Consumer#no-exfiltration (via claim).'
 * ```
 */
export function explainDecision(decision: Decision): string {
  const head = `${decision.allowed ? 'ALLOW' : 'DENY'} ${safeName(decision.action)} for ${safeName(decision.principal)}`;
  const cite = (effect: 'allow' | 'deny') =>
    decision.matched
      .filter((m) => m.effect === effect)
      .map((m) => `${m.role}#${m.id ?? m.index} (via ${m.via})`)
      .join(', ');
  if (decision.reason === 'explicit-deny') return `${head}: explicitly denied by ${cite('deny')}.`;
  if (decision.reason === 'explicit-allow') return `${head}: allowed by ${cite('allow')}.`;
  const held = decision.roles.length > 0 ? `roles held: ${decision.roles.join(', ')}` : 'no roles held';
  return `${head}: no statement allows it (deny by default; ${held}).`;
}

function subjectMatches(subject: string, principal: Principal): boolean {
  if (subject === '*') return true;
  if (subject.startsWith('role:')) return principal.roles.includes(subject.slice(5));
  if (subject.startsWith('tenant:')) return principal.tenant !== undefined && principal.tenant === subject.slice(7);
  return subject === principal.id;
}

function checkPrincipal(principal: unknown): asserts principal is Principal {
  aobject(principal, 'principal');
  astring(principal.id, 'principal.id');
  if (!Array.isArray(principal.roles) || principal.roles.some((r) => typeof r !== 'string')) {
    throw new ModelSecTypeError(`"principal.roles" expected array of strings, got ${describeValue(principal.roles)}`);
  }
}

/** Names from requests are echoed only when short and plain. */
function safeName(name: string): string {
  return name.length <= 64 && /^[\w:.@*-]*$/.test(name) ? name : describeValue(name);
}

function freezeDeep<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) freezeDeep(v);
    Object.freeze(value);
  }
  return value;
}
