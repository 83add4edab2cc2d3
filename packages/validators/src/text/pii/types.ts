/**
 * PII entity names (as Presidio spells them), findings and the recognizer contract that built-in and
 * custom recognizers implement.
 */
import type { TextSpan } from '../shared/types';

/** Every entity the built-in recognizers report. */
export const PII_ENTITIES = [
  'ADDRESS',
  'CREDIT_CARD',
  'CRYPTO',
  'DATE_TIME',
  'EMAIL_ADDRESS',
  'IBAN_CODE',
  'IP_ADDRESS',
  'LOCATION',
  'MAC_ADDRESS',
  'PERSON',
  'PHONE_NUMBER',
  'UK_NHS',
  'URL',
  'US_BANK_NUMBER',
  'US_DRIVER_LICENSE',
  'US_PASSPORT',
  'US_SSN',
] as const;

/** A built-in PII entity name. Custom recognizers and NER hooks may report other upper-case names. */
export type PiiEntity = (typeof PII_ENTITIES)[number];

/** One PII detection: UTF-16 offsets into the original text, a score, never the value itself. */
export interface PiiFinding extends TextSpan {
  /** Entity name (`EMAIL_ADDRESS`, `PERSON`...). */
  entity: string;
  /** Recognizer that found it (`email`, `phone`, `ner`...). */
  recognizer: string;
}

/** A candidate a recognizer emits; `detectPII` adds context scoring and resolves overlaps. */
export interface PiiCandidate extends PiiFinding {
  /** Lower-case words that, near the span, raise its score by `contextBoost`. */
  context?: ReadonlySet<string>;
  /** Score added when a context word is near (default 0.35, as in Presidio). */
  contextBoost?: number;
}

/**
 * A pattern, checksum, gazetteer or model-backed detector of one or more entities.
 *
 * @example
 * ```ts
 * const employeeId: PiiRecognizer = {
 *   name: 'employeeId',
 *   entities: ['EMPLOYEE_ID'],
 *   maxLength: 9,
 *   scan(text, emit) {
 *     for (const m of text.matchAll(/\bE-\d{7}\b/g)) {
 *       emit({ entity: 'EMPLOYEE_ID', start: m.index, end: m.index + m[0].length, score: 0.9, recognizer: 'employeeId' });
 *     }
 *   },
 * };
 * ```
 */
export interface PiiRecognizer {
  /** Stable name, reported in findings. */
  readonly name: string;
  /** Entities it can emit (used to skip recognizers whose entities were not asked for). */
  readonly entities: readonly string[];
  /**
   * Longest span (UTF-16 units) it can report, context window excluded: streaming scanners keep this
   * many trailing characters unflushed. `Infinity` when unbounded.
   */
  readonly maxLength: number;
  /** Find candidates in `text` and pass each to `emit`. Must be linear-time in `text.length`. */
  scan(text: string, emit: (candidate: PiiCandidate) => void): void;
}
