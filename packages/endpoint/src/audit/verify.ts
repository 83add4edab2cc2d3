/**
 * `verifyAuditLog()`: re-derives every entry's hash, checks its signature, its sequence number and
 * its link to the previous entry, and reports every problem found (not only the first).
 *
 * What it detects: an edited entry (hash mismatch; re-hashing needs the key to re-sign), a deleted
 * entry (sequence gap and broken link), an inserted or forged entry (bad signature, gap or broken
 * link), reordered entries (gaps and broken links), entries from another log or key, and deletion of
 * the first entries (a log must start at seq 0 and the genesis hash unless `start` says otherwise).
 * Truncation of the newest entries leaves a valid shorter chain, so it is detected only against an
 * anchor kept elsewhere: pass `expectedHead` (a head recorded by the writer, e.g. in a monitoring
 * system) or `minEntries`. Whoever holds the HMAC key can rewrite the whole log; with Ed25519 only
 * the private-key holder can.
 */
import { aobject, IntegrityError } from '@modelsec/core';
import { decodeSignature, GENESIS_HASH, hashBody, signedMessage } from './entry';
import type { AuditEntry, AuditHead, AuditVerifier } from './types';

/** Kinds of problems. */
export type AuditProblemKind =
  | 'malformed'
  | 'hash_mismatch'
  | 'signature_invalid'
  | 'unknown_key'
  | 'wrong_log'
  | 'sequence_gap'
  | 'chain_broken'
  | 'truncated';

/** One problem found. */
export interface AuditProblem {
  /** What is wrong. */
  kind: AuditProblemKind;
  /** Position in the input (0-based). */
  index: number;
  /** The entry's claimed sequence number, when readable. */
  seq?: number;
}

/** Options of `verifyAuditLog`. */
export interface VerifyAuditOptions {
  /** Verifiers by key id (one, or several across key rotations). */
  verifier: AuditVerifier | readonly AuditVerifier[];
  /** Expected log id (default: the first entry's). */
  logId?: string;
  /** Verify a segment: the entry before the first one given (default: the log starts at seq 0). */
  start?: AuditHead;
  /** The newest entry must be at least this one (detects truncation of the tail). */
  expectedHead?: AuditHead;
  /** At least this many entries must be present. */
  minEntries?: number;
}

/** The report of `verifyAuditLog`. */
export interface AuditReport {
  /** True when no problem was found. */
  ok: boolean;
  /** Entries examined. */
  entries: number;
  /** The last entry's position. */
  head: AuditHead | undefined;
  /** Every problem, in order. */
  problems: AuditProblem[];
}

const MAX_LINE = 65_536;

/**
 * Verify entries (objects or JSONL lines), from any iterable or async iterable such as `sink.entries()`.
 *
 * @example
 * ```ts
 * const report = await verifyAuditLog(sink.entries(), { verifier: signer, expectedHead: savedHead });
 * if (!report.ok) alert(report.problems);
 * ```
 */
export async function verifyAuditLog(
  entries: Iterable<AuditEntry | string> | AsyncIterable<AuditEntry | string>,
  options: VerifyAuditOptions,
): Promise<AuditReport> {
  aobject(options as unknown, 'options');
  const verifiers = new Map<string, AuditVerifier>();
  for (const v of Array.isArray(options.verifier) ? options.verifier : [options.verifier as AuditVerifier]) {
    verifiers.set(`${v.alg}:${v.kid}`, v);
  }
  const problems: AuditProblem[] = [];
  let logId = options.logId;
  let expectedSeq = options.start ? options.start.seq + 1 : 0;
  let prevHash = options.start ? options.start.hash : GENESIS_HASH;
  let head: AuditHead | undefined;
  let index = 0;
  for await (const raw of entries as AsyncIterable<AuditEntry | string>) {
    const i = index++;
    const entry = parseEntry(raw);
    if (!entry) {
      problems.push({ kind: 'malformed', index: i });
      expectedSeq++;
      prevHash = '';
      continue;
    }
    const seq = entry.seq;
    logId ??= entry.log;
    if (entry.log !== logId) problems.push({ kind: 'wrong_log', index: i, seq });
    let hash: string | undefined;
    try {
      hash = await hashBody(entry);
    } catch {
      hash = undefined;
    }
    if (hash !== entry.hash) problems.push({ kind: 'hash_mismatch', index: i, seq });
    const verifier = verifiers.get(`${entry.alg}:${entry.kid}`);
    const sig = decodeSignature(entry.sig);
    if (!verifier) problems.push({ kind: 'unknown_key', index: i, seq });
    else if (!sig || !(await verifier.verify(signedMessage(entry.hash), sig))) {
      problems.push({ kind: 'signature_invalid', index: i, seq });
    }
    if (seq !== expectedSeq) problems.push({ kind: 'sequence_gap', index: i, seq });
    if (entry.prev !== prevHash) problems.push({ kind: 'chain_broken', index: i, seq });
    // Resynchronize on this entry so one problem is not reported again for every later entry.
    expectedSeq = seq + 1;
    prevHash = entry.hash;
    head = { seq, hash: entry.hash };
  }
  const count = index;
  const want = options.expectedHead;
  if (want !== undefined && (head === undefined || head.seq < want.seq)) {
    problems.push({ kind: 'truncated', index: count });
  } else if (want !== undefined && head !== undefined && head.seq === want.seq && head.hash !== want.hash) {
    problems.push({ kind: 'chain_broken', index: count - 1, seq: head.seq });
  }
  if (options.minEntries !== undefined && count < options.minEntries)
    problems.push({ kind: 'truncated', index: count });
  return { ok: problems.length === 0, entries: count, head, problems };
}

/**
 * Like `verifyAuditLog`, but throws on the first problem kind: `IntegrityError` with code
 * `tampered` (hash mismatch), `signature_invalid` (bad or unknown signature) or `audit_chain_broken`.
 *
 * @example
 * ```ts
 * await assertAuditLog(sink.entries(), { verifier });
 * ```
 */
export async function assertAuditLog(
  entries: Iterable<AuditEntry | string> | AsyncIterable<AuditEntry | string>,
  options: VerifyAuditOptions,
): Promise<AuditReport> {
  const report = await verifyAuditLog(entries, options);
  const first = report.problems[0];
  if (first) {
    const code =
      first.kind === 'hash_mismatch'
        ? 'tampered'
        : first.kind === 'signature_invalid' || first.kind === 'unknown_key'
          ? 'signature_invalid'
          : 'audit_chain_broken';
    throw new IntegrityError(code, `audit log verification failed: ${report.problems.length} problem(s)`, {
      details: { problems: report.problems.slice(0, 10) },
    });
  }
  return report;
}

function parseEntry(raw: unknown): AuditEntry | undefined {
  let value = raw;
  if (typeof raw === 'string') {
    if (raw.length > MAX_LINE) return undefined;
    try {
      value = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const e = value as Record<string, unknown>;
  const ok =
    e.v === 1 &&
    typeof e.log === 'string' &&
    Number.isSafeInteger(e.seq) &&
    typeof e.ts === 'string' &&
    typeof e.prev === 'string' &&
    typeof e.event === 'object' &&
    e.event !== null &&
    (e.alg === 'HMAC-SHA256' || e.alg === 'Ed25519') &&
    typeof e.kid === 'string' &&
    typeof e.hash === 'string' &&
    typeof e.sig === 'string';
  return ok ? (e as unknown as AuditEntry) : undefined;
}
