/**
 * `@modelsec/validators/unicode`: `sanitizeText` (NFKC, invisible and private-use characters, bidi
 * overrides, mixed-script confusables, length and token limits) and Unicode skeletons. The same functions
 * as the package root, without the detectors: a process that only needs these imports less
 * (bench/text-coldstart).
 *
 * @packageDocumentation
 */
export { DEFAULT_MAX_TEXT_LENGTH } from '../text/shared/limits';
export type { TextSpan } from '../text/shared/types';
export { scriptsOf, skeleton } from '../text/unicode/confusables';
export {
  estimateTokens,
  type SanitizeOptions,
  type SanitizeResult,
  sanitizeText,
  type UnicodeFinding,
  type UnicodeIssue,
} from '../text/unicode/sanitize';
