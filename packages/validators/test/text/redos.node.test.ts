// ReDoS: every regular expression of the text detectors must have a "safe" verdict from recheck
// (automaton analysis of super-linear backtracking). The full analysis takes minutes, so
// bench/text/redos-scan.ts records the verdicts in test/vectors/text-redos.json; this test fails when a
// pattern is new or changed (re-run the scan) or was not safe, and re-verifies a sample of them live.
import { check } from 'recheck';
import { describe, expect, test } from 'vitest';
import recorded from '../vectors/text-redos.json';
import { collectPatterns, patternKey } from './redos-patterns';

const modules = import.meta.glob(['../../src/text/**/*.ts', '!../../src/text/data/**'], { eager: true }) as Record<
  string,
  Record<string, unknown>
>;
const patterns = collectPatterns(modules);
const verdicts = new Map(recorded.patterns.map((p) => [patternKey(p), p.status]));

describe('ReDoS (recheck)', () => {
  test('every regex of src/text has a recorded "safe" verdict for its current source', () => {
    expect(patterns.length).toBeGreaterThan(80);
    const missing = patterns
      .filter((p) => verdicts.get(patternKey(p)) !== 'safe')
      .map((p) => `${p.name}: ${verdicts.get(patternKey(p)) ?? 'not analysed (run bench/text/redos-scan.ts)'}`);
    expect(missing).toEqual([]);
  });

  test('recorded verdicts reproduce (a rotating sample, analysed live)', async () => {
    const day = Math.floor(Date.now() / 86_400_000);
    const sample = patterns.filter((_, i) => (i + day) % 12 === 0).slice(0, 10);
    for (const p of sample) {
      const r = await check(p.analysed, p.analysedFlags, { timeout: 30_000 });
      expect(`${p.name}: ${r.status}`).toBe(`${p.name}: safe`);
    }
  }, 300_000);

  test('the analyser does flag a vulnerable pattern (the check can fail)', async () => {
    const r = await check('^(a+)+$', '');
    expect(r.status).toBe('vulnerable');
  }, 60_000);
});
