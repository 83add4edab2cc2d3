/**
 * Conformance with picklescan's own test suite: every file of ../shared/data/picklescan/data gets
 * the verdict and the global names that upstream expects (expected.json). Safety levels must match
 * too, except where this package is stricter because a non-picklescan source (modelscan, fickling)
 * lists the global: such a deviation is allowed only in that direction and only with that source.
 */

import { scanModel } from '@modelsec/scanner';
import { readSharedBytes, readSharedJSON } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';

interface ExpectedGlobal {
  module: string;
  name: string;
  safety: 'Innocuous' | 'Suspicious' | 'Dangerous';
}
interface ExpectedFile {
  expected_verdict: 'clean' | 'suspicious' | 'dangerous';
  upstream_assertions: { expected: unknown }[];
  derived_globals?: ExpectedGlobal[];
}

const expected = await readSharedJSON<{ files: Record<string, ExpectedFile> }>('picklescan/expected.json');
const RANK = { innocuous: 0, suspicious: 1, dangerous: 2 } as const;

function expectedGlobals(file: ExpectedFile): ExpectedGlobal[] {
  for (const a of file.upstream_assertions) {
    const e = a.expected as { globals?: ExpectedGlobal[] };
    if (typeof e === 'object' && e !== null && Array.isArray(e.globals)) return e.globals;
  }
  return file.derived_globals ?? [];
}

describe('picklescan expected.json', () => {
  const names = Object.keys(expected.files).sort();
  test('covers the 46 upstream files', () => {
    expect(names.length).toBe(46);
  });
  test.each(names)('%s', async (name) => {
    const file = expected.files[name] as ExpectedFile;
    const bytes = await readSharedBytes(`picklescan/data/${name}`);
    const report = await scanModel(bytes, { name });
    expect(report.files).toHaveLength(1);
    const ours = report.files[0];
    if (!ours) throw new Error('no report');
    expect(ours.verdict).toBe(file.expected_verdict);
    const want = expectedGlobals(file);
    const key = (g: { module: string; name: string }) => `${g.module}.${g.name}`;
    expect(ours.globals.map(key).sort()).toEqual([...new Set(want.map(key))].sort());
    for (const w of want) {
      const g = ours.globals.find((x) => key(x) === key(w));
      if (!g) throw new Error(`missing ${key(w)}`);
      const theirs = w.safety.toLowerCase() as keyof typeof RANK;
      if (g.safety !== theirs) {
        // Stricter only, and only on the word of another source.
        expect(RANK[g.safety]).toBeGreaterThan(RANK[theirs]);
        expect(g.sources).not.toContain('picklescan');
        expect(g.sources.length).toBeGreaterThan(0);
      }
    }
    if (file.expected_verdict === 'clean') {
      expect(ours.findings.filter((f) => f.level !== 'info')).toEqual([]);
      expect(ours.globals.filter((g) => g.safety !== 'innocuous')).toEqual([]);
    }
  });
});
