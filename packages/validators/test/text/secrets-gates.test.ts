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
import { forEachSecretAssignment } from '../../src/text/secrets/assignments';
import { forEachEntropyCandidate, TOKEN_MIN } from '../../src/text/secrets/entropy';
import {
  assignmentGateOpen,
  GATE_ASSIGNMENT,
  GATE_LITERALS,
  GATE_RUNS,
  gateOpen,
  SECRET_GATES,
  type SecretGate,
  secretFacts,
} from '../../src/text/secrets/gates';

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
  // PROVIDER_PATTERNS
  `A3-${a(6, 'B')}-${a(11, 'B')}-${a(5, 'B')}-${a(5, 'B')}-${a(5, 'B')}`,
  `ops_eyJ${b64(250)}`,
  `AGE-SECRET-KEY-1${a(58, 'Q')}`,
  `LTAI${b64(20)}`,
  `p8e-${b64(32)}`,
  `v1.0-${a(24, 'f')}-${a(146, 'f')}`,
  `duffel_test_${b64(43)}`,
  `dt0c01.${b64(24)}.${b64(64)}`,
  `fio-u-${b64(64)}`,
  `glc_${b64(32)}`,
  `glsa_${b64(32)}_${a(8, 'f')}`,
  `pat.${b64(22)}.${b64(24)}.${b64(20)}`,
  `${b64(14)}.atlasv1.${b64(60)}`,
  `hvs.${b64(90)}`,
  `api_org_${a(34)}`,
  `sk.eyJ${b64(50)}.${b64(20)}`,
  `NRJS-${a(19, 'f')}`,
  `pscale_pw_${a(32, '.')}`,
  `pnu_${b64(36)}`,
  `pul-${a(40, 'f')}`,
  `rdme_${a(70)}`,
  `rubygems_${a(48, 'f')}`,
  `tk-us-${b64(48)}`,
  `xkeysib-${a(64, 'f')}-${b64(16)}`,
  `sntryu_${a(64, 'f')}`,
  `sntrys_eyJ${b64(50)}_${b64(43)}`,
  `sm_pat_${b64(16)}`,
  `shippo_live_${a(40, 'f')}`,
  `s-s4t2ud-${a(64, 'f')}`,
  `xoxe-1-${b64(146)}`,
  `ABSK${b64(109)}`,
  'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t',
  `fo1_${b64(43)}`,
  `fm2_${b64(100)}`,
  `sgp_${a(40, 'f')}`,
  `API-${a(26, 'B')}`,
  `~~~1Q~${a(31, '~')}`,
  `EZAK${b64(54)}`,
  `EAAM${b64(100)}`,
  `CLOJARS_${b64(60)}`,
  `sha256~${b64(43)}`,
  `AKCp${b64(69)}`,
  `cmVmd${b64(59)}`,
  `dckr_pat_${b64(27)}`,
  `ya29.${b64(30)}`,
  `https://a.webhook.office.com/webhookb2/${a(36, 'f')}@${a(36, 'f')}/IncomingWebhook/${a(32, 'f')}/${a(36, 'f')}`,
  `https://discord.com/api/webhooks/${a(17, '1')}/${b64(60)}`,
  `_gitlab_session=${a(32)}`,
  'http://a:!!!!!!@c',
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
    const w = text.slice(Math.max(0, i - 32), i).toLowerCase();
    if (['pass', 'pwd', 'secret', 'key', 'token', 'cred'].some((k) => w.includes(k))) return true;
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

  test('the gates as arrays (what detectSecrets reads) equal the gate objects', () => {
    SECRET_GATES.forEach((g, k) => {
      expect(GATE_RUNS[k]).toBe(g.run ?? 0);
      expect(GATE_LITERALS[k]).toBe(g.literal ?? '');
      expect(GATE_ASSIGNMENT[k]).toBe(g.assignment ? 1 : 0);
    });
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
          fc.oneof(
            fc.string({ maxLength: 30 }),
            fc.constantFrom('key', 'PASS', ':', '=', ' ', 'token', 'Secret', 'Creds'),
          ),
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

  test('a closed assignment gate means no SECRET_ASSIGNMENT value, on texts of names, signs and values', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        'githubToken',
        'API_KEY',
        'passphrase',
        'credentials',
        'Creds',
        'client-secret',
        'pwd',
        'my_token',
      ),
      fc.constantFrom(' ', '  ', '\t', '"', "'", '`', '<', '>', ',', '\n', ' String', ' string'),
      fc.constantFrom(':', '=', ':=', '::=', ':::=', '?=', '.=', '+=', '=>', '==', '=~'),
      fc.constantFrom('x320l5oiw9jlteslj2', '"8ms1dkucf160faawpu"', 'ab12cd34ef56'),
      fc.string({ maxLength: 8 }),
    );
    let open = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const text = pieces.join('');
        let found = 0;
        forEachSecretAssignment(text, () => found++);
        if (assignmentGateOpen(text, secretFacts(text))) open++;
        else expect(found).toBe(0);
      }),
      { numRuns: 4000 },
    );
    // The property saw closed gates (and open ones).
    expect(open).toBeGreaterThan(100);
    expect(open).toBeLessThan(4000);
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
