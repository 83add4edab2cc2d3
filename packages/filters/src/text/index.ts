/** LLM text rules: redaction, prompt-leak detection, content and URL policies, and the streaming text filter. */
export {
  type ContentCategory,
  type ContentClassifier,
  type ContentPolicy,
  type ContentPolicyOptions,
  contentPolicy,
  createContentPolicy,
} from './content-policy';
export {
  createPromptMatcher,
  type PromptLeakOptions,
  type PromptMatcher,
  type PromptOverlap,
  type PromptOverlapOptions,
  promptLeak,
} from './leak';
export { compileLexicon, type Lexicon, type LexiconMatch } from './lexicon';
export { type PiiRedactionOptions, piiRedaction, secretRedaction } from './redaction';
export {
  createTextFilter,
  type StreamPiiOptions,
  type StreamSecretOptions,
  type TextFilter,
  type TextFilterOptions,
  type TextFilterResult,
  type TextFilterSession,
} from './stream';
export { createUrlPolicy, type UrlPolicy, type UrlPolicyOptions, type UrlVerdict, urlPolicy } from './urls';
