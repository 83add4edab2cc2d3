/**
 * Audit entry signatures: HMAC-SHA-256 (WebCrypto, non-extractable key; whoever verifies can also
 * sign) or Ed25519 (verifiers hold only the public key and cannot forge entries): WebCrypto Ed25519
 * with a non-extractable key where the platform has it (Node ≥ 20, current browsers, edge runtimes),
 * @noble/curves otherwise. Both produce the same deterministic RFC 8032 signatures.
 */
import { abytes, astring, concatBytes, equalBytes } from '@modelsec/core';
import { ed25519 } from '@noble/curves/ed25519';
import { type HmacKeyInput, hmacSha256, importHmacKey } from '../crypto/hmac';
import type { AuditSigner, AuditVerifier } from './types';

/**
 * An HMAC-SHA-256 signer that is also its verifier (constant-time comparison).
 *
 * @example
 * ```ts
 * const signer = hmacAuditSigner(randomBytes(32), { kid: 'audit-2026-11' });
 * const log = createAuditLog({ sink: memoryAuditSink(), signer });
 * ```
 */
export function hmacAuditSigner(key: HmacKeyInput, options: { kid?: string } = {}): AuditSigner & AuditVerifier {
  const kid = options.kid ?? 'hmac';
  astring(kid, 'options.kid');
  const imported = importHmacKey(key, 'key');
  imported.catch(() => {}); // surfaced on first use
  return {
    alg: 'HMAC-SHA256',
    kid,
    async sign(message) {
      return hmacSha256(await imported, message);
    },
    async verify(message, signature) {
      return equalBytes(await hmacSha256(await imported, message), signature);
    },
  };
}

/**
 * An Ed25519 signer from a 32-byte private key (seed).
 *
 * @example
 * ```ts
 * const secret = ed25519.utils.randomPrivateKey();
 * const signer = ed25519AuditSigner(secret, { kid: 'audit-ed-1' });
 * const verifier = ed25519AuditVerifier(ed25519.getPublicKey(secret), { kid: 'audit-ed-1' });
 * ```
 */
export function ed25519AuditSigner(privateKey: Uint8Array, options: { kid?: string } = {}): AuditSigner {
  abytes(privateKey, 'privateKey', 32);
  const kid = options.kid ?? 'ed25519';
  astring(kid, 'options.kid');
  const secret = privateKey.slice();
  const native = importEd25519('pkcs8', concatBytes(PKCS8_ED25519_PREFIX, secret), 'sign');
  return {
    alg: 'Ed25519',
    kid,
    async sign(message) {
      const key = await native;
      if (key)
        return new Uint8Array(
          await (subtle() as SubtleCrypto).sign('Ed25519', key, message as Uint8Array<ArrayBuffer>),
        );
      return ed25519.sign(message, secret);
    },
  };
}

/**
 * An Ed25519 verifier from a 32-byte public key (strict RFC 8032 verification, no ZIP-215).
 *
 * @example
 * ```ts
 * const report = await verifyAuditLog(entries, { verifier: ed25519AuditVerifier(publicKey, { kid: 'audit-ed-1' }) });
 * ```
 */
export function ed25519AuditVerifier(publicKey: Uint8Array, options: { kid?: string } = {}): AuditVerifier {
  abytes(publicKey, 'publicKey', 32);
  const kid = options.kid ?? 'ed25519';
  astring(kid, 'options.kid');
  const pub = publicKey.slice();
  const native = importEd25519('raw', pub, 'verify');
  return {
    alg: 'Ed25519',
    kid,
    async verify(message, signature) {
      if (signature.length !== 64) return false;
      try {
        const key = await native;
        if (key) {
          return await (subtle() as SubtleCrypto).verify(
            'Ed25519',
            key,
            signature as Uint8Array<ArrayBuffer>,
            message as Uint8Array<ArrayBuffer>,
          );
        }
        return ed25519.verify(signature, message, pub, { zip215: false });
      } catch {
        return false;
      }
    },
  };
}

/**
 * The public key of an Ed25519 private key (convenience for configuring verifiers).
 *
 * @example
 * ```ts
 * const verifier = ed25519AuditVerifier(ed25519PublicKey(secret));
 * ```
 */
export function ed25519PublicKey(privateKey: Uint8Array): Uint8Array {
  abytes(privateKey, 'privateKey', 32);
  return ed25519.getPublicKey(privateKey);
}

/** DER prefix of a PKCS#8 Ed25519 private key (RFC 8410), followed by the 32-byte seed. */
const PKCS8_ED25519_PREFIX = /* @__PURE__ */ Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

function subtle(): SubtleCrypto | undefined {
  return (globalThis as { crypto?: Crypto }).crypto?.subtle;
}

/** A non-extractable WebCrypto Ed25519 key, or undefined where the platform lacks Ed25519. */
async function importEd25519(
  format: 'raw' | 'pkcs8',
  data: Uint8Array,
  use: 'sign' | 'verify',
): Promise<CryptoKey | undefined> {
  try {
    return await (subtle() as SubtleCrypto).importKey(
      format,
      data as Uint8Array<ArrayBuffer>,
      { name: 'Ed25519' },
      false,
      [use],
    );
  } catch {
    return undefined;
  }
}
