/**
 * Names written family name first (names-inverted.ts, 2026-11-30): "Patient: Smith, John A.", "MUELLER,
 * HANS", "From: Garcia, Maria <maria@…>". Before, such a name came out as two people ("Smith", "John") or
 * as the family name alone when the given name was in capitals, which left "HANS" in the redacted text.
 */
import { detectPII, redactPII } from '@modelsec/validators';
import { describe, expect, test } from 'vitest';
import { expectStreamsAsWhole, filler } from './stream-support';

const persons = (text: string) =>
  detectPII(text)
    .filter((f) => f.entity === 'PERSON')
    .map((f) => text.slice(f.start, f.end));

describe('names written family name first', () => {
  test('are one PERSON, with a middle initial or a second given name', () => {
    expect(persons('Patient: Smith, John A.')).toEqual(['Smith, John A.']);
    expect(persons('Name: MUELLER, HANS')).toEqual(['MUELLER, HANS']);
    expect(persons('From: Garcia, Maria <maria@example.com>')).toEqual(['Garcia, Maria']);
    expect(persons('Attendees:\nGarcia, Maria\nChen, Wei\nMUELLER, HANS')).toEqual([
      'Garcia, Maria',
      'Chen, Wei',
      'MUELLER, HANS',
    ]);
    expect(persons('Smith, John Paul (CEO)')).toEqual(['Smith, John Paul']);
    expect(persons('Signed: Smith, John.')).toEqual(['Smith, John']);
  });

  test('redaction leaves neither name in the text', () => {
    expect(redactPII('Name: MUELLER, HANS', { mode: 'placeholder' }).text).toBe('Name: <PERSON_1>');
    expect(redactPII('Patient: Smith, John A.\nDOB: 03/14/1985', { mode: 'placeholder' }).text).toBe(
      'Patient: <PERSON_1>\nDOB: <DATE_TIME_1>',
    );
  });

  test('lists, places, greetings and prose are left as they were', () => {
    expect(persons('Smith, Jones and Brown')).toEqual(['Smith', 'Jones', 'Brown']);
    expect(persons('Bill Kennedy, Paul James\nCowie')).toEqual(['Bill Kennedy', 'Paul James']);
    expect(persons('Barcelona, Spain')).toEqual([]);
    expect(persons('Thanks, Mike')).toEqual(['Mike']);
    // A word after the given name: not the end of a line, so not a name written family name first.
    expect(persons('Dear Smith, John called yesterday')).toEqual(['Smith', 'John']);
    // A given name that is a common word ("Mark") is not taken.
    expect(persons('Smith, Mark')).not.toContain('Smith, Mark');
  });

  test('a stream finds them as the whole text does', () => {
    expectStreamsAsWhole(
      ['Patient: Smith, John A.', 'Name: MUELLER, HANS'],
      (line, before) => `${filler(before)}\n${line}\n${filler(40)}`,
    );
  });
});
