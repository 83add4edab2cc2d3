/**
 * RFC 3161 timestamps (`timestampVerificationData.rfc3161Timestamps`): a TimeStampResp whose CMS
 * SignedData carries a TSTInfo. Verified: status granted, content types, the message imprint equals
 * the hash of the DSSE signature bytes, the signed attributes' messageDigest equals the hash of the
 * TSTInfo, the signature over the signed attributes (re-tagged as SET) by the TSA certificate named
 * by the signer identifier, which must chain to a trusted timestamp authority at the time it states
 * and carry the timeStamping extended key usage.
 */
import { equalBytes } from '../../bytes/ops';
import { digest } from '../../digest/digest';
import {
  algorithmOid,
  children,
  type DerNode,
  decodeOid,
  derTime,
  expectTag,
  integerBytes,
  parseDer,
  TAG,
} from '../der';
import { verifySignature } from '../keys';
import { fail, recode } from './fields';
import { chainAt } from './fulcio';
import type { TrustedAuthority } from './trust';

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const EKU_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
const HASHES: Record<string, 'sha256' | 'sha384' | 'sha512'> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const ECDSA: Record<string, 'sha256' | 'sha384' | 'sha512'> = {
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

interface Token {
  genTime: Date;
  imprintHash: 'sha256' | 'sha384' | 'sha512';
  imprint: Uint8Array;
  tstInfo: Uint8Array;
  issuer: Uint8Array;
  serial: Uint8Array;
  digestHash: 'sha256' | 'sha384' | 'sha512';
  signedAttrs: Uint8Array;
  messageDigest: Uint8Array;
  signatureHash: 'sha256' | 'sha384' | 'sha512';
  signature: Uint8Array;
}

/**
 * Verify an RFC 3161 timestamp over `signature` and return the time it vouches for.
 *
 * @throws IntegrityError `tlog_invalid` when it is malformed or does not verify.
 * @example
 * ```ts
 * const at = await verifyTimestamp(token, dsseSignature, trust.timestampAuthorities);
 * ```
 */
export async function verifyTimestamp(
  token: Uint8Array,
  signature: Uint8Array,
  authorities: TrustedAuthority[],
): Promise<Date> {
  const t = recode('tlog_invalid', 'the RFC 3161 timestamp', () => parseToken(token));
  if (!equalBytes(await digest(t.imprintHash, signature), t.imprint))
    fail('tlog_invalid', 'the RFC 3161 timestamp covers another signature');
  if (!equalBytes(await digest(t.digestHash, t.tstInfo), t.messageDigest))
    fail('tlog_invalid', 'the RFC 3161 signed attributes do not match the TSTInfo');
  for (const ca of authorities) {
    const tsa = ca.chain[0];
    if (!tsa || !equalBytes(tsa.issuer, t.issuer) || !equalBytes(tsa.serial, t.serial)) continue;
    if (t.genTime < ca.start || t.genTime > ca.end) continue;
    const anchor = { ...ca, chain: ca.chain.slice(1) };
    if (anchor.chain.length === 0) continue;
    try {
      await chainAt(tsa, t.genTime, [anchor]);
    } catch {
      continue;
    }
    if (!tsa.extKeyUsage?.includes(EKU_TIME_STAMPING)) continue;
    if (await verifySignature(tsa.publicKey, t.signedAttrs, t.signature, t.signatureHash).catch(() => false))
      return t.genTime;
  }
  return fail('tlog_invalid', 'the RFC 3161 timestamp does not verify with a trusted timestamp authority');
}

function parseToken(der: Uint8Array): Token {
  const code = 'tlog_invalid';
  const [status, contentInfo] = children(expectTag(parseDer(der, code), TAG.sequence, 'TimeStampResp', code), code);
  const statusValue = integerBytes(
    children(expectTag(status, TAG.sequence, 'PKIStatusInfo', code), code)[0] as DerNode,
    code,
  );
  if (statusValue.length !== 1 || (statusValue[0] as number) > 1) throw new Error('timestamp not granted');
  const [ct, wrapped] = children(expectTag(contentInfo, TAG.sequence, 'ContentInfo', code), code);
  if (decodeOid(ct as DerNode, code) !== OID_SIGNED_DATA) throw new Error('not SignedData');
  const signedData = children(
    expectTag(children(expectTag(wrapped, 0xa0, '[0]', code), code)[0], TAG.sequence, 'SignedData', code),
    code,
  );
  const [eType, eContent] = children(expectTag(signedData[2], TAG.sequence, 'EncapsulatedContentInfo', code), code);
  if (decodeOid(eType as DerNode, code) !== OID_TST_INFO) throw new Error('not TSTInfo');
  const tstInfo = expectTag(
    children(expectTag(eContent, 0xa0, '[0]', code), code)[0],
    TAG.octetString,
    'eContent',
    code,
  ).value;
  const tst = children(expectTag(parseDer(tstInfo, code), TAG.sequence, 'TSTInfo', code), code);
  const [imprintAlg, imprint] = children(expectTag(tst[2], TAG.sequence, 'MessageImprint', code), code);
  const signerInfos = children(expectTag(signedData[signedData.length - 1], TAG.set, 'SignerInfos', code), code);
  if (signerInfos.length !== 1) throw new Error('exactly one signer expected');
  const si = children(expectTag(signerInfos[0], TAG.sequence, 'SignerInfo', code), code);
  const [issuer, serial] = children(expectTag(si[1], TAG.sequence, 'IssuerAndSerialNumber', code), code);
  const attrs = expectTag(si[3], 0xa0, 'signedAttrs', code);
  let messageDigest: Uint8Array | undefined;
  for (const attr of children(attrs, code)) {
    const [type, values] = children(expectTag(attr, TAG.sequence, 'Attribute', code), code);
    if (decodeOid(type as DerNode, code) !== OID_MESSAGE_DIGEST) continue;
    const [value, extra] = children(expectTag(values, TAG.set, 'AttributeValues', code), code);
    if (extra || messageDigest) throw new Error('one messageDigest expected');
    messageDigest = expectTag(value, TAG.octetString, 'messageDigest', code).value;
  }
  if (!messageDigest) throw new Error('no messageDigest attribute');
  const signedAttrs = attrs.raw.slice();
  signedAttrs[0] = TAG.set;
  return {
    genTime: generalizedTime(tst[4]),
    imprintHash: hash(HASHES, algorithmOid(imprintAlg, 'tlog_invalid')),
    imprint: expectTag(imprint, TAG.octetString, 'hashedMessage', code).value,
    tstInfo,
    issuer: expectTag(issuer, TAG.sequence, 'issuer', code).raw,
    serial: integerBytes(serial as DerNode, code),
    digestHash: hash(HASHES, algorithmOid(si[2], 'tlog_invalid')),
    signedAttrs,
    messageDigest,
    signatureHash: hash(ECDSA, algorithmOid(si[4], 'tlog_invalid')),
    signature: expectTag(si[5], TAG.octetString, 'signature', code).value,
  };
}

function hash<T>(table: Record<string, T>, oid: string): T {
  const h = table[oid];
  if (!h) throw new Error('unsupported algorithm');
  return h;
}

/** GeneralizedTime `YYYYMMDDHHMMSS[.fff]Z`. */
function generalizedTime(node: DerNode | undefined): Date {
  const t = derTime(expectTag(node, TAG.generalizedTime, 'genTime', 'tlog_invalid'), true);
  if (t === undefined) throw new Error('bad genTime');
  return t;
}
