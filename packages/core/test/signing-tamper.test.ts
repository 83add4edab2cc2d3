/**
 * The tamper matrix: every way to alter a signed model or its bundle is rejected with a specific
 * IntegrityError code. Crafted statements (traversal names, reordering, algorithm confusion,
 * duplicate keys) are signed with the real key, so only the verifier's own checks stand between the
 * attacker and acceptance. (Symbolic-link swaps need a file system: signing-tamper.node.test.ts.)
 */
import { base64ToBytes, bytesToBase64, IntegrityError } from '@modelsec/core';
import {
  createSigner,
  IN_TOTO_PAYLOAD_TYPE,
  keyHint,
  type ModelManifest,
  memorySource,
  pae,
  rootDigest,
  signModel,
  statementBytes,
  verifyModel,
} from '@modelsec/core/signing';
import { describe, expect, test } from 'vitest';

const files = {
  'a.bin': new Uint8Array(5000).map((_, i) => (i * 7) & 255),
  'sub/b.bin': new Uint8Array(777).fill(3),
  'c.txt': 'hello',
};
const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify']);
const publicKey = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
const signer = await createSigner(pair);
const model = memorySource('m', files);
const signed = await signModel(model, { privateKey: pair });
const text = signed.text;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(IntegrityError.isInstance(e), String(e)).toBe(true);
    return (e as IntegrityError).code;
  }
  return 'accepted';
}

const verify = (source = model, bundle: string = text, key: Uint8Array = publicKey) =>
  codeOf(verifyModel(source, bundle, { publicKey: key }));

/** Re-sign an arbitrary statement with the real key. */
async function signStatement(statement: Uint8Array | string, mutate?: (bundle: Record<string, unknown>) => void) {
  const payload = typeof statement === 'string' ? new TextEncoder().encode(statement) : statement;
  const sig = await signer.sign(pae(IN_TOTO_PAYLOAD_TYPE, payload));
  const bundle = JSON.parse(text);
  bundle.dsseEnvelope.payload = bytesToBase64(payload);
  bundle.dsseEnvelope.signatures[0].sig = bytesToBase64(sig);
  mutate?.(bundle);
  return JSON.stringify(bundle);
}

async function craft(edit: (m: ModelManifest) => void, recompute = true) {
  const m: ModelManifest = structuredClone(signed.manifest);
  edit(m);
  if (recompute) m.rootDigest = await rootDigest(m.resources);
  return signStatement(statementBytes(m));
}

describe('tamper matrix', () => {
  test('baseline: the untouched model verifies', async () => expect(await verify()).toBe('accepted'));

  test('a flipped byte in any file → digest_mismatch', async () => {
    for (const [name, content] of Object.entries(files)) {
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content.slice();
      for (const at of [0, bytes.length - 1]) {
        const copy = bytes.slice();
        copy[at] = (copy[at] as number) ^ 1;
        expect(await verify(memorySource('m', { ...files, [name]: copy }))).toBe('digest_mismatch');
      }
    }
  });
  test('a file added → file_added; removed → file_missing; renamed → file_renamed', async () => {
    expect(await verify(memorySource('m', { ...files, 'extra.bin': 'x' }))).toBe('file_added');
    const { 'c.txt': _, ...without } = files;
    expect(await verify(memorySource('m', without))).toBe('file_missing');
    expect(await verify(memorySource('m', { ...without, 'd.txt': 'hello' }))).toBe('file_renamed');
    expect(await verify(memorySource('m', { ...without, 'sub/c.txt': 'hello' }))).toBe('file_renamed');
  });
  test('an added file is accepted with ignoreUnsignedFiles, and listed', async () => {
    const r = await verifyModel(memorySource('m', { ...files, 'extra.bin': 'x' }), text, {
      publicKey,
      ignoreUnsignedFiles: true,
    });
    expect(r.unsigned).toEqual(['extra.bin']);
  });
  test('path traversal names in a signed manifest → path_traversal (before any file is read)', async () => {
    for (const bad of ['../x', '/etc/passwd', 'a\u0000b', 'a\\b', 'sub/../../x', './a.bin', 'a//b', 'C:/x', '']) {
      const bundle = await craft((m) => {
        (m.resources[0] as { name: string }).name = bad;
      });
      expect(await verify(model, bundle), JSON.stringify(bad)).toBe('path_traversal');
    }
  });
  test('resources reordered (root digest recomputed and re-signed) → manifest_unordered', async () => {
    expect(await verify(model, await craft((m) => m.resources.reverse()))).toBe('manifest_unordered');
  });
  test('a duplicated resource → manifest_mismatch', async () => {
    expect(await verify(model, await craft((m) => m.resources.push(m.resources.at(-1) as never)))).toBe(
      'manifest_mismatch',
    );
  });
  test('statement subject digest changed → root_digest_mismatch', async () => {
    const bundle = JSON.parse(text);
    const payload = new TextDecoder().decode(base64ToBytes(bundle.dsseEnvelope.payload));
    bundle.dsseEnvelope.payload = bytesToBase64(
      new TextEncoder().encode(payload.replace(/"sha256": "[0-9a-f]{4}/, '"sha256": "0000')),
    );
    expect(await verify(model, JSON.stringify(bundle))).toBe('root_digest_mismatch');
    expect(await verify(model, await craft((m) => (m.rootDigest = '0'.repeat(64)), false))).toBe(
      'root_digest_mismatch',
    );
  });
  test('the payload changed without re-signing → signature_invalid', async () => {
    const bundle = JSON.parse(text);
    const payload = new TextDecoder().decode(base64ToBytes(bundle.dsseEnvelope.payload));
    bundle.dsseEnvelope.payload = bytesToBase64(
      new TextEncoder().encode(payload.replace('"name": "m"', '"name": "n"')),
    );
    expect(await verify(model, JSON.stringify(bundle))).toBe('signature_invalid');
    const flipped = JSON.parse(text);
    const sig = base64ToBytes(flipped.dsseEnvelope.signatures[0].sig);
    sig[sig.length - 1] = (sig[sig.length - 1] as number) ^ 1;
    flipped.dsseEnvelope.signatures[0].sig = bytesToBase64(sig);
    expect(await verify(model, JSON.stringify(flipped))).toBe('signature_invalid');
  });
  test('wrong key → key_mismatch (hint), or signature_invalid when the bundle has no hint', async () => {
    const other = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign']);
    const otherKey = new Uint8Array(await crypto.subtle.exportKey('spki', other.publicKey));
    expect(await verify(model, text, otherKey)).toBe('key_mismatch');
    const noHint = JSON.parse(text);
    noHint.verificationMaterial.publicKey = {};
    expect(await verify(model, JSON.stringify(noHint), otherKey)).toBe('signature_invalid');
  });
  test('wrong curve: a P-384 signature checked with a P-256 key → curve_mismatch', async () => {
    const p256 = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    const key = new Uint8Array(await crypto.subtle.exportKey('spki', p256.publicKey));
    const noHint = JSON.parse(text);
    noHint.verificationMaterial.publicKey = { hint: await keyHint((await createSigner(p256)).publicKey) };
    expect(await verify(model, JSON.stringify(noHint), key)).toBe('curve_mismatch');
  });
  test('algorithm confusion → algorithm_mismatch / unsupported_algorithm / key_mismatch', async () => {
    // A resource claiming another algorithm than the serialization hash_type.
    expect(
      await verify(model, await craft((m) => ((m.resources[0] as { algorithm: string }).algorithm = 'blake3'))),
    ).toBe('algorithm_mismatch');
    // A hash type nobody supports.
    const md5 = await craft((m) => ((m.serialization as { hashType: string }).hashType = 'md5'));
    expect(await verify(model, md5)).toBe('unsupported_algorithm');
    // A certificate-method bundle presented to a public-key verifier.
    const asCert = JSON.parse(text);
    asCert.verificationMaterial = { x509CertificateChain: { certificates: [{ rawBytes: 'AA==' }] }, tlogEntries: [] };
    expect(await verify(model, JSON.stringify(asCert))).toBe('key_mismatch');
    // An Ed25519 signature presented for the ECDSA key.
    const ed = (await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
    const edSig = await (await createSigner(ed)).sign(pae(IN_TOTO_PAYLOAD_TYPE, statementBytes(signed.manifest)));
    const confused = JSON.parse(text);
    confused.dsseEnvelope.signatures[0].sig = bytesToBase64(edSig);
    expect(await verify(model, JSON.stringify(confused))).toBe('signature_invalid');
  });
  test('payloadType changed → payload_type_mismatch', async () => {
    for (const t of ['application/json', 'application/vnd.in-toto+json ', 'text/plain']) {
      const b = JSON.parse(text);
      b.dsseEnvelope.payloadType = t;
      expect(await verify(model, JSON.stringify(b))).toBe('payload_type_mismatch');
    }
  });
  test('truncated bundle JSON → bundle_malformed at every cut', async () => {
    for (let cut = 0; cut < text.length; cut += Math.max(1, Math.floor(text.length / 97))) {
      expect(await verify(model, text.slice(0, cut))).toBe('bundle_malformed');
    }
  });
  test('malformed bundles → bundle_malformed', async () => {
    const cases = [
      'null',
      '[]',
      '"x"',
      '{}',
      text.replace('"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"', '"mediaType":"application/json"'),
      text.replace(/"payload":"[^"]+"/, '"payload":"!!"'),
      text.replace(/"payload":"[^"]+"/, '"payload":5'),
      text.replace(/"signatures":\[[^\]]+\]/, '"signatures":[]'),
      `${text}x`,
      text.replace('{', '{\u0000'),
    ];
    for (const c of cases) expect(await verify(model, c)).toBe('bundle_malformed');
  });
  test('duplicate JSON keys → bundle_duplicate_key, in the bundle and in the signed statement', async () => {
    const dupMedia = text.replace('{"mediaType"', '{"mediaType":"x","mediaType"');
    expect(await verify(model, dupMedia)).toBe('bundle_duplicate_key');
    const dupSig = text.replace('"sig":', '"sig":"AAAA","sig":');
    expect(await verify(model, dupSig)).toBe('bundle_duplicate_key');
    const statement = new TextDecoder().decode(statementBytes(signed.manifest));
    const dupStatement = statement.replace(
      '"predicateType"',
      '"predicateType": "https://example.com/evil", "predicateType"',
    );
    expect(await verify(model, await signStatement(dupStatement))).toBe('bundle_duplicate_key');
  });
  test('wrong predicate type → predicate_unsupported; v0.1 predicate is read but needs its layout', async () => {
    const statement = new TextDecoder().decode(statementBytes(signed.manifest));
    expect(await verify(model, await signStatement(statement.replace('signature/v1.0', 'signature/v2.0')))).toBe(
      'predicate_unsupported',
    );
  });
});
