/**
 * Cues from the verbs and pronouns around a word (names-verb-cues.ts): an unknown capitalized word is a
 * person after a naming verb and an object pronoun ("everyone calls me Adlan"), between a giving verb and
 * a possessive determiner ("had given Mikal his address"), before a verb only people do ("Kotoya
 * shouted"), and as a possessive before a personal noun ("here's Gregorina's address"); in lower-case
 * writing, "call me" and "named him" cue known names, and a given name with one more word alone on their
 * line is a person ("jared paavolainen" above an address). None of these was found before.
 */
import { detectPII, redactPII } from '@modelsec/validators';
import { describe, expect, test } from 'vitest';
import { expectSpansOnWordSequences } from './spans-support';
import { expectStreamsAsWhole, filler } from './stream-support';

const found = (text: string) => detectPII(text).map((f) => `${f.entity}:${text.slice(f.start, f.end)}:${f.score}`);
const people = (text: string) => found(text).filter((f) => f.startsWith('PERSON:'));

describe('verbs and pronouns around an unknown capitalized word', () => {
  test('naming, giving, acting and owning', () => {
    expect(people('Halvari but everyone calls me Adlan')).toEqual(['PERSON:Adlan:0.55']);
    expect(people('You can call me Ishmael.')).toEqual(['PERSON:Ishmael:0.75']);
    expect(people('Randy had given Hallgerður his address.')).toContain('PERSON:Hallgerður:0.55');
    expect(people('Then we told Okonkwo our plans.')).toEqual(['PERSON:Okonkwo:0.55']);
    // A known family name alone scored 0.4 (under the default threshold); a cue raises it to 0.55.
    expect(people('Kowalski is here')).toEqual([]);
    expect(people('Kowalski shouted at the guard')).toEqual(['PERSON:Kowalski:0.55']);
    expect(people('Kotoya shouted at the guard')).toEqual(['PERSON:Kotoya:0.55']);
    expect(people("As promised, here's Gregorina's address:")).toEqual(['PERSON:Gregorina:0.55']);
    expect(people("Soib's phone is off")).toEqual(['PERSON:Soib:0.55']);
    expect(redactPII("Here's Gregorina's address.", { mode: 'placeholder' }).text).toBe("Here's <PERSON_1>'s address.");
  });

  test('a relation: a possessive determiner and a relation noun before the name (stop 50; none found before)', () => {
    // Given names that are common words, and unknown words.
    expect(people('My boss Mark said the deadline is Friday')).toEqual(['PERSON:Mark:0.55']);
    expect(people('My colleague Hope wrote this')).toEqual(['PERSON:Hope:0.55']);
    expect(people('our CEO Bill will join')).toEqual(['PERSON:Bill:0.55']);
    expect(people('my landlord Zorblax is late again')).toEqual(['PERSON:Zorblax:0.55']);
    // Not without the determiner, not with words between, not after a firm's relation.
    for (const text of ['the boss Mark said', 'My boss, Mark said', 'my boss  Mark said', 'our client Acme called']) {
      expect(people(text), text).toEqual([]);
    }
  });

  test('counter-cases: no verb or noun, other words between, common words after the cue', () => {
    for (const text of [
      'Zorblax is here',
      'Call Zorblax now',
      'everyone calls the Zorblax',
      'we gave Zorblax a try',
      'we gave Zorblax, his',
      'The guard shouted',
      'It shouted back',
      "Zorblax's policy",
      "Zorblax's  address",
      'call me Maybe',
      'She told Them their names',
    ]) {
      expect(people(text), text).toEqual([]);
    }
  });
});

describe('lower-case writing', () => {
  test('"call me" and "named him" before a known given name', () => {
    // A cued given name (0.6), and the context word "call" / "named" (+0.2).
    expect(people('sometimes people call me philipp')).toEqual(['PERSON:philipp:0.8']);
    expect(people('she named him joshua')).toEqual(['PERSON:joshua:0.8']);
  });

  test('a given name and one more word alone on their line', () => {
    expect(people('jared paavolainen\n\n16 salontie 6\n apt')).toEqual(['PERSON:jared paavolainen:0.5']);
    expect(people('??? natasha higuchi\n??? department of better technology')).toEqual(['PERSON:natasha higuchi:0.5']);
    expect(people('the account holder is below\n  tina roelink  \nok')).toEqual(['PERSON:tina roelink:0.5']);
    // With a context word after it ("thanks"): +0.2.
    expect(people('the account holder is below\n  tina roelink  \nthanks')).toEqual(['PERSON:tina roelink:0.7']);
  });

  test('counter-cases: more on the line, no known given name, common words', () => {
    for (const text of [
      'jared paavolainen called\nback later',
      'note: jared paavolainen\nback later',
      'zorblax paavolainen\nback later',
      'jared again\nback later',
      'jared for\nback later',
      'jared. paavolainen\nback later',
      'jared  paavolainen\nback later',
      'hi there\nback later',
      'jared\nback later',
      '3 jared paavolainen\nback later',
      `${'-'.repeat(17)}jared paavolainen\nback later`,
    ]) {
      expect(people(text), text).toEqual([]);
    }
  });
});

test('a stream finds these names as the whole text does, wherever it is cut', () => {
  const lines = [
    'everyone calls me Adlan',
    'had given Hallgerður his address',
    'Kotoya shouted at them',
    "here's Gregorina's address",
    'she named him joshua',
    '\njared paavolainen\n',
  ];
  expectStreamsAsWhole(lines, (line, before) => `${filler(before)} ${line}. ${filler(40)}`);
});

test('spans on arbitrary sequences of cue words, names and line breaks', () => {
  expectSpansOnWordSequences([
    'calls',
    'call',
    'me',
    'named',
    'him',
    'gave',
    'told',
    'his',
    'our',
    'shouted',
    'Zorblax',
    "Zorblax's",
    'address',
    'daughter',
    'jared',
    'paavolainen',
    'Jared',
    '\n',
    '???',
    '.',
  ]);
});
