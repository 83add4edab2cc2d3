/**
 * Canonical JSON for hashing audit entries: object keys sorted by UTF-16 code units, no whitespace,
 * ECMAScript number and string serialization (the same rules as RFC 8785 JCS for the values audit
 * events contain). `undefined` members are dropped; non-finite numbers, functions, symbols, bigints
 * and cycles are rejected so two implementations can never disagree about the bytes that were signed.
 */
import { ValidationError } from '@modelsec/core';

const MAX_DEPTH = 32;

/**
 * Serialize a JSON-compatible value canonically.
 *
 * @throws ValidationError `invalid_value` for values JSON cannot represent exactly, `too_deep` past 32 levels.
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [true, null, 'x'] }); // '{"a":[true,null,"x"],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  return write(value, 0, new Set());
}

function write(value: unknown, depth: number, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value))
        throw new ValidationError('invalid_value', 'audit entries cannot hold non-finite numbers');
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new ValidationError('invalid_value', `audit entries cannot hold a ${typeof value}`);
  }
  if (depth >= MAX_DEPTH) throw new ValidationError('too_deep', `audit entry nesting exceeds ${MAX_DEPTH}`);
  const obj = value as object;
  if (seen.has(obj)) throw new ValidationError('invalid_value', 'audit entries cannot be cyclic');
  seen.add(obj);
  let out: string;
  if (Array.isArray(obj)) {
    out = `[${obj.map((v) => (v === undefined ? 'null' : write(v, depth + 1, seen))).join(',')}]`;
  } else {
    const proto = Object.getPrototypeOf(obj);
    if (proto !== Object.prototype && proto !== null) {
      throw new ValidationError('invalid_value', 'audit entries hold only plain objects and arrays');
    }
    const keys = Object.keys(obj).sort();
    const parts: string[] = [];
    for (const k of keys) {
      const v = (obj as Record<string, unknown>)[k];
      if (v !== undefined) parts.push(`${JSON.stringify(k)}:${write(v, depth + 1, seen)}`);
    }
    out = `{${parts.join(',')}}`;
  }
  seen.delete(obj);
  return out;
}
