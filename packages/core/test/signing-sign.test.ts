/**
 * signModel: model_signing's own test key re-signs the v1.1.0 model with the same manifest and key
 * hint; round trips for P-256/P-384/P-521 (PEM PKCS#8, SEC1, JWK, non-extractable CryptoKeyPair),
 * Ed25519 (extension), certificate chains built from the upstream test CA; shards and hash types.
 */
import {
  createSigner,
  fileListSource,
  keyHint,
  memorySource,
  parseBundle,
  parseStatement,
  signModel,
  verifyModel,
} from '@modelsec/core/signing';
import { readSharedFile, readSharedJSON, readSharedText } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';

const KEYS = 'model-transparency/keys/certificate';
const [privatePem, publicPem, leafPem, intPem, caPem] = await Promise.all(
  ['signing-key.pem', 'signing-key-pub.pem', 'signing-key-cert.pem', 'int-ca-cert.pem', 'ca-cert.pem'].map((f) =>
    readSharedText(`${KEYS}/${f}`),
  ),
);

function pem(label: string, der: ArrayBuffer): string {
  const b64 = btoa(String.fromCharCode(...new Uint8Array(der)));
  return `-----BEGIN ${label}-----\n${b64.replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;
}

const model = memorySource('tiny', {
  'config.json': '{"a":1}',
  'w/weights.bin': new Uint8Array(3000).fill(7),
  'README.md': '',
});

describe('signing the upstream v1.1.0 model with the upstream key', () => {
  test('same manifest, root digest and key hint as model_signing wrote', async () => {
    const names = ['ignore-me', 'model.sig', 'signme-1', 'signme-2'];
    const files = await Promise.all(names.map((n) => readSharedFile(`model-transparency/v1.1.0-elliptic-key/${n}`)));
    const source = fileListSource(files, { name: 'v1.1.0-elliptic-key' });
    const signed = await signModel(source, {
      privateKey: privatePem as string,
      signaturePath: 'model.sig',
      ignorePaths: ['ignore-me'],
    });
    const cases = await readSharedJSON<{
      cases: { bundle: { resources: unknown[]; subjects: { digest: { sha256: string } }[] } }[];
    }>('model-transparency/verify-cases.json');
    const upstream = cases.cases[0]?.bundle;
    expect(signed.manifest.rootDigest).toBe(upstream?.subjects[0]?.digest.sha256);
    expect(signed.manifest.resources).toEqual(upstream?.resources);
    expect(signed.manifest.serialization.ignorePaths).toEqual([
      '.git',
      '.gitattributes',
      '.github',
      '.gitignore',
      'ignore-me',
      'model.sig',
    ]);
    expect(signed.bundle).toMatchObject({
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      verificationMaterial: {
        publicKey: { hint: 'e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e' },
        tlogEntries: [],
      },
    });
    const r = await verifyModel(source, signed.text, { publicKey: publicPem as string });
    expect(r.manifest).toEqual(signed.manifest);
    // ECDSA with RFC 6979 (WebCrypto) is randomized, so only the signed content is compared.
    const parsed = parseBundle(signed.text);
    expect((await parseStatement(parsed.payload)).manifest).toEqual(signed.manifest);
  });
  test('certificate method: leaf + intermediate, verified against the root CA', async () => {
    const signed = await signModel(model, {
      privateKey: privatePem as string,
      certificateChain: [leafPem as string, intPem as string],
    });
    const b = signed.bundle as { verificationMaterial: { x509CertificateChain: { certificates: unknown[] } } };
    expect(b.verificationMaterial.x509CertificateChain.certificates).toHaveLength(2);
    const r = await verifyModel(model, signed.text, { certificateChain: caPem as string });
    expect(r.method).toBe('certificate');
    // The intermediate alone is not a trust anchor for another root.
    await expect(verifyModel(model, signed.text, { certificateChain: leafPem as string })).rejects.toMatchObject({
      code: 'certificate_untrusted',
    });
  });
  test('a certificate that is not the private key`s is key_mismatch', async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, false, ['sign', 'verify']);
    await expect(signModel(model, { privateKey: pair, certificateChain: leafPem as string })).rejects.toMatchObject({
      code: 'key_mismatch',
    });
  });
});

describe('round trips', () => {
  for (const curve of ['P-256', 'P-384', 'P-521'] as const) {
    test(`${curve}: PKCS#8 PEM, JWK and a non-extractable CryptoKeyPair sign; the SPKI PEM verifies`, async () => {
      const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: curve }, true, ['sign', 'verify']);
      const publicKey = pem('PUBLIC KEY', await crypto.subtle.exportKey('spki', pair.publicKey));
      const inputs = [
        pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', pair.privateKey)),
        await crypto.subtle.exportKey('jwk', pair.privateKey),
        pair,
      ];
      for (const privateKey of inputs) {
        const signed = await signModel(model, { privateKey, method: 'shards', shardSize: 1024 });
        // The empty README.md has no shard (model_signing's rule).
        expect(signed.manifest.resources.map((r) => r.name)).toEqual([
          'config.json:0:7',
          'w/weights.bin:0:1024',
          'w/weights.bin:1024:2048',
          'w/weights.bin:2048:3000',
        ]);
        const r = await verifyModel(model, signed.text, { publicKey });
        expect(r.signer.hint).toBe(await keyHint((await createSigner(privateKey)).publicKey));
      }
    });
  }
  test('Ed25519 (modelsec extension) signs and verifies', async () => {
    const pair = (await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
    const privateKey = pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', pair.privateKey));
    const publicKey = pem('PUBLIC KEY', await crypto.subtle.exportKey('spki', pair.publicKey));
    const signed = await signModel(model, { privateKey });
    expect((await verifyModel(model, signed.text, { publicKey })).verified).toBe(true);
  });
  for (const hashType of ['sha256', 'blake2b', 'blake3'] as const) {
    test(`hash type ${hashType}`, async () => {
      const signed = await signModel(model, { privateKey: privatePem as string, hashType });
      expect(signed.manifest.serialization.hashType).toBe(hashType);
      expect(signed.manifest.resources[0]?.digest).toHaveLength(hashType === 'blake2b' ? 128 : 64);
      await verifyModel(model, signed.text, { publicKey: publicPem as string });
    });
  }
  test('OMS spec naming: single-file resource named after the file, plain shard algorithm', async () => {
    const single = memorySource('model.onnx', new Uint8Array(10).fill(1));
    const signed = await signModel(single, {
      privateKey: privatePem as string,
      method: 'shards',
      shardSize: 4,
      naming: 'spec',
    });
    expect(signed.manifest.resources.map((r) => `${r.name} ${r.algorithm}`)).toEqual([
      'model.onnx:0:4 sha256',
      'model.onnx:4:8 sha256',
      'model.onnx:8:10 sha256',
    ]);
    await verifyModel(single, signed.text, { publicKey: publicPem as string });
    const ref = await signModel(single, { privateKey: privatePem as string, method: 'shards', shardSize: 4 });
    expect(ref.manifest.resources[0]).toMatchObject({ name: '.:0:4', algorithm: 'sha256-sharded-4' });
    expect(ref.manifest.rootDigest).toBe(signed.manifest.rootDigest);
  });
  test('a stream source hashes in one pass, sharded on the fly', async () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i & 255);
    const stream = new Blob([bytes]).stream();
    const { streamSource, hashModel } = await import('@modelsec/core/signing');
    const a = await hashModel(streamSource('s.bin', stream), { method: 'shards', shardSize: 30_000 });
    const b = await hashModel(memorySource('s.bin', bytes), { method: 'shards', shardSize: 30_000 });
    expect(a).toEqual(b);
    expect(a.resources).toHaveLength(4);
  });
});
