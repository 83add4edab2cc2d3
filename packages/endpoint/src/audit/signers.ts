/**
 * Audit entry signatures: HMAC-SHA-256 (WebCrypto, non-extractable key; whoever verifies can also
 * sign) or Ed25519 (@noble/curves; verifiers hold only the public key and cannot forge entries).
 */
import { abytes, astring, equalBytes } from '@modelsec/core';
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
  return {
    alg: 'Ed25519',
    kid,
    async sign(message) {
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
  return {
    alg: 'Ed25519',
    kid,
    async verify(message, signature) {
      if (signature.length !== 64) return false;
      try {
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
