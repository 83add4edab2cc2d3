/**
 * The gates of detectSecrets' formats (src/text/secrets/gates.ts): each is a necessary condition of its
 * pattern, so skipping a pattern whose gate is closed never loses a finding. Checked three ways: the
 * shortest match of each format opens its gate (a run length one too high would fail it); on
 * arbitrary texts built from secret pieces, a closed gate always means the pattern has no match; the
 * facts equal their plain definitions. (Whole-detector equality with the ungated implementation is
 * differential.test.ts.)
 */
import { SECRET_PATTERNS, type SecretPattern } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { forEachEntropyCandidate, TOKEN_MIN } from '../../src/text/secrets/entropy';
import { gateOpen, SECRET_GATES, type SecretGate, secretFacts } from '../../src/text/secrets/gates';

const a = (n: number, c = 'a') => c.repeat(n);
const b64 = (n: number) => 'A1b2C3d4E5f6G7h8I9j0'.repeat(Math.ceil(n / 20)).slice(0, n);

/** The shortest match of each built-in format, in the order of SECRET_PATTERNS. */
const SHORTEST: readonly string[] = [
  `AKIA${a(16, 'B')}`,
  `aws secret: ${b64(40)}`,
  `ghp_${b64(36)}`,
  `github_pat_${b64(82)}`,
  `glft-${b64(20)}`,
  `xoxb-${b64(10)}`,
  `https://hooks.slack.com/services/${b64(20)}`,
  `sk_live_${b64(16)}`,
  `whsec_${b64(32)}`,
  `sk-${b64(16)}T3BlbkFJ${b64(16)}`,
  `sk-${b64(48)}`,
  `sk-ant-api03-${b64(80)}`,
  `AIza${b64(35)}`,
  `GOCSPX-${b64(28)}`,
  `hf_${b64(34)}`,
  `npm_${b64(36)}`,
  `SG.${b64(22)}.${b64(43)}`,
  `SK${a(32, 'f')}`,
  `AccountKey=${b64(86)}==`,
  `dop_v1_${a(64, 'f')}`,
  `shpat_${a(32, 'f')}`,
  `gsk_${b64(52)}`,
  `xai-${b64(80)}`,
  `sk-or-v1-${a(64, 'f')}`,
  `pplx-${b64(48)}`,
  `r8_${b64(37)}`,
  `pypi-AgEIcHlwaS5vcmc${b64(50)}`,
  `sq0atp-${b64(22)}`,
  `dapi${a(32, 'f')}`,
  `PMAK-${a(24, 'f')}-${a(34, 'f')}`,
  `lin_api_${b64(40)}`,
  `ntn_${a(11, '1')}${b64(35)}`,
  `secret_${b64(43)}`,
  `sbp_${a(40, 'f')}`,
  `key-${a(32, 'f')}`,
  `12345678:AA${b64(33)}`,
  `dp.pt.${b64(40)}`,
  `ATATT3${b64(186)}`,
  `eyJ${b64(8)}.eyJ${b64(8)}.`,
  'ftp://u:p@h',
  'pwd=hunter2',
];

/** Every unit of `text` that is a token unit of the gates. */
function plainRun(text: string): number {
  let best = 0;
  for (const m of text.matchAll(/[A-Za-z0-9+/=_-]+/g)) best = Math.max(best, m[0].length);
  return best;
}

function plainAssignment(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== ':' && text[i] !== '=') continue;
    const w = text.slice(Math.max(0, i - 20), i).toLowerCase();
    if (['pass', 'pwd', 'secret', 'key', 'token'].some((k) => w.includes(k))) return true;
  }
  return false;
}

function matches(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  const found = re.test(text);
  re.lastIndex = 0;
  return found;
}

describe('secret format gates', () => {
  test('one gate per built-in format', () => {
    expect(SECRET_GATES.length).toBe(SECRET_PATTERNS.length);
    expect(SHORTEST.length).toBe(SECRET_PATTERNS.length);
  });

  test.each(SECRET_PATTERNS.map((p, k) => [k, p.kind] as const))(
    'the shortest match of format %i (%s) opens its gate, and only just',
    (k) => {
      const p = SECRET_PATTERNS[k] as SecretPattern;
      const gate = SECRET_GATES[k] as SecretGate;
      const text = SHORTEST[k] as string;
      expect(matches(p.re, text)).toBe(true);
      const facts = secretFacts(text);
      expect(gateOpen(gate, facts, text)).toBe(true);
      // The run lengths are tight, except the Slack webhook's (its host and path are longer than 20).
      if (gate.run !== undefined && p.kind !== 'SLACK_WEBHOOK') expect(facts.run).toBe(gate.run);
    },
  );

  test('a closed gate means no match, on arbitrary texts of secret pieces', () => {
    const piece = fc.oneof(
      fc.constantFrom(...SHORTEST),
      fc.constantFrom(...SHORTEST).chain((s) => fc.nat(s.length).map((cut) => s.slice(0, cut) + s.slice(cut + 1))),
      fc.constantFrom(' ', '\n', ':', '=', '"', "'", '-', '_', '/', '+', '.', '@', 'ſ', 'K', '\u00a0'),
      fc.constantFrom('password', 'PASSWD', 'api_key', 'Client_Secret', 'private-key', 'token', 'pass'),
      fc.string({ maxLength: 12 }),
      fc.stringMatching(/^[A-Za-z0-9+/=_-]{0,60}$/),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        const facts = secretFacts(text);
        SECRET_PATTERNS.forEach((p, k) => {
          if (!gateOpen(SECRET_GATES[k] as SecretGate, facts, text)) expect(matches(p.re, text)).toBe(false);
        });
      }),
      { numRuns: 3000 },
    );
  });

  test('the facts equal their plain definitions', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('key', 'PASS', ':', '=', ' ', 'token', 'Secret')),
          { maxLength: 10 },
        ),
        (pieces) => {
          const text = pieces.join('');
          const facts = secretFacts(text);
          expect(facts.run).toBe(plainRun(text));
          expect(facts.assignment).toBe(plainAssignment(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('no entropy candidate in a text without a run of TOKEN_MIN token units', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.stringMatching(/^[A-Za-z0-9+/=_-]{0,40}$/), (s, run) => {
        const text = `${s} ${run} ${s}`;
        let calls = 0;
        forEachEntropyCandidate(text, () => calls++);
        if (secretFacts(text).run < TOKEN_MIN) expect(calls).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  test('a megabyte of assignment signs and credential words is read in one walk', () => {
    const text = 'password :'.repeat(100_000);
    expect(secretFacts(text)).toEqual({ run: 8, assignment: true });
    const colons = ':='.repeat(500_000);
    expect(secretFacts(colons)).toEqual({ run: 1, assignment: false });
  });
});
