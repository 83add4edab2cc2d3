/**
 * `redactPII`: replace detected personal data by a mask (`***`), a reversible placeholder
 * (`<EMAIL_ADDRESS_1>`, through a vault) or a keyed hash (`<EMAIL_ADDRESS:3f9a...>`, HMAC-SHA256 so the
 * same value under the same key always gives the same token, and nobody without the key can test guesses).
 */
import {
  abytes,
  afunction,
  ainteger,
  aobject,
  aoneOf,
  astring,
  bytesToHex,
  describeValue,
  ModelSecRangeError,
  ModelSecTypeError,
  utf8ToBytes,
} from '@modelsec/core';
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { type DetectPiiOptions, detectPII } from './detect';
import type { PiiFinding } from './types';
import { createPiiVault, type PiiVault } from './vault';

/** How `redactPII` replaces a value. */
export type RedactionMode = 'mask' | 'placeholder' | 'hash';

/** The redaction modes. */
export const REDACTION_MODES: readonly RedactionMode[] = ['mask', 'placeholder', 'hash'];

/** Options of `redactPII`. */
export interface RedactPiiOptions extends DetectPiiOptions {
  /** `mask` (default), `placeholder` or `hash`. */
  mode?: RedactionMode;
  /**
   * Findings to redact (skip detection, e.g. from `detectPIIAsync`); offsets must index `text`.
   * Overlapping findings are redacted as one span (their union) under the first one's entity.
   */
  findings?: readonly PiiFinding[];
  /** `mask`: the character repeated once per code point of the value; default `*`. */
  maskChar?: string;
  /** `placeholder`: the vault to record originals in (default: a new one, returned). */
  vault?: PiiVault;
  /** `hash`: the HMAC key, at least 16 bytes. Required for `hash`. */
  key?: Uint8Array;
  /** `hash`: hex characters of the MAC kept in the token (8-64, default 16). */
  hashLength?: number;
}

/** What `redactPII` returns. */
export interface RedactPiiResult {
  /** The redacted text. */
  text: string;
  /** The findings that were redacted (offsets into the ORIGINAL text). */
  findings: PiiFinding[];
  /** The vault (placeholder mode only). */
  vault?: PiiVault;
}

/**
 * Detect (unless `findings` are given) and redact personal data.
 *
 * @throws ModelSecTypeError / ModelSecRangeError for bad options (e.g. `hash` without a 16-byte key).
 * @example
 * ```ts
 * redactPII('SSN 078-05-1120? no: 219-09-9998', { mode: 'mask' }).text; // 'SSN 078-05-1120? no: ***********'
 * const { text, vault } = redactPII('Mail ada@example.com', { mode: 'placeholder' }); // 'Mail <EMAIL_ADDRESS_1>'
 * redactPII('Mail ada@example.com', { mode: 'hash', key }).text; // 'Mail <EMAIL_ADDRESS:9c1185a5c5e9fc54>'
 * ```
 */
export function redactPII(text: string, options: RedactPiiOptions = {}): RedactPiiResult {
  aobject(options as unknown, 'options');
  const mode = options.mode ?? 'mask';
  aoneOf(mode, 'options.mode', REDACTION_MODES);
  const maskChar = options.maskChar ?? '*';
  astring(maskChar, 'options.maskChar');
  if ([...maskChar].length !== 1) throw new ModelSecRangeError('"options.maskChar" expected one character');
  const hashLength = options.hashLength ?? 16;
  ainteger(hashLength, 'options.hashLength', { min: 8, max: 64 });
  if (mode === 'hash') {
    abytes(options.key, 'options.key');
    if (options.key.length < 16)
      throw new ModelSecRangeError(`"options.key" expected at least 16 bytes, got length=${options.key.length}`);
  }
  if (mode === 'placeholder' && options.vault !== undefined) {
    aobject(options.vault as unknown, 'options.vault');
    afunction(options.vault.placeholder, 'options.vault.placeholder');
  }
  const findings = options.findings ? checkFindings(text, options.findings) : detectPII(text, options);
  const vault = mode === 'placeholder' ? (options.vault ?? createPiiVault()) : undefined;
  let out = '';
  let last = 0;
  for (let k = 0; k < findings.length; ) {
    const f = findings[k] as PiiFinding;
    // Overlapping findings (only the caller's can overlap) are redacted as one span, the union, under
    // the first one's entity: no part of any of them is left in the text.
    let end = f.end;
    for (k++; k < findings.length && (findings[k] as PiiFinding).start < end; k++) {
      end = Math.max(end, (findings[k] as PiiFinding).end);
    }
    const value = text.slice(f.start, end);
    out += text.slice(last, f.start);
    if (mode === 'mask') out += maskChar.repeat([...value].length);
    else if (mode === 'placeholder') out += (vault as PiiVault).placeholder(f.entity, value);
    else
      out += `<${f.entity}:${bytesToHex(hmac(sha256, options.key as Uint8Array, utf8ToBytes(`${f.entity}\u0000${value}`))).slice(0, hashLength)}>`;
    last = end;
  }
  out += text.slice(last);
  return vault ? { text: out, findings, vault } : { text: out, findings };
}

function checkFindings(text: string, findings: readonly PiiFinding[]): PiiFinding[] {
  astring(text, 'text');
  if (!Array.isArray(findings)) throw new ModelSecTypeError('"options.findings" expected an array');
  const ok = findings.filter(
    (f) =>
      Number.isInteger(f?.start) && Number.isInteger(f?.end) && f.start >= 0 && f.end <= text.length && f.start < f.end,
  );
  if (ok.length !== findings.length) throw new ModelSecRangeError('"options.findings" has spans outside the text');
  for (const f of ok) {
    if (typeof f.entity !== 'string')
      throw new ModelSecTypeError(`"options.findings" entity expected string, got ${describeValue(f.entity)}`);
  }
  return ok.slice().sort((a, b) => a.start - b.start);
}
