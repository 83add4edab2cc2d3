import { besselK, chi2Sf, gammaQ, normCdf } from '@modelsec/core';
import { describe, test } from 'vitest';
import { kolmogorovSf, smirnovSf } from '../src/stats/kolmogorov';
import vectors from './vectors/special.json';

function close(actual: number, expected: number, rel = 1e-9, abs = 1e-15) {
  if (!(Math.abs(actual - expected) <= Math.max(rel * Math.abs(expected), abs))) {
    throw new Error(`expected ${expected}, got ${actual}`);
  }
}

describe('special functions match scipy.special', () => {
  test('kstwo.sf over every branch of _kolmogn', () => {
    for (const [n, x, p] of vectors.kolmogorovSf as [number, number, number][]) {
      try {
        close(kolmogorovSf(n, x), p);
      } catch (e) {
        throw new Error(`kstwo.sf(${x}, ${n}): ${(e as Error).message}`);
      }
    }
  });
  test('smirnov', () => {
    for (const [n, x, p] of vectors.smirnovSf as [number, number, number][]) {
      try {
        close(smirnovSf(n, x), p);
      } catch (e) {
        throw new Error(`smirnov(${n}, ${x}): ${(e as Error).message}`);
      }
    }
  });
  test('kv(0.25, x), gammaincc, ndtr, chi2.sf', () => {
    for (const [nu, x, v] of vectors.besselK as [number, number, number][]) close(besselK(nu, x), v, 1e-12, 1e-300);
    for (const [a, x, v] of vectors.gammaQ as [number, number, number][]) close(gammaQ(a, x), v, 1e-12);
    for (const [x, v] of vectors.normCdf as [number, number][]) close(normCdf(x), v, 1e-14, 1e-300);
    for (const [x, k, v] of vectors.chi2Sf as [number, number, number][]) close(chi2Sf(x, k), v, 1e-12);
  });
});
