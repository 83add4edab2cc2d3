/**
 * The public vocabulary of the scanner: formats, safety levels, findings and reports.
 */
import type { ErrorCode, Finding, Severity } from '@modelsec/core';

/** The file formats the scanner recognizes (by magic bytes first, extension second). */
export type ScanFormat =
  | 'pickle'
  | 'pytorch-zip'
  | 'pytorch-legacy'
  | 'pytorch-tar'
  | 'numpy'
  | 'npz'
  | 'joblib'
  | 'zip'
  | '7z'
  | 'gzip'
  | 'zlib'
  | 'safetensors'
  | 'onnx'
  | 'gguf'
  | 'keras'
  | 'hdf5'
  | 'tar'
  | 'unknown';

/** How safe an imported Python global is (picklescan's three levels). */
export type SafetyLevel = 'innocuous' | 'suspicious' | 'dangerous';

/** A file's overall verdict: the worst level among its findings. */
export type ScanVerdict = 'clean' | 'suspicious' | 'dangerous';

/** How a finding counts toward the verdict: `info` findings never change it. */
export type FindingLevel = 'info' | 'suspicious' | 'dangerous';

/** One Python global a pickle imports (GLOBAL, STACK_GLOBAL, INST, EXT*), classified. */
export interface PickleGlobal {
  /** The module as written in the pickle (`__builtin__`, `torch._utils`...). */
  module: string;
  /** The attribute name as written (may be dotted: `Bdb.run`). */
  name: string;
  /** Innocuous (allow-listed), suspicious (unknown) or dangerous (deny-listed or unresolvable). */
  safety: SafetyLevel;
  /** Severity: `critical`/`high`/`medium` for dangerous entries, `low` for suspicious, `info` for innocuous. */
  severity: Severity;
  /** Archive member that holds the pickle (`archive/data.pkl`), or `''` for the file itself. */
  member: string;
  /** Byte offset of the importing opcode within the member's pickle stream. */
  offset: number;
  /** The opcode that imported it. */
  opcode: string;
  /** True when a REDUCE/NEWOBJ/OBJ/INST calls it (not only referenced). */
  called: boolean;
  /** Where the deny/allow entry comes from (`picklescan`, `modelscan`, `fickling`, `torch`). */
  sources: readonly string[];
}

/** One observation about a scanned file. Extends core's `Finding` with scanner fields. */
export interface ScanFinding extends Finding {
  /** Stable error code of the problem (`dangerous_code`, `malformed_file`, `too_large`...). */
  code: ErrorCode;
  /** How it counts toward the verdict. */
  level: FindingLevel;
  /** Archive member it concerns, `''` for the file itself. */
  member: string;
  /** Byte offset within the member, when known. */
  offset?: number;
}

/** The scan result for one file (a path, a `File`, or a byte array). */
export interface FileReport {
  /** Path or name of the file (`'<bytes>'` for anonymous bytes). */
  path: string;
  /** Size in bytes. */
  size: number;
  /** Detected format of the outer file. */
  format: ScanFormat;
  /** Formats of the members that were scanned inside it (`archive/data.pkl` → `pickle`). */
  members: Record<string, ScanFormat>;
  /** Worst level among the globals and findings. */
  verdict: ScanVerdict;
  /** Every global imported by every pickle in the file, deduplicated per member. */
  globals: PickleGlobal[];
  /** Structural and code findings. */
  findings: ScanFinding[];
}

/** The result of {@link scanModel}: one report per file plus the overall verdict. */
export interface ScanReport {
  /** Worst verdict among the files. */
  verdict: ScanVerdict;
  /** One report per scanned file. */
  files: FileReport[];
  /** Total bytes of the scanned files. */
  bytes: number;
}
