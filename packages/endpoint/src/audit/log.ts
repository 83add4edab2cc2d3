/**
 * `createAuditLog()`: append-only, hash-chained, signed audit entries. Each event is redacted, then
 * sealed with the previous entry's hash, a sequence number and a signature, and stored through the
 * sink's compare-and-append; when another writer got there first the entries are re-sealed on the
 * new head, so any number of instances sharing a sink (a Redis stream) keep one unbroken chain.
 *
 * Appends from one process are serialized and batched: while one write is in flight, new events
 * queue up and go out together in the next write (`sink.appendMany` when the sink has it), so a
 * remote sink costs one round trip per batch, not per request. Many busy writers on one chain
 * contend (optimistic concurrency with jittered backoff); give each instance its own `logId` (one
 * chain each) when that matters.
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
  /** Most entries written in one batch (default 256). */
  maxBatch?: number;
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

interface Pending {
  event: AuditEvent;
  canonical: string;
  resolve: (entry: AuditEntry) => void;
  reject: (error: unknown) => void;
}

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
  const maxBatch = options.maxBatch ?? 256;
  const now = options.now ?? Date.now;
  const { sink, signer } = options;

  let known: AuditHead | undefined;
  let loaded = false;
  const queue: Pending[] = [];
  let pump: Promise<void> | undefined;

  const seal = async (events: readonly Pending[], from: AuditHead | undefined): Promise<AuditEntry[]> => {
    const out: AuditEntry[] = [];
    let prev = from;
    const ts = new Date(now()).toISOString();
    for (const { event, canonical } of events) {
      const body: AuditBody = {
        v: 1,
        log: logId,
        seq: prev === undefined ? 0 : prev.seq + 1,
        ts,
        prev: prev === undefined ? GENESIS_HASH : prev.hash,
        event,
        alg: signer.alg,
        kid: signer.kid,
      };
      const entry = await sealEntry(body, signer, canonical);
      out.push(entry);
      prev = { seq: entry.seq, hash: entry.hash };
    }
    return out;
  };

  /** Store a batch, re-sealing on top of whatever another writer appended meanwhile. */
  const write = async (events: readonly Pending[]): Promise<AuditEntry[]> => {
    if (!loaded) {
      known = await sink.head();
      loaded = true;
    }
    const stored: AuditEntry[] = [];
    let rest = events;
    for (let attempt = 0; attempt < MAX_RETRIES && rest.length > 0; attempt++) {
      const entries = await seal(rest, known);
      if (sink.appendMany && entries.length > 1) {
        const result = await sink.appendMany(entries, known);
        if (result.ok) {
          stored.push(...entries);
          known = { seq: (entries.at(-1) as AuditEntry).seq, hash: (entries.at(-1) as AuditEntry).hash };
          return stored;
        }
        known = result.head;
      } else {
        const first = entries[0] as AuditEntry;
        const result = await sink.append(first, known);
        if (result.ok) {
          stored.push(first);
          known = { seq: first.seq, hash: first.hash };
          rest = rest.slice(1);
          attempt = -1; // progress: reset the retry budget
          continue;
        }
        known = result.head; // another writer appended: chain onto its entry
      }
      if (attempt > 0) await sleep(Math.random() * Math.min(50, 2 ** attempt)); // jittered backoff under contention
    }
    if (rest.length === 0) return stored;
    throw new IntegrityError('audit_chain_broken', 'could not append to the audit log: the head kept moving');
  };

  const drain = async () => {
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      try {
        const entries = await write(batch);
        batch.forEach((p, i) => {
          p.resolve(entries[i] as AuditEntry);
        });
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    pump = undefined;
  };

  return {
    logId,
    append(event: AuditEvent) {
      try {
        aobject(event as unknown, 'event');
        const safe = redact(event);
        const canonical = canonicalJson(safe);
        if (canonical.length > maxBytes || utf8ToBytes(canonical).length > maxBytes) {
          throw new ConfigError('invalid_argument', `audit event exceeds ${maxBytes} bytes after redaction`);
        }
        return new Promise<AuditEntry>((resolve, reject) => {
          queue.push({ event: safe, canonical, resolve, reject });
          pump ??= drain();
        });
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async head() {
      while (pump) await pump;
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
