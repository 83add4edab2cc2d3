/**
 * Street matches in prose (address-prose.ts), each found as an ADDRESS in the SpamAssassin ham mail: a
 * number, words and a street type or a second number whose words count or time something ("10 million
 * square feet", "a 120 GB hard drive", "12 CDT 2002") or hold a lower-case word of prose ("went from 43
 * to 28", "between 1989 and 1991", "1965, when Dr."); a street type or number right after the house
 * number ("600 sq ft"); a street-type word followed by prose ("place on July 2", "via SMTP to port 25");
 * English words that end like a joined street ("During 2002", "Bring 2 friends", "Committee 2").
 */
import { detectPII } from '@modelsec/validators';
import { describe, expect, test } from 'vitest';
import { englishEnding, proseStreet } from '../../src/text/pii/address-prose';
import { expectSpansOnWordSequences } from './spans-support';
import { expectStreamsAsWhole, filler } from './stream-support';

const addresses = (text: string) =>
  detectPII(text, { entities: ['ADDRESS'] }).map((f) => `${text.slice(f.start, f.end)}:${f.score}`);

describe('prose is no address', () => {
  test('quantities, joining words, no name, prose after a street-type word, English endings', () => {
    for (const text of [
      'it was 10 million square feet of office space',
      // A recipe's measures (stop 50: "2 heaping cups leafy green" was an ADDRESS, Self-Instruct's recipes).
      'Salt and pepper, to taste 2 heaping cups leafy green lettuce 1 cup matchstick carrots',
      'Add 1 tbsp olive oil and 3 cloves garlic to the pan, then 2 tsp sea salt',
      'Up to 120 GB hard drive',
      'a 4 second run in the quarter mile',
      'In this 600 sq ft pre-war apartment',
      'total unique fn went from 43 to 28',
      'between 1989 and 1991, or in Belgrade',
      'anywhere from 3 to 20, and then',
      'Sent: Sep 12, 10:12 CDT 2002',
      'tables since 1965, when Dr. Smith came',
      'File "timtest.py", line 264, in drive',
      'the ceremony took place on July 2, to commemorate',
      'mail goes via SMTP to port 25',
      'During 2002 we grew',
      'Bring 2 friends',
      'Offering 20 seats',
      'Considering 90% of them',
      'stringlist.add("string 1");',
      'the Committee 2 report',
      // The fields of a payment card after its expiry date (2026-11-30).
      'Card 4111 1111 1111 1111 exp 12/27 cvv 123',
      'expires 03/26 code 456',
      'valid 01/29 pin 1234',
    ]) {
      expect(addresses(text), text).toEqual([]);
    }
  });

  test('counter-cases: streets keep being found', () => {
    expect(addresses('I live at 12 Main Street')).toEqual(['12 Main Street:0.8']);
    expect(addresses('35 Kromwater 38, Amsterdam')).toEqual(['35 Kromwater 38, Amsterdam:0.73']);
    expect(addresses('10 The Green, Richmond')).toEqual(['10 The Green, Richmond:0.73']);
    expect(addresses('Place de la Concorde 5')).toEqual(['Place de la Concorde 5:0.65']);
    expect(addresses('Via delle Belle Arti 5, Bologna')).toEqual(['Via delle Belle Arti 5, Bologna:0.73']);
    expect(addresses('Kaiserring 12, Köln')).toEqual(['Kaiserring 12, Köln:0.73']);
    expect(addresses('Ostring 5')).toEqual(['Ostring 5:0.65']);
    expect(addresses('Prins Hendrikkade 12')).toEqual(['Prins Hendrikkade 12:0.65']);
    expect(addresses('Pärnu maantee 10')).toEqual(['Pärnu maantee 10:0.65']);
    expect(addresses('Salontie 6')).toEqual(['Salontie 6:0.65']);
  });

  test('the word checks', () => {
    expect(proseStreet('from 43 to 28', 5, 13, false)).toBe(true);
    expect(proseStreet('at 12 Main Street', 3, 17, false)).toBe(false);
    expect(proseStreet('600 sq', 0, 6, false)).toBe(true);
    expect(proseStreet('place on July 2', 0, 15, true)).toBe(true);
    expect(proseStreet('Rue du Bac 46', 0, 13, true)).toBe(false);
    expect(englishEnding('During 2002', 0, 2, 6)).toBe(true);
    expect(englishEnding('Offering 20', 0, 4, 8)).toBe(true);
    expect(englishEnding('Kaiserring 12', 0, 6, 10)).toBe(false);
    expect(englishEnding('Committee 2', 0, 6, 9)).toBe(true);
    expect(englishEnding('maantee 10', 0, 4, 7)).toBe(false);
    expect(englishEnding('Salontie 6', 0, 5, 8)).toBe(false);
  });
});

test('a stream decides as the whole text does', () => {
  expectStreamsAsWhole(
    ['went from 43 to 28, which', 'During 2002 we grew', 'Up to 120 GB hard drive', 'I live at 12 Main Street'],
    (line, before) => `${filler(before)} ${line}. ${filler(40)}`,
  );
});

test('spans stay inside the text on arbitrary word sequences', () => {
  expectSpansOnWordSequences([
    '12',
    '43',
    'to',
    'and',
    'Main',
    'Street',
    'million',
    'square',
    'During',
    'Kaiserring',
    'place',
    'on',
    'July',
    ',',
    'GB',
    'hard',
    'drive',
  ]);
});

describe('dates, version numbers and figurative streets are no address (2026-11-30, from the ham mail)', () => {
  const addresses = (text: string) => detectPII(text, { entities: ['ADDRESS'] }).map((f) => text.slice(f.start, f.end));

  test.each([
    // STREET_NUM_RE read "18 Sep 2002" as a street name between two numbers, and went on over the name.
    'On Wed, 18 Sep 2002, R. A. Hettinga wrote:',
    'On 14:22 29 Aug 2002, Matthias Saou wrote',
    "IT's Monday 520      02 September 2002",
    'Story filed: 12:36 Monday 7th October 2002',
    'Pope Julius II, 2 January 1511',
    "Tcl'2002 Sept 16, 2002, Vancouver",
    // A unit word before a version number.
    'the apt server is running RH 7.3/Apt 0.3 and',
    'I have a working apt 0.5.4cnc7 package',
    'XML Spy Suite 4.4 is out',
    // Streets that stand for a trade or a government, without a house number.
    'and Wall Street has turned off the capital',
    'the New York Times and Wall Street Journal',
    'Downing Street said on Monday',
  ])('%j', (text) => {
    expect(addresses(text)).toEqual([]);
  });

  test.each([
    ['12 May Street', '12 May Street'],
    // A month's name in a street written name then number, without a year: a street.
    ['I live at 35 March Hill 12, Berlin', '35 March Hill 12, Berlin'],
    ['2019 March Road', '2019 March Road'],
    ['I live at 10 Downing Street, London', '10 Downing Street, London'],
    ['the shop on Madison Avenue', 'Madison Avenue'],
    ['I live in Apt 4.', 'Apt 4'],
  ])('%j is still %j', (text, want) => {
    expect(addresses(text)).toContain(want);
  });
});
