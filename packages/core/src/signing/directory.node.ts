/**
 * `directorySource(path)` for Node: walks a model folder with `lstat` semantics, never leaves the
 * model root (links are refused unless allowed, and links that resolve outside the root are refused
 * unless `followExternalSymlinks`), skips ignored subtrees without reading them, and reads files
 * through a reused buffer.
 */
import { createReadStream } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { astring } from '../errors/asserts';
import { IntegrityError, ValidationError } from '../errors/model-sec-error';
import { isIgnored } from './names';
import type { ListOptions, ModelFile, ModelSource } from './sources';

/**
 * A model folder (or single model file) on disk.
 *
 * @param path - the model folder or file.
 * @example
 * ```ts
 * const manifest = await hashModel(directorySource('./bert'));
 * ```
 */
export function directorySource(path: string): ModelSource {
  astring(path, 'path');
  const root = resolve(path);
  let single: boolean | undefined;
  const source: ModelSource = {
    name: basename(root),
    get single() {
      return single ?? false;
    },
    async list(options) {
      const info = await lstat(root);
      if (info.isSymbolicLink() && !options.allowSymlinks) refuse('the model path');
      const target = info.isSymbolicLink() ? await stat(root) : info;
      if (target.isFile()) {
        single = true;
        return [fsFile('.', root, target.size, info.isSymbolicLink())];
      }
      if (!target.isDirectory()) throw new ValidationError('unsupported_format', 'model path is not a file or folder');
      single = false;
      const realRoot = await realpath(root);
      const out: ModelFile[] = [];
      await walk(realRoot, realRoot, '', options, out);
      return out;
    },
  };
  return source;
}

function refuse(what: string): never {
  throw new IntegrityError('symlink_refused', `${what} is a symbolic link (allowSymlinks is off)`);
}

async function walk(realRoot: string, dir: string, rel: string, options: ListOptions, out: ModelFile[]) {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const name = entry.name;
    const relPath = rel ? `${rel}/${name}` : name;
    if (isIgnored(relPath, options.ignore)) continue;
    if (name.includes('\\')) throw new IntegrityError('path_traversal', 'file name contains a backslash');
    const full = join(dir, name);
    if (entry.isSymbolicLink()) {
      if (!options.allowSymlinks) refuse(`"${relPath}"`);
      let target: string;
      try {
        target = await realpath(full);
      } catch (cause) {
        throw new IntegrityError('symlink_refused', `symbolic link "${relPath}" is broken`, { cause });
      }
      if (!options.followExternalSymlinks && target !== realRoot && !target.startsWith(realRoot + sep)) {
        throw new IntegrityError('symlink_refused', `symbolic link "${relPath}" points outside the model`);
      }
      const st = await stat(target);
      // Like model_signing (pathlib glob), linked folders are not descended into.
      if (st.isFile()) out.push(fsFile(relPath, target, st.size, true));
      continue;
    }
    if (entry.isDirectory()) await walk(realRoot, full, relPath, options, out);
    else if (entry.isFile()) out.push(fsFile(relPath, full, (await lstat(full)).size, false));
    else throw new ValidationError('unsupported_format', `"${relPath}" is not a regular file or folder`);
  }
}

function fsFile(path: string, fsPath: string, size: number, symlink: boolean): ModelFile {
  return {
    path,
    size,
    fsPath,
    symlink,
    async *read(start = 0, end = Number.POSITIVE_INFINITY) {
      if (end <= start) return;
      const stream = createReadStream(fsPath, {
        start,
        ...(Number.isFinite(end) ? { end: end - 1 } : {}),
        highWaterMark: 1 << 20,
      });
      for await (const chunk of stream) yield chunk as Uint8Array;
    },
  };
}
