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
export { createTextFilter, type TextFilter, type TextFilterSession } from './stream';
export {
  createTextFilterAsync,
  type StreamPiiAsyncOptions,
  type TextFilterAsync,
  type TextFilterAsyncOptions,
  type TextFilterSessionAsync,
} from './stream-async';
export type {
  StreamPiiOptions,
  StreamSecretOptions,
  TextFilterOptions,
  TextFilterResult,
} from './stream-config';
export { createUrlPolicy, type UrlPolicy, type UrlPolicyOptions, type UrlVerdict, urlPolicy } from './urls';
