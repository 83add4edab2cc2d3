// Run every benchmark folder's `run.mjs` in turn (`pnpm bench`). Benchmarks are slow and machine-bound:
// they are not part of `pnpm test`; their results are committed under bench/results/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { benchRoot } from './report.mjs';

const only = process.argv.slice(2);
for (const dir of readdirSync(benchRoot).sort()) {
  const script = join(benchRoot, dir, 'run.mjs');
  if (!existsSync(script) || (only.length && !only.includes(dir))) continue;
  console.log(`\n▶ bench/${dir}`);
  const r = spawnSync(process.execPath, ['--expose-gc', script], { stdio: 'inherit', cwd: benchRoot });
  if (r.status !== 0) process.exitCode = 1;
}
