/**
 * scrypt for the passphrase provider in Node.js: node:crypto (OpenSSL, off the main thread), several
 * times faster than JavaScript at the recommended cost. Same results as @noble/hashes.
 */
import { scrypt } from 'node:crypto';

/** Derive a 32-byte key with scrypt (RFC 7914). `maxmem` bounds the memory it may use. */
export function scrypt32(
  password: Uint8Array,
  salt: Uint8Array,
  params: { N: number; r: number; p: number; maxmem: number },
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, 32, { ...params, maxmem: params.maxmem + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(new Uint8Array(key.buffer, key.byteOffset, key.length)),
    );
  });
}
