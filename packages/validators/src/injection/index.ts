/**
 * `@modelsec/validators/injection`: prompt-injection scoring (`detectPromptInjection`, phrase families,
 * decoded payloads, a classifier hook) and canaries for system-prompt leaks. The same functions as the
 * package root, without the PII gazetteers: a process that only needs these imports less
 * (bench/text-coldstart).
 *
 * @packageDocumentation
 */
export {
  type Canary,
  type CanaryLeak,
  type CanaryOptions,
  createCanary,
  detectCanaryLeak,
} from '../text/injection/canary';
export { type DecodedPayload, decodePayloads } from '../text/injection/decode';
export {
  type DetectInjectionAsyncOptions,
  type DetectInjectionOptions,
  detectPromptInjection,
  detectPromptInjectionAsync,
  INJECTION_THRESHOLD,
  type InjectionClassifier,
  type InjectionFinding,
  type InjectionResult,
} from '../text/injection/detect';
export { PHRASE_FAMILIES, type PhraseFamily } from '../text/injection/phrases';
export { DEFAULT_MAX_TEXT_LENGTH } from '../text/shared/limits';
export type { TextSpan } from '../text/shared/types';
