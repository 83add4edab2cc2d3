import { createRng, type Dataset, detectDrift, ksTest, psi, wasserstein } from '@modelsec/monitor';
import { describe, expect, test } from 'vitest';

function normal(n: number, mean: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => mean + rng.normal());
}

function categories(n: number, weights: number[], seed: number): string[] {
  const rng = createRng(seed);
  const names = ['red', 'green', 'blue', 'amber'];
  return Array.from({ length: n }, () => {
    let u = rng.next();
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i] as number;
      if (u < 0) return names[i] as string;
    }
    return names[weights.length - 1] as string;
  });
}

describe('detectDrift', () => {
  test('picks evidently default tests by type and size and decides by drift share', () => {
    const reference = {
      stable: normal(800, 0, 1),
      shifted: normal(800, 0, 2),
      colour: categories(800, [0.5, 0.3, 0.2], 3),
      flag: categories(800, [0.7, 0.3], 4),
    };
    const current = {
      stable: normal(600, 0, 5),
      shifted: normal(600, 0.6, 6),
      colour: categories(600, [0.2, 0.3, 0.5], 7),
      flag: categories(600, [0.7, 0.3], 8),
    };
    const report = detectDrift(reference, current);
    const by = Object.fromEntries(report.columns.map((c) => [c.column, c]));
    expect(by.stable?.stattest).toBe('ks');
    expect(by.colour?.stattest).toBe('chisquare');
    expect(by.flag?.stattest).toBe('z');
    expect(by.shifted?.drifted).toBe(true);
    expect(by.colour?.drifted).toBe(true);
    expect(by.stable?.drifted).toBe(false);
    expect(by.flag?.drifted).toBe(false);
    expect(by.stable?.score).toBe(ksTest(reference.stable, current.stable).pValue);
    expect(report.driftedColumns).toBe(2);
    expect(report.share).toBe(0.5);
    expect(report.datasetDrift).toBe(true);
    expect(detectDrift(reference, current, { driftShare: 0.75 }).datasetDrift).toBe(false);
  });

  test('large references use wasserstein / jensenshannon; overrides and per-column thresholds apply', () => {
    const reference = { x: normal(2000, 0, 11), k: categories(2000, [0.5, 0.5], 12) };
    const current = { x: normal(1500, 0.3, 13), k: categories(1500, [0.5, 0.5], 14) };
    const report = detectDrift(reference, current);
    expect(report.columns.map((c) => c.stattest)).toEqual(['wasserstein', 'jensenshannon']);
    expect(report.columns[0]?.score).toBe(wasserstein(reference.x, current.x).value);
    expect(report.columns[0]?.drifted).toBe(true);
    const custom = detectDrift(reference, current, { stattest: { x: 'psi' }, threshold: { x: 10 } });
    expect(custom.columns[0]?.stattest).toBe('psi');
    expect(custom.columns[0]?.score).toBe(psi(reference.x, current.x).value);
    expect(custom.columns[0]?.drifted).toBe(false);
  });

  test('row-major data, missing values dropped, corrections', () => {
    const rows = (mean: number, seed: number): Dataset =>
      normal(300, mean, seed).map((v, i) => ({
        a: i % 10 === 0 ? null : v,
        b: v * 2,
        c: i % 7 === 0 ? Number.NaN : v,
      }));
    const report = detectDrift(rows(0, 1), rows(0.25, 2), { correction: 'bonferroni' });
    expect(report.columns[0]?.missing).toEqual({ reference: 30, current: 30 });
    expect(report.columns[2]?.missing.reference).toBe(43);
    for (const c of report.columns) expect(c.adjustedScore).toBe(Math.min(1, c.score * 3));
  });

  test('HTML report has a summary table and one histogram and ECDF per numerical column, escaped names', () => {
    const reference = { '<b>x</b>': normal(200, 0, 1), city: categories(200, [0.4, 0.6], 2) };
    const current = { '<b>x</b>': normal(200, 1, 3), city: categories(200, [0.6, 0.4], 4) };
    const html = detectDrift(reference, current).toHTML({ title: 'nightly & weekly' });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('nightly &#38; weekly');
    expect(html).not.toContain('<b>x</b>');
    expect(html.match(/data-plot="histogram"/g)?.length).toBe(1);
    expect(html.match(/data-plot="ecdf"/g)?.length).toBe(1);
    expect(html.match(/data-plot="bars"/g)?.length).toBe(1);
    expect(html).not.toMatch(/<script/i);
  });
});
