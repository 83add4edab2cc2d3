// Run every benchmark folder's `run.mjs` or `run.ts` (through tsx) in turn (`pnpm bench [folder...]`).
// Benchmarks are slow and machine-bound: they are not part of `pnpm test`; their results are committed
// under bench/results/. They import the built packages (`pnpm build` first) and `@modelsec-test/utils`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { benchRoot } from './report.mjs';

const only = process.argv.slice(2);
for (const dir of readdirSync(benchRoot).sort()) {
  const mjs = join(benchRoot, dir, 'run.mjs');
  const ts = join(benchRoot, dir, 'run.ts');
  if ((!existsSync(mjs) && !existsSync(ts)) || (only.length && !only.includes(dir))) continue;
  console.log(`\n▶ bench/${dir}`);
  const args = existsSync(ts) ? ['--expose-gc', '--import', 'tsx', ts] : ['--expose-gc', mjs];
  const env = { ...process.env, TSX_TSCONFIG_PATH: join(benchRoot, 'tsconfig.json') };
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: benchRoot, env });
  if (r.status !== 0) process.exitCode = 1;
}
