/**
 * File helpers (`encryptFile`, `decryptFile`, `rewrapFile`) exist in Node.js only; this universal twin
 * of `files.node.ts` throws `ConfigError('unsupported_runtime')`. In browsers use the streaming API
 * (`encryptModel` / `decryptModel`) with `File.stream()` and a `WritableStream`.
 */
import type { HashAlgorithm } from '../digest/algorithms';
import { ConfigError } from '../errors/model-sec-error';
import type { EncryptOptions } from './container';
import type { RewrapOptions } from './rotate';
import type { DecryptOptions } from './stream';

/** Options of `encryptFile`. */
export interface EncryptFileOptions extends EncryptOptions {
  /** Hash the plaintext first and record `digest` in the header (default `sha256`; `false` skips the extra pass). */
  digest?: HashAlgorithm | false;
  /** fsync the output before renaming it into place (default false). */
  fsync?: boolean;
  /**
   * Worker threads that seal AES-256-GCM chunks (Node). Default: one per core (at most 8) for files of
   * 32 MiB or more, none below; `0` works on the calling thread. XChaCha20-Poly1305 always runs on the
   * calling thread.
   */
  threads?: number;
}

/** Options of `decryptFile`. */
export interface DecryptFileOptions extends DecryptOptions {
  /** fsync the output before renaming it into place (default false). */
  fsync?: boolean;
  /** Worker threads that open AES-256-GCM chunks (Node); the same default and meaning as in `encryptFile`. */
  threads?: number;
}

/** What a file operation did. */
export interface FileResult {
  /** Bytes read. */
  bytesIn: number;
  /** Bytes written. */
  bytesOut: number;
}

/**
 * Encrypt a file into a container file (Node.js only). Writes a temporary file next to `output` and
 * renames it into place when done; on failure nothing is left at `output`.
 *
 * @example
 * ```ts
 * await encryptFile('model.onnx', 'model.onnx.enc', { keyProvider });
 * ```
 */
export async function encryptFile(_input: string, _output: string, _options: EncryptFileOptions): Promise<FileResult> {
  throw unsupported();
}

/**
 * Decrypt a container file (Node.js only). The output appears (by rename) only after the last chunk
 * authenticated; on any failure nothing is left at `output`.
 *
 * @example
 * ```ts
 * await decryptFile('model.onnx.enc', 'model.onnx', { keyProvider });
 * ```
 */
export async function decryptFile(_input: string, _output: string, _options: DecryptFileOptions): Promise<FileResult> {
  throw unsupported();
}

/**
 * Re-wrap a container file's data key for another key without re-encrypting it (Node.js only).
 *
 * @example
 * ```ts
 * await rewrapFile('model.enc', 'model.enc', { from: oldProvider, to: newProvider });
 * ```
 */
export async function rewrapFile(_input: string, _output: string, _options: RewrapOptions): Promise<FileResult> {
  throw unsupported();
}

function unsupported(): ConfigError {
  return new ConfigError('unsupported_runtime', 'file helpers need Node.js; use encryptModel/decryptModel streams');
}
