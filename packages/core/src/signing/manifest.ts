/**
 * The model manifest (what a signature covers) and `hashModel()`, which builds it exactly as
 * model_signing 1.x and OMS v1.0 serialize a model: `files` (one digest per file) or `shards` (one
 * digest per `shardSize` range, named `<path>:<start>:<end>`, empty files omitted), resources in
 * model_signing's order, and a root digest = SHA-256 over the concatenated raw resource digests.
 */
import { bytesToHex, hexToBytes } from '../bytes/encoding';
import { createHasher, digest } from '../digest/digest';
import { aboolean, ainteger, aobject, aoneOf } from '../errors/asserts';
import { describeValue } from '../errors/describe';
import { ModelSecTypeError, ValidationError } from '../errors/model-sec-error';
import { type HashTask, hashTasks, type ModelHashType } from './hash-engine';
import {
  checkRelativePath,
  compareReferenceOrder,
  DEFAULT_IGNORE_PATHS,
  formatResourceName,
  normalizeIgnorePath,
  type ResourceKey,
} from './names';
import type { ModelFile, ModelSource } from './sources';

/** Hash algorithms for model files (OMS algorithm registry). */
export const MODEL_HASH_TYPES = ['sha256', 'blake2b', 'blake3'] as const;

/** Most resources one manifest may have (a guard against tiny shard sizes on huge files). */
const MAX_SHARDS = 10_000_000;

/** model_signing's default shard size (1,000,000,000 bytes). */
export const DEFAULT_SHARD_SIZE = 1_000_000_000;

/** How a model was serialized (the predicate's `serialization` object). */
export interface Serialization {
  /** `files` or `shards`. */
  method: 'files' | 'shards';
  /** Hash of each file or shard. */
  hashType: ModelHashType;
  /** Whether symbolic links were followed. */
  allowSymlinks: boolean;
  /** Shard size in bytes (`shards` only). */
  shardSize?: number;
  /** Paths left out of the manifest, relative to the model root (recorded when signing). */
  ignorePaths?: string[];
}

/** One resource: a file or a shard and its digest. */
export interface Resource {
  /** Relative path, or `<path>:<start>:<end>` for a shard ('.' names a single-file model). */
  name: string;
  /** `sha256`, `blake2b`, `blake3`, or model_signing's `<hash>-sharded-<size>` for shards. */
  algorithm: string;
  /** Lower-case hex digest. */
  digest: string;
}

/** A model manifest: what `signModel` signs and `verifyModel` checks. */
export interface ModelManifest {
  /** The model name (informational: the folder or file basename). */
  modelName: string;
  /** How the model was serialized. */
  serialization: Serialization;
  /** Resources in canonical order. */
  resources: Resource[];
  /** SHA-256 over the concatenated raw digests of `resources`, hex. */
  rootDigest: string;
}

/** Options of `hashModel`. */
export interface HashModelOptions {
  /** `files` (default) or `shards`. BLAKE3 always uses `files`, as model_signing does. */
  method?: 'files' | 'shards';
  /** `sha256` (default), `blake2b` (BLAKE2b-512) or `blake3`. */
  hashType?: ModelHashType;
  /** Shard size in bytes for `shards` (default 1,000,000,000). */
  shardSize?: number;
  /** Follow symbolic links (default false: a link is an `IntegrityError` `symlink_refused`). */
  allowSymlinks?: boolean;
  /** Follow links that resolve outside the model folder (default false). */
  followExternalSymlinks?: boolean;
  /** Extra paths to leave out, relative to the model root (a folder leaves out its subtree). */
  ignorePaths?: readonly string[];
  /** Leave out `.git`, `.gitattributes`, `.github`, `.gitignore` at the root (default true). */
  ignoreGitPaths?: boolean;
  /** Record the ignored paths in the manifest (default false here; `signModel` records them). */
  recordIgnorePaths?: boolean;
  /**
   * Resource naming: `reference` (default; what model_signing 1.x writes and verifies: '.' for a
   * single-file model, `<hash>-sharded-<size>` shard algorithms) or `spec` (OMS v1.0 §5/§6: the file
   * name and the plain hash name).
   */
  naming?: 'reference' | 'spec';
  /** Worker threads in Node (default: all cores; 1 = this thread). */
  threads?: number;
  /** Progress callback with bytes hashed since the last call. */
  onProgress?: (bytes: number) => void;
}

/**
 * Serialize and hash a model into a manifest.
 *
 * @param source - `directorySource(path)` (Node), `fileListSource(files)`, `memorySource(...)` or `streamSource(...)`.
 * @returns the manifest with its root digest (`rootDigest` is what `model_signing digest` prints).
 * @throws IntegrityError `symlink_refused` for a link when links are not allowed, `path_traversal` for unsafe names.
 * @example
 * ```ts
 * const m = await hashModel(memorySource('m', { 'a.bin': bytes }), { method: 'shards', shardSize: 1 << 20 });
 * console.log(`sha256:${m.rootDigest}`);
 * ```
 */
export async function hashModel(source: ModelSource, options: HashModelOptions = {}): Promise<ModelManifest> {
  if (!source || typeof source.list !== 'function') {
    throw new ModelSecTypeError(`"source" expected a ModelSource, got ${describeValue(source)}`);
  }
  aobject(options as unknown, 'options');
  const hashType = options.hashType ?? 'sha256';
  aoneOf(hashType, 'hashType', MODEL_HASH_TYPES);
  let method = options.method ?? 'files';
  aoneOf(method, 'method', ['files', 'shards'] as const);
  if (hashType === 'blake3') method = 'files';
  const shardSize = options.shardSize ?? DEFAULT_SHARD_SIZE;
  ainteger(shardSize, 'shardSize', { min: 1, max: Number.MAX_SAFE_INTEGER });
  const allowSymlinks = options.allowSymlinks ?? false;
  aboolean(allowSymlinks, 'allowSymlinks');
  const naming = options.naming ?? 'reference';
  aoneOf(naming, 'naming', ['reference', 'spec'] as const);

  const ignore = ignoreList(options.ignorePaths ?? [], options.ignoreGitPaths ?? true);
  const files = await source.list({ allowSymlinks, ignore, followExternalSymlinks: options.followExternalSymlinks });
  const single = source.single;
  const fileName = (f: ModelFile) => (single && naming === 'spec' ? source.name : f.path);

  const tasks: HashTask[] = [];
  const keys: ResourceKey[] = [];
  const streamed: { file: ModelFile; index: number }[] = [];
  for (const file of files) {
    if (!single) checkRelativePath(file.path);
    if (method === 'files') {
      tasks.push({ file, start: 0, end: undefined });
      keys.push({ path: fileName(file) });
    } else if (file.size === undefined) {
      streamed.push({ file, index: keys.length });
    } else {
      if (keys.length + file.size / shardSize > MAX_SHARDS) {
        throw new ValidationError('too_large', `more than ${MAX_SHARDS} shards: use a larger shardSize`);
      }
      for (let start = 0; start < file.size; start += shardSize) {
        const end = Math.min(file.size, start + shardSize);
        tasks.push({ file, start, end });
        keys.push({ path: fileName(file), start, end });
      }
    }
  }
  const engine = { hashType, threads: options.threads, onProgress: options.onProgress };
  const digests = await hashTasks(tasks, engine);
  const entries = keys.map((key, i) => ({ key, digest: digests[i] as Uint8Array }));
  for (const { file } of streamed) {
    for (const piece of await hashStreamShards(file, shardSize, engine)) {
      entries.push({ key: { path: fileName(file), start: piece.start, end: piece.end }, digest: piece.digest });
    }
  }
  entries.sort((a, b) => compareReferenceOrder(a.key, b.key));
  const algorithm = method === 'shards' && naming === 'reference' ? `${hashType}-sharded-${shardSize}` : hashType;
  const resources = entries.map((e) => ({ name: formatResourceName(e.key), algorithm, digest: bytesToHex(e.digest) }));
  const serialization: Serialization = { method, hashType, allowSymlinks };
  if (method === 'shards') serialization.shardSize = shardSize;
  if (options.recordIgnorePaths && ignore.length > 0 && !single) serialization.ignorePaths = [...ignore];
  return { modelName: source.name, serialization, resources, rootDigest: await rootDigest(resources) };
}

/**
 * The root digest of a resource list: SHA-256 over the concatenated raw digests, in list order.
 *
 * @example
 * ```ts
 * await rootDigest([]); // 'e3b0c442...' (SHA-256 of nothing)
 * ```
 */
export async function rootDigest(resources: readonly Pick<Resource, 'digest'>[]): Promise<string> {
  const parts = resources.map((r) => hexToBytes(r.digest));
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  return bytesToHex(await digest('sha256', all));
}

/**
 * The ignore list for hashing: the default git paths (unless turned off) plus the caller's paths,
 * normalized, deduplicated and sorted; entries that leave the model root are dropped.
 *
 * @example
 * ```ts
 * ignoreList(['model.sig', './cache/'], true); // ['.git', '.gitattributes', '.github', '.gitignore', 'cache', 'model.sig']
 * ```
 */
export function ignoreList(paths: readonly string[], git = true): string[] {
  if (!Array.isArray(paths)) throw new ModelSecTypeError(`"ignorePaths" expected array, got ${describeValue(paths)}`);
  const set = new Set<string>(git ? DEFAULT_IGNORE_PATHS : []);
  for (const p of paths) {
    if (typeof p !== 'string')
      throw new ModelSecTypeError(`"ignorePaths" entries must be strings, got ${describeValue(p)}`);
    const n = normalizeIgnorePath(p);
    if (n !== undefined) set.add(n);
  }
  return [...set].sort();
}

async function hashStreamShards(
  file: ModelFile,
  shardSize: number,
  engine: { hashType: ModelHashType; onProgress?: (n: number) => void },
): Promise<{ start: number; end: number; digest: Uint8Array }[]> {
  const out: { start: number; end: number; digest: Uint8Array }[] = [];
  let h = createHasher(engine.hashType);
  let start = 0;
  let pos = 0;
  for await (let chunk of file.read()) {
    engine.onProgress?.(chunk.length);
    while (chunk.length > 0) {
      const take = Math.min(chunk.length, start + shardSize - pos);
      h.update(chunk.subarray(0, take));
      pos += take;
      chunk = chunk.subarray(take);
      if (pos - start === shardSize) {
        out.push({ start, end: pos, digest: h.digest() });
        h = createHasher(engine.hashType);
        start = pos;
      }
    }
  }
  if (pos > start) out.push({ start, end: pos, digest: h.digest() });
  return out;
}
