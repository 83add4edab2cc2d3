/**
 * Typed reads of untrusted Sigstore JSON (bundle entries, trusted roots): every missing or
 * mistyped field becomes an error with the caller's code, never a TypeError, and messages name the
 * field, never its content.
 */
import { base64ToBytes } from '../../bytes/encoding';
import { ConfigError, IntegrityError, ModelSecError } from '../../errors/model-sec-error';
import { isJsonObject, type JsonValue } from '../strict-json';

/** The codes keyless verification reports (those of the former @sigstore/verify delegate). */
export type KeylessCode =
  | 'bundle_malformed'
  | 'certificate_untrusted'
  | 'identity_mismatch'
  | 'signature_invalid'
  | 'tlog_invalid'
  | 'invalid_config';

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * Throw the error class that matches `code`.
 *
 * @example
 * ```ts
 * fail('tlog_invalid', 'inclusion proof does not verify');
 * ```
 */
export function fail(code: KeylessCode, message: string, cause?: unknown): never {
  if (code === 'invalid_config') throw new ConfigError(code, message, { cause });
  throw new IntegrityError(code, message, { cause });
}

/**
 * Run `fn`; any error it throws (a DER error with another code, a TypeError) becomes `code`.
 *
 * @example
 * ```ts
 * const cert = recode('bundle_malformed', 'leaf certificate', () => parseCertificate(der));
 * ```
 */
export function recode<T>(code: KeylessCode, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (cause) {
    if (ModelSecError.isInstance(cause) && cause.code === code) throw cause;
    return fail(code, `${what} is malformed`, cause);
  }
}

/**
 * A required JSON object field (or the value itself when `key` is omitted).
 *
 * @example
 * ```ts
 * const proof = object(entry, 'inclusionProof', 'tlog_invalid');
 * ```
 */
export function object(parent: JsonValue | undefined, key: string, code: KeylessCode): JsonObject {
  const v = isJsonObject(parent) ? parent[key] : undefined;
  if (!isJsonObject(v)) fail(code, `"${key}" must be an object`);
  return v as JsonObject;
}

/**
 * A JSON array field; absent is an empty array.
 *
 * @example
 * ```ts
 * const tlogs = array(root, 'tlogs', 'invalid_config');
 * ```
 */
export function array(parent: JsonValue | undefined, key: string, code: KeylessCode): JsonValue[] {
  const v = isJsonObject(parent) ? parent[key] : undefined;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > 1000) fail(code, `"${key}" must be an array`);
  return v as JsonValue[];
}

/**
 * A required string field (at most 1 MiB).
 *
 * @example
 * ```ts
 * const kind = string(body, 'kind', 'tlog_invalid');
 * ```
 */
export function string(parent: JsonValue | undefined, key: string, code: KeylessCode): string {
  const v = isJsonObject(parent) ? parent[key] : undefined;
  if (typeof v !== 'string' || v.length > 1 << 20) fail(code, `"${key}" must be a string`);
  return v as string;
}

/**
 * A required base64 field, decoded.
 *
 * @example
 * ```ts
 * const set = base64(promise, 'signedEntryTimestamp', 'tlog_invalid');
 * ```
 */
export function base64(parent: JsonValue | undefined, key: string, code: KeylessCode): Uint8Array {
  const text = string(parent, key, code);
  return recode(code, `"${key}"`, () => base64ToBytes(text));
}

/**
 * A required non-negative integer written as a decimal string or a JSON number (proto3 int64).
 *
 * @example
 * ```ts
 * const index = integer(entry, 'logIndex', 'tlog_invalid');
 * ```
 */
export function integer(parent: JsonValue | undefined, key: string, code: KeylessCode): number {
  const v = isJsonObject(parent) ? parent[key] : undefined;
  const n = typeof v === 'string' && /^(0|[1-9][0-9]{0,15})$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) fail(code, `"${key}" must be an integer`);
  return n as number;
}

/**
 * An optional RFC 3339 time field (`validFor.start` / `end`); `fallback` when absent.
 *
 * @example
 * ```ts
 * const start = time(validFor, 'start', 'invalid_config', new Date(0));
 * ```
 */
export function time(parent: JsonValue | undefined, key: string, code: KeylessCode, fallback: Date): Date {
  const v = isJsonObject(parent) ? parent[key] : undefined;
  if (v === undefined || v === null) return fallback;
  const ok = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(v);
  const t = ok ? Date.parse(v as string) : Number.NaN;
  if (!Number.isFinite(t)) fail(code, `"${key}" must be an RFC 3339 time`);
  return new Date(t);
}
