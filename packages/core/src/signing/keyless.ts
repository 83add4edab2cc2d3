/**
 * Keyless (Sigstore: Fulcio certificate + Rekor entry) bundle verification, offline against a
 * trusted root, in every runtime (WebCrypto digests and @noble/curves signatures only). The same
 * checks as @sigstore/verify 3.1.1 with one transparency-log entry, one SCT and one timestamp
 * required:
 * 1. signing times: every RFC 3161 timestamp present verifies (TSA chain, imprint over the DSSE
 *    signature) and every Rekor inclusion promise (SET) verifies, which makes `integratedTime`
 *    trusted; at least one time;
 * 2. the leaf certificate chains to a Fulcio CA valid at each time, may sign code, and carries at
 *    least one SCT, all of which verify against the CT logs;
 * 3. every Rekor entry is included (SET and/or inclusion proof + signed checkpoint) and its body
 *    records this envelope, signature and certificate;
 * 4. the DSSE signature verifies with the leaf key;
 * 5. the certificate names the expected identity (SAN) and OIDC issuer.
 */
import { bytesToHex } from '../bytes/encoding';
import { ModelSecError } from '../errors/model-sec-error';
import type { ParsedBundle } from './bundle';
import { pae } from './dsse';
import { verifySignature } from './keys';
import { array, base64, fail, object, recode } from './sigstore/fields';
import { signerOf, verifyFulcioChain } from './sigstore/fulcio';
import { verifyScts } from './sigstore/sct';
import { readEntry, type TlogEntry, verifyEntry, verifyPromise } from './sigstore/tlog';
import { readTrustedRoot } from './sigstore/trust';
import { verifyTimestamp } from './sigstore/tsa';
import { SIGSTORE_PUBLIC_GOOD_ROOT } from './sigstore-root';
import { parseCertificate } from './x509';

/** Who must have signed a keyless bundle, and what to trust. */
export interface KeylessPolicy {
  /** The expected certificate identity (subject alternative name: an email or a workflow URI), compared exactly. */
  identity: string;
  /** The expected OIDC issuer URL (Fulcio's issuer extension), compared exactly. */
  issuer: string;
  /**
   * A Sigstore `TrustedRoot` JSON object (Fulcio CAs, Rekor keys, CT logs, TSAs). Default: the
   * public-good Sigstore instance as of this release (`SIGSTORE_PUBLIC_GOOD_ROOT`).
   */
  trustedRoot?: unknown;
}

/** What a verified keyless signature says about the signer. */
export interface KeylessSigner {
  /** The certificate identity. */
  identity: string;
  /** The OIDC issuer. */
  issuer: string;
}

/**
 * Verify a keyless bundle's certificate, transparency log entries, timestamps, DSSE signature and
 * identity policy, offline. Works in Node, browsers and workers.
 *
 * @throws IntegrityError `identity_mismatch` (identity or issuer differ), `tlog_invalid` (log entry
 *   or timestamp problems), `certificate_untrusted` (chain, validity, SCTs), `signature_invalid`,
 *   `bundle_malformed`; ConfigError `invalid_config` for a trusted root that is not one.
 * @example
 * ```ts
 * await verifyKeyless(bundle, { identity: 'me@example.com', issuer: 'https://accounts.google.com' });
 * ```
 */
export async function verifyKeyless(bundle: ParsedBundle, policy: KeylessPolicy): Promise<KeylessSigner> {
  try {
    return await verify(bundle, policy);
  } catch (cause) {
    if (ModelSecError.isInstance(cause)) throw cause;
    return fail('bundle_malformed', 'not a valid Sigstore keyless bundle', cause);
  }
}

async function verify(bundle: ParsedBundle, policy: KeylessPolicy): Promise<KeylessSigner> {
  if (typeof policy?.identity !== 'string' || typeof policy.issuer !== 'string')
    fail('invalid_config', 'keyless policy needs identity and issuer strings');
  const trust = readTrustedRoot(policy.trustedRoot ?? SIGSTORE_PUBLIC_GOOD_ROOT);
  const vm = object(bundle.json, 'verificationMaterial', 'bundle_malformed');
  const leafDer = bundle.certificates[0];
  if (!leafDer) return fail('bundle_malformed', 'the bundle has no signing certificate');
  const leaf = recode('bundle_malformed', 'the signing certificate', () => parseCertificate(leafDer));
  const entries = array(vm, 'tlogEntries', 'bundle_malformed').map(readEntry);
  const tokens = array(vm.timestampVerificationData ?? null, 'rfc3161Timestamps', 'bundle_malformed').map((t) =>
    base64(t, 'signedTimestamp', 'bundle_malformed'),
  );
  if (entries.length === 0) fail('tlog_invalid', 'the bundle has no transparency log entry');
  // As @sigstore/bundle requires: v0.1 entries carry an inclusion promise, later ones an inclusion proof + checkpoint.
  const v01 = /\+json;version=0\.1$/.test(bundle.mediaType);
  for (const e of entries) {
    if (v01) object(e.json, 'inclusionPromise', 'bundle_malformed');
    else object(object(e.json, 'inclusionProof', 'bundle_malformed'), 'checkpoint', 'bundle_malformed');
  }
  const ids = new Set(entries.map((e) => `${bytesToHex(e.logId)}/${e.logIndex}`));
  if (ids.size !== entries.length) fail('tlog_invalid', 'the bundle lists the same log entry twice');
  // 1. Signing times: every timestamp present must verify.
  const times: Date[] = [];
  for (const token of tokens) times.push(await verifyTimestamp(token, bundle.signature, trust.timestampAuthorities));
  const promised = new Set<TlogEntry>();
  for (const entry of entries) {
    if (entry.integratedTime === 0) continue;
    const at = await verifyPromise(entry, trust.tlogs);
    if (at) {
      times.push(at);
      promised.add(entry);
    }
  }
  if (times.length === 0) fail('tlog_invalid', 'the bundle has no verifiable signing time');
  // 2. Certificate chain at every time, then SCTs.
  const path = await verifyFulcioChain(leaf, times, trust.certificateAuthorities);
  await verifyScts(leaf, path[1] as never, trust.ctlogs);
  // 3. Log inclusion and bodies.
  const content = { signature: bundle.signature, payload: bundle.payload, certificate: leafDer };
  for (const entry of entries) await verifyEntry(entry, trust.tlogs, content, promised.has(entry));
  // 4. The DSSE signature.
  if (leaf.publicKey.kind !== 'ecdsa' && leaf.publicKey.kind !== 'ed25519')
    fail('signature_invalid', 'the signing certificate key cannot verify DSSE signatures');
  const ok = await verifySignature(leaf.publicKey, pae(bundle.payloadType, bundle.payload), bundle.signature).catch(
    () => false,
  );
  if (!ok) fail('signature_invalid', 'the DSSE signature does not verify with the signing certificate');
  // 5. Identity policy.
  const signer = signerOf(leaf);
  if (!signer.identities.includes(policy.identity) || signer.issuer !== policy.issuer)
    fail('identity_mismatch', 'the signing certificate names another identity or issuer');
  return { identity: policy.identity, issuer: policy.issuer };
}
