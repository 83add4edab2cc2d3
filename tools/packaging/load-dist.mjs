// Load every entry of a built package the way Node users do (by package name, through its `exports`,
// ESM `import` and CJS `require`), plus the universal files directly, and print their export names.
// Run by dist.node.test.ts as `node --input-type=module -e <this file>` with cwd = the package directory,
// so bare specifiers resolve from inside the package (self-reference through `exports`).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.cwd();
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const require = createRequire(join(dir, 'package.json'));
const names = (m) =>
  Object.keys(m)
    .filter((k) => k !== 'default' && k !== '__esModule')
    .sort();
const out = {};
for (const [subpath, target] of Object.entries(pkg.exports)) {
  if (subpath === './package.json') continue;
  const spec = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
  const entry = {};
  // Self-reference by package name resolves through `exports` with Node's conditions.
  entry.esm = names(await import(spec));
  entry.cjs = names(require(spec));
  if (target.import?.default) {
    entry.esmUniversal = names(await import(pathToFileURL(join(dir, target.import.default)).href));
    entry.cjsUniversal = names(require(join(dir, target.require.default)));
  }
  out[subpath] = entry;
}
process.stdout.write(JSON.stringify(out));
