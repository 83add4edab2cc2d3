/**
 * `modelsec redteam <model.onnx> --data <dir>`: run the @modelsec/redteam robustness suite against an
 * ONNX classifier (through onnxruntime-web, an optional peer) on a labelled dataset, and write the JSON
 * report and an HTML page with the accuracy-vs-ε and other charts.
 *
 * Data (`--data <dir|file>`): an IDX pair (`*images*idx3*` + `*labels*idx1*`, optionally .gz: the MNIST
 * format), else one `*.csv` (`label,v1,...,vn` per row, optional header), else one `*.json`
 * (`{ "inputs": [[...]], "labels": [...] }`). Values are scaled by `--scale` (default: 255 for uint8
 * IDX, for CSV 255 when any value exceeds 1, else 1).
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { classifierFromOnnx, type OrtSessionLike, ValidationError } from '@modelsec/core';
import {
  type Dataset,
  gunzip,
  makeBatchable,
  nesGradient,
  parseCsvDataset,
  parseIdxDataset,
  parseJsonDataset,
  type RobustnessReport,
  type RobustnessSuiteConfig,
  readOnnxSignature,
  renderReportHtml,
  runRobustnessSuite,
} from '@modelsec/redteam';
import { type CommandContext, defineCommand, UsageError } from '../command';
import { loadOrt } from '../ort';

const ATTACKS = ['fgsm', 'pgd', 'square', 'hsj', 'extraction'] as const;
type Attack = (typeof ATTACKS)[number];

export default defineCommand({
  name: 'redteam',
  summary: 'attack an ONNX classifier (FGSM, PGD, Square, HopSkipJump, extraction) and write a robustness report',
  usage: '<model.onnx> --data <dir|file> [--html report.html] [--out report.json] [--limit 100] [--seed 0] [--json]',
  description:
    'Runs the @modelsec/redteam suite through onnxruntime-web (install it next to the CLI). Fixed-batch models are ' +
    'made batch-capable in memory (makeBatchable) so finite-difference gradients run as one batched call. Data: an ' +
    'IDX pair (images + labels, optionally .gz), or one CSV (label first), or one JSON {inputs, labels}; see docs/redteam.md.',
  options: {
    data: { type: 'string', valueName: '<dir|file>', description: 'labelled samples (IDX pair, CSV or JSON)' },
    html: { type: 'string', valueName: '<file>', description: 'write the HTML report here' },
    out: { type: 'string', valueName: '<file>', description: 'write the JSON report here' },
    limit: { type: 'string', valueName: '<n>', description: 'samples attacked (default 100)' },
    seed: { type: 'string', valueName: '<n>', description: 'seed of every attack (default 0)' },
    attacks: {
      type: 'string',
      valueName: '<list>',
      description: `any of ${ATTACKS.join(',')} (default fgsm,pgd,square,hsj)`,
    },
    eps: { type: 'string', valueName: '<list>', description: 'FGSM ε values (default 0,0.05,0.1,0.2,0.3)' },
    'pgd-eps': { type: 'string', valueName: '<list>', description: 'PGD ε values (default 0.1,0.2)' },
    'pgd-steps': { type: 'string', valueName: '<n>', description: 'PGD steps (default 10)' },
    'square-eps': { type: 'string', valueName: '<x>', description: 'Square attack L∞ ε (default 0.2)' },
    queries: {
      type: 'string',
      valueName: '<n>',
      description: 'per-sample query budget of Square and HopSkipJump (default 1000)',
    },
    'l2-bounds': {
      type: 'string',
      valueName: '<list>',
      description: 'HopSkipJump success reported at these L2 bounds (default 1,2,3)',
    },
    'extraction-queries': {
      type: 'string',
      valueName: '<list>',
      description: 'extraction checkpoints (default 100,1000)',
    },
    gradient: { type: 'string', valueName: '<fd|nes>', description: 'finite differences (default) or NES estimates' },
    scores: { type: 'string', valueName: '<kind>', description: 'model output: logits (default) or probabilities' },
    scale: { type: 'string', valueName: '<x|auto>', description: 'divide data values by this (default auto)' },
    bounds: { type: 'string', valueName: '<min,max>', description: 'valid input range (default 0,1)' },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const modelPath = resolve(ctx.io.cwd, ctx.positionals[0] as string);
    const dataPath = ctx.values.data;
    if (typeof dataPath !== 'string') throw new UsageError('--data <dir|file> is required');
    const seed = int(ctx, 'seed', 0, 0);
    const limit = int(ctx, 'limit', 100, 1);
    const attacks = list(ctx, 'attacks', 'fgsm,pgd,square,hsj', String) as Attack[];
    for (const a of attacks) if (!ATTACKS.includes(a)) throw new UsageError(`--attacks: unknown attack "${a}"`);
    const scoresKind = (ctx.values.scores ?? 'logits') as string;
    if (scoresKind !== 'logits' && scoresKind !== 'probabilities')
      throw new UsageError('--scores must be logits or probabilities');
    const bounds = list(ctx, 'bounds', '0,1', Number);
    if (bounds.length !== 2 || !((bounds[0] as number) < (bounds[1] as number)))
      throw new UsageError('--bounds must be min,max');

    const onnxBytes = new Uint8Array(await readFile(modelPath));
    const signature = readOnnxSignature(onnxBytes);
    const input = signature.inputs[0];
    const output = signature.outputs[0];
    if (!input || !output) throw new ValidationError('malformed_file', 'the model has no run-time input or no output');
    const sampleShape = input.dims.slice(1);
    if (sampleShape.length === 0 || sampleShape.some((d) => typeof d !== 'number' || d < 1)) {
      throw new ValidationError(
        'unsupported_format',
        'the model input needs fixed dimensions after the batch dimension',
      );
    }
    const numClasses = output.dims[output.dims.length - 1];
    if (typeof numClasses !== 'number' || numClasses < 2)
      throw new ValidationError('unsupported_format', 'the model output is not [batch, classes]');

    const ort = await loadOrt('modelsec redteam');
    const batchable = makeBatchable(onnxBytes);
    const symbolic = typeof readOnnxSignature(batchable.bytes).inputs[0]?.dims[0] !== 'number';
    const session = (await ort.InferenceSession.create(batchable.bytes)) as OrtSessionLike;
    const model = classifierFromOnnx(session, {
      Tensor: ort.Tensor,
      sampleShape: sampleShape as number[],
      numClasses,
      scores: scoresKind,
      inputName: input.name,
      outputName: output.name,
      maxBatch: symbolic ? 4096 : 1,
    });

    const extractionQueries = list(ctx, 'extraction-queries', '100,1000', Number);
    const poolSize = attacks.includes('extraction') ? (extractionQueries[extractionQueries.length - 1] as number) : 0;
    const dataset = await loadDataset(
      resolve(ctx.io.cwd, dataPath),
      ctx.values.scale as string | undefined,
      limit + poolSize,
    );
    if (dataset.inputs.length / dataset.count !== model.sampleSize) {
      throw new ValidationError(
        'invalid_shape',
        `data samples have ${dataset.inputs.length / dataset.count} values, the model expects ${model.sampleSize}`,
      );
    }
    const count = Math.min(limit, dataset.count);
    const d = model.sampleSize;
    const data = { inputs: dataset.inputs.subarray(0, count * d), labels: dataset.labels.subarray(0, count) };
    const config: RobustnessSuiteConfig = {
      data,
      modelName: basename(modelPath),
      seed,
      bounds: [bounds[0] as number, bounds[1] as number],
      onStage: (stage) => {
        if (!ctx.json) ctx.io.stderr.write(`redteam: ${stage}\n`);
      },
    };
    const gradientKind = (ctx.values.gradient ?? 'fd') as string;
    if (gradientKind === 'nes') config.gradient = nesGradient(model, { samples: 100, seed });
    else if (gradientKind !== 'fd') throw new UsageError('--gradient must be fd or nes');
    if (attacks.includes('fgsm')) config.fgsm = { epsilons: list(ctx, 'eps', '0,0.05,0.1,0.2,0.3', Number) };
    if (attacks.includes('pgd')) {
      config.pgd = { epsilons: list(ctx, 'pgd-eps', '0.1,0.2', Number), steps: int(ctx, 'pgd-steps', 10, 1) };
    }
    const queries = int(ctx, 'queries', 1000, 2);
    if (attacks.includes('square')) config.square = { eps: num(ctx, 'square-eps', 0.2), maxQueries: queries };
    if (attacks.includes('hsj'))
      config.hopSkipJump = { maxQueries: queries, thresholds: list(ctx, 'l2-bounds', '1,2,3', Number) };
    if (attacks.includes('extraction')) {
      if (dataset.count < count + poolSize) {
        throw new UsageError(
          `extraction needs ${count + poolSize} samples in --data (attacked samples + a disjoint query pool)`,
        );
      }
      config.extraction = {
        pool: dataset.inputs.subarray(count * d, (count + poolSize) * d),
        evaluation: data,
        checkpoints: extractionQueries,
        strategies: ['natural', 'random', 'jacobian'],
      };
    }
    const report = await runRobustnessSuite(model, config);
    if (typeof ctx.values.out === 'string')
      await writeFile(resolve(ctx.io.cwd, ctx.values.out), `${JSON.stringify(report, null, 2)}\n`);
    if (typeof ctx.values.html === 'string')
      await writeFile(resolve(ctx.io.cwd, ctx.values.html), renderReportHtml(report));
    ctx.print(summaryLines(report, batchable.batch !== undefined && symbolic), report);
    return 0;
  },
});

/** Find and parse the dataset in a directory (or a file). */
async function loadDataset(path: string, scaleFlag: string | undefined, limit: number): Promise<Dataset> {
  const scale = scaleFlag === undefined || scaleFlag === 'auto' ? 'auto' : Number(scaleFlag);
  if (scale !== 'auto' && !(Number.isFinite(scale) && scale > 0))
    throw new UsageError('--scale must be a positive number or auto');
  const options = { scale, limit } as const;
  const files = (await stat(path)).isDirectory() ? (await readdir(path)).sort().map((f) => join(path, f)) : [path];
  const images = files.find((f) => /images.*idx3|idx3.*images/i.test(f));
  const labels = files.find((f) => /labels.*idx1|idx1.*labels/i.test(f));
  if (images && labels) {
    const [img, lab] = await Promise.all([readFile(images).then(gunzip), readFile(labels).then(gunzip)]);
    return parseIdxDataset(new Uint8Array(img), new Uint8Array(lab), {
      ...options,
      scale: scale === 'auto' ? undefined : scale,
    });
  }
  const csv = files.filter((f) => f.toLowerCase().endsWith('.csv'));
  const json = files.filter((f) => f.toLowerCase().endsWith('.json'));
  if (csv.length === 1) return parseCsvDataset(await readFile(csv[0] as string, 'utf8'), options);
  if (csv.length === 0 && json.length === 1) {
    return parseJsonDataset(await readFile(json[0] as string, 'utf8'), {
      ...options,
      scale: scale === 'auto' ? undefined : scale,
    });
  }
  throw new UsageError('--data must hold an IDX images/labels pair, exactly one .csv, or exactly one .json');
}

function summaryLines(report: RobustnessReport, batched: boolean): string[] {
  const pct = (v: number | null | undefined) =>
    typeof v === 'number' && Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '-';
  const lines = [
    `model ${report.model.name}: input ${report.model.sampleShape.join('x')}, ${report.model.numClasses} classes${batched ? ' (made batch-capable)' : ''}`,
    `${report.samples} samples, clean accuracy ${pct(report.cleanAccuracy)}, seed ${report.seed}`,
  ];
  for (const c of [report.evasion.fgsm, report.evasion.pgd]) {
    if (c)
      lines.push(
        `${c.attack} ${c.norm}: ${c.points.map((p) => `eps ${p.eps} -> ${pct(p.robustAccuracy)}`).join(', ')}`,
      );
  }
  for (const s of [report.evasion.square, report.evasion.hopSkipJump]) {
    if (!s) continue;
    const at = s.successAt?.map((p) => `L2<=${p.eps}: ${pct(p.successRate)}`).join(', ');
    lines.push(
      `${s.attack}${s.eps !== null ? ` eps ${s.eps}` : ''}: success ${pct(s.successRate)}${at ? ` (${at})` : ''}, median norm ${s.medianNorm?.toFixed(3) ?? '-'}`,
    );
  }
  for (const x of report.extraction ?? []) {
    lines.push(
      `extraction ${x.strategy}: ${x.points.map((p) => `${p.queries} queries -> fidelity ${pct(p.fidelity)}`).join(', ')}`,
    );
  }
  lines.push(`${report.queries} model queries`);
  return lines;
}

function int(ctx: CommandContext, name: string, fallback: number, min: number): number {
  const raw = ctx.values[name];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isSafeInteger(v) || v < min) throw new UsageError(`--${name} must be an integer >= ${min}`);
  return v;
}

function num(ctx: CommandContext, name: string, fallback: number): number {
  const raw = ctx.values[name];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < 0) throw new UsageError(`--${name} must be a number >= 0`);
  return v;
}

function list<T>(ctx: CommandContext, name: string, fallback: string, map: (s: string) => T): T[] {
  const raw = typeof ctx.values[name] === 'string' ? (ctx.values[name] as string) : fallback;
  const out = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(map);
  if (out.length === 0 || out.some((v) => typeof v === 'number' && !Number.isFinite(v))) {
    throw new UsageError(`--${name} must be a comma-separated list`);
  }
  return out;
}
