/**
 * Keyless (Sigstore) bundles, verified offline in Node through @sigstore/verify against the bundled
 * public-good trusted root: model_signing's v0.3.1, v1.0.0, v1.0.1 and v1.1.0 Sigstore test models
 * (vectors/signing-legacy.json) and the OMS spec's valid/sigstore.bundle.json, with identity and
 * issuer policy, and their tamper cases.
 */
import { fileListSource, SIGSTORE_PUBLIC_GOOD_ROOT, verifyBundle, verifyModel } from '@modelsec/core/signing';
import { readSharedBytes } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';
import legacy from './vectors/signing-legacy.json';

const sigstore = legacy.cases.filter((c) => c.method === 'sigstore');

function source(c: (typeof sigstore)[number]) {
  const files = Object.entries(c.files as Record<string, string>).map(([n, t]) => new File([t], n));
  return fileListSource([...files, new File([c.signature], 'model.sig')], { name: c.name });
}

describe('model_signing Sigstore test models', () => {
  test('there are four of them', () => expect(sigstore.map((c) => c.name)).toHaveLength(4));
  for (const c of sigstore) {
    test(`${c.name} verifies with identity ${c.identity}`, async () => {
      const keyless = { identity: c.identity as string, issuer: c.identity_provider as string };
      const r = await verifyModel(source(c), c.signature, { keyless, ignorePaths: [...c.ignore_paths, 'model.sig'] });
      expect(r.method).toBe('sigstore');
      expect(r.signer.keyless).toEqual(keyless);
    });
  }
  const c = sigstore.at(-1) as (typeof sigstore)[number];
  test('another identity or issuer is identity_mismatch', async () => {
    for (const keyless of [
      { identity: 'someone@example.com', issuer: c.identity_provider as string },
      { identity: c.identity as string, issuer: 'https://accounts.google.com' },
    ]) {
      await expect(verifyBundle(c.signature, { keyless })).rejects.toMatchObject({ code: 'identity_mismatch' });
    }
  });
  test('an empty trusted root cannot verify anything', async () => {
    const trustedRoot = { ...SIGSTORE_PUBLIC_GOOD_ROOT, certificateAuthorities: [], tlogs: [] };
    const keyless = { identity: c.identity as string, issuer: c.identity_provider as string, trustedRoot };
    const error = await verifyBundle(c.signature, { keyless }).catch((e) => e);
    expect(['tlog_invalid', 'certificate_untrusted']).toContain(error.code);
  });
  test('a tampered payload fails', async () => {
    const bundle = JSON.parse(c.signature);
    const payload = atob(bundle.dsseEnvelope.payload).replace('signme-1', 'signme-9');
    bundle.dsseEnvelope.payload = btoa(payload);
    const keyless = { identity: c.identity as string, issuer: c.identity_provider as string };
    const error = await verifyBundle(JSON.stringify(bundle), { keyless }).catch((e) => e);
    expect(error.kind).toBe('integrity');
  });
});

describe('OMS valid/sigstore.bundle.json', () => {
  test('its signature, certificate, tlog entry and timestamp verify; the model is v1.1.0-sigstore', async () => {
    const bundle = await readSharedBytes('oms-spec-vectors/valid/sigstore.bundle.json');
    const keyless = { identity: 'stefanb@us.ibm.com', issuer: 'https://sigstore.verify.ibm.com/oauth2' };
    const v110 = sigstore.find((x) => x.name === 'v1.1.0-sigstore') as (typeof sigstore)[number];
    const r = await verifyModel(source(v110), bundle, { keyless, ignorePaths: ['model.sig'] });
    expect(r.manifest.modelName).toBe('v1.1.0-sigstore');
  });
});
