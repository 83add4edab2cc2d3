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
import { emailRecognizer, urlRecognizer } from './net';
import { cryptoRecognizer } from './net-crypto';
import { ipRecognizer, macRecognizer } from './net-ip';
import { defaultPhoneRecognizer } from './phone';
import type { PiiCandidate, PiiRecognizer } from './types';

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

/**
 * The entities each built-in recognizer reports, in the order of `BUILTIN_RECOGNIZERS` (read from their
 * code, which reports nothing else; a test holds them equal to the recognizers' `entities`).
 */
const BUILTIN_ENTITIES: readonly (readonly string[])[] = [
  ['EMAIL_ADDRESS'],
  ['URL'],
  ['IP_ADDRESS'],
  ['MAC_ADDRESS'],
  ['CRYPTO'],
  ['CREDIT_CARD'],
  ['IBAN_CODE'],
  ['US_SSN'],
  ['UK_NHS'],
  ['US_BANK_NUMBER'],
  ['US_PASSPORT'],
  ['US_DRIVER_LICENSE'],
  ['DATE_TIME'],
  ['PHONE_NUMBER'],
  ['ADDRESS', 'LOCATION'],
  ['PERSON', 'LOCATION', 'ORGANIZATION'],
];

/** `scanBuiltins`'s mask that runs every built-in recognizer. @internal */
export const ALL_BUILTINS = 0xffff;

/**
 * The `scanBuiltins` mask of the built-in recognizers that can report one of `wanted` (bit `i`:
 * `BUILTIN_RECOGNIZERS[i]`). Skipping the others changes nothing: `detectPII` drops unwanted entities.
 * @internal
 *
 * @example
 * ```ts
 * builtinMask(new Set(['EMAIL_ADDRESS'])); // 1
 * ```
 */
export function builtinMask(wanted: ReadonlySet<string>): number {
  let mask = 0;
  for (let i = 0; i < BUILTIN_ENTITIES.length; i++) {
    for (const e of BUILTIN_ENTITIES[i] as readonly string[]) if (wanted.has(e)) mask |= 1 << i;
  }
  return mask;
}

/**
 * `for (const r of BUILTIN_RECOGNIZERS) r.scan(text, emit)`, written out with one call site per
 * recognizer, in the same order, for the recognizers whose bit is set in `mask`: the engine then calls
 * (or inlines) each scan directly instead of dispatching 16 different targets through one site, which
 * took about 1 ms of a 20 ms pass over the Presidio texts. `test/text/pii.test.ts` holds it equal to the
 * loop.
 * @internal
 *
 * @example
 * ```ts
 * const found: PiiCandidate[] = [];
 * scanBuiltins('call +1 415 555 0100', (c) => found.push(c));
 * ```
 */
export function scanBuiltins(text: string, emit: (c: PiiCandidate) => void, mask = ALL_BUILTINS): void {
  if (mask & 1) emailRecognizer.scan(text, emit);
  if (mask & 2) urlRecognizer.scan(text, emit);
  if (mask & 4) ipRecognizer.scan(text, emit);
  if (mask & 8) macRecognizer.scan(text, emit);
  if (mask & 16) cryptoRecognizer.scan(text, emit);
  if (mask & 32) creditCardRecognizer.scan(text, emit);
  if (mask & 64) ibanRecognizer.scan(text, emit);
  if (mask & 128) ssnRecognizer.scan(text, emit);
  if (mask & 256) nhsRecognizer.scan(text, emit);
  if (mask & 512) bankNumberRecognizer.scan(text, emit);
  if (mask & 1024) passportRecognizer.scan(text, emit);
  if (mask & 2048) driverLicenseRecognizer.scan(text, emit);
  if (mask & 4096) dateRecognizer.scan(text, emit);
  if (mask & 8192) defaultPhoneRecognizer.scan(text, emit);
  if (mask & 16384) addressRecognizer.scan(text, emit);
  if (mask & 32768) defaultNamesRecognizer.scan(text, emit);
}
