/**
 * SECRET_ASSIGNMENT (src/text/secrets/assignments.ts): random-looking values given to credential names in
 * the shapes code and configuration write them, and none of the references, placeholders, types and calls
 * that the same names are given in code.
 */
import { detectSecrets } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { forEachSecretAssignment } from '../../src/text/secrets/assignments';

const value = 'x320l5oiw9jlteslj2';
const values = (text: string) => {
  const out: string[] = [];
  forEachSecretAssignment(text, (s, e) => out.push(text.slice(s, e)));
  return out;
};

describe('SECRET_ASSIGNMENT', () => {
  // The 26 shapes gitleaks writes its samples in (cmd/generate/config/utils/generate.go), and more.
  test.each([
    `adafruitToken="${value}"`,
    `adafruitToken = "${value}"`,
    `adafruitToken=${value}`,
    `adafruitToken = ${value}`,
    `{\n    "adafruit_token": "${value}"\n}`,
    `{"config.ini": "ADAFRUIT_TOKEN=${value}\\nBACKUP_ENABLED=true"}`,
    `<adafruitToken>\n    ${value}\n</adafruitToken>`,
    `adafruit_token: ${value}`,
    `adafruit_token: '${value}'`,
    `adafruit_token: "${value}"`,
    `string adafruitToken = "${value}";`,
    `var adafruitToken string = "${value}"`,
    `adafruitToken := "${value}"`,
    `adafruitToken := \`${value}\``,
    `String adafruitToken = "${value}";`,
    `$adafruitToken .= "${value}"`,
    `adafruitToken = '${value}'`,
    `System.setProperty("ADAFRUIT_TOKEN", "${value}")`,
    `  "adafruitToken" => "${value}"`,
    `ADAFRUIT_TOKEN ::= "${value}"`,
    `ADAFRUIT_TOKEN :::= "${value}"`,
    `ADAFRUIT_TOKEN ?= "${value}"`,
    `export STRIPE_SECRET=${value}`,
    `client-secret: ${value}`,
    `"x-api-key": "${value}"`,
    `DB_PASSPHRASE=${value}`,
    `AZURE_CREDENTIALS='${value}'`,
    `my token: ${value}, thanks`,
  ])('%s', (text) => {
    expect(values(text)).toEqual([value]);
    const f = detectSecrets(text);
    expect(f.map((x) => text.slice(x.start, x.end))).toContain(value);
    for (const x of f) expect(JSON.stringify(x)).not.toContain(value);
  });

  test.each([
    // References and placeholders.
    'token = process.env.GITHUB_TOKEN',
    'const apiKey = config.services.stripe.apiKey;',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal placeholder is the input
    'GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN2 }}',
    'password = "<your password 12>"',
    'api_key = "YOUR_API_KEY_1234567"',
    'token: xxxxxxxxxxxxxxxx12',
    'secret_key = "example-key-1234567"',
    'token = "https://example.org/a1/b2/c3"',
    // Code: calls, types, comparisons, names.
    'var token = this$1$1.getToken();',
    'const rsaPrivateKey = pki.privateKeyToAsn1(privateKey);',
    'const sessionToken = makeToken12345678(seed);',
    'secretKey: Uint8Array;',
    'if (token == "abc123def456ghi") {',
    'accessToken: string',
    'token_count = 12345678901',
    // Not a credential name: the word does not end it, or "key" without a credential word before it.
    'tokenizer = "wordpiece12345678"',
    'cache_key = "user:1234:profile99"',
    'monkey = "a1b2c3d4e5f6g7h8"',
    'primary_key: 1a2b3c4d5e6f7a8b',
    // Too short, no digits, low entropy.
    'token=ab12cd',
    'password = "correcthorsebatterystaple"',
    'secret: 1111111111aa',
  ])('not: %s', (text) => {
    expect(values(text)).toEqual([]);
  });

  test('spans index the text; every value is a slice after its name', () => {
    const name = fc.constantFrom('token', 'apiKey', 'CLIENT_SECRET', 'passwd', 'x-api-key', 'creds', 'tokenizer');
    const sign = fc.constantFrom('=', ': ', ' := ', '=>', ' ?= ', ', ', '>');
    const quote = fc.constantFrom('', '"', "'", '`');
    const val = fc.oneof(fc.stringMatching(/^[a-z0-9]{8,24}$/), fc.string({ maxLength: 20 }));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, sign, quote, val, fc.string({ maxLength: 6 })), { maxLength: 5 }),
        (parts) => {
          const text = parts.map(([n, s, q, v, gap]) => `${n}${s}${q}${v}${q}${gap}`).join(' ');
          let last = -1;
          forEachSecretAssignment(text, (start, end) => {
            expect(start).toBeGreaterThan(last);
            expect(start).toBeGreaterThanOrEqual(0);
            expect(end).toBeLessThanOrEqual(text.length);
            expect(end - start).toBeGreaterThanOrEqual(10);
            expect(end - start).toBeLessThanOrEqual(200);
            expect(/\s/.test(text.slice(start, end))).toBe(false);
            last = end;
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('names packed closer than a value reads each unit once, and the next text starts afresh', () => {
    // Each "token=" reads on to the same space; the value of the last name is the one kept.
    const packed = `${'token='.repeat(40)}${value} end`;
    expect(values(packed)).toEqual([value]);
    // After a text whose names read to its end, a short text is read from its own start.
    expect(values('token='.repeat(500))).toEqual([]);
    expect(values(`token=${value}`)).toEqual([value]);
  });

  test('a megabyte of credential names and signs is read in linear time', () => {
    // Adversarial shapes: every unit starts a name, a sign, a quote that never closes, a long value.
    const shapes = [
      'token='.repeat(200_000),
      `token="${'a1'.repeat(500_000)}`,
      'api_key: '.repeat(120_000),
      `${'x'.repeat(1_000_000)}token`,
      '<token>'.repeat(150_000),
      '"token",'.repeat(130_000),
      'token string = '.repeat(70_000),
    ];
    for (const text of shapes) {
      let n = 0;
      forEachSecretAssignment(text, () => n++);
      expect(n).toBeLessThan(text.length);
      expect(Array.isArray(detectSecrets(text))).toBe(true);
    }
  });
});
