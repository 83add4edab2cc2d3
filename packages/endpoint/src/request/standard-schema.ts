/**
 * The Standard Schema v1 interface (https://standardschema.dev), copied as its authors recommend, so
 * request bodies can be checked by zod (v3.24+/v4), valibot, arktype... without depending on any.
 */

/** A schema any Standard-Schema library produces. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The standard properties. */
  readonly '~standard': StandardSchemaProps<Input, Output>;
}

/** The standard properties of a schema. */
export interface StandardSchemaProps<Input = unknown, Output = Input> {
  /** Always 1. */
  readonly version: 1;
  /** Library name. */
  readonly vendor: string;
  /** Validate a value. */
  readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
  /** Inferred types (type-level only). */
  readonly types?: { readonly input: Input; readonly output: Output } | undefined;
}

/** A validation result: the output value, or issues. */
export type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardIssue> };

/** One validation issue. */
export interface StandardIssue {
  /** Library message. */
  readonly message: string;
  /** Where in the value. */
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}
