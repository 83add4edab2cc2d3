/**
 * DSSE pre-authentication encoding (PAE, DSSE v1 protocol): what a model signature actually signs.
 * `paeCompat` reproduces model_signing v0.2's buggy encoding (`DSSEV1`, and the payload embedded as
 * Python's `repr()` of bytes), which its verifiers still accept for old signatures.
 */
import { utf8ToBytes } from '../bytes/encoding';

/** The in-toto payload type of OMS envelopes. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/**
 * `PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`.
 *
 * @example
 * ```ts
 * pae('application/vnd.in-toto+json', payload);
 * ```
 */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = utf8ToBytes(payloadType);
  const head = utf8ToBytes(`DSSEv1 ${type.length} ${payloadType} ${payload.length} `);
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

/**
 * model_signing v0.2's PAE: `"DSSEV1 <len> <type> <len> " + repr(payload)` encoded as UTF-8.
 *
 * @example
 * ```ts
 * paeCompat(IN_TOTO_PAYLOAD_TYPE, payload); // bytes of "DSSEV1 28 ... b'{...}'"
 * ```
 */
export function paeCompat(payloadType: string, payload: Uint8Array): Uint8Array {
  return utf8ToBytes(`DSSEV1 ${payloadType.length} ${payloadType} ${payload.length} ${pythonBytesRepr(payload)}`);
}

/**
 * Python's `repr(bytes)`: `b'...'` (or `b"..."` when the bytes contain `'` but no `"`), with `\\t`,
 * `\\n`, `\\r`, `\\\\`, the quote, and `\\xhh` for other bytes outside printable ASCII.
 *
 * @example
 * ```ts
 * pythonBytesRepr(new Uint8Array([0x61, 0x0a])); // "b'a\\n'"
 * ```
 */
export function pythonBytesRepr(bytes: Uint8Array): string {
  const hasSingle = bytes.includes(0x27);
  const quote = hasSingle && !bytes.includes(0x22) ? '"' : "'";
  const parts: string[] = [];
  for (const b of bytes) {
    if (b === 0x5c) parts.push('\\\\');
    else if (b === 0x09) parts.push('\\t');
    else if (b === 0x0a) parts.push('\\n');
    else if (b === 0x0d) parts.push('\\r');
    else if (String.fromCharCode(b) === quote) parts.push(`\\${quote}`);
    else if (b < 0x20 || b >= 0x7f) parts.push(`\\x${b.toString(16).padStart(2, '0')}`);
    else parts.push(String.fromCharCode(b));
  }
  return `b${quote}${parts.join('')}${quote}`;
}
