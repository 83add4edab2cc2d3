/**
 * bench/filter: @modelsec/filters on the real MNIST CNN (opt-mnist.onnx under onnxruntime-web).
 * (1) CPU cost per call of the classifier output rules, as a ratio to one inference of the model in the
 * same rounds (target: <= 1%); (2) model extraction through each defense (@modelsec/redteam's
 * surrogate training): fidelity per defense and the victim's own accuracy through it.
 * `--quick` runs a small version; `--only=overhead` or `--only=extraction` re-runs one section.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchRoot, markdownTable, sig, updateReadme, writeResults } from '../lib/report.mjs';
import { type DefenseRow, runExtraction } from './extraction.ts';
import { INFERENCE, type OverheadRow, runOverhead } from './overhead.ts';
import { loadModels } from './setup.ts';

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wanted = (section: string) => !only || only.includes(section);
const resultsFile = join(benchRoot, 'results', 'filter.json');
const previous = only && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')).results : {};
const models = await loadModels();
const SEED = 1;
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
// Defaults are the full experiment; `--checkpoints=250,1000 --epochs=10 --eval=1000` shortens it.
const checkpoints = arg('checkpoints')?.split(',').map(Number) ?? (quick ? [100, 300] : [250, 1000, 4000]);
const epochs = Number(arg('epochs') ?? (quick ? 5 : 30));
const evaluationDigits = Number(arg('eval') ?? (quick ? 300 : 2000));

let overhead: OverheadRow[] = previous.overhead ?? [];
if (wanted('overhead')) {
  console.log('▶ overhead');
  overhead = await runOverhead(models, { rounds: quick ? 5 : 30 });
  console.table(overhead);
}
let extraction: DefenseRow[] = previous.extraction ?? [];
if (wanted('extraction')) {
  console.log('▶ extraction');
  extraction = await runExtraction(models.batched, { checkpoints, epochs, seed: SEED, evaluation: evaluationDigits });
}

const command = `cd bench && node --import tsx filter/run.ts ${process.argv.slice(2).join(' ')}`.trim();
const setup = {
  seed: SEED,
  checkpoints,
  epochs,
  evaluationDigits,
  surrogate: '784-128-10 MLP (@modelsec/redteam createSurrogate/trainSurrogate, Adam 0.003, batch 32)',
  queries: `natural: digits ${evaluationDigits}-9999 in a seeded order; fidelity on digits 0-${evaluationDigits - 1}`,
};
if (!quick) {
  writeResults('filter', {
    command,
    results: { setup, overhead, extraction },
    notes: [
      'Overhead: CPU time of the process (process.cpuUsage) per call, tasks interleaved round by round; the ratio to one inference is taken within each round, median over rounds. Rule inputs are Float32Array probability rows of the same model.',
      'Extraction: the victim is the batch-capable copy of opt-mnist (makeBatchable) wrapped by filterClassifier(victim, rules); soft = the attacker trains on the returned scores renormalized to sum 1, hard = on their top class. Fidelity (per checkpoint) is agreement with the victim as served on the evaluation digits; fidelityUndefended compares the final surrogate with the undefended model.',
      'Victim accuracy is the top class of the filtered output against the true labels of all 10,000 MNIST test digits; topClassChanged counts digits whose filtered top class (first index on ties) differs from the undefended one.',
    ],
  });
}

const pct = (x: number) => `${sig(100 * x, 4)}%`;
const last = (pts: { fidelity: number }[]) => (pts.at(-1) as { fidelity: number }).fidelity;
const md = [
  `MNIST CNN (opt-mnist.onnx) under onnxruntime-web (wasm, 1 thread); command: \`${command}\`.`,
  '',
  `**Classifier rules, CPU per call vs ${INFERENCE}** (filterOutputSync on one Float32Array row of 10 probabilities):`,
  '',
  markdownTable(
    ['task', 'ns / call', '% of one inference'],
    overhead.map((r) => [
      r.task,
      sig(r.nanoseconds, 3),
      r.task === INFERENCE ? '100%' : `${sig(100 * r.ratioToInference, 2)}%`,
    ]),
  ),
  '',
  `**Extraction through each defense** (${setup.surrogate}; ${setup.queries}; ${epochs} epochs; fidelity at ${checkpoints.join(' / ')} queries):`,
  '',
  markdownTable(
    [
      'defense',
      'victim accuracy (10,000 digits)',
      'top class changed',
      'fidelity, soft-label attacker',
      'fidelity, hard-label attacker',
      'final fidelity vs undefended (soft / hard)',
    ],
    extraction.map((r) => [
      r.defense,
      pct(r.victimAccuracy),
      r.topClassChanged,
      r.soft.map((p) => sig(p.fidelity, 3)).join(' / '),
      r.hard.map((p) => sig(p.fidelity, 3)).join(' / '),
      `${sig(r.softFidelityUndefended, 3)} / ${sig(r.hardFidelityUndefended, 3)}`,
    ]),
  ),
  '',
  `Undefended victim accuracy: ${pct(extraction[0]?.victimAccuracyUndefended ?? Number.NaN)}. Best soft-label fidelity drop vs no defense at ${checkpoints.at(-1)} queries: ${sig(100 * (last(extraction[0]?.soft ?? [{ fidelity: 0 }]) - Math.min(...extraction.map((r) => last(r.soft)))), 3)} points.`,
].join('\n');
if (!quick) updateReadme('filter', md);
console.log(md);
