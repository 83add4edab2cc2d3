/**
 * Loads each package's ESM and CJS builds from dist/ in a plain Node process (as users do, by package
 * name through `exports`) and checks every entry exports exactly what its source exports.
 * Needs `pnpm build` first (the `pnpm test` pipeline builds before running tests).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageDirs, readLayout } from '../build/layout.mjs';

const script = readFileSync(join(import.meta.dirname, 'load-dist.mjs'), 'utf8');

for (const dir of packageDirs()) {
  const layout = readLayout(dir);
  describe(layout.name, () => {
    test('ESM and CJS builds export the source API', async () => {
      expect(existsSync(join(dir, 'dist')), `${layout.name} is not built: run pnpm build`).toBe(true);
      const loaded = JSON.parse(
        execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' }),
      ) as Record<string, Record<string, string[]>>;
      for (const entry of layout.entries) {
        const spec = entry.subpath === '.' ? layout.name : `${layout.name}/${entry.subpath.slice(2)}`;
        const source = Object.keys(await import(/* @vite-ignore */ spec)).sort();
        expect(source.length, `${spec} exports nothing`).toBeGreaterThan(0);
        const got = loaded[entry.subpath];
        expect(got, `${spec} missing from exports`).toBeDefined();
        expect(got?.esm).toEqual(source);
        expect(got?.cjs).toEqual(source);
        if (entry.universal) {
          expect(got?.esmUniversal).toEqual(source);
          expect(got?.cjsUniversal).toEqual(source);
        }
      }
    });
  });
}
