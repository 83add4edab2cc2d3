/**
 * A JSON Lines file audit sink (Node). One entry per line, appended with `O_APPEND`; the head is
 * recovered from the file's last line on first use, so a restarted process continues the chain.
 * One writing process per file (the compare-and-append is in-process); for several writers use the
 * Redis stream sink. `fsync: true` flushes every append to disk before it is acknowledged.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { IntegrityError } from '@modelsec/core';
import type { AppendResult, AuditEntry, AuditHead, AuditSink } from '../audit/types';

/** Options of `fileAuditSink`. */
export interface FileAuditSinkOptions {
  /** fsync after every append (default false: the OS flushes). */
  fsync?: boolean;
}

const MAX_LINE = 65_536;

/**
 * Create a JSONL audit sink at `path` (created when missing).
 *
 * @example
 * ```ts
 * const log = createAuditLog({ sink: fileAuditSink('/var/log/modelsec/audit.jsonl'), signer });
 * ```
 */
export function fileAuditSink(
  path: string,
  options: FileAuditSinkOptions = {},
): AuditSink & {
  /** Every line of the file, including malformed ones, for `verifyAuditLog`. */
  lines(): AsyncIterable<string>;
} {
  let head: AuditHead | undefined;
  let loaded = false;

  const load = async () => {
    if (loaded) return;
    head = await lastHead(path);
    loaded = true;
  };

  const appendLines = async (
    entries: readonly AuditEntry[],
    expected: AuditHead | undefined,
  ): Promise<AppendResult> => {
    await load();
    if (head?.seq !== expected?.seq || head?.hash !== expected?.hash) return { ok: false, head };
    const last = entries.at(-1);
    if (!last) return { ok: true };
    const fh = await open(path, 'a', 0o600);
    try {
      await fh.appendFile(entries.map((e) => `${JSON.stringify(e)}\n`).join(''), 'utf8');
      if (options.fsync) await fh.sync();
    } finally {
      await fh.close();
    }
    head = { seq: last.seq, hash: last.hash };
    return { ok: true };
  };

  const lines = async function* (): AsyncGenerator<string> {
    let exists = true;
    await stat(path).catch(() => {
      exists = false;
    });
    if (!exists) return;
    let pending = '';
    let skipping = false;
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 65_536 })) {
      const parts = (pending + (chunk as string)).split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        if (skipping) skipping = false;
        else if (line.length > 0) yield line;
      }
      if (pending.length > MAX_LINE) {
        yield pending.slice(0, MAX_LINE + 1); // reported as malformed by the verifier
        pending = '';
        skipping = true;
      }
    }
    if (pending.length > 0 && !skipping) yield pending;
  };

  return {
    name: 'jsonl-file',
    async head() {
      await load();
      return head;
    },
    append(entry: AuditEntry, expected: AuditHead | undefined): Promise<AppendResult> {
      return appendLines([entry], expected);
    },
    appendMany(entries: readonly AuditEntry[], expected: AuditHead | undefined): Promise<AppendResult> {
      return appendLines(entries, expected);
    },
    async *entries() {
      for await (const line of lines()) {
        try {
          yield JSON.parse(line) as AuditEntry;
        } catch {
          // malformed lines are skipped here; verify `lines()` to see them
        }
      }
    },
    lines,
  };
}

async function lastHead(path: string): Promise<AuditHead | undefined> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return undefined;
  }
  if (size === 0) return undefined;
  const fh = await open(path, 'r');
  try {
    const length = Math.min(size, MAX_LINE + 2);
    const buf = new Uint8Array(length);
    await fh.read(buf, 0, length, size - length);
    const text = new TextDecoder().decode(buf).replace(/\n+$/, '');
    const last = text.slice(text.lastIndexOf('\n') + 1);
    const entry = JSON.parse(last) as Partial<AuditEntry>;
    if (!Number.isSafeInteger(entry.seq) || typeof entry.hash !== 'string') throw new Error('bad entry');
    return { seq: entry.seq as number, hash: entry.hash };
  } catch (cause) {
    throw new IntegrityError('audit_chain_broken', 'the audit file does not end with a valid entry', { cause });
  } finally {
    await fh.close();
  }
}
