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
import { type ExtractionRun, extraction, membership } from './leakage.ts';
import { promptInjection } from './llm.ts';
import { digits, loadModels } from './setup.ts';

// `--part curves|blackbox|extraction1|extraction2|membership` runs one part (e.g. as parallel processes) and
// keeps it in a scratch file; `--part merge` then writes the results and the README section. A run
// without --part does everything in one process.
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
const checkpoints = quick ? [100, 300] : [100, 250, 500, 1000, 2000];

async function curvesPart() {
  const models = await loadModels();
  const data = await digits(N, 0);
  stage('finite-difference gradient: batch-capable vs original model');
  const timing = await gradientTiming(models, await digits(2, 0));
  stage('FGSM / PGD / random-noise curves');
  const pgdEps = quick ? [0.1] : [0.05, 0.1, 0.15, 0.2];
  const evasion = await curves(models.batched, data, { fgsmEps, pgdEps, pgdSamples: 10, seed: SEED });
  return { timing, evasion };
}

async function blackBoxPart() {
  const models = await loadModels();
  const data = await digits(quick ? 10 : 50, 0);
  stage('Square');
  const square = await squareRuns(models.batched, data, {
    eps: quick ? [0.2] : [0.1, 0.2, 0.3],
    budgets: quick ? [100] : [100, 1000],
    seed: SEED,
  });
  stage('HopSkipJump');
  const m = quick ? 3 : 10;
  const hsjData = { inputs: data.inputs.subarray(0, m * 784), labels: data.labels.subarray(0, m) };
  const hopSkipJump = await hsjRuns(models.batched, hsjData, {
    budgets: quick ? [200] : [250, 1000, 2500],
    thresholds: [1, 1.5, 2, 3],
    seed: SEED,
  });
  return { square, hopSkipJump };
}

const extractionParts: Record<string, readonly ExtractionRun[]> = {
  extraction1: [
    ['natural', 'soft'],
    ['natural', 'hard'],
  ],
  extraction2: [
    ['jacobian', 'soft'],
    ['random', 'soft'],
  ],
};

async function extractionPart(name: string) {
  const models = await loadModels();
  stage(`extraction (${name})`);
  const runs = extractionParts[name] as readonly ExtractionRun[];
  return extraction(models.batched, { checkpoints, seed: SEED, epochs: quick ? 5 : 20, runs });
}

async function membershipPart() {
  stage('membership inference');
  const mi = await membership({
    members: quick ? 200 : 1000,
    seed: SEED,
    epochs: quick ? 10 : 60,
    shadows: quick ? 1 : 2,
  });
  stage('prompt injection (PurpleLlama corpus, stand-in endpoints)');
  const injection = await promptInjection({ seed: SEED });
  return { membership: mi, promptInjection: injection };
}

type CurvesPart = Awaited<ReturnType<typeof curvesPart>>;
type BlackBoxPart = Awaited<ReturnType<typeof blackBoxPart>>;
type ExtractionPart = Awaited<ReturnType<typeof extractionPart>>;
type MembershipPart = Awaited<ReturnType<typeof membershipPart>>;
async function load<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  if (part === name || part === 'all') {
    const r = await run();
    writeFileSync(scratch(name), JSON.stringify(r));
    return r;
  }
  if (part !== 'merge') return undefined;
  if (!existsSync(scratch(name))) throw new Error(`run --part ${name} first`);
  return JSON.parse(readFileSync(scratch(name), 'utf8')) as T;
}
const cv = await load<CurvesPart>('curves', curvesPart);
const bb = await load<BlackBoxPart>('blackbox', blackBoxPart);
const ex1 = await load<ExtractionPart>('extraction1', () => extractionPart('extraction1'));
const ex2 = await load<ExtractionPart>('extraction2', () => extractionPart('extraction2'));
const mp = await load<MembershipPart>('membership', membershipPart);
stage('done');
if (!cv || !bb || !ex1 || !ex2 || !mp) process.exit(0);
const { timing, evasion } = cv;
const { square: squares, hopSkipJump: hsj } = bb;
const extract = [...ex1, ...ex2];
const { membership: mi, promptInjection: injection } = mp;

const command = `pnpm bench redteam${quick ? ' -- --quick' : ''}  (node --import tsx redteam/run.ts${quick ? ' --quick' : ''}; or --part curves, blackbox, extraction1, extraction2 and membership as separate processes, then --part merge)`;
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
      'Evasion digits are the first MNIST test digits: 100 for FGSM and random noise, 10 for PGD, 50 for Square, 10 for HopSkipJump (sample sizes cut to fit a machine shared by 7 jobs; the lead re-runs on a quiet machine). FGSM uses central finite differences (2 x 784 queries per digit, h = 1e-3); PGD the same gradient, 10 steps, step 2.5 eps/10, random start, early stop.',
      'Published reference (a different model, white-box gradients): the PyTorch FGSM tutorial LeNet on all 10,000 MNIST test digits goes 98.1% / 94.3% / 85.1% / 68.3% / 43.0% / 20.8% / 8.7% at eps 0 / 0.05 / 0.1 / 0.15 / 0.2 / 0.25 / 0.3 (pytorch.org/tutorials/beginner/fgsm_tutorial.html). The FGSM/PGD update rules are checked against NumPy implementations of IBM ART FastGradientMethod / ProjectedGradientDescent in packages/redteam/test/vectors.',
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
        `Square L∞ (p=0.8, ${s.count} digits)`,
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
