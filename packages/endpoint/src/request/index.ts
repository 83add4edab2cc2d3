/** Request validation: size, content type, JSON depth, schema. */
export { jsonDepth, parseJson, type RequestValidationOptions, readBody, validateRequest } from './body';
export type { StandardIssue, StandardResult, StandardSchemaProps, StandardSchemaV1 } from './standard-schema';
