/**
 * Structured outputs from LLM text: `extractJson` finds the JSON value in an answer (a fenced ```json
 * block, or the first balanced object or array that parses) with bounded, linear scanning, and
 * `jsonOutput` validates it with any Standard Schema (zod 4, valibot, arktype) through the validators'
 * `schemaRule`, passing the parsed value on.
 */
import {
  type AnyRule,
  ainteger,
  aobject,
  describeValue,
  type Rule,
  type RuleContext,
  ValidationError,
} from '@modelsec/core';
import { type SchemaRuleOptions, type StandardSchemaV1, schemaRule } from '@modelsec/validators';

/** Options of `extractJson`. */
export interface ExtractJsonOptions {
  /** Longest text accepted (UTF-16 units, default 1 Mi). */
  maxLength?: number;
  /** Deepest nesting accepted (default 64). */
  maxDepth?: number;
  /** Most candidate values tried before giving up (default 8), which bounds the work to 8 linear scans. */
  maxCandidates?: number;
}

/** A JSON value found in a text. */
export interface ExtractedJson {
  /** The parsed value. */
  value: unknown;
  /** Where its source starts in the text. */
  start: number;
  /** Where it ends (exclusive). */
  end: number;
}

/**
 * Find and parse the JSON value in an LLM answer: the whole text if it is JSON, else the first fenced
 * code block (```json or ```) that parses, else the first balanced `{...}` / `[...]` that parses.
 *
 * @returns the value and its span, or undefined when the text holds no JSON.
 * @throws ValidationError `too_large` above `maxLength`, `too_deep` beyond `maxDepth`.
 * @example
 * ```ts
 * extractJson('Sure! ```json\n{"label": "cat"}\n```')?.value; // { label: 'cat' }
 * ```
 */
export function extractJson(text: string, options: ExtractJsonOptions = {}): ExtractedJson | undefined {
  if (typeof text !== 'string')
    throw new ValidationError('invalid_format', `expected text, got ${describeValue(text)}`);
  aobject(options as unknown, 'options');
  const maxLength = options.maxLength ?? 1024 * 1024;
  const maxDepth = options.maxDepth ?? 64;
  const maxCandidates = options.maxCandidates ?? 8;
  ainteger(maxLength, 'options.maxLength', { min: 0 });
  ainteger(maxDepth, 'options.maxDepth', { min: 1, max: 10_000 });
  ainteger(maxCandidates, 'options.maxCandidates', { min: 1, max: 1000 });
  if (text.length > maxLength)
    throw new ValidationError('too_large', `text has ${text.length} UTF-16 units, more than ${maxLength}`);
  let tries = 0;
  const attempt = (start: number, end: number): ExtractedJson | undefined => {
    tries++;
    const src = text.slice(start, end);
    if (depthOf(src) > maxDepth) throw new ValidationError('too_deep', `JSON nests deeper than ${maxDepth}`);
    try {
      return { value: JSON.parse(src), start, end };
    } catch {
      return undefined;
    }
  };
  const trimmed = text.trim();
  if (trimmed.length > 0 && '{["'.includes(trimmed[0] as string)) {
    const start = text.indexOf(trimmed[0] as string);
    const whole = attempt(start, start + trimmed.length);
    if (whole) return whole;
  }
  // Fenced blocks: ``` [json] ... ```
  for (let at = text.indexOf('```'); at >= 0 && tries < maxCandidates; ) {
    const lineEnd = text.indexOf('\n', at + 3);
    if (lineEnd < 0) break;
    const info = text
      .slice(at + 3, lineEnd)
      .trim()
      .toLowerCase();
    const close = text.indexOf('```', lineEnd + 1);
    if (close < 0) break;
    if (info === '' || info === 'json' || info === 'jsonc' || info === 'json5') {
      const found = attempt(lineEnd + 1, close);
      if (found) return found;
    }
    at = text.indexOf('```', close + 3);
  }
  // Balanced objects and arrays, outside strings.
  for (let i = 0; i < text.length && tries < maxCandidates; i++) {
    const c = text[i];
    if (c !== '{' && c !== '[') continue;
    const end = balancedEnd(text, i, maxDepth);
    if (end < 0) continue;
    const found = attempt(i, end);
    if (found) return found;
  }
  return undefined;
}

/** End (exclusive) of the bracketed value starting at `start`, or -1. Linear; stops at depth > maxDepth. */
function balancedEnd(text: string, start: number, maxDepth: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > maxDepth) throw new ValidationError('too_deep', `JSON nests deeper than ${maxDepth}`);
    } else if (c === 125 || c === 93) {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

function depthOf(src: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Options of `jsonOutput`. */
export interface JsonOutputOptions extends ExtractJsonOptions, SchemaRuleOptions {}

/**
 * A rule that turns an LLM answer into a validated structured value: extracts the JSON (`extractJson`;
 * a non-string value is validated as is) and validates it with a Standard Schema. Blocks with
 * `invalid_json` when there is no JSON, `invalid_format` when the schema rejects it (issue paths and
 * codes in the details, never the schema's messages).
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * const { output } = await filterOutput(answer, [jsonOutput(z.object({ label: z.enum(['cat', 'dog']) }))], {
 *   safeResponse: { label: 'unknown' },
 * });
 * ```
 */
export function jsonOutput<Out = unknown>(
  schema: StandardSchemaV1<unknown, Out>,
  options: JsonOutputOptions = {},
): Rule<unknown, Out> {
  aobject(options as unknown, 'options');
  const inner: AnyRule = schemaRule(schema, {
    name: options.name ?? 'jsonOutput',
    ...(options.maxIssues ? { maxIssues: options.maxIssues } : {}),
  });
  const name = options.name ?? 'jsonOutput';
  return {
    specificationVersion: 'v1',
    name,
    check(value: unknown, ctx: RuleContext) {
      let parsed = value;
      if (typeof value === 'string') {
        const found = extractJson(value, options);
        if (!found) throw new ValidationError('invalid_json', 'the answer holds no JSON value');
        parsed = found.value;
      }
      const r = inner.check(parsed, ctx);
      const withValue = (o: ReturnType<AnyRule['check']> extends infer X ? Awaited<X> : never) =>
        o === undefined ? { value: parsed as Out } : o;
      return r instanceof Promise ? r.then(withValue) : withValue(r as never);
    },
  } as Rule<unknown, Out>;
}
