/**
 * Matching helpers for policies: `*` globs (linear in practice, no regular expressions) over action
 * names and resource attributes, and attribute-path lookup for conditions.
 */
import type { Principal, Resource, ResourcePattern } from './types';

/** The literal placeholder that makes a resource pattern match the caller's own tenant. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a literal placeholder, not a template.
export const PRINCIPAL_TENANT = '${principal.tenant}';

/**
 * True when `value` matches `pattern`, where `*` stands for any run of characters (including none)
 * and every other character matches itself. Greedy two-pointer algorithm with backtracking to the
 * last star only: O(pattern × value) worst case, no regex.
 *
 * @example
 * ```ts
 * globMatch('model:*', 'model:version:write'); // true
 * ```
 */
export function globMatch(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === value[v]) {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = v;
    } else if (star !== -1) {
      p = star + 1;
      v = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** True when a resource satisfies a pattern (absent pattern attributes match anything). */
export function resourceMatches(pattern: ResourcePattern, resource: Resource, principal: Principal): boolean {
  for (const key of ['model', 'version', 'tenant'] as const) {
    const want = pattern[key];
    if (want === undefined) continue;
    const have = resource[key];
    if (typeof have !== 'string') return false;
    if (want === PRINCIPAL_TENANT) {
      if (principal.tenant === undefined || have !== principal.tenant) return false;
    } else if (!globMatch(want, have)) {
      return false;
    }
  }
  return true;
}

/** True when any pattern matches (an absent list matches everything). */
export function anyResourceMatches(
  patterns: readonly ResourcePattern[] | undefined,
  resource: Resource,
  principal: Principal,
): boolean {
  return patterns === undefined || patterns.some((p) => resourceMatches(p, resource, principal));
}

/** The request as conditions see it. */
export interface ConditionScope {
  principal: Principal;
  resource: Resource;
  context: Readonly<Record<string, unknown>>;
}

/**
 * Read an attribute path such as `principal.tenant`, `principal.attributes.department`,
 * `resource.model` or `context.ip`. Only own properties are read (no prototype walking).
 */
export function readAttribute(scope: ConditionScope, path: string): unknown {
  const parts = path.split('.');
  const root = parts.shift();
  let current: unknown =
    root === 'principal'
      ? scope.principal
      : root === 'resource'
        ? scope.resource
        : root === 'context'
          ? scope.context
          : undefined;
  for (const part of parts) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
