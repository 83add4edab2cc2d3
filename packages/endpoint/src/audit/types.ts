/**
 * Audit log types: events (what happened), entries (an event in the hash chain, signed), heads (the
 * last entry's position) and the sink contract shared by the memory, JSONL-file and Redis-stream
 * sinks.
 */

/**
 * What is recorded. Free-form, JSON-compatible and redacted before it is chained; the endpoint
 * wrapper writes `type: 'request'` events with the fields below.
 */
export type AuditEvent = Readonly<Record<string, unknown>>;

/** The signature algorithms of audit entries. */
export type AuditAlgorithm = 'HMAC-SHA256' | 'Ed25519';

/** One link of the chain. */
export interface AuditEntry {
  /** Format version (1). */
  v: 1;
  /** Log id: entries of one log never verify in another. */
  log: string;
  /** Position, from 0, without gaps. */
  seq: number;
  /** ISO-8601 time of the append. */
  ts: string;
  /** `hash` of the previous entry (64 zeros for `seq` 0). */
  prev: string;
  /** The (redacted) event. */
  event: AuditEvent;
  /** Signature algorithm. */
  alg: AuditAlgorithm;
  /** Signing key id. */
  kid: string;
  /** Hex SHA-256 of the canonical JSON of every field above. */
  hash: string;
  /** base64url signature over `modelsec-audit-v1:` + `hash`. */
  sig: string;
}

/** The position of the newest entry. */
export interface AuditHead {
  /** Its sequence number. */
  seq: number;
  /** Its hash. */
  hash: string;
}

/** Result of `AuditSink.append`: done, or someone else appended first (here is the real head). */
export type AppendResult = { ok: true } | { ok: false; head: AuditHead | undefined };

/**
 * Durable storage for entries. `append` must be a compare-and-append: it stores `entry` only if the
 * sink's current head equals `expected` (nothing stored yet when `undefined`), atomically, so several
 * writers (instances, processes) keep one unbroken chain.
 */
export interface AuditSink {
  /** Sink name (`memory`, `jsonl-file`, `redis-stream`). */
  readonly name: string;
  /** The newest entry's position, or `undefined` when empty. */
  head(): Promise<AuditHead | undefined>;
  /** Compare-and-append. */
  append(entry: AuditEntry, expected: AuditHead | undefined): Promise<AppendResult>;
  /**
   * Optional: compare-and-append several consecutive entries at once (all or none), so a writer
   * under load pays one round trip per batch instead of one per entry.
   */
  appendMany?(entries: readonly AuditEntry[], expected: AuditHead | undefined): Promise<AppendResult>;
  /** Every stored entry, oldest first (for verification). */
  entries(): AsyncIterable<AuditEntry>;
}

/** Signs entry hashes. */
export interface AuditSigner {
  /** Algorithm. */
  readonly alg: AuditAlgorithm;
  /** Key id written into entries. */
  readonly kid: string;
  /** Sign a message. */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** Verifies entry signatures (an HMAC signer is also its own verifier). */
export interface AuditVerifier {
  /** Algorithm. */
  readonly alg: AuditAlgorithm;
  /** Key id it verifies (entries with another `kid` fail). */
  readonly kid: string;
  /** Verify a signature. */
  verify(message: Uint8Array, signature: Uint8Array): Promise<boolean>;
}
