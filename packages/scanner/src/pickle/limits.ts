/**
 * Limits and result records of the pickle disassembler. Every limit bounds memory or time on
 * hostile input; the defaults fit real checkpoints (a 100k-tensor state dict uses ~1M memo slots).
 */
import type { ErrorCode, Severity } from '@modelsec/core';
import type { FindingLevel } from '../types';

/** Bounds of one pickle scan. */
export interface PickleLimits {
  /** Memo entries kept (beyond: imports-only walk). */
  maxMemo: number;
  /** Values on the simulated stacks (beyond: imports-only walk). */
  maxStack: number;
  /** MARK nesting depth (beyond: imports-only walk). */
  maxDepth: number;
  /** Distinct imports recorded. */
  maxGlobals: number;
  /** Longest string kept for analysis, in bytes. */
  maxCapture: number;
  /** Total bytes of long strings kept. */
  maxCapturedBytes: number;
  /** Longest newline-terminated argument (protocol 0) read from a stream. */
  maxLine: number;
  /** Pickles read from one stream (several `pickle.dump`s in one file). */
  maxPickles: number;
  /** Bytes a streaming driver reads per window. */
  window: number;
}

/** Default {@link PickleLimits}. */
export const DEFAULT_PICKLE_LIMITS: Readonly<PickleLimits> = Object.freeze({
  maxMemo: 4_000_000,
  maxStack: 1_000_000,
  maxDepth: 10_000,
  maxGlobals: 10_000,
  maxCapture: 1 << 16,
  maxCapturedBytes: 1 << 26,
  maxLine: 1 << 26,
  maxPickles: 1_000_000,
  window: 1 << 22,
});

/** One import as found in the stream, before classification. */
export interface RawGlobal {
  /** Module as written. */
  module: string;
  /** Name as written. */
  name: string;
  /** Offset of the first opcode that imported it. */
  offset: number;
  /** Opcode name (`GLOBAL`, `STACK_GLOBAL`, `INST`, `EXT1`...). */
  opcode: string;
  /** Called by REDUCE/NEWOBJ/OBJ/INST. */
  called: boolean;
  /** Set for imports that are dangerous whatever the lists say (extension-registry codes). */
  forced?: 'dangerous';
}

/** A structural observation made while disassembling. */
export interface PickleIssue {
  /** Rule name. */
  rule: string;
  /** Error code. */
  code: ErrorCode;
  /** Verdict level. */
  level: FindingLevel;
  /** Severity. */
  severity: Severity;
  /** Content-free message. */
  message: string;
  /** Offset in the stream. */
  offset: number;
}
