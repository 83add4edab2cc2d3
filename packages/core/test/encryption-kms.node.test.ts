/**
 * AWS KMS adapter against the real `@aws-sdk/client-kms` talking HTTP to a local server that speaks
 * the KMS JSON protocol (AWS JSON 1.1, `X-Amz-Target: TrentService.<Operation>`): Encrypt, Decrypt
 * and GenerateDataKey, backed by real AES-256-GCM keys and checking the encryption context, KeyId and
 * SigV4 Authorization header. (moto, the usual local KMS, is not installable here: no PyPI.) Request
 * and response shapes follow the AWS KMS API reference; the SDK's own serializers and error parsers
 * run unmodified.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DecryptCommand, EncryptCommand, GenerateDataKeyCommand, KMS, KMSClient } from '@aws-sdk/client-kms';
import { AccessError, IntegrityError } from '@modelsec/core';
import {
  awsKmsKeyProvider,
  decryptBytes,
  encryptBytes,
  inspectContainer,
  KMS_CONTEXT_KEY,
  rawKeyProvider,
  rewrapModel,
} from '@modelsec/core/encryption';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';

/** A tiny KMS: keys by ARN, aliases, and an opaque ciphertext blob = key index || iv || tag || ciphertext. */
class LocalKms {
  readonly keys: { arn: string; key: Buffer }[] = [];
  readonly aliases = new Map<string, string>();
  readonly log: { target: string; context: Record<string, string> | undefined; keyId?: string }[] = [];

  createKey(alias?: string): string {
    const arn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${randomUUID()}`;
    this.keys.push({ arn, key: randomBytes(32) });
    if (alias) this.aliases.set(`alias/${alias}`, arn);
    return arn;
  }

  handle(target: string, body: Record<string, unknown>): [number, Record<string, unknown>] {
    const context = body.EncryptionContext as Record<string, string> | undefined;
    this.log.push({ target, context, keyId: body.KeyId as string | undefined });
    const aad = Buffer.from(JSON.stringify(Object.entries(context ?? {}).sort()));
    switch (target) {
      case 'TrentService.GenerateDataKey':
      case 'TrentService.Encrypt': {
        const k = this.resolve(body.KeyId);
        if (!k) return [400, { __type: 'NotFoundException', message: 'key not found' }];
        const plaintext =
          target === 'TrentService.Encrypt' ? Buffer.from(body.Plaintext as string, 'base64') : randomBytes(32);
        if (target === 'TrentService.GenerateDataKey' && body.KeySpec !== 'AES_256') {
          return [400, { __type: 'ValidationException', message: 'KeySpec' }];
        }
        const blob = this.seal(k, plaintext, aad);
        const out: Record<string, unknown> = { CiphertextBlob: blob.toString('base64'), KeyId: k.arn };
        if (target === 'TrentService.GenerateDataKey') out.Plaintext = plaintext.toString('base64');
        else out.EncryptionAlgorithm = 'SYMMETRIC_DEFAULT';
        return [200, out];
      }
      case 'TrentService.Decrypt': {
        const blob = Buffer.from(body.CiphertextBlob as string, 'base64');
        const k = this.keys[blob[0] ?? 255];
        if (!k || blob.length < 29) return [400, { __type: 'InvalidCiphertextException', message: '' }];
        if (body.KeyId !== undefined && this.resolve(body.KeyId)?.arn !== k.arn) {
          return [400, { __type: 'IncorrectKeyException', message: 'wrong key' }];
        }
        try {
          const d = createDecipheriv('aes-256-gcm', k.key, blob.subarray(1, 13));
          d.setAAD(aad);
          d.setAuthTag(blob.subarray(13, 29));
          const plaintext = Buffer.concat([d.update(blob.subarray(29)), d.final()]);
          return [
            200,
            { Plaintext: plaintext.toString('base64'), KeyId: k.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
          ];
        } catch {
          return [400, { __type: 'InvalidCiphertextException', message: '' }];
        }
      }
      default:
        return [400, { __type: 'UnknownOperationException', message: '' }];
    }
  }

  private resolve(id: unknown) {
    const arn = typeof id === 'string' ? (this.aliases.get(id) ?? id) : '';
    return this.keys.find((k) => k.arn === arn || k.arn.endsWith(`/${arn}`));
  }

  private seal(k: { arn: string; key: Buffer }, plaintext: Buffer, aad: Buffer): Buffer {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', k.key, iv);
    c.setAAD(aad);
    const ct = Buffer.concat([c.update(plaintext), c.final()]);
    return Buffer.concat([Buffer.of(this.keys.indexOf(k)), iv, c.getAuthTag(), ct]);
  }
}

const kms = new LocalKms();
let server: Server;
let endpoint = '';
const unsigned: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 Credential=AKIDTEST/')) {
        unsigned.push(target);
      }
      const [status, body] =
        req.method === 'POST' && req.headers['content-type'] === 'application/x-amz-json-1.1'
          ? kms.handle(target, JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'))
          : [400, { __type: 'SerializationException', message: '' }];
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const clientConfig = () => ({
  endpoint,
  region: REGION,
  credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
  maxAttempts: 1,
});

describe('AWS KMS adapter with @aws-sdk/client-kms (recorded-protocol local KMS)', () => {
  test('KMSClient + commands: GenerateDataKey to encrypt, Decrypt to open, container id as encryption context', async () => {
    const arn = kms.createKey('models');
    const keyProvider = awsKmsKeyProvider({
      client: new KMSClient(clientConfig()),
      commands: { EncryptCommand, DecryptCommand, GenerateDataKeyCommand },
      keyId: 'alias/models',
    });
    const data = randomBytes(70_000);
    kms.log.length = 0;
    const container = await encryptBytes(data, { keyProvider, chunkSize: 4096 });
    const info = await inspectContainer(container);
    expect(info).toMatchObject({ provider: 'aws-kms', keyId: arn }); // the canonical ARN KMS answered
    expect(Buffer.from(await decryptBytes(container, { keyProvider })).equals(data)).toBe(true);
    expect(kms.log.map((l) => l.target)).toEqual(['TrentService.GenerateDataKey', 'TrentService.Decrypt']);
    const contexts = kms.log.map((l) => l.context?.[KMS_CONTEXT_KEY]);
    expect(contexts[0]).toMatch(/^[0-9a-f]{14}$/); // hex of the 7-byte nonce prefix
    expect(contexts[1]).toBe(contexts[0]);
    expect(kms.log[1]?.keyId).toBe('alias/models');
    expect(unsigned).toEqual([]);
  });

  test('aggregated KMS client; rotation to another KMS key with Encrypt, chunks untouched', async () => {
    kms.createKey('old');
    const newArn = kms.createKey('new');
    const client = new KMS(clientConfig());
    const from = awsKmsKeyProvider({ client, keyId: 'alias/old' });
    const to = awsKmsKeyProvider({ client, keyId: 'alias/new' });
    const data = randomBytes(10_000);
    const container = await encryptBytes(data, { keyProvider: from });
    kms.log.length = 0;
    const rotated = new Uint8Array(await new Response(rewrapModel(container, { from, to })).arrayBuffer());
    expect(kms.log.map((l) => l.target)).toEqual(['TrentService.Decrypt', 'TrentService.Encrypt']);
    const a = await inspectContainer(container);
    const b = await inspectContainer(rotated);
    expect(b.keyId).toBe(newArn);
    expect(Buffer.from(rotated.subarray(b.headerLength)).equals(Buffer.from(container.subarray(a.headerLength)))).toBe(
      true,
    );
    expect(Buffer.from(await decryptBytes(rotated, { keyProvider: to })).equals(data)).toBe(true);
    // KMS refuses the old key for the rotated container (IncorrectKeyException → key_mismatch).
    const err = await decryptBytes(rotated, { keyProvider: from }).catch((e) => e);
    expect(IntegrityError.isInstance(err)).toBe(true);
    expect(err.code).toBe('key_mismatch');
  });

  test('an edited nonce prefix changes the encryption context: KMS refuses (key_mismatch)', async () => {
    kms.createKey('ctx');
    const keyProvider = awsKmsKeyProvider({ client: new KMS(clientConfig()), keyId: 'alias/ctx' });
    const container = await encryptBytes(randomBytes(100), { keyProvider });
    container[12] = (container[12] as number) ^ 1;
    await expect(decryptBytes(container, { keyProvider })).rejects.toMatchObject({ code: 'key_mismatch' });
  });

  test('an unreachable or failing service is an AccessError (key_unavailable), not a crash', async () => {
    const down = awsKmsKeyProvider({
      client: new KMS({ ...clientConfig(), endpoint: 'http://127.0.0.1:9' }),
      keyId: 'alias/models',
    });
    const err = await encryptBytes(randomBytes(10), { keyProvider: down }).catch((e) => e);
    expect(AccessError.isInstance(err)).toBe(true);
    expect(err.code).toBe('key_unavailable');
    const missing = awsKmsKeyProvider({ client: new KMS(clientConfig()), keyId: 'alias/none' });
    await expect(encryptBytes(randomBytes(10), { keyProvider: missing })).rejects.toMatchObject({
      code: 'key_unavailable',
      message: expect.stringContaining('NotFoundException'),
    });
    // A container wrapped locally is not opened by the KMS provider.
    const local = await encryptBytes(randomBytes(10), { keyProvider: rawKeyProvider(new Uint8Array(32)) });
    await expect(decryptBytes(local, { keyProvider: missing })).rejects.toMatchObject({ code: 'key_mismatch' });
  });
});
