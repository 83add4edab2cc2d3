/**
 * PEM armor: decode every `-----BEGIN <label>-----` block of a text, encode DER as PEM exactly as
 * OpenSSL / Python `cryptography` write it (64-character lines, trailing newline), which matters
 * because model_signing's `publicKey.hint` is the SHA-256 of that PEM text.
 */
import { base64ToBytes, bytesToBase64 } from '../bytes/encoding';
import { ValidationError } from '../errors/model-sec-error';

/** One PEM block. */
export interface PemBlock {
  /** The label, e.g. `PUBLIC KEY`, `CERTIFICATE`, `EC PRIVATE KEY`. */
  label: string;
  /** The decoded DER bytes. */
  der: Uint8Array;
}

const MAX_PEM = 16 * 1024 * 1024;

/**
 * Decode all PEM blocks of `text`, in order.
 *
 * @throws ValidationError `invalid_format` when no block is found or a block is malformed.
 * @example
 * ```ts
 * const [cert] = decodePem(text).filter((b) => b.label === 'CERTIFICATE');
 * ```
 */
export function decodePem(text: string): PemBlock[] {
  if (typeof text !== 'string') throw new ValidationError('invalid_format', 'PEM input must be text');
  if (text.length > MAX_PEM) throw new ValidationError('too_large', 'PEM input is too large');
  const out: PemBlock[] = [];
  let pos = 0;
  for (;;) {
    const begin = text.indexOf('-----BEGIN ', pos);
    if (begin < 0) break;
    const labelEnd = text.indexOf('-----', begin + 11);
    if (labelEnd < 0) throw new ValidationError('invalid_format', 'malformed PEM header');
    const label = text.slice(begin + 11, labelEnd);
    if (label.length > 64 || !/^[A-Z0-9 ]+$/.test(label))
      throw new ValidationError('invalid_format', 'malformed PEM label');
    const footer = `-----END ${label}-----`;
    const end = text.indexOf(footer, labelEnd + 5);
    if (end < 0) throw new ValidationError('invalid_format', 'PEM block without its END line');
    const body = text.slice(labelEnd + 5, end);
    if (body.includes(':')) throw new ValidationError('invalid_format', 'encrypted or annotated PEM is not supported');
    let b64 = '';
    for (const ch of body) if (ch !== '\n' && ch !== '\r' && ch !== ' ' && ch !== '\t') b64 += ch;
    let der: Uint8Array;
    try {
      der = base64ToBytes(b64);
    } catch (cause) {
      throw new ValidationError('invalid_format', 'PEM body is not base64', { cause });
    }
    out.push({ label, der });
    pos = end + footer.length;
  }
  if (out.length === 0) throw new ValidationError('invalid_format', 'no PEM block found');
  return out;
}

/**
 * Encode DER as PEM (64-character lines, `\n` line ends, trailing newline).
 *
 * @example
 * ```ts
 * encodePem('PUBLIC KEY', spki);
 * ```
 */
export function encodePem(label: string, der: Uint8Array): string {
  const b64 = bytesToBase64(der);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
