/**
 * Certificate chain verification for the `certificate` signing method: build a path from the leaf
 * through the bundle's intermediates to one of the caller's trusted roots (names compared byte-exactly,
 * each link's signature verified: ECDSA with @noble/curves, RSA PKCS#1 v1.5 and Ed25519 with
 * WebCrypto), check every certificate's validity at the signing time, CA basic constraints, key
 * usage and path length, and that the leaf may sign (key usage digitalSignature or extended key
 * usage codeSigning, as model_signing requires).
 */
import { equalBytes } from '../bytes/ops';
import { ConfigError, IntegrityError } from '../errors/model-sec-error';
import { type PublicKeyInfo, verifySignature } from './keys';
import { decodePem } from './pem';
import { type Certificate, EKU_CODE_SIGNING, parseCertificate } from './x509';

/** Certificates accepted as trust anchors or chains: PEM text (one or more blocks) or DER bytes. */
export type CertificateInput = string | Uint8Array;

/** The result of a successful chain check. */
export interface VerifiedChain {
  /** The leaf (signing) certificate. */
  leaf: Certificate;
  /** The path from the leaf to the trust anchor (inclusive). */
  path: Certificate[];
}

const SIG_ALGS: Record<string, { kind: 'ecdsa' | 'rsa' | 'ed25519'; hash?: 'sha256' | 'sha384' | 'sha512' }> = {
  '1.2.840.10045.4.3.2': { kind: 'ecdsa', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { kind: 'ecdsa', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { kind: 'ecdsa', hash: 'sha512' },
  '1.2.840.113549.1.1.11': { kind: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { kind: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { kind: 'rsa', hash: 'sha512' },
  '1.3.101.112': { kind: 'ed25519' },
};

/**
 * Read certificates from PEM text (every `CERTIFICATE` block) or one DER certificate.
 *
 * @example
 * ```ts
 * const roots = readCertificates(await readFile('ca-cert.pem', 'utf8'));
 * ```
 */
export function readCertificates(input: CertificateInput | readonly CertificateInput[]): Certificate[] {
  const list = Array.isArray(input) ? input : [input];
  const out: Certificate[] = [];
  for (const item of list as CertificateInput[]) {
    if (typeof item === 'string') {
      for (const b of decodePem(item)) if (b.label === 'CERTIFICATE') out.push(parseCertificate(b.der));
    } else out.push(parseCertificate(item));
  }
  return out;
}

/**
 * Verify a leaf-first chain against trusted roots at time `at` (default: the leaf's notBefore, as
 * model_signing does, since key and certificate bundles carry no trusted timestamp).
 *
 * @throws IntegrityError `certificate_invalid` (malformed, bad signature), `certificate_untrusted`
 *   (no path to a root), `certificate_expired`, `certificate_usage`, `unsupported_algorithm`.
 * @example
 * ```ts
 * const { leaf } = await verifyChain(bundleCerts, readCertificates(rootsPem));
 * ```
 */
export async function verifyChain(chain: Uint8Array[], roots: Certificate[], at?: Date): Promise<VerifiedChain> {
  if (roots.length === 0)
    throw new ConfigError('invalid_argument', 'certificate verification needs at least one trusted root');
  const certs = chain.map((c) => parseCertificate(c));
  const leaf = certs[0] as Certificate;
  const pool = certs.slice(1);
  const path: Certificate[] = [leaf];
  let anchored = false;
  for (let depth = 0; depth < 10 && !anchored; depth++) {
    const current = path[path.length - 1] as Certificate;
    const root = await findIssuer(current, roots);
    if (root) {
      if (!equalBytes(root.der, current.der)) path.push(root);
      anchored = true;
      break;
    }
    const next = await findIssuer(
      current,
      pool.filter((c) => !path.includes(c)),
    );
    if (!next) break;
    path.push(next);
  }
  if (!anchored)
    throw new IntegrityError('certificate_untrusted', 'the certificate chain does not lead to a trusted root');
  const time = at ?? leaf.notBefore;
  for (const c of path) {
    if (time < c.notBefore || time > c.notAfter) {
      throw new IntegrityError('certificate_expired', 'a certificate in the chain is not valid at the signing time');
    }
  }
  // Issuers (every certificate above the leaf, the anchor included) must be CAs allowed to sign certificates.
  for (let i = 1; i < path.length; i++) {
    const ca = path[i] as Certificate;
    if (!ca.isCA) throw new IntegrityError('certificate_usage', 'an issuing certificate is not a CA');
    if (ca.keyUsage && !ca.keyUsage.keyCertSign)
      throw new IntegrityError('certificate_usage', 'an issuing certificate may not sign certificates');
    if (ca.pathLen !== undefined && i - 1 > ca.pathLen)
      throw new IntegrityError('certificate_usage', 'path length constraint exceeded');
  }
  const canSign = leaf.keyUsage?.digitalSignature === true || leaf.extKeyUsage?.includes(EKU_CODE_SIGNING) === true;
  if (!canSign)
    throw new IntegrityError(
      'certificate_usage',
      'the signing certificate is not for digital signatures or code signing',
    );
  return { leaf, path };
}

async function findIssuer(cert: Certificate, candidates: Certificate[]): Promise<Certificate | undefined> {
  for (const c of candidates) {
    if (!equalBytes(c.subject, cert.issuer)) continue;
    if (cert.authorityKeyId && c.subjectKeyId && !equalBytes(cert.authorityKeyId, c.subjectKeyId)) continue;
    if (await verifyCertificateSignature(cert, c.publicKey)) return c;
  }
  return undefined;
}

/**
 * Check `cert`'s signature with an issuer key.
 *
 * @example
 * ```ts
 * await verifyCertificateSignature(leaf, issuer.publicKey); // true
 * ```
 */
export async function verifyCertificateSignature(cert: Certificate, key: PublicKeyInfo): Promise<boolean> {
  const alg = SIG_ALGS[cert.signatureAlgorithm];
  if (!alg) throw new IntegrityError('unsupported_algorithm', 'unsupported certificate signature algorithm');
  if (alg.kind !== key.kind) return false;
  if (alg.kind === 'ecdsa' || alg.kind === 'ed25519') {
    try {
      return await verifySignature(key, cert.tbs, cert.signature, alg.hash);
    } catch {
      return false;
    }
  }
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new ConfigError('unsupported_runtime', 'WebCrypto is needed for RSA certificate signatures');
  try {
    const hash = { sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' }[alg.hash as 'sha256'];
    const k = await subtle.importKey(
      'spki',
      key.spki as Uint8Array<ArrayBuffer>,
      { name: 'RSASSA-PKCS1-v1_5', hash },
      false,
      ['verify'],
    );
    return await subtle.verify(
      'RSASSA-PKCS1-v1_5',
      k,
      cert.signature as Uint8Array<ArrayBuffer>,
      cert.tbs as Uint8Array<ArrayBuffer>,
    );
  } catch {
    return false;
  }
}
