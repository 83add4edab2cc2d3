/**
 * Model sources: where the bytes of a model come from. A source lists its files (relative POSIX
 * paths) and reads each one as a stream of chunks, so no model is ever loaded whole. Universal
 * sources: in-memory maps, `File`/`Blob` lists (an `<input type=file webkitdirectory>` or a drop),
 * and streams. The Node directory source lives in `directory.node.ts`.
 */
import { type ByteSource, iterateBytes } from '../digest/digest';
import { isBytes } from '../errors/asserts';
import { describeValue } from '../errors/describe';
import { IntegrityError, ModelSecTypeError } from '../errors/model-sec-error';
import { checkRelativePath, isIgnored } from './names';

/** One file of a model. */
export interface ModelFile {
  /** Relative POSIX path inside the model ('.' for a single-file model). */
  path: string;
  /** Size in bytes when known (streams may not know it). */
  size?: number;
  /** Read bytes `[start, end)` (default: the whole file) as chunks. */
  read(start?: number, end?: number): AsyncIterable<Uint8Array>;
  /** The whole file as a `Blob`, when it is one (lets browsers hash slices natively). */
  blob?: Blob;
  /** Absolute file-system path (Node directory sources), for worker-thread hashing. */
  fsPath?: string;
  /** True when the file system entry is a symbolic link (only with `allowSymlinks`). */
  symlink?: boolean;
}

/** What `ModelSource.list` is told. */
export interface ListOptions {
  /** Follow symbolic links (else a link is an `IntegrityError` `symlink_refused`). */
  allowSymlinks: boolean;
  /** Relative paths (and their subtrees) to leave out. */
  ignore: readonly string[];
  /** Follow links whose target is outside the model root (default false: `symlink_refused`). */
  followExternalSymlinks?: boolean;
}

/** A model: a name, whether it is a single file, and its files. */
export interface ModelSource {
  /** The model name recorded as the statement subject (the folder or file basename). */
  readonly name: string;
  /** True for a single-file model (its resource is named '.' as model_signing does). */
  readonly single: boolean;
  /** List the model's files (any order), without the ignored paths. */
  list(options: ListOptions): Promise<ModelFile[]>;
}

/** Content accepted by `memorySource`: bytes, UTF-8 text, a `Blob`, or a factory of a byte stream. */
export type MemoryContent = Uint8Array | string | Blob | (() => ByteSource);

/**
 * A model held in memory (or produced on demand): a map of relative path → content, or one content
 * for a single-file model.
 *
 * @param name - the model name (statement subject).
 * @param content - `{ 'dir/file.bin': bytes, ... }` or a single content.
 * @example
 * ```ts
 * const model = memorySource('my-model', { 'config.json': '{}', 'weights.bin': weights });
 * const single = memorySource('model.onnx', onnxBytes);
 * ```
 */
export function memorySource(name: string, content: Record<string, MemoryContent> | MemoryContent): ModelSource {
  if (typeof name !== 'string' || name.length === 0) {
    throw new ModelSecTypeError(`"name" expected non-empty string, got ${describeValue(name)}`);
  }
  const single = isContent(content);
  const entries: [string, MemoryContent][] = single
    ? [['.', content as MemoryContent]]
    : Object.entries(content as Record<string, MemoryContent>);
  for (const [path, value] of entries) {
    if (!isContent(value))
      throw new ModelSecTypeError(
        `content of a model file expected bytes, string, Blob or function, got ${describeValue(value)}`,
      );
    if (!single) checkRelativePath(path);
  }
  return {
    name,
    single,
    async list({ ignore }) {
      return entries.filter(([p]) => single || !isIgnored(p, ignore)).map(([p, v]) => memoryFile(p, v));
    },
  };
}

/**
 * A model from browser `File`s: one `File` is a single-file model; several files use their
 * `webkitRelativePath` (its first component, the picked folder, is the model name) or their names.
 *
 * @example
 * ```ts
 * const model = fileListSource(input.files); // <input type="file" webkitdirectory>
 * const manifest = await hashModel(model);
 * ```
 */
export function fileListSource(files: Iterable<File> | ArrayLike<File>, options: { name?: string } = {}): ModelSource {
  const list = Array.from(files as ArrayLike<File>);
  for (const f of list) {
    if (typeof Blob === 'undefined' || !(f instanceof Blob)) {
      throw new ModelSecTypeError(`"files" expected File objects, got ${describeValue(f)}`);
    }
  }
  const rel = (f: File) => (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
  const first = list[0] ? rel(list[0]) : '';
  const folder = first.includes('/') ? first.slice(0, first.indexOf('/')) : undefined;
  if (list.length === 1 && !folder) {
    const f = list[0] as File;
    return memorySource(options.name ?? f.name, f);
  }
  const map: Record<string, Blob> = {};
  for (const f of list) {
    let p = rel(f);
    if (folder && p.startsWith(`${folder}/`)) p = p.slice(folder.length + 1);
    if (Object.hasOwn(map, p)) throw new IntegrityError('manifest_mismatch', 'two files with the same path');
    map[p] = f;
  }
  return memorySource(options.name ?? folder ?? 'model', map);
}

/**
 * A single-file model read from a stream (read once, in order: shard hashing splits it on the fly).
 *
 * @example
 * ```ts
 * const model = streamSource('model.safetensors', (await fetch(url)).body!);
 * ```
 */
export function streamSource(name: string, stream: ByteSource): ModelSource {
  let used = false;
  return memorySource(name, () => {
    if (used) throw new ModelSecTypeError('a stream source can be hashed only once');
    used = true;
    return stream;
  });
}

function isContent(v: unknown): v is MemoryContent {
  return (
    isBytes(v) || typeof v === 'string' || typeof v === 'function' || (typeof Blob !== 'undefined' && v instanceof Blob)
  );
}

function memoryFile(path: string, value: MemoryContent): ModelFile {
  if (typeof value === 'string') value = new TextEncoder().encode(value);
  if (isBytes(value)) {
    const bytes = value;
    return {
      path,
      size: bytes.length,
      async *read(start = 0, end = bytes.length) {
        for (let i = start; i < end; i += 1 << 20) yield bytes.subarray(i, Math.min(end, i + (1 << 20)));
      },
    };
  }
  if (typeof value !== 'function') {
    const blob = value;
    return {
      path,
      size: blob.size,
      blob,
      read: (start = 0, end = blob.size) => iterateBytes(blob.slice(start, end)),
    };
  }
  const factory = value;
  return {
    path,
    async *read(start = 0, end = Number.POSITIVE_INFINITY) {
      let pos = 0;
      for await (const chunk of iterateBytes(factory())) {
        const s = Math.max(start - pos, 0);
        const e = Math.min(end - pos, chunk.length);
        if (e > s) yield chunk.subarray(s, e);
        pos += chunk.length;
        if (pos >= end) return;
      }
    },
  };
}
