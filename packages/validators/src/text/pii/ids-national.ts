/**
 * National identifiers, opt-in: checksummed or structured numbers of Spain, Italy, Poland, Finland, the
 * UK, Australia, Singapore, Thailand, India, Korea and the US beyond the built-ins (ids-national-eu.ts,
 * ids-national-au-sg.ts, ids-national-th.ts, ids-national-in.ts, ids-national-in-kr-us.ts). They are not in `BUILTIN_RECOGNIZERS`, so
 * `detectPII`'s default scan (and its bundle) does not pay for them; add them where the text can hold
 * them.
 */
import { AU_SG_ID_RECOGNIZERS } from './ids-national-au-sg';
import { EU_ID_RECOGNIZERS } from './ids-national-eu';
import { IN_ID_RECOGNIZERS } from './ids-national-in';
import { IN_KR_US_ID_RECOGNIZERS } from './ids-national-in-kr-us';
import { TH_ID_RECOGNIZERS } from './ids-national-th';
import type { PiiRecognizer } from './types';

/**
 * Every national-identifier recognizer: ES_NIF, ES_NIE, IT_FISCAL_CODE, IT_VAT_CODE, IT_PASSPORT,
 * IT_IDENTITY_CARD, IT_DRIVER_LICENSE, PL_PESEL, FI_PERSONAL_IDENTITY_CODE, UK_NINO, AU_ABN, AU_ACN,
 * AU_TFN, AU_MEDICARE, SG_NRIC_FIN, SG_UEN, TH_TNIN, IN_VOTER, IN_PASSPORT, IN_VEHICLE_REGISTRATION,
 * IN_GSTIN, IN_AADHAAR, IN_PAN, KR_RRN, US_ITIN and MEDICAL_LICENSE (US DEA numbers), with Presidio's
 * entity names.
 *
 * @example
 * ```ts
 * detectPII('DNI 12345678Z', { recognizers: [...BUILTIN_RECOGNIZERS, ...NATIONAL_ID_RECOGNIZERS] });
 * // [{ entity: 'ES_NIF', start: 4, end: 13, ... }]
 * ```
 */
export const NATIONAL_ID_RECOGNIZERS: readonly PiiRecognizer[] = /* @__PURE__ */ Object.freeze([
  ...EU_ID_RECOGNIZERS,
  ...AU_SG_ID_RECOGNIZERS,
  ...TH_ID_RECOGNIZERS,
  ...IN_ID_RECOGNIZERS,
  ...IN_KR_US_ID_RECOGNIZERS,
]);

/**
 * The entities of `NATIONAL_ID_RECOGNIZERS`.
 *
 * @example
 * ```ts
 * NATIONAL_ID_ENTITIES.includes('ES_NIF'); // true
 * ```
 */
export const NATIONAL_ID_ENTITIES: readonly string[] = /* @__PURE__ */ Object.freeze(
  NATIONAL_ID_RECOGNIZERS.flatMap((r) => r.entities),
);
