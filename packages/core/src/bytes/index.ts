/** Byte helpers. */
export { base64ToBytes, bytesToBase64, bytesToHex, bytesToUtf8, hexToBytes, utf8ToBytes } from './encoding';
export { concatBytes, equalBytes, randomBytes, wipeBytes } from './ops';
