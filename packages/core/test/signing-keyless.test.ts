/**
 * Keyless (Sigstore) bundles verified offline, in Node and in Chromium, against the bundled
 * public-good trusted root: model_signing's v0.3.1, v1.0.0, v1.0.1 and v1.1.0 Sigstore test models
 * (vectors/signing-legacy.json) and the OMS spec's valid/sigstore.bundle.json (with an RFC 3161
 * timestamp), identity and issuer policy, the tamper matrix of support/keyless-cases.ts (each case
 * with its specific code), and arbitrary mutations of a valid bundle.
 */
import { ModelSecError } from '@modelsec/core';
import {
  fileListSource,
  parseBundle,
  SIGSTORE_PUBLIC_GOOD_ROOT,
  verifyBundle,
  verifyKeyless,
  verifyModel,
} from '@modelsec/core/signing';
import { readSharedBytes } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type Json, POLICY, SIGSTORE_CASES, TAMPER_CASES, tampered, V110 } from './support/keyless-cases';

function source(c: (typeof SIGSTORE_CASES)[number]) {
  const files = Object.entries(c.files as Record<string, string>).map(([n, t]) => new File([t], n));
  return fileListSource([...files, new File([c.signature], 'model.sig')], { name: c.name });
}

describe('model_signing Sigstore test models', () => {
  test('there are four of them', () => expect(SIGSTORE_CASES.map((c) => c.name)).toHaveLength(4));
  for (const c of SIGSTORE_CASES) {
    test(`${c.name} verifies with identity ${c.identity}`, async () => {
      const keyless = { identity: c.identity as string, issuer: c.identity_provider as string };
      const r = await verifyModel(source(c), c.signature, { keyless, ignorePaths: [...c.ignore_paths, 'model.sig'] });
      expect(r.method).toBe('sigstore');
      expect(r.signer.keyless).toEqual(keyless);
    });
  }
  test('another identity or issuer is identity_mismatch', async () => {
    for (const keyless of [
      { ...POLICY, identity: 'someone@example.com' },
      { ...POLICY, identity: 'stefanb@us.ibm.co' },
      { ...POLICY, issuer: 'https://accounts.google.com' },
    ]) {
      await expect(verifyBundle(V110.signature, { keyless })).rejects.toMatchObject({ code: 'identity_mismatch' });
    }
  });
  test('an empty trusted root cannot verify anything', async () => {
    const trustedRoot = { ...SIGSTORE_PUBLIC_GOOD_ROOT, certificateAuthorities: [], tlogs: [] };
    const error = await verifyBundle(V110.signature, { keyless: { ...POLICY, trustedRoot } }).catch((e) => e);
    expect(['tlog_invalid', 'certificate_untrusted']).toContain(error.code);
  });
  test('a trusted root that is not one is ConfigError invalid_config', async () => {
    for (const trustedRoot of ['root', { tlogs: 'x' }, { tlogs: [{ publicKey: { rawBytes: '!!' } }] }]) {
      const error = await verifyBundle(V110.signature, { keyless: { ...POLICY, trustedRoot } }).catch((e) => e);
      expect(error).toMatchObject({ kind: 'config', code: 'invalid_config' });
    }
  });
  test('a changed payloadType (outside the log entry, inside the PAE) is signature_invalid', async () => {
    const bundle = parseBundle(V110.signature);
    await expect(verifyKeyless({ ...bundle, payloadType: 'application/json' }, POLICY)).rejects.toMatchObject({
      code: 'signature_invalid',
    });
  });
});

describe('OMS valid/sigstore.bundle.json', () => {
  test('its signature, certificate, tlog entry and timestamp verify; the model is v1.1.0-sigstore', async () => {
    const bundle = await readSharedBytes('oms-spec-vectors/valid/sigstore.bundle.json');
    const keyless = { identity: 'stefanb@us.ibm.com', issuer: 'https://sigstore.verify.ibm.com/oauth2' };
    const r = await verifyModel(source(V110), bundle, { keyless, ignorePaths: ['model.sig'] });
    expect(r.manifest.modelName).toBe('v1.1.0-sigstore');
  });
});

describe('tamper matrix (v1.1.0 bundle: SET, inclusion proof, checkpoint, SCT, RFC 3161)', () => {
  test('the untampered bundle verifies with an explicit root', async () => {
    const { bundle, root } = tampered({ name: 'none', code: 'accept', apply: () => {} });
    await expect(verifyBundle(bundle, { keyless: { ...POLICY, trustedRoot: root } })).resolves.toMatchObject({
      verified: true,
    });
  });
  for (const c of TAMPER_CASES) {
    test(`${c.name}: ${c.code}`, async () => {
      const { bundle, root } = tampered(c);
      const result = verifyBundle(bundle, { keyless: { ...POLICY, trustedRoot: root } });
      if (c.code === 'accept') await expect(result).resolves.toMatchObject({ verified: true });
      else await expect(result).rejects.toMatchObject({ code: c.code, kind: 'integrity' });
    });
  }
});

describe('adversarial megabyte fields', () => {
  const big = 'A'.repeat(1 << 20);
  const cases: [string, (b: Json) => void][] = [
    [
      'checkpoint envelope',
      (b) => (b.verificationMaterial.tlogEntries[0].inclusionProof.checkpoint.envelope = `${big}\n\n— x ${big}\n`),
    ],
    ['integratedTime', (b) => (b.verificationMaterial.tlogEntries[0].integratedTime = '9'.repeat(1 << 20))],
    ['canonicalizedBody', (b) => (b.verificationMaterial.tlogEntries[0].canonicalizedBody = big)],
    [
      'RFC 3161 token',
      (b) => (b.verificationMaterial.timestampVerificationData.rfc3161Timestamps[0].signedTimestamp = big),
    ],
  ];
  for (const [name, apply] of cases) {
    test(`a 1 MiB ${name} is a typed rejection`, async () => {
      const bundle = JSON.parse(V110.signature);
      apply(bundle);
      const error = await verifyBundle(JSON.stringify(bundle), { keyless: POLICY }).catch((e) => e);
      expect(ModelSecError.isInstance(error)).toBe(true);
      expect(error.message.length).toBeLessThan(300);
    });
  }
});

describe('arbitrary mutations of a valid bundle', () => {
  const paths: (string | number)[][] = [];
  const walk = (v: Json, path: (string | number)[]) => {
    paths.push(path);
    if (v && typeof v === 'object')
      for (const k of Object.keys(v)) walk(v[k], [...path, Array.isArray(v) ? Number(k) : k]);
  };
  walk(JSON.parse(V110.signature), []);
  const mutation = fc.record({
    path: fc.constantFrom(...paths.slice(1)),
    op: fc.oneof(
      fc.constant({ kind: 'delete' as const }),
      fc.record({ kind: fc.constant('replace' as const), value: fc.jsonValue({ maxDepth: 2 }) }),
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(4000), bit: fc.integer({ min: 0, max: 5 }) }),
    ),
  });
  test('never crash or hang: they verify or throw a typed ModelSecError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const bundle = JSON.parse(V110.signature);
        for (const { path, op } of mutations) {
          let parent = bundle;
          for (const k of path.slice(0, -1)) parent = parent?.[k];
          const key = path[path.length - 1] as string;
          if (!parent || typeof parent !== 'object') continue;
          if (op.kind === 'delete') delete parent[key];
          else if (op.kind === 'replace') parent[key] = op.value;
          else if (typeof parent[key] === 'string' && parent[key].length > 0) {
            const s = parent[key] as string;
            const i = op.at % s.length;
            parent[key] = s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) ^ (1 << op.bit)) + s.slice(i + 1);
          }
        }
        try {
          await verifyBundle(JSON.stringify(bundle), { keyless: POLICY });
        } catch (error) {
          expect(ModelSecError.isInstance(error)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
  test('arbitrary trusted roots give a result or a typed error', async () => {
    const log = fc.record({
      publicKey: fc.record({ rawBytes: fc.base64String() }),
      logId: fc.record({ keyId: fc.base64String() }),
    });
    const root = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ tlogs: fc.array(log, { maxLength: 2 }), ctlogs: fc.array(log, { maxLength: 2 }) }),
      fc.constant(null).map(() => ({ ...SIGSTORE_PUBLIC_GOOD_ROOT, timestampAuthorities: [{ certChain: {} }] })),
    );
    await fc.assert(
      fc.asyncProperty(root, async (trustedRoot) => {
        // null / undefined fall back to the public-good root, which verifies.
        const outcome = await verifyBundle(V110.signature, { keyless: { ...POLICY, trustedRoot } }).catch((e) => e);
        expect(outcome.verified === true || ModelSecError.isInstance(outcome)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
