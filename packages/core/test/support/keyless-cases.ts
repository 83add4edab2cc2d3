/**
 * Keyless (Sigstore) test material shared by the universal keyless tests and the Node-only
 * differential test against @sigstore/verify: the valid bundles (model_signing's four Sigstore test
 * models and the OMS spec's valid/sigstore.bundle.json) and a tamper matrix, each case a
 * transformation of a valid bundle JSON and/or the trusted root with the code our verifier must give.
 */
import { base64ToBytes, bytesToBase64, bytesToHex, concatBytes, hexToBytes } from '@modelsec/core';
import { SIGSTORE_PUBLIC_GOOD_ROOT } from '@modelsec/core/signing';
import { p256 } from '@noble/curves/nist';
import { sha256 } from '@noble/hashes/sha2';
import legacy from '../vectors/signing-legacy.json';

// biome-ignore lint/suspicious/noExplicitAny: test fixtures are free-form JSON
export type Json = any;

/** model_signing's Sigstore test models. */
export const SIGSTORE_CASES = legacy.cases.filter((c) => c.method === 'sigstore');
/** The v1.1.0 bundle: Rekor entry with SET, inclusion proof and checkpoint, plus an RFC 3161 timestamp. */
export const V110 = SIGSTORE_CASES.find((c) => c.name === 'v1.1.0-sigstore') as (typeof SIGSTORE_CASES)[number];
/** The v1.0.1 bundle (another Rekor entry, no RFC 3161 timestamp). */
export const V101 = SIGSTORE_CASES.find((c) => c.name === 'v1.0.1-sigstore') as (typeof SIGSTORE_CASES)[number];
/** Their signer. */
export const POLICY = { identity: V110.identity as string, issuer: V110.identity_provider as string };
/** A certificate-method leaf, issued by model-transparency's test CA (not Fulcio). */
export const FOREIGN_LEAF: string = JSON.parse(
  (legacy.cases.find((c) => c.name === 'v1.1.0-certificate') as { signature: string }).signature,
).verificationMaterial.x509CertificateChain.certificates[0].rawBytes;

/** A tamper case. */
export interface TamperCase {
  /** What is changed. */
  name: string;
  /** The code our verifier must throw, or `accept` when the change is harmless. */
  code: string;
  /** Change a copy of the bundle JSON and/or of the trusted root. */
  apply(bundle: Json, root: Json): void;
}

function flipBase64(b64: string, at: number): string {
  const bytes = base64ToBytes(b64);
  const i = at < 0 ? bytes.length + at : at;
  bytes[i] = (bytes[i] as number) ^ 0x01;
  return bytesToBase64(bytes);
}

const entry = (b: Json) => b.verificationMaterial.tlogEntries[0];
const token = (b: Json) => b.verificationMaterial.timestampVerificationData.rfc3161Timestamps[0];

function flipCheckpointSignature(envelope: string): string {
  const lines = envelope.split('\n');
  const i = lines.findIndex((l) => l.startsWith('\u2014 '));
  const parts = (lines[i] as string).split(' ');
  parts[2] = flipBase64(parts[2] as string, -5);
  lines[i] = parts.join(' ');
  return lines.join('\n');
}

/** Find the SCT list inside the leaf DER (OID 1.3.6.1.4.1.11129.2.4.2) and flip a byte of its last SCT signature. */
function corruptSct(certB64: string): string {
  const der = base64ToBytes(certB64);
  const oid = [0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0xd6, 0x79, 0x02, 0x04, 0x02];
  let at = -1;
  for (let i = 0; i < der.length - oid.length && at < 0; i++) if (oid.every((b, j) => der[i + j] === b)) at = i;
  if (at < 0) throw new Error('no SCT extension');
  der[at + oid.length + 40] = (der[at + oid.length + 40] as number) ^ 0x01; // inside the SCT list
  return bytesToBase64(der);
}

/**
 * A test Rekor key (P-256, derived from a fixed string) that replaces the public-good logs, so an
 * entry's SET can be re-signed for another integratedTime; its inclusion proof (whose checkpoint only
 * the real log can sign) is dropped and the bundle written in the v0.1 form, where the SET alone
 * proves inclusion.
 */
const TEST_LOG_KEY = sha256(new TextEncoder().encode('modelsec keyless test rekor key'));
const TEST_LOG_SPKI = concatBytes(
  hexToBytes('3059301306072a8648ce3d020106082a8648ce3d030107034200'),
  p256.getPublicKey(TEST_LOG_KEY, false),
);
const TEST_LOG_ID = sha256(TEST_LOG_SPKI);

const b64json = (v: unknown) => bytesToBase64(new TextEncoder().encode(JSON.stringify(v)));

/** Rekor bodies of other kinds for the same envelope (what `rekor-cli` would log for it). */
function otherBody(b: Json, kind: 'intoto' | 'hashedrekord', tamper = false): string {
  const cert = b.verificationMaterial.certificate.rawBytes as string;
  const pem = `-----BEGIN CERTIFICATE-----\n${cert.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`;
  const hash = sha256(base64ToBytes(b.dsseEnvelope.payload));
  if (tamper) hash[0] = (hash[0] as number) ^ 1;
  const value = bytesToHex(hash);
  const sig = b.dsseEnvelope.signatures[0].sig as string;
  const pemB64 = bytesToBase64(new TextEncoder().encode(pem));
  if (kind === 'hashedrekord') {
    return b64json({
      apiVersion: '0.0.1',
      kind,
      spec: {
        data: { hash: { algorithm: 'sha256', value } },
        signature: { content: sig, publicKey: { content: pemB64 } },
      },
    });
  }
  const envelope = { payloadType: b.dsseEnvelope.payloadType, signatures: [{ sig: btoa(sig), publicKey: pemB64 }] };
  return b64json({
    apiVersion: '0.0.2',
    kind,
    spec: { content: { envelope, payloadHash: { algorithm: 'sha256', value } } },
  });
}

function resignSet(
  b: Json,
  root: Json,
  integratedTime: number,
  body?: { kind: string; version: string; body: string },
) {
  if (body) {
    entry(b).canonicalizedBody = body.body;
    entry(b).kindVersion = { kind: body.kind, version: body.version };
  }
  // A v0.1 bundle: its entries need an inclusion promise, not an inclusion proof.
  b.mediaType = 'application/vnd.dev.sigstore.bundle+json;version=0.1';
  b.verificationMaterial.x509CertificateChain = { certificates: [b.verificationMaterial.certificate] };
  delete b.verificationMaterial.certificate;
  const e = entry(b);
  delete e.inclusionProof;
  e.integratedTime = String(integratedTime);
  e.logId.keyId = bytesToBase64(TEST_LOG_ID);
  const payload =
    `{"body":${JSON.stringify(e.canonicalizedBody)},"integratedTime":${integratedTime},` +
    `"logID":"${bytesToHex(TEST_LOG_ID)}","logIndex":${Number(e.logIndex)}}`;
  const sig = p256.sign(sha256(new TextEncoder().encode(payload)), TEST_LOG_KEY, { prehash: false });
  e.inclusionPromise.signedEntryTimestamp = bytesToBase64(sig.toDERRawBytes());
  root.tlogs = [
    {
      baseUrl: 'https://rekor.test.invalid',
      hashAlgorithm: 'SHA2_256',
      publicKey: {
        rawBytes: bytesToBase64(TEST_LOG_SPKI),
        keyDetails: 'PKIX_ECDSA_P256_SHA_256',
        validFor: { start: '2021-01-01T00:00:00Z' },
      },
      logId: { keyId: bytesToBase64(TEST_LOG_ID) },
    },
  ];
}

/** The tamper matrix (applied to the v1.1.0 bundle and the public-good root). */
export const TAMPER_CASES: TamperCase[] = [
  {
    name: 'flipped byte in the SET',
    code: 'tlog_invalid',
    apply: (b) => {
      entry(b).inclusionPromise.signedEntryTimestamp = flipBase64(entry(b).inclusionPromise.signedEntryTimestamp, 20);
    },
  },
  {
    name: 'flipped byte in an inclusion proof hash',
    code: 'tlog_invalid',
    apply: (b) => {
      entry(b).inclusionProof.hashes[0] = flipBase64(entry(b).inclusionProof.hashes[0], 3);
    },
  },
  {
    name: 'flipped byte in the checkpoint signature',
    code: 'tlog_invalid',
    apply: (b) => {
      const cp = entry(b).inclusionProof.checkpoint;
      cp.envelope = flipCheckpointSignature(cp.envelope);
    },
  },
  {
    name: 'wrong logId',
    code: 'tlog_invalid',
    apply: (b) => {
      entry(b).logId.keyId = 'zxGZFVvd0FEmjR8WrFwMdcAJ9vtaY/QXf44Y1wUeP6A=';
    },
  },
  {
    name: 'body of another entry',
    code: 'tlog_invalid',
    apply: (b) => {
      entry(b).canonicalizedBody = JSON.parse(V101.signature).verificationMaterial.tlogEntries[0].canonicalizedBody;
    },
  },
  {
    name: 'integratedTime moved outside the certificate validity (SET no longer verifies)',
    code: 'tlog_invalid',
    apply: (b) => {
      entry(b).integratedTime = String(Number(entry(b).integratedTime) + 86_400);
    },
  },
  {
    name: 'SET re-signed by a trusted test log, same integratedTime (control)',
    code: 'accept',
    apply: (b, r) => resignSet(b, r, Number(entry(b).integratedTime)),
  },
  {
    name: 'SET re-signed by a trusted test log for an integratedTime after the certificate expired',
    code: 'certificate_untrusted',
    apply: (b, r) => resignSet(b, r, Number(entry(b).integratedTime) + 3600),
  },
  {
    name: 'SET re-signed by a trusted test log for an integratedTime before the certificate was issued',
    code: 'certificate_untrusted',
    apply: (b, r) => resignSet(b, r, Number(entry(b).integratedTime) - 3600),
  },
  {
    name: 'intoto 0.0.2 entry for the same envelope (SET re-signed by the test log)',
    code: 'accept',
    apply: (b, r) =>
      resignSet(b, r, Number(entry(b).integratedTime), {
        kind: 'intoto',
        version: '0.0.2',
        body: otherBody(b, 'intoto'),
      }),
  },
  {
    name: 'intoto 0.0.2 entry recording another payload hash',
    code: 'tlog_invalid',
    apply: (b, r) =>
      resignSet(b, r, Number(entry(b).integratedTime), {
        kind: 'intoto',
        version: '0.0.2',
        body: otherBody(b, 'intoto', true),
      }),
  },
  {
    name: 'hashedrekord 0.0.1 entry for the same signature and payload hash (SET re-signed by the test log)',
    code: 'accept',
    apply: (b, r) =>
      resignSet(b, r, Number(entry(b).integratedTime), {
        kind: 'hashedrekord',
        version: '0.0.1',
        body: otherBody(b, 'hashedrekord'),
      }),
  },
  {
    name: 'hashedrekord 0.0.1 entry recording another payload hash',
    code: 'tlog_invalid',
    apply: (b, r) =>
      resignSet(b, r, Number(entry(b).integratedTime), {
        kind: 'hashedrekord',
        version: '0.0.1',
        body: otherBody(b, 'hashedrekord', true),
      }),
  },
  {
    name: 'Fulcio CA validFor window ends before the signing time',
    code: 'certificate_untrusted',
    apply: (_b, r) => {
      for (const ca of r.certificateAuthorities)
        ca.validFor = { start: '2021-01-01T00:00:00Z', end: '2025-01-01T00:00:00Z' };
    },
  },
  {
    name: 'Rekor key validFor window ends before integratedTime',
    code: 'tlog_invalid',
    apply: (_b, r) => {
      for (const t of r.tlogs) t.publicKey.validFor = { start: '2021-01-01T00:00:00Z', end: '2025-01-01T00:00:00Z' };
    },
  },
  {
    name: 'TSA validFor window ends before the timestamp',
    code: 'tlog_invalid',
    apply: (_b, r) => {
      for (const t of r.timestampAuthorities)
        t.validFor = { start: '2021-01-01T00:00:00Z', end: '2025-01-01T00:00:00Z' };
    },
  },
  {
    name: 'CT log validFor window ends before the SCT',
    code: 'certificate_untrusted',
    apply: (_b, r) => {
      for (const t of r.ctlogs) t.publicKey.validFor = { start: '2021-01-01T00:00:00Z', end: '2025-01-01T00:00:00Z' };
    },
  },
  {
    name: 'SCT list corrupted inside the leaf certificate',
    code: 'certificate_untrusted',
    apply: (b) => {
      b.verificationMaterial.certificate.rawBytes = corruptSct(b.verificationMaterial.certificate.rawBytes);
    },
  },
  {
    name: 'leaf certificate from another chain',
    code: 'certificate_untrusted',
    apply: (b) => {
      b.verificationMaterial.certificate.rawBytes = FOREIGN_LEAF;
    },
  },
  {
    name: 'forged RFC 3161 token (message imprint changed)',
    code: 'tlog_invalid',
    apply: (b) => {
      // The TSTInfo's hashedMessage: a 32-byte OCTET STRING right after the SHA-256 AlgorithmIdentifier.
      const der = base64ToBytes(token(b).signedTimestamp);
      const marker = [0x05, 0x00, 0x04, 0x20];
      const i = der.findIndex((_, k) => marker.every((m, j) => der[k + j] === m));
      der[i + 4] = (der[i + 4] as number) ^ 0x01;
      token(b).signedTimestamp = bytesToBase64(der);
    },
  },
  {
    name: 'corrupted RFC 3161 token (truncated)',
    code: 'tlog_invalid',
    apply: (b) => {
      token(b).signedTimestamp = bytesToBase64(base64ToBytes(token(b).signedTimestamp).subarray(0, 200));
    },
  },
  {
    name: 'flipped byte in the RFC 3161 signature',
    code: 'tlog_invalid',
    apply: (b) => {
      token(b).signedTimestamp = flipBase64(token(b).signedTimestamp, -10);
    },
  },
  {
    name: 'TSA removed from the trusted root',
    code: 'tlog_invalid',
    apply: (_b, r) => {
      r.timestampAuthorities = [];
    },
  },
  {
    name: 'CT logs removed from the trusted root',
    code: 'certificate_untrusted',
    apply: (_b, r) => {
      r.ctlogs = [];
    },
  },
  {
    name: 'Rekor logs removed from the trusted root',
    code: 'tlog_invalid',
    apply: (_b, r) => {
      r.tlogs = [];
    },
  },
  {
    name: 'Fulcio CAs removed from the trusted root',
    code: 'certificate_untrusted',
    apply: (_b, r) => {
      r.certificateAuthorities = [];
    },
  },
  {
    name: 'tampered payload (same statement, one more space: other bytes)',
    code: 'tlog_invalid',
    apply: (b) => {
      b.dsseEnvelope.payload = btoa(`${atob(b.dsseEnvelope.payload)} `);
    },
  },
  {
    name: 'no inclusion promise and no timestamp: no trusted time',
    code: 'tlog_invalid',
    apply: (b) => {
      delete entry(b).inclusionPromise;
      delete b.verificationMaterial.timestampVerificationData;
    },
  },
  {
    name: 'the same bundle in the v0.2 form (x509CertificateChain): still verifies',
    code: 'accept',
    apply: (b) => {
      b.mediaType = 'application/vnd.dev.sigstore.bundle+json;version=0.2';
      const { certificate } = b.verificationMaterial;
      delete b.verificationMaterial.certificate;
      b.verificationMaterial.x509CertificateChain = { certificates: [certificate] };
    },
  },
  {
    name: 'inclusion proof removed from a v0.3 bundle',
    code: 'bundle_malformed',
    apply: (b) => {
      delete entry(b).inclusionProof;
    },
  },
  {
    name: 'inclusion promise removed from a v0.1 bundle',
    code: 'bundle_malformed',
    apply: (b) => {
      b.mediaType = 'application/vnd.dev.sigstore.bundle+json;version=0.1';
      b.verificationMaterial.x509CertificateChain = { certificates: [b.verificationMaterial.certificate] };
      delete b.verificationMaterial.certificate;
      delete entry(b).inclusionPromise;
    },
  },
  {
    name: 'the same log entry listed twice',
    code: 'tlog_invalid',
    apply: (b) => {
      b.verificationMaterial.tlogEntries.push(structuredClone(entry(b)));
    },
  },
  {
    name: 'no inclusion promise, integratedTime changed: the RFC 3161 time and the proof still verify',
    code: 'accept',
    apply: (b) => {
      delete entry(b).inclusionPromise;
      entry(b).integratedTime = '1';
    },
  },
];

/** Apply a case to fresh copies of the v1.1.0 bundle and the public-good root. */
export function tampered(c: TamperCase): { bundle: string; root: Json } {
  const bundle = JSON.parse(V110.signature);
  const root = structuredClone(SIGSTORE_PUBLIC_GOOD_ROOT) as Json;
  c.apply(bundle, root);
  return { bundle: JSON.stringify(bundle), root };
}
