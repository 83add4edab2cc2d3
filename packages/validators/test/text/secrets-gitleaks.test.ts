/**
 * detectSecrets against gitleaks' own rule examples (test/vectors/secrets-gitleaks.json, frozen by
 * bench/text/freeze-gitleaks.ts from gitleaks b58d3f1, MIT): the true positives of each rule in the 26
 * code and config shapes of its sample generator, and its false positives. The provider formats added on
 * 2026-12-02 (patterns-providers.ts) and SECRET_ASSIGNMENT were written from gitleaks' rule definitions;
 * these tests hold what they find on gitleaks' examples.
 */
import { detectSecrets } from '@modelsec/validators';
import { describe, expect, test } from 'vitest';
import vectors from '../vectors/secrets-gitleaks.json';

type Tp = { text: string; start?: number; end?: number } | { identifier: string; secret: string };
interface Rule {
  rule: string;
  tps: Tp[];
  fps: string[];
}
const rules = vectors.rules as Rule[];

/** The texts of a true positive, with the span of the secret when it is known. */
function texts(tp: Tp): { text: string; start?: number; end?: number }[] {
  if (!('secret' in tp)) return [tp];
  return vectors.shapes.map((shape) => {
    const t = shape.replaceAll('{i}', tp.identifier).replaceAll('{I}', tp.identifier.toUpperCase());
    const at = t.indexOf('{s}');
    return { text: t.replace('{s}', tp.secret), start: at, end: at + tp.secret.length };
  });
}

/** Found: a finding over the secret's span (a literal example: any finding). */
function found(s: { text: string; start?: number; end?: number }): boolean {
  const f = detectSecrets(s.text);
  if (s.start === undefined || s.end === undefined) return f.length > 0;
  return f.some((x) => x.start < (s.end as number) && x.end > (s.start as number));
}

/** Rules of a token format added on 2026-12-02, and the kind each is reported as. */
const ADDED: Record<string, string> = {
  'adobe-client-secret': 'ADOBE_CLIENT_SECRET',
  'alibaba-access-key-id': 'ALIBABA_ACCESS_KEY_ID',
  'cloudflare-origin-ca-key': 'CLOUDFLARE_ORIGIN_CA_KEY',
  'duffel-api-token': 'DUFFEL_TOKEN',
  'dynatrace-api-token': 'DYNATRACE_TOKEN',
  'frameio-api-token': 'FRAMEIO_TOKEN',
  'grafana-service-account-token': 'GRAFANA_TOKEN',
  'harness-api-key': 'HARNESS_TOKEN',
  'huggingface-organization-api-token': 'HUGGINGFACE_TOKEN',
  'planetscale-api-token': 'PLANETSCALE_TOKEN',
  'prefect-api-token': 'PREFECT_TOKEN',
  'pulumi-api-token': 'PULUMI_TOKEN',
  'readme-api-token': 'README_TOKEN',
  'rubygems-api-token': 'RUBYGEMS_TOKEN',
  'sendinblue-api-token': 'BREVO_API_KEY',
  'sentry-user-token': 'SENTRY_TOKEN',
  'settlemint-personal-access-token': 'SETTLEMINT_TOKEN',
  'shippo-api-token': 'SHIPPO_TOKEN',
  'intra42-client-secret': 'INTRA42_CLIENT_SECRET',
  'scalingo-api-token': 'SCALINGO_TOKEN',
  'gitlab-session-cookie': 'GITLAB_SESSION_COOKIE',
};

describe('gitleaks rule examples', () => {
  test('the vectors hold the rules and shapes they were frozen with', () => {
    expect(vectors.source.commit).toBe('b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b');
    expect(vectors.shapes).toHaveLength(26);
    expect(rules.length).toBeGreaterThan(200);
  });

  test('97% or more of the true positives are found (5,664 of 5,820 when frozen; 2,697 before 2026-12-02)', () => {
    let n = 0;
    let hit = 0;
    for (const r of rules)
      for (const tp of r.tps)
        for (const s of texts(tp)) {
          n++;
          if (found(s)) hit++;
        }
    expect(n).toBe(5820);
    expect(hit / n).toBeGreaterThanOrEqual(0.97);
  }, 120_000);

  test.each(Object.entries(ADDED))('%s: every example and sample is a %s', (rule, kind) => {
    const r = rules.find((x) => x.rule === rule) as Rule;
    const all = r.tps.flatMap(texts);
    expect(all.length).toBeGreaterThan(0);
    for (const s of all) {
      const f = detectSecrets(s.text).filter((x) => x.kind === kind);
      expect(f).toHaveLength(1);
      if (s.start !== undefined) expect(s.text.slice(f[0]?.start, f[0]?.end)).toBe(s.text.slice(s.start, s.end));
    }
    // Alone in prose, without a credential name before it.
    for (const tp of r.tps) {
      if (!('secret' in tp)) continue;
      const text = `I pasted ${tp.secret} into the settings page.`;
      expect(detectSecrets(text).map((f) => [f.kind, text.slice(f.start, f.end)])).toEqual([[kind, tp.secret]]);
    }
  });

  test('placeholders of known formats are not reported as those formats', () => {
    // gitleaks' false positives that are a format's prefix and a run of one character.
    const placeholders = rules.flatMap((r) => r.fps).filter((t) => /(?:x{12}|X{12}|a{12}|1{12})/.test(t));
    expect(placeholders.length).toBeGreaterThan(15);
    for (const t of placeholders) {
      for (const f of detectSecrets(t)) {
        expect(['HIGH_ENTROPY', 'SECRET_ASSIGNMENT', 'PASSWORD_ASSIGNMENT', 'PRIVATE_KEY']).toContain(f.kind);
        expect(t.slice(f.start, f.end)).not.toMatch(/x{12}|X{12}|a{12}|1{12}/);
      }
    }
  });
});
