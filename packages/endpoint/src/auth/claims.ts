/**
 * Mapping of verified JWT claims to a `Principal`: subject, roles (from a list claim or an OAuth
 * `scope` string), tenant. Every claim is type- and size-checked: a token signed by a trusted issuer
 * can still carry surprising shapes.
 */
import { AccessError } from '@modelsec/core';
import type { Principal } from '../policy/types';

/** Where the principal's attributes are found in the claims. */
export interface ClaimMapping {
  /** Claim with the role names: an array of strings or a space-separated string (default `roles`). */
  rolesClaim?: string;
  /** Also read roles from the OAuth 2.0 `scope` claim, mapping scope → role (default none). */
  scopeRoles?: Readonly<Record<string, string>>;
  /** Claim with the tenant id (default `tenant`). */
  tenantClaim?: string;
}

const MAX_ROLES = 64;
const MAX_NAME = 256;

/**
 * Build a principal from verified claims.
 *
 * @throws AccessError `token_invalid` when `sub` is missing or claims have unusable types or sizes.
 * @example
 * ```ts
 * principalFromClaims({ sub: 'alice', roles: ['ML Model Consumer'], tenant: 'acme' });
 * // { id: 'alice', roles: ['ML Model Consumer'], tenant: 'acme', via: 'jwt', attributes: {} }
 * ```
 */
export function principalFromClaims(claims: Readonly<Record<string, unknown>>, mapping: ClaimMapping = {}): Principal {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_NAME) invalid('sub');
  const roles = new Set(names(claims[mapping.rolesClaim ?? 'roles'], 'roles'));
  if (mapping.scopeRoles) {
    for (const scope of names(claims.scope, 'scope')) {
      const role = Object.hasOwn(mapping.scopeRoles, scope) ? mapping.scopeRoles[scope] : undefined;
      if (role !== undefined) roles.add(role);
    }
  }
  const principal: Principal = { id: sub as string, roles: [...roles], via: 'jwt', attributes: {} };
  const tenant = claims[mapping.tenantClaim ?? 'tenant'];
  if (tenant !== undefined) {
    if (typeof tenant !== 'string' || tenant.length === 0 || tenant.length > MAX_NAME) invalid('tenant');
    principal.tenant = tenant as string;
  }
  const attributes: Record<string, unknown> = {};
  if (typeof claims.iss === 'string') attributes.issuer = claims.iss;
  if (typeof claims.client_id === 'string' && claims.client_id.length <= MAX_NAME)
    attributes.clientId = claims.client_id;
  principal.attributes = attributes;
  return principal;
}

function names(value: unknown, claim: string): string[] {
  if (value === undefined || value === null) return [];
  const list = typeof value === 'string' ? value.split(' ').filter((s) => s.length > 0) : value;
  if (!Array.isArray(list) || list.length > MAX_ROLES) invalid(claim);
  for (const s of list as unknown[]) if (typeof s !== 'string' || s.length === 0 || s.length > MAX_NAME) invalid(claim);
  return list as string[];
}

function invalid(claim: string): never {
  throw new AccessError('token_invalid', `token claim "${claim}" is missing or malformed`, {
    details: { reason: 'claim', claim },
  });
}
