/**
 * `createAuditLog()`: append-only, hash-chained, signed audit entries. Each event is redacted, then
 * sealed with the previous entry's hash, a sequence number and a signature, and stored through the
 * sink's compare-and-append; when another writer got there first the entry is re-sealed on the new
 * head, so any number of instances sharing a sink (a Redis stream) keep one unbroken chain.
 * Appends from one process are serialized. Many busy writers on one chain contend (optimistic
 * concurrency with jittered backoff); give each instance its own `logId` (one chain each) when that
 * matters.
 */
import { afunction, aobject, astring, ConfigError, IntegrityError, utf8ToBytes } from '@modelsec/core';
import { canonicalJson } from './canonical';
import { type AuditBody, GENESIS_HASH, sealEntry } from './entry';
import { type AuditRedactor, defaultAuditRedactor } from './redact';
import type { AuditEntry, AuditEvent, AuditHead, AuditSigner, AuditSink } from './types';

/** Options of `createAuditLog`. */
export interface AuditLogOptions {
  /** Where entries go. */
  sink: AuditSink;
  /** Signs entries (`hmacAuditSigner` or `ed25519AuditSigner`). */
  signer: AuditSigner;
  /** Log id, part of every entry (default `default`). */
  logId?: string;
  /** Redactor applied to every event (default `defaultAuditRedactor`). */
  redact?: AuditRedactor;
  /** Largest canonical event size in bytes after redaction (default 16 KiB). */
  maxEventBytes?: number;
  /** Clock (default `Date.now`). */
  now?: () => number;
}

/** An audit log writer. */
export interface AuditLog {
  /** The log id. */
  readonly logId: string;
  /** Redact, chain, sign and store an event; resolves to the stored entry. */
  append(event: AuditEvent): Promise<AuditEntry>;
  /** The newest entry's position as this writer last saw it (from the sink when unknown). */
  head(): Promise<AuditHead | undefined>;
}

const MAX_RETRIES = 64;

/**
 * Create an audit log writer.
 *
 * @example
 * ```ts
 * const log = createAuditLog({ sink: memoryAuditSink(), signer: hmacAuditSigner(key) });
 * await log.append({ type: 'request', principal: 'alice', action: 'endpoint:invoke', outcome: 'allowed' });
 * ```
 */
export function createAuditLog(options: AuditLogOptions): AuditLog {
  aobject(options as unknown, 'options');
  aobject(options.sink as unknown, 'options.sink');
  aobject(options.signer as unknown, 'options.signer');
  afunction(options.signer.sign, 'options.signer.sign');
  const logId = options.logId ?? 'default';
  astring(logId, 'options.logId');
  if (logId.length === 0 || logId.length > 128)
    throw new ConfigError('invalid_config', 'options.logId must be 1-128 characters');
  const redact = options.redact ?? defaultAuditRedactor;
  afunction(redact, 'options.redact');
  const maxBytes = options.maxEventBytes ?? 16_384;
  const now = options.now ?? Date.now;
  const { sink, signer } = options;

  let known: AuditHead | undefined;
  let loaded = false;
  let tail: Promise<unknown> = Promise.resolve();

  const write = async (event: AuditEvent): Promise<AuditEntry> => {
    const safe = redact(event);
    if (utf8ToBytes(canonicalJson(safe)).length > maxBytes) {
      throw new ConfigError('invalid_argument', `audit event exceeds ${maxBytes} bytes after redaction`);
    }
    if (!loaded) {
      known = await sink.head();
      loaded = true;
    }
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const body: AuditBody = {
        v: 1,
        log: logId,
        seq: known === undefined ? 0 : known.seq + 1,
        ts: new Date(now()).toISOString(),
        prev: known === undefined ? GENESIS_HASH : known.hash,
        event: safe,
        alg: signer.alg,
        kid: signer.kid,
      };
      const entry = await sealEntry(body, signer);
      const result = await sink.append(entry, known);
      if (result.ok) {
        known = { seq: entry.seq, hash: entry.hash };
        return entry;
      }
      known = result.head; // another writer appended: chain onto its entry
      if (attempt > 0) await sleep(Math.random() * Math.min(50, 2 ** attempt)); // jittered backoff under contention
    }
    throw new IntegrityError('audit_chain_broken', 'could not append to the audit log: the head kept moving');
  };

  return {
    logId,
    append(event: AuditEvent) {
      aobject(event as unknown, 'event');
      const next = tail.then(() => write(event));
      tail = next.catch(() => {});
      return next;
    },
    async head() {
      await tail;
      if (!loaded) {
        known = await sink.head();
        loaded = true;
      }
      return known;
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
