// bench/text speed, in a process of its own (run.ts starts it): MB/s of detectPII / detectSecrets /
// detectPromptInjection and of the peers on the same text, every row in the same process and rounds.
// A process of its own since stop 53: run.ts's earlier parts (the F1 evaluation of every detector, the
// ham mails, gitleaks' examples) left a heap and a state that slowed one peer, not the others, by up to
// 3x (@openai/guardrails 112-114 ms per text in run.ts at stop 52, 40-70 ms alone the next day), which
// made its ratio column wrong. The rows go to stdout as JSON; the progress lines to stderr.
// Run alone: pnpm build (validators) && cd bench && node --import tsx text/speed.ts [--quick]
import { detectPII, detectPromptInjection, detectSecrets } from '@modelsec/validators';
import { readSharedJSON } from '@modelsec-test/utils';
import { bestMs } from '../lib/report.mjs';
import type { PresidioRecord } from './metrics';
import { guardrailsPeer, redactPiiPeer } from './peers';

const quick = process.argv.includes('--quick');
const records = await readSharedJSON<PresidioRecord[]>('presidio/generated_large.json');

const texts = records.map((r) => r.full_text);
const bytes = (xs: string[]) => xs.reduce((n, t) => n + new TextEncoder().encode(t).length, 0);
const corpusBytes = bytes(texts);
let big = '';
while (big.length < 1_000_000) big += `${texts.join('\n')}\n`;
big = big.slice(0, 1_000_000);
const bigBytes = new TextEncoder().encode(big).length;
// Warm-up (JIT): three passes, for every row alike, so that each detector and peer is timed in its
// optimized steady state (one pass left modelsec's detectors partly unoptimized: up to 1.5x slower).
// Rows are timed in interleaved rounds (each round times every row three times in a row; a row's time is
// its best call):
// this machine runs at about half speed for stretches of seconds to minutes, and rows timed one after the
// other (all rounds of one row, then the next row) could land in different stretches, which skewed the
// ratios by up to 2x on 2026-11-30. Interleaved, every row sees the same stretches.
const rp = redactPiiPeer();
const gr = guardrailsPeer('default');
const rounds = quick ? 2 : 12;
const speedRows: { what: string; corpus: string; ms: number; mbps: number }[] = [];
const timed: { what: string; corpus: 'per-text' | '1 MB'; fn: () => unknown; ms: number }[] = [];
const measure = (what: string, corpus: 'per-text' | '1 MB', fn: () => unknown) => {
  timed.push({ what, corpus, fn, ms: Number.POSITIVE_INFINITY });
};
detectPII('warm up Maria Garcia +1 415 555 0132');
measure('modelsec detectPII', 'per-text', () => {
  for (const t of texts) detectPII(t);
});
// The same job as the peer's default check: the entities it also looks for (its LOCATION patterns are
// street addresses), without the PERSON/LOCATION gazetteers and MAC addresses it does not cover.
const PEER_ENTITIES = [
  'EMAIL_ADDRESS',
  'URL',
  'IP_ADDRESS',
  'CRYPTO',
  'CREDIT_CARD',
  'IBAN_CODE',
  'US_SSN',
  'UK_NHS',
  'US_BANK_NUMBER',
  'US_PASSPORT',
  'US_DRIVER_LICENSE',
  'DATE_TIME',
  'PHONE_NUMBER',
  'ADDRESS',
];
measure("modelsec detectPII, the peer's entities (no PERSON/LOCATION/MAC)", 'per-text', () => {
  for (const t of texts) detectPII(t, { entities: PEER_ENTITIES });
});
measure('modelsec detectSecrets', 'per-text', () => {
  for (const t of texts) detectSecrets(t);
});
measure('modelsec detectPromptInjection', 'per-text', () => {
  for (const t of texts) detectPromptInjection(t);
});
measure('redact-pii SyncRedactor.redact (defaults)', 'per-text', () => {
  for (const t of texts) rp.redact(t);
});
measure('@openai/guardrails pii (default entities)', 'per-text', async () => {
  for (const t of texts) await gr.run(t);
});
measure('modelsec detectPII', '1 MB', () => detectPII(big));
measure('modelsec detectSecrets', '1 MB', () => detectSecrets(big));
measure('modelsec detectPromptInjection', '1 MB', () => detectPromptInjection(big));
measure('redact-pii SyncRedactor.redact (defaults)', '1 MB', () => rp.redact(big));
for (const row of timed) for (let w = 0; w < Math.min(3, rounds); w++) await row.fn();
for (let r = 0; r < rounds; r++) {
  for (const row of timed) {
    // Three calls in a row, so that each is timed with its own code and tables in the caches, as when
    // the rows were timed one after the other.
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      await row.fn();
      row.ms = Math.min(row.ms, performance.now() - t0);
    }
  }
}
for (const { what, corpus, ms } of timed) {
  const b = corpus === 'per-text' ? corpusBytes : bigBytes;
  speedRows.push({ what, corpus, ms, mbps: b / 1e6 / (ms / 1000) });
  console.error(what, corpus, Math.round(ms), 'ms');
}
// @openai/guardrails is super-linear on long texts (1 MB takes minutes): 100 kB, reported as MB/s.
const hundred = big.slice(0, 100_000);
{
  const ms = await bestMs(1, () => gr.run(hundred));
  speedRows.push({
    what: '@openai/guardrails pii (default entities), 100 kB',
    corpus: '1 MB',
    ms,
    mbps: 0.1 / (ms / 1000),
  });
}
process.stdout.write(`${JSON.stringify(speedRows)}\n`);
