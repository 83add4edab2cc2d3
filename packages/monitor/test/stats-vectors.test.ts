import {
  benjaminiHochberg,
  bonferroni,
  chi2Contingency,
  cramerVonMisesTest,
  jensenShannon,
  ksTest,
  mmdTest,
  psi,
  shapiroWilk,
  wasserstein,
  zTestProportions,
} from '@modelsec/monitor';
import { describe, expect, test } from 'vitest';
import vectors from './vectors/stats.json';

/** 1e-9 relative, with an absolute floor of 1e-15 for values computed as 1 − (cdf ≈ 1) by both sides. */
function close(actual: number, expected: number, rel = 1e-9, abs = 1e-15) {
  const ok = Math.abs(actual - expected) <= Math.max(rel * Math.abs(expected), abs);
  if (!ok)
    throw new Error(
      `expected ${expected}, got ${actual} (rel err ${Math.abs(actual - expected) / Math.abs(expected)})`,
    );
}

describe('ksTest matches scipy.stats.ks_2samp', () => {
  for (const c of vectors.ks) {
    test(`${c.name} (${c.branch})`, () => {
      const r = ksTest(c.reference, c.current);
      close(r.statistic, c.statistic);
      close(r.pValue, c.pValue);
      expect(r.statisticLocation).toBe(c.statisticLocation);
      expect(r.statisticSign).toBe(c.statisticSign);
      expect(r.method).toBe(c.branch.startsWith('exact') ? 'exact' : 'asymp');
    });
  }
});

describe('cramerVonMisesTest matches scipy.stats.cramervonmises_2samp', () => {
  for (const c of vectors.cvm) {
    test(c.name, () => {
      const r = cramerVonMisesTest(c.reference, c.current);
      close(r.statistic, c.statistic);
      // Asymptotic p = 1 − cdf: both SciPy and this port lose relative precision when cdf ≈ 1, so
      // tiny p-values agree to 1e-14 absolute (the documented exception to 1e-9 relative).
      close(r.pValue, c.pValue, 1e-9, r.method === 'asymptotic' ? 1e-14 : 1e-15);
    });
  }
});

describe('chi2Contingency matches scipy.stats.chi2_contingency', () => {
  for (const c of vectors.chi2) {
    test(c.name, () => {
      const r = chi2Contingency(c.table, { correction: c.correction });
      close(r.statistic, c.statistic);
      close(r.pValue, c.pValue);
      expect(r.dof).toBe(c.dof);
      for (const [i, row] of r.expected.entries()) {
        for (const [j, v] of row.entries()) close(v, c.expected[i]?.[j] as number);
      }
    });
  }
});

describe('psi / jensenShannon / wasserstein match evidently formulas', () => {
  for (const c of vectors.distances) {
    test(c.name, () => {
      const type = c.type as 'numerical' | 'categorical';
      close(psi(c.reference, c.current, { type }).value, c.psi);
      close(jensenShannon(c.reference, c.current, { type }).value, c.jensenShannon);
      if (c.wasserstein !== undefined) {
        const w = wasserstein(c.reference as number[], c.current as number[]);
        close(w.value, c.wasserstein);
        close(w.distance, c.wassersteinDistance as number);
      }
    });
  }
});

describe('zTestProportions matches evidently z-test', () => {
  for (const c of vectors.ztest) {
    test(c.name, () => {
      const r = zTestProportions(c.reference, c.current);
      close(r.pValue, c.pValue);
      close(r.statistic, c.statistic);
    });
  }
});

describe('shapiroWilk matches scipy.stats.shapiro', () => {
  for (const c of vectors.shapiro) {
    test(c.name, () => {
      const r = shapiroWilk(c.x);
      close(r.statistic, c.statistic);
      close(r.pValue, c.pValue);
    });
  }
});

test('bonferroni and benjaminiHochberg match statsmodels / scipy.stats.false_discovery_control', () => {
  const { pValues } = vectors.correction;
  for (const [i, v] of bonferroni(pValues).adjusted.entries()) close(v, vectors.correction.bonferroni[i] as number);
  for (const [i, v] of benjaminiHochberg(pValues).adjusted.entries()) {
    close(v, vectors.correction.benjaminiHochberg[i] as number);
  }
  expect(benjaminiHochberg(pValues, 0.05).rejected.filter(Boolean).length).toBe(2);
  expect(bonferroni(pValues, 0.05).rejected).toEqual([
    true,
    false,
    false,
    false,
    false,
    false,
    false,
    false,
    false,
    false,
  ]);
});

describe('mmdTest statistic matches alibi-detect formulas', () => {
  for (const c of vectors.mmd) {
    test(c.name, () => {
      const r = mmdTest(c.reference, c.current, { seed: 7, permutations: 50 });
      close(r.sigma, c.sigma);
      close(r.statistic, c.statistic);
      expect(r.pValue).toBeGreaterThanOrEqual(0);
      expect(r.pValue).toBeLessThanOrEqual(1);
      expect(mmdTest(c.reference, c.current, { seed: 7, permutations: 50 }).pValue).toBe(r.pValue);
    });
  }
});
