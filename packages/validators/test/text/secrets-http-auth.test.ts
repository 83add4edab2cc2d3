/**
 * AUTHORIZATION_HEADER and BASIC_AUTH_CREDENTIALS (src/text/secrets/http-auth.ts): the credentials of
 * HTTP requests written out, as in a pasted curl command, and none of the placeholders, references and
 * code that set such headers.
 */
import { detectSecrets } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { forEachHttpCredential } from '../../src/text/secrets/http-auth';

const found = (text: string) => {
  const out: string[] = [];
  forEachHttpCredential(text, (kind, s, e) => out.push(`${kind}:${text.slice(s, e)}`));
  return out;
};

describe('HTTP credentials', () => {
  test.each([
    [
      'curl -H "Authorization: Bearer cfcabd11c7ed9a41b1a3e063c32d5114"',
      'AUTHORIZATION_HEADER:cfcabd11c7ed9a41b1a3e063c32d5114',
    ],
    [
      "curl --header  'Authorization:  5eb4223e-5008-46e5-be67-c7b8f2732305'",
      'AUTHORIZATION_HEADER:5eb4223e-5008-46e5-be67-c7b8f2732305',
    ],
    ['-H "Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l"', 'AUTHORIZATION_HEADER:YWxhZGRpbjpvcGVuc2VzYW1l'],
    [
      'Proxy-Authorization: Token 22cb987851bc5659229114c62e60c79abd0d2c08',
      'AUTHORIZATION_HEADER:22cb987851bc5659229114c62e60c79abd0d2c08',
    ],
    [
      'headers = {"authorization": "Bot MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.Mn0pQrStUvWx"}',
      'AUTHORIZATION_HEADER:MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.Mn0pQrStUvWx',
    ],
    ['curl --cacert ca.crt -u elastic:P@ssw0rd$1 https://localhost:9200', 'BASIC_AUTH_CREDENTIALS:P@ssw0rd$1'],
    ["curl -sw '%{http_code}' -X POST --user  'johns:h0pk1ns~21s' $URL", 'BASIC_AUTH_CREDENTIALS:h0pk1ns~21s'],
    ['curl -u ":d2LkV78zLx!t" https://localhost:9200', 'BASIC_AUTH_CREDENTIALS:d2LkV78zLx!t'],
    [
      'curl -u "sk_test_4eC39HqLyjWDarjtT1zdp7dc:" https://api.stripe.com/v1/charges',
      'BASIC_AUTH_CREDENTIALS:sk_test_4eC39HqLyjWDarjtT1zdp7dc',
    ],
    [
      'curl -k -X POST https://h/x \\\n  -H "A: b" \\\n  -u developer:yqDVtkqPECriaLRi',
      'BASIC_AUTH_CREDENTIALS:yqDVtkqPECriaLRi',
    ],
    ['curl --user=kevin:pRf7vG2h1L8nQkW9 -iX PATCH', 'BASIC_AUTH_CREDENTIALS:pRf7vG2h1L8nQkW9'],
    // Pieces the shell joins into one word: the quotes are not the password's.
    ["curl --user kevin:'pRf7vG2h1L8nQkW9' -iX PATCH -d", 'BASIC_AUTH_CREDENTIALS:pRf7vG2h1L8nQkW9'],
    ["curl -u 'admin':'Sup3rS3cret9' https://x.io", 'BASIC_AUTH_CREDENTIALS:Sup3rS3cret9'],
    ['curl -u "admin":Sup3rS3cret9 https://x.io', 'BASIC_AUTH_CREDENTIALS:Sup3rS3cret9'],
    ['curl -u admin:"Sup3r S3cret9" https://x.io', 'BASIC_AUTH_CREDENTIALS:Sup3r S3cret9'],
  ])('%s', (text, want) => {
    expect(found(text)).toEqual([want]);
    const value = want.slice(want.indexOf(':') + 1);
    for (const f of detectSecrets(text)) expect(JSON.stringify(f)).not.toContain(value);
    expect(detectSecrets(text).map((f) => text.slice(f.start, f.end))).toContain(value);
  });

  test.each([
    'curl -H "Authorization: Bearer XXXXXXXXXXXX" https://example.com',
    'curl -H "Authorization: Bearer $API_KEY"',
    'curl -H "Authorization: Bearer $(gcloud auth print-access-token)" https://x',
    'curl -H "Authorization: Bearer <Openverse API token>"',
    'curl -H "Authorization: Token **********"',
    'curl --header "Authorization: Basic ..."',
    "headers: { Authorization: 'SOME_TOKEN' }",
    'request.headers.Authorization = validateToken(token);',
    'opts.headers.Authorization = r.headers.Authorization;',
    'Authorization: process.env[ENV_TOKEN]',
    '{ authorization: "https://some.url/tenantId" }',
    "curl -i -u 'test:test'",
    'curl -sL --user "$1:$2" "$3"',
    'curl -u <user:password> https://test.com/endpoint',
    'curl --user neo4j:[PASSWORD] http://[IP]:7474/db/data/',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal shell-style placeholder is the input
    'curl -u "${username}:${password}"',
    'curl -u "admin":"" https://x.io',
    "curl -u admin:'$PASSWORD' https://x.io",
    'curl --user "xxx:yyy"',
    'curl http://127.0.0.1:5000/file --user user:pass --digest',
    // Not a curl command: "-u" of another tool.
    'ssh -u deploy:Str0ngPassw0rd host',
    'curl https://x.io/install.sh\nssh -u deploy:Str0ngPassw0rd host',
    'The authorization of the payment is pending.',
  ])('not: %s', (text) => {
    expect(found(text)).toEqual([]);
  });

  test('spans index the text, on arbitrary commands', () => {
    const piece = fc.oneof(
      fc.constantFrom('curl ', '-u ', '--user ', '--user=', 'Authorization: ', 'Bearer ', '\\\n', '"', "'", ':', ' '),
      fc.stringMatching(/^[A-Za-z0-9$@!:._-]{0,20}$/),
      fc.string({ maxLength: 10 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        forEachHttpCredential(text, (kind, s, e) => {
          expect(['AUTHORIZATION_HEADER', 'BASIC_AUTH_CREDENTIALS']).toContain(kind);
          expect(0 <= s && s < e && e <= text.length).toBe(true);
        });
      }),
      { numRuns: 3000 },
    );
  });

  test('a megabyte of headers and curl options is read in linear time', () => {
    for (const text of [
      'Authorization: '.repeat(70_000),
      `Authorization: Bearer ${'a1'.repeat(500_000)}`,
      `curl ${'-u a:b '.repeat(140_000)}`,
      `curl ${'\\\n'.repeat(400_000)} -u admin:Sup3rS3cret9`,
      `${'-u "a:b" '.repeat(100_000)}curl`,
      `curl ${"-u a:'b' ".repeat(100_000)}`,
      `curl -u ${'a"'.repeat(500_000)}`,
    ]) {
      let n = 0;
      forEachHttpCredential(text, () => n++);
      expect(n).toBeLessThan(text.length);
      expect(Array.isArray(detectSecrets(text))).toBe(true);
    }
  });
});

describe('registry logins stored as base64 of user:password', () => {
  const spans = (t: string) => detectSecrets(t).map((f) => `${f.kind}:${t.slice(f.start, f.end)}`);
  const login = btoa('deploy:Sup3rS3cret9!');

  test.each([
    `{"auths":{"https://index.docker.io/v1/":{"auth":"${login}"}}}`,
    `{\n  "auths": {\n    "ghcr.io": {\n      "auth": "${login}"\n    }\n  }\n}`,
    `//registry.example.com/:_auth=${login}`,
    `_auth = "${login}"`,
  ])('%s', (text) => {
    expect(spans(text)).toEqual([`BASIC_AUTH_CREDENTIALS:${login}`]);
  });

  test.each([
    // The password is one of the words written for a password ("password", "admin"): no credential.
    `{"auth":"${btoa('user:password')}"}`,
    `{"auth":"${btoa('admin:admin')}"}`,
    // No user, not base64 of text, not base64 at all, or no login in it.
    `{"auth":"${btoa(':Sup3rS3cret9!')}"}`,
    `{"auth":"${btoa('\u0001\u0002:Sup3rS3cret9!\u00ff')}"}`,
    '{"auth":"required"}',
    `{"auth":"${btoa('no colon in this value 123')}"}`,
    // Not the key of a login.
    `{"oauth":"${login}"}`,
    `my_auth=${login}`,
  ])('not: %s', (text) => {
    expect(spans(text).filter((s) => s.startsWith('BASIC_AUTH_CREDENTIALS'))).toEqual([]);
  });

  test('a megabyte of login keys is read in linear time', () => {
    for (const text of [
      '"auth":"'.repeat(130_000),
      `_auth=${'QUJD'.repeat(250_000)}`,
      `"auth":"${login}"`.repeat(30_000),
    ]) {
      expect(Array.isArray(detectSecrets(text))).toBe(true);
    }
  });
});

describe('URL_CREDENTIALS', () => {
  const spans = (t: string) => detectSecrets(t).map((f) => `${f.kind}:${t.slice(f.start, f.end)}`);

  test('the password of an http(s) URL with credentials', () => {
    expect(spans('gem source https://cafebabe:deadbeef@gems.contribsys.com/')).toEqual(['URL_CREDENTIALS:deadbeef']);
    expect(spans('GET http://admin:Sup3rS3cret9@10.0.0.5:8080/api')).toEqual(['URL_CREDENTIALS:Sup3rS3cret9']);
  });

  test.each([
    // Node's URL documentation: a password shorter than 6 units.
    "const myURL = new URL('https://abc:xyz@example.com');",
    'https://user:password@example.org/',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal placeholder is the input
    'https://deploy:${PASSWORD}@registry.example.org',
    'https://u:xxxxxxxxxx@host.example',
  ])('not: %s', (text) => {
    expect(spans(text).filter((s) => s.startsWith('URL_CREDENTIALS'))).toEqual([]);
  });
});
