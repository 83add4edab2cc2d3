/**
 * Fulcio signing certificates: the leaf must chain to a trusted Fulcio CA whose `validFor` window
 * and certificates cover every verified signing time, may sign code (key usage digitalSignature and
 * extended key usage codeSigning), and names its signer: the subject alternative name (email or
 * URI) and the OIDC issuer extension (1.3.6.1.4.1.57264.1.8, DER UTF8String; legacy
 * 1.3.6.1.4.1.57264.1.1, raw text).
 */
import { bytesToUtf8 } from '../../bytes/encoding';
import { verifyChain } from '../chain';
import { children, expectTag, parseDer, TAG } from '../der';
import { type Certificate, EKU_CODE_SIGNING } from '../x509';
import { fail, recode } from './fields';
import type { TrustedAuthority } from './trust';

const OID_ISSUER_V2 = '1.3.6.1.4.1.57264.1.8';
const OID_ISSUER_V1 = '1.3.6.1.4.1.57264.1.1';
const OID_SAN = '2.5.29.17';

/**
 * Verify `leaf` chains to one of `authorities` at each time; returns the path (leaf first) found for
 * the last time.
 *
 * @throws IntegrityError `certificate_untrusted`.
 * @example
 * ```ts
 * const path = await verifyFulcioChain(leaf, [integratedTime], trust.certificateAuthorities);
 * ```
 */
export async function verifyFulcioChain(
  leaf: Certificate,
  times: Date[],
  authorities: TrustedAuthority[],
): Promise<Certificate[]> {
  let path: Certificate[] = [];
  for (const at of times) {
    path = await chainAt(leaf, at, authorities);
  }
  if (path.length < 2) fail('certificate_untrusted', 'the signing certificate is self-signed');
  if (leaf.keyUsage?.digitalSignature !== true || leaf.extKeyUsage?.includes(EKU_CODE_SIGNING) !== true)
    fail('certificate_untrusted', 'the signing certificate is not for code signing');
  return path;
}

/**
 * The path from `leaf` to one of `authorities` valid at `at`, every certificate valid then.
 *
 * @throws IntegrityError `certificate_untrusted`.
 * @example
 * ```ts
 * const path = await chainAt(tsaLeaf, genTime, trust.timestampAuthorities);
 * ```
 */
export async function chainAt(leaf: Certificate, at: Date, authorities: TrustedAuthority[]): Promise<Certificate[]> {
  let last: unknown;
  for (const ca of authorities) {
    if (ca.chain.length === 0 || at < ca.start || at > ca.end) continue;
    const anchor = ca.chain[ca.chain.length - 1] as Certificate;
    try {
      const { path } = await verifyChain([leaf.der, ...ca.chain.slice(0, -1).map((c) => c.der)], [anchor], at);
      return path;
    } catch (cause) {
      last = cause;
    }
  }
  return fail(
    'certificate_untrusted',
    'the certificate does not chain to a trusted authority at the signing time',
    last,
  );
}

/**
 * The signer named by a Fulcio certificate.
 *
 * @example
 * ```ts
 * signerOf(leaf); // { identities: ['me@example.com'], issuer: 'https://accounts.google.com' }
 * ```
 */
export function signerOf(leaf: Certificate): { identities: string[]; issuer?: string } {
  const identities: string[] = [];
  const san = leaf.extensions.find((e) => e.oid === OID_SAN);
  if (san) {
    const names = recode('certificate_untrusted', 'the subject alternative name', () =>
      children(expectTag(parseDer(san.value), TAG.sequence, 'SubjectAltName')),
    );
    // rfc822Name [1] and uniformResourceIdentifier [6], IA5String (implicit)
    for (const n of names) if (n.tag === 0x81 || n.tag === 0x86) identities.push(ascii(n.value));
  }
  let issuer: string | undefined;
  const v2 = leaf.extensions.find((e) => e.oid === OID_ISSUER_V2);
  const v1 = leaf.extensions.find((e) => e.oid === OID_ISSUER_V1);
  if (v2) {
    issuer = recode('certificate_untrusted', 'the issuer extension', () =>
      bytesToUtf8(expectTag(parseDer(v2.value), TAG.utf8String, 'UTF8String').value),
    );
  } else if (v1) issuer = ascii(v1.value);
  return { identities, issuer };
}

function ascii(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}
