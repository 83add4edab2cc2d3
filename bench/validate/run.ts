/**
 * bench/validate: @modelsec/validators on the real MNIST CNN (opt-mnist.onnx under onnxruntime-web).
 * (1) overhead of validateInput (schema + range + anomaly) and of the feature-squeezing detector, each
 * as a ratio to one inference of the model measured in the same rounds; (2) the squeezing detector at
 * 5% FPR against FGSM and PGD digits (finite-difference gradients, @modelsec/redteam); (3) anomaly-score
 * AUROC on out-of-distribution inputs. `--quick` runs a small version.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchRoot, markdownTable, sig, updateReadme, writeResults } from '../lib/report.mjs';
import { runAnomaly } from './anomaly.ts';
import { type AttackRow, runDetection } from './detection.ts';
import { INFERENCE, runOverhead } from './overhead.ts';
import { loadModels } from './setup.ts';

const quick = process.argv.includes('--quick');
// `--only overhead,anomaly` re-runs some sections and keeps the others from bench/results/validate.json.
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wanted = (section: string) => !only || only.includes(section);
const pct = (x: number) => `${sig(100 * x, 3)}%`;
const resultsFile = join(benchRoot, 'results', 'validate.json');
const previous = only && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')).results : {};
const models = await loadModels();

let overhead: Awaited<ReturnType<typeof runOverhead>> = previous.overhead;
if (wanted('overhead')) {
  console.log('▶ overhead');
  overhead = await runOverhead(models, { rounds: quick ? 5 : 40, components: [32, 16] });
  console.table(overhead.rows);
}
let anomaly: Awaited<ReturnType<typeof runAnomaly>> = previous.anomaly;
if (wanted('anomaly')) {
  console.log('▶ anomaly');
  anomaly = await runAnomaly({ train: quick ? 500 : 2500, components: 32 });
}
let detection: { summary: Awaited<ReturnType<typeof runDetection>>['summary']; attacks: AttackRow[] } =
  previous.detection;
if (wanted('detection')) {
  console.log('▶ detection');
  const d = await runDetection(models, {
    fgsmSamples: quick ? 20 : 200,
    pgdSamples: quick ? 10 : 60,
    fgsmEps: quick ? [0.2] : [0.1, 0.15, 0.2, 0.25, 0.3],
    pgdEps: quick ? [0.15] : [0.15, 0.3],
  });
  detection = { summary: d.summary, attacks: d.rows };
}

const command = `pnpm bench validate${quick ? ' -- --quick' : ''}  (node --import tsx validate/run.ts${quick ? ' --quick' : ''}${only ? ` --only=${only.join(',')}` : ''})`;
// Which command produced each section (sections kept from an earlier run keep theirs).
const previousCommands =
  (only && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')).commands : undefined) ?? {};
const commands: Record<string, string> = { ...previousCommands };
for (const section of ['overhead', 'anomaly', 'detection']) if (wanted(section)) commands[section] = command;
if (!quick) {
  writeResults('validate', {
    command,
    commands,
    results: { overhead, anomaly, detection },
    notes: [
      'Overhead: CPU time of the process (process.cpuUsage) per call, tasks interleaved round by round; the ratio to one inference is taken within each round, median over rounds.',
      'Digits are strided over the 10,000 MNIST test digits (i mod 4: 0 calibration, 1 fresh/legitimate evaluation, 2 attacked, 3 profile fit).',
      'Detection rates are on adversarial digits whose prediction the attack flipped ("successful"), as in Xu et al. 2018; "all" includes failed attacks.',
    ],
  });
}

const s = detection.summary;
const md = [
  `MNIST CNN (opt-mnist.onnx) under onnxruntime-web (wasm, 1 thread). Full run: \`pnpm bench validate\`; sections re-run alone with \`--only=<section>\`: ${Object.entries(
    commands,
  )
    .map(([k, v]) => `${k}: \`${v}\``)
    .join('; ')}.`,
  '',
  `**Overhead per request, relative to one inference of the model in the same rounds** (${INFERENCE.replace(/^one /, '')}):`,
  '',
  markdownTable(
    ['task', 'CPU µs / call', '× one inference'],
    overhead.rows.map((r) => [r.task, sig(r.microseconds, 3), sig(r.ratioToInference, 3)]),
  ),
  '',
  `**Feature squeezing** (${s.squeezers.join(' + ')}; score = max L1 between softmax outputs): threshold ${sig(s.threshold, 3)} calibrated at 5% FPR on ${s.calibrationDigits} digits; FPR on ${s.freshDigits} other digits: ${pct(s.freshFpr)}.`,
  '',
  markdownTable(
    [
      'attack',
      'ε',
      'digits',
      'flipped',
      'detected (flipped)',
      'detected (all)',
      'AUROC',
      ...s.squeezers.map((q) => `${q} alone`),
      'queries',
    ],
    detection.attacks.map((r) => [
      r.attack,
      r.eps,
      r.samples,
      pct(r.successRate),
      pct(r.detectionSuccessful),
      pct(r.detectionAll),
      sig(r.auroc, 3),
      ...s.squeezers.map((q) => pct(r.perSqueezer[q] as number)),
      r.queries,
    ]),
  ),
  '',
  `**Anomaly scores** (profile fitted on ${anomaly.trainDigits} digits, Ledoit-Wolf shrinkage ${sig(anomaly.shrinkage ?? Number.NaN, 3)}, thresholds at 5% FPR on ${anomaly.calibrationDigits} held-out digits; ${anomaly.testDigits} test digits vs as many OOD inputs):`,
  '',
  markdownTable(
    ['score', 'out-of-distribution input', 'AUROC', 'detected at 5% FPR', 'FPR on test digits'],
    anomaly.rows.map((r) => [r.score, r.ood, sig(r.auroc, 4), pct(r.detection), pct(r.fpr)]),
  ),
].join('\n');
if (!quick) updateReadme('validate', md);
console.log(md);
