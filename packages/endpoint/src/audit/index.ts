/** Tamper-evident audit log: chained, signed entries, sinks, redaction and verification. */
export { canonicalJson } from './canonical';
export { GENESIS_HASH } from './entry';
export { type AuditLog, type AuditLogOptions, createAuditLog } from './log';
export { memoryAuditSink } from './memory-sink';
export { type AuditRedactor, composeRedactors, defaultAuditRedactor, redactString, stringRedactor } from './redact';
export { ed25519AuditSigner, ed25519AuditVerifier, ed25519PublicKey, hmacAuditSigner } from './signers';
export type {
  AppendResult,
  AuditAlgorithm,
  AuditEntry,
  AuditEvent,
  AuditHead,
  AuditSigner,
  AuditSink,
  AuditVerifier,
} from './types';
export {
  type AuditProblem,
  type AuditProblemKind,
  type AuditReport,
  assertAuditLog,
  type VerifyAuditOptions,
  verifyAuditLog,
} from './verify';
