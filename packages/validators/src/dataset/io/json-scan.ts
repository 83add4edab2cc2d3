/**
 * A validating single-pass scanner for one JSON document (a JSONL line) that reports every string
 * token with its path (`a.b[].c`), its decoded value and its raw position, without building the value.
 * The PII screen uses it to scan string values and to write a redacted copy that changes only the
 * redacted strings and keeps everything else (numbers beyond 2^53, spacing, key order) byte for byte.
 * Depth is bounded (`too_deep`), anything that is not JSON is `invalid_json`.
 */
import { ValidationError } from '@modelsec/core';

/** A string token found by `scanJson`. */
export interface JsonStringToken {
  /** Path of the value: object keys joined by `.`, `[]` for array elements (`$` at the root). */
  path: string;
  /** The decoded string. */
  value: string;
  /** Offset of the opening quote in the document. */
  start: number;
  /** Offset just after the closing quote. */
  end: number;
  /** True for an object key, false for a value. */
  key: boolean;
}

/** Default nesting limit. */
export const JSON_MAX_DEPTH = 64;

/**
 * Scan a JSON document and call `visit` for every string (keys and values), in document order.
 *
 * @throws ValidationError `invalid_json` for malformed JSON, `too_deep` beyond `maxDepth` levels.
 * @example
 * ```ts
 * scanJson('{"name":"Ann","tags":["a"]}', (t) => console.log(t.path, t.key)); // name true, name false, tags true, tags[] false
 * ```
 */
export function scanJson(text: string, visit: (token: JsonStringToken) => void, maxDepth = JSON_MAX_DEPTH): void {
  const len = text.length;
  let pos = 0;
  // Stack of containers: 'o' object, 'a' array, with the path of each level.
  const kinds: number[] = [];
  const paths: string[] = [];
  let currentKey = '';
  const bad = (why: string): never => {
    throw new ValidationError('invalid_json', `JSON ${why} at offset ${pos}`);
  };
  const ws = () => {
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
      else break;
    }
  };
  const readString = (): { value: string; start: number; end: number } => {
    const start = pos;
    pos++;
    let simple = true;
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === 34) break;
      if (c === 92) {
        simple = false;
        pos += 2;
        continue;
      }
      if (c < 0x20) bad('control character in a string');
      pos++;
    }
    if (pos >= len) bad('unterminated string');
    pos++;
    const raw = text.slice(start, pos);
    if (simple) return { value: raw.slice(1, -1), start, end: pos };
    try {
      return { value: JSON.parse(raw) as string, start, end: pos };
    } catch {
      return bad('bad escape in a string');
    }
  };
  const valuePath = (): string => {
    const depth = kinds.length;
    if (depth === 0) return '$';
    const parent = paths[depth - 1] as string;
    if (kinds[depth - 1] === 1) return parent === '$' ? '[]' : `${parent}[]`;
    return parent === '$' ? currentKey : `${parent}.${currentKey}`;
  };
  const scalar = () => {
    const start = pos;
    const c = text.charCodeAt(pos);
    if (c === 116 || c === 102 || c === 110) {
      for (const word of ['true', 'false', 'null']) {
        if (text.startsWith(word, pos)) {
          pos += word.length;
          return;
        }
      }
      bad('unexpected literal');
    }
    if (c === 45) pos++;
    const digits = () => {
      const s = pos;
      while (pos < len && text.charCodeAt(pos) >= 48 && text.charCodeAt(pos) <= 57) pos++;
      return pos - s;
    };
    const intStart = pos;
    if (digits() === 0) bad('unexpected character');
    if (text.charCodeAt(intStart) === 48 && pos - intStart > 1) bad('leading zero');
    if (pos < len && text.charCodeAt(pos) === 46) {
      pos++;
      if (digits() === 0) bad('bad number');
    }
    if (pos < len && (text.charCodeAt(pos) === 101 || text.charCodeAt(pos) === 69)) {
      pos++;
      if (pos < len && (text.charCodeAt(pos) === 43 || text.charCodeAt(pos) === 45)) pos++;
      if (digits() === 0) bad('bad exponent');
    }
    if (pos === start) bad('unexpected character');
  };

  // A small state machine: expecting a value, or after a value inside a container.
  ws();
  let expectValue = true;
  for (;;) {
    if (expectValue) {
      if (pos >= len) bad('unexpected end');
      const c = text.charCodeAt(pos);
      if (c === 123 || c === 91) {
        if (kinds.length >= maxDepth)
          throw new ValidationError('too_deep', `JSON nests deeper than ${maxDepth} levels`);
        paths.push(valuePath());
        kinds.push(c === 123 ? 0 : 1);
        pos++;
        ws();
        const close = c === 123 ? 125 : 93;
        if (text.charCodeAt(pos) === close) {
          pos++;
          kinds.pop();
          paths.pop();
          expectValue = false;
        } else if (c === 123) {
          readKey();
        }
        continue;
      }
      if (c === 34) {
        const path = valuePath();
        const s = readString();
        visit({ path, value: s.value, start: s.start, end: s.end, key: false });
      } else scalar();
      expectValue = false;
      continue;
    }
    ws();
    if (kinds.length === 0) {
      if (pos < len) bad('trailing characters');
      return;
    }
    const c = text.charCodeAt(pos);
    const inObject = kinds[kinds.length - 1] === 0;
    if (c === 44) {
      pos++;
      ws();
      if (inObject) readKey();
      else expectValue = true;
      continue;
    }
    if ((inObject && c === 125) || (!inObject && c === 93)) {
      pos++;
      kinds.pop();
      paths.pop();
      continue;
    }
    bad('expected a comma or a closing bracket');
  }

  function readKey(): void {
    ws();
    if (text.charCodeAt(pos) !== 34) bad('expected a key');
    const parent = paths[paths.length - 1] as string;
    const s = readString();
    currentKey = s.value;
    visit({
      path: parent === '$' ? s.value : `${parent}.${s.value}`,
      value: s.value,
      start: s.start,
      end: s.end,
      key: true,
    });
    ws();
    if (text.charCodeAt(pos) !== 58) bad('expected a colon');
    pos++;
    ws();
    expectValue = true;
  }
}
