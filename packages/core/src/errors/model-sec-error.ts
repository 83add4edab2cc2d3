/**
 * The single error base of modelsec. Every error thrown on purpose by any modelsec package carries
 * the `Symbol.for('modelsec.error')` marker, a stable `code` and a `kind`, so callers can tell them
 * apart even across duplicated package copies (ESM + CJS, two versions in one bundle) where
 * `instanceof` fails.
 *
 * Messages and details never contain secrets or raw input: callers describe values by type and
 * size (see `describeValue`), never by content. `cause` is kept for debugging but is not enumerable
 * and is left out of `toJSON()`, so a logger that serializes the error does not print it.
 */
import { type CodeOf, type ErrorCode, type ErrorKind, kindOfCode } from './codes';

const MARKER: unique symbol = Symbol.for('modelsec.error') as never;

/** Options accepted by every modelsec error constructor. */
export interface ModelSecErrorOptions {
  /** The underlying error. Not enumerable, never serialized by `toJSON()`. */
  cause?: unknown;
  /** Safe, non-secret structured details (sizes, offsets, names of rules, never raw values). */
  details?: Readonly<Record<string, unknown>>;
}

/** The JSON form of an error: what it is safe to log or return to a client. */
export interface ModelSecErrorJSON {
  name: string;
  code: ErrorCode;
  kind: ErrorKind;
  message: string;
  details?: Readonly<Record<string, unknown>>;
}

/**
 * Base class of all modelsec errors.
 *
 * @example
 * ```ts
 * try {
 *   await verify();
 * } catch (error) {
 *   if (ModelSecError.isInstance(error) && error.code === 'signature_invalid') reject();
 * }
 * ```
 */
export class ModelSecError extends Error {
  /** Kind of errors this class groups; undefined on the base class (matches every kind). */
  static readonly kind: ErrorKind | undefined = undefined;
  readonly [MARKER] = true as const;
  /** Stable machine-readable code. */
  readonly code: ErrorCode;
  /** Class family of the code. */
  readonly kind: ErrorKind;
  /** Safe structured details. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: ModelSecErrorOptions = {}) {
    super(message);
    this.code = code;
    this.kind = kindOfCode(code) ?? 'config';
    this.details = options.details;
    defineHidden(this, 'name', NAMES[this.kind]);
    defineCause(this, options.cause);
  }

  /**
   * True when `error` is a modelsec error of this class's kind (any kind for `ModelSecError`),
   * whichever copy of the package created it.
   */
  static isInstance<T extends abstract new (...args: never[]) => unknown>(
    this: T & { readonly kind: ErrorKind | undefined },
    error: unknown,
  ): error is InstanceType<T> {
    // `this` is the class isInstance was called on (ValidationError.isInstance → kind 'validation').
    // biome-ignore lint/complexity/noThisInStatic: the subclass's kind is the point.
    return isModelSecError(error) && (this.kind === undefined || error.kind === this.kind);
  }

  /** Safe JSON form (no cause, no stack). */
  toJSON(): ModelSecErrorJSON {
    return errorJSON(this);
  }
}

/** The input does not have the expected form (bad format, shape, range, encoding). */
export class ValidationError extends ModelSecError {
  static override readonly kind = 'validation' as const;
  declare readonly code: CodeOf<'validation'>;
  constructor(code: CodeOf<'validation'>, message: string, options?: ModelSecErrorOptions) {
    super(code, message, options);
  }
}

/** The input is well-formed but hostile or against policy (adversarial, injection, leak). */
export class SecurityError extends ModelSecError {
  static override readonly kind = 'security' as const;
  declare readonly code: CodeOf<'security'>;
  constructor(code: CodeOf<'security'>, message: string, options?: ModelSecErrorOptions) {
    super(code, message, options);
  }
}

/** A hash, signature, hash chain or ciphertext does not verify. */
export class IntegrityError extends ModelSecError {
  static override readonly kind = 'integrity' as const;
  declare readonly code: CodeOf<'integrity'>;
  constructor(code: CodeOf<'integrity'>, message: string, options?: ModelSecErrorOptions) {
    super(code, message, options);
  }
}

/** Authentication, authorization, rate limit or budget refused the call. */
export class AccessError extends ModelSecError {
  static override readonly kind = 'access' as const;
  declare readonly code: CodeOf<'access'>;
  constructor(code: CodeOf<'access'>, message: string, options?: ModelSecErrorOptions) {
    super(code, message, options);
  }
}

/** The caller misused the API (bad options, missing optional dependency, wrong runtime). */
export class ConfigError extends ModelSecError {
  static override readonly kind = 'config' as const;
  declare readonly code: CodeOf<'config'>;
  constructor(code: CodeOf<'config'>, message: string, options?: ModelSecErrorOptions) {
    super(code, message, options);
  }
}

/**
 * A `TypeError` for an argument of the wrong type that is also a modelsec `ConfigError`
 * (`code: 'invalid_argument'`): `instanceof TypeError` holds and `ConfigError.isInstance` is true.
 *
 * @example
 * ```ts
 * throw new ModelSecTypeError('"key" expected Uint8Array, got string');
 * ```
 */
export class ModelSecTypeError extends TypeError {
  readonly [MARKER] = true as const;
  readonly code = 'invalid_argument' as const;
  readonly kind = 'config' as const;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  constructor(message: string, options: ModelSecErrorOptions = {}) {
    super(message);
    this.details = options.details;
    defineHidden(this, 'name', 'TypeError');
    defineCause(this, options.cause);
  }
  /** Safe JSON form (no cause, no stack). */
  toJSON(): ModelSecErrorJSON {
    return errorJSON(this);
  }
}

/**
 * A `RangeError` for an argument with a bad value that is also a modelsec `ConfigError`
 * (`code: 'invalid_argument'`).
 *
 * @example
 * ```ts
 * throw new ModelSecRangeError('"bits" expected integer in [1, 4096], got 0');
 * ```
 */
export class ModelSecRangeError extends RangeError {
  readonly [MARKER] = true as const;
  readonly code = 'invalid_argument' as const;
  readonly kind = 'config' as const;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  constructor(message: string, options: ModelSecErrorOptions = {}) {
    super(message);
    this.details = options.details;
    defineHidden(this, 'name', 'RangeError');
    defineCause(this, options.cause);
  }
  /** Safe JSON form (no cause, no stack). */
  toJSON(): ModelSecErrorJSON {
    return errorJSON(this);
  }
}

/** Anything carrying the modelsec marker: the error classes above, from any package copy. */
export type AnyModelSecError = ModelSecError | ModelSecTypeError | ModelSecRangeError;

/**
 * True for any error carrying the modelsec marker, including `ModelSecTypeError`/`ModelSecRangeError`.
 *
 * @example
 * ```ts
 * if (isModelSecError(e)) console.log(e.code);
 * ```
 */
export function isModelSecError(error: unknown): error is AnyModelSecError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<symbol, unknown>)[MARKER] === true &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}

/**
 * Build the error of the right class for a code (used by rule runners to turn a blocking finding
 * into an exception).
 *
 * @example
 * ```ts
 * throw errorForCode('out_of_range', 'feature 3 above fitted maximum'); // ValidationError
 * ```
 */
export function errorForCode(code: ErrorCode, message: string, options?: ModelSecErrorOptions): ModelSecError {
  switch (kindOfCode(code)) {
    case 'validation':
      return new ValidationError(code as CodeOf<'validation'>, message, options);
    case 'security':
      return new SecurityError(code as CodeOf<'security'>, message, options);
    case 'integrity':
      return new IntegrityError(code as CodeOf<'integrity'>, message, options);
    case 'access':
      return new AccessError(code as CodeOf<'access'>, message, options);
    default:
      return new ConfigError(code as CodeOf<'config'>, message, options);
  }
}

const NAMES: Record<ErrorKind, string> = {
  validation: 'ValidationError',
  security: 'SecurityError',
  integrity: 'IntegrityError',
  access: 'AccessError',
  config: 'ConfigError',
};

function defineHidden(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: false, configurable: true });
}

function defineCause(target: object, cause: unknown): void {
  if (cause !== undefined) defineHidden(target, 'cause', cause);
}

function errorJSON(e: { name: string; code: ErrorCode; kind: ErrorKind; message: string; details?: unknown }) {
  const out: ModelSecErrorJSON = { name: e.name, code: e.code, kind: e.kind, message: e.message };
  if (e.details !== undefined) out.details = e.details as Readonly<Record<string, unknown>>;
  return out;
}
