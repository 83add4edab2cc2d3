/**
 * The built-in PII recognizers, in the order they run, and a lookup by entity.
 */
import { addressRecognizer } from './address';
import { dateRecognizer } from './dates';
import {
  bankNumberRecognizer,
  creditCardRecognizer,
  driverLicenseRecognizer,
  ibanRecognizer,
  nhsRecognizer,
  passportRecognizer,
  ssnRecognizer,
} from './ids';
import { defaultNamesRecognizer } from './names';
import { cryptoRecognizer, emailRecognizer, ipRecognizer, macRecognizer, urlRecognizer } from './net';
import { defaultPhoneRecognizer } from './phone';
import type { PiiRecognizer } from './types';

/**
 * Every built-in recognizer: checksummed identifiers, network identifiers, dates, phones, street
 * addresses and the gazetteer-based PERSON/LOCATION recognizer.
 *
 * @example
 * ```ts
 * const withoutNames = BUILTIN_RECOGNIZERS.filter((r) => r.name !== 'names');
 * ```
 */
export const BUILTIN_RECOGNIZERS: readonly PiiRecognizer[] = /* @__PURE__ */ Object.freeze([
  emailRecognizer,
  urlRecognizer,
  ipRecognizer,
  macRecognizer,
  cryptoRecognizer,
  creditCardRecognizer,
  ibanRecognizer,
  ssnRecognizer,
  nhsRecognizer,
  bankNumberRecognizer,
  passportRecognizer,
  driverLicenseRecognizer,
  dateRecognizer,
  defaultPhoneRecognizer,
  addressRecognizer,
  defaultNamesRecognizer,
]);
