/**
 * Builds one {@link FileReport}: classifies a pickle's imports into {@link PickleGlobal}s, turns
 * disassembler issues into findings, applies strict mode and computes the verdict.
 */
import type { ErrorCode, Severity } from '@modelsec/core';
import { classifyGlobal } from './pickle/classify';
import type { PickleScan } from './pickle/scan-pickle';
import type { FileReport, FindingLevel, PickleGlobal, ScanFinding, ScanFormat, ScanVerdict } from './types';

/** Accumulates the globals and findings of one file. */
export class ReportBuilder {
  readonly globals: PickleGlobal[] = [];
  readonly findings: ScanFinding[] = [];
  readonly members: Record<string, ScanFormat> = {};
  /** Promote suspicious to dangerous (picklescan `--strict`). */
  readonly strict: boolean;
  private readonly maxFindings: number;

  constructor(strict: boolean, maxFindings = 1000) {
    this.strict = strict;
    this.maxFindings = maxFindings;
  }

  /** Add a finding (strict mode promotes `suspicious` to `dangerous`). */
  add(
    member: string,
    rule: string,
    code: ErrorCode,
    level: FindingLevel,
    severity: Severity,
    message: string,
    extra: { offset?: number; details?: Record<string, unknown> } = {},
  ): void {
    if (this.findings.length >= this.maxFindings) return;
    const lvl: FindingLevel = this.strict && level === 'suspicious' ? 'dangerous' : level;
    const f: ScanFinding = { rule, code, level: lvl, severity, message, member, action: 'flag' };
    if (extra.offset !== undefined) f.offset = extra.offset;
    if (extra.details) f.details = extra.details;
    this.findings.push(f);
  }

  /** Record the result of disassembling one pickle stream of `member`. */
  addPickle(member: string, scan: PickleScan): void {
    for (const g of scan.globals.values()) {
      const cls = g.forced
        ? { safety: 'dangerous' as const, severity: 'high' as Severity, sources: ['modelsec'] }
        : classifyGlobal(g.module, g.name);
      let safety = cls.safety;
      let severity = cls.severity;
      if (this.strict && safety === 'suspicious') {
        safety = 'dangerous';
        severity = 'medium';
      }
      this.globals.push({
        module: g.module,
        name: g.name,
        safety,
        severity,
        member,
        offset: g.offset,
        opcode: g.opcode,
        called: g.called,
        sources: cls.sources,
      });
      if (safety !== 'innocuous') {
        this.add(
          member,
          'pickle-import',
          safety === 'dangerous' ? 'dangerous_code' : 'policy_violation',
          safety,
          severity,
          `${safety} import ${g.opcode} ${printable(g.module)}.${printable(g.name)}${g.called ? ' (called)' : ''}`,
          { offset: g.offset },
        );
      }
    }
    for (const i of scan.issues) this.add(member, i.rule, i.code, i.level, i.severity, i.message, { offset: i.offset });
    if (scan.error) {
      const found = scan.globals.size > 0;
      this.add(
        member,
        'pickle-parse',
        scan.error.truncated ? 'truncated_input' : 'malformed_file',
        found ? 'suspicious' : 'info',
        found ? 'medium' : 'info',
        found
          ? `pickle stream broken after imports: ${scan.error.message}`
          : `not a complete pickle: ${scan.error.message}`,
        { offset: scan.error.offset },
      );
    }
  }

  /** Finish the report. */
  build(path: string, size: number, format: ScanFormat): FileReport {
    return {
      path,
      size,
      format,
      members: this.members,
      verdict: verdictOf(this.globals, this.findings),
      globals: this.globals,
      findings: this.findings,
    };
  }
}

/**
 * The verdict from globals and findings: `dangerous` if any is dangerous, else `suspicious` if any
 * is suspicious, else `clean`.
 *
 * @example
 * ```ts
 * verdictOf([], []); // 'clean'
 * ```
 */
export function verdictOf(globals: readonly PickleGlobal[], findings: readonly ScanFinding[]): ScanVerdict {
  let v: ScanVerdict = 'clean';
  for (const g of globals) {
    if (g.safety === 'dangerous') return 'dangerous';
    if (g.safety === 'suspicious') v = 'suspicious';
  }
  for (const f of findings) {
    if (f.level === 'dangerous') return 'dangerous';
    if (f.level === 'suspicious') v = 'suspicious';
  }
  return v;
}

/**
 * Names read from a file may hold control characters: keep messages on one line and short.
 *
 * @example
 * ```ts
 * printable('a\nb'); // 'a?b'
 * ```
 */
export function printable(s: string, max = 80): string {
  let clean = '';
  for (let i = 0; i < s.length && i < max + 1; i++) {
    const c = s.charCodeAt(i);
    clean += c < 0x20 || c === 0x7f ? '?' : s[i];
  }
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}
