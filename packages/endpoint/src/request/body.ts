/**
 * Request validation before the model runs: body size limit (checked on `Content-Length` and while
 * streaming, so an oversized body is never buffered), allowed content types, strict UTF-8, a JSON
 * nesting-depth limit checked by a linear scan before `JSON.parse`, and an optional Standard Schema
 * (zod, valibot...). Errors are `ValidationError`s that never echo the body.
 */
import { ainteger, aobject, bytesToUtf8, describeValue, ValidationError } from '@modelsec/core';
import type { StandardIssue, StandardSchemaV1 } from './standard-schema';

/** Options of `validateRequest`. */
export interface RequestValidationOptions<T = unknown> {
  /** Largest body in bytes (default 1 MiB). */
  maxBytes?: number;
  /** Accepted media types (default `['application/json']`); `application/octet-stream` yields bytes. */
  contentTypes?: readonly string[];
  /** Deepest JSON nesting of arrays/objects (default 32). */
  maxDepth?: number;
  /** Schema the parsed body must satisfy; its output becomes the handler's input. */
  schema?: StandardSchemaV1<unknown, T>;
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE']);

/**
 * Read and validate a request body.
 *
 * @returns the parsed JSON (or the schema's output), the bytes for binary types, `undefined` for
 *   body-less methods.
 * @throws ValidationError `too_large`, `unsupported_format`, `invalid_encoding`, `invalid_json`,
 *   `too_deep` or `invalid_value` (schema issues; details hold paths, never values).
 * @example
 * ```ts
 * const input = await validateRequest(request, { maxBytes: 64 * 1024, schema: z.object({ pixels: z.array(z.number()).length(784) }) });
 * ```
 */
export async function validateRequest<T = unknown>(
  request: Request,
  options: RequestValidationOptions<T> = {},
): Promise<T> {
  aobject(options as unknown, 'options');
  const maxBytes = options.maxBytes ?? 1_048_576;
  ainteger(maxBytes, 'options.maxBytes', { min: 0 });
  const maxDepth = options.maxDepth ?? 32;
  ainteger(maxDepth, 'options.maxDepth', { min: 1, max: 10_000 });
  const types = options.contentTypes ?? ['application/json'];

  let value: unknown;
  if (!BODYLESS.has(request.method.toUpperCase())) {
    const type = mediaType(request.headers.get('content-type'));
    if (type === undefined || !types.includes(type)) {
      throw new ValidationError('unsupported_format', 'unsupported content type', {
        details: { accepted: [...types] },
      });
    }
    const bytes = await readBody(request, maxBytes);
    value = type === 'application/json' || type.endsWith('+json') ? parseJson(bytes, maxDepth) : bytes;
  }
  if (!options.schema) return value as T;
  return checkSchema(options.schema, value);
}

/**
 * Read a body into memory, refusing more than `maxBytes` (checked before and during the read).
 *
 * @throws ValidationError `too_large`.
 * @example
 * ```ts
 * const bytes = await readBody(request, 65_536);
 * ```
 */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && (!/^\d{1,15}$/.test(declared) || Number(declared) > maxBytes)) throw tooLarge(maxBytes);
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/**
 * Parse JSON bytes (strict UTF-8) with a nesting limit, scanned in one linear pass before parsing.
 *
 * @throws ValidationError `invalid_encoding`, `too_deep`, `invalid_json`, `empty_input`.
 * @example
 * ```ts
 * parseJson(new TextEncoder().encode('{"a":[1,2]}'), 32); // { a: [1, 2] }
 * ```
 */
export function parseJson(bytes: Uint8Array, maxDepth = 32): unknown {
  const text = bytesToUtf8(bytes);
  if (text.trim().length === 0) throw new ValidationError('empty_input', 'the request body is empty');
  const depth = jsonDepth(text, maxDepth);
  if (depth > maxDepth) {
    throw new ValidationError('too_deep', `JSON nesting exceeds ${maxDepth}`, { details: { maxDepth } });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('invalid_json', `the request body is not valid JSON (${describeValue(text)})`);
  }
}

/** Maximum array/object nesting of JSON text, stopping once it passes `stopAbove`. Strings are skipped. */
export function jsonDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAbove) return max;
      }
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

async function checkSchema<T>(schema: StandardSchemaV1<unknown, T>, value: unknown): Promise<T> {
  const std = schema?.['~standard'];
  if (typeof std?.validate !== 'function')
    throw new ValidationError('invalid_value', 'schema is not a Standard Schema');
  const result = await std.validate(value);
  if (result.issues === undefined) return result.value;
  throw new ValidationError('invalid_value', `request body failed validation (${result.issues.length} issue(s))`, {
    details: { issues: result.issues.length, paths: result.issues.slice(0, 5).map(pathOf) },
  });
}

/** A path like `pixels.3`, with unusual keys (possibly attacker-chosen) replaced by `?`. */
function pathOf(issue: StandardIssue): string {
  const parts = (issue.path ?? []).slice(0, 8).map((p) => {
    const key = typeof p === 'object' && p !== null ? p.key : p;
    if (typeof key === 'number') return String(key);
    return typeof key === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,31}$/.test(key) ? key : '?';
  });
  return parts.join('.');
}

function mediaType(header: string | null): string | undefined {
  if (header === null) return undefined;
  return (header.split(';')[0] as string).trim().toLowerCase();
}

function tooLarge(maxBytes: number): ValidationError {
  return new ValidationError('too_large', `the request body exceeds ${maxBytes} bytes`, { details: { maxBytes } });
}
