/**
 * Possessive names and more name cues (names-people.ts, names-places.ts): a given or family name
 * written with "'s" is looked up without it ("here's Liam's address"; before, no possessive name of one
 * word was ever found), a one-word place too ("Berlin's museums"); a capitalized word that is no known
 * name is a person after a greeting ("Hi Heiðbrá,"), "says", "said" or "starring", unless it is a form
 * of address ("Hi Team") or a word that often follows such a cue ("she said Okay"); in a list of names
 * joined by commas and "and" / "or" with two known names, every member is a person
 * (names-coordinated.ts: "founders: Eklund, Warren and Bailey").
 */
import { detectPII, redactPII } from '@modelsec/validators';
import { describe, expect, test } from 'vitest';
import { expectSpansOnWordSequences } from './spans-support';
import { expectStreamsAsWhole, filler } from './stream-support';

const found = (text: string) => detectPII(text).map((f) => `${f.entity}:${text.slice(f.start, f.end)}:${f.score}`);

describe('possessive names', () => {
  test('a name of one word with "\'s" or "’s" (none of these was found before)', () => {
    expect(found("John's car is red")).toEqual(['PERSON:John:0.6']);
    expect(found("As promised, here's Liam's address:")).toEqual(['PERSON:Liam:0.6']);
    expect(found('Send Anna’s invoice')).toEqual(['PERSON:Anna:0.5']);
    expect(found("Mr. Smith's car")).toEqual(['PERSON:Smith:0.9']);
    expect(redactPII("Please send Liam's file.", { mode: 'placeholder' }).text).toBe("Please send <PERSON_1>'s file.");
    expect(found("Berlin's museums are great")).toEqual(['LOCATION:Berlin:0.6']);
  });

  test('counter-cases: days, months and other words; places listed with "\'s" stay whole', () => {
    expect(found("Today's meeting is short")).toEqual([]);
    expect(found("May's report")).toEqual([]);
    expect(found("King's Lynn is a town")).toEqual(["LOCATION:King's Lynn:0.9"]);
    expect(found("We visited St. John's last year")).toEqual(["LOCATION:St. John's:0.7"]);
    // As before: a longer name keeps its "'s" out of the span.
    expect(found("I met John Smith's sister")).toEqual(['PERSON:John Smith:1']);
  });
});

describe('name cues for unknown capitalized words', () => {
  test('greetings, "says", "said", "starring" (none of these was found before)', () => {
    expect(found("Hi Heiðbrá, I'm contacting you")).toEqual(['PERSON:Heiðbrá:0.75']);
    expect(found('Hey Sisko, how are you?')).toEqual(['PERSON:Sisko:0.75']);
    expect(found('I am so jealous! said Kiyomi to Jessica')).toEqual(['PERSON:Kiyomi:0.55', 'PERSON:Jessica:0.6']);
    expect(found('"It works," says Vedzizhev.')).toEqual(['PERSON:Vedzizhev:0.55']);
    expect(found('directed by Lori Švéda and starring Lafontaine')).toEqual([
      'PERSON:Lori Švéda:1',
      'PERSON:Lafontaine:0.75',
    ]);
  });

  test('counter-cases: forms of address and words that follow a cue', () => {
    for (const text of [
      'Hello World',
      'Hi Team, the build is green',
      'Hi There',
      'Thanks Everyone!',
      'Dear Sir, thanks',
      'He said The answer is no',
      'She said It is fine',
      'He said No way',
      'She said Okay',
      'he said Hello to me',
      'Hello\nZorblax is here',
    ]) {
      expect(found(text), text).toEqual([]);
    }
  });

  test('a stream finds these names as the whole text does, wherever it is cut', () => {
    const lines = [
      "here's Liam's address",
      "Berlin's museums",
      'Hi Heiðbrá, thanks',
      'said Kiyomi to Jessica',
      'starring Lafontaine',
      "King's Lynn",
    ];
    expectStreamsAsWhole(lines, (line, before) => `${filler(before)} ${line}. ${filler(40)}`);
  });

  test('spans on arbitrary sequences of cues, names, possessives and stop words', () => {
    expectSpansOnWordSequences([
      'Hi',
      'hey',
      'said',
      'says',
      'starring',
      'Liam',
      "Liam's",
      'Berlin',
      "Berlin's",
      'Heiðbrá',
      'Kiyomi',
      'Okay',
      'The',
      'Team',
      "Today's",
      "King's",
      'Lynn',
      'Smith’s',
      'and',
      ',',
      '.',
    ]);
  });
});

describe('lists of people', () => {
  test('two known names make every member a person (Eklund and Malon were not found before)', () => {
    expect(found('brainchild of our 3 founders: Eklund, Warren and Bailey.')).toEqual([
      'PERSON:Eklund:0.55',
      'PERSON:Warren:0.55',
      'PERSON:Bailey:0.6',
    ]);
    expect(found('They had 6: Malon, Mark, Kaylee, Brandi, Mike and April.')).toEqual([
      'PERSON:Malon:0.55',
      'PERSON:Mark:0.55',
      'PERSON:Kaylee:0.6',
      'PERSON:Brandi:0.6',
      'PERSON:Mike:0.6',
      'PERSON:April:0.55',
    ]);
    expect(redactPII('Eklund, Warren and Bailey agreed.', { mode: 'mask' }).text).not.toMatch(/Eklund|Warren|Bailey/);
  });

  test('counter-cases: places, firms of several words, streets, one known name, no conjunction', () => {
    expect(found('We visited Berlin, Paris and Rome.')).toEqual([
      'LOCATION:Berlin:0.6',
      'LOCATION:Paris:0.6',
      'LOCATION:Rome:0.6',
    ]);
    expect(found('Vitals, Nielsen and Findthebestcom')).toEqual([]);
    expect(found('Merrill Lynch, Arrive Labs and Buildzoom')).toEqual(['PERSON:Merrill Lynch:0.85']);
    expect(found('Please return to Lauren and Sorlaskeid 32')).toEqual(['PERSON:Lauren:0.6']);
    expect(found('Eklund, Warren, Bailey')).toEqual(['PERSON:Warren:0.5', 'PERSON:Bailey:0.6']);
    // A period after the conjunction ends the list (stop 47; it was read as "and Bailey").
    expect(found('Eklund and. Bailey agreed')).toEqual(['PERSON:Bailey:0.6']);
  });
});
