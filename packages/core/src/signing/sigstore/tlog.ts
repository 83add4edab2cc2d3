/**
 * Rekor (transparency log) entries of a keyless bundle: the signed entry timestamp (SET, the log's
 * signature over the canonical JSON `{"body","integratedTime","logID","logIndex"}`), which makes
 * `integratedTime` a trusted signing time; the inclusion proof with its signed checkpoint; and the
 * canonicalized body (`dsse` 0.0.1, `intoto` 0.0.2, `hashedrekord` 0.0.1 over the payload, as
 * @sigstore/verify reads it for DSSE bundles), which must describe this very envelope,
 * signature and certificate.
 */
import { base64ToBytes, bytesToBase64, bytesToHex, bytesToUtf8, utf8ToBytes } from '../../bytes/encoding';
import { equalBytes } from '../../bytes/ops';
import { digest } from '../../digest/digest';
import { verifySignature } from '../keys';
import { decodePem } from '../pem';
import { isJsonObject, type JsonValue, parseStrictJson } from '../strict-json';
import { verifyCheckpoint, verifyInclusion } from './checkpoint';
import { array, base64, fail, integer, type JsonObject, object, recode, string } from './fields';
import { logsFor, type TrustedLog } from './trust';

/** What the log entry must match. */
export interface SignedContent {
  /** The DSSE signature bytes. */
  signature: Uint8Array;
  /** The DSSE payload bytes. */
  payload: Uint8Array;
  /** The leaf certificate DER. */
  certificate: Uint8Array;
}

/** A log entry after structural checks. */
export interface TlogEntry {
  /** The parsed JSON. */
  json: JsonObject;
  /** Canonicalized body bytes. */
  body: Uint8Array;
  /** Log id (key id). */
  logId: Uint8Array;
  /** Log index. */
  logIndex: number;
  /** Integrated time (seconds), 0 when absent. */
  integratedTime: number;
}

/**
 * Read a `tlogEntries` item.
 *
 * @throws IntegrityError `tlog_invalid`.
 * @example
 * ```ts
 * const entry = readEntry(bundle.verificationMaterial.tlogEntries[0]);
 * ```
 */
export function readEntry(json: JsonValue): TlogEntry {
  if (!isJsonObject(json)) fail('tlog_invalid', 'a tlog entry must be an object');
  const t = (json as JsonObject).integratedTime;
  return {
    json: json as JsonObject,
    body: base64(json, 'canonicalizedBody', 'tlog_invalid'),
    logId: base64(object(json, 'logId', 'tlog_invalid'), 'keyId', 'tlog_invalid'),
    logIndex: integer(json, 'logIndex', 'tlog_invalid'),
    integratedTime: t === undefined || t === null ? 0 : integer(json, 'integratedTime', 'tlog_invalid'),
  };
}

/**
 * Verify an entry's signed entry timestamp and return the integrated time it vouches for, or
 * undefined when the entry has no inclusion promise.
 *
 * @throws IntegrityError `tlog_invalid` when the promise does not verify with a trusted log key valid then.
 * @example
 * ```ts
 * const at = await verifyPromise(entry, trust.tlogs);
 * ```
 */
export async function verifyPromise(entry: TlogEntry, logs: TrustedLog[]): Promise<Date | undefined> {
  const promise = entry.json.inclusionPromise;
  if (promise === undefined || promise === null) return undefined;
  const set = base64(promise, 'signedEntryTimestamp', 'tlog_invalid');
  const at = new Date(entry.integratedTime * 1000);
  const payload = utf8ToBytes(
    `{"body":${JSON.stringify(bytesToBase64(entry.body))},"integratedTime":${entry.integratedTime},` +
      `"logID":"${bytesToHex(entry.logId)}","logIndex":${entry.logIndex}}`,
  );
  for (const log of logsFor(logs, entry.logId, at)) {
    if (await verifySignature(log.key as never, payload, set, 'sha256').catch(() => false)) return at;
  }
  return fail('tlog_invalid', 'the signed entry timestamp does not verify with a trusted log key');
}

/**
 * Verify an entry's inclusion (promise and/or proof with its checkpoint) and its body;
 * `promiseVerified` skips re-checking a SET already verified by `verifyPromise`.
 *
 * @throws IntegrityError `tlog_invalid`.
 * @example
 * ```ts
 * await verifyEntry(entry, trust.tlogs, { signature, payload, certificate });
 * ```
 */
export async function verifyEntry(
  entry: TlogEntry,
  logs: TrustedLog[],
  content: SignedContent,
  promiseVerified = false,
): Promise<void> {
  let included = promiseVerified || (await verifyPromise(entry, logs)) !== undefined;
  const proof = entry.json.inclusionProof;
  if (proof !== undefined && proof !== null) {
    const envelope = string(object(proof, 'checkpoint', 'tlog_invalid'), 'envelope', 'tlog_invalid');
    // The checkpoint must be signed by the key of the log the entry names.
    const cp = await verifyCheckpoint(
      envelope,
      logs.filter((l) => equalBytes(l.keyId, entry.logId)),
    );
    const index = BigInt(integer(proof, 'logIndex', 'tlog_invalid'));
    const hashes = array(proof, 'hashes', 'tlog_invalid').map((h) =>
      recode('tlog_invalid', 'an inclusion proof hash', () => base64ToBytes(h as string)),
    );
    await verifyInclusion(entry.body, index, cp.size, hashes, cp.rootHash);
    const root = base64(proof, 'rootHash', 'tlog_invalid');
    if (!equalBytes(root, cp.rootHash) || BigInt(integer(proof, 'treeSize', 'tlog_invalid')) !== cp.size)
      fail('tlog_invalid', 'the inclusion proof and its checkpoint name different trees');
    included = true;
  }
  if (!included) fail('tlog_invalid', 'the tlog entry has neither an inclusion promise nor an inclusion proof');
  await verifyBody(entry, content);
}

async function verifyBody(entry: TlogEntry, content: SignedContent): Promise<void> {
  const body = recode('tlog_invalid', 'the tlog entry body', () =>
    parseStrictJson(bytesToUtf8(entry.body), { maxLength: 16 * 1024 * 1024 }),
  );
  const kv = object(entry.json, 'kindVersion', 'tlog_invalid');
  const kind = string(body, 'kind', 'tlog_invalid');
  const version = string(body, 'apiVersion', 'tlog_invalid');
  if (kind !== string(kv, 'kind', 'tlog_invalid') || version !== string(kv, 'version', 'tlog_invalid'))
    fail('tlog_invalid', 'the tlog entry kind/version differs from its body');
  const spec = object(body, 'spec', 'tlog_invalid');
  let sigs: JsonValue[];
  let sig: Uint8Array;
  let hash: string;
  let verifier: string | undefined;
  if (kind === 'dsse' && version === '0.0.1') {
    sigs = array(spec, 'signatures', 'tlog_invalid');
    sig = base64(sigs[0], 'signature', 'tlog_invalid');
    hash = string(object(spec, 'payloadHash', 'tlog_invalid'), 'value', 'tlog_invalid');
    verifier = isJsonObject(sigs[0]) && typeof sigs[0].verifier === 'string' ? sigs[0].verifier : undefined;
  } else if (kind === 'intoto' && version === '0.0.2') {
    const c = object(spec, 'content', 'tlog_invalid');
    sigs = array(object(c, 'envelope', 'tlog_invalid'), 'signatures', 'tlog_invalid');
    const inner = recode('tlog_invalid', 'the intoto signature', () =>
      bytesToUtf8(base64(sigs[0], 'sig', 'tlog_invalid')),
    );
    sig = recode('tlog_invalid', 'the intoto signature', () => base64ToBytes(inner));
    hash = string(object(c, 'payloadHash', 'tlog_invalid'), 'value', 'tlog_invalid');
    verifier = isJsonObject(sigs[0]) && typeof sigs[0].publicKey === 'string' ? sigs[0].publicKey : undefined;
  } else if (kind === 'hashedrekord' && version === '0.0.1') {
    const signature = object(spec, 'signature', 'tlog_invalid');
    sigs = [signature];
    sig = base64(signature, 'content', 'tlog_invalid');
    hash = string(object(object(spec, 'data', 'tlog_invalid'), 'hash', 'tlog_invalid'), 'value', 'tlog_invalid');
    const key = isJsonObject(signature.publicKey) ? signature.publicKey.content : undefined;
    verifier = typeof key === 'string' ? key : undefined;
  } else return fail('tlog_invalid', 'unsupported tlog entry kind (dsse 0.0.1, intoto 0.0.2, hashedrekord 0.0.1)');
  if (sigs.length !== 1) fail('tlog_invalid', 'the tlog entry must carry exactly one signature');
  if (!equalBytes(sig, content.signature)) fail('tlog_invalid', 'the tlog entry records another signature');
  const expected = bytesToHex(await digest('sha256', content.payload));
  if (hash.toLowerCase() !== expected) fail('tlog_invalid', 'the tlog entry records another payload');
  if (verifier !== undefined) {
    const pem = recode('tlog_invalid', 'the tlog entry verifier', () => bytesToUtf8(base64ToBytes(verifier)));
    const blocks = recode('tlog_invalid', 'the tlog entry verifier', () => decodePem(pem));
    if (!blocks.some((b) => b.label === 'CERTIFICATE' && equalBytes(b.der, content.certificate)))
      fail('tlog_invalid', 'the tlog entry records another certificate');
  }
}
