/**
 * What makes a subpath entry cheaper to import than the package root: the modules it reaches. The
 * injection, secrets and unicode entries must not reach the PII gazetteers (650 kB of names and places),
 * and the secrets and unicode entries not the injection detector. Read from the sources' relative
 * imports (the build splits its chunks by the same graph).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

/** The source files `entry` reaches through relative imports and re-exports. */
function reach(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [join(SRC, entry)];
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom '(\.[^']+)'|^import '(\.[^']+)'/gms)) {
      const spec = (m[1] ?? m[2]) as string;
      const base = normalize(join(dirname(file), spec));
      const hit = [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p));
      if (hit === undefined) throw new Error(`${relative(SRC, file)}: cannot resolve ${spec}`);
      todo.push(hit);
    }
  }
  return new Set([...seen].map((f) => relative(SRC, f)));
}

describe('subpath entries: modules reached', () => {
  const GAZETTEERS = ['text/data/person-names.ts', 'text/data/locations.ts'];
  test.each([
    ['injection/index.ts', [...GAZETTEERS, 'text/secrets/detect.ts']],
    ['secrets/index.ts', [...GAZETTEERS, 'text/injection/detect.ts', 'text/pii/detect.ts']],
    ['unicode/index.ts', [...GAZETTEERS, 'text/injection/detect.ts', 'text/secrets/detect.ts']],
  ])('%s reaches none of %j', (entry, banned) => {
    const reached = reach(entry);
    expect(reached.size).toBeGreaterThan(1);
    for (const b of banned) expect(reached.has(b), b).toBe(false);
  });

  test('the root and the pii entry reach the gazetteers (the walk reads re-exports)', () => {
    for (const entry of ['index.ts', 'pii/index.ts']) {
      const reached = reach(entry);
      for (const g of GAZETTEERS) expect(reached.has(g), `${entry} ${g}`).toBe(true);
    }
  });
});
