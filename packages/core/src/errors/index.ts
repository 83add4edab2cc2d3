/** Error model: codes, classes, asserts and safe value descriptions. */

export { aboolean, abytes, afunction, ainteger, anumber, aobject, aoneOf, astring, isBytes } from './asserts';
export { type CodeOf, ERROR_CODES, type ErrorCode, type ErrorKind, kindOfCode } from './codes';
export { describeValue } from './describe';
export {
  AccessError,
  type AnyModelSecError,
  ConfigError,
  errorForCode,
  IntegrityError,
  isModelSecError,
  ModelSecError,
  type ModelSecErrorJSON,
  type ModelSecErrorOptions,
  ModelSecRangeError,
  ModelSecTypeError,
  SecurityError,
  ValidationError,
} from './model-sec-error';
