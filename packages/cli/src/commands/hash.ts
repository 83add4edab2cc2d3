/**
 * `modelsec hash <path>`: the OMS / model_signing root digest of a model folder or file, printed as
 * `sha256:<hex>` exactly like `model_signing digest`. Also holds the option helpers that `sign` and
 * `verify` share (ignore-path resolution, hash options).
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import {
  directorySource,
  type HashModelOptions,
  hashModel,
  MODEL_HASH_TYPES,
  type ModelHashType,
} from '@modelsec/core/signing';
import { type CommandContext, defineCommand, type OptionSpec, UsageError } from '../command';

/** Options shared by `hash` and `sign`. */
export const HASH_OPTIONS: Record<string, OptionSpec> = {
  'hash-type': {
    type: 'string',
    valueName: '<name>',
    description: `file hash: ${MODEL_HASH_TYPES.join(', ')} (default sha256)`,
  },
  'shard-size': {
    type: 'string',
    valueName: '<bytes>',
    description: 'hash files in shards of this many bytes (model_signing "shards")',
  },
  'ignore-paths': {
    type: 'string',
    multiple: true,
    valueName: '<path>',
    description: 'leave this path (or folder) out',
  },
  'no-ignore-git-paths': { type: 'boolean', description: 'include .git, .gitattributes, .github, .gitignore' },
  'allow-symlinks': { type: 'boolean', description: 'follow symbolic links inside the model' },
};

/**
 * Resolve `--ignore-paths` (relative to the working directory, as model_signing does) to paths
 * relative to the model root; paths outside the model are dropped.
 *
 * @example
 * ```ts
 * ignorePathsFor(ctx, '/m', ['m/cache']); // ['cache']
 * ```
 */
export function ignorePathsFor(ctx: CommandContext, modelPath: string, paths: readonly string[]): string[] {
  const root = resolve(ctx.io.cwd, modelPath);
  const out: string[] = [];
  for (const p of paths) {
    const abs = isAbsolute(p) ? p : resolve(ctx.io.cwd, p);
    const rel = relative(root, abs);
    if (rel && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)) out.push(rel.split(sep).join('/'));
  }
  return out;
}

/**
 * Hash options from the parsed flags.
 *
 * @example
 * ```ts
 * const options = hashOptionsFrom(ctx, 'model');
 * ```
 */
export function hashOptionsFrom(ctx: CommandContext, modelPath: string): HashModelOptions {
  const hashType = (ctx.values['hash-type'] ?? 'sha256') as ModelHashType;
  if (!MODEL_HASH_TYPES.includes(hashType))
    throw new UsageError(`--hash-type must be one of ${MODEL_HASH_TYPES.join(', ')}`);
  const options: HashModelOptions = {
    hashType,
    ignorePaths: ignorePathsFor(ctx, modelPath, (ctx.values['ignore-paths'] as string[] | undefined) ?? []),
    ignoreGitPaths: ctx.values['no-ignore-git-paths'] !== true,
    allowSymlinks: ctx.values['allow-symlinks'] === true,
  };
  const shard = ctx.values['shard-size'] as string | undefined;
  if (shard !== undefined) {
    if (!/^[1-9][0-9]{0,15}$/.test(shard) || !Number.isSafeInteger(Number(shard))) {
      throw new UsageError('--shard-size must be a positive integer');
    }
    options.method = 'shards';
    options.shardSize = Number(shard);
  }
  return options;
}

/**
 * Read a text file named on the command line (PEM keys and certificates, bundles).
 *
 * @example
 * ```ts
 * const pem = await readText(ctx, 'key.pem');
 * ```
 */
export async function readText(ctx: CommandContext, path: string): Promise<string> {
  return readFile(resolve(ctx.io.cwd, path), 'utf8');
}

export default defineCommand({
  name: 'hash',
  summary: 'print the OpenSSF Model Signing root digest of a model (same as `model_signing digest`)',
  usage: '<path> [--hash-type sha256|blake2b|blake3] [--shard-size N] [--json]',
  description:
    'Serializes the model folder (or file) as OMS / model_signing does and prints "sha256:<root digest>": SHA-256 over the ' +
    'digests of every file (or shard), in canonical order. Git paths are left out unless --no-ignore-git-paths.',
  options: HASH_OPTIONS,
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const path = ctx.positionals[0] as string;
    const options = hashOptionsFrom(ctx, path);
    const manifest = await hashModel(directorySource(resolve(ctx.io.cwd, path)), options);
    ctx.print(`sha256:${manifest.rootDigest}`, {
      digest: `sha256:${manifest.rootDigest}`,
      modelName: manifest.modelName,
      serialization: manifest.serialization,
      resources: manifest.resources,
    });
    return 0;
  },
});
