/**
 * Resource names of an OMS manifest: validation of untrusted names (no traversal, absolute paths,
 * NUL, backslashes or empty components), shard names `<path>:<start>:<end>` parsed from the last
 * two colons (OMS §6.3.2), the two accepted orderings (model_signing's path-component order and the
 * spec's code-point order), and ignore-path matching.
 */
import { IntegrityError } from '../errors/model-sec-error';

/** A parsed resource name. `start`/`end` are set for shard resources. */
export interface ResourceKey {
  /** Relative POSIX path ('.' for a single-file model in model_signing's form). */
  path: string;
  /** Shard start offset (inclusive). */
  start?: number;
  /** Shard end offset (exclusive). */
  end?: number;
}

/** The git paths model_signing and OMS §6.2 ignore by default (top-level only). */
export const DEFAULT_IGNORE_PATHS: readonly string[] = Object.freeze([
  '.git',
  '.gitattributes',
  '.github',
  '.gitignore',
]);

const MAX_NAME = 4096;

/**
 * Check an untrusted relative path from a manifest (or a caller) and return it.
 *
 * @throws IntegrityError `path_traversal` for '', absolute paths, `..`/`.` components, empty
 *   components, backslashes, NUL or other control characters, or names over 4096 characters.
 * @example
 * ```ts
 * checkRelativePath('d0/f00'); // 'd0/f00'
 * checkRelativePath('../x'); // throws path_traversal
 * ```
 */
export function checkRelativePath(path: string, allowDot = false): string {
  const bad = (why: string): never => {
    throw new IntegrityError('path_traversal', `unsafe resource path: ${why}`, { details: { reason: why } });
  };
  if (typeof path !== 'string' || path.length === 0) bad('empty');
  if (path.length > MAX_NAME) bad('too long');
  if (allowDot && path === '.') return path;
  if (path.charCodeAt(0) === 0x2f) bad('absolute');
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) bad(c === 0 ? 'NUL character' : 'control character');
    if (c === 0x5c) bad('backslash');
  }
  if (/^[A-Za-z]:/.test(path)) bad('drive letter');
  for (const part of path.split('/')) {
    if (part === '') bad('empty component');
    if (part === '..') bad('parent component');
    if (part === '.') bad('dot component');
  }
  return path;
}

/**
 * Parse a resource name for a serialization method.
 *
 * @throws IntegrityError `path_traversal` for unsafe paths, `bundle_malformed` for a bad shard suffix.
 * @example
 * ```ts
 * parseResourceName('w.bin:0:8', 'shards'); // { path: 'w.bin', start: 0, end: 8 }
 * ```
 */
export function parseResourceName(name: string, method: 'files' | 'shards'): ResourceKey {
  if (method === 'files') return { path: checkRelativePath(name, true) };
  const b = name.lastIndexOf(':');
  const a = b > 0 ? name.lastIndexOf(':', b - 1) : -1;
  if (a <= 0) throw new IntegrityError('bundle_malformed', 'shard resource name must be "<path>:<start>:<end>"');
  const start = parseOffset(name.slice(a + 1, b));
  const end = parseOffset(name.slice(b + 1));
  if (end <= start) throw new IntegrityError('bundle_malformed', 'shard resource end must be greater than start');
  return { path: checkRelativePath(name.slice(0, a), true), start, end };
}

function parseOffset(s: string): number {
  if (!/^(0|[1-9][0-9]{0,15})$/.test(s) || !Number.isSafeInteger(Number(s))) {
    throw new IntegrityError('bundle_malformed', 'shard offsets must be decimal integers');
  }
  return Number(s);
}

/**
 * Format a resource name.
 *
 * @example
 * ```ts
 * formatResourceName({ path: 'w.bin', start: 0, end: 8 }); // 'w.bin:0:8'
 * ```
 */
export function formatResourceName(key: ResourceKey): string {
  return key.start === undefined ? key.path : `${key.path}:${key.start}:${key.end}`;
}

/**
 * Compare strings by Unicode code point (Python's `str` order; JS `<` compares UTF-16 units).
 *
 * @example
 * ```ts
 * compareCodePoints('a', 'b'); // -1
 * ```
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/**
 * model_signing's order: by path components (Python `PurePosixPath` order), then shard start and end.
 *
 * @example
 * ```ts
 * compareReferenceOrder({ path: 'a/b' }, { path: 'a-c' }); // -1 ('a' < 'a-c' by component)
 * ```
 */
export function compareReferenceOrder(x: ResourceKey, y: ResourceKey): number {
  const xs = x.path.split('/');
  const ys = y.path.split('/');
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const c = compareCodePoints(xs[i] as string, ys[i] as string);
    if (c !== 0) return c;
  }
  if (xs.length !== ys.length) return xs.length < ys.length ? -1 : 1;
  return (x.start ?? 0) - (y.start ?? 0) || (x.end ?? 0) - (y.end ?? 0);
}

/**
 * OMS §5.2.1 order: the whole `name` string by code point.
 *
 * @example
 * ```ts
 * compareSpecOrder('a-c', 'a/b'); // -1 ('-' < '/')
 * ```
 */
export function compareSpecOrder(a: string, b: string): number {
  return compareCodePoints(a, b);
}

/**
 * Normalize a caller- or bundle-supplied ignore path to a relative POSIX path, or `undefined` when it
 * points outside the model (such entries are dropped, as model_signing does).
 *
 * @example
 * ```ts
 * normalizeIgnorePath('./cache/'); // 'cache'
 * ```
 */
export function normalizeIgnorePath(path: string): string | undefined {
  const parts: string[] = [];
  for (const p of path.replace(/\\/g, '/').split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
      continue;
    }
    parts.push(p);
  }
  if (path.startsWith('/') || parts.length === 0) return undefined;
  return parts.join('/');
}

/**
 * True when `path` equals one of `ignore` or lies below one of them.
 *
 * @example
 * ```ts
 * isIgnored('.git/HEAD', ['.git']); // true
 * ```
 */
export function isIgnored(path: string, ignore: Iterable<string>): boolean {
  for (const ig of ignore) if (path === ig || path.startsWith(`${ig}/`)) return true;
  return false;
}
