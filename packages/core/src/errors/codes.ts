/**
 * The stable error codes of modelsec and the error class each one belongs to.
 *
 * Codes are part of the public API: callers branch on them, so a code is never renamed or reused
 * for a different meaning. New codes are appended to the section of their class, alphabetically.
 * The table is the single source of truth: the code → class mapping used by `errorForCode()` and
 * the `ErrorCode` union are both derived from it.
 */
export const ERROR_CODES = /* @__PURE__ */ Object.freeze({
  // ValidationError: the input (bytes, text, tensor, JSON, file) does not have the expected form.
  empty_input: 'validation',
  invalid_dtype: 'validation',
  invalid_encoding: 'validation',
  invalid_format: 'validation',
  invalid_json: 'validation',
  invalid_shape: 'validation',
  invalid_value: 'validation',
  malformed_file: 'validation',
  non_finite: 'validation',
  out_of_range: 'validation',
  too_deep: 'validation',
  too_large: 'validation',
  truncated_input: 'validation',
  unsupported_format: 'validation',

  // SecurityError: the input is well-formed but hostile or against policy.
  adversarial_input: 'security',
  anomalous_input: 'security',
  canary_leak: 'security',
  content_policy: 'security',
  dangerous_code: 'security',
  low_confidence: 'security',
  pii_detected: 'security',
  policy_violation: 'security',
  prompt_injection: 'security',
  secret_detected: 'security',
  system_prompt_leak: 'security',
  unsafe_output: 'security',

  // IntegrityError: a hash, signature, chain or ciphertext does not check out.
  algorithm_mismatch: 'integrity',
  audit_chain_broken: 'integrity',
  bundle_duplicate_key: 'integrity',
  bundle_malformed: 'integrity',
  certificate_expired: 'integrity',
  certificate_invalid: 'integrity',
  certificate_untrusted: 'integrity',
  certificate_usage: 'integrity',
  container_malformed: 'integrity',
  curve_mismatch: 'integrity',
  decryption_failed: 'integrity',
  digest_mismatch: 'integrity',
  file_added: 'integrity',
  file_missing: 'integrity',
  file_renamed: 'integrity',
  identity_mismatch: 'integrity',
  key_mismatch: 'integrity',
  lineage_mismatch: 'integrity',
  manifest_mismatch: 'integrity',
  manifest_unordered: 'integrity',
  parent_mismatch: 'integrity',
  parent_missing: 'integrity',
  path_traversal: 'integrity',
  payload_type_mismatch: 'integrity',
  predicate_unsupported: 'integrity',
  root_digest_mismatch: 'integrity',
  signature_invalid: 'integrity',
  symlink_refused: 'integrity',
  tampered: 'integrity',
  tlog_invalid: 'integrity',
  unsupported_algorithm: 'integrity',

  // AccessError: who is calling, and whether they may.
  budget_exhausted: 'access',
  forbidden: 'access',
  ip_denied: 'access',
  key_unavailable: 'access',
  rate_limited: 'access',
  store_unavailable: 'access',
  token_expired: 'access',
  token_invalid: 'access',
  unauthenticated: 'access',

  // ConfigError: the caller (not the attacker) misused the API.
  invalid_argument: 'config',
  invalid_config: 'config',
  missing_dependency: 'config',
  unsupported_runtime: 'config',
} as const);

/** Every stable error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The class family an error belongs to. */
export type ErrorKind = (typeof ERROR_CODES)[ErrorCode];

/** Codes that belong to one kind, e.g. `CodeOf<'integrity'>`. */
export type CodeOf<K extends ErrorKind> = {
  [C in ErrorCode]: (typeof ERROR_CODES)[C] extends K ? C : never;
}[ErrorCode];

/**
 * The kind of a code, or undefined for strings that are not modelsec codes.
 *
 * @example
 * ```ts
 * kindOfCode('rate_limited'); // 'access'
 * ```
 */
export function kindOfCode(code: string): ErrorKind | undefined {
  return Object.hasOwn(ERROR_CODES, code) ? ERROR_CODES[code as ErrorCode] : undefined;
}
