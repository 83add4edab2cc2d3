// Packaging checks for every publishable package, run by `pnpm test` after `pnpm build`:
//  1. package.json `exports`/`main`/`types` match the source layout (scripts/sync-exports.mjs);
//  2. publint (strict) reports nothing;
//  3. @arethetypeswrong/cli reports nothing (profile node16: ESM + CJS + bundler resolution);
//  4. universal (non-`.node`) builds contain no `node:` imports or requires, so they load in browsers.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { packageDirs, readLayout } from '../tools/build/layout.mjs';
import { expectedFields } from './sync-exports.mjs';

const run = promisify(execFile);
const problems = [];
const report = (pkg, msg) => problems.push(`${pkg}: ${msg}`);

async function checkPackage(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const name = pkg.name;
  for (const [k, v] of Object.entries(expectedFields(dir))) {
    if (JSON.stringify(pkg[k]) !== JSON.stringify(v))
      report(name, `"${k}" is out of date: run node scripts/sync-exports.mjs`);
  }
  if (pkg.sideEffects !== false) report(name, '"sideEffects" must be false');
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, range] of Object.entries(pkg[field] ?? {})) {
      if (!/^(workspace:\*|\d+\.\d+\.\d+(-[\w.]+)?)$/.test(range) && field !== 'peerDependencies') {
        report(name, `${field}.${dep} must be pinned exactly, got "${range}"`);
      }
    }
  }
  const { messages, pkg: packed } = await publint({ pkgDir: dir, strict: true, pack: 'pnpm' });
  for (const m of messages) report(name, `publint ${m.type}: ${formatMessage(m, packed)}`);
  try {
    await run(process.execPath, [attwBin, '--pack', dir, '--profile', 'node16', '--format', 'ascii'], {
      cwd: dir,
      maxBuffer: 1 << 24,
    });
  } catch (error) {
    report(name, `attw found problems:\n${error.stdout ?? error.message}`);
  }
  const layout = readLayout(dir);
  if (!layout.nodeOnlyPackage) {
    // Universal = every file reachable from a non-`.node` entry (shared chunks included): code that only
    // `.node` entries reach may use Node built-ins.
    const dist = join(dir, 'dist');
    const files = [...walk(dist)].filter((f) => /\.c?js$/.test(f));
    const queue = files.filter((f) => !/\.node\.c?js$/.test(f) && !/(^|[/\\])chunk-[\w-]+\.c?js$/.test(f));
    const seen = new Set(queue);
    while (queue.length) {
      const file = queue.pop();
      const text = readFileSync(file, 'utf8');
      const hit =
        /(?:from\s*|import\s*\(\s*|require\s*\(\s*)["'](node:[\w/]+|fs|path|os|crypto|child_process|worker_threads)["']/.exec(
          text,
        );
      if (hit) report(name, `universal build ${basename(file)} imports "${hit[1]}"`);
      for (const m of text.matchAll(/(?:from\s*|import\s*\(?\s*|require\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
        const target = join(dirname(file), m[1]);
        if (!seen.has(target) && files.includes(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
  }
}

function* walk(dir) {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}

const attwBin = join(import.meta.dirname, '../node_modules/@arethetypeswrong/cli/dist/index.js');
const only = process.argv.slice(2); // optional package folder names, e.g. `core scanner`
const dirs = packageDirs().filter((d) => only.length === 0 || only.includes(basename(d)));
const queue = [...dirs];
await Promise.all(
  [0, 1].map(async () => {
    while (queue.length) await checkPackage(queue.shift());
  }),
);
if (problems.length) {
  console.error(`packaging: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(
  `packaging: ${dirs.length} packages clean (exports in sync, publint strict, attw node16/bundler, browser-safe builds)`,
);
