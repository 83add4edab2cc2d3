/**
 * Embedded signed certificate timestamps (RFC 6962 §3.3): the leaf's SCT list extension
 * (1.3.6.1.4.1.11129.2.4.2), each SCT verified against a trusted CT log over the precertificate
 * entry: SHA-256 of the issuer's SubjectPublicKeyInfo, then the TBSCertificate re-encoded without
 * the SCT extension.
 */
import { concatBytes } from '../../bytes/ops';
import { digest } from '../../digest/digest';
import { children, type DerNode, decodeOid, derEncode, derSequence, expectTag, parseDer, TAG } from '../der';
import { verifySignature } from '../keys';
import type { Certificate } from '../x509';
import { fail, recode } from './fields';
import { logsFor, type TrustedLog } from './trust';

/** The embedded SCT list extension. */
export const OID_SCT_LIST = '1.3.6.1.4.1.11129.2.4.2';

interface Sct {
  version: number;
  logId: Uint8Array;
  timestamp: Uint8Array;
  extensions: Uint8Array;
  hash: number;
  signatureAlgorithm: number;
  signature: Uint8Array;
}

/**
 * Verify every embedded SCT of `leaf` (issued by `issuer`) and return how many verified; each SCT
 * present must verify, and at least one must be present.
 *
 * @throws IntegrityError `certificate_untrusted`.
 * @example
 * ```ts
 * await verifyScts(leaf, path[1], trust.ctlogs);
 * ```
 */
export async function verifyScts(leaf: Certificate, issuer: Certificate, logs: TrustedLog[]): Promise<number> {
  const ext = leaf.extensions.find((e) => e.oid === OID_SCT_LIST);
  if (!ext) return fail('certificate_untrusted', 'the certificate has no embedded SCT');
  const scts = recode('certificate_untrusted', 'the SCT list', () => parseList(ext.value));
  if (scts.length === 0) fail('certificate_untrusted', 'the certificate has no embedded SCT');
  const tbs = recode('certificate_untrusted', 'the certificate', () => precertTbs(leaf.tbs));
  const issuerKeyHash = await digest('sha256', issuer.publicKey.spki);
  const len = new Uint8Array([tbs.length >> 16, (tbs.length >> 8) & 0xff, tbs.length & 0xff]);
  for (const sct of scts) {
    const extLen = new Uint8Array([sct.extensions.length >> 8, sct.extensions.length & 0xff]);
    const signed = concatBytes(
      new Uint8Array([sct.version, 0]),
      sct.timestamp,
      new Uint8Array([0, 1]),
      issuerKeyHash,
      len,
      tbs,
      extLen,
      sct.extensions,
    );
    const ms = new DataView(sct.timestamp.buffer, sct.timestamp.byteOffset, 8).getBigUint64(0);
    const at = new Date(ms > 8_640_000_000_000_000n ? Number.NaN : Number(ms));
    let ok = false;
    if (sct.hash === 4 && !Number.isNaN(at.getTime())) {
      for (const log of logsFor(logs, sct.logId, at)) {
        if (await verifySignature(log.key as never, signed, sct.signature, 'sha256').catch(() => false)) ok = true;
      }
    }
    if (!ok) fail('certificate_untrusted', 'an embedded SCT does not verify with a trusted CT log');
  }
  return scts.length;
}

function parseList(value: Uint8Array): Sct[] {
  const list = expectTag(parseDer(value), TAG.octetString, 'SCT list').value;
  const r = reader(list);
  const total = r.u16();
  if (total !== list.length - 2) throw new Error('SCT list length mismatch');
  const out: Sct[] = [];
  while (!r.done()) {
    const s = reader(r.block(r.u16()));
    const sct: Sct = {
      version: s.u8(),
      logId: s.block(32),
      timestamp: s.block(8),
      extensions: s.block(s.u16()),
      hash: s.u8(),
      signatureAlgorithm: s.u8(),
      signature: s.block(s.u16()),
    };
    if (!s.done() || sct.version !== 0) throw new Error('malformed SCT');
    out.push(sct);
  }
  return out;
}

function reader(bytes: Uint8Array) {
  let pos = 0;
  const block = (n: number) => {
    if (pos + n > bytes.length) throw new Error('truncated');
    const b = bytes.subarray(pos, pos + n);
    pos += n;
    return b;
  };
  return {
    u8: () => block(1)[0] as number,
    u16: () => {
      const b = block(2);
      return ((b[0] as number) << 8) | (b[1] as number);
    },
    block,
    done: () => pos === bytes.length,
  };
}

/** The TBSCertificate DER without the SCT list extension (the precertificate's TBS). */
function precertTbs(tbsDer: Uint8Array): Uint8Array {
  const items = children(parseDer(tbsDer));
  const parts = items.map((item: DerNode) => {
    if (item.tag !== 0xa3) return item.raw;
    const exts = children(expectTag(children(item)[0], TAG.sequence, 'Extensions'));
    const kept = exts.filter((e) => decodeOid(children(e)[0] as DerNode) !== OID_SCT_LIST);
    return derEncode(0xa3, derSequence(...kept.map((e) => e.raw)));
  });
  return derEncode(TAG.sequence, concatBytes(...parts));
}
