/**
 * A strict, bounded JSON parser for untrusted signature bundles and statements. Unlike
 * `JSON.parse` it rejects duplicate object keys (two parsers could otherwise disagree on which value
 * was signed), bounds nesting depth, input size and string length, and builds objects with
 * `Object.defineProperty` so a `"__proto__"` key is plain data. One linear pass, no regular expressions.
 */
import { IntegrityError } from '../errors/model-sec-error';

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Limits of `parseStrictJson`. */
export interface StrictJsonLimits {
  /** Maximum input length in UTF-16 code units (default 64 MiB). */
  maxLength?: number;
  /** Maximum nesting depth (default 64). */
  maxDepth?: number;
}

/**
 * Parse JSON text strictly.
 *
 * @param text - the JSON text.
 * @returns the parsed value (objects have `Object.prototype`, keys are own data properties).
 * @throws IntegrityError `bundle_duplicate_key` for a repeated key in one object, `bundle_malformed`
 *   for any syntax error, trailing data, excessive depth or size.
 * @example
 * ```ts
 * parseStrictJson('{"a":1}'); // { a: 1 }
 * parseStrictJson('{"a":1,"a":2}'); // throws IntegrityError bundle_duplicate_key
 * ```
 */
export function parseStrictJson(text: string, limits: StrictJsonLimits = {}): JsonValue {
  const maxLength = limits.maxLength ?? 64 * 1024 * 1024;
  const maxDepth = limits.maxDepth ?? 64;
  if (typeof text !== 'string') throw new IntegrityError('bundle_malformed', 'JSON input must be a string');
  if (text.length > maxLength) {
    throw new IntegrityError('bundle_malformed', `JSON input too large (length=${text.length}, max ${maxLength})`);
  }
  let pos = 0;
  const fail = (why: string): never => {
    throw new IntegrityError('bundle_malformed', `invalid JSON: ${why} at offset ${pos}`, { details: { offset: pos } });
  };
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else return;
    }
  };
  const parseString = (): string => {
    pos++; // opening quote
    let out = '';
    let start = pos;
    for (;;) {
      if (pos >= text.length) fail('unterminated string');
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(start, pos);
        pos++;
        return out;
      }
      if (c < 0x20) fail('control character in string');
      if (c !== 0x5c) {
        pos++;
        continue;
      }
      out += text.slice(start, pos);
      const e = text.charCodeAt(pos + 1);
      pos += 2;
      switch (e) {
        case 0x22:
          out += '"';
          break;
        case 0x5c:
          out += '\\';
          break;
        case 0x2f:
          out += '/';
          break;
        case 0x62:
          out += '\b';
          break;
        case 0x66:
          out += '\f';
          break;
        case 0x6e:
          out += '\n';
          break;
        case 0x72:
          out += '\r';
          break;
        case 0x74:
          out += '\t';
          break;
        case 0x75: {
          let v = 0;
          for (let i = 0; i < 4; i++) {
            const h = text.charCodeAt(pos + i);
            const d = h >= 48 && h <= 57 ? h - 48 : h >= 97 && h <= 102 ? h - 87 : h >= 65 && h <= 70 ? h - 55 : -1;
            if (d < 0) fail('bad \\u escape');
            v = v * 16 + d;
          }
          pos += 4;
          out += String.fromCharCode(v);
          break;
        }
        default:
          pos -= 2;
          fail('bad escape');
      }
      start = pos;
    }
  };
  const parseNumber = (): number => {
    const start = pos;
    if (text.charCodeAt(pos) === 0x2d) pos++;
    const digits = () => {
      const s = pos;
      while (pos < text.length && text.charCodeAt(pos) >= 48 && text.charCodeAt(pos) <= 57) pos++;
      if (pos === s) fail('bad number');
    };
    if (text.charCodeAt(pos) === 0x30) pos++;
    else digits();
    if (text.charCodeAt(pos) === 0x2e) {
      pos++;
      digits();
    }
    const e = text.charCodeAt(pos);
    if (e === 0x65 || e === 0x45) {
      pos++;
      const s = text.charCodeAt(pos);
      if (s === 0x2b || s === 0x2d) pos++;
      digits();
    }
    const value = Number(text.slice(start, pos));
    if (!Number.isFinite(value)) fail('number out of range');
    return value;
  };
  const literal = (word: string, value: JsonValue): JsonValue => {
    if (text.startsWith(word, pos)) {
      pos += word.length;
      return value;
    }
    return fail('unexpected token');
  };
  const parseValue = (depth: number): JsonValue => {
    if (depth > maxDepth) fail(`nesting deeper than ${maxDepth}`);
    ws();
    const c = text.charCodeAt(pos);
    if (c === 0x7b) {
      pos++;
      const obj: { [key: string]: JsonValue } = {};
      const seen = new Set<string>();
      ws();
      if (text.charCodeAt(pos) === 0x7d) {
        pos++;
        return obj;
      }
      for (;;) {
        ws();
        if (text.charCodeAt(pos) !== 0x22) fail('expected object key');
        const keyAt = pos;
        const key = parseString();
        if (seen.has(key)) {
          throw new IntegrityError('bundle_duplicate_key', `duplicate JSON object key at offset ${keyAt}`, {
            details: { offset: keyAt },
          });
        }
        seen.add(key);
        ws();
        if (text.charCodeAt(pos) !== 0x3a) fail("expected ':'");
        pos++;
        const value = parseValue(depth + 1);
        Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
        ws();
        const n = text.charCodeAt(pos);
        pos++;
        if (n === 0x7d) return obj;
        if (n !== 0x2c) {
          pos--;
          fail("expected ',' or '}'");
        }
      }
    }
    if (c === 0x5b) {
      pos++;
      const arr: JsonValue[] = [];
      ws();
      if (text.charCodeAt(pos) === 0x5d) {
        pos++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue(depth + 1));
        ws();
        const n = text.charCodeAt(pos);
        pos++;
        if (n === 0x5d) return arr;
        if (n !== 0x2c) {
          pos--;
          fail("expected ',' or ']'");
        }
      }
    }
    if (c === 0x22) return parseString();
    if (c === 0x2d || (c >= 48 && c <= 57)) return parseNumber();
    if (c === 0x74) return literal('true', true);
    if (c === 0x66) return literal('false', false);
    if (c === 0x6e) return literal('null', null);
    return fail(pos >= text.length ? 'unexpected end of input' : 'unexpected token');
  };
  const value = parseValue(0);
  ws();
  if (pos !== text.length) fail('trailing data');
  return value;
}

/**
 * True for a JSON object (not null, not an array).
 *
 * @example
 * ```ts
 * if (isJsonObject(v)) v.key;
 * ```
 */
export function isJsonObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
