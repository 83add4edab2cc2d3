/**
 * Compact, JSON-friendly summaries of attack results for reports (no adversarial tensors), and the
 * success rate of a minimum-norm attack at several norm thresholds.
 */
import type { EvasionResult, Norm } from '../evasion/result';

/** The summary of one evasion run. */
export interface EvasionSummary {
  /** Attack name. */
  attack: string;
  /** Norm. */
  norm: Norm;
  /** Perturbation bound (undefined for minimum-norm runs). */
  eps: number | null;
  /** Samples attacked. */
  count: number;
  /** Success rate (see `EvasionResult.successRate`). */
  successRate: number;
  /** Clean accuracy. */
  cleanAccuracy: number;
  /** Accuracy on the adversarial inputs. */
  robustAccuracy: number;
  /** Median norm of successful perturbations (null when none). */
  medianNorm: number | null;
  /** Median queries spent on the samples the attack fooled (null when none). */
  medianQueriesSuccessful: number | null;
  /** Total queries. */
  queries: number;
  /** For minimum-norm attacks: success rate when success also needs norm ≤ eps. */
  successAt?: { eps: number; successRate: number }[];
}

/**
 * Summarise an evasion result; `thresholds` adds success rates at those norm bounds.
 *
 * @example
 * ```ts
 * summarizeEvasion(await hopSkipJump(model, data, { maxQueries: 1000 }), [1, 2, 3]);
 * ```
 */
export function summarizeEvasion(result: EvasionResult, thresholds: readonly number[] = []): EvasionSummary {
  const attacked = result.targets ? result.count : countWhere(result.cleanPredictions, result.labels);
  const norms = result.norm === 'linf' ? result.norms.linf : result.norms.l2;
  const successQueries: number[] = [];
  result.success.forEach((ok, s) => {
    if (ok) successQueries.push(result.queriesPerSample[s] as number);
  });
  const summary: EvasionSummary = {
    attack: result.attack,
    norm: result.norm,
    eps: result.eps ?? null,
    count: result.count,
    successRate: result.successRate,
    cleanAccuracy: result.cleanAccuracy,
    robustAccuracy: result.robustAccuracy,
    medianNorm: Number.isNaN(result.medianNorm) ? null : result.medianNorm,
    medianQueriesSuccessful: successQueries.length ? median(successQueries) : null,
    queries: result.queries,
  };
  if (thresholds.length > 0) {
    summary.successAt = thresholds.map((eps) => {
      let wins = 0;
      result.success.forEach((ok, s) => {
        if (ok && (norms[s] as number) <= eps) wins++;
      });
      return { eps, successRate: attacked ? wins / attacked : 0 };
    });
  }
  return summary;
}

function countWhere(a: Int32Array, b: Int32Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) n++;
  return n;
}

function median(values: number[]): number {
  const v = [...values].sort((x, y) => x - y);
  const m = v.length >> 1;
  return v.length % 2 ? (v[m] as number) : ((v[m - 1] as number) + (v[m] as number)) / 2;
}
