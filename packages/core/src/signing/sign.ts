/**
 * `signModel()`: hash a model, build the in-toto statement, sign its DSSE pre-authentication
 * encoding and wrap it in a Sigstore bundle v0.3, exactly as model_signing 1.x writes key
 * (`publicKey.hint`) and certificate (`x509CertificateChain`, leaf first) signatures, so that
 * model_signing verifies them.
 */
import { equalBytes } from '../bytes/ops';
import { aobject } from '../errors/asserts';
import { IntegrityError, ModelSecTypeError } from '../errors/model-sec-error';
import { buildBundle, bundleText } from './bundle';
import { type CertificateInput, readCertificates } from './chain';
import { IN_TOTO_PAYLOAD_TYPE, pae } from './dsse';
import { keyHint } from './keys';
import { type HashModelOptions, hashModel, type ModelManifest } from './manifest';
import { createSigner, type PrivateKeyInput } from './signer';
import type { ModelSource } from './sources';
import { statementBytes } from './statement';

/** Options of `signModel`. */
export interface SignModelOptions extends Omit<HashModelOptions, 'recordIgnorePaths'> {
  /** The private key: PEM (PKCS#8 or SEC1), JWK, `CryptoKeyPair`, or a `ModelSigner` (HSM, KMS). */
  privateKey: PrivateKeyInput;
  /**
   * Signing certificate followed by its chain (PEM text or DER, leaf first). With it the bundle
   * carries `x509CertificateChain` (method `certificate`); without it, `publicKey.hint` (method `key`).
   */
  certificateChain?: CertificateInput | readonly CertificateInput[];
  /**
   * Path of the signature file relative to the model root when it lives inside the model (e.g.
   * `model.sig`): it is left out of the manifest and recorded in `ignore_paths`.
   */
  signaturePath?: string;
}

/** A signed model. */
export interface SignedModel {
  /** The bundle object. */
  bundle: Record<string, unknown>;
  /** The bundle as JSON text, what `model.sig` contains. */
  text: string;
  /** The signed manifest. */
  manifest: ModelManifest;
}

/**
 * Sign a model.
 *
 * @throws IntegrityError `key_mismatch` when the certificate's key is not the private key's,
 *   `unsupported_algorithm` for unsupported keys; hashing errors as `hashModel`.
 * @example
 * ```ts
 * const { text } = await signModel(directorySource('bert'), {
 *   privateKey: await readFile('key.pem', 'utf8'),
 *   signaturePath: 'model.sig',
 * });
 * await writeFile('bert/model.sig', text);
 * ```
 */
export async function signModel(source: ModelSource, options: SignModelOptions): Promise<SignedModel> {
  if (!source || typeof source.list !== 'function') throw new ModelSecTypeError('"source" expected a ModelSource');
  aobject(options as unknown, 'options');
  if (options.privateKey === undefined) throw new ModelSecTypeError('"privateKey" is required');
  const signer = await createSigner(options.privateKey);
  let certificates: Uint8Array[] | undefined;
  if (options.certificateChain !== undefined) {
    const certs = readCertificates(options.certificateChain as CertificateInput);
    const leaf = certs[0];
    if (!leaf) throw new ModelSecTypeError('"certificateChain" holds no certificate');
    if (!equalBytes(leaf.publicKey.spki, signer.publicKey.spki)) {
      throw new IntegrityError('key_mismatch', "the signing certificate's public key is not the private key's");
    }
    certificates = certs.map((c) => c.der);
  }
  const { privateKey: _k, certificateChain: _c, signaturePath, ...hashOptions } = options;
  const ignorePaths = [...(options.ignorePaths ?? []), ...(signaturePath ? [signaturePath] : [])];
  const manifest = await hashModel(source, { ...hashOptions, ignorePaths, recordIgnorePaths: true });
  const payload = statementBytes(manifest);
  const signature = await signer.sign(pae(IN_TOTO_PAYLOAD_TYPE, payload));
  const bundle = certificates
    ? buildBundle({ payload, signature, certificates })
    : buildBundle({ payload, signature, hint: await keyHint(signer.publicKey) });
  return { bundle, text: bundleText(bundle), manifest };
}
