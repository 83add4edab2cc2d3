// Write each package's `exports` (and `main`/`module`/`types` for older resolvers) from its source layout.
// Run after adding an entry or a *.node.ts file: `node scripts/sync-exports.mjs`.
// `scripts/check-packaging.mjs` fails when a package.json is out of sync.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportsMap, packageDirs, readLayout } from '../tools/build/layout.mjs';

/** @param {string} dir */
export function expectedFields(dir) {
  const layout = readLayout(dir);
  const fields = { exports: exportsMap(layout) };
  if (layout.entries.some((e) => e.subpath === '.' && e.universal)) {
    Object.assign(fields, { main: './dist/index.cjs', module: './dist/index.js', types: './dist/index.d.cts' });
  }
  return fields;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const dir of packageDirs()) {
    const file = join(dir, 'package.json');
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    const next = { ...pkg, ...expectedFields(dir) };
    // Keep a stable key order: the generated fields go right after "modelsec".
    const ordered = {};
    for (const k of Object.keys(pkg)) {
      if (['exports', 'main', 'module', 'types'].includes(k)) continue;
      ordered[k] = next[k];
      if (k === 'modelsec') for (const g of ['main', 'module', 'types', 'exports']) if (g in next) ordered[g] = next[g];
    }
    for (const g of ['main', 'module', 'types', 'exports']) if (g in next && !(g in ordered)) ordered[g] = next[g];
    const text = `${JSON.stringify(ordered, null, 2)}\n`;
    if (text !== readFileSync(file, 'utf8')) {
      writeFileSync(file, text);
      console.log(`updated ${file}`);
    }
  }
}
