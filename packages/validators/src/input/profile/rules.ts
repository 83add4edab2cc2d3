/**
 * Rules built from an input profile: fitted ranges with a tolerance (block, clip or flag) and the two
 * anomaly scores (robust z-score, Mahalanobis distance) against calibrated thresholds.
 */
import { anumber, aoneOf, ConfigError, type Rule } from '@modelsec/core';
import { finding, type RuleAction } from '../finding';
import { featureRanges } from '../rules/features';
import { readSamples, type TensorInput, type TensorLimits } from '../tensor';
import { createProfileScorer, type ProfileScorer, type RobustZOptions } from './score';
import type { InputProfile } from './types';

/** Options of `profileRange`. */
export interface ProfileRangeOptions extends TensorLimits {
  /** Widen each feature's range by this fraction of its width on both sides (default 0). */
  tolerance?: number;
  /** Widen each feature's range by this absolute amount on both sides (default 0). */
  absoluteTolerance?: number;
  /**
   * Use two of the profile's stored quantile levels instead of min/max, e.g. `[0.001, 0.999]`
   * (must be levels the profile was fitted with).
   */
  quantiles?: readonly [number, number];
  /** `block` (default), `clip` (sanitize into range) or `flag`. */
  action?: 'block' | 'clip' | 'flag';
}

/**
 * Check each feature against the range fitted on the training data.
 *
 * @returns a `featureRanges` rule named `profileRange`: `out_of_range` blocks, or clipping.
 * @throws ModelSecRangeError when `quantiles` are not levels of the profile.
 * @example
 * ```ts
 * const rule = profileRange(profile, { tolerance: 0.05, action: 'clip' });
 * ```
 */
export function profileRange(profile: InputProfile, options: ProfileRangeOptions = {}): Rule<TensorInput> {
  const tol = options.tolerance ?? 0;
  const abs = options.absoluteTolerance ?? 0;
  anumber(tol, 'options.tolerance', { min: 0 });
  anumber(abs, 'options.absoluteTolerance', { min: 0 });
  let lo: readonly number[] = profile.min;
  let hi: readonly number[] = profile.max;
  if (options.quantiles) {
    const [a, b] = options.quantiles;
    const levels = profile.quantiles.levels;
    aoneOf(a, 'options.quantiles[0]', levels);
    aoneOf(b, 'options.quantiles[1]', levels);
    lo = profile.quantiles.values[levels.indexOf(a)] as number[];
    hi = profile.quantiles.values[levels.indexOf(b)] as number[];
  }
  const min = lo.map((x, j) => x - tol * ((hi[j] as number) - x) - abs);
  const max = hi.map((x, j) => x + tol * (x - (lo[j] as number)) + abs);
  return featureRanges({ ...options, min, max, name: 'profileRange', action: options.action ?? 'block' });
}

/** Options of the anomaly-score rules. */
export interface AnomalyRuleOptions extends TensorLimits {
  /** Scores above this are anomalous (default: the profile's calibrated threshold). */
  threshold?: number;
  /** `block` (default, code `anomalous_input`) or `flag`. */
  action?: RuleAction;
}

/**
 * Block (or flag) samples whose Mahalanobis distance to the training distribution exceeds a threshold.
 *
 * @throws ConfigError `invalid_config` when there is no threshold (none given, profile not calibrated)
 * or the profile has no covariance.
 * @example
 * ```ts
 * const rule = mahalanobisRule(calibrateProfile(profile, heldOut, { fpr: 0.01 }));
 * ```
 */
export function mahalanobisRule(profile: InputProfile, options: AnomalyRuleOptions = {}): Rule<TensorInput> {
  if (!profile.covariance) {
    throw new ConfigError('invalid_config', 'mahalanobisRule needs a profile fitted with a covariance');
  }
  const threshold = options.threshold ?? profile.calibration?.mahalanobis?.threshold;
  return scoreRule('mahalanobis', profile, createProfileScorer(profile), threshold, options, (s, data, off) =>
    s.mahalanobis(data, off),
  );
}

/**
 * Block (or flag) samples whose robust z-score exceeds a threshold.
 *
 * @throws ConfigError `invalid_config` when there is no threshold, or the profile's calibration was made
 * with other scoring options.
 * @example
 * ```ts
 * const rule = robustZRule(profile, { threshold: 6 }); // tabular: any feature beyond 6 robust SDs
 * ```
 */
export function robustZRule(
  profile: InputProfile,
  options: AnomalyRuleOptions & RobustZOptions = {},
): Rule<TensorInput> {
  const cal = profile.calibration?.robustZ;
  let threshold = options.threshold;
  if (threshold === undefined && cal) {
    if ((options.aggregate ?? 'max') !== cal.aggregate || (options.cap ?? 1e6) !== cal.cap) {
      throw new ConfigError(
        'invalid_config',
        'robustZRule options differ from the ones the profile was calibrated with',
      );
    }
    threshold = cal.threshold;
  }
  const scorer = createProfileScorer(profile, options);
  return scoreRule('robustZ', profile, scorer, threshold, options, (s, data, off) => s.robustZ(data, off));
}

function scoreRule(
  method: 'mahalanobis' | 'robustZ',
  profile: InputProfile,
  scorer: ProfileScorer,
  threshold: number | undefined,
  options: AnomalyRuleOptions,
  score: (s: ProfileScorer, data: ArrayLike<number>, offset: number) => number,
): Rule<TensorInput> {
  if (threshold === undefined) {
    throw new ConfigError('invalid_config', `no ${method} threshold: pass one or calibrate the profile`);
  }
  anumber(threshold, 'options.threshold');
  const action = options.action ?? 'block';
  aoneOf(action, 'options.action', ['block', 'flag'] as const);
  const name = `${method}Anomaly`;
  const d = profile.featureCount;
  return {
    name,
    check(value) {
      const { view, n } = readSamples(value, d, options);
      let worst = Number.NEGATIVE_INFINITY;
      let anomalous = 0;
      for (let r = 0; r < n; r++) {
        const s = score(scorer, view.data, r * d);
        if (!(s <= threshold)) anomalous++; // NaN is anomalous
        if (!(s <= worst)) worst = s;
      }
      if (anomalous === 0) return undefined;
      return {
        findings: [
          finding(name, 'anomalous_input', `${anomalous} of ${n} samples have a ${method} score above ${threshold}`, {
            action,
            severity: 'high',
            ...(Number.isFinite(worst) ? { score: worst } : {}),
            details: { samples: anomalous, threshold },
          }),
        ],
      };
    },
  };
}
