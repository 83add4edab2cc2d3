/**
 * The key-provider contract: how a container's random data key (DEK) is wrapped for storage in the
 * header and unwrapped to read it back. Local providers (raw key, `CryptoKey`, passphrase) wrap with
 * AES-256-GCM under a key-encryption key; KMS providers ask a key service. A provider is a plain object,
 * so any key service can be plugged in.
 */
import { utf8ToBytes } from '../bytes/encoding';
import { concatBytes, randomBytes } from '../bytes/ops';
import { IntegrityError } from '../errors/model-sec-error';
import { getSubtle } from './cipher';
import type { KeyEnvelope } from './format';

/** Where a data key is being wrapped or unwrapped: binds the wrapped key to its container. */
export interface WrapContext {
  /** A non-secret, unique id of the container (hex of its nonce prefix); KMS adapters send it as encryption context. */
  containerId: string;
  /** The bound header bytes; local providers use them as associated data of the wrap. */
  boundHeader: Uint8Array;
}

/** A wrapped data key as a provider returns it. */
export interface WrappedDataKey {
  /** The wrapped (encrypted) data key. */
  wrappedKey: Uint8Array;
  /** Non-secret parameters to store in the envelope (salt, KDF cost...). */
  params?: Readonly<Record<string, string | number>>;
  /** The key id to record, when the key service reports a canonical one (an ARN); defaults to `keyId`. */
  keyId?: string;
}

/** Wraps and unwraps container data keys. */
export interface KeyProvider {
  /** Provider kind written to the envelope: `kek`, `passphrase`, `aws-kms`, `azure-keyvault`, or your own (`[a-z0-9-]{1,32}`). */
  readonly kind: string;
  /** Identifier of the key, written to the header; never secret. */
  readonly keyId: string;
  /** Wrap a 32-byte data key. */
  wrapKey(dataKey: Uint8Array, context: WrapContext): Promise<WrappedDataKey>;
  /**
   * Unwrap the data key of an envelope.
   *
   * @throws IntegrityError `key_mismatch` when this key did not wrap it.
   */
  unwrapKey(envelope: KeyEnvelope, context: WrapContext): Promise<Uint8Array>;
  /** Optional: let the key service create the data key (AWS KMS GenerateDataKey). */
  generateDataKey?(context: WrapContext): Promise<WrappedDataKey & { dataKey: Uint8Array }>;
}

const WRAP_LABEL = /* @__PURE__ */ utf8ToBytes('modelsec-encryption-v1 data key');

/**
 * Wrap a data key with AES-256-GCM under a key-encryption key: nonce (12) || ciphertext || tag (16),
 * with the bound header as associated data.
 */
export async function aesWrap(kek: CryptoKey, dataKey: Uint8Array, context: WrapContext): Promise<Uint8Array> {
  const iv = randomBytes(12);
  const sealed = await getSubtle().encrypt(
    { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, additionalData: wrapAd(context), tagLength: 128 },
    kek,
    dataKey as Uint8Array<ArrayBuffer>,
  );
  return concatBytes(iv, new Uint8Array(sealed));
}

/**
 * Unwrap a data key wrapped by `aesWrap`.
 *
 * @throws IntegrityError `key_mismatch` when the key (or the container) does not match.
 */
export async function aesUnwrap(kek: CryptoKey, wrapped: Uint8Array, context: WrapContext): Promise<Uint8Array> {
  if (wrapped.length !== 12 + 32 + 16) throw keyMismatch();
  try {
    const plain = await getSubtle().decrypt(
      {
        name: 'AES-GCM',
        iv: wrapped.subarray(0, 12) as Uint8Array<ArrayBuffer>,
        additionalData: wrapAd(context),
        tagLength: 128,
      },
      kek,
      wrapped.subarray(12) as Uint8Array<ArrayBuffer>,
    );
    return new Uint8Array(plain);
  } catch (cause) {
    throw keyMismatch(cause);
  }
}

/** The error for a data key this provider cannot unwrap. */
export function keyMismatch(cause?: unknown): IntegrityError {
  return new IntegrityError(
    'key_mismatch',
    'the data key could not be unwrapped: wrong key, or the header was edited',
    {
      cause,
    },
  );
}

/** Reject an envelope written by another kind of provider. */
export function expectKind(envelope: KeyEnvelope, kind: string): void {
  if (envelope.provider !== kind) {
    throw new IntegrityError(
      'key_mismatch',
      `the data key was wrapped by another kind of key provider, not "${kind}"`,
      {
        details: { expected: kind },
      },
    );
  }
}

function wrapAd(context: WrapContext): Uint8Array<ArrayBuffer> {
  return concatBytes(WRAP_LABEL, context.boundHeader) as Uint8Array<ArrayBuffer>;
}
