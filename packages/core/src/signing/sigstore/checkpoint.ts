/**
 * Rekor inclusion proofs: the RFC 6962 Merkle audit path from an entry's leaf hash
 * (SHA-256(0x00 || body)) to a root hash (nodes SHA-256(0x01 || left || right)), and the signed
 * checkpoint note (transparency-dev format: origin, tree size, base64 root hash, then `— name
 * base64(keyHint || signature)` lines) that commits the log to that root.
 */
import { base64ToBytes, utf8ToBytes } from '../../bytes/encoding';
import { concatBytes, equalBytes } from '../../bytes/ops';
import { digest } from '../../digest/digest';
import { verifySignature } from '../keys';
import { fail } from './fields';
import type { TrustedLog } from './trust';

/** A checkpoint's body. */
export interface Checkpoint {
  /** The log's origin line. */
  origin: string;
  /** Tree size. */
  size: bigint;
  /** Root hash. */
  rootHash: Uint8Array;
}

const MAX_NOTE = 64 * 1024;

/**
 * Verify a signed checkpoint note with a trusted log key (key hint = first 4 bytes of the log id,
 * signer name contained in the log's base URL) and return its body.
 *
 * @throws IntegrityError `tlog_invalid`.
 * @example
 * ```ts
 * const cp = await verifyCheckpoint(envelope, trust.tlogs);
 * ```
 */
export async function verifyCheckpoint(envelope: string, logs: TrustedLog[]): Promise<Checkpoint> {
  if (envelope.length > MAX_NOTE) fail('tlog_invalid', 'checkpoint is too large');
  const split = envelope.indexOf('\n\n');
  if (split < 0) fail('tlog_invalid', 'checkpoint has no signature block');
  const note = envelope.slice(0, split + 1);
  const lines = note.slice(0, -1).split('\n');
  if (lines.length < 3) fail('tlog_invalid', 'checkpoint has too few lines');
  const [origin, sizeLine, hashLine] = lines as [string, string, string];
  if (!/^(0|[1-9][0-9]{0,19})$/.test(sizeLine)) fail('tlog_invalid', 'checkpoint tree size is not a number');
  let rootHash: Uint8Array;
  try {
    rootHash = base64ToBytes(hashLine);
  } catch (cause) {
    return fail('tlog_invalid', 'checkpoint root hash is not base64', cause);
  }
  if (rootHash.length !== 32) fail('tlog_invalid', 'checkpoint root hash must have 32 bytes');
  const data = utf8ToBytes(note);
  let verified = false;
  for (const line of envelope.slice(split + 2).split('\n')) {
    if (line === '') continue;
    const parts = line.split(' ');
    if (parts.length !== 3 || parts[0] !== '\u2014') continue;
    let sig: Uint8Array;
    try {
      sig = base64ToBytes(parts[2] as string);
    } catch {
      continue;
    }
    if (sig.length < 5) fail('tlog_invalid', 'malformed checkpoint signature');
    const name = parts[1] as string;
    for (const log of logs) {
      if (!log.key || !equalBytes(log.keyId.subarray(0, 4), sig.subarray(0, 4))) continue;
      if (name === '' || !log.baseUrl.includes(name)) continue;
      if (await verifySignature(log.key, data, sig.subarray(4), 'sha256').catch(() => false)) verified = true;
    }
  }
  if (!verified) fail('tlog_invalid', 'checkpoint signature does not verify with a trusted log key');
  return { origin, size: BigInt(sizeLine), rootHash };
}

/**
 * Verify an RFC 6962 inclusion proof of `leaf` (the canonicalized entry body) at `index` in a tree
 * of `size` entries whose root is `root`.
 *
 * @throws IntegrityError `tlog_invalid`.
 * @example
 * ```ts
 * await verifyInclusion(body, 42n, cp.size, proofHashes, cp.rootHash);
 * ```
 */
export async function verifyInclusion(
  leaf: Uint8Array,
  index: bigint,
  size: bigint,
  hashes: Uint8Array[],
  root: Uint8Array,
): Promise<void> {
  if (index < 0n || index >= size) fail('tlog_invalid', 'inclusion proof index is outside the tree');
  const inner = bitLength(index ^ (size - 1n));
  const border = ones(index >> BigInt(inner));
  if (hashes.length !== inner + border) fail('tlog_invalid', 'inclusion proof has the wrong number of hashes');
  let node = await digest('sha256', concatBytes(new Uint8Array([0]), leaf));
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i] as Uint8Array;
    if (h.length !== 32) fail('tlog_invalid', 'inclusion proof hashes must have 32 bytes');
    const left = i < inner ? ((index >> BigInt(i)) & 1n) === 1n : true;
    node = await digest(
      'sha256',
      left ? concatBytes(new Uint8Array([1]), h, node) : concatBytes(new Uint8Array([1]), node, h),
    );
  }
  if (!equalBytes(node, root)) fail('tlog_invalid', 'inclusion proof does not lead to the checkpoint root hash');
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

function ones(n: bigint): number {
  let c = 0;
  for (const ch of n.toString(2)) if (ch === '1') c++;
  return c;
}
