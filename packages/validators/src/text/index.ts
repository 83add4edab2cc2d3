/**
 * Text security for LLM apps: PII detection and redaction (checksummed identifiers, phones, addresses,
 * names and places from shipped gazetteers, pluggable NER), secret detection, prompt-injection scoring
 * with canaries, Unicode sanitization, rule factories for `runRules`/`guard()`/`validateInput`/filters,
 * and the streaming helpers a stream filter needs.
 */
export { type Canary, type CanaryLeak, type CanaryOptions, createCanary, detectCanaryLeak } from './injection/canary';
export { type DecodedPayload, decodePayloads } from './injection/decode';
export {
  type DetectInjectionAsyncOptions,
  type DetectInjectionOptions,
  detectPromptInjection,
  detectPromptInjectionAsync,
  INJECTION_THRESHOLD,
  type InjectionClassifier,
  type InjectionFinding,
  type InjectionResult,
} from './injection/detect';
export { PHRASE_FAMILIES, type PhraseFamily } from './injection/phrases';
export { addressRecognizer } from './pii/address';
export { base58CheckValid, bech32Valid, eip55Valid, ibanValid, luhn, nhsValid } from './pii/checksums';
export { dateRecognizer } from './pii/dates';
export {
  type DetectPiiAsyncOptions,
  type DetectPiiOptions,
  detectPII,
  detectPIIAsync,
  type NerEntity,
  type NerModel,
} from './pii/detect';
export { createGazetteer, defaultGazetteer, type Gazetteer } from './pii/gazetteer';
export {
  bankNumberRecognizer,
  creditCardRecognizer,
  driverLicenseRecognizer,
  ibanRecognizer,
  nhsRecognizer,
  passportRecognizer,
  ssnRecognizer,
} from './pii/ids';
export { NATIONAL_ID_ENTITIES, NATIONAL_ID_RECOGNIZERS } from './pii/ids-national';
export {
  AU_SG_ID_RECOGNIZERS,
  auAbnRecognizer,
  auAcnRecognizer,
  auMedicareRecognizer,
  auTfnRecognizer,
  sgNricFinRecognizer,
  sgUenRecognizer,
} from './pii/ids-national-au-sg';
export {
  EU_ID_RECOGNIZERS,
  esNieRecognizer,
  esNifRecognizer,
  fiPersonalIdentityCodeRecognizer,
  itDriverLicenseRecognizer,
  itFiscalCodeRecognizer,
  itIdentityCardRecognizer,
  itPassportRecognizer,
  itVatCodeRecognizer,
  plPeselRecognizer,
  ukNinoRecognizer,
} from './pii/ids-national-eu';
export {
  IN_ID_RECOGNIZERS,
  inGstinRecognizer,
  inPassportRecognizer,
  inVehicleRegistrationRecognizer,
  inVoterRecognizer,
} from './pii/ids-national-in';
export {
  IN_KR_US_ID_RECOGNIZERS,
  inAadhaarRecognizer,
  inPanRecognizer,
  krRrnRecognizer,
  usDeaRecognizer,
  usItinRecognizer,
} from './pii/ids-national-in-kr-us';
export { TH_ID_RECOGNIZERS, thTninRecognizer } from './pii/ids-national-th';
export { defaultNamesRecognizer, namesRecognizer } from './pii/names';
export { type ByteLevelBpeOptions, byteLevelBpeTokenizer } from './pii/ner-bpe';
export {
  type DecodeTokensOptions,
  decodeTokenClassification,
  NER_AGGREGATIONS,
  type NerAggregation,
  type TokenClassification,
} from './pii/ner-decode';
export { type TokenClassifierNerOptions, type TokenizedText, tokenClassifierNer } from './pii/ner-model';
export { type UnigramOptions, unigramTokenizer } from './pii/ner-unigram';
export { type UnigramJsonOptions, unigramTokenizerFromJson } from './pii/ner-unigram-json';
export { type WordPieceOptions, wordPieceTokenizer } from './pii/ner-wordpiece';
export { emailRecognizer, urlRecognizer } from './pii/net';
export { cryptoRecognizer } from './pii/net-crypto';
export { ipRecognizer, ipv6Valid, macRecognizer } from './pii/net-ip';
export { defaultPhoneRecognizer, type PhoneOptions, phoneRecognizer } from './pii/phone';
export { BUILTIN_RECOGNIZERS } from './pii/recognizers';
export {
  REDACTION_MODES,
  type RedactionMode,
  type RedactPiiOptions,
  type RedactPiiResult,
  redactPII,
} from './pii/redact';
export { createPiiStreamRedactor, type PiiStreamRedactor } from './pii/stream';
export {
  createPiiStreamRedactorAsync,
  type PiiStreamRedactorAsync,
  type PiiStreamRedactorAsyncOptions,
} from './pii/stream-async';
export { PII_ENTITIES, type PiiCandidate, type PiiEntity, type PiiFinding, type PiiRecognizer } from './pii/types';
export { createPiiVault, type PiiVault } from './pii/vault';
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
export {
  type DetectSecretsOptions,
  detectSecrets,
  PEM_MAX_LENGTH,
  SECRET_MAX_MATCH_LENGTH,
  type SecretFinding,
  shannon,
} from './secrets/detect';
export { SECRET_PATTERNS, type SecretPattern } from './secrets/patterns';
export { CONTEXT_AFTER, CONTEXT_BEFORE } from './shared/context';
export { DEFAULT_MAX_TEXT_LENGTH } from './shared/limits';
export { holdbackFor, SCAN_BEFORE, safePrefixLength } from './shared/stream';
export type { TextSpan } from './shared/types';
export { scriptsOf, skeleton } from './unicode/confusables';
export {
  estimateTokens,
  type SanitizeOptions,
  type SanitizeResult,
  sanitizeText,
  type UnicodeFinding,
  type UnicodeIssue,
} from './unicode/sanitize';
