/**
 * `@modelsec/validators/secrets`: secrets in text (`detectSecrets`: known token formats, private keys,
 * connection strings, high-entropy strings). The same functions as the package root, without the PII and
 * prompt-injection detectors: a process that only needs these imports less (bench/text-coldstart).
 *
 * @packageDocumentation
 */
export {
  type DetectSecretsOptions,
  detectSecrets,
  PEM_MAX_LENGTH,
  SECRET_MAX_MATCH_LENGTH,
  type SecretFinding,
  shannon,
} from '../text/secrets/detect';
export { SECRET_PATTERNS, type SecretPattern } from '../text/secrets/patterns';
export { DEFAULT_MAX_TEXT_LENGTH } from '../text/shared/limits';
export type { TextSpan } from '../text/shared/types';
