/**
 * `directorySource(path)`: a model on the local file system. Only Node has one: this universal twin
 * throws; the Node build uses `directory.node.ts`.
 */
import { ConfigError } from '../errors/model-sec-error';
import type { ModelSource } from './sources';

/**
 * A model folder (or single model file) on disk. Node only.
 *
 * @param path - the model folder or file.
 * @throws ConfigError `unsupported_runtime` outside Node (use `fileListSource` in browsers).
 * @example
 * ```ts
 * const manifest = await hashModel(directorySource('./bert'));
 * ```
 */
export function directorySource(path: string): ModelSource {
  void path;
  throw new ConfigError('unsupported_runtime', 'directorySource needs Node.js; use fileListSource or memorySource');
}
