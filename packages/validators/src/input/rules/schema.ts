/**
 * A schema rule for structured inputs (JSON bodies, feature records). It takes any validator that
 * implements Standard Schema v1 (`~standard.validate`), which zod ≥ 3.24 (and zod 4), valibot and
 * arktype do, so this package needs no schema library at run time: the app passes its own zod schema.
 * The schema's parsed output (coercions, defaults, stripped keys) becomes the sanitized value.
 * Findings report issue counts, paths and codes, never the schema's messages (which may quote input).
 */
import { describeValue, ModelSecTypeError, type Rule } from '@modelsec/core';
import { finding } from '../finding';

/** The Standard Schema v1 interface (https://standardschema.dev), as implemented by zod 4. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly '~standard': {
    /** Spec version (1). */
    readonly version: 1;
    /** Library name (`zod`, `valibot`...). */
    readonly vendor: string;
    /** Validate a value; returns the parsed value or issues, possibly asynchronously. */
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
    /** Type hints only. */
    readonly types?:
      | {
          /** The input type. */
          readonly input: Input;
          /** The output type. */
          readonly output: Output;
        }
      | undefined;
  };
}

/** The result of `~standard.validate`. */
export type StandardResult<Output> =
  | {
      /** The parsed value. */
      readonly value: Output;
      /** Absent on success. */
      readonly issues?: undefined;
    }
  | {
      /** What is wrong with the value. */
      readonly issues: readonly StandardIssue[];
    };

/** One schema issue. */
export interface StandardIssue {
  /** Human-readable message (not copied into findings: it may quote the input). */
  readonly message: string;
  /** Where in the value the issue is. */
  readonly path?:
    | readonly (
        | PropertyKey
        | {
            /** One key of the path. */
            readonly key: PropertyKey;
          }
      )[]
    | undefined;
}

/** Options of `schemaRule`. */
export interface SchemaRuleOptions {
  /** Rule name (default `schema`). */
  name?: string;
  /** Most issues described in the finding's details (default 10). */
  maxIssues?: number;
}

/**
 * Validate (and parse) the input with a Standard Schema such as a zod 4 schema.
 *
 * @param schema - e.g. `z.object({ age: z.number().int().min(0).max(120) })`.
 * @returns a rule that blocks with `invalid_format` and otherwise passes on the schema's output.
 * @example
 * ```ts
 * import { z } from 'zod';
 * const rule = schemaRule(z.object({ features: z.array(z.number()).length(4) }));
 * const { value } = await validateInput(body, [rule]);
 * ```
 */
export function schemaRule<In = unknown, Out = In>(
  schema: StandardSchemaV1<In, Out>,
  options: SchemaRuleOptions = {},
): Rule<unknown, Out> {
  const std = (schema as Partial<StandardSchemaV1<In, Out>> | null | undefined)?.['~standard'];
  if (typeof std !== 'object' || std === null || typeof std.validate !== 'function') {
    throw new ModelSecTypeError(
      `"schema" expected a Standard Schema (zod 4, valibot, arktype...), got ${describeValue(schema)}`,
    );
  }
  const name = options.name ?? 'schema';
  const maxIssues = options.maxIssues ?? 10;
  const { validate } = std;
  const { vendor } = std;
  const outcome = (result: StandardResult<Out>) => {
    if (!result.issues) return { value: result.value };
    const issues = result.issues.slice(0, maxIssues).map(describeIssue);
    return {
      findings: [
        finding(
          name,
          'invalid_format',
          `input does not match the ${safeVendor(vendor)} schema (${result.issues.length} issues)`,
          {
            action: 'block',
            details: { issues, count: result.issues.length },
          },
        ),
      ],
    };
  };
  return {
    name,
    check(value) {
      const result = validate(value);
      return result instanceof Promise ? result.then(outcome) : outcome(result);
    },
  };
}

/** A content-free description of an issue: its path (keys shortened) and, when present, its code. */
function describeIssue(issue: StandardIssue): { path: (string | number)[]; code?: string } {
  const path = (issue.path ?? []).slice(0, 16).map((seg) => {
    const key = typeof seg === 'object' && seg !== null ? seg.key : seg;
    if (typeof key === 'number') return key;
    if (typeof key === 'string') return /^[A-Za-z_$][\w$-]{0,63}$/.test(key) ? key : describeValue(key);
    return 'symbol';
  });
  const code = (issue as { code?: unknown }).code;
  return typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? { path, code } : { path };
}

function safeVendor(vendor: unknown): string {
  return typeof vendor === 'string' && /^[\w-]{1,32}$/.test(vendor) ? vendor : 'standard';
}
