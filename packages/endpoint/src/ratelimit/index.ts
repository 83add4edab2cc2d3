/** Rate limits and query budgets: rules, the memory store, the limiter and its headers. */
export { rateLimitHeaders } from './headers';
export {
  createRateLimiter,
  type LimitSubject,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimitOutcome,
  type RuleResult,
  rateLimitError,
} from './limiter';
export { type MemoryRateLimitStoreOptions, memoryRateLimitStore } from './memory-store';
export {
  type LimitCost,
  type LimitKey,
  MAX_SLIDING_LIMIT,
  queryBudget,
  type RateLimitRule,
  type RuleOptions,
  slidingWindow,
  tokenBucket,
} from './rules';
export type { ConsumeResult, LimitAlgorithm, LimitCheck, LimitSpec, LimitState, RateLimitStore } from './types';
