import { isModelSecError } from '@modelsec/core';
import { detectSecrets, shannon } from '@modelsec/validators';
import { NOT_STRINGS } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { forEachEntropyCandidate } from '../../src/text/secrets/entropy';

// Fake credentials in the documented formats (the AWS pair is AWS's own documentation example).
const fake = {
  aws: 'AKIAIOSFODNN7EXAMPLE',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  github: `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`,
  gitlab: 'glpat-Zx8pQ2mLk9vB4nR7tY1w',
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

  // Formats added 2026-11-30 (fake values in each provider's documented shape; before, each was a
  // HIGH_ENTROPY finding with the variable name in its span, or no finding).
  test.each([
    ['DIGITALOCEAN_TOKEN', `dop_v1_${'0123456789abcdef'.repeat(4)}`],
    ['SHOPIFY_TOKEN', `shpat_${'0123456789abcdef'.repeat(2)}`],
    ['GROQ_API_KEY', `gsk_${'A1b2C3d4E5f6G7h8I9j0K1l2M3'.repeat(2)}`],
    ['XAI_API_KEY', `xai-${'A1b2C3d4E5f6G7h8I9j0'.repeat(4)}`],
    ['OPENROUTER_API_KEY', `sk-or-v1-${'0123456789abcdef'.repeat(4)}`],
    ['PERPLEXITY_API_KEY', `pplx-${'A1b2C3d4E5f6G7h8I9j0K1l2'.repeat(2)}`],
    ['REPLICATE_API_TOKEN', `r8_${'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S'}`],
    ['PYPI_TOKEN', `pypi-AgEIcHlwaS5vcmc${'CJGE4ZjY1ZjA0LTk0ZjUtNDZiZS05ZjM2LWQ0ZWIyMzRhNmQ0NQACKlsz'}`],
    ['SQUARE_TOKEN', `sq0atp-${'A1b2C3d4E5f6G7h8I9j0K1'}`],
    ['DATABRICKS_TOKEN', `dapi${'0123456789abcdef'.repeat(2)}`],
    ['POSTMAN_API_KEY', `PMAK-${'0123456789abcdef01234567'}-${'0123456789abcdef0123456789abcdef01'}`],
    ['LINEAR_API_KEY', `lin_api_${'A1b2C3d4E5f6G7h8I9j0'.repeat(2)}`],
    ['NOTION_TOKEN', `ntn_${'12345678901'}${'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r'}`],
    ['SUPABASE_TOKEN', `sbp_${'0123456789abcdef'.repeat(2)}01234567`],
    ['MAILGUN_API_KEY', `key-${'0123456789abcdef'.repeat(2)}`],
    ['TELEGRAM_BOT_TOKEN', `123456789:AA${'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'}`],
    ['DOPPLER_TOKEN', `dp.pt.${'A1b2C3d4E5f6G7h8I9j0'.repeat(2)}abc`],
    ['ATLASSIAN_API_TOKEN', `ATATT3${'xFfGF0A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9'.repeat(4)}${'t0U1v2W3x4'}`],
  ] as [string, string][])('%s', (kind, value) => {
    const text = `${kind.toLowerCase()}=${value}`;
    const f = detectSecrets(text);
    expect(f.map((x) => [x.kind, text.slice(x.start, x.end)])).toEqual([[kind, value]]);
    for (const x of f) expect(JSON.stringify(x)).not.toContain(value);
  });

  test('connection strings: an empty user is no reason to miss the password; placeholders are no secret', () => {
    const spans = (t: string) => detectSecrets(t).map((f) => `${f.kind}:${t.slice(f.start, f.end)}`);
    // Redis writes no user (stop 46: no finding before).
    expect(spans('REDIS_URL=redis://:Sup3rS3cret9@redis.example.com:6379/0')).toEqual([
      'CONNECTION_STRING:Sup3rS3cret9',
    ]);
    // Templates and documentation placeholders (each was a CONNECTION_STRING finding before stop 46).
    for (const t of [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal shell-style placeholder is the input
      'postgres://user:${PGPASSWORD}@db:5432/app',
      'mysql://root:<password>@localhost/db',
      'postgres://user:password@localhost/db',
      'mongodb://admin:****@cluster0.example.net',
      'redis://:@localhost:6379',
    ])
      expect(spans(t)).toEqual([]);
  });

  test('a password name given code is no password; quoted values and .env values are (stop 50)', () => {
    const spans = (t: string) => detectSecrets(t).map((f) => `${f.kind}:${t.slice(f.start, f.end)}`);
    // Each was a PASSWORD_ASSIGNMENT finding before ("process.env.OPENAI_API_KEY", "os.getenv(", "string").
    for (const t of [
      'const apiKey = process.env.OPENAI_API_KEY;',
      'password = os.getenv("DB_PASSWORD")',
      "password = os.environ['DB_PASSWORD']",
      'DB_PASSWORD=settings.DB_PASSWORD',
      'api_key = self.api_key',
      'export const password = z.string().min(8);',
      'password: string;',
      'pwd = getpass.getpass()',
    ])
      expect(spans(t), t).toEqual([]);
    expect(spans('password = "hello.world"')).toEqual(['PASSWORD_ASSIGNMENT:hello.world']);
    expect(spans("password: 'string'")).toEqual(['PASSWORD_ASSIGNMENT:string']);
    expect(spans('DB_PASSWORD=s3cr3tP4ss')).toEqual(['PASSWORD_ASSIGNMENT:s3cr3tP4ss']);
    // A member path with four digits or more may be a token with periods.
    expect(spans('api_key=sk.live.12345abcde')).toEqual(['PASSWORD_ASSIGNMENT:sk.live.12345abcde']);
  });

  test('an identifier after a quoted key is a variable of a dict or object literal (stop 51)', () => {
    const spans = (t: string) => detectSecrets(t).map((f) => `${f.kind}:${t.slice(f.start, f.end)}`);
    for (const t of [
      '"private_key": private_hex',
      'payload = {"secret": secret_value, "user": name}',
      "{'api_key': apiKeyValue}",
      '"password" : db_password_2',
    ])
      expect(spans(t), t).toEqual([]);
    // A bare word without "_" or a capital inside may be a password; an unquoted key is a config file's.
    expect(spans('"password": hunter2')).toEqual(['PASSWORD_ASSIGNMENT:hunter2']);
    expect(spans('secret: my_secret_value')).toEqual(['PASSWORD_ASSIGNMENT:my_secret_value']);
    expect(spans('"password": abc_1234_xyz')).toEqual(['PASSWORD_ASSIGNMENT:abc_1234_xyz']); // four digits
  });

  test('PEM private keys span BEGIN to END', () => {
    const pem = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----';
    const text = `key:\n${pem}\nthanks`;
    const f = detectSecrets(text);
    expect(f).toHaveLength(1);
    expect(f[0]?.kind).toBe('PRIVATE_KEY');
    expect(text.slice(f[0]?.start, f[0]?.end)).toBe(pem);
  });

  test('PuTTY key files span the header to the end of the MAC, encrypted or not', () => {
    const mac = '5b3c7a1e9d2f4b6a8c0e1f3a5b7c9d2e4f6a8b0c1d3e5f7a9b2c4d6e8f0a1b3c';
    for (const encryption of ['none', 'aes256-cbc']) {
      const ppk = [
        'PuTTY-User-Key-File-3: ssh-ed25519',
        `Encryption: ${encryption}`,
        'Comment: deploy@ci',
        'Public-Lines: 2',
        'AAAAC3NzaC1lZDI1NTE5AAAAIJ8z7r8y6Hq2vV1m9Yx8cQ3uR5tW2pZ0aK4nL7dF1gS',
        'Private-Lines: 1',
        'AAAAIFr7pQ2xL9mN4bV6cZ8dK1jH3gF5sA0wE7rT2yU9iO4p',
        `Private-MAC: ${mac}`,
      ].join('\r\n');
      const text = `my key:\n${ppk} - thanks`;
      const f = detectSecrets(text);
      // One finding: the key lines are no longer HIGH_ENTROPY findings of their own.
      expect(f.map((x) => [x.kind, text.slice(x.start, x.end)])).toEqual([['PRIVATE_KEY', ppk]]);
    }
    // A header alone (the rest not pasted): the header, as a PEM BEGIN line alone.
    expect(detectSecrets('PuTTY-User-Key-File-2: ssh-rsa').map((x) => [x.start, x.end])).toEqual([[0, 23]]);
    // The MAC of a key file too far on (past PEM_MAX_LENGTH): the header only.
    const far = `PuTTY-User-Key-File-2: ssh-rsa\n${'x'.repeat(20_000)}\nPrivate-MAC: ${mac}`;
    expect(detectSecrets(far, { entropy: false }).map((x) => [x.start, x.end])).toEqual([[0, 23]]);
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
      'redis://:'.repeat(116_508),
      `redis://${':'.repeat(1_000_000)}@`,
      'password='.repeat(116_508),
      '-----BEGIN PRIVATE KEY-----'.repeat(38_836),
      'aws secret '.repeat(95_325),
      '-----BEGIN CERTIFICATE-----'.repeat(38_836),
      'PuTTY-User-Key-File-2: '.repeat(45_590),
      `${'PuTTY-User-Key-File-2: '.repeat(40_000)}Private-MAC: ${'ab'.repeat(50_000)}`,
      'Private-MAC: PuTTY-User-Key-File-3: '.repeat(29_000),
      `http://a/${'Zx8pQ2mLk9vB4nR7tY1wE/'.repeat(47_662)}`,
      `http://a/?${'token=Zx8pQ2mLk9vB4nR7tY1wE6&'.repeat(36_157)}`,
      `http://a/?${'k'.repeat(26)}&`.repeat(29_127),
      `${'QUFB'.repeat(19)}\n`.repeat(13_617),
      // Mail syntax: delimiter lines with part headers, boundary parameters, soft line breaks in URLs.
      `--${'Zx8pQ2mLk9vB4nR7tY1wE6'}\nContent-Transfer-Encoding: base64\n`.repeat(18_724),
      `--b\nContent-Type: a\n`.repeat(58_254),
      'boundary="'.repeat(104_858),
      `${'=3D'}http:/=\n/a/?q=\n`.repeat(58_254),
      `http://a/?${'k'.repeat(40)}=\n`.repeat(24_386),
    ]) {
      expect(Array.isArray(detectSecrets(a))).toBe(true);
    }
  });
});

describe('entropy tokens', () => {
  test('outside URLs, armored blocks and base64 bodies, the candidates are the matches of the token regex, cut at inner "="', () => {
    const TOKEN_RE = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/=_-]{20,}(?![A-Za-z0-9+/=_-])/g;
    // A run of "=" with more token units after it ends a name; the parts of 20-512 units are judged.
    const judged = (start: number, token: string) => {
      const out: string[] = [];
      const re = /[^=]*(?:=+$)?/g;
      for (let m = re.exec(token); m !== null && m.index < token.length; m = re.exec(token)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        if (m[0].length >= 20 && m[0].length <= 512) out.push(`${start + m.index}-${start + m.index + m[0].length}`);
      }
      return out;
    };
    const run = (n: number) => 'aZ9+/_-'.repeat(80).slice(0, n);
    const piece = fc.oneof(
      fc.constantFrom(' ', '.', '\n', 'é', '"', ':', '😀', '=', '=='),
      fc.integer({ min: 15, max: 25 }).map(run),
      fc.integer({ min: 505, max: 520 }).map(run),
      fc.string({ unit: fc.constantFrom('a', 'B', '7', '=', '-', ' ', '#'), maxLength: 30 }),
    );
    let tokens = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        const got: string[] = [];
        forEachEntropyCandidate(text, (s, e) => got.push(`${s}-${e}`));
        const want = [...text.matchAll(TOKEN_RE)].flatMap((m) => judged(m.index, m[0]));
        expect(got).toEqual(want);
        tokens += want.length;
      }),
      { numRuns: 1000 },
    );
    expect(tokens).toBeGreaterThan(300);
  });
});

describe('entropy check: public and structural tokens', () => {
  const key = 'Zx8pQ2mLk9vB4nR7tY1wE6uI3oP0aSdF';
  const spans = (t: string) => detectSecrets(t).map((f) => `${f.kind}:${t.slice(f.start, f.end)}`);

  test('URL paths are judged segment by segment', () => {
    expect(spans('http://us.click.yahoo.com/pt6YBB/NXiEAA/mG3HAA/7gSolB/TM')).toEqual([]);
    const webhook = `https://discord.com/api/webhooks/123456789012345678/${key}${key}`;
    // A Discord webhook is a known format (since 2026-12-02): reported whole, not by the entropy check.
    expect(spans(webhook)).toEqual([`DISCORD_WEBHOOK:${webhook}`]);
  });

  test('labelled digests and RFC 2047 encoded words are not secrets; the same tokens unlabelled are', () => {
    const md5 = '459c1d0262e939d6432f193c7a4ba8a8';
    const sha1 = '1aefed7c18b89a0962d66a6bd77b4df015ff0dc8';
    expect(spans(`MD5 (openssh-3.4p1.tar.gz) = ${md5}`)).toEqual([]);
    expect(spans(`X-Razor-id: ${sha1}`)).toEqual([]);
    expect(spans(`commit ${sha1}\nAuthor: a`)).toEqual([]);
    expect(spans(`sha256sum: ${md5}${md5}`)).toEqual([`HIGH_ENTROPY:${md5}${md5}`]); // "sha256sum" is no label word
    expect(spans(`sha-256: ${md5}${md5}`)).toEqual([]);
    // Ids of a digest's shape with their labels (stop 50: a HIGH_ENTROPY finding each before).
    expect(spans(`{"trace_id": "${md5}"}`)).toEqual([]);
    expect(spans(`X-Request-Id: ${md5}`)).toEqual([]);
    expect(spans(`uuid=${md5}`)).toEqual([]);
    expect(spans(`{"tracer": "${md5}"}`)).toEqual([`HIGH_ENTROPY:${md5}`]);
    // Unlabelled, labelled on another line, or not a digest length: judged as before.
    expect(spans(`value: ${md5}`)).toEqual([`HIGH_ENTROPY:${md5}`]);
    expect(spans(`MD5\n${md5}`)).toEqual([`HIGH_ENTROPY:${md5}`]);
    expect(spans(`hash: ${md5}a`)).toEqual([`HIGH_ENTROPY:${md5}a`]);
    expect(spans(`hash: ${key}`)).toEqual([`HIGH_ENTROPY:${key}`]);
    const encoded = 'GyRCJV4lJCVrJTklSCE8JXNJPTwoGyhCLmJtcA==';
    expect(spans(`\tfilename="=?iso-2022-jp?B?${encoded}?="`)).toEqual([]);
    expect(spans(`Subject: =?utf-8?q?${encoded}?=`)).toEqual([]);
    expect(spans(`name: ${encoded}`)).toEqual([`HIGH_ENTROPY:${encoded}`]);
    expect(spans(`?B?${encoded}?=`)).toEqual([`HIGH_ENTROPY:${encoded}`]); // no "=?charset"
  });

  test('a name and its value in one token: each is judged alone (base64 has "=" only as end padding)', () => {
    // Before 2026-12-02 the span held the name ("BUILD_SEED=Zx8p…"), which redaction then hid too.
    expect(spans(`BUILD_SEED=${key}`)).toEqual([`HIGH_ENTROPY:${key}`]);
    expect(spans(`export BUILD_SEED=${key}==`)).toEqual([`HIGH_ENTROPY:${key}==`]);
    expect(spans(`${key}==`)).toEqual([`HIGH_ENTROPY:${key}==`]);
    expect(spans(`${key}=${'abcd'.repeat(6)}`)).toEqual([`HIGH_ENTROPY:${key}`]);
    // A name and a short value: neither part is a token of 20 units.
    expect(spans('TRACKING_NUMBER_FOR_TESTS=Zx8pQ2mLk9vB4nR')).toEqual([]);
    expect(spans('a=b=c=d=e=f=g=h=i=j=k=l=m=n=o=p')).toEqual([]);
  });

  test('in a query or fragment, only values of credential-named parameters are judged', () => {
    expect(spans('http://clickthru.online.com/Click?q=4a-HcgUIPpcnTHdcorsxoLkkTKhn-yR')).toEqual([]);
    expect(spans(`https://x.io/p?contentId=${key}&page=2`)).toEqual([]);
    const sig = '9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0';
    expect(spans(`https://b.s3.amazonaws.com/f?X-Amz-Date=20260101&X-Amz-Signature=${sig}`)).toEqual([
      `HIGH_ENTROPY:${sig}`,
    ]);
    expect(spans(`https://x.io/cb#access_token=${key}`).map((s) => s.split(':')[1])).toEqual([key]);
  });

  test('base64 bodies and armored public blocks are not secrets; keys one per line still are', () => {
    const body = Array.from({ length: 6 }, (_, i) => btoa(`attachment line ${i} `.repeat(5)).slice(0, 76));
    expect(body.every((l) => l.length === 76)).toBe(true);
    expect(spans(`Content-Transfer-Encoding: base64\n\n${body.join('\n')}\nQUJD\n`)).toEqual([]);
    const signature = `-----BEGIN PGP SIGNATURE-----\n\n${body.slice(0, 3).join('\n')}\n-----END PGP SIGNATURE-----`;
    expect(spans(signature)).toEqual([]);
    const cert = `-----BEGIN CERTIFICATE-----\n${key}${key}\n-----END CERTIFICATE-----`;
    expect(spans(cert)).toEqual([]);
    // The same lines outside a body: three 64-character keys, one per line, are three findings.
    const keys = [key + key, key.split('').reverse().join('') + key, key + key.toLowerCase()];
    expect(spans(keys.join('\n'))).toHaveLength(3);
    // Hexadecimal keys in a body-shaped block are judged one by one.
    const hex = Array.from(
      { length: 5 },
      (_, i) => `${i}f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a`,
    );
    expect(spans(hex.join('\n'))).toHaveLength(5);
    // A private key is still reported whole.
    expect(spans(`-----BEGIN PRIVATE KEY-----\n${key}\n-----END PRIVATE KEY-----`)[0]).toMatch(/^PRIVATE_KEY:/);
  });

  describe('mail syntax', () => {
    const boundary = '----=_NextPart_1_bvfoDiTVghtoCXFdvJNKcuWblFV';
    const part = (headers: string, body: string) => `--${boundary}\n${headers}\n\n${body}\n`;
    const gif = 'R0lGODlhBQAGALMAAM7MzKShocrIx66rq7Wysvv7+tTR0eno6PDw8Pb19dza2b27u/n5+ebl5fPy';

    test('multipart delimiter lines and boundary parameters are not secrets; a line that only starts with -- still is', () => {
      const mail = `${part('Content-Type: text/plain', 'Hello')}${part('Content-Type: text/html', '<p>Hello</p>')}--${boundary}--\n`;
      expect(spans(mail)).toEqual([]);
      expect(spans(mail.replaceAll('\n', '\r\n'))).toEqual([]);
      expect(spans(`Content-Type: multipart/alternative;\n\tboundary="${boundary}"\n\n${mail}`)).toEqual([]);
      // One delimiter line with part headers is enough (what a stream may see of a mail).
      expect(spans(`--${boundary}\nContent-Type: text/plain\n\nHello\n`)).toEqual([]);
      // Declared: a single delimiter line is enough.
      expect(spans(`boundary="${boundary}"\n\n--${boundary}\nHello\n`)).toEqual([]);
      expect(spans(`boundary=${boundary.slice(4)}\n`)).toEqual([]);
      // Not a multipart structure: the same lines without part headers, or a flag repeated in a script.
      // (The part after the boundary's "=": an "=" inside a token ends a name, since 2026-12-02.)
      const afterEquals = boundary.slice(boundary.lastIndexOf('=') + 1);
      expect(spans(`--${boundary}\nHello\n--${boundary}\n`)).toEqual([
        `HIGH_ENTROPY:${afterEquals}`,
        `HIGH_ENTROPY:${afterEquals}`,
      ]);
      const flag = `--token=${key}`;
      expect(spans(`${flag}\n${flag}\n`)).toEqual([`SECRET_ASSIGNMENT:${key}`, `SECRET_ASSIGNMENT:${key}`]);
      // A key in a part's text is judged as anywhere else.
      const withKey = `${part('Content-Type: text/plain', `my key ${key}`)}--${boundary}--\n`;
      expect(spans(withKey)).toEqual([`HIGH_ENTROPY:${key}`]);
    });

    test('the bodies of base64 parts are encoded data; other parts are judged', () => {
      const image = part('Content-Type: image/gif\nContent-Transfer-Encoding: base64', `${gif}\n${gif.slice(3, 40)}==`);
      expect(spans(`${image}--${boundary}--\n`)).toEqual([]);
      expect(spans(`${image}--${boundary}--\n`.replaceAll('\n', '\r\n'))).toEqual([]);
      // The part after the base64 one is judged again.
      const after = part('Content-Type: text/plain', `key ${key}`);
      expect(spans(`${image}${after}--${boundary}--\n`)).toEqual([`HIGH_ENTROPY:${key}`]);
      const plain = part('Content-Type: text/plain\nContent-Transfer-Encoding: 7bit', `${gif}`);
      expect(spans(`${plain}--${boundary}--\n`)).toEqual([`HIGH_ENTROPY:${gif}`]);
    });

    test('arbitrary mail-shaped text: findings stay inside the text and hold no line break but a soft one', () => {
      const piece = fc.constantFrom(
        `--${boundary}`,
        `--${boundary}--`,
        '--b',
        'Content-Type: text/plain',
        'Content-Transfer-Encoding: base64',
        'Content-Transfer-Encoding: 7bit',
        '',
        `boundary="${boundary}"`,
        'boundary=b',
        gif,
        key,
        `key ${key}`,
        'http:/=',
        '/a.io/Click?q=',
        `=3D${key}`,
        `signature=3D${key}=`,
        'https://x.io/p?',
        '=\r',
      );
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
          const text = parts.join('\n');
          for (const f of detectSecrets(text)) {
            expect(0 <= f.start && f.start < f.end && f.end <= text.length).toBe(true);
            // A token never spans a hard line break (a soft one is "=" + newline inside a URL).
            expect(text.slice(f.start, f.end).replace(/=\r?\n/g, '')).not.toMatch(/[\r\n]/);
          }
        }),
        { numRuns: 2000 },
      );
    });

    test('quoted-printable: URLs continue across soft line breaks; credential parameters are still judged', () => {
      const qp = (s: string) => `<td width=3D440><a href=3D"${s}">`;
      expect(spans(qp('http://clickthru.online.com/Click?q=\n=3D60-oqItIsEAuUWbnYDLN8S_eSgFWVRR'))).toEqual([]);
      expect(spans(qp('http:/=\n/ummail4.unitedmedia.com:80/Click?q=3D84-CCDyQ60lyggM3vtZsnhhpYUoZsRR'))).toEqual([]);
      expect(spans(qp('http://ummail4=\r\n.unitedmedia.com/Click?q=3D84-CCDyQ60lyggM3vtZsnhhpYUoZsRR'))).toEqual([]);
      // A credential name before the break, in the token after it, or split by it: its value is judged.
      expect(spans(qp(`https://x.io/cb?signature=\n=3D${key}`))).toEqual([`HIGH_ENTROPY:${key}`]);
      expect(spans(qp(`https://x.io/cb?a=3D1&signature=3D${key}`))).toEqual([`HIGH_ENTROPY:${key}`]);
      expect(spans(qp(`https://x.io/cb?signa=\nture=3D${key}`))).toEqual([`HIGH_ENTROPY:${key}`]);
      expect(spans(qp(`https://x.io/cb?session=3D${key.slice(0, 10)}=\n${key}`))).toEqual([`HIGH_ENTROPY:${key}`]);
      // Without quoted-printable encoding, a line break ends the URL.
      expect(spans(`https://x.io/?q=\n${key}`)).toEqual([`HIGH_ENTROPY:${key}`]);
    });
  });
});
