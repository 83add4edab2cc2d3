/**
 * The key-service interface: a plain object that wraps and unwraps data keys with a key that never
 * leaves the service (AWS KMS, Azure Key Vault, Google Cloud KMS, HashiCorp Vault transit...).
 * `kmsKeyProvider` turns one into a `KeyProvider` and maps its failures onto modelsec errors.
 */
import { afunction, aobject, astring } from '../../errors/asserts';
import { describeValue } from '../../errors/describe';
import { AccessError, isModelSecError, ModelSecRangeError } from '../../errors/model-sec-error';
import { expectKind, type KeyProvider, keyMismatch } from '../provider';

/** Encryption context sent with every key-service call: binds the wrapped key to its container. */
export type KmsContext = Readonly<Record<string, string>>;

/** A key service (see `awsKmsClient`, `azureKeyVaultClient`, or write your own). */
export interface KmsClient {
  /** Provider kind written to the envelope (`aws-kms`, `azure-keyvault`, or your own `[a-z0-9-]{1,32}`). */
  readonly kind: string;
  /** The key's id in the service (an ARN, a Key Vault key URL). */
  readonly keyId: string;
  /** Encrypt a data key; may return the service's canonical key id with it. */
  wrap(dataKey: Uint8Array, context: KmsContext): Promise<{ wrappedKey: Uint8Array; keyId?: string }>;
  /**
   * Decrypt a wrapped data key recorded under `keyId`.
   *
   * @throws IntegrityError `key_mismatch` when the service says the key or context does not match.
   */
  unwrap(wrappedKey: Uint8Array, context: KmsContext, keyId: string): Promise<Uint8Array>;
  /** Optional: have the service generate the data key (returns it both in the clear and wrapped). */
  generateDataKey?(context: KmsContext): Promise<{ dataKey: Uint8Array; wrappedKey: Uint8Array; keyId?: string }>;
}

/** The encryption-context key that carries the container id. */
export const KMS_CONTEXT_KEY = 'modelsec:container';

/**
 * A `KeyProvider` over a key service. Errors from the service other than a key mismatch become
 * `AccessError` (`key_unavailable`), with the service error as a (non-serialized) `cause`.
 *
 * @example
 * ```ts
 * const keyProvider = kmsKeyProvider(awsKmsClient({ client: new KMS({}), keyId: 'alias/models' }));
 * ```
 */
export function kmsKeyProvider(kms: KmsClient): KeyProvider {
  aobject(kms, 'kms');
  astring(kms.kind, 'kms.kind');
  astring(kms.keyId, 'kms.keyId');
  afunction(kms.wrap, 'kms.wrap');
  afunction(kms.unwrap, 'kms.unwrap');
  if (!/^[a-z0-9-]{1,32}$/.test(kms.kind)) throw new ModelSecRangeError('"kms.kind" must match [a-z0-9-]{1,32}');
  const generate = kms.generateDataKey;
  const provider: KeyProvider = {
    kind: kms.kind,
    keyId: kms.keyId,
    wrapKey: (dataKey, context) => call(() => kms.wrap(dataKey, { [KMS_CONTEXT_KEY]: context.containerId })),
    async unwrapKey(envelope, context) {
      expectKind(envelope, kms.kind);
      const key = await call(() =>
        kms.unwrap(envelope.wrappedKey, { [KMS_CONTEXT_KEY]: context.containerId }, envelope.keyId),
      );
      if (key.length !== 32) throw keyMismatch();
      return key;
    },
  };
  if (typeof generate === 'function') {
    provider.generateDataKey = (context) => call(() => generate.call(kms, { [KMS_CONTEXT_KEY]: context.containerId }));
  }
  return provider;
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isModelSecError(error)) throw error;
    const raw = error instanceof Error ? error.name : describeValue(error);
    const name = /^[A-Za-z0-9_.()=-]{1,64}$/.test(raw) ? raw : 'Error';
    throw new AccessError('key_unavailable', `key service call failed (${name})`, { cause: error });
  }
}
