// @ts-check
/**
 * The npm dependencies that browser tests load, listed for Vite's `optimizeDeps.include` so they are
 * pre-bundled before the first test runs. Without the list Vite discovers some of them mid-run
 * ("optimized dependencies changed, reloading"), and the first Chromium test file can fail to import.
 *
 * Found by scanning the bare imports of universal sources (not `*.node.ts`, not Node-only packages) and
 * of universal test files, and naming each through the workspace package that declares it, in Vite's
 * nested form `@modelsec/<pkg> > <dep>` (every @modelsec package is a root devDependency, so the parent
 * resolves from the root).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { packageDirs, repoRoot } from '../build/layout.mjs';

// Node-only libraries that universal-looking helper files may import for Node tests.
const NEVER = [/^ioredis$/, /^onnxruntime-/, /^vitest/, /^@vitest\//, /^@modelsec/, /^virtual:/, /^node:/];
// Value imports only: `import type` / `export type` are erased by the compiler.
const IMPORT =
  /(?:^|[\s;])(?:import|export)\s(?!type\s)[^'"]*?from\s*['"]([^'"./][^'"]*)['"]|import\(\s*['"]([^'"./][^'"]*)['"]\s*\)/gm;

/** @returns {string[]} */
export function browserDeps() {
  /** @type {Set<string>} */
  const out = new Set();
  for (const dir of packageDirs()) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (pkg.modelsec?.platform === 'node') continue;
    const declared = { ...pkg.peerDependencies, ...pkg.devDependencies, ...pkg.dependencies };
    const files = [...walk(join(dir, 'src')), ...walk(join(dir, 'test'))].filter(
      (f) => /\.(ts|mts|js|mjs)$/.test(f) && !/\.(node|slow)(\.test)?\.[mc]?[tj]s$/.test(f) && !f.includes('/node/'),
    );
    for (const file of files) {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      for (const m of code.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2];
        if (!spec || spec.includes('?') || NEVER.some((re) => re.test(spec))) continue;
        if (builtinModules.includes(spec.split('/')[0] ?? '')) continue;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec);
        if (name in declared) out.add(`${pkg.name} > ${spec}`);
        else if (existsSync(join(repoRoot, 'node_modules', name))) out.add(spec);
      }
    }
  }
  return [...out].sort();
}

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (n === 'node_modules' || n === 'dist') return [];
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
