/**
 * Path scanning outside Node: not available (browsers have no file system). The Node build
 * replaces this file with `scan-path.node.ts`.
 */
import { ConfigError } from '@modelsec/core';
import type { ResolvedOptions } from './options';
import type { ScanSource } from './source';
import type { FileReport } from './types';

/**
 * Scan files and directories by path (Node only).
 *
 * @throws ConfigError('unsupported_runtime') outside Node.
 * @example
 * ```ts
 * await scanPaths(['models/'], resolveOptions({}), scanByteSource); // Node only
 * ```
 */
export async function scanPaths(
  _paths: readonly string[],
  _opts: ResolvedOptions,
  _scan: (src: ScanSource, opts: ResolvedOptions) => Promise<FileReport>,
): Promise<FileReport[]> {
  throw new ConfigError('unsupported_runtime', 'scanning paths needs Node.js; pass bytes or a File instead');
}
