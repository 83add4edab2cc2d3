/**
 * Input profiles: fitting, the PCA form against the full covariance, JSON round trips and validation on
 * load, calibration at a target FPR, and the rules built from a profile.
 */
import { ConfigError, runRules } from '@modelsec/core';
import {
  calibrateProfile,
  createProfileScorer,
  fitInputProfile,
  INPUT_PROFILE_FORMAT,
  type InputProfile,
  mahalanobisRule,
  parseInputProfile,
  profileRange,
  profileScores,
  rateAbove,
  robustZRule,
  thresholdAtFpr,
  validateInput,
} from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

/** A seeded standard normal generator (xorshift32 + Box-Muller). */
function normals(seed: number): () => number {
  let s = seed >>> 0 || 1;
  const uniform = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 0.5) / 2 ** 32;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Deterministic correlated Gaussian samples x = A z + b; A depends on `d` only, the draws on `seed`. */
function gaussian(n: number, d: number, seed: number): Float64Array {
  const mix = normals(1000 + d);
  const a = Array.from({ length: d * d }, (_, i) => (i % (d + 1) === 0 ? 1 : 0.3 * mix()));
  const normal = normals(seed);
  const out = new Float64Array(n * d);
  const z = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) z[j] = normal();
    for (let i = 0; i < d; i++) {
      let v = i * 0.5;
      for (let j = 0; j < d; j++) v += (a[i * d + j] as number) * (z[j] as number);
      out[r * d + i] = v;
    }
  }
  return out;
}

describe('fitInputProfile', () => {
  const d = 10;
  const train = gaussian(400, d, 1);
  const heldOut = gaussian(400, d, 2);

  test('PCA form with k = d − 1 equals the full Mahalanobis distance (one tail direction is exact)', () => {
    const full = fitInputProfile(train, { featureCount: d, covariance: 'full' });
    const pca = fitInputProfile(train, { featureCount: d, covariance: 'pca', components: d - 1 });
    expect(pca.covariance?.kind).toBe('pca');
    expect(pca.covariance?.shrinkage).toBe(full.covariance?.shrinkage);
    const a = profileScores(full, heldOut.subarray(0, 50 * d), 'mahalanobis');
    const b = profileScores(pca, heldOut.subarray(0, 50 * d), 'mahalanobis');
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i] as number, 6);
  });

  test('in-distribution Mahalanobis² is about the feature count; shifted samples score far higher', () => {
    const profile = fitInputProfile(train, { featureCount: d });
    const scores = profileScores(profile, heldOut, 'mahalanobis');
    const meanSq = scores.reduce((s, x) => s + x * x, 0) / scores.length;
    expect(meanSq).toBeGreaterThan(0.7 * d);
    expect(meanSq).toBeLessThan(1.5 * d);
    const shifted = heldOut.map((x) => x + 3);
    expect(Math.min(...profileScores(profile, shifted, 'mahalanobis'))).toBeGreaterThan(Math.max(...scores) * 0.8);
  });

  test('accepts nested arrays and Tensors; rejects NaN, single samples and bad options with typed errors', () => {
    const rows = Array.from({ length: 20 }, (_, r) => [r, r * 2, (r * 7) % 5]);
    const p = fitInputProfile(rows, { featureNames: ['a', 'b', 'c'] });
    expect(p).toMatchObject({ featureCount: 3, sampleCount: 20, min: [0, 0, 0], max: [19, 38, 4] });
    expect(() =>
      fitInputProfile([
        [1, Number.NaN],
        [2, 3],
      ]),
    ).toThrow(expect.objectContaining({ code: 'non_finite' }));
    expect(() => fitInputProfile([[1, 2]])).toThrow(RangeError);
    expect(() => fitInputProfile(rows, { covariance: 'bogus' as never })).toThrow(RangeError);
    expect(() => fitInputProfile(new Float32Array(10))).toThrow(RangeError); // a flat array is one sample
    expect(() => fitInputProfile(new Float32Array(10), { featureCount: 3 })).toThrow(
      expect.objectContaining({ code: 'invalid_shape' }),
    );
    // Constant features (zero variance) still give a usable, finite profile.
    const constant = fitInputProfile(Array.from({ length: 10 }, () => [1, 1]));
    expect(createProfileScorer(constant).mahalanobis([1, 1])).toBe(0);
    expect(Number.isFinite(createProfileScorer(constant).mahalanobis([1, 2]))).toBe(true);
  });
});

describe('JSON: versioned format, validated on load', () => {
  const profile = calibrateProfile(fitInputProfile(gaussian(200, 6, 3), { featureCount: 6 }), gaussian(200, 6, 4));

  test('round-trips exactly through JSON text', () => {
    const text = JSON.stringify(profile);
    const loaded = parseInputProfile(text);
    expect(loaded).toEqual(profile);
    expect(loaded.format).toBe(INPUT_PROFILE_FORMAT);
    expect(profileScores(loaded, gaussian(5, 6, 9), 'mahalanobis')).toEqual(
      profileScores(profile, gaussian(5, 6, 9), 'mahalanobis'),
    );
  });

  test('tampered or truncated profiles are typed errors naming the field', () => {
    const text = JSON.stringify(profile);
    const mutate = (f: (o: Record<string, unknown>) => void) => {
      const o = JSON.parse(text);
      f(o);
      return o;
    };
    const code = (v: unknown) => {
      try {
        parseInputProfile(v);
        return 'ok';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(code(text.slice(0, text.length / 2))).toBe('invalid_json');
    expect(
      code(
        mutate((o) => {
          o.version = 2;
        }),
      ),
    ).toBe('unsupported_format');
    expect(
      code(
        mutate((o) => {
          o.format = 'other';
        }),
      ),
    ).toBe('unsupported_format');
    expect(
      code(
        mutate((o) => {
          (o.mean as number[]).pop();
        }),
      ),
    ).toBe('invalid_format');
    expect(
      code(
        mutate((o) => {
          (o.std as unknown[])[0] = -1;
        }),
      ),
    ).toBe('invalid_format');
    expect(
      code(
        mutate((o) => {
          (o.min as unknown[])[0] = 1e9;
        }),
      ),
    ).toBe('invalid_format');
    expect(
      code(
        mutate((o) => {
          (o.covariance as { cholesky: number[] }).cholesky[0] = 0;
        }),
      ),
    ).toBe('invalid_format');
    expect(
      code(
        mutate((o) => {
          (o.calibration as { mahalanobis: { fpr: number } }).mahalanobis.fpr = 2;
        }),
      ),
    ).toBe('invalid_format');
    expect(
      code(
        mutate((o) => {
          o.featureCount = 2 ** 30;
        }),
      ),
    ).toBe('too_large');
    expect(code('x'.repeat(100))).toBe('invalid_json');
    expect(() => parseInputProfile('{}', { maxLength: 1 })).toThrow(expect.objectContaining({ code: 'too_large' }));
    const pca = fitInputProfile(gaussian(100, 12, 5), { featureCount: 12, covariance: 'pca', components: 3 });
    const skewed = JSON.parse(JSON.stringify(pca));
    skewed.covariance.components[0][0] += 0.1;
    expect(code(skewed)).toBe('invalid_format');
    expect(parseInputProfile(JSON.stringify(pca))).toEqual(pca);
  });

  test('fast-check: arbitrary JSON values and mutations never crash the loader', () => {
    const base = JSON.parse(JSON.stringify(profile)) as Record<string, unknown>;
    const keys = Object.keys(base);
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...keys), fc.boolean(), (junk, key, replace) => {
        const input = replace ? { ...base, [key]: junk } : junk;
        try {
          parseInputProfile(input);
        } catch (e) {
          expect((e as { kind?: string }).kind).toBe('validation');
        }
        try {
          parseInputProfile(JSON.stringify(input));
        } catch (e) {
          expect((e as { kind?: string }).kind).toBe('validation');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('calibration and rules', () => {
  const d = 8;
  const profile = fitInputProfile(gaussian(300, d, 11), { featureCount: d });
  const heldOut = gaussian(1000, d, 12);

  test('thresholdAtFpr keeps the held-out false-positive rate at or under the target', () => {
    expect(thresholdAtFpr([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.2)).toBe(8);
    expect(thresholdAtFpr([1, 2, 3], 0)).toBe(3);
    const cal = calibrateProfile(profile, heldOut, { fpr: 0.05 });
    const m = cal.calibration?.mahalanobis;
    expect(m?.observedFpr).toBeLessThanOrEqual(0.05);
    expect(m?.observedFpr).toBeGreaterThan(0.04);
    // On fresh legitimate data the rate stays near the target.
    const fresh = profileScores(cal, gaussian(2000, d, 13), 'mahalanobis');
    expect(rateAbove(fresh, m?.threshold as number)).toBeLessThan(0.1);
  });

  test('mahalanobisRule and robustZRule block anomalies with SecurityError anomalous_input', async () => {
    const cal = calibrateProfile(profile, heldOut, { fpr: 0.01, aggregate: 'max' });
    const rules = [mahalanobisRule(cal), robustZRule(cal)];
    const normal = Array.from(gaussian(1, d, 77));
    await expect(validateInput([normal], rules)).resolves.toBeDefined();
    const far = normal.map((x) => x + 10);
    await expect(validateInput([far], rules)).rejects.toMatchObject({ name: 'SecurityError', code: 'anomalous_input' });
    const v = await runRules([far], [robustZRule(cal, { action: 'flag' })], { phase: 'input' });
    expect(v.ok).toBe(true);
    expect(v.findings[0]).toMatchObject({ action: 'flag', code: 'anomalous_input' });
    expect((v.findings[0]?.score as number) > (cal.calibration?.robustZ?.threshold as number)).toBe(true);
    expect((await runRules([[...normal.slice(1), Number.NaN]], [mahalanobisRule(cal)], { phase: 'input' })).ok).toBe(
      false,
    );
  });

  test('rules need a threshold, and robust z options must match the calibration', () => {
    expect(() => mahalanobisRule(profile)).toThrow(ConfigError);
    expect(() => robustZRule(profile)).toThrow(ConfigError);
    const cal = calibrateProfile(profile, heldOut, { aggregate: 'mean', cap: 10 });
    expect(() => robustZRule(cal)).toThrow(ConfigError);
    expect(() => robustZRule(cal, { aggregate: 'mean', cap: 10 })).not.toThrow();
    const none = fitInputProfile(gaussian(50, 3, 1), { featureCount: 3, covariance: 'none' });
    expect(() => mahalanobisRule(none, { threshold: 1 })).toThrow(ConfigError);
  });

  test('profileRange: tolerance, quantile bounds and clipping to the fitted range', async () => {
    const p: InputProfile = fitInputProfile([
      [0, 10],
      [1, 20],
      [2, 30],
      [3, 40],
      [4, 50],
    ]);
    expect((await runRules([[4.3, 51]], [profileRange(p, { tolerance: 0.1 })], { phase: 'input' })).ok).toBe(true);
    expect((await runRules([[4.5, 51]], [profileRange(p, { tolerance: 0.1 })], { phase: 'input' })).ok).toBe(false);
    expect((await runRules([[0.1, 10]], [profileRange(p, { quantiles: [0.05, 0.95] })], { phase: 'input' })).ok).toBe(
      false,
    );
    const clipped = await validateInput([[-5, 99]], [profileRange(p, { action: 'clip' })]);
    expect(clipped.value).toEqual([[0, 50]]);
    expect(() => profileRange(p, { quantiles: [0.02, 0.98] })).toThrow(RangeError);
  });
});
