// Runs recheck (ReDoS analysis) on every regular expression of @modelsec/validators' text detectors and
// records the verdicts in packages/validators/test/vectors/text-redos.json, which redos.node.test.ts
// checks against the current patterns (and re-verifies a sample of live).
//   cd bench && pnpm exec tsx text/redos-scan.ts            (every pattern)
//   cd bench && pnpm exec tsx text/redos-scan.ts --changed  (only new or changed patterns; keeps the other
//                                                            recorded verdicts, drops those of removed patterns)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectPatterns, patternKey } from '../../packages/validators/test/text/redos-patterns';

// recheck is a dev dependency of @modelsec/validators (its ReDoS test uses it too).
const { check } = createRequire(join(import.meta.dirname, '../../packages/validators/package.json'))(
  'recheck',
) as typeof import('recheck');
const src = join(import.meta.dirname, '../../packages/validators/src/text');
const modules: Record<string, Record<string, unknown>> = {};
for (const dir of readdirSync(src, { withFileTypes: true })) {
  if (!dir.isDirectory() || dir.name === 'data') continue;
  for (const f of readdirSync(join(src, dir.name))) {
    if (f.endsWith('.ts'))
      modules[`src/text/${dir.name}/${f}`] = await import(pathToFileURL(join(src, dir.name, f)).href);
  }
}
const patterns = collectPatterns(modules);
const file = join(import.meta.dirname, '../../packages/validators/test/vectors/text-redos.json');
type Verdict = {
  name: string;
  source: string;
  flags: string;
  status: string;
  checker: string | null;
  complexity: string;
};
const previous = new Map<string, Verdict>();
if (process.argv.includes('--changed')) {
  for (const v of JSON.parse(readFileSync(file, 'utf8')).patterns as Verdict[]) previous.set(patternKey(v), v);
}
const results: Verdict[] = [];
for (const p of patterns) {
  const kept = previous.get(patternKey(p));
  if (kept) {
    results.push({ ...kept, name: p.name });
    continue;
  }
  const t0 = performance.now();
  const r = await check(p.analysed, p.analysedFlags, { timeout: 60_000 });
  const ms = Math.round(performance.now() - t0);
  const complexity = r.status === 'safe' || r.status === 'vulnerable' ? r.complexity.summary : (r.error?.kind ?? '');
  console.log(r.status.padEnd(10), String(ms).padStart(6), 'ms', p.name, complexity);
  results.push({
    name: p.name,
    source: p.source,
    flags: p.flags,
    status: r.status,
    checker: r.checker ?? null,
    complexity,
  });
}
writeFileSync(
  file,
  `${JSON.stringify(
    {
      _source:
        'recheck 4.5.0 (https://github.com/makenowjust-labs/recheck) verdicts for every regex of packages/validators/src/text, produced by bench/text/redos-scan.ts; see test/text/redos-patterns.ts for the structure-preserving rewrites analysed',
      patterns: results,
    },
    null,
    1,
  )}\n`,
);
console.log(`${results.filter((r) => r.status === 'safe').length}/${results.length} safe -> ${file}`);
