/**
 * bench/drift: (1) two-sample KS on 1M vs 1M values, this package against scipy.stats.ks_2samp on the
 * same data in the same run (python3 subprocess); (2) ADWIN updates per second next to a plain loop
 * over the same array (the memory-bound limit); (3) PRADA observations per second on MNIST-sized
 * inputs next to the bare distance computations they need; (4) streaming detectors' delay and false
 * alarms on synthetic streams; (5) the PRADA experiment on MNIST (attack and benign clients).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adwin, createExtractionMonitor, createRng, ksTest } from '@modelsec/monitor';
import { loadMnist } from '@modelsec-test/utils';
import { markdownTable, sig, updateReadme, writeResults } from '../lib/report.mjs';
import { runPrada } from './prada.ts';
import { runStreams } from './streams.ts';

const quick = process.argv.includes('--quick');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

function time<T>(fn: () => T, reps: number): { ms: number; value: T } {
  const t: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < reps; i++) {
    const s = performance.now();
    value = fn();
    t.push(performance.now() - s);
  }
  return { ms: median(t), value: value as T };
}

// ---------------------------------------------------------------- (1) KS 1M vs 1M against scipy
const N = 1_000_000;
const dir = mkdtempSync(join(tmpdir(), 'modelsec-ks-'));
const ks: Record<string, unknown>[] = [];
for (const [label, shift] of [
  ['same distribution', 0],
  ['shift 0.003 σ', 0.003],
] as const) {
  const rng = createRng(label.length);
  const a = Float64Array.from({ length: N }, () => rng.normal());
  const b = Float64Array.from({ length: N }, () => rng.normal() + shift);
  writeFileSync(join(dir, 'a.bin'), a);
  writeFileSync(join(dir, 'b.bin'), b);
  const ours = time(() => ksTest(a, b), 5);
  const py = `
import json, time, numpy as np, scipy
from scipy import stats
a = np.fromfile(${JSON.stringify(join(dir, 'a.bin'))}, dtype='<f8'); b = np.fromfile(${JSON.stringify(join(dir, 'b.bin'))}, dtype='<f8')
ts = []
for _ in range(5):
    t = time.perf_counter(); r = stats.ks_2samp(a, b); ts.append((time.perf_counter() - t) * 1000)
print(json.dumps({"ms": sorted(ts)[2], "statistic": float(r.statistic), "pValue": float(r.pvalue), "scipy": scipy.__version__, "numpy": np.__version__}))`;
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const scipy = JSON.parse(execFileSync('python3', ['-c', py], { encoding: 'utf8', env })) as {
    ms: number;
    statistic: number;
    pValue: number;
    scipy: string;
    numpy: string;
  };
  ks.push({
    case: label,
    n: N,
    modelsecMs: ours.ms,
    scipyMs: scipy.ms,
    ratio: ours.ms / scipy.ms,
    statistic: ours.value.statistic,
    scipyStatistic: scipy.statistic,
    pValue: ours.value.pValue,
    scipyPValue: scipy.pValue,
    pValueRelDiff: Math.abs(ours.value.pValue - scipy.pValue) / Math.max(scipy.pValue, 1e-300),
    scipyVersion: scipy.scipy,
  });
  console.log('ks', label, sig(ours.ms), 'ms vs scipy', sig(scipy.ms), 'ms');
}
rmSync(dir, { recursive: true, force: true });

// ---------------------------------------------------------------- (2) ADWIN throughput
const M = 10_000_000;
const rngA = createRng(7);
const stream = Float64Array.from({ length: M }, (_, t) => rngA.normal() + (t % 2_000_000 >= 1_000_000 ? 0.5 : 0));
const loop = time(() => {
  let s = 0;
  for (let i = 0; i < M; i++) s += stream[i] as number;
  return s;
}, 3);
let detections = 0;
const adw = time(() => {
  const d = adwin();
  detections = 0;
  for (let i = 0; i < M; i++) if (d.update(stream[i] as number)) detections++;
  return d.width;
}, 3);
const adwinRow = {
  updates: M,
  ms: adw.ms,
  updatesPerSecond: M / (adw.ms / 1000),
  plainLoopMs: loop.ms,
  detections,
};
console.log('adwin', sig(adwinRow.updatesPerSecond), 'updates/s');

// ---------------------------------------------------------------- (3) PRADA throughput (MNIST-sized)
const mnist = await loadMnist();
const Q = quick ? 1000 : 3000;
const rngP = createRng(3);
const order = Array.from({ length: Q }, () => rngP.int(10_000));
const prada = createExtractionMonitor();
const t0 = performance.now();
let lastW: number | null = null;
for (const s of order) {
  lastW = (await prada.observe('client', mnist.images.subarray(s * 784, (s + 1) * 784), mnist.labels[s] as number)).w;
}
const pradaMs = performance.now() - t0;
// The bare work: the same number of 784-d L2 distances against a same-sized set, no bookkeeping.
const sets = Array.from({ length: 10 }, () => [] as Float32Array[]);
const d0 = performance.now();
let acc = 0;
for (const s of order) {
  const x = mnist.images.subarray(s * 784, (s + 1) * 784);
  const set = sets[mnist.labels[s] as number] as Float32Array[];
  for (const y of set) {
    let sum = 0;
    for (let k = 0; k < 784; k++) {
      const d = (x[k] as number) - (y[k] as number);
      sum += d * d;
    }
    acc += sum;
  }
  set.push(x);
}
const distMs = performance.now() - d0;
const pradaRow = {
  observations: Q,
  ms: pradaMs,
  observationsPerSecond: Q / (pradaMs / 1000),
  allPairsDistanceMs: distMs,
  lastW,
  checksum: acc > 0,
};
console.log('prada', sig(pradaRow.observationsPerSecond), 'obs/s');

// ---------------------------------------------------------------- (4) detector delay / false alarms
const streamRows = runStreams(quick ? 20 : 100);

// ---------------------------------------------------------------- (5) PRADA experiment on MNIST
const runs = await runPrada({ runs: quick ? 5 : 100, delta: 0.91, seed: 2026 });
const benignExtra = await runPrada({ runs: quick ? 5 : 200, delta: 0.91, seed: 4242, kinds: ['benign'] });
const allRuns = [...runs, ...benignExtra];
const deltas = [0.88, 0.9, 0.91, 0.92, 0.94];
const kinds = ['jacobian', 'perturbation', 'random-noise', 'benign'] as const;
const pradaTable = kinds.map((kind) => {
  const rs = allRuns.filter((r) => r.kind === kind);
  const flaggedAt = (d: number) => rs.filter((r) => r.minW !== null && r.minW < d).length / rs.length;
  const first = rs.filter((r) => r.firstFlag !== null).map((r) => r.firstFlag as number);
  return {
    client: kind,
    runs: rs.length,
    flaggedAtDefault: rs.filter((r) => r.flagged).length / rs.length,
    medianFirstFlag: first.length ? median(first) : null,
    flaggedByDelta: Object.fromEntries(deltas.map((d) => [d, flaggedAt(d)])),
    minWRange: [Math.min(...rs.map((r) => r.minW ?? 1)), Math.max(...rs.map((r) => r.minW ?? 1))],
  };
});

writeResults('drift', {
  command: 'pnpm bench drift   (node --expose-gc --import tsx bench/drift/run.ts)',
  results: { ks, adwin: adwinRow, prada: pradaRow, streams: streamRows, pradaMnist: pradaTable },
  notes: [
    'KS: modelsec ksTest (validation copy + sort + merge walk + kstwo p-value) vs scipy.stats.ks_2samp on the same float64 data, median of 5 runs each, same process tree; 1M vs 1M uses the asymptotic branch in both.',
    'ADWIN: river defaults (delta 0.002, clock 32); river itself is not installable here (no PyPI), so the peer is the plain summation loop over the same array.',
    'PRADA throughput: createExtractionMonitor (memory store) on 784-d MNIST digits, Shapiro–Wilk on every observation after 100; peer: the bare all-pairs L2 distances within classes.',
    "PRADA on MNIST: opt-mnist.onnx via onnxruntime-web; jacobian/random-noise attackers are @modelsec/redteam's extractModel (50 seed digits, checkpoints 50/100/200/400/500, lambda 0.1); perturbation attacker: 50 seed digits + N(0, 0.1²) noise; benign: random test digits 5000-9979. Flagged = suspicious within the first 500 queries; default delta 0.91, minQueries 100.",
  ],
});

const md = [
  '### Two-sample KS, 1M vs 1M (same data, same run)',
  '',
  markdownTable(
    ['case', 'modelsec ms', 'scipy ms', 'ratio', 'p (modelsec)', 'p (scipy)'],
    ks.map((r) => [
      r.case as string,
      sig(r.modelsecMs as number),
      sig(r.scipyMs as number),
      sig(r.ratio as number),
      sig(r.pValue as number, 6),
      sig(r.scipyPValue as number, 6),
    ]),
  ),
  '',
  '### ADWIN and PRADA throughput',
  '',
  markdownTable(
    ['what', 'rate', 'peer / limit'],
    [
      [
        'ADWIN updates/s (river defaults)',
        sig(adwinRow.updatesPerSecond),
        `plain loop over the same 10M values: ${sig(loop.ms)} ms vs ${sig(adw.ms)} ms`,
      ],
      [
        'PRADA observations/s (784-d, memory store)',
        sig(pradaRow.observationsPerSecond),
        `bare all-pairs distances: ${sig(distMs)} ms vs ${sig(pradaMs)} ms for ${Q} queries`,
      ],
    ],
  ),
  '',
  '### Streaming detectors: change at t = 2000 of 4000',
  '',
  markdownTable(
    ['stream', 'detector', 'detected', 'mean delay', 'median delay', 'false alarms / 1000'],
    streamRows.map((r) => [
      r.stream,
      r.detector,
      `${r.detected}/${r.runs}`,
      r.meanDelay === null ? '–' : sig(r.meanDelay),
      r.medianDelay ?? '–',
      sig(r.falseAlarmsPer1000),
    ]),
  ),
  '',
  '### PRADA on MNIST (flagged within the first 500 queries)',
  '',
  markdownTable(
    ['client', 'runs', 'flagged (δ = 0.91)', 'median first flag', ...deltas.map((d) => `δ = ${d}`)],
    pradaTable.map((r) => [
      r.client,
      r.runs,
      `${sig(r.flaggedAtDefault * 100)} %`,
      r.medianFirstFlag ?? '–',
      ...deltas.map((d) => `${sig((r.flaggedByDelta[d] as number) * 100)} %`),
    ]),
  ),
].join('\n');
updateReadme('drift', md);
console.log(md);
