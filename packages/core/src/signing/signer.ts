/**
 * Signers: private keys for `signModel`. PEM (PKCS#8 or SEC1 `EC PRIVATE KEY`) and JWK keys are
 * imported into WebCrypto as non-extractable `CryptoKey`s and sign there (ECDSA P-256/SHA-256,
 * P-384/SHA-384, P-521/SHA-512 as model_signing pairs them; Ed25519 as a modelsec extension); a
 * `CryptoKeyPair` is used as is; any other signer (an HSM, a KMS) implements `ModelSigner`.
 */
import { p256, p384, p521 } from '@noble/curves/nist';
import { base64ToBytes } from '../bytes/encoding';
import { wipeBytes } from '../bytes/ops';
import { describeValue } from '../errors/describe';
import { ConfigError, IntegrityError, ModelSecTypeError, ValidationError } from '../errors/model-sec-error';
import { children, decodeOid, derEncode, derOid, derSequence, expectTag, parseDer, TAG } from './der';
import {
  CURVE_BYTES,
  CURVE_HASH,
  compactToDer,
  type EcCurve,
  ecSpki,
  importPublicKey,
  OID,
  type PublicKeyInfo,
  parseSpki,
} from './keys';
import { decodePem } from './pem';

/** Anything that can sign the DSSE pre-authentication encoding of a model statement. */
export interface ModelSigner {
  /** The signer's public key. */
  publicKey: PublicKeyInfo;
  /** Sign `message`: a DER ECDSA signature (with the curve's hash) or a raw Ed25519 signature. */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** Private keys accepted by `signModel`: PEM text, a JWK, a `CryptoKeyPair`, or a `ModelSigner`. */
export type PrivateKeyInput = string | JsonWebKey | CryptoKeyPair | ModelSigner;

const SUBTLE_HASH = { sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' } as const;
const NOBLE = { 'P-256': p256, 'P-384': p384, 'P-521': p521 } as const;

/**
 * Build a signer from a private key. The key material goes into a non-extractable WebCrypto key;
 * the decoded bytes are wiped (best effort: JS engines may keep copies).
 *
 * @throws ValidationError `invalid_format` for unreadable or encrypted keys; IntegrityError
 *   `unsupported_algorithm` for keys other than ECDSA P-256/P-384/P-521 and Ed25519.
 * @example
 * ```ts
 * const signer = await createSigner(await readFile('signing-key.pem', 'utf8'));
 * ```
 */
export async function createSigner(key: PrivateKeyInput): Promise<ModelSigner> {
  if (isModelSigner(key)) return key;
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new ConfigError('unsupported_runtime', 'WebCrypto is not available in this runtime');
  if (isKeyPair(key)) {
    const publicKey = await importPublicKey(key.publicKey);
    return cryptoKeySigner(key.privateKey, publicKey);
  }
  if (typeof key === 'string') return pemSigner(key);
  if (typeof key === 'object' && key !== null) return jwkSigner(key as JsonWebKey);
  throw new ModelSecTypeError(
    `"privateKey" expected PEM string, JWK, CryptoKeyPair or ModelSigner, got ${describeValue(key)}`,
  );
}

function isModelSigner(k: unknown): k is ModelSigner {
  return typeof k === 'object' && k !== null && typeof (k as ModelSigner).sign === 'function' && 'publicKey' in k;
}

function isKeyPair(k: unknown): k is CryptoKeyPair {
  return (
    typeof CryptoKey !== 'undefined' &&
    typeof k === 'object' &&
    k !== null &&
    (k as CryptoKeyPair).privateKey instanceof CryptoKey &&
    (k as CryptoKeyPair).publicKey instanceof CryptoKey
  );
}

function cryptoKeySigner(privateKey: CryptoKey, publicKey: PublicKeyInfo): ModelSigner {
  const subtle = globalThis.crypto.subtle;
  return {
    publicKey,
    async sign(message) {
      if (publicKey.kind === 'ed25519') {
        return new Uint8Array(await subtle.sign('Ed25519', privateKey, message as Uint8Array<ArrayBuffer>));
      }
      if (publicKey.kind !== 'ecdsa' || !publicKey.curve)
        throw new IntegrityError('unsupported_algorithm', 'unsupported signing key');
      const hash = SUBTLE_HASH[CURVE_HASH[publicKey.curve]];
      const raw = await subtle.sign({ name: 'ECDSA', hash }, privateKey, message as Uint8Array<ArrayBuffer>);
      return compactToDer(new Uint8Array(raw));
    },
  };
}

async function pemSigner(text: string): Promise<ModelSigner> {
  const block = decodePem(text).find((b) => /PRIVATE KEY$/.test(b.label));
  if (!block) throw new ValidationError('invalid_format', 'expected a private key PEM block');
  if (block.label === 'ENCRYPTED PRIVATE KEY')
    throw new ValidationError('invalid_format', 'encrypted private keys are not supported; decrypt first');
  try {
    if (block.label === 'EC PRIVATE KEY') return await ecSigner(parseSec1(block.der), undefined);
    if (block.label === 'PRIVATE KEY') return await pkcs8Signer(block.der);
    throw new ValidationError('invalid_format', 'unsupported private key PEM label');
  } finally {
    wipeBytes(block.der);
  }
}

async function pkcs8Signer(der: Uint8Array): Promise<ModelSigner> {
  const code = 'key_mismatch';
  const [, alg, inner] = children(expectTag(parseDer(der, code), TAG.sequence, 'PrivateKeyInfo', code), code);
  const [algOid, params] = children(expectTag(alg, TAG.sequence, 'AlgorithmIdentifier', code), code);
  const oid = decodeOid(algOid as never, code);
  if (oid === OID.ed25519) {
    const seed = expectTag(
      parseDer(expectTag(inner, TAG.octetString, 'key', code).value, code),
      TAG.octetString,
      'seed',
      code,
    ).value;
    const { ed25519 } = await import('@noble/curves/ed25519');
    const pub = ed25519.getPublicKey(seed);
    const publicKey = parseSpki(
      derSequence(derSequence(derOid(OID.ed25519)), derEncode(TAG.bitString, Uint8Array.of(0, ...pub))),
    );
    const key = await globalThis.crypto.subtle.importKey('pkcs8', der as Uint8Array<ArrayBuffer>, 'Ed25519', false, [
      'sign',
    ]);
    return cryptoKeySigner(key, publicKey);
  }
  if (oid !== OID.ecPublicKey) throw new IntegrityError('unsupported_algorithm', 'unsupported private key algorithm');
  const curveOid = params?.tag === TAG.oid ? decodeOid(params, code) : '';
  const curve = (['P-256', 'P-384', 'P-521'] as const).find((c) => OID[c] === curveOid);
  if (!curve)
    throw new IntegrityError('unsupported_algorithm', 'unsupported elliptic curve (P-256, P-384, P-521 only)');
  const sec1 = parseSec1(expectTag(inner, TAG.octetString, 'privateKey', code).value);
  return ecSigner({ ...sec1, curve: sec1.curve ?? curve }, der);
}

interface Sec1 {
  d: Uint8Array;
  curve: EcCurve | undefined;
  point: Uint8Array | undefined;
}

function parseSec1(der: Uint8Array): Sec1 {
  const code = 'key_mismatch';
  const items = children(expectTag(parseDer(der, code), TAG.sequence, 'ECPrivateKey', code), code);
  const d = expectTag(items[1], TAG.octetString, 'privateKey', code).value;
  let curve: EcCurve | undefined;
  let point: Uint8Array | undefined;
  for (const item of items.slice(2)) {
    if (item.tag === 0xa0) {
      const oid = decodeOid(children(item, code)[0] as never, code);
      curve = (['P-256', 'P-384', 'P-521'] as const).find((c) => OID[c] === oid);
      if (!curve)
        throw new IntegrityError('unsupported_algorithm', 'unsupported elliptic curve (P-256, P-384, P-521 only)');
    }
    if (item.tag === 0xa1) point = children(item, code)[0]?.value.subarray(1);
  }
  return { d, curve, point };
}

async function ecSigner(sec1: Sec1, pkcs8: Uint8Array | undefined): Promise<ModelSigner> {
  const { curve } = sec1;
  if (!curve) throw new ValidationError('invalid_format', 'EC private key without its curve');
  const n = CURVE_BYTES[curve];
  const d = new Uint8Array(n);
  if (sec1.d.length > n) throw new ValidationError('invalid_format', 'EC private key has the wrong length');
  d.set(sec1.d, n - sec1.d.length);
  try {
    const point = sec1.point ?? NOBLE[curve].getPublicKey(d, false);
    const publicKey = parseSpki(ecSpki(curve, point), 'key_mismatch');
    // WebCrypto imports PKCS#8; wrap a SEC1 key (without its optional parameters) when needed.
    const der =
      pkcs8 ??
      derSequence(
        derEncode(TAG.integer, Uint8Array.of(0)),
        derSequence(derOid(OID.ecPublicKey), derOid(OID[curve])),
        derEncode(
          TAG.octetString,
          derSequence(derEncode(TAG.integer, Uint8Array.of(1)), derEncode(TAG.octetString, d)),
        ),
      );
    const key = await globalThis.crypto.subtle.importKey(
      'pkcs8',
      der as Uint8Array<ArrayBuffer>,
      { name: 'ECDSA', namedCurve: curve },
      false,
      ['sign'],
    );
    if (!pkcs8) wipeBytes(der);
    return cryptoKeySigner(key, publicKey);
  } finally {
    wipeBytes(d);
  }
}

async function jwkSigner(jwk: JsonWebKey): Promise<ModelSigner> {
  if (typeof jwk.d !== 'string') throw new ValidationError('invalid_format', 'JWK has no private part "d"');
  const publicKey = await importPublicKey({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } as JsonWebKey);
  const subtle = globalThis.crypto.subtle;
  const alg = publicKey.kind === 'ed25519' ? 'Ed25519' : { name: 'ECDSA', namedCurve: publicKey.curve as string };
  base64ToBytes(jwk.d); // validates the encoding before WebCrypto sees it
  const key = await subtle.importKey('jwk', { ...jwk, key_ops: ['sign'], ext: false }, alg, false, ['sign']);
  return cryptoKeySigner(key, publicKey);
}
