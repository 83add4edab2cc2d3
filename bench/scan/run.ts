/**
 * bench/scan: scanner throughput side by side with picklescan (Python, run from its own source
 * checked out OUTSIDE this repository) on the same files: the 46 picklescan samples of
 * ../shared/data and a generated corpus (make-corpus.py: PyTorch zip/legacy checkpoints, tokenizer,
 * scikit-learn-style and NumPy pickles, benign and malicious). Reports MB/s of each, the ratio, and
 * whether the verdicts and global names agree file by file.
 *
 * Needs: `pnpm --filter @modelsec/scanner build`, python3 with numpy, and a picklescan checkout whose
 * `src` folder is given by PICKLESCAN_SRC (default /work/peers/picklescan/src).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sharedDataDir } from '@modelsec-test/utils';
import { markdownTable, sig, updateReadme, writeResults } from '../lib/report.mjs';

const { scanModel } = (await import(
  join(import.meta.dirname, '../../packages/scanner/dist/index.node.js')
)) as typeof import('../../packages/scanner/src/index');

const REPEATS = Number(process.env.SCAN_REPEATS ?? 3);
const picklescanSrc = process.env.PICKLESCAN_SRC ?? '/work/peers/picklescan/src';
if (!existsSync(join(picklescanSrc, 'picklescan/scanner.py'))) {
  throw new Error(`picklescan sources not found at ${picklescanSrc} (set PICKLESCAN_SRC)`);
}
const corpusDir = process.env.SCAN_CORPUS ?? join(tmpdir(), 'modelsec-bench-scan');
if (!existsSync(join(corpusDir, 'vocab.pkl'))) {
  execFileSync('python3', [join(import.meta.dirname, 'make-corpus.py'), corpusDir], { stdio: 'inherit' });
}
const samplesDir = join(await sharedDataDir(), 'picklescan/data');
const groups = {
  'picklescan samples (46 files)': readdirSync(samplesDir)
    .sort()
    .map((f) => join(samplesDir, f)),
  'generated corpus': readdirSync(corpusDir)
    .sort()
    .map((f) => join(corpusDir, f)),
};

interface Row {
  file: string;
  bytes: number;
  ours: { verdict: string; globals: string[]; seconds: number };
  picklescan: { verdict: string; globals: string[]; seconds: number; error?: string };
}

async function timeOurs(file: string) {
  // Warm V8's JIT on this file's code paths first (a service scanning uploads runs warm); CPython
  // has no JIT, so its best-of-N is already its steady state.
  const warmUntil = performance.now() + 300;
  for (let i = 0; i < 20 && performance.now() < warmUntil; i++) await scanModel(file);
  let best = Number.POSITIVE_INFINITY;
  let report: Awaited<ReturnType<typeof scanModel>> | undefined;
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    report = await scanModel(file);
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  const f = report?.files[0];
  const globals = [...new Set(f?.globals.map((g) => `${g.module}.${g.name}`))].sort();
  return { verdict: f?.verdict ?? 'error', globals, seconds: best };
}

const results: Record<string, Row[]> = {};
for (const [group, files] of Object.entries(groups)) {
  const ps = JSON.parse(
    execFileSync(
      'python3',
      [join(import.meta.dirname, 'picklescan-runner.py'), picklescanSrc, String(REPEATS), ...files],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      },
    ),
  ) as Record<string, Row['picklescan']>;
  const rows: Row[] = [];
  for (const file of files) {
    rows.push({
      file: basename(file),
      bytes: statSync(file).size,
      ours: await timeOurs(file),
      picklescan: ps[file] as Row['picklescan'],
    });
  }
  results[group] = rows;
}

const tableRows: (string | number)[][] = [];
const summary: Record<string, unknown> = {};
for (const [group, rows] of Object.entries(results)) {
  const bytes = rows.reduce((a, r) => a + r.bytes, 0);
  const ours = rows.reduce((a, r) => a + r.ours.seconds, 0);
  const theirs = rows.reduce((a, r) => a + r.picklescan.seconds, 0);
  const comparable = rows.filter((r) => r.picklescan.verdict !== 'error');
  const same = comparable.filter((r) => r.ours.verdict === r.picklescan.verdict);
  const sameGlobals = comparable.filter((r) => r.ours.globals.join() === r.picklescan.globals.join());
  const differ = rows
    .filter((r) => r.ours.verdict !== r.picklescan.verdict)
    .map(
      (r) =>
        `${r.file}: ${r.ours.verdict} vs picklescan ${r.picklescan.verdict}${r.picklescan.error ? ` (${r.picklescan.error.split(':')[0]})` : ''}`,
    );
  summary[group] = {
    files: rows.length,
    bytes,
    oursSeconds: ours,
    picklescanSeconds: theirs,
    sameVerdict: same.length,
    sameGlobals: sameGlobals.length,
    comparable: comparable.length,
    differ,
  };
  tableRows.push([
    group,
    `${sig(bytes / 1e6)} MB`,
    sig(bytes / 1e6 / theirs),
    sig(bytes / 1e6 / ours),
    `${sig(theirs / ours)}×`,
    `${same.length}/${comparable.length}`,
    `${sameGlobals.length}/${comparable.length}`,
  ]);
  for (const r of rows) {
    if (group.startsWith('generated')) {
      tableRows.push([
        `  ${r.file}`,
        `${sig(r.bytes / 1e6)} MB`,
        sig(r.bytes / 1e6 / r.picklescan.seconds),
        sig(r.bytes / 1e6 / r.ours.seconds),
        `${sig(r.picklescan.seconds / r.ours.seconds)}×`,
        r.ours.verdict === r.picklescan.verdict ? r.ours.verdict : `${r.ours.verdict} ≠ ${r.picklescan.verdict}`,
        r.ours.globals.join() === r.picklescan.globals.join() ? 'same' : 'differ',
      ]);
    }
  }
}
{
  const all = Object.values(results).flat();
  const bytes = all.reduce((a, r) => a + r.bytes, 0);
  const ours = all.reduce((a, r) => a + r.ours.seconds, 0);
  const theirs = all.reduce((a, r) => a + r.picklescan.seconds, 0);
  summary.all = { files: all.length, bytes, oursSeconds: ours, picklescanSeconds: theirs };
  tableRows.splice(0, 0, [
    'all files',
    `${sig(bytes / 1e6)} MB`,
    sig(bytes / 1e6 / theirs),
    sig(bytes / 1e6 / ours),
    `${sig(theirs / ours)}×`,
    '',
    '',
  ]);
}
const command = 'pnpm --filter @modelsec/scanner build && node --import tsx bench/scan/run.ts';
const file = writeResults('scan', {
  command,
  results: { summary, files: results },
  notes: [
    `picklescan ${picklescanSrc} (v1.0.5 source, f15d54d), best of ${REPEATS} runs per file on each side after warm-up, whole files (open, detect, parse)`,
  ],
});
const md = [
  `Scanner throughput vs picklescan 1.0.5 (Python ${execFileSync('python3', ['--version'], { encoding: 'utf8' }).trim().split(' ')[1]}, run from its source outside the repo), same files, best of ${REPEATS} per file after a warm-up, one process each side. MB/s = file bytes / scan time.`,
  '',
  markdownTable(
    ['files', 'size', 'picklescan MB/s', 'modelsec MB/s', 'speed-up', 'same verdict', 'same globals'],
    tableRows,
  ),
  '',
  ...Object.entries(summary).flatMap(([g, s]) => {
    const differ = (s as { differ?: string[] }).differ ?? [];
    return differ.length ? [`Verdict differences in ${g}: ${differ.join('; ')}.`] : [];
  }),
].join('\n');
updateReadme('scan', md);
console.log(md);
console.log(`results: ${file}`);
