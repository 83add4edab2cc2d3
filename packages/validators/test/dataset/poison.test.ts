/**
 * Poisoning screens on real MNIST digits (a smaller version of bench/dataset): 5% flipped labels are
 * found by confident learning with useful precision and recall, a 5% pixel-patch backdoor is ranked
 * at the top of its target class by spectral signatures and split off by activation clustering, exact
 * and conflicting duplicates are grouped, text near-duplicates are found, and the report renders.
 */
import { ValidationError } from '@modelsec/core';
import { findDuplicates, findTextDuplicates, screenDataset } from '@modelsec/validators/dataset';
import { loadMnist } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';

/** Deterministic generator for the corruptions (independent of the package's own). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONLY_LABELS = { outliers: false, isolationForest: false, duplicates: false, backdoor: false } as const;

describe('MNIST label noise (1,500 digits, 5% flipped)', async () => {
  const n = 1500;
  const { images, labels } = await loadMnist({ limit: n });
  const next = rng(1);
  const y = Array.from(labels);
  const flipped = new Set<number>();
  while (flipped.size < 0.05 * n) {
    const i = Math.floor(next() * n);
    if (flipped.has(i)) continue;
    flipped.add(i);
    y[i] = ((labels[i] as number) + 1 + Math.floor(next() * 9)) % 10;
  }

  test('confident learning finds most flipped labels, few false alarms', async () => {
    const report = await screenDataset(
      { features: images, featureCount: 784, labels: y },
      { ...ONLY_LABELS, knn: false, labelNoise: { epochs: 10 }, maxFindings: 1e6 },
    );
    const rows = report.findings.filter((f) => f.check === 'label_noise').map((f) => f.rows[0] as number);
    const tp = rows.filter((r) => flipped.has(r)).length;
    expect(tp / flipped.size).toBeGreaterThanOrEqual(0.6); // recall
    expect(tp / rows.length).toBeGreaterThanOrEqual(0.6); // precision
    const f = report.findings.find((x) => x.check === 'label_noise');
    expect(f?.reason).toMatch(/^labelled \d but likely \d: p\(\d\) = /);
    expect(report.scores.labelNoise).toHaveLength(n);
  });
});

describe('MNIST backdoor (1,200 digits, 5% patched and relabelled 0)', async () => {
  const n = 1200;
  const { images: clean, labels } = await loadMnist({ limit: n });
  const images = Float32Array.from(clean);
  const next = rng(2);
  const y = Array.from(labels);
  const poisoned = new Set<number>();
  while (poisoned.size < 0.05 * n) {
    const i = Math.floor(next() * n);
    if (poisoned.has(i) || y[i] === 0) continue;
    poisoned.add(i);
    y[i] = 0;
    for (let r = 23; r < 26; r++) for (let c = 23; c < 26; c++) images[i * 784 + r * 28 + c] = 1;
  }

  test('spectral signatures rank the poisoned rows at the top of the target class; clustering splits it', async () => {
    const report = await screenDataset(
      { features: images, featureCount: 784, labels: y },
      { labelNoise: false, knn: false, outliers: false, isolationForest: false, duplicates: false },
    );
    const budget = Math.round(1.5 * poisoned.size);
    const top = (scores: Float64Array) =>
      y
        .map((_, i) => i)
        .filter((i) => y[i] === 0)
        .sort((a, b) => (scores[b] as number) - (scores[a] as number))
        .slice(0, budget)
        .filter((i) => poisoned.has(i)).length / poisoned.size;
    // On raw pixels (the bench also runs model representations): spectral 0.78, clustering 1.0 here.
    const spectral = top(report.scores.spectral as Float64Array);
    const clustering = top(report.scores.clustering as Float64Array);
    console.log('backdoor top-1.5x share: spectral', spectral, 'clustering', clustering);
    expect(spectral).toBeGreaterThanOrEqual(0.75);
    expect(clustering).toBeGreaterThanOrEqual(0.8);
    // The class-level decision (smaller cluster <= 35% and silhouette >= 0.15) is a separate,
    // stricter call than the row ranking above; here it is only required to have run.
    expect(report.checks.find((c) => c.check === 'activation_cluster')?.ran).toBe(true);
    expect(report.checks.find((c) => c.check === 'spectral_signature')?.flagged).toBeGreaterThan(0);
    const html = report.toHTML();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<svg');
    expect(html).not.toContain('<script');
  });
});

describe('duplicates', () => {
  test('exact and quantized near duplicates, conflicting labels are warnings', async () => {
    const rows = [
      [0, 0, 1],
      [0, 0, 1],
      [5, 5, 5],
      [5, 5, 5.000001],
      [9, 1, 2],
    ];
    const result = findDuplicates(rows, { labels: [1, 1, 2, 3, 4] });
    expect(result.groups.map((g) => g.rows)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(result.groups.map((g) => g.conflicting)).toEqual([false, true]);
    const report = await screenDataset(
      { features: rows, labels: [1, 1, 2, 3, 4] },
      { labelNoise: false, knn: false, backdoor: false },
    );
    const dup = report.findings.filter((f) => f.check === 'duplicate');
    expect(dup.find((f) => f.rows.includes(2))?.severity).toBe('warning');
  });

  test('MinHash/LSH near-duplicate texts', () => {
    const base = 'the quick brown fox jumps over the lazy dog near the river bank at dawn';
    const texts = [
      base,
      `${base}!`,
      base.toUpperCase(),
      'an entirely different sentence about model security and data',
      base.replace('dawn', 'dusk'),
    ];
    const result = findTextDuplicates(texts, { labels: [0, 0, 1, 0, 0] });
    expect(result.groups.map((g) => [g.kind, g.rows, g.conflicting])).toEqual([
      ['exact', [0, 2], true], // same after case folding
      ['near', [0, 1, 2, 4], true],
    ]);
  });
});

describe('bad input is a typed error', () => {
  test('shape, labels, values', async () => {
    const code = async (p: Promise<unknown>) => {
      try {
        await p;
        return 'ok';
      } catch (e) {
        expect(ValidationError.isInstance(e) || e instanceof TypeError || e instanceof RangeError, String(e)).toBe(
          true,
        );
        return (e as { code?: string }).code ?? (e as Error).name;
      }
    };
    expect(await code(screenDataset({}))).toBe('empty_input');
    expect(await code(screenDataset({ features: [[1], [2]], labels: [0] }))).not.toBe('ok');
    expect(await code(screenDataset({ features: [[1], [Number.NaN]] }))).not.toBe('ok');
    expect(await code(screenDataset({ features: [[1, 2], [3]] }))).not.toBe('ok');
    expect(await code(screenDataset({ features: [[1], [2]], labels: [0, -1] }))).not.toBe('ok');
  });
});
