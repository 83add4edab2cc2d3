/**
 * AWS KMS adapter. It takes the caller's own client from `@aws-sdk/client-kms` (core does not depend
 * on the AWS SDK): either the aggregated `KMS` client, whose methods it calls, or a bare `KMSClient`
 * with the command classes to `send`. Data keys come from GenerateDataKey (AES_256), are unwrapped with
 * Decrypt, and re-wrapped (key rotation) with Encrypt; the container id travels as encryption context.
 */
import { aobject, astring } from '../../errors/asserts';
import { ConfigError } from '../../errors/model-sec-error';
import { type KeyProvider, keyMismatch } from '../provider';
import { type KmsClient, type KmsContext, kmsKeyProvider } from './kms';

/** The subset of KMS response fields the adapter uses. */
export interface KmsOutput {
  /** Wrapped (encrypted) data key. */
  CiphertextBlob?: Uint8Array;
  /** Plaintext data key (GenerateDataKey, Decrypt). */
  Plaintext?: Uint8Array;
  /** ARN of the KMS key that was used. */
  KeyId?: string;
}

/** The aggregated `KMS` client of `@aws-sdk/client-kms` (structural). */
export interface AwsKmsMethods {
  /** `KMS.encrypt`. */
  encrypt(input: Record<string, unknown>): Promise<KmsOutput>;
  /** `KMS.decrypt`. */
  decrypt(input: Record<string, unknown>): Promise<KmsOutput>;
  /** `KMS.generateDataKey`. */
  generateDataKey(input: Record<string, unknown>): Promise<KmsOutput>;
}

/** A bare `KMSClient` (structural). */
export interface AwsKmsSender {
  /** `KMSClient.send`. */
  send(command: unknown): Promise<unknown>;
}

/** Command classes of `@aws-sdk/client-kms`, for a bare `KMSClient`. */
export interface AwsKmsCommands {
  /** `EncryptCommand`. */
  EncryptCommand: new (
    input: never,
  ) => unknown;
  /** `DecryptCommand`. */
  DecryptCommand: new (
    input: never,
  ) => unknown;
  /** `GenerateDataKeyCommand`. */
  GenerateDataKeyCommand: new (
    input: never,
  ) => unknown;
}

/** Options of `awsKmsClient` / `awsKmsKeyProvider`. */
export interface AwsKmsOptions {
  /** A `KMS` client, or a `KMSClient` together with `commands`. */
  client: AwsKmsMethods | AwsKmsSender;
  /** The command classes, when `client` is a bare `KMSClient`. */
  commands?: AwsKmsCommands;
  /** Key id, ARN, alias name or alias ARN of a symmetric KMS key. */
  keyId: string;
}

const WRONG_KEY = new Set(['InvalidCiphertextException', 'IncorrectKeyException', 'InvalidKeyUsageException']);

/**
 * A `KmsClient` over AWS KMS.
 *
 * @example
 * ```ts
 * import { KMS } from '@aws-sdk/client-kms';
 * const kms = awsKmsClient({ client: new KMS({ region: 'eu-west-1' }), keyId: 'alias/models' });
 * ```
 */
export function awsKmsClient(options: AwsKmsOptions): KmsClient {
  aobject(options, 'options');
  aobject(options.client, 'options.client');
  astring(options.keyId, 'options.keyId');
  const { client, commands, keyId } = options;
  const invoke = (name: 'encrypt' | 'decrypt' | 'generateDataKey', input: Record<string, unknown>) => {
    const methods = client as Partial<AwsKmsMethods>;
    if (typeof methods[name] === 'function') return (methods[name] as AwsKmsMethods[typeof name])(input);
    const sender = client as Partial<AwsKmsSender>;
    const Command = commands?.[`${name[0]?.toUpperCase()}${name.slice(1)}Command` as keyof AwsKmsCommands];
    if (typeof sender.send !== 'function' || typeof Command !== 'function') {
      throw new ConfigError('invalid_config', 'AWS KMS: pass a KMS client, or a KMSClient with "commands"');
    }
    return sender.send(new Command(input as never)) as Promise<KmsOutput>;
  };
  const guard = async (fn: () => Promise<KmsOutput>) => {
    try {
      return await fn();
    } catch (error) {
      if (WRONG_KEY.has((error as { name?: string })?.name ?? '')) throw keyMismatch(error);
      throw error;
    }
  };
  return {
    kind: 'aws-kms',
    keyId,
    async wrap(dataKey: Uint8Array, context: KmsContext) {
      const out = await guard(() =>
        invoke('encrypt', { KeyId: keyId, Plaintext: dataKey, EncryptionContext: context }),
      );
      return { wrappedKey: blob(out.CiphertextBlob), keyId: out.KeyId ?? keyId };
    },
    async unwrap(wrappedKey: Uint8Array, context: KmsContext) {
      // KeyId is the configured key, so KMS refuses a container wrapped under any other key.
      const out = await guard(() =>
        invoke('decrypt', { CiphertextBlob: wrappedKey, KeyId: keyId, EncryptionContext: context }),
      );
      return blob(out.Plaintext, true);
    },
    async generateDataKey(context: KmsContext) {
      const out = await guard(() =>
        invoke('generateDataKey', { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context }),
      );
      return { dataKey: blob(out.Plaintext, true), wrappedKey: blob(out.CiphertextBlob), keyId: out.KeyId ?? keyId };
    },
  };
}

/**
 * A `KeyProvider` over AWS KMS (`kmsKeyProvider(awsKmsClient(options))`).
 *
 * @example
 * ```ts
 * import { KMSClient, EncryptCommand, DecryptCommand, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
 * const keyProvider = awsKmsKeyProvider({
 *   client: new KMSClient({}),
 *   commands: { EncryptCommand, DecryptCommand, GenerateDataKeyCommand },
 *   keyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-...',
 * });
 * ```
 */
export function awsKmsKeyProvider(options: AwsKmsOptions): KeyProvider {
  return kmsKeyProvider(awsKmsClient(options));
}

function blob(value: Uint8Array | undefined, secret = false): Uint8Array {
  if (!(value instanceof Uint8Array)) throw keyMismatch();
  const copy = new Uint8Array(value);
  if (secret) value.fill(0); // the SDK's copy of a plaintext data key
  return copy;
}
