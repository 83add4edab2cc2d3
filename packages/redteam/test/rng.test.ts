import { createRng } from '@modelsec/redteam';
import { describe, expect, test } from 'vitest';

describe('createRng', () => {
  test('the same seed gives the same stream; different seeds differ', () => {
    const a = createRng(7);
    const b = createRng(7);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    const c = createRng(8);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  test('moments of uniform and normal samples are right', () => {
    const rng = createRng(1);
    const n = 20_000;
    let mean = 0;
    let sq = 0;
    let umean = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      mean += z / n;
      sq += (z * z) / n;
      umean += rng.next() / n;
    }
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sq - 1)).toBeLessThan(0.05);
    expect(Math.abs(umean - 0.5)).toBeLessThan(0.01);
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 5000; i++) counts[rng.int(5)]++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(120);
  });

  test('shuffle is a permutation; fork is independent and reproducible', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = createRng(3).shuffle([...items]);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
    expect(shuffled).not.toEqual(items);
    expect(createRng(3).fork().next()).toBe(createRng(3).fork().next());
  });

  test('bad seeds are RangeErrors', () => {
    expect(() => createRng(-1)).toThrow(RangeError);
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(() => createRng('1' as never)).toThrow(TypeError);
  });
});
