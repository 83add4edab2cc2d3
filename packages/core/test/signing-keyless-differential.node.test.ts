/**
 * Differential test: modelsec's universal keyless verifier and @sigstore/verify 3.1.1 (node:crypto,
 * thresholds 1/1/1, a dev dependency only) agree, accept or reject, on every valid Sigstore vector
 * and on every case of the tamper matrix.
 */

import { parseBundle, SIGSTORE_PUBLIC_GOOD_ROOT, verifyKeyless } from '@modelsec/core/signing';
import { readSharedBytes } from '@modelsec-test/utils';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { describe, expect, test } from 'vitest';
import { type Json, POLICY, SIGSTORE_CASES, TAMPER_CASES, tampered } from './support/keyless-cases';

function reference(bundle: string, root: Json, policy: { identity: string; issuer: string }): boolean {
  try {
    const entity = toSignedEntity(bundleFromJSON(JSON.parse(bundle)));
    const verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(root)), {
      tlogThreshold: 1,
      ctlogThreshold: 1,
      timestampThreshold: 1,
    });
    verifier.verify(entity, { subjectAlternativeName: policy.identity, extensions: { issuer: policy.issuer } });
    return true;
  } catch {
    return false;
  }
}

async function ours(bundle: string, root: Json, policy: { identity: string; issuer: string }): Promise<boolean> {
  try {
    await verifyKeyless(parseBundle(bundle), { ...policy, trustedRoot: root });
    return true;
  } catch {
    return false;
  }
}

describe('modelsec and @sigstore/verify agree', () => {
  for (const c of SIGSTORE_CASES) {
    test(`${c.name}: both accept`, async () => {
      const policy = { identity: c.identity as string, issuer: c.identity_provider as string };
      expect(reference(c.signature, SIGSTORE_PUBLIC_GOOD_ROOT, policy)).toBe(true);
      expect(await ours(c.signature, SIGSTORE_PUBLIC_GOOD_ROOT, policy)).toBe(true);
    });
  }
  test('OMS valid/sigstore.bundle.json: both accept', async () => {
    const bundle = new TextDecoder().decode(await readSharedBytes('oms-spec-vectors/valid/sigstore.bundle.json'));
    expect(reference(bundle, SIGSTORE_PUBLIC_GOOD_ROOT, POLICY)).toBe(true);
    expect(await ours(bundle, SIGSTORE_PUBLIC_GOOD_ROOT, POLICY)).toBe(true);
  });
  test('another identity or issuer: both reject', async () => {
    const c = SIGSTORE_CASES[0] as (typeof SIGSTORE_CASES)[number];
    for (const policy of [
      { ...POLICY, identity: 'someone@example.com' },
      { ...POLICY, issuer: 'https://accounts.google.com' },
    ]) {
      expect(reference(c.signature, SIGSTORE_PUBLIC_GOOD_ROOT, policy)).toBe(false);
      expect(await ours(c.signature, SIGSTORE_PUBLIC_GOOD_ROOT, policy)).toBe(false);
    }
  });
  for (const c of TAMPER_CASES) {
    test(`${c.name}: both ${c.code === 'accept' ? 'accept' : 'reject'}`, async () => {
      const { bundle, root } = tampered(c);
      expect(reference(bundle, root, POLICY)).toBe(c.code === 'accept');
      expect(await ours(bundle, root, POLICY)).toBe(c.code === 'accept');
    });
  }
});
