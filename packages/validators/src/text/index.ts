/**
 * Text security for LLM apps: PII detection and redaction (checksummed identifiers, phones, addresses,
 * names and places from shipped gazetteers, pluggable NER), secret detection, prompt-injection scoring
 * with canaries, Unicode sanitization, rule factories for `runRules`/`guard()`/`validateInput`/filters,
 * and the streaming helpers a stream filter needs.
 */
// The detectors' exports are listed once, in their subpath entries (src/pii, src/injection, src/secrets,
// src/unicode: `@modelsec/validators/pii`...); the root adds the rules, which use them all.
export * from '../injection/index';
export * from '../pii/index';
export * from '../secrets/index';
export * from '../unicode/index';
export {
  canaryRule,
  type PiiRuleOptions,
  type PromptInjectionRuleOptions,
  piiRule,
  promptInjectionRule,
  type SecretsRuleOptions,
  secretsRule,
  type TextRuleAction,
  type UnicodeRuleOptions,
  unicodeRule,
} from './rules';
