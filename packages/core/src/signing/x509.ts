/**
 * A careful X.509 v3 certificate reader: the TBS bytes and signature, names (as raw DER, compared
 * byte-exactly), validity, the public key, and the extensions chain checking needs (basic
 * constraints, key usage, extended key usage, subject alternative names, key identifiers). Unknown
 * critical extensions make the certificate unusable, as RFC 5280 §4.2 requires.
 */
import { IntegrityError } from '../errors/model-sec-error';
import {
  algorithmOid,
  bitStringBytes,
  children,
  type DerNode,
  decodeOid,
  derTime,
  expectTag,
  integerBytes,
  parseDer,
  TAG,
} from './der';
import { type PublicKeyInfo, parseSpki } from './keys';

/** A parsed certificate. */
export interface Certificate {
  /** The whole DER encoding. */
  der: Uint8Array;
  /** The signed TBSCertificate bytes. */
  tbs: Uint8Array;
  /** Signature algorithm OID (checked equal in TBS and outer structure). */
  signatureAlgorithm: string;
  /** Signature bytes. */
  signature: Uint8Array;
  /** Serial number (big-endian magnitude). */
  serial: Uint8Array;
  /** Issuer Name, raw DER. */
  issuer: Uint8Array;
  /** Subject Name, raw DER. */
  subject: Uint8Array;
  /** Start of validity. */
  notBefore: Date;
  /** End of validity. */
  notAfter: Date;
  /** Subject public key. */
  publicKey: PublicKeyInfo;
  /** basicConstraints cA. */
  isCA: boolean;
  /** basicConstraints pathLenConstraint. */
  pathLen?: number;
  /** keyUsage bits (undefined when the extension is absent). */
  keyUsage?: { digitalSignature: boolean; keyCertSign: boolean };
  /** extKeyUsage OIDs (undefined when absent). */
  extKeyUsage?: string[];
  /** Subject alternative names: emails, URIs, DNS names (as strings). */
  subjectAltNames: string[];
  /** Subject / authority key identifiers. */
  subjectKeyId?: Uint8Array;
  /** Authority key identifier. */
  authorityKeyId?: Uint8Array;
  /** Every extension in order: OID, criticality and the `extnValue` content (for Sigstore's custom OIDs and SCTs). */
  extensions: CertificateExtension[];
}

/** One raw X.509 extension. */
export interface CertificateExtension {
  /** Dotted extension OID. */
  oid: string;
  /** The critical flag. */
  critical: boolean;
  /** The content of `extnValue` (itself usually DER). */
  value: Uint8Array;
}

/** Extended key usage for code signing. */
export const EKU_CODE_SIGNING = '1.3.6.1.5.5.7.3.3';

const EXT = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  certificatePolicies: '2.5.29.32',
};
const UNDERSTOOD = new Set(Object.values(EXT));

/**
 * Parse a DER certificate.
 *
 * @throws IntegrityError `certificate_invalid` for malformed certificates or unknown critical extensions.
 * @example
 * ```ts
 * const cert = parseCertificate(der);
 * cert.notAfter; // Date
 * ```
 */
export function parseCertificate(der: Uint8Array): Certificate {
  const [tbsNode, outerAlg, sigNode, extra] = children(expectTag(parseDer(der), TAG.sequence, 'Certificate'));
  if (!tbsNode || !outerAlg || !sigNode || extra) bad('Certificate must have 3 fields');
  const tbsItems = children(expectTag(tbsNode, TAG.sequence, 'TBSCertificate'));
  let i = 0;
  if (tbsItems[0]?.tag === 0xa0) {
    const version = integerBytes(children(tbsItems[0])[0] as DerNode);
    if (version.length !== 1 || version[0] !== 2) bad('only X.509 v3 certificates are supported');
    i = 1;
  } else bad('only X.509 v3 certificates are supported');
  const serial = integerBytes(tbsItems[i++] as DerNode);
  const innerAlg = algorithmOid(tbsItems[i++]);
  const issuer = expectTag(tbsItems[i++], TAG.sequence, 'issuer Name').raw;
  const [nb, na] = children(expectTag(tbsItems[i++], TAG.sequence, 'Validity'));
  const subject = expectTag(tbsItems[i++], TAG.sequence, 'subject Name').raw;
  const publicKey = parseSpki(expectTag(tbsItems[i++], TAG.sequence, 'SubjectPublicKeyInfo').raw);
  const signatureAlgorithm = algorithmOid(outerAlg);
  if (signatureAlgorithm !== innerAlg) bad('signature algorithm differs between TBS and certificate');
  const cert: Certificate = {
    der,
    tbs: tbsNode.raw,
    signatureAlgorithm,
    signature: bitStringBytes(sigNode),
    serial,
    issuer,
    subject,
    notBefore: parseTime(nb),
    notAfter: parseTime(na),
    publicKey,
    isCA: false,
    subjectAltNames: [],
    extensions: [],
  };
  for (; i < tbsItems.length; i++) {
    const item = tbsItems[i] as DerNode;
    if (item.tag === 0x81 || item.tag === 0x82) continue; // unique identifiers
    if (item.tag !== 0xa3) bad('unexpected field in TBSCertificate');
    readExtensions(children(item)[0] as DerNode, cert);
  }
  return cert;
}

function bad(why: string): never {
  throw new IntegrityError('certificate_invalid', `invalid certificate: ${why}`);
}

function parseTime(node: DerNode | undefined): Date {
  return derTime(node) ?? bad('validity time must be UTCTime or GeneralizedTime in UTC with whole seconds');
}

function readExtensions(seq: DerNode, cert: Certificate) {
  const seen = new Set<string>();
  for (const ext of children(expectTag(seq, TAG.sequence, 'Extensions'))) {
    const parts = children(expectTag(ext, TAG.sequence, 'Extension'));
    const oid = decodeOid(parts[0] as DerNode);
    if (seen.has(oid)) bad('duplicate extension');
    seen.add(oid);
    let critical = false;
    let value = parts[1];
    if (value?.tag === TAG.boolean) {
      critical = value.value[0] === 0xff;
      value = parts[2];
    }
    const body = expectTag(value, TAG.octetString, 'extnValue').value;
    if (critical && !UNDERSTOOD.has(oid)) bad('unknown critical extension');
    cert.extensions.push({ oid, critical, value: body });
    if (oid === EXT.basicConstraints) {
      const bc = children(expectTag(parseDer(body), TAG.sequence, 'BasicConstraints'));
      let j = 0;
      if (bc[0]?.tag === TAG.boolean) cert.isCA = (bc[j++] as DerNode).value[0] === 0xff;
      if (bc[j]) {
        const len = integerBytes(bc[j] as DerNode);
        if (len.length > 2) bad('pathLenConstraint too large');
        cert.pathLen = len.reduce((a, b) => a * 256 + b, 0);
      }
    } else if (oid === EXT.keyUsage) {
      const bits = expectTag(parseDer(body), TAG.bitString, 'KeyUsage').value;
      const b0 = bits[1] ?? 0;
      cert.keyUsage = { digitalSignature: (b0 & 0x80) !== 0, keyCertSign: (b0 & 0x04) !== 0 };
    } else if (oid === EXT.extKeyUsage) {
      cert.extKeyUsage = children(expectTag(parseDer(body), TAG.sequence, 'ExtKeyUsage')).map((n) => decodeOid(n));
    } else if (oid === EXT.subjectAltName) {
      for (const n of children(expectTag(parseDer(body), TAG.sequence, 'SubjectAltName'))) {
        // rfc822Name [1], dNSName [2], URI [6] (IA5String, implicit)
        if (n.tag === 0x81 || n.tag === 0x82 || n.tag === 0x86)
          cert.subjectAltNames.push(new TextDecoder().decode(n.value));
      }
    } else if (oid === EXT.subjectKeyId) {
      cert.subjectKeyId = expectTag(parseDer(body), TAG.octetString, 'SubjectKeyIdentifier').value;
    } else if (oid === EXT.authorityKeyId) {
      const keyId = children(expectTag(parseDer(body), TAG.sequence, 'AuthorityKeyIdentifier')).find(
        (n) => n.tag === 0x80,
      );
      if (keyId) cert.authorityKeyId = keyId.value;
    }
  }
}
