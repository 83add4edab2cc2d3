/**
 * Key schedule of a container: a random 32-byte data key (DEK) per container, from which HKDF-SHA256
 * (salt = the nonce prefix) derives the chunk cipher key and the header MAC key. The header MAC is
 * HMAC-SHA256 over the whole header, so it also commits the container to its data key: AES-GCM and
 * ChaCha20-Poly1305 are not key-committing on their own.
 */
import { hkdf } from '@noble/hashes/hkdf';
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';
import { utf8ToBytes } from '../bytes/encoding';
import { equalBytes, wipeBytes } from '../bytes/ops';
import { IntegrityError } from '../errors/model-sec-error';

/** Length of a data key, in bytes. */
export const DATA_KEY_LENGTH = 32;

const PAYLOAD_INFO = /* @__PURE__ */ utf8ToBytes('modelsec-encryption-v1 payload key');
const MAC_INFO = /* @__PURE__ */ utf8ToBytes('modelsec-encryption-v1 header mac key');

/** The two keys derived from a data key. Wipe both after use. */
export interface DerivedKeys {
  /** Key of the chunk cipher. */
  payloadKey: Uint8Array;
  /** Key of the header MAC. */
  macKey: Uint8Array;
}

/** Derive the chunk cipher key and the header MAC key from a data key. */
export function deriveKeys(dataKey: Uint8Array, noncePrefix: Uint8Array): DerivedKeys {
  return {
    payloadKey: hkdf(sha256, dataKey, noncePrefix, PAYLOAD_INFO, 32),
    macKey: hkdf(sha256, dataKey, noncePrefix, MAC_INFO, 32),
  };
}

/** HMAC-SHA256 of the header bytes. */
export function headerMac(macKey: Uint8Array, macInput: Uint8Array): Uint8Array {
  return hmac(sha256, macKey, macInput);
}

/** Check a header MAC in constant time; wipes the MAC key. */
export function checkHeaderMac(macKey: Uint8Array, macInput: Uint8Array, mac: Uint8Array): void {
  const expected = headerMac(macKey, macInput);
  wipeBytes(macKey);
  if (!equalBytes(expected, mac)) {
    throw new IntegrityError('tampered', 'container header failed authentication (edited header or wrong data key)');
  }
}
