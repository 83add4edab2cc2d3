/** Authentication: JWT bearer tokens (jose), remote JWKS with rotation, API keys as keyed hashes. */

export type { HmacKeyInput } from '../crypto/hmac';
export {
  type ApiKeyAuthenticatorOptions,
  type ApiKeyRecord,
  apiKeyAuthenticator,
  createApiKey,
  hashApiKey,
} from './api-keys';
export { authenticate } from './authenticate';
export { type ClaimMapping, principalFromClaims } from './claims';
export { type RemoteJwks, type RemoteJwksOptions, remoteJwks } from './jwks';
export {
  JWT_ALGORITHMS,
  type JwtAlgorithm,
  type JwtAuthenticatorOptions,
  type JwtKeySource,
  jwtAuthenticator,
  mapJoseError,
} from './jwt';
export type { Authenticator } from './types';
