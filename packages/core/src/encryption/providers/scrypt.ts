/**
 * scrypt for the passphrase provider, in browsers and edge runtimes: @noble/hashes `scryptAsync`
 * (yields to the event loop while it works). The Node build uses `scrypt.node.ts` (OpenSSL).
 */
import { scryptAsync } from '@noble/hashes/scrypt';

/** Derive a 32-byte key with scrypt (RFC 7914). `maxmem` bounds the memory it may use. */
export function scrypt32(
  password: Uint8Array,
  salt: Uint8Array,
  params: { N: number; r: number; p: number; maxmem: number },
): Promise<Uint8Array> {
  return scryptAsync(password, salt, { ...params, dkLen: 32 });
}
