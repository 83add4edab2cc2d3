/**
 * `WordTable` (address-words.ts) answers exactly what a `Set` of the word numbers answers, and
 * `hasPair` exactly what the byte table of last-two-unit numbers it replaces answered: the address
 * recognizer's own tables, random word lists, every pair number, numbers that share a filter slot
 * (the same low 32 bits), negative, fractional and huge numbers.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ENDINGS, SUFFIXES, TYPES } from '../../src/text/pii/address';
import { suffixNumber, WordTable, wordNumber } from '../../src/text/pii/address-words';

const SUFFIX_WORDS =
  'street st road rd avenue ave av lane ln drive dr boulevard blvd way court ct place pl square sq terrace ter highway hwy parkway pkwy circle cir trail trl close crescent cres row alley plaza park hill grove gardens walk mews quay wharf green loop pike turnpike expressway freeway run path point ridge view vista heights'.split(
    ' ',
  );
const ENDING_WORDS =
  'straße strasse str. weg gasse platz allee damm ring ufer vej vegen veien veg gata gatan vägen katu tie polku kuja laan straat gracht plein kade dijk singel utca út tér körút u. ulica cesta ulice iela gatve tee brücke markt hof'.split(
    ' ',
  );
const TYPE_WORDS =
  'rue via viale calle avenida avda. av. rua ul. ulica piazza plaza chemin boulevard bd avenue allée strada carrer travessa largo quai impasse place camino paseo rambla praça alameda trg ulitsa'.split(
    ' ',
  );

/** The reference: a `Set` of the numbers, and the 1600-byte table of pair numbers `WordTable` had. */
function reference(words: readonly string[], numberOf: (w: string) => number) {
  const set = new Set(words.map(numberOf));
  const pairs = new Uint8Array(1600);
  for (const w of words) if (w.length >= 2) pairs[wordNumber(w.slice(-2))] = 1;
  return { set, pairs };
}

/** Numbers near the words' own: equal low 32 bits, neighbours, and odd values. */
function probes(numbers: readonly number[]): number[] {
  const out = [-1, 0, 1, 0.5, -0.5, Number.NaN, 2 ** 32, 2 ** 53 - 1, 40 ** 9];
  for (const h of numbers) out.push(h, h + 1, h - 1, h + 2 ** 32, h - 2 ** 32, h + 2 ** 40, h + 0.5, -h);
  return out;
}

function check(table: WordTable, words: readonly string[], numberOf: (w: string) => number, extra: number[]): void {
  const { set, pairs } = reference(words, numberOf);
  for (const h of [...probes([...set]), ...extra]) {
    if (table.has(h) !== set.has(h)) expect(table.has(h), `has(${h})`).toBe(set.has(h));
  }
  for (let h = 0; h < 1600; h++) {
    if (table.hasPair(h) !== (pairs[h] === 1)) expect(table.hasPair(h), `hasPair(${h})`).toBe(pairs[h] === 1);
  }
}

describe('WordTable (address-words.ts)', () => {
  test("the recognizer's tables equal a Set of their numbers and the pair byte table", () => {
    const extra = fc.sample(fc.integer({ min: 0, max: 40 ** 9 }), { numRuns: 20_000, seed: 3 });
    check(SUFFIXES, SUFFIX_WORDS, suffixNumber, extra);
    check(ENDINGS, ENDING_WORDS, wordNumber, extra);
    check(TYPES, TYPE_WORDS, wordNumber, extra);
  });

  test('random word lists (with repeats) equal a Set of their numbers', () => {
    const letters = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCZ.äÄéßüúöÖ'.split(''));
    const word = fc.array(letters, { minLength: 1, maxLength: 9 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 120 }),
        fc.array(word, { maxLength: 40 }),
        fc.boolean(),
        (words, others, forwards) => {
          const numberOf = forwards ? suffixNumber : wordNumber;
          const table = new WordTable(words, numberOf);
          check(table, words, numberOf, others.map(numberOf));
        },
      ),
      { numRuns: 300, seed: 9 },
    );
  });
});
