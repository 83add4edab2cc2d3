/**
 * The shipped gazetteer is built by `shippedGazetteer` straight from the "|"-separated lists (no string
 * per word for its word table; its sets and map filled when first read). It must answer exactly as
 * `createGazetteer` does on the split lists: the same table flags for every word and place head, the
 * same sets and map, read-only alike. The shipped lists must be what that shortcut assumes: lower-case,
 * trimmed, single spaces, no empty item.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { PLACE_NAMES } from '../../src/text/data/locations';
import { FIRST_NAMES, LAST_NAMES } from '../../src/text/data/person-names';
import {
  createGazetteer,
  defaultGazetteer,
  type Gazetteer,
  gazetteerTable,
  shippedGazetteer,
} from '../../src/text/pii/gazetteer';

/** `createGazetteer`'s normalization of an item. */
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Table flags of every item of the lists, every place's first word and a few words in none. */
function flagsOf(g: Gazetteer, words: readonly string[]): number[] {
  const table = gazetteerTable(g);
  if (table === undefined) throw new Error('no word table');
  return words.map((w) => table.lookup(w));
}

function sameAnswers(lists: { first: string[]; last: string[]; places: string[] }): void {
  const shipped = shippedGazetteer(lists.first.join('|'), lists.last.join('|'), lists.places.join('|'));
  const built = createGazetteer({ firstNames: lists.first, lastNames: lists.last, places: lists.places });
  const heads = lists.places.map((p) => p.split(' ')[0] as string);
  const words = [...lists.first, ...lists.last, ...lists.places, ...heads, 'zzqx', 'new', 'york', ''];
  // The table first: the sets and map are not read yet.
  expect(flagsOf(shipped, words)).toEqual(flagsOf(built, words));
  for (const key of ['firstNames', 'lastNames', 'places'] as const) {
    expect(shipped[key].size).toBe(built[key].size);
    expect([...shipped[key]].sort()).toEqual([...built[key]].sort());
  }
  expect([...shipped.placeWords].sort()).toEqual([...built.placeWords].sort());
}

describe('shipped gazetteer', () => {
  test('the shipped lists are lower-case, trimmed, single-spaced, without empty items', () => {
    for (const list of [FIRST_NAMES, LAST_NAMES, PLACE_NAMES]) {
      const items = list.split('|');
      expect(items.length).toBeGreaterThan(10_000);
      const bad = items.filter((w) => w.length === 0 || norm(w) !== w);
      expect(bad).toEqual([]);
    }
  });

  test('answers as createGazetteer on the split lists (the shipped lists)', () => {
    sameAnswers({ first: FIRST_NAMES.split('|'), last: LAST_NAMES.split('|'), places: PLACE_NAMES.split('|') });
  });

  test('answers as createGazetteer on generated lists (duplicates, shared heads, empty items, any order)', () => {
    const word = fc.constantFrom('new', 'york', 'city', 'san', 'jose', 'ada', 'o’neil', "d'arc", 'müller', 'x');
    const place = fc.array(word, { minLength: 1, maxLength: 5 }).map((a) => a.join(' '));
    const list = (item: fc.Arbitrary<string>) =>
      fc.array(fc.oneof({ weight: 9, arbitrary: item }, { weight: 1, arbitrary: fc.constant('') }), { maxLength: 12 });
    fc.assert(
      fc.property(list(word), list(word), list(place), (first, last, places) => {
        sameAnswers({ first, last, places });
      }),
      { numRuns: 400 },
    );
  });

  test('the sets fill on any first read, and stay read-only', () => {
    const reads: ((g: Gazetteer) => unknown)[] = [
      (g) => g.places.has('new york'),
      (g) => g.places.size,
      (g) => [...g.places],
      (g) => [...g.places.values()],
      (g) => [...g.places.keys()],
      (g) => [...g.places.entries()].map(([k]) => k),
      (g) => {
        const out: string[] = [];
        g.places.forEach((v) => {
          out.push(v);
        });
        return out;
      },
    ];
    const answers = [true, 2, ['new york', 'paris'], ['new york', 'paris'], ['new york', 'paris']];
    reads.forEach((read, i) => {
      const g = shippedGazetteer('ada', 'lovelace', 'new york|paris');
      expect(read(g)).toEqual(answers[i] ?? ['new york', 'paris']);
      expect(() => (g.places as Set<string>).add('rome')).toThrow(TypeError);
      expect(() => (g.places as Set<string>).delete('paris')).toThrow(TypeError);
      expect(g.places.has('paris')).toBe(true);
    });
    const maps: ((g: Gazetteer) => unknown)[] = [
      (g) => g.placeWords.get('new'),
      (g) => g.placeWords.has('new') && g.placeWords.get('new'),
      (g) => g.placeWords.size === 2 && g.placeWords.get('new'),
      (g) => new Map(g.placeWords).get('new'),
      (g) => new Map(g.placeWords.entries()).get('new'),
      (g) => [...g.placeWords.values()][0],
      (g) => [...g.placeWords.keys()].length === 2 && 2,
      (g) => {
        let n = 0;
        g.placeWords.forEach((v, k) => {
          if (k === 'new') n = v;
        });
        return n;
      },
    ];
    for (const read of maps) {
      const g = shippedGazetteer('ada', 'lovelace', 'new york|paris|new');
      expect(read(g)).toBe(2);
      expect(() => (g.placeWords as Map<string, number>).set('x', 1)).toThrow(TypeError);
    }
  });

  test('defaultGazetteer is the shipped lists', () => {
    const g = defaultGazetteer();
    expect(g).toBe(defaultGazetteer());
    expect(g.firstNames.has('maria')).toBe(true);
    expect(g.places.has('new york')).toBe(true);
    expect(g.placeWords.get('new')).toBeGreaterThanOrEqual(2);
    expect(gazetteerTable(g)?.lookup('maria')).toBeGreaterThan(0);
  });
});
