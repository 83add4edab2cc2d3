/**
 * `@modelsec/validators/pii`: personal data in text. `detectPII` (checksummed identifiers, phones,
 * addresses, names and places from the shipped gazetteers, context words, a NER model hook), `redactPII`
 * (mask, placeholder with a vault, keyed hash), stream redactors, the recognizers and the NER tokenizers.
 * The same functions as the package root, without the prompt-injection and secret detectors: a process
 * that only needs these imports less (bench/text-coldstart).
 *
 * @packageDocumentation
 */
export { addressRecognizer } from '../text/pii/address';
export { base58CheckValid, bech32Valid, eip55Valid, ibanValid, luhn, nhsValid } from '../text/pii/checksums';
export { dateRecognizer } from '../text/pii/dates';
export {
  type DetectPiiAsyncOptions,
  type DetectPiiOptions,
  detectPII,
  detectPIIAsync,
  type NerEntity,
  type NerModel,
} from '../text/pii/detect';
export { createGazetteer, defaultGazetteer, type Gazetteer } from '../text/pii/gazetteer';
export {
  bankNumberRecognizer,
  creditCardRecognizer,
  driverLicenseRecognizer,
  ibanRecognizer,
  nhsRecognizer,
  passportRecognizer,
  ssnRecognizer,
} from '../text/pii/ids';
export { NATIONAL_ID_ENTITIES, NATIONAL_ID_RECOGNIZERS } from '../text/pii/ids-national';
export {
  AU_SG_ID_RECOGNIZERS,
  auAbnRecognizer,
  auAcnRecognizer,
  auMedicareRecognizer,
  auTfnRecognizer,
  sgNricFinRecognizer,
  sgUenRecognizer,
} from '../text/pii/ids-national-au-sg';
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
} from '../text/pii/ids-national-eu';
export {
  IN_ID_RECOGNIZERS,
  inGstinRecognizer,
  inPassportRecognizer,
  inVehicleRegistrationRecognizer,
  inVoterRecognizer,
} from '../text/pii/ids-national-in';
export {
  IN_KR_US_ID_RECOGNIZERS,
  inAadhaarRecognizer,
  inPanRecognizer,
  krRrnRecognizer,
  usDeaRecognizer,
  usItinRecognizer,
} from '../text/pii/ids-national-in-kr-us';
export { TH_ID_RECOGNIZERS, thTninRecognizer } from '../text/pii/ids-national-th';
export { defaultNamesRecognizer, namesRecognizer } from '../text/pii/names';
export { type ByteLevelBpeOptions, byteLevelBpeTokenizer } from '../text/pii/ner-bpe';
export {
  type DecodeTokensOptions,
  decodeTokenClassification,
  NER_AGGREGATIONS,
  type NerAggregation,
  type TokenClassification,
} from '../text/pii/ner-decode';
export { type TokenClassifierNerOptions, type TokenizedText, tokenClassifierNer } from '../text/pii/ner-model';
export { type UnigramOptions, unigramTokenizer } from '../text/pii/ner-unigram';
export { type UnigramJsonOptions, unigramTokenizerFromJson } from '../text/pii/ner-unigram-json';
export { type WordPieceOptions, wordPieceTokenizer } from '../text/pii/ner-wordpiece';
export { emailRecognizer, urlRecognizer } from '../text/pii/net';
export { cryptoRecognizer } from '../text/pii/net-crypto';
export { ipRecognizer, ipv6Valid, macRecognizer } from '../text/pii/net-ip';
export { defaultPhoneRecognizer, type PhoneOptions, phoneRecognizer } from '../text/pii/phone';
export { BUILTIN_RECOGNIZERS } from '../text/pii/recognizers';
export {
  REDACTION_MODES,
  type RedactionMode,
  type RedactPiiOptions,
  type RedactPiiResult,
  redactPII,
} from '../text/pii/redact';
export { createPiiStreamRedactor, type PiiStreamRedactor } from '../text/pii/stream';
export {
  createPiiStreamRedactorAsync,
  type PiiStreamRedactorAsync,
  type PiiStreamRedactorAsyncOptions,
} from '../text/pii/stream-async';
export {
  PII_ENTITIES,
  type PiiCandidate,
  type PiiEntity,
  type PiiFinding,
  type PiiRecognizer,
} from '../text/pii/types';
export { createPiiVault, type PiiVault } from '../text/pii/vault';
export { CONTEXT_AFTER, CONTEXT_BEFORE } from '../text/shared/context';
export { DEFAULT_MAX_TEXT_LENGTH } from '../text/shared/limits';
export { holdbackFor, SCAN_BEFORE, safePrefixLength } from '../text/shared/stream';
export type { TextSpan } from '../text/shared/types';
