/**
 * An in-memory audit sink (tests, short-lived workers, or a buffer in front of a durable sink).
 * Entries are stored as JSON text, so a stored entry cannot be changed through an object reference.
 */
import type { AppendResult, AuditEntry, AuditHead, AuditSink } from './types';

/**
 * Create a memory sink. `lines` exposes the stored JSON lines (tests tamper with it to prove
 * `verifyAuditLog` notices).
 *
 * @example
 * ```ts
 * const sink = memoryAuditSink();
 * const log = createAuditLog({ sink, signer });
 * ```
 */
export function memoryAuditSink(): AuditSink & {
  /** The stored entries as JSON text, oldest first. */
  readonly lines: string[];
} {
  const lines: string[] = [];
  let head: AuditHead | undefined;
  return {
    name: 'memory',
    lines,
    async head() {
      return head;
    },
    async append(entry: AuditEntry, expected: AuditHead | undefined): Promise<AppendResult> {
      if (head?.hash !== expected?.hash || head?.seq !== expected?.seq) return { ok: false, head };
      lines.push(JSON.stringify(entry));
      head = { seq: entry.seq, hash: entry.hash };
      return { ok: true };
    },
    async appendMany(entries: readonly AuditEntry[], expected: AuditHead | undefined): Promise<AppendResult> {
      if (head?.hash !== expected?.hash || head?.seq !== expected?.seq) return { ok: false, head };
      for (const entry of entries) lines.push(JSON.stringify(entry));
      const last = entries.at(-1);
      if (last) head = { seq: last.seq, hash: last.hash };
      return { ok: true };
    },
    async *entries() {
      for (const line of lines) yield JSON.parse(line) as AuditEntry;
    },
  };
}
