/**
 * Public keys for model signatures: parse SubjectPublicKeyInfo (PEM, DER, JWK or a WebCrypto
 * `CryptoKey`), compute model_signing's `publicKey.hint` (SHA-256 of the key's PEM as Python
 * `cryptography` writes it), and verify DER ECDSA signatures (P-256/SHA-256, P-384/SHA-384,
 * P-521/SHA-512, as model_signing pairs them) and Ed25519 signatures (a modelsec extension) with
 * @noble/curves.
 */
import { ed25519 } from '@noble/curves/ed25519';
import { p256, p384, p521 } from '@noble/curves/nist';
import { base64ToBytes, bytesToHex } from '../bytes/encoding';
import { digest } from '../digest/digest';
import { isBytes } from '../errors/asserts';
import { describeValue } from '../errors/describe';
import { ConfigError, IntegrityError, ModelSecTypeError, ValidationError } from '../errors/model-sec-error';
import {
  bitStringBytes,
  children,
  decodeOid,
  derEncode,
  derOid,
  derSequence,
  expectTag,
  integerBytes,
  parseDer,
  TAG,
} from './der';
import { decodePem, encodePem } from './pem';

/** Curves model_signing accepts for ECDSA keys. */
export type EcCurve = 'P-256' | 'P-384' | 'P-521';

/** A parsed public key. */
export interface PublicKeyInfo {
  /** `ecdsa`, `ed25519` (modelsec extension) or `rsa` (certificate authorities only). */
  kind: 'ecdsa' | 'ed25519' | 'rsa';
  /** The curve of an ECDSA key. */
  curve?: EcCurve;
  /** Uncompressed point (ECDSA) or 32-byte key (Ed25519). */
  key: Uint8Array;
  /** Canonical SubjectPublicKeyInfo DER (uncompressed point for ECDSA). */
  spki: Uint8Array;
}

/** Public keys accepted by the verifiers: PEM text, SPKI DER bytes, a JWK or a `CryptoKey`. */
export type PublicKeyInput = string | Uint8Array | JsonWebKey | CryptoKey;

export const OID = Object.freeze({
  ecPublicKey: '1.2.840.10045.2.1',
  ed25519: '1.3.101.112',
  rsa: '1.2.840.113549.1.1.1',
  'P-256': '1.2.840.10045.3.1.7',
  'P-384': '1.3.132.0.34',
  'P-521': '1.3.132.0.35',
});

const CURVES = { 'P-256': p256, 'P-384': p384, 'P-521': p521 } as const;
/** Field size in bytes per curve. */
export const CURVE_BYTES: Readonly<Record<EcCurve, number>> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };
/** The digest model_signing pairs with each curve. */
export const CURVE_HASH = { 'P-256': 'sha256', 'P-384': 'sha384', 'P-521': 'sha512' } as const;

/**
 * Parse a SubjectPublicKeyInfo. ECDSA points are validated on the curve and re-encoded uncompressed.
 *
 * @throws IntegrityError `unsupported_algorithm` for other key types or curves (e.g. secp256k1).
 * @example
 * ```ts
 * const key = parseSpki(der); // { kind: 'ecdsa', curve: 'P-384', ... }
 * ```
 */
export function parseSpki(
  der: Uint8Array,
  code: 'certificate_invalid' | 'key_mismatch' = 'certificate_invalid',
): PublicKeyInfo {
  const [alg, bits] = children(expectTag(parseDer(der, code), TAG.sequence, 'SubjectPublicKeyInfo', code), code);
  const [algOid, params] = children(expectTag(alg, TAG.sequence, 'AlgorithmIdentifier', code), code);
  const oid = decodeOid(algOid as never, code);
  const key = bitStringBytes(bits as never, code);
  if (oid === OID.ecPublicKey) {
    const curveOid = params?.tag === TAG.oid ? decodeOid(params, code) : '';
    const curve = (Object.keys(CURVES) as EcCurve[]).find((c) => OID[c] === curveOid);
    if (!curve)
      throw new IntegrityError('unsupported_algorithm', 'unsupported elliptic curve (P-256, P-384, P-521 only)');
    let point: Uint8Array;
    try {
      point = CURVES[curve].Point.fromHex(bytesToHex(key)).toRawBytes(false);
    } catch (cause) {
      throw new IntegrityError(code, 'public key point is not on its curve', { cause });
    }
    return { kind: 'ecdsa', curve, key: point, spki: ecSpki(curve, point) };
  }
  if (oid === OID.ed25519) {
    if (key.length !== 32 || params) throw new IntegrityError(code, 'malformed Ed25519 public key');
    return { kind: 'ed25519', key, spki: der };
  }
  if (oid === OID.rsa) return { kind: 'rsa', key, spki: der };
  throw new IntegrityError('unsupported_algorithm', 'unsupported public key algorithm');
}

/** SPKI DER of an uncompressed EC point. */
export function ecSpki(curve: EcCurve, point: Uint8Array): Uint8Array {
  return derSequence(derSequence(derOid(OID.ecPublicKey), derOid(OID[curve])), bitString(point));
}

function bitString(bytes: Uint8Array): Uint8Array {
  const c = new Uint8Array(bytes.length + 1);
  c.set(bytes, 1);
  return derEncode(TAG.bitString, c);
}

/**
 * Import a public key from PEM (`PUBLIC KEY` or the first `CERTIFICATE`'s key is not accepted
 * here: use a certificate chain), SPKI DER, a JWK (`EC` P-256/384/521 or `OKP` Ed25519) or a `CryptoKey`.
 *
 * @throws ValidationError `invalid_format` for unreadable input; IntegrityError `unsupported_algorithm` for other keys.
 * @example
 * ```ts
 * const key = await importPublicKey(await readFile('key.pub', 'utf8'));
 * ```
 */
export async function importPublicKey(input: PublicKeyInput): Promise<PublicKeyInfo> {
  if (typeof input === 'string') {
    const block = decodePem(input).find((b) => b.label === 'PUBLIC KEY');
    if (!block) throw new ValidationError('invalid_format', 'expected a "PUBLIC KEY" PEM block');
    return parseSpki(block.der, 'key_mismatch');
  }
  if (isBytes(input)) return parseSpki(input, 'key_mismatch');
  if (typeof CryptoKey !== 'undefined' && input instanceof CryptoKey) {
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) throw new ConfigError('unsupported_runtime', 'WebCrypto is not available');
    return parseSpki(new Uint8Array(await subtle.exportKey('spki', input)), 'key_mismatch');
  }
  if (typeof input === 'object' && input !== null) return jwkPublicKey(input as JsonWebKey);
  throw new ModelSecTypeError(
    `"publicKey" expected PEM string, DER bytes, JWK or CryptoKey, got ${describeValue(input)}`,
  );
}

function jwkPublicKey(jwk: JsonWebKey): PublicKeyInfo {
  const b64 = (v: unknown, label: string) => {
    if (typeof v !== 'string') throw new ValidationError('invalid_format', `JWK "${label}" missing`);
    return base64ToBytes(v);
  };
  if (jwk.kty === 'EC' && (jwk.crv === 'P-256' || jwk.crv === 'P-384' || jwk.crv === 'P-521')) {
    const n = CURVE_BYTES[jwk.crv];
    const x = b64(jwk.x, 'x');
    const y = b64(jwk.y, 'y');
    if (x.length !== n || y.length !== n)
      throw new ValidationError('invalid_format', 'JWK coordinates have the wrong length');
    const point = new Uint8Array(1 + 2 * n);
    point[0] = 4;
    point.set(x, 1);
    point.set(y, 1 + n);
    return parseSpki(ecSpki(jwk.crv, point), 'key_mismatch');
  }
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    const key = b64(jwk.x, 'x');
    return parseSpki(derSequence(derSequence(derOid(OID.ed25519)), bitString(key)), 'key_mismatch');
  }
  throw new IntegrityError('unsupported_algorithm', 'unsupported JWK (EC P-256/P-384/P-521 or OKP Ed25519 only)');
}

/**
 * model_signing's `publicKey.hint`: hex SHA-256 of the key's SubjectPublicKeyInfo PEM text.
 *
 * @example
 * ```ts
 * await keyHint(key); // 'e8450dec...' for model-transparency's signing-key-pub.pem
 * ```
 */
export async function keyHint(key: PublicKeyInfo): Promise<string> {
  return bytesToHex(await digest('sha256', encodePem('PUBLIC KEY', key.spki)));
}

/**
 * Split a DER ECDSA signature into fixed-size `r || s` for a curve.
 *
 * @throws IntegrityError `signature_invalid` for malformed DER, `curve_mismatch` when `r` or `s` is
 *   wider than the curve (a signature made with another curve).
 * @example
 * ```ts
 * derToCompact(sig, 'P-384'); // 96 bytes
 * ```
 */
export function derToCompact(sig: Uint8Array, curve: EcCurve): Uint8Array {
  const [r, s, extra] = children(
    expectTag(parseDer(sig, 'signature_invalid'), TAG.sequence, 'ECDSA-Sig-Value', 'signature_invalid'),
    'signature_invalid',
  );
  if (!r || !s || extra) throw new IntegrityError('signature_invalid', 'malformed ECDSA signature');
  const n = CURVE_BYTES[curve];
  const out = new Uint8Array(2 * n);
  for (const [i, part] of [integerBytes(r, 'signature_invalid'), integerBytes(s, 'signature_invalid')].entries()) {
    if (part.length > n) throw new IntegrityError('curve_mismatch', `signature does not belong to a ${curve} key`);
    out.set(part, (i + 1) * n - part.length);
  }
  return out;
}

/**
 * Encode fixed-size `r || s` (WebCrypto's format) as DER.
 *
 * @example
 * ```ts
 * compactToDer(new Uint8Array(await subtle.sign(alg, key, data)));
 * ```
 */
export function compactToDer(sig: Uint8Array): Uint8Array {
  const n = sig.length / 2;
  const int = (b: Uint8Array) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const m = b.subarray(i);
    const pad = ((m[0] as number) & 0x80) !== 0 ? 1 : 0;
    const c = new Uint8Array(m.length + pad);
    c.set(m, pad);
    return derEncode(TAG.integer, c);
  };
  return derSequence(int(sig.subarray(0, n)), int(sig.subarray(n)));
}

/**
 * Verify a signature over `message` with a public key: DER ECDSA with the curve's hash (or
 * `hash` when given, for model_signing's v0.2 compatibility path) or a 64-byte Ed25519 signature.
 * High-S ECDSA signatures are accepted (OpenSSL does not normalize them).
 *
 * @returns true when valid.
 * @throws IntegrityError `curve_mismatch` / `signature_invalid` for a signature that cannot belong to this key.
 * @example
 * ```ts
 * await verifySignature(key, pae(payload), sig);
 * ```
 */
export async function verifySignature(
  key: PublicKeyInfo,
  message: Uint8Array,
  signature: Uint8Array,
  hash?: 'sha256' | 'sha384' | 'sha512',
): Promise<boolean> {
  if (key.kind === 'ed25519') {
    if (signature.length !== 64) throw new IntegrityError('signature_invalid', 'Ed25519 signatures have 64 bytes');
    try {
      return ed25519.verify(signature, message, key.key, { zip215: false });
    } catch {
      return false;
    }
  }
  if (key.kind !== 'ecdsa' || !key.curve)
    throw new IntegrityError('unsupported_algorithm', 'model signatures need an ECDSA or Ed25519 key');
  const compact = derToCompact(signature, key.curve);
  const h = await digest(hash ?? CURVE_HASH[key.curve], message);
  try {
    return CURVES[key.curve].verify(compact, h, key.key, { lowS: false, prehash: false, format: 'compact' });
  } catch {
    return false;
  }
}
