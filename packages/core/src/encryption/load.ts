/**
 * `loadEncryptedModel`: decrypt a container into memory and hand the bytes straight to an
 * onnxruntime(-web) `InferenceSession` (or any session factory), so plaintext weights never touch disk.
 * An optional `verify` hook (for example a model-signature check) runs on the authenticated plaintext
 * before the session is created; the plaintext copy is wiped once the session has loaded it.
 */
import { wipeBytes } from '../bytes/ops';
import { aboolean, aobject } from '../errors/asserts';
import { describeValue } from '../errors/describe';
import { ConfigError, IntegrityError, ModelSecTypeError } from '../errors/model-sec-error';
import { checkProvider } from './container';
import type { KeyProvider } from './provider';
import { type ContainerInfo, decryptBytes, type EncryptionSource } from './stream';

/** The part of `onnxruntime-web` / `onnxruntime-node` used: `ort.InferenceSession.create(bytes, options)`. */
export interface OrtLike<S> {
  /** The `InferenceSession` class. */
  InferenceSession: { create(model: Uint8Array, options?: never): Promise<S> };
}

/**
 * Checks the decrypted model before it is loaded; throw (for example an `IntegrityError`) to refuse it.
 * `info` is the authenticated container header (its `metadata.digest` is the plaintext digest).
 */
export type ModelVerifier = (model: Uint8Array, info: ContainerInfo) => void | Promise<void>;

/** Options of `loadEncryptedModel`. */
export interface LoadEncryptedModelOptions<S> {
  /** The onnxruntime module (`import * as ort from 'onnxruntime-web'`); or give `createSession`. */
  ort?: OrtLike<S>;
  /** Session options passed to `InferenceSession.create`. */
  sessionOptions?: unknown;
  /** A session factory, instead of `ort`. */
  createSession?: (model: Uint8Array) => Promise<S>;
  /** Verify the plaintext first (e.g. a model-signature check); runs after decryption, before loading. */
  verify?: ModelVerifier;
  /** Refuse containers without a `digest` in their header (default false). */
  requireDigest?: boolean;
  /** Overwrite the decrypted bytes once the session has loaded them (default true). */
  wipe?: boolean;
}

/**
 * Decrypt an encrypted model in memory and create an inference session from it.
 *
 * @param source - the container: bytes, a `Blob`/`File`, a `ReadableStream` (e.g. `fetch(url).body`).
 * @param keyProvider - unwraps the data key.
 * @returns the session created by `ort.InferenceSession.create` or `createSession`.
 * @throws IntegrityError on tampering, a wrong key, or when `verify` refuses the model.
 * @example
 * ```ts
 * import * as ort from 'onnxruntime-web';
 * const session = await loadEncryptedModel((await fetch('/model.onnx.enc')).body!, keyProvider, { ort });
 * ```
 */
export async function loadEncryptedModel<S>(
  source: EncryptionSource,
  keyProvider: KeyProvider,
  options: LoadEncryptedModelOptions<S>,
): Promise<S> {
  checkProvider(keyProvider, 'keyProvider');
  aobject(options as unknown, 'options');
  const create = sessionFactory(options);
  if (options.verify !== undefined && typeof options.verify !== 'function') {
    throw new ModelSecTypeError(`"options.verify" expected function, got ${describeValue(options.verify)}`);
  }
  if (options.requireDigest !== undefined) aboolean(options.requireDigest, 'options.requireDigest');
  let info: ContainerInfo | undefined;
  const model = await decryptBytes(source, {
    keyProvider,
    verifyDigest: true,
    onHeader(header) {
      if (options.requireDigest && header.metadata.digest === undefined) {
        throw new IntegrityError('digest_mismatch', 'container header has no plaintext digest and one is required');
      }
      info = header;
    },
  });
  try {
    await options.verify?.(model, info as ContainerInfo);
    return await create(model);
  } finally {
    if (options.wipe ?? true) wipeBytes(model);
  }
}

function sessionFactory<S>(options: LoadEncryptedModelOptions<S>): (model: Uint8Array) => Promise<S> {
  if (typeof options.createSession === 'function') return options.createSession;
  const create = options.ort?.InferenceSession?.create;
  if (typeof create !== 'function') {
    throw new ConfigError('invalid_config', 'loadEncryptedModel needs "ort" (onnxruntime) or "createSession"');
  }
  const Session = options.ort?.InferenceSession as OrtLike<S>['InferenceSession'];
  return (model) => Session.create(model, options.sessionOptions as never);
}
