// @ts-check
/**
 * Package layout conventions shared by the build (tsup), the test runner (vitest) and the packaging check.
 *
 * - `src/index.ts` is the package root export `.`; each name listed in package.json
 *   `"modelsec": { "entries": [...] }` is a subpath export `./<name>` built from `src/<name>/index.ts`.
 * - A file `foo.node.ts` next to `foo.ts` replaces it in the Node build (the `node` export condition).
 *   Both must export the same names with the same types; only `*.node.ts` files may import `node:*`.
 * - `src/<name>/index.node.ts` without an `index.ts` is a Node-only subpath (exported under `node` only).
 * - A package whose package.json has `"modelsec": { "platform": "node" }` is Node-only (the CLI).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @typedef {{ subpath: string, outName: string, universal?: string, node: string }} EntryPoint */
/** @typedef {{ dir: string, name: string, nodeOnlyPackage: boolean, hasNodeVariant: boolean, entries: EntryPoint[] }} PackageLayout */

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** @param {string} pkgDir @returns {PackageLayout} */
export function readLayout(pkgDir) {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const src = join(pkgDir, 'src');
  const nodeOnlyPackage = pkg.modelsec?.platform === 'node';
  /** @type {EntryPoint[]} */
  const entries = [];
  /** @param {string} subpath @param {string} outName @param {string} dir */
  const add = (subpath, outName, dir) => {
    const uni = join(dir, 'index.ts');
    const nod = join(dir, 'index.node.ts');
    if (existsSync(uni)) entries.push({ subpath, outName, universal: uni, node: existsSync(nod) ? nod : uni });
    else if (existsSync(nod)) entries.push({ subpath, outName, node: nod });
  };
  add('.', 'index', src);
  for (const name of pkg.modelsec?.entries ?? []) {
    const before = entries.length;
    add(`./${name}`, `${name}/index`, join(src, name));
    if (entries.length === before) throw new Error(`${pkg.name}: entry "${name}" has no src/${name}/index.ts`);
  }
  return { dir: pkgDir, name: pkg.name, nodeOnlyPackage, hasNodeVariant: hasNodeFiles(src), entries };
}

/** @param {string} dir @returns {boolean} */
function hasNodeFiles(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (hasNodeFiles(p)) return true;
    } else if (name.endsWith('.node.ts')) return true;
  }
  return false;
}

/**
 * Resolve a relative import to its `.node.ts` override when one exists.
 * @param {string} spec @param {string} importerDir @returns {string | undefined}
 */
export function resolveNodeOverride(spec, importerDir) {
  if (!spec.startsWith('./') && !spec.startsWith('../')) return undefined;
  const base = resolve(importerDir, spec.replace(/\.(js|ts)$/, ''));
  for (const candidate of [`${base}.node.ts`, join(base, 'index.node.ts')]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The exports map a layout must publish (checked by scripts/check-packaging.mjs).
 * @param {PackageLayout} layout @returns {Record<string, unknown>}
 */
export function exportsMap(layout) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const e of layout.entries) {
    const t = { import: `./dist/${e.outName}.d.ts`, require: `./dist/${e.outName}.d.cts` };
    const node = {
      import: { types: t.import, default: `./dist/${e.outName}.node.js` },
      require: { types: t.require, default: `./dist/${e.outName}.node.cjs` },
    };
    const web = {
      import: { types: t.import, default: `./dist/${e.outName}.js` },
      require: { types: t.require, default: `./dist/${e.outName}.cjs` },
    };
    if (layout.nodeOnlyPackage) out[e.subpath] = web;
    else if (!e.universal) out[e.subpath] = { node };
    else if (layout.hasNodeVariant) out[e.subpath] = { node, ...web };
    else out[e.subpath] = web;
  }
  out['./package.json'] = './package.json';
  return out;
}

/** Directories of all publishable packages. @returns {string[]} */
export function packageDirs() {
  const root = join(repoRoot, 'packages');
  return readdirSync(root)
    .filter((n) => existsSync(join(root, n, 'package.json')))
    .sort()
    .map((n) => join(root, n));
}
