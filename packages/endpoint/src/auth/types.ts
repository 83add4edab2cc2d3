/** The authenticator contract shared by JWT and API-key authentication. */
import type { Principal } from '../policy/types';

/**
 * Turns a request's credentials into a principal. `authenticate` resolves to `undefined` when the
 * request carries no credential of this kind (so the next authenticator is tried) and throws an
 * `AccessError` (`token_invalid`, `token_expired`...) when it carries one that does not verify.
 */
export interface Authenticator {
  /** Short name (`jwt`, `api-key`), recorded as `principal.via`. */
  readonly name: string;
  /** Verify the request's credential, if it has one of this kind. */
  authenticate(request: Request): Promise<Principal | undefined>;
}
