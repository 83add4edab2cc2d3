/**
 * The vocabulary of access control: actions on model resources, principals, statements, roles and
 * bindings, and the decision `authorize()` returns with the reasons behind it.
 */

/** The actions modelsec knows about (policies may name others: any `string` is accepted). */
export const ACTIONS = [
  'audit:read',
  'endpoint:invoke',
  'model:deploy',
  'model:download',
  'model:finetune',
  'model:read',
  'model:version:write',
  'training-code:read',
] as const;

/** One of the built-in action names. */
export type KnownAction = (typeof ACTIONS)[number];

/** The resource an action targets. Every attribute is optional; conditions may read any of them. */
export interface Resource {
  /** Model name, e.g. `mnist`. */
  model?: string;
  /** Model version, e.g. `3` or `2026-11-01`. */
  version?: string;
  /** Owning tenant. */
  tenant?: string;
  /** More attributes for conditions (`stage`, `classification`...). */
  [attribute: string]: unknown;
}

/** Who is calling, after authentication. */
export interface Principal {
  /** Stable id (`sub` claim, API key id, service name). */
  id: string;
  /** Role names held directly (from token claims or the API-key record). */
  roles: readonly string[];
  /** Tenant the principal belongs to. */
  tenant?: string;
  /** How the principal authenticated (`jwt`, `api-key`...). */
  via?: string;
  /** More attributes for conditions (groups, department, clearance...). */
  attributes?: Readonly<Record<string, unknown>>;
}

/**
 * A glob over resource attributes: `*` matches any run of characters. An absent attribute in the
 * pattern matches anything; a present one requires the resource to have a matching value.
 * `'${principal.tenant}'` (literally) matches only the caller's own tenant.
 */
export interface ResourcePattern {
  /** Model name glob. */
  model?: string;
  /** Version glob. */
  version?: string;
  /** Tenant glob, or `${principal.tenant}`. */
  tenant?: string;
}

/** A value in a condition: a literal, or a reference to an attribute (`{ ref: 'principal.tenant' }`). */
export type ConditionValue = string | number | boolean | readonly (string | number)[] | { ref: string };

/** Comparison operators of a condition. */
export type ConditionOperator =
  | 'equals'
  | 'notEquals'
  | 'in'
  | 'notIn'
  | 'lessThan'
  | 'greaterThan'
  | 'exists'
  | 'notExists'
  | 'startsWith';

/**
 * An attribute-based condition. A leaf compares an attribute path (`principal.*`, `resource.*`,
 * `context.*`) with a value; `all`, `any` and `not` combine conditions.
 */
export type Condition =
  | { attribute: string; operator: ConditionOperator; value?: ConditionValue }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition };

/** Allow or deny. */
export type Effect = 'allow' | 'deny';

/** One rule of a role: an effect for some actions on some resources, under conditions. */
export interface Statement {
  /** Optional id shown by `explain()`. */
  id?: string;
  /** `allow` grants, `deny` refuses and always wins. */
  effect: Effect;
  /** Action globs (`model:*`, `endpoint:invoke`, `*`). */
  actions: readonly string[];
  /** Resource patterns; absent means every resource. */
  resources?: readonly ResourcePattern[];
  /** Conditions that must all hold for the statement to apply. */
  conditions?: readonly Condition[];
}

/** A named set of statements. */
export interface Role {
  /** Unique name (`ML Model Consumer`). */
  name: string;
  /** What the role is for. */
  description?: string;
  /** Its statements. */
  statements: readonly Statement[];
}

/**
 * Grants a role to subjects: principal ids (`alice`), `role:<name>` for everyone holding a role
 * (from token claims), or `*` for every authenticated principal. `resources` narrows the grant.
 */
export interface Binding {
  /** Name of the role granted. */
  role: string;
  /** Subjects: principal ids, `role:<name>`, `tenant:<id>` or `*`. */
  subjects: readonly string[];
  /** Only for these resources (absent: wherever the role's statements apply). */
  resources?: readonly ResourcePattern[];
}

/** Why a decision came out the way it did. */
export type DecisionReason = 'explicit-allow' | 'explicit-deny' | 'default-deny';

/** One statement that matched a request. */
export interface MatchedStatement {
  /** The role it belongs to. */
  role: string;
  /** Its index in the role. */
  index: number;
  /** Its id, when it has one. */
  id?: string;
  /** Its effect. */
  effect: Effect;
  /** How the principal got the role (`claim`, or the binding's subject). */
  via: string;
}

/** The result of `authorize()`. */
export interface Decision {
  /** True only for an explicit allow without any matching deny. */
  allowed: boolean;
  /** Which rule decided. */
  reason: DecisionReason;
  /** The action asked for. */
  action: string;
  /** The principal's id. */
  principal: string;
  /** Roles the principal held for this request (claims and bindings). */
  roles: readonly string[];
  /** Every statement that matched (denies first). */
  matched: readonly MatchedStatement[];
}

/** Extra request attributes conditions can read as `context.*` (time, IP, request id...). */
export type DecisionContext = Readonly<Record<string, unknown>>;
