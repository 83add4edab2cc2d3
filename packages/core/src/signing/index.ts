/**
 * `@modelsec/core/signing`: hash, sign and verify models in the OpenSSF Model Signing (OMS) format,
 * interoperable with sigstore/model-transparency (`model_signing` 1.x), in Node and in browsers.
 *
 * @packageDocumentation
 */
export { BUNDLE_MEDIA_TYPE, type ParsedBundle, parseBundle, type SigningMethod } from './bundle';
export { type CertificateInput, readCertificates, type VerifiedChain, verifyChain } from './chain';
export { diffManifests, type ManifestDiff } from './diff';
export { directorySource } from './directory';
export { IN_TOTO_PAYLOAD_TYPE, pae, paeCompat } from './dsse';
export { engineName as hashEngine, type ModelHashType } from './hash-engine';
export { type KeylessPolicy, type KeylessSigner, verifyKeyless } from './keyless';
export {
  type EcCurve,
  importPublicKey,
  keyHint,
  type PublicKeyInfo,
  type PublicKeyInput,
  verifySignature,
} from './keys';
export {
  DEFAULT_SHARD_SIZE,
  type HashModelOptions,
  hashModel,
  ignoreList,
  MODEL_HASH_TYPES,
  type ModelManifest,
  type Resource,
  rootDigest,
  type Serialization,
} from './manifest';
export { checkRelativePath, DEFAULT_IGNORE_PATHS } from './names';
export { type SignedModel, type SignModelOptions, signModel } from './sign';
export { createSigner, type ModelSigner, type PrivateKeyInput } from './signer';
export { SIGSTORE_PUBLIC_GOOD_ROOT } from './sigstore-root';
export {
  fileListSource,
  type ListOptions,
  type MemoryContent,
  type ModelFile,
  type ModelSource,
  memorySource,
  streamSource,
} from './sources';
export { type ParsedStatement, PREDICATE_TYPE, parseStatement, statementBytes } from './statement';
export { isJsonObject, type JsonValue, parseStrictJson, type StrictJsonLimits } from './strict-json';
export { type VerifyModelOptions, type VerifyModelResult, verifyBundle, verifyModel } from './verify';
export { type Certificate, type CertificateExtension, parseCertificate } from './x509';
