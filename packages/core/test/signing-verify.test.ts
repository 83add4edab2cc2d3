/**
 * The verification suite, run in Node and in Chromium with browser `File` objects: model_signing's
 * v1.1.0 elliptic-key model, the OMS v1.0 spec vectors (valid verify, invalid fail with the right
 * code), and every legacy model_signing signature format (v0.2 to v1.1, key and certificate). The
 * keyless (Sigstore) vectors and their tamper matrix are in signing-keyless.test.ts.
 */
import { IntegrityError } from '@modelsec/core';
import {
  fileListSource,
  importPublicKey,
  keyHint,
  type ModelSource,
  verifyBundle,
  verifyModel,
} from '@modelsec/core/signing';
import { readSharedBytes, readSharedFile, readSharedJSON, readSharedText } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';
import legacy from './vectors/signing-legacy.json';

const MT = 'model-transparency';
const OMS = 'oms-spec-vectors';
const publicKey = await readSharedText(`${MT}/keys/certificate/signing-key-pub.pem`);
const caCert = await readSharedText(`${MT}/keys/certificate/ca-cert.pem`);

async function v110(): Promise<ModelSource> {
  const names = ['ignore-me', 'model.sig', 'signme-1', 'signme-2'];
  const files = await Promise.all(names.map((n) => readSharedFile(`${MT}/v1.1.0-elliptic-key/${n}`)));
  return fileListSource(files, { name: 'v1.1.0-elliptic-key' });
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(IntegrityError.isInstance(e), String(e)).toBe(true);
    return (e as IntegrityError).code;
  }
  throw new Error('expected a rejection');
}

describe('model_signing v1.1.0 elliptic-key model', () => {
  test('verifies with its public key, as upstream CI does (ignore path ignore-me)', async () => {
    const bundle = await readSharedBytes(`${MT}/v1.1.0-elliptic-key/model.sig`);
    const cases = await readSharedJSON<{
      cases: { bundle: { subjects: { digest: { sha256: string } }[] }; gatherer_checks: { publicKey_hint: string } }[];
    }>(`${MT}/verify-cases.json`);
    const expected = cases.cases[0];
    const result = await verifyModel(await v110(), bundle, { publicKey, ignorePaths: ['ignore-me'] });
    expect(result.method).toBe('key');
    expect(result.format).toBe('v1.0');
    expect(result.signer.hint).toBe(expected?.gatherer_checks.publicKey_hint);
    expect(result.manifest.rootDigest).toBe(expected?.bundle.subjects[0]?.digest.sha256);
    expect(result.manifest.resources.map((r) => r.name)).toEqual(['signme-1', 'signme-2']);
    expect(result.warnings).toEqual([]);
  });
  test('publicKey.hint is SHA-256 of the PEM as Python cryptography writes it', async () => {
    expect(await keyHint(await importPublicKey(publicKey))).toBe(
      'e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e',
    );
  });
  test('a changed file is reported by name', async () => {
    const bundle = await readSharedBytes(`${MT}/v1.1.0-elliptic-key/model.sig`);
    const files = await Promise.all(
      ['ignore-me', 'model.sig', 'signme-1'].map((n) => readSharedFile(`${MT}/v1.1.0-elliptic-key/${n}`)),
    );
    files.push(new File(['tampered'], 'signme-2'));
    const error = await verifyModel(fileListSource(files, { name: 'm' }), bundle, { publicKey }).catch((e) => e);
    expect(error.code).toBe('digest_mismatch');
    expect(error.details).toEqual({ added: [], missing: [], renamed: [], changed: ['signme-2'] });
  });
});

describe('OMS v1.0 spec vectors', () => {
  test('valid/key.bundle.json verifies the v1.1.0 model with the test key', async () => {
    const bundle = await readSharedBytes(`${OMS}/valid/key.bundle.json`);
    const r = await verifyModel(await v110(), bundle, { publicKey, ignorePaths: ['model.sig'] });
    expect(r.manifest.modelName).toBe('model');
  });
  test('valid/certificate.bundle.json verifies through the chain to the test root CA', async () => {
    const bundle = await readSharedBytes(`${OMS}/valid/certificate.bundle.json`);
    const r = await verifyModel(await v110(), bundle, { certificateChain: caCert, ignorePaths: ['model.sig'] });
    expect(r.method).toBe('certificate');
  });
  test('valid/sigstore.bundle.json verifies keyless against the public-good root', async () => {
    const bundle = await readSharedBytes(`${OMS}/valid/sigstore.bundle.json`);
    const p = verifyBundle(bundle, {
      keyless: { identity: 'stefanb@us.ibm.com', issuer: 'https://sigstore.verify.ibm.com/oauth2' },
    });
    expect((await p).method).toBe('sigstore');
  });
  const invalid: [string, string][] = [
    ['invalid/empty.bundle.json', 'bundle_malformed'],
    ['invalid/missing-envelope.bundle.json', 'bundle_malformed'],
    ['invalid/missing-tlog-entries.bundle.json', 'bundle_malformed'],
    ['invalid/missing-verification-material.bundle.json', 'bundle_malformed'],
    ['invalid-payload/wrong-predicate.bundle.json', 'predicate_unsupported'],
  ];
  for (const [file, expected] of invalid) {
    test(`${file} is rejected with ${expected}`, async () => {
      const bundle = await readSharedBytes(`${OMS}/${file}`);
      expect(await code(verifyBundle(bundle, { publicKey }))).toBe(expected);
    });
  }
  test('expected.json lists exactly these vectors', async () => {
    const expected = await readSharedJSON<{ vectors: Record<string, { expect: string }> }>(`${OMS}/expected.json`);
    expect(Object.keys(expected.vectors).sort()).toEqual(
      [
        ...invalid.map(([f]) => f),
        'valid/certificate.bundle.json',
        'valid/key.bundle.json',
        'valid/sigstore.bundle.json',
      ].sort(),
    );
  });
});

describe('legacy model_signing signatures (v0.2 to v1.1)', () => {
  for (const c of legacy.cases.filter((x) => x.method !== 'sigstore')) {
    test(`${c.name} (${c.method})`, async () => {
      const files = Object.entries(c.files as Record<string, string>);
      const source =
        c.model === '.'
          ? fileListSource([...files.map(([n, t]) => new File([t], n)), new File([c.signature], 'model.sig')], {
              name: c.name,
            })
          : fileListSource([new File([(c.files as Record<string, string>)[c.model] ?? ''], c.model)]);
      const options = c.method === 'key' ? { publicKey } : { certificateChain: caCert };
      const r = await verifyModel(source, c.signature, { ...options, ignorePaths: [...c.ignore_paths, 'model.sig'] });
      expect(r.verified).toBe(true);
      if (c.name.startsWith('v0.2')) {
        expect(r.format).toBe('v0.1');
        expect(r.warnings.join(' ')).toContain('v0.2');
      }
    });
  }
  test('legacy rawBytes naming another key → key_mismatch; keyDetails naming another curve → algorithm_mismatch', async () => {
    const c = legacy.cases.find((x) => x.name === 'v1.0.0-elliptic-key') as (typeof legacy.cases)[number];
    const source = fileListSource([new File([(c.files as Record<string, string>)['signme-1'] ?? ''], 'signme-1')]);
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign']);
    const spki = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey))));
    const otherPem = `-----BEGIN PUBLIC KEY-----\n${spki}\n-----END PUBLIC KEY-----\n`;
    const swapped = JSON.parse(c.signature);
    swapped.verificationMaterial.publicKey.rawBytes = btoa(otherPem);
    expect(await code(verifyModel(source, JSON.stringify(swapped), { publicKey }))).toBe('key_mismatch');
    const details = JSON.parse(c.signature);
    details.verificationMaterial.publicKey.keyDetails = 'PKIX_ECDSA_P256_SHA_256';
    expect(await code(verifyModel(source, JSON.stringify(details), { publicKey }))).toBe('algorithm_mismatch');
  });
});
