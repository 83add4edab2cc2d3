// `pnpm test`: the whole suite, the command CI runs. Installs missing system packages (Chromium, Redis),
// then lint → typecheck → build → packaging checks → tests in Node and Chromium → API docs.
// Stops at the first failing step and prints a summary with each step's time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const steps = [
  ['system packages', 'bash', ['scripts/ensure-system.sh']],
  ['lint (biome)', 'pnpm', ['exec', 'biome', 'check', '.']],
  ['typecheck', 'pnpm', ['run', '-s', 'typecheck']],
  ['build', 'pnpm', ['run', '-s', 'build']],
  ['packaging (publint, attw)', 'node', ['scripts/check-packaging.mjs']],
  ['tests (node + chromium)', 'pnpm', ['exec', 'vitest', 'run']],
  ['api docs (typedoc)', 'pnpm', ['run', '-s', 'docs']],
];

const only = process.argv.slice(2);
// tools/vitest/failure-digest.mjs writes what failed here; it is printed last, where a cut log still shows it.
const digest = join(mkdtempSync(join(tmpdir(), 'modelsec-test-')), 'failures.txt');
const summary = [];
const started = Date.now();
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0', MODELSEC_FAILURE_DIGEST: digest },
  });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  summary.push(`${r.status === 0 ? 'ok  ' : 'FAIL'} ${name} (${secs}s)`);
  if (r.status !== 0) {
    const failures = existsSync(digest) ? readFileSync(digest, 'utf8') : '';
    console.error(`\n${summary.join('\n')}\n\n${failures}✗ ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}
console.log(`\n${summary.join('\n')}\n\n✓ all steps passed in ${((Date.now() - started) / 1000).toFixed(0)}s`);
