import { describe, expect, test } from 'vitest';
import { betaInc, binomialSf, lgamma as logGamma, normSf as normalSf } from '../src/index';
import vectors from './vectors/special-beta.json';

function close(actual: number, expected: number, rel = 1e-9) {
  if (expected === 0) expect(actual).toBe(0);
  else expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(rel);
}

describe('statistics against SciPy', () => {
  test('normal upper tail, down to 1e-300', () => {
    for (const [z, p] of vectors.normalSf as [number, number][]) close(normalSf(z), p);
  });
  test('binomial upper tail P(X ≥ k)', () => {
    for (const [k, n, p, sf] of vectors.binomialSf as [number, number, number, number][])
      close(binomialSf(k, n, p), sf, 1e-8);
  });
  test('regularized incomplete beta', () => {
    for (const [a, b, x, v] of vectors.betaInc as [number, number, number, number][]) close(betaInc(a, b, x), v, 1e-9);
  });
  test('edges', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(normalSf(Number.POSITIVE_INFINITY)).toBe(0);
    expect(normalSf(Number.NEGATIVE_INFINITY)).toBe(1);
    expect(Number.isNaN(normalSf(Number.NaN))).toBe(true);
    expect(binomialSf(0, 10, 0.5)).toBe(1);
    expect(binomialSf(11, 10, 0.5)).toBe(0);
    expect(binomialSf(3, 10, 0)).toBe(0);
    expect(binomialSf(3, 10, 1)).toBe(1);
  });
});
