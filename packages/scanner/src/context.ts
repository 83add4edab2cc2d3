/**
 * The state shared by the format scanners while one file is scanned: options, the report being
 * built, the inflate budget and the archive nesting depth.
 */
import { SecurityError, ValidationError } from '@modelsec/core';
import type { ResolvedOptions } from './options';
import { ReportBuilder } from './report';

/** Scan state for one top-level file. */
export class ScanContext {
  readonly opts: ResolvedOptions;
  readonly report: ReportBuilder;
  /** Bytes inflated so far. */
  inflated = 0;
  /** Current archive nesting depth. */
  depth = 0;
  /** Scan a nested source (set by `scan-source.ts`; breaks the module cycle). */
  scanInner: (src: import('./source').ScanSource, member: string) => Promise<import('./types').ScanFormat> = async () =>
    'unknown';

  constructor(opts: ResolvedOptions) {
    this.opts = opts;
    this.report = new ReportBuilder(opts.strict, opts.limits.maxFindings);
  }

  /** Throw when the scan was aborted. */
  checkAbort(): void {
    if (this.opts.signal?.aborted) throw new ValidationError('invalid_value', 'the scan was aborted');
  }

  /** Reserve `n` inflated bytes from the budget; false when over it. */
  reserve(n: number): boolean {
    if (this.inflated + n > this.opts.limits.maxTotalInflated) return false;
    this.inflated += n;
    return true;
  }

  /** Record content that could not be scanned: info, or dangerous in strict mode. */
  unscannable(
    member: string,
    rule: string,
    message: string,
    code: 'unsupported_format' | 'too_large' | 'malformed_file' = 'unsupported_format',
  ): void {
    this.report.add(
      member,
      rule,
      code,
      this.opts.strict ? 'dangerous' : 'info',
      this.opts.strict ? 'medium' : 'low',
      message,
    );
  }
}

/** Typed error for hostile archive structures. */
export function hostile(message: string): SecurityError {
  return new SecurityError('dangerous_code', message);
}
