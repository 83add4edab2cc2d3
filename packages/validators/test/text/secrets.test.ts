import { isModelSecError } from '@modelsec/core';
import { detectSecrets, shannon } from '@modelsec/validators';
import { NOT_STRINGS } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { forEachToken } from '../../src/text/secrets/detect';

// Fake credentials in the documented formats (the AWS pair is AWS's own documentation example).
const fake = {
  aws: 'AKIAIOSFODNN7EXAMPLE',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  github: `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`,
  gitlab: 'glpat-xxxxxxxxxxxxxxxxxxx1',
  slack: 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
  stripe: `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`,
  openai: `sk-proj-${'a1B2c3D4e5F6g7H8i9J0'}T3BlbkFJ${'k1L2m3N4o5P6q7R8s9T0'}`,
  google: `AIza${'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'}`,
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
};

describe('detectSecrets', () => {
  test.each([
    [`AWS_ACCESS_KEY_ID=${fake.aws}`, 'AWS_ACCESS_KEY_ID', fake.aws],
    [`aws_secret_access_key = ${fake.awsSecret}`, 'AWS_SECRET_ACCESS_KEY', fake.awsSecret],
    [`token: ${fake.github}`, 'GITHUB_TOKEN', fake.github],
    [`GITLAB=${fake.gitlab}`, 'GITLAB_TOKEN', fake.gitlab],
    [`slack ${fake.slack}`, 'SLACK_TOKEN', fake.slack],
    [`stripe.api_key("${fake.stripe}")`, 'STRIPE_KEY', fake.stripe],
    [`OPENAI_API_KEY=${fake.openai}`, 'OPENAI_API_KEY', fake.openai],
    [`key=${fake.google}&q=1`, 'GOOGLE_API_KEY', fake.google],
    [`Authorization: Bearer ${fake.jwt}`, 'JWT', fake.jwt],
    ['DATABASE_URL=postgres://app:Sup3rS3cret!@db.internal:5432/prod', 'CONNECTION_STRING', 'Sup3rS3cret!'],
    ['db_password: "hunter2-correct-horse"', 'PASSWORD_ASSIGNMENT', 'hunter2-correct-horse'],
  ])('%s', (text, kind, value) => {
    const f = detectSecrets(text);
    expect(f.map((x) => [x.kind, text.slice(x.start, x.end)])).toContainEqual([kind, value]);
    for (const x of f) expect(JSON.stringify(x)).not.toContain(value);
  });

  test('PEM private keys span BEGIN to END', () => {
    const pem = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----';
    const text = `key:\n${pem}\nthanks`;
    const f = detectSecrets(text);
    expect(f).toHaveLength(1);
    expect(f[0]?.kind).toBe('PRIVATE_KEY');
    expect(text.slice(f[0]?.start, f[0]?.end)).toBe(pem);
  });

  test('high-entropy tokens, but not identifiers, hashes of prose or placeholders', () => {
    expect(detectSecrets('token Zx8pQ2mLk9vB4nR7tY1wE6uI3oP0aSdF').map((f) => f.kind)).toEqual(['HIGH_ENTROPY']);
    expect(detectSecrets('this_is_a_really_long_identifier_name_here')).toEqual([]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal shell-style placeholder is the input
    expect(detectSecrets('password=${DB_PASSWORD} or password: <your password>')).toEqual([]);
    expect(detectSecrets('token Zx8pQ2mLk9vB4nR7tY1wE6uI3oP0aSdF', { entropy: false })).toEqual([]);
    expect(shannon('')).toBe(0);
    expect(shannon('abcd')).toBe(2);
  });

  test('argument checks and properties', () => {
    for (const bad of NOT_STRINGS) expect(() => detectSecrets(bad as string)).toThrow(TypeError);
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (s) => {
        for (const f of detectSecrets(s)) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(s.length);
          expect(f.end).toBeGreaterThan(f.start);
        }
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (a, b) => {
        try {
          detectSecrets(a as string, b as never);
        } catch (e) {
          expect(isModelSecError(e)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  test('adversarial megabyte inputs complete', () => {
    for (const a of [
      'A'.repeat(1 << 20),
      'eyJ'.repeat(349_525),
      'eyJa.'.repeat(209_715),
      'postgres://a:'.repeat(80_659),
      'password='.repeat(116_508),
      '-----BEGIN PRIVATE KEY-----'.repeat(38_836),
      'aws secret '.repeat(95_325),
    ]) {
      expect(Array.isArray(detectSecrets(a))).toBe(true);
    }
  });
});

describe('entropy tokens', () => {
  test('forEachToken finds exactly the matches of the token regex it replaced', () => {
    const TOKEN_RE = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/=_-]{20,512}(?![A-Za-z0-9+/=_-])/g;
    const run = (n: number) => 'aZ9+/=_-'.repeat(70).slice(0, n);
    const piece = fc.oneof(
      fc.constantFrom(' ', '.', '\n', 'é', '"', ':', '😀'),
      fc.integer({ min: 15, max: 25 }).map(run),
      fc.integer({ min: 505, max: 520 }).map(run),
      fc.string({ unit: fc.constantFrom('a', 'B', '7', '=', '-', ' ', '#'), maxLength: 30 }),
    );
    let tokens = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        const got: string[] = [];
        forEachToken(text, (s, e) => got.push(`${s}-${e}`));
        const want = [...text.matchAll(TOKEN_RE)].map((m) => `${m.index}-${m.index + m[0].length}`);
        expect(got).toEqual(want);
        tokens += want.length;
      }),
      { numRuns: 1000 },
    );
    expect(tokens).toBeGreaterThan(300);
  });
});
