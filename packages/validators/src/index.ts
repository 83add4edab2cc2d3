/**
 * @modelsec/validators: validateInput for numeric models (schemas, tensors, fitted ranges, anomaly scores,
 * adversarial-input detection) and text security for LLM apps (PII, secrets, prompt injection, Unicode).
 *
 * @packageDocumentation
 */
export * from './input/index';
export * from './text/index';
