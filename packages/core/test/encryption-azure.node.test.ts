/**
 * Azure Key Vault adapter against the real `@azure/keyvault-keys` `CryptographyClient`, talking HTTPS to
 * a local server that implements the Key Vault REST calls it makes: challenge authentication (401 with
 * `WWW-Authenticate`, then a bearer token), GET key (403, so every operation runs remotely), and
 * `wrapkey` / `unwrapkey` with a real RSA-2048 key (RSA-OAEP-256). Recorded-protocol test: no Azure
 * emulator exists for Key Vault keys; shapes follow the Key Vault REST reference, and the SDK's pipeline,
 * auth policy and serializers run unmodified. The TLS certificate is made with the openssl CLI.
 */
import { execFileSync } from 'node:child_process';
import { constants, generateKeyPairSync, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CryptographyClient } from '@azure/keyvault-keys';
import { azureKeyVaultKeyProvider, decryptBytes, encryptBytes, inspectContainer } from '@modelsec/core/encryption';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const TOKEN = 'local-test-token';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const log: string[] = [];
let server: Server;
let vault = '';
let ca = '';

function b64url(b: Buffer): string {
  return b.toString('base64url');
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'modelsec-kv-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: ca }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        log.push(`401 ${req.method} ${url.pathname}`);
        return send(
          401,
          { error: { code: 'Unauthorized', message: 'no token' } },
          {
            'www-authenticate':
              'Bearer authorization="https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000", resource="https://vault.azure.net"',
          },
        );
      }
      if (!url.searchParams.get('api-version')) return send(400, { error: { code: 'BadParameter', message: '' } });
      const m = /^\/keys\/models\/v1(?:\/(wrapkey|unwrapkey))?$/.exec(url.pathname);
      log.push(`${req.method} ${url.pathname}`);
      if (!m) return send(404, { error: { code: 'KeyNotFound', message: '' } });
      if (!m[1]) return send(403, { error: { code: 'Forbidden', message: 'no get permission' } });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (body.alg !== 'RSA-OAEP-256') return send(400, { error: { code: 'BadParameter', message: 'alg' } });
      const value = Buffer.from(body.value, 'base64url');
      const oaep = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' };
      try {
        const result =
          m[1] === 'wrapkey'
            ? publicEncrypt({ key: rsa.publicKey, ...oaep }, value)
            : privateDecrypt({ key: rsa.privateKey, ...oaep }, value);
        send(200, { kid: `${vault}/keys/models/v1`, value: b64url(result) });
      } catch {
        send(400, { error: { code: 'BadParameter', message: 'Bad Request' } });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  vault = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

function client(): CryptographyClient {
  const credential = { getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }) };
  return new CryptographyClient(`${vault}/keys/models/v1`, credential, {
    agent: new Agent({ ca }),
    disableChallengeResourceVerification: true,
    retryOptions: { maxRetries: 0 },
  });
}

describe('Azure Key Vault adapter with @azure/keyvault-keys (local HTTPS Key Vault)', () => {
  test('wrapkey / unwrapkey round trip through the SDK, key id recorded', async () => {
    const keyProvider = azureKeyVaultKeyProvider({ client: client() });
    const data = randomBytes(20_000);
    log.length = 0;
    const container = await encryptBytes(data, { keyProvider });
    const info = await inspectContainer(container);
    expect(info).toMatchObject({ provider: 'azure-keyvault', keyId: `${vault}/keys/models/v1` });
    expect(
      Buffer.from(
        await decryptBytes(container, { keyProvider: azureKeyVaultKeyProvider({ client: client() }) }),
      ).equals(data),
    ).toBe(true);
    // The SDK met the auth challenge, was refused the key material (403), then wrapped and unwrapped remotely.
    expect(log[0]).toMatch(/^401 /);
    expect(log).toContain('GET /keys/models/v1');
    expect(log).toContain('POST /keys/models/v1/wrapkey');
    expect(log).toContain('POST /keys/models/v1/unwrapkey');
  });

  test('a wrapped key the vault cannot unwrap is key_mismatch; an edited envelope is caught', async () => {
    const keyProvider = azureKeyVaultKeyProvider({ client: client() });
    const container = await encryptBytes(randomBytes(100), { keyProvider });
    const info = await inspectContainer(container);
    // Replace one base64url character of the wrapped key (same length): the vault answers 400.
    const text = Buffer.from(container).toString('latin1');
    const at = text.indexOf('"wrappedKey":"') + 20;
    const edited = Buffer.from(container);
    edited[at] = edited[at] === 0x41 ? 0x42 : 0x41;
    await expect(decryptBytes(edited, { keyProvider })).rejects.toMatchObject({ code: 'key_mismatch' });
    expect(info.headerLength).toBeGreaterThan(300); // an RSA-2048 wrap: 256 bytes
  });
});
