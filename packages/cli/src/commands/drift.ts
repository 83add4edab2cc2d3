/**
 * `modelsec drift --reference ref.csv --current cur.csv [--json] [--html report.html]`: compare two
 * CSV files column by column with `@modelsec/monitor`'s `detectDrift` (evidently's default tests),
 * print a table (or JSON), optionally write the HTML report. Exit 1 when the dataset drifts.
 */
import { stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ValidationError } from '@modelsec/core';
import { type DetectDriftOptions, detectDrift, parseCsv, STATTESTS, type StatTestName } from '@modelsec/monitor';
import { type CommandContext, defineCommand, UsageError } from '../command';
import { readInput } from '../io';

/** Largest CSV file read (256 MiB). */
const MAX_BYTES = 256 * 1024 * 1024;

async function readCsv(ctx: CommandContext, path: string) {
  if (path !== '-') {
    const { size } = await stat(resolve(ctx.io.cwd, path));
    if (size > MAX_BYTES) throw new ValidationError('too_large', `CSV file is larger than ${MAX_BYTES} bytes`);
  }
  const bytes = await readInput(ctx, path);
  if (bytes.length > MAX_BYTES) throw new ValidationError('too_large', `CSV input is larger than ${MAX_BYTES} bytes`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError('invalid_encoding', 'CSV input is not valid UTF-8');
  }
  return parseCsv(text, { maxLength: MAX_BYTES });
}

function number(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`${flag} expects a number`);
  return n;
}

export default defineCommand({
  name: 'drift',
  summary: 'compare a current CSV with a reference CSV for data drift (evidently-style tests)',
  usage: '--reference <ref.csv> --current <cur.csv> [--html report.html] [--json]',
  description:
    'Runs a per-column drift test (ks, chisquare, z, wasserstein, jensenshannon, psi, cramer_von_mises; by default ' +
    "evidently's choice by column type and size) and decides dataset drift by the share of drifted columns. " +
    'Exit code 1 when the dataset drifts.',
  options: {
    reference: {
      type: 'string',
      short: 'r',
      valueName: '<csv>',
      description: 'reference data (CSV with a header row, "-" for stdin)',
    },
    current: { type: 'string', short: 'c', valueName: '<csv>', description: 'current data (CSV with a header row)' },
    html: { type: 'string', valueName: '<file>', description: 'write the HTML report with per-column plots' },
    stattest: {
      type: 'string',
      valueName: '<name>',
      description: `force one test for every column (${STATTESTS.join(', ')})`,
    },
    threshold: {
      type: 'string',
      valueName: '<x>',
      description: 'threshold for every column (default: the test default)',
    },
    'drift-share': {
      type: 'string',
      valueName: '<x>',
      description: 'share of drifted columns for dataset drift (default 0.5)',
    },
    correction: {
      type: 'string',
      valueName: '<name>',
      description: 'none (default), bonferroni or benjamini-hochberg',
    },
  },
  positionals: { max: 0 },
  async run(ctx) {
    const { reference, current, html, stattest, correction } = ctx.values as Record<string, string | undefined>;
    if (!reference || !current) throw new UsageError('--reference and --current are required');
    if (reference === '-' && current === '-') throw new UsageError('only one of --reference/--current can be stdin');
    if (stattest !== undefined && !STATTESTS.includes(stattest as StatTestName)) {
      throw new UsageError(`--stattest must be one of ${STATTESTS.join(', ')}`);
    }
    if (correction !== undefined && !['none', 'bonferroni', 'benjamini-hochberg'].includes(correction)) {
      throw new UsageError('--correction must be none, bonferroni or benjamini-hochberg');
    }
    const options: DetectDriftOptions = {};
    if (stattest) options.stattest = stattest as StatTestName;
    if (correction) options.correction = correction as DetectDriftOptions['correction'];
    const threshold = number(ctx.values.threshold, '--threshold');
    if (threshold !== undefined) options.threshold = threshold;
    const share = number(ctx.values['drift-share'], '--drift-share');
    if (share !== undefined) options.driftShare = share;
    const ref = await readCsv(ctx, reference);
    const cur = await readCsv(ctx, current);
    const missing = ref.header.filter((h) => !Object.hasOwn(cur.columns, h));
    if (missing.length > 0)
      throw new ValidationError('invalid_shape', `current CSV lacks ${missing.length} reference column(s)`);
    const report = detectDrift(ref.columns, cur.columns, { ...options, columns: ref.header });
    if (html) await writeFile(resolve(ctx.io.cwd, html), report.toHTML({ title: 'modelsec drift report' }));
    const width = Math.max(6, ...report.columns.map((c) => c.column.length));
    const lines = [
      `${'column'.padEnd(width)}  ${'type'.padEnd(11)}  ${'test'.padEnd(16)}  ${'score'.padStart(10)}  ${'threshold'.padStart(9)}  result`,
      ...report.columns.map(
        (c) =>
          `${c.column.padEnd(width)}  ${c.type.padEnd(11)}  ${c.stattest.padEnd(16)}  ${fmt(c.adjustedScore).padStart(10)}  ${fmt(c.threshold).padStart(9)}  ${c.drifted ? 'DRIFT' : 'ok'}`,
      ),
      '',
      `dataset drift: ${report.datasetDrift ? 'DETECTED' : 'not detected'} (${report.driftedColumns}/${report.columns.length} columns, share ${fmt(report.share)} vs ${fmt(report.driftShare)})`,
    ];
    if (html) lines.push(`report written to ${html}`);
    const { toHTML: _omit, ...json } = report;
    ctx.print(lines, { ok: !report.datasetDrift, ...json });
    return report.datasetDrift ? 1 : 0;
  },
});

function fmt(x: number): string {
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5)) return x.toExponential(3);
  return Number(x.toPrecision(4)).toString();
}
