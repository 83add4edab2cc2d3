/**
 * `verifyModel()`: check a model against an OMS / model_signing signature bundle. Order: parse the
 * bundle strictly, check the payload type, verify the signature (public key + hint, certificate
 * chain to the caller's roots, or keyless Sigstore), parse and check the statement, re-hash the
 * model with the signed serialization settings, then compare file by file. Every failure is an
 * `IntegrityError` with a specific code; a file mismatch lists added, missing, renamed and changed files.
 */
import { equalBytes } from '../bytes/ops';
import { aobject } from '../errors/asserts';
import { describeValue } from '../errors/describe';
import { ConfigError, IntegrityError, ModelSecTypeError } from '../errors/model-sec-error';
import { type ParsedBundle, parseBundle, type SigningMethod } from './bundle';
import { type CertificateInput, readCertificates, verifyChain } from './chain';
import { diffManifests, type ManifestDiff } from './diff';
import { IN_TOTO_PAYLOAD_TYPE, pae, paeCompat } from './dsse';
import { type KeylessPolicy, type KeylessSigner, verifyKeyless } from './keyless';
import { importPublicKey, keyHint, type PublicKeyInfo, type PublicKeyInput, verifySignature } from './keys';
import { hashModel, type ModelManifest } from './manifest';
import { parseResourceName } from './names';
import type { ModelSource } from './sources';
import { parseStatement } from './statement';

/** Options of `verifyModel`: exactly one of `publicKey`, `certificateChain`, `keyless`. */
export interface VerifyModelOptions {
  /** The signer's public key (method `key`). */
  publicKey?: PublicKeyInput;
  /** Trusted root certificate(s), PEM or DER (method `certificate`). */
  certificateChain?: CertificateInput | readonly CertificateInput[];
  /** Identity policy and trust root for Sigstore keyless bundles (Node only). */
  keyless?: KeylessPolicy;
  /** Extra paths to leave out, relative to the model root (plus the bundle's `ignore_paths` and the git paths). */
  ignorePaths?: readonly string[];
  /** Accept files that the signature does not list (they are not read). Default false. */
  ignoreUnsignedFiles?: boolean;
  /** Leave out `.git`, `.gitattributes`, `.github`, `.gitignore` (default true). */
  ignoreGitPaths?: boolean;
  /** Follow signed symbolic links that resolve outside the model (default false: `symlink_refused`). */
  followExternalSymlinks?: boolean;
  /** Time at which certificates must be valid (default: the leaf's notBefore, as model_signing). */
  at?: Date;
  /** Worker threads in Node (default: all cores). */
  threads?: number;
  /** Progress callback with bytes hashed since the last call. */
  onProgress?: (bytes: number) => void;
}

/** A successful verification. */
export interface VerifyModelResult {
  /** Always true (failures throw). */
  verified: true;
  /** The signing method of the bundle. */
  method: SigningMethod;
  /** `v1.0` statements, or model_signing v0.2's `v0.1`. */
  format: 'v1.0' | 'v0.1';
  /** The signed manifest. */
  manifest: ModelManifest;
  /** Who signed: the key hint, the certificate subject alternative names, or the keyless identity. */
  signer: { hint?: string; subjectAltNames?: string[]; keyless?: KeylessSigner };
  /** Files present but not signed (only with `ignoreUnsignedFiles`). */
  unsigned: string[];
  /** Notes about legacy formats that were accepted. */
  warnings: string[];
}

/**
 * Verify a model against a signature bundle.
 *
 * @param source - the model (`directorySource`, `fileListSource`, `memorySource`, `streamSource`).
 * @param bundle - the bundle JSON text or bytes (`model.sig`).
 * @throws IntegrityError with a specific code on any failure (see docs/signing.md for the table);
 *   ConfigError when the options do not fit the bundle's method.
 * @example
 * ```ts
 * const result = await verifyModel(directorySource('bert'), await readFile('bert.sig'), {
 *   publicKey: await readFile('key.pub', 'utf8'),
 * });
 * ```
 */
export async function verifyModel(
  source: ModelSource,
  bundle: string | Uint8Array,
  options: VerifyModelOptions,
): Promise<VerifyModelResult> {
  assertSource(source);
  aobject(options as unknown, 'options');
  const parsed = parseBundle(bundle);
  checkMethod(parsed, options);
  // The statement is checked before the signature (the strict parser is safe on hostile input), so a
  // tampered statement reports what was tampered with rather than only "bad signature".
  const { manifest, format } = await parseStatement(parsed.payload);
  const { warnings, signer } = await verifyBundleSignature(parsed, options);
  const { actual, unsigned } = await hashForVerification(source, manifest, options);
  const diff = diffManifests(manifest, actual, source.single);
  if (diff.code) {
    throw new IntegrityError(diff.code, describeDiff(diff), {
      details: { added: diff.added, missing: diff.missing, renamed: diff.renamed, changed: diff.changed },
    });
  }
  return { verified: true, method: parsed.method, format, manifest, signer, unsigned, warnings };
}

/**
 * Verify only the bundle: signature, key or chain or keyless policy, and the statement; returns the
 * signed manifest without reading any model file.
 *
 * @example
 * ```ts
 * const { manifest } = await verifyBundle(text, { publicKey });
 * ```
 */
export async function verifyBundle(
  bundle: string | Uint8Array,
  options: Pick<VerifyModelOptions, 'publicKey' | 'certificateChain' | 'keyless' | 'at'>,
): Promise<Omit<VerifyModelResult, 'unsigned'>> {
  aobject(options as unknown, 'options');
  const parsed = parseBundle(bundle);
  checkMethod(parsed, options);
  const { manifest, format } = await parseStatement(parsed.payload);
  const { warnings, signer } = await verifyBundleSignature(parsed, options);
  return { verified: true, method: parsed.method, format, manifest, signer, warnings };
}

function assertSource(source: unknown): asserts source is ModelSource {
  if (!source || typeof (source as ModelSource).list !== 'function') {
    throw new ModelSecTypeError(`"source" expected a ModelSource, got ${describeValue(source)}`);
  }
}

function checkMethod(parsed: ParsedBundle, options: VerifyModelOptions) {
  const given = (['publicKey', 'certificateChain', 'keyless'] as const).filter((k) => options[k] !== undefined);
  if (given.length !== 1)
    throw new ConfigError('invalid_argument', 'give exactly one of publicKey, certificateChain, keyless');
  const wanted = { key: 'publicKey', certificate: 'certificateChain', sigstore: 'keyless' }[parsed.method];
  if (given[0] !== wanted) {
    throw new IntegrityError(
      'key_mismatch',
      `the bundle was signed with method "${parsed.method}", which needs ${wanted}`,
    );
  }
  if (parsed.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    throw new IntegrityError('payload_type_mismatch', 'DSSE payloadType is not application/vnd.in-toto+json');
  }
}

async function verifyBundleSignature(parsed: ParsedBundle, options: VerifyModelOptions) {
  const warnings: string[] = [];
  const signer: VerifyModelResult['signer'] = {};
  if (parsed.method === 'sigstore') {
    signer.keyless = await verifyKeyless(parsed, options.keyless as KeylessPolicy);
    return { warnings, signer };
  }
  let key: PublicKeyInfo;
  let compatHash: 'sha256' | undefined;
  if (parsed.method === 'key') {
    key = await importPublicKey(options.publicKey as PublicKeyInput);
    const hint = await keyHint(key);
    signer.hint = hint;
    if (parsed.hint !== undefined) {
      if (parsed.hint !== hint)
        throw new IntegrityError('key_mismatch', 'the bundle names another public key (publicKey.hint)');
    } else if (parsed.legacyRawBytes !== undefined) {
      warnings.push('legacy publicKey.rawBytes (model_signing < 1.1): re-sign to record a key hint');
      const raw = parsed.legacyRawBytes;
      const pemText = raw[0] === 0x2d ? new TextDecoder().decode(raw) : undefined; // '-----BEGIN PUBLIC KEY-----'
      const legacy = await importPublicKey(pemText ?? raw).catch(() => undefined);
      if (legacy && !equalBytes(legacy.spki, key.spki)) {
        throw new IntegrityError('key_mismatch', 'the bundle carries another public key');
      }
      const curve = LEGACY_KEY_DETAILS[parsed.legacyKeyDetails ?? ''];
      if (parsed.legacyKeyDetails !== undefined && curve !== key.curve) {
        throw new IntegrityError('algorithm_mismatch', 'publicKey.keyDetails names another algorithm than the key');
      }
    } else warnings.push('the bundle does not identify its key');
  } else {
    const roots = readCertificates((options.certificateChain ?? []) as CertificateInput);
    const { leaf } = await verifyChain(parsed.certificates, roots, options.at);
    key = leaf.publicKey;
    signer.subjectAltNames = leaf.subjectAltNames;
    compatHash = 'sha256'; // model_signing v0.2 signed certificate bundles with SHA-256 whatever the curve
  }
  if (key.kind !== 'ecdsa' && key.kind !== 'ed25519') {
    throw new IntegrityError('unsupported_algorithm', 'model signatures need an ECDSA (P-256/384/521) or Ed25519 key');
  }
  if (!(await verifySignature(key, pae(parsed.payloadType, parsed.payload), parsed.signature))) {
    const compat =
      key.kind === 'ecdsa' &&
      (await verifySignature(key, paeCompat(parsed.payloadType, parsed.payload), parsed.signature, compatHash));
    if (!compat) throw new IntegrityError('signature_invalid', 'the DSSE signature does not verify with this key');
    warnings.push('model_signing v0.2 pre-authentication encoding: re-sign with a current signer');
  }
  return { warnings, signer };
}

async function hashForVerification(source: ModelSource, expected: ModelManifest, options: VerifyModelOptions) {
  const s = expected.serialization;
  const ignorePaths = [...(options.ignorePaths ?? []), ...(s.ignorePaths ?? [])];
  const unsigned: string[] = [];
  let view = source;
  if (options.ignoreUnsignedFiles) {
    // Unsigned files are listed but never read (model_signing hashes only the signed files too).
    const signed = new Set(expected.resources.map((r) => parseResourceName(r.name, s.method).path));
    view = {
      name: source.name,
      get single() {
        return source.single;
      },
      async list(o) {
        const all = await source.list(o);
        if (source.single) return all;
        for (const f of all) if (!signed.has(f.path)) unsigned.push(f.path);
        return all.filter((f) => signed.has(f.path));
      },
    };
  }
  const actual = await hashModel(view, {
    method: s.method,
    hashType: s.hashType,
    shardSize: s.shardSize,
    allowSymlinks: s.allowSymlinks,
    followExternalSymlinks: options.followExternalSymlinks,
    ignorePaths,
    ignoreGitPaths: options.ignoreGitPaths ?? true,
    threads: options.threads,
    onProgress: options.onProgress,
  });
  return { actual, unsigned: unsigned.sort() };
}

/** Sigstore `PublicKeyDetails` names model_signing v0.3–v1.0 wrote, and the curve each implies. */
const LEGACY_KEY_DETAILS: Record<string, string | undefined> = {
  PKIX_ECDSA_P256_SHA_256: 'P-256',
  PKIX_ECDSA_P384_SHA_384: 'P-384',
  PKIX_ECDSA_P521_SHA_512: 'P-521',
};

function describeDiff(d: ManifestDiff): string {
  const parts: string[] = [];
  if (d.changed.length) parts.push(`${d.changed.length} changed`);
  if (d.renamed.length) parts.push(`${d.renamed.length} renamed`);
  if (d.missing.length) parts.push(`${d.missing.length} missing`);
  if (d.added.length) parts.push(`${d.added.length} unsigned (added)`);
  return `the model does not match its signature: ${parts.join(', ')} file(s)`;
}
