/**
 * The rate-limit store contract: one atomic, all-or-nothing `consume()` over several limits, so a
 * request that one limit rejects spends nothing from the others. The memory store implements it in
 * process; `@modelsec/redis` implements it with one Lua script shared by every instance.
 */

/** How a limit counts. */
export type LimitAlgorithm = 'sliding-window' | 'token-bucket' | 'budget';

/**
 * The numbers of one limit: at most `limit` units per `windowMs`.
 * - `sliding-window`: exact sliding log: at most `limit` units in any window of `windowMs`.
 * - `token-bucket`: `limit` tokens of burst, refilled continuously at `limit / windowMs`.
 * - `budget`: a long-horizon quota: `limit` units per period of `windowMs` starting at first use.
 */
export interface LimitSpec {
  /** The algorithm. */
  algorithm: LimitAlgorithm;
  /** Quota per window (or bucket capacity). */
  limit: number;
  /** Window length (or full-refill time), milliseconds. */
  windowMs: number;
}

/** One limit to check and spend for one key. */
export interface LimitCheck {
  /** Store key (already scoped by rule name and subject). */
  key: string;
  /** The limit. */
  spec: LimitSpec;
  /** Units this request spends (≥ 1). */
  cost: number;
}

/** The state of one limit after a `consume()`. */
export interface LimitState {
  /** True when this limit alone would admit the request. */
  allowed: boolean;
  /** Units left (after spending, when the request was admitted). */
  remaining: number;
  /** Milliseconds until the quota is fully available again. */
  resetMs: number;
  /** Milliseconds until this request could be admitted (0 when allowed). */
  retryAfterMs: number;
}

/** Result of an all-or-nothing `consume()`. */
export interface ConsumeResult {
  /** True when every limit admitted the request (and all were spent). */
  allowed: boolean;
  /** One state per check, in order. */
  states: LimitState[];
  /** True when a fail-open store could not reach its backend and admitted without counting. */
  degraded?: boolean;
}

/** Shared state for limits. Implementations must make `consume` atomic across all its callers. */
export interface RateLimitStore {
  /** Store name for logs (`memory`, `redis`). */
  readonly name: string;
  /** Check every limit and spend all of them only if every one admits the request. */
  consume(checks: readonly LimitCheck[]): Promise<ConsumeResult>;
}
