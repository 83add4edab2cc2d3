/**
 * Run authenticators in order and return the first principal. A request with no credential at all is
 * `unauthenticated`; a request with a bad credential fails with that authenticator's error (it never
 * falls through to the next one).
 */
import { AccessError } from '@modelsec/core';
import type { Principal } from '../policy/types';
import type { Authenticator } from './types';

/**
 * Authenticate a request with the first authenticator that recognizes its credential.
 *
 * @throws AccessError `unauthenticated` without credentials; the authenticator's error for a bad one.
 * @example
 * ```ts
 * const principal = await authenticate(request, [jwtAuth, apiKeyAuth]);
 * ```
 */
export async function authenticate(request: Request, authenticators: readonly Authenticator[]): Promise<Principal> {
  for (const a of authenticators) {
    const principal = await a.authenticate(request);
    if (principal !== undefined) return principal;
  }
  throw new AccessError('unauthenticated', 'authentication is required');
}
