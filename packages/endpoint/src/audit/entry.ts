/**
 * Building and checking one chain link: the canonical body, its SHA-256 `hash`, and the signature
 * over a domain-separated message, shared by the writer (`createAuditLog`) and `verifyAuditLog`.
 */
import { base64ToBytes, bytesToBase64, bytesToHex, digest, utf8ToBytes } from '@modelsec/core';
import { canonicalJson } from './canonical';
import type { AuditEntry, AuditSigner } from './types';

/** `prev` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields covered by `hash`. */
export type AuditBody = Omit<AuditEntry, 'hash' | 'sig'>;

/**
 * Hex SHA-256 of the canonical body. `canonicalEvent` (the event's canonical JSON, when the caller
 * already has it) must equal `canonicalJson(body.event)`.
 */
export async function hashBody(body: AuditBody, canonicalEvent?: string): Promise<string> {
  const { v, log, seq, ts, prev, event, alg, kid } = body;
  // Keys in canonical (sorted) order: alg, event, kid, log, prev, seq, ts, v. Same bytes as canonicalJson(body).
  const text =
    canonicalEvent === undefined
      ? canonicalJson({ v, log, seq, ts, prev, event, alg, kid })
      : `{"alg":${canonicalJson(alg)},"event":${canonicalEvent},"kid":${canonicalJson(kid)},"log":${canonicalJson(log)},"prev":${canonicalJson(prev)},"seq":${canonicalJson(seq)},"ts":${canonicalJson(ts)},"v":${canonicalJson(v)}}`;
  return bytesToHex(await digest('sha256', utf8ToBytes(text)));
}

/** The message a signature covers. */
export function signedMessage(hash: string): Uint8Array {
  return utf8ToBytes(`modelsec-audit-v1:${hash}`);
}

/** Hash and sign a body into an entry. */
export async function sealEntry(body: AuditBody, signer: AuditSigner, canonicalEvent?: string): Promise<AuditEntry> {
  const hash = await hashBody(body, canonicalEvent);
  const sig = bytesToBase64(await signer.sign(signedMessage(hash)), { url: true });
  return { ...body, hash, sig };
}

/**
 * Decode a base64url signature, or `undefined` when malformed or not written exactly as `sealEntry`
 * writes it (unpadded base64url): the decoder also reads standard base64 and padding, and a stored line
 * that differs from the sealed one must not verify (an `_` changed to `/` decodes to the same bytes).
 */
export function decodeSignature(sig: string): Uint8Array | undefined {
  try {
    const bytes = base64ToBytes(sig);
    return bytesToBase64(bytes, { url: true }) === sig ? bytes : undefined;
  } catch {
    return undefined;
  }
}
