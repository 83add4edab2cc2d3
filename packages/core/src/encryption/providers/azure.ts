/**
 * Azure Key Vault adapter. It takes the caller's own `CryptographyClient` from `@azure/keyvault-keys`
 * (core does not depend on the Azure SDK) and wraps data keys with the vault key: RSA-OAEP-256 for RSA
 * keys (default), A256KW for Managed HSM AES keys. Key Vault has no encryption context, so the wrap is
 * not bound to one container; the header MAC still binds the container to its data key.
 */
import { afunction, aobject, aoneOf, astring } from '../../errors/asserts';
import type { KeyProvider } from '../provider';
import { keyMismatch } from '../provider';
import { type KmsClient, kmsKeyProvider } from './kms';

/** Key-wrap algorithms the adapter allows. */
export const AZURE_WRAP_ALGORITHMS = ['RSA-OAEP-256', 'RSA-OAEP', 'A256KW'] as const;

/** An `@azure/keyvault-keys` `CryptographyClient` (structural). */
export interface AzureCryptographyClientLike {
  /** The versioned key URL (undefined until known for some local clients). */
  readonly keyID?: string | undefined;
  /** `CryptographyClient.wrapKey`. */
  wrapKey(algorithm: string, key: Uint8Array): Promise<{ result: Uint8Array; keyID?: string }>;
  /** `CryptographyClient.unwrapKey`. */
  unwrapKey(algorithm: string, encryptedKey: Uint8Array): Promise<{ result: Uint8Array }>;
}

/** Options of `azureKeyVaultClient` / `azureKeyVaultKeyProvider`. */
export interface AzureKeyVaultOptions {
  /** A `CryptographyClient` for the vault key. */
  client: AzureCryptographyClientLike;
  /** Wrap algorithm (default `RSA-OAEP-256`). */
  algorithm?: (typeof AZURE_WRAP_ALGORITHMS)[number];
  /** Key id to record when the client does not know its `keyID` yet. */
  keyId?: string;
}

/**
 * A `KmsClient` over Azure Key Vault.
 *
 * @example
 * ```ts
 * import { CryptographyClient } from '@azure/keyvault-keys';
 * import { DefaultAzureCredential } from '@azure/identity';
 * const client = new CryptographyClient('https://my-vault.vault.azure.net/keys/models', new DefaultAzureCredential());
 * const kms = azureKeyVaultClient({ client });
 * ```
 */
export function azureKeyVaultClient(options: AzureKeyVaultOptions): KmsClient {
  aobject(options, 'options');
  aobject(options.client, 'options.client');
  afunction(options.client.wrapKey, 'options.client.wrapKey');
  afunction(options.client.unwrapKey, 'options.client.unwrapKey');
  const algorithm = options.algorithm ?? 'RSA-OAEP-256';
  aoneOf(algorithm, 'options.algorithm', AZURE_WRAP_ALGORITHMS);
  const { client } = options;
  const keyId = options.keyId ?? client.keyID ?? '';
  astring(keyId, 'options.keyId');
  return {
    kind: 'azure-keyvault',
    keyId,
    async wrap(dataKey) {
      const out = await client.wrapKey(algorithm, dataKey);
      return { wrappedKey: new Uint8Array(out.result), keyId: out.keyID ?? keyId };
    },
    async unwrap(wrappedKey) {
      let out: { result: Uint8Array };
      try {
        out = await client.unwrapKey(algorithm, wrappedKey);
      } catch (error) {
        // Key Vault answers 400 "BadParameter" when the ciphertext was wrapped by another key.
        if ((error as { statusCode?: number })?.statusCode === 400) throw keyMismatch(error);
        throw error;
      }
      const key = new Uint8Array(out.result);
      out.result.fill(0);
      return key;
    },
  };
}

/**
 * A `KeyProvider` over Azure Key Vault (`kmsKeyProvider(azureKeyVaultClient(options))`).
 *
 * @example
 * ```ts
 * const keyProvider = azureKeyVaultKeyProvider({ client: cryptographyClient, algorithm: 'RSA-OAEP-256' });
 * ```
 */
export function azureKeyVaultKeyProvider(options: AzureKeyVaultOptions): KeyProvider {
  return kmsKeyProvider(azureKeyVaultClient(options));
}
