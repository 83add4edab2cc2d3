/**
 * `modelsec watermark embed|verify|detect-text`: weight watermarks in ONNX models (a keyed projection
 * of one float32 initializer carries the message bits; the file changes only in that tensor) and KGW
 * detection of watermarked LLM text from token ids. The key comes from a file (its bytes) or from an
 * environment variable (a passphrase), never from the command line.
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hexToBytes } from '@modelsec/core';
import {
  createTextWatermark,
  embedWeightWatermark,
  TEXT_SCHEMES,
  type TextScheme,
  verifyWeightWatermark,
} from '@modelsec/watermark';
import { type CommandContext, defineCommand, type OptionSpec, UsageError } from '../command';
import { readInput } from '../io';

const KEY_OPTIONS: Record<string, OptionSpec> = {
  'key-file': { type: 'string', valueName: '<file>', description: 'file whose bytes are the key (16 to 4096 bytes)' },
  'key-env': {
    type: 'string',
    valueName: '<VAR>',
    description: 'environment variable holding the key as a passphrase',
  },
};

const MARK_OPTIONS: Record<string, OptionSpec> = {
  ...KEY_OPTIONS,
  bits: { type: 'string', valueName: '<hex>', description: 'the message, 2 to 128 hex digits (16 = a 64-bit mark)' },
  tensor: {
    type: 'string',
    valueName: '<name>',
    description: 'initializer to mark (default: the largest float32 one)',
  },
};

function keyFrom(ctx: CommandContext): Uint8Array | string {
  const file = ctx.values['key-file'] as string | undefined;
  const env = ctx.values['key-env'] as string | undefined;
  if ((file === undefined) === (env === undefined))
    throw new UsageError('give exactly one of --key-file <file> or --key-env <VAR>');
  if (env !== undefined) {
    const value = ctx.io.env[env];
    if (!value) throw new UsageError(`environment variable ${env} is not set or empty`);
    return value;
  }
  const path = resolve(ctx.io.cwd, file as string);
  if (statSync(path).size > 4096) throw new UsageError('--key-file: not a key file (larger than 4 KiB)');
  return new Uint8Array(readFileSync(path));
}

function bitsFrom(ctx: CommandContext): Uint8Array {
  const hex = ctx.values.bits;
  if (typeof hex !== 'string' || !/^(?:[0-9a-fA-F]{2}){1,64}$/.test(hex)) {
    throw new UsageError('--bits must be 2 to 128 hex digits (an even number)');
  }
  return hexToBytes(hex);
}

function numberOption(ctx: CommandContext, name: string, min: number, max: number): number | undefined {
  const value = ctx.values[name];
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^-?[0-9]+(?:\.[0-9]+)?(?:e-?[0-9]+)?$/i.test(value) || !(n >= min && n <= max)) {
    throw new UsageError(`--${name} must be a number from ${min} to ${max}`);
  }
  return n;
}

const embed = defineCommand({
  name: 'embed',
  summary: 'embed a weight watermark into an ONNX model',
  usage: '<in.onnx> <out.onnx> (--key-file <file> | --key-env <VAR>) --bits <hex> [--tensor <name>] [--json]',
  description: 'Exit 0 when every bit reads back with its margin, 1 when the norm budget was too small, 2 usage.',
  options: {
    ...MARK_OPTIONS,
    margin: {
      type: 'string',
      valueName: '<x>',
      description: 'projection margin in units of the tensor RMS (default 0.5)',
    },
    'max-norm': { type: 'string', valueName: '<x>', description: 'largest ‖δ‖/‖w‖ (default 0.3)' },
  },
  positionals: { min: 2, max: 2 },
  async run(ctx) {
    const [input, output] = ctx.positionals as [string, string];
    const key = keyFrom(ctx);
    const bits = bitsFrom(ctx);
    const margin = numberOption(ctx, 'margin', 0, 100);
    const maxNorm = numberOption(ctx, 'max-norm', 0, 10);
    const model = await readInput(ctx, input);
    const tensor = ctx.values.tensor as string | undefined;
    const result = embedWeightWatermark(model, {
      key,
      bits,
      ...(tensor !== undefined ? { tensor } : {}),
      ...(margin !== undefined ? { margin } : {}),
      ...(maxNorm !== undefined ? { maxNorm } : {}),
    });
    const target = resolve(ctx.io.cwd, output);
    writeFileSync(`${target}.tmp`, result.model);
    renameSync(`${target}.tmp`, target);
    const { model: _, ...report } = result;
    ctx.print(
      [
        `marked ${input} -> ${output}: tensor ${result.tensor}, ${bits.length * 8} bits, BER ${result.bitErrorRate}`,
        `perturbation ‖δ‖/‖w‖ = ${result.relativeNorm.toFixed(4)}, min margin ${result.minMargin.toFixed(3)}, ${result.iterations} iterations`,
      ],
      { ok: result.converged, input, output, bits: bits.length * 8, ...report },
    );
    return result.converged ? 0 : 1;
  },
});

const verify = defineCommand({
  name: 'verify',
  summary: 'read a weight watermark from an ONNX model and test it against chance',
  usage: '<model.onnx> (--key-file <file> | --key-env <VAR>) --bits <hex> [--tensor <name>] [--alpha 1e-6] [--json]',
  description: 'Exit 0 when the mark is detected (p < alpha), 1 when not, 2 usage.',
  options: {
    ...MARK_OPTIONS,
    alpha: { type: 'string', valueName: '<p>', description: 'significance level (default 1e-6)' },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const [input] = ctx.positionals as [string];
    const key = keyFrom(ctx);
    const bits = bitsFrom(ctx);
    const alpha = numberOption(ctx, 'alpha', 0, 1);
    const tensor = ctx.values.tensor as string | undefined;
    const r = verifyWeightWatermark(await readInput(ctx, input), {
      key,
      bits,
      ...(tensor !== undefined ? { tensor } : {}),
      ...(alpha !== undefined ? { alpha } : {}),
    });
    ctx.print(
      `${r.detected ? 'DETECTED' : 'not detected'}: ${r.matches}/${r.bits} bits (BER ${r.bitErrorRate.toFixed(4)}), p = ${r.pValue.toExponential(3)}, tensor ${r.tensor}`,
      { input, ...r, extracted: Array.from(r.extracted, (b) => b.toString(16).padStart(2, '0')).join('') },
    );
    return r.detected ? 0 : 1;
  },
});

function parseTokens(text: string): number[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new UsageError('the token file is not valid JSON');
    }
    if (!Array.isArray(parsed)) throw new UsageError('the token file must hold a JSON array of token ids');
    return parsed as number[];
  }
  if (!/^[0-9\s,]*$/.test(trimmed))
    throw new UsageError('the token file must hold token ids (JSON array or separated integers)');
  return trimmed.length === 0 ? [] : trimmed.split(/[\s,]+/).map(Number);
}

const detectText = defineCommand({
  name: 'detect-text',
  summary: 'detect a KGW watermark in LLM output given as token ids',
  usage:
    '<tokens.json|-> (--key-file <file> | --key-env <VAR>) --vocab-size <n> [--gamma 0.25] [--scheme lefthash] [--window 50,100,200] [--json]',
  description: [
    'Reads token ids (a JSON array, or integers separated by spaces, commas or newlines) from a file or stdin.',
    'Exit 0 when watermarked (z > --z-threshold), 1 when not, 2 usage.',
  ].join('\n'),
  options: {
    ...KEY_OPTIONS,
    'vocab-size': { type: 'string', valueName: '<n>', description: 'vocabulary size of the tokenizer' },
    gamma: { type: 'string', valueName: '<x>', description: 'green-list fraction (default 0.25)' },
    scheme: { type: 'string', valueName: '<name>', description: `${TEXT_SCHEMES.join(' or ')} (default lefthash)` },
    'z-threshold': { type: 'string', valueName: '<z>', description: 'detection threshold (default 4)' },
    window: { type: 'string', valueName: '<sizes>', description: 'scan windows of these sizes (comma-separated)' },
    'keep-repeats': { type: 'boolean', description: 'score repeated (context, token) pairs every time' },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const [input] = ctx.positionals as [string];
    const key = keyFrom(ctx);
    const vocabSize = numberOption(ctx, 'vocab-size', 2, 2 ** 24);
    if (vocabSize === undefined || !Number.isInteger(vocabSize))
      throw new UsageError('--vocab-size <n> is required (an integer)');
    const gamma = numberOption(ctx, 'gamma', 1e-6, 1 - 1e-6);
    const zThreshold = numberOption(ctx, 'z-threshold', -100, 100);
    const scheme = (ctx.values.scheme ?? 'lefthash') as TextScheme;
    if (!TEXT_SCHEMES.includes(scheme)) throw new UsageError(`--scheme must be one of ${TEXT_SCHEMES.join(', ')}`);
    const windowOption = ctx.values.window as string | undefined;
    if (windowOption !== undefined && !/^[0-9]{1,8}(?:,[0-9]{1,8}){0,99}$/.test(windowOption)) {
      throw new UsageError('--window must be comma-separated sizes, e.g. 50,100,200');
    }
    const tokens = parseTokens(new TextDecoder().decode(await readInput(ctx, input)));
    const wm = createTextWatermark({
      key,
      vocabSize,
      scheme,
      ...(gamma !== undefined ? { gamma } : {}),
      ...(zThreshold !== undefined ? { zThreshold } : {}),
    });
    const ignoreRepeatedNgrams = !ctx.values['keep-repeats'];
    const windowed =
      windowOption === undefined
        ? undefined
        : wm.detectWindowed(tokens, { ignoreRepeatedNgrams, windows: windowOption.split(',').map(Number) });
    const r = windowed ?? wm.detect(tokens, { ignoreRepeatedNgrams });
    const where = windowed
      ? ` in tokens ${windowed.window.start}+${windowed.window.size} (best of ${windowed.tested} windows)`
      : '';
    ctx.print(
      `${r.detected ? 'WATERMARKED' : 'not watermarked'}: z = ${r.z.toFixed(2)}, p = ${r.pValue.toExponential(3)}, green ${r.green}/${r.scored} (${(r.greenFraction * 100).toFixed(1)}%)${where}`,
      { input, scheme, ...r },
    );
    return r.detected ? 0 : 1;
  },
});

export default defineCommand({
  name: 'watermark',
  summary: 'embed/verify weight watermarks in ONNX models; detect watermarked LLM text',
  usage: 'embed|verify|detect-text ...',
  subcommands: [embed, verify, detectText],
});
