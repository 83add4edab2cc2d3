/**
 * `@modelsec/core/encryption`: model encryption at rest. A versioned container format (chunked
 * AES-256-GCM or XChaCha20-Poly1305 in a STREAM construction, header bound as associated data and
 * MAC'd), streaming encrypt/decrypt in constant memory, envelope keys from pluggable key providers
 * (raw key, passphrase, WebCrypto `CryptoKey`, AWS KMS, Azure Key Vault), key rotation without
 * re-encryption, and `loadEncryptedModel` for decrypt-into-memory inference. See docs/encryption.md.
 *
 * @module
 */
export { cipherBackend } from './cipher';
export type { EncryptOptions } from './container';
export {
  type DecryptFileOptions,
  decryptFile,
  type EncryptFileOptions,
  encryptFile,
  type FileResult,
  rewrapFile,
} from './files';
export {
  CHUNK_LOG2,
  type ContainerHeader,
  ENCRYPTION_ALGORITHMS,
  type EncryptionAlgorithm,
  FORMAT_VERSION,
  type KeyEnvelope,
  MAGIC,
  parseHeader,
} from './format';
export { type LoadEncryptedModelOptions, loadEncryptedModel, type ModelVerifier, type OrtLike } from './load';
export type { KeyProvider, WrapContext, WrappedDataKey } from './provider';
export {
  type AwsKmsCommands,
  type AwsKmsMethods,
  type AwsKmsOptions,
  type AwsKmsSender,
  awsKmsClient,
  awsKmsKeyProvider,
  type KmsOutput,
} from './providers/aws';
export {
  AZURE_WRAP_ALGORITHMS,
  type AzureCryptographyClientLike,
  type AzureKeyVaultOptions,
  azureKeyVaultClient,
  azureKeyVaultKeyProvider,
} from './providers/azure';
export { cryptoKeyProvider, type KekProviderOptions, rawKeyProvider } from './providers/kek';
export { KMS_CONTEXT_KEY, type KmsClient, type KmsContext, kmsKeyProvider } from './providers/kms';
export {
  DEFAULT_SCRYPT,
  type PassphraseProviderOptions,
  passphraseKeyProvider,
  type ScryptParams,
} from './providers/passphrase';
export { type RewrapOptions, rewrapHeader, rewrapModel } from './rotate';
export {
  type ContainerInfo,
  type DecryptOptions,
  decryptBytes,
  decryptModel,
  type EncryptionSource,
  encryptBytes,
  encryptModel,
  inspectContainer,
} from './stream';
