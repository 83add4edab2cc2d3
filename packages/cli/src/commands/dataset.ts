/**
 * `modelsec dataset manifest|verify|pii|screen`: training-data security from the command line, on
 * @modelsec/validators/dataset. `manifest` signs a dataset folder or file with its lineage (parents,
 * transform, labels); `verify` walks a manifest's lineage (and re-hashes the data with `--data`);
 * `pii` streams a CSV / JSONL / text file through the PII screen (counts and masked samples, never raw
 * values; `--redacted <file>` writes a redacted copy); `screen` runs the poisoning screen on a numeric
 * CSV with a label column (`--html` writes the report with its plots). Exit 1 when a check fails.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, extname, relative, resolve } from 'node:path';
import { directorySource } from '@modelsec/core/signing';
import {
  createCsvParser,
  createDatasetManifest,
  screenDataset,
  screenPII,
  verifyLineage,
} from '@modelsec/validators/dataset';
import { defineCommand, UsageError } from '../command';
import { readChunks } from '../io';
import { HASH_OPTIONS, hashOptionsFrom, ignorePathsFor, readText } from './hash';

const manifest = defineCommand({
  name: 'manifest',
  summary: 'hash and sign a dataset with its lineage (parents, transform, labels)',
  usage: '<path> --private-key <pem> [--parent <manifest>...] [--transform <text>] [--labels <json>] [--out <file>]',
  options: {
    'private-key': { type: 'string', valueName: '<pem>', description: 'private key PEM file (required)' },
    parent: { type: 'string', multiple: true, valueName: '<file>', description: "a parent dataset's manifest" },
    transform: { type: 'string', valueName: '<text>', description: 'what produced this dataset (JSON or text)' },
    labels: { type: 'string', valueName: '<file>', description: 'JSON file describing the labels' },
    name: { type: 'string', valueName: '<name>', description: 'dataset name (default: the folder name)' },
    out: { type: 'string', valueName: '<file>', description: 'where to write it (default dataset.manifest.json)' },
    ...HASH_OPTIONS,
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const path = ctx.positionals[0] as string;
    const keyFile = ctx.values['private-key'] as string | undefined;
    if (!keyFile) throw new UsageError('--private-key is required');
    const out = (ctx.values.out as string | undefined) ?? 'dataset.manifest.json';
    const options = hashOptionsFrom(ctx, path);
    options.ignorePaths = [...(options.ignorePaths ?? []), ...ignorePathsFor(ctx, path, [out])];
    const parentFiles = (ctx.values.parent as string[] | undefined) ?? [];
    const parents = await Promise.all(
      parentFiles.map(async (f) => ({ manifest: await readText(ctx, f), uri: relativeUri(ctx.io.cwd, out, f) })),
    );
    const transformText = ctx.values.transform as string | undefined;
    const labelsFile = ctx.values.labels as string | undefined;
    const created = await createDatasetManifest(directorySource(resolve(ctx.io.cwd, path)), {
      ...options,
      privateKey: await readText(ctx, keyFile),
      parents,
      ...(transformText !== undefined ? { transform: parseJsonOrText(transformText) } : {}),
      ...(labelsFile ? { labels: JSON.parse(await readText(ctx, labelsFile)) } : {}),
      ...(typeof ctx.values.name === 'string' ? { name: ctx.values.name } : {}),
    });
    await writeFile(resolve(ctx.io.cwd, out), created.text);
    ctx.print(
      `signed dataset ${created.manifest.lineage.name}: data sha256:${created.dataDigest}, ${parents.length} parent(s) -> ${out}`,
      {
        ok: true,
        out,
        name: created.manifest.lineage.name,
        dataDigest: created.dataDigest,
        manifestDigest: created.manifestDigest,
      },
    );
    return 0;
  },
});

const verify = defineCommand({
  name: 'verify',
  summary: 'verify a dataset manifest and walk its lineage (parents are read from their recorded uri)',
  usage: '<manifest> --public-key <pem>... [--data <path>]',
  options: {
    'public-key': {
      type: 'string',
      multiple: true,
      valueName: '<pem>',
      description: 'trusted public key (repeatable)',
    },
    data: { type: 'string', valueName: '<path>', description: "re-hash this folder or file as the manifest's data" },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const file = ctx.positionals[0] as string;
    const keys = (ctx.values['public-key'] as string[] | undefined) ?? [];
    if (keys.length === 0) throw new UsageError('--public-key is required');
    const data = ctx.values.data as string | undefined;
    const base = dirname(resolve(ctx.io.cwd, file));
    const report = await verifyLineage(await readText(ctx, file), {
      publicKey: await Promise.all(keys.map((k) => readText(ctx, k))),
      resolveParent: async (p) => (p.uri ? readText(ctx, resolve(base, p.uri)).catch(() => undefined) : undefined),
      source: (_l, depth) => (depth === 0 && data ? directorySource(resolve(ctx.io.cwd, data)) : undefined),
      ...(data ? { ignorePaths: ignorePathsFor(ctx, data, [file]) } : {}),
    });
    const lines = report.nodes.map(
      (n) =>
        `${'  '.repeat(n.depth)}${n.ok ? 'ok  ' : 'FAIL'} ${n.name} sha256:${n.dataDigest.slice(0, 16)}…${n.dataVerified ? ' (data re-hashed)' : ''}`,
    );
    for (const i of report.issues) lines.push(`${i.path.join(' <- ')}: ${i.code}: ${i.message}`);
    lines.push(
      report.ok ? `lineage verified (${report.nodes.length} manifest(s))` : `${report.issues.length} broken link(s)`,
    );
    ctx.print(lines, {
      ok: report.ok,
      nodes: report.nodes,
      issues: report.issues.map(({ error: _e, ...rest }) => rest),
    });
    return report.ok ? 0 : 1;
  },
});

const pii = defineCommand({
  name: 'pii',
  summary: 'count personal data per entity and column in a CSV / JSONL / text dataset (streaming)',
  usage: '<file|-> [--format csv|jsonl|text] [--redacted <file>] [--mode mask|placeholder] [--json]',
  options: {
    format: { type: 'string', valueName: '<format>', description: 'csv, jsonl or text (default: from the extension)' },
    redacted: { type: 'string', valueName: '<file>', description: 'write a redacted copy here' },
    mode: { type: 'string', valueName: '<mode>', description: 'redaction: mask (default) or placeholder' },
    columns: { type: 'string', valueName: '<list>', description: 'comma-separated columns / JSON paths to scan' },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const file = ctx.positionals[0] as string;
    const format = (ctx.values.format as string | undefined) ?? formatOf(file);
    if (format !== 'csv' && format !== 'jsonl' && format !== 'text')
      throw new UsageError('--format must be csv, jsonl or text');
    const mode = (ctx.values.mode as string | undefined) ?? 'mask';
    if (mode !== 'mask' && mode !== 'placeholder') throw new UsageError('--mode must be mask or placeholder');
    const outFile = ctx.values.redacted as string | undefined;
    const sink = outFile ? createWriteStream(resolve(ctx.io.cwd, outFile)) : undefined;
    const columns =
      typeof ctx.values.columns === 'string' ? ctx.values.columns.split(',').map((c) => c.trim()) : undefined;
    try {
      const report = await screenPII(readChunks(ctx, file), {
        format,
        ...(columns ? { columns } : {}),
        ...(sink
          ? {
              redact: {
                mode,
                write: async (chunk: string) => {
                  if (!sink.write(chunk)) await once(sink, 'drain');
                },
              },
            }
          : {}),
      });
      const lines = [`${file}: ${report.rows} rows, ${report.findings} finding(s) in ${report.rowsWithPii} row(s)`];
      for (const [column, counts] of Object.entries(report.byColumn)) {
        lines.push(
          `  ${column}: ${Object.entries(counts)
            .map(([e, c]) => `${e} ${c}`)
            .join(', ')}`,
        );
      }
      for (const s of report.samples.slice(0, 5)) lines.push(`  row ${s.row} ${s.column} ${s.entity}: ${s.preview}`);
      if (outFile) lines.push(`redacted copy -> ${outFile}`);
      ctx.print(lines, report);
      return report.findings > 0 ? 1 : 0;
    } finally {
      if (sink) {
        sink.end();
        await once(sink, 'close');
      }
    }
  },
});

const screen = defineCommand({
  name: 'screen',
  summary: 'screen a labelled numeric CSV for label noise, outliers, duplicates and backdoors',
  usage: '<file.csv> [--label-column <name>] [--id-column <name>] [--html <report.html>] [--seed <n>] [--json]',
  options: {
    'label-column': { type: 'string', valueName: '<name>', description: 'column of class labels (default label)' },
    'id-column': { type: 'string', valueName: '<name>', description: 'column of row ids (default: row numbers)' },
    html: { type: 'string', valueName: '<file>', description: 'write the HTML report with plots here' },
    seed: { type: 'string', valueName: '<n>', description: 'seed of the random choices (default 0)' },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const file = ctx.positionals[0] as string;
    const seed = Number(ctx.values.seed ?? 0);
    if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError('--seed must be a non-negative integer');
    const table = await readCsvTable(readChunks(ctx, file), {
      labelColumn: (ctx.values['label-column'] as string | undefined) ?? 'label',
      ...(typeof ctx.values['id-column'] === 'string' ? { idColumn: ctx.values['id-column'] } : {}),
    });
    const report = await screenDataset(
      {
        features: table.features,
        featureCount: table.featureCount,
        labels: table.labels,
        ...(table.classNames ? { classNames: table.classNames } : {}),
        ...(table.ids ? { ids: table.ids } : {}),
      },
      { seed },
    );
    const html = ctx.values.html as string | undefined;
    if (html) await writeFile(resolve(ctx.io.cwd, html), report.toHTML({ title: `Dataset screen: ${file}` }));
    const warnings = report.findings.filter((f) => f.severity === 'warning');
    const lines = [`${file}: ${report.rowCount} rows, ${report.featureCount} features, ${report.classCount} classes`];
    for (const c of report.checks)
      lines.push(`  ${c.check.padEnd(20)} ${c.ran ? `${c.flagged} flagged` : `skipped (${c.note})`}`);
    for (const f of warnings.slice(0, 20)) lines.push(`  ${f.check} rows ${f.ids.slice(0, 8).join(', ')}: ${f.reason}`);
    lines.push(`${warnings.length} warning(s)${html ? `, report -> ${html}` : ''}`);
    ctx.print(lines, report.toJSON());
    return warnings.length > 0 ? 1 : 0;
  },
});

export default defineCommand({
  name: 'dataset',
  summary: 'training-data security: signed manifests with lineage, PII screening, poisoning screening',
  subcommands: [manifest, verify, pii, screen],
});

function formatOf(file: string): string {
  const ext = extname(file).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : 'text';
}

function parseJsonOrText(text: string) {
  try {
    return JSON.parse(text);
  } catch {
    return { description: text };
  }
}

/** The path of `target` as seen from the folder of `manifestFile` (what verify resolves against). */
function relativeUri(cwd: string, manifestFile: string, target: string): string {
  return relative(dirname(resolve(cwd, manifestFile)), resolve(cwd, target))
    .split('\\')
    .join('/');
}

/** A numeric CSV with a header: every column but the label and id columns is a feature. */
async function readCsvTable(chunks: AsyncIterable<Uint8Array>, options: { labelColumn: string; idColumn?: string }) {
  let header: string[] | undefined;
  let labelAt = -1;
  let idAt = -1;
  let featureCount = 0;
  const values: number[] = [];
  const labels: number[] = [];
  const ids: string[] = [];
  const classes = new Map<string, number>();
  let row = 0;
  const parser = createCsvParser((fields) => {
    if (!header) {
      header = fields;
      labelAt = fields.indexOf(options.labelColumn);
      if (labelAt < 0) throw new UsageError(`no column "${options.labelColumn}" (use --label-column)`);
      idAt = options.idColumn === undefined ? -1 : fields.indexOf(options.idColumn);
      if (options.idColumn !== undefined && idAt < 0) throw new UsageError(`no column "${options.idColumn}"`);
      featureCount = fields.length - 1 - (idAt >= 0 ? 1 : 0);
      return;
    }
    row++;
    if (fields.length !== header.length)
      throw new UsageError(`row ${row} has ${fields.length} fields, expected ${header.length}`);
    fields.forEach((cell, i) => {
      if (i === labelAt) {
        if (!classes.has(cell)) classes.set(cell, classes.size);
        labels.push(classes.get(cell) as number);
      } else if (i === idAt) ids.push(cell);
      else {
        const v = cell.trim() === '' ? Number.NaN : Number(cell);
        if (!Number.isFinite(v)) throw new UsageError(`row ${row}, column ${i + 1}: not a number`);
        values.push(v);
      }
    });
  });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of chunks) parser.push(decoder.decode(chunk, { stream: true }));
  parser.push(decoder.decode());
  parser.end();
  // Numeric class names keep their value as the class id when they are 0..k-1.
  const names = [...classes.keys()];
  const numeric = names.every((n) => /^(?:0|[1-9][0-9]{0,5})$/.test(n));
  const ordered = numeric ? labels.map((l) => Number(names[l])) : labels;
  return {
    features: Float64Array.from(values),
    featureCount,
    labels: ordered,
    ...(numeric ? {} : { classNames: names }),
    ...(idAt >= 0 ? { ids } : {}),
  };
}
