/**
 * bench/redteam: the @modelsec/redteam attacks on the real MNIST CNN (opt-mnist.onnx, onnxruntime-web
 * wasm, 1 thread), every number with its seed: FGSM/PGD accuracy vs ε beside random ±ε noise, the
 * finite-difference gradient cost on the batch-capable copy vs the original fixed-batch model, Square
 * and HopSkipJump success at stated per-sample budgets, extraction fidelity vs queries, and
 * membership-inference AUC on a target trained here. `--quick` runs a small version (not recorded).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { markdownTable, sig, updateReadme, writeResults } from '../lib/report.mjs';
import { curves, gradientTiming, hsjRuns, squareRuns } from './evasion.ts';
import { extraction, membership } from './leakage.ts';
import { promptInjection } from './llm.ts';
import { digits, loadModels } from './setup.ts';

// `--part evasion` / `--part leakage` run one half (e.g. as two processes) and keep it in a scratch
// file; `--part merge` (or a run without --part) writes the results and the README section.
const quick = process.argv.includes('--quick');
const partArg = process.argv.indexOf('--part');
const part = partArg > 0 ? process.argv[partArg + 1] : 'all';
const SEED = 1;
const pct = (x: number) => `${sig(100 * x, 3)}%`;
const started = performance.now();
const scratch = (name: string) => `/tmp/modelsec-redteam-${name}${quick ? '-quick' : ''}.json`;
const stage = (s: string) => console.log(`▶ ${s} (${((performance.now() - started) / 1000).toFixed(0)} s)`);

// Attacked digits: the first N test digits (the extraction evaluation uses digits 0-999 too; the
// extraction pool is 1000-9999; membership uses 0-3999 for its own target).
const N = quick ? 10 : 100;
const fgsmEps = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3];
const checkpoints = quick ? [100, 300] : [100, 250, 500, 1000, 2000, 4000];

async function evasionPart() {
  const models = await loadModels();
  const data = await digits(N, 0);
  stage('finite-difference gradient: batch-capable vs original model');
  const timing = await gradientTiming(models, await digits(quick ? 2 : 5, 0));
  stage('FGSM / PGD / random-noise curves');
  const pgdEps = quick ? [0.1] : [0.05, 0.1, 0.15, 0.2];
  const evasion = await curves(models.batched, data, { fgsmEps, pgdEps, pgdSamples: quick ? 5 : 20, seed: SEED });
  stage('Square');
  const square = await squareRuns(models.batched, data, {
    eps: quick ? [0.2] : [0.1, 0.2, 0.3],
    budgets: quick ? [100] : [100, 1000],
    seed: SEED,
  });
  stage('HopSkipJump');
  const m = quick ? 3 : 25;
  const hsjData = { inputs: data.inputs.subarray(0, m * 784), labels: data.labels.subarray(0, m) };
  const hopSkipJump = await hsjRuns(models.batched, hsjData, {
    budgets: quick ? [200] : [250, 1000, 2500],
    thresholds: [1, 1.5, 2, 3],
    seed: SEED,
  });
  return { timing, evasion, square, hopSkipJump };
}

async function leakagePart() {
  const models = await loadModels();
  stage('extraction');
  const extract = await extraction(models.batched, { checkpoints, seed: SEED, epochs: quick ? 5 : 20 });
  stage('membership inference');
  const mi = await membership({
    members: quick ? 200 : 1000,
    seed: SEED,
    epochs: quick ? 10 : 60,
    shadows: quick ? 1 : 2,
  });
  stage('prompt injection (PurpleLlama corpus, stand-in endpoints)');
  const injection = await promptInjection({ seed: SEED });
  return { extraction: extract, membership: mi, promptInjection: injection };
}

type EvasionPart = Awaited<ReturnType<typeof evasionPart>>;
type LeakagePart = Awaited<ReturnType<typeof leakagePart>>;
async function load<T>(name: string, run: () => Promise<T>): Promise<T> {
  if (part === name || part === 'all') {
    const r = await run();
    writeFileSync(scratch(name), JSON.stringify(r));
    return r;
  }
  if (!existsSync(scratch(name))) throw new Error(`run --part ${name} first`);
  return JSON.parse(readFileSync(scratch(name), 'utf8')) as T;
}
const ev = part === 'leakage' ? undefined : await load<EvasionPart>('evasion', evasionPart);
const lk = part === 'evasion' ? undefined : await load<LeakagePart>('leakage', leakagePart);
stage('done');
if (!ev || !lk) process.exit(0);
const { timing, evasion, square: squares, hopSkipJump: hsj } = ev;
const { extraction: extract, membership: mi, promptInjection: injection } = lk;

const command = `pnpm bench redteam${quick ? ' -- --quick' : ''}  (node --import tsx redteam/run.ts${quick ? ' --quick' : ''}; or --part evasion and --part leakage in two processes, then --part merge)`;
const results = {
  seed: SEED,
  samples: N,
  timing,
  evasion,
  square: squares,
  hopSkipJump: hsj,
  extraction: extract,
  membership: mi,
  promptInjection: injection,
};
if (!quick) {
  writeResults('redteam', {
    command,
    results,
    notes: [
      `Seed ${SEED} for every attack, surrogate and shadow model; the numbers are reproducible with the command above.`,
      'Evasion digits are MNIST test digits 0..N-1. FGSM uses central finite differences (2 x 784 queries per digit, h = 1e-3); PGD the same gradient, 10 steps, step 2.5 eps/10, random start, early stop.',
      'Square and HopSkipJump budgets are per digit and include the clean prediction; success rates are over digits the model classified correctly.',
      'No Python peer (IBM ART, Counterfit) can run here (no PyPI); the same-run baselines are random +-eps noise (evasion) and the original fixed-batch model (gradient cost).',
      "Membership inference: opt-mnist's training set is not available, so the target is a 784-128-10 MLP trained here (60 epochs) on 1,000 member test digits; non-members are 1,000 other test digits; 2 shadow MLPs on 2,000 disjoint digits. The output coarsenings are illustrative wrappers, not @modelsec/filters.",
      'Prompt injection: PurpleLlama CyberSecEval prompt_injection.json (251 cases). No LLM runs offline, so the endpoints are deterministic stand-ins: an echo of the whole prompt (worst case, checks canary recall), a fixed refusal (checks canary false positives), and the echo behind @modelsec/validators detectPromptInjection on the user text at its default threshold (residual success = injections the filter lets through). Per-variant rates are in results.promptInjection.rows[].byVariant.',
    ],
  });
}

const f = evasion.fgsm.points;
const p = evasion.pgd.points;
const md = [
  `MNIST CNN (opt-mnist.onnx, onnxruntime-web wasm, 1 thread), seed ${SEED}, ${new Date().toISOString().slice(0, 10)}; command: \`${command}\`.`,
  '',
  `**Finite-difference gradient** (central, ${timing.queriesPerGradient} queries per digit): ${sig(timing.msPerGradient.original, 3)} ms on the shipped fixed-batch model vs ${sig(timing.msPerGradient.batched, 3)} ms on its makeBatchable copy, **${sig(timing.speedup, 3)}×** faster in the same run (max |Δgradient| ${sig(timing.maxAbsDifference, 2)}).`,
  '',
  `**Accuracy vs L∞ ε** (${N} digits; PGD on the first ${evasion.pgd.count}):`,
  '',
  markdownTable(
    ['ε', ...fgsmEps.map(String)],
    [
      ['FGSM', ...f.map((x) => pct(x.robustAccuracy))],
      ['random ±ε noise', ...evasion.random.map((x) => pct(x.accuracy))],
      [
        'PGD-10',
        ...fgsmEps.map((e) => {
          const q = p.find((x) => x.eps === e);
          return q ? pct(q.robustAccuracy) : '';
        }),
      ],
    ],
  ),
  '',
  `**Score-based and label-only attacks** (per-digit budgets, clean prediction included):`,
  '',
  markdownTable(
    ['attack', 'budget', 'ε / bound', 'success', 'median queries (successes)', 'median norm'],
    [
      ...squares.map((s) => [
        'Square L∞ (p=0.8)',
        s.maxQueries,
        s.eps ?? '',
        pct(s.successRate),
        sig(s.medianQueriesSuccessful ?? Number.NaN, 3),
        sig(s.medianNorm ?? Number.NaN, 3),
      ]),
      ...hsj.map((h) => [
        `HopSkipJump L2 (${h.count} digits)`,
        h.maxQueries,
        (h.successAt ?? []).map((a) => `≤${a.eps}: ${pct(a.successRate)}`).join(', '),
        pct(h.successRate),
        sig(h.medianQueriesSuccessful ?? Number.NaN, 3),
        sig(h.medianNorm ?? Number.NaN, 3),
      ]),
    ],
  ),
  '',
  '**Extraction**: fidelity (agreement with the CNN on 1,000 held-out digits) of a 784-128-10 MLP vs queries:',
  '',
  markdownTable(
    ['queries', ...checkpoints.map(String)],
    extract.map((r) => [`${r.strategy} (${r.labels})`, ...r.points.map((x) => pct(x.fidelity))]),
  ),
  '',
  `**Membership inference** (target MLP trained here on ${quick ? 200 : 1000} member digits; AUC / advantage at the shadow-calibrated threshold):`,
  '',
  markdownTable(
    ['target output', 'train / test accuracy', 'confidence AUC', 'confidence adv.', 'loss AUC', 'loss adv.'],
    mi.rows.map((r) => {
      const c = r.signals.find((s) => s.signal === 'confidence');
      const l = r.signals.find((s) => s.signal === 'loss');
      return [
        r.output,
        `${pct(r.targetAccuracy.members)} / ${pct(r.targetAccuracy.nonMembers)}`,
        sig(c?.auc ?? Number.NaN, 3),
        sig(c?.advantage ?? Number.NaN, 3),
        sig(l?.auc ?? Number.NaN, 3),
        sig(l?.advantage ?? Number.NaN, 3),
      ];
    }),
  ),
  '',
  `**Prompt-injection runner** on PurpleLlama CyberSecEval's ${injection.cases} cases (${injection.casesWithCanary} decidable by a literal canary; the rest need a judge and count as undecided), with a seeded system-prompt canary; the endpoints are deterministic stand-ins (no LLM runs offline), so the rates bound the runner and measure the input filter, not a model:`,
  '',
  markdownTable(
    ['endpoint', 'success (canary cases)', 'direct', 'indirect', 'system-prompt leaks'],
    injection.rows.map((r) => [
      r.endpoint,
      `${r.succeeded}/${r.judged} (${pct(r.rate)})`,
      r.byType.direct ? `${r.byType.direct.succeeded}/${r.byType.direct.judged}` : '',
      r.byType.indirect ? `${r.byType.indirect.succeeded}/${r.byType.indirect.judged}` : '',
      `${r.systemPromptLeaks}/${r.total}`,
    ]),
  ),
].join('\n');
console.log(md);
if (!quick) updateReadme('redteam', md);
