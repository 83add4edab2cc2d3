/**
 * Gazetteers: the shipped name and place lists, parsed once on first use into sets, plus a way for an
 * application to pass its own (customer names, store locations). Lookups are by lower-cased word.
 */
import { PLACE_NAMES } from '../data/locations';
import { FIRST_NAMES, LAST_NAMES } from '../data/person-names';

/** Word lists used by the PERSON and LOCATION recognizers. */
export interface Gazetteer {
  /** Lower-case given names. */
  firstNames: ReadonlySet<string>;
  /** Lower-case family names. */
  lastNames: ReadonlySet<string>;
  /** Lower-case place names, one or more words separated by single spaces. */
  places: ReadonlySet<string>;
  /** For each first word of a place name, the most words a place starting with it has. */
  placeWords: ReadonlyMap<string, number>;
}

let builtIn: Gazetteer | undefined;

/**
 * The gazetteer shipped with the package (see `src/text/data/*.ts` for sources and licences), built
 * on first use (~10 ms).
 *
 * @example
 * ```ts
 * defaultGazetteer().firstNames.has('maria'); // true
 * ```
 */
export function defaultGazetteer(): Gazetteer {
  builtIn ??= createGazetteer({
    firstNames: FIRST_NAMES.split('|'),
    lastNames: LAST_NAMES.split('|'),
    places: PLACE_NAMES.split('|'),
  });
  return builtIn;
}

/**
 * Build a gazetteer from word lists (any case).
 *
 * @example
 * ```ts
 * const g = createGazetteer({ firstNames: ['Ada'], lastNames: ['Lovelace'], places: ['Marylebone'] });
 * ```
 */
export function createGazetteer(lists: {
  firstNames?: Iterable<string>;
  lastNames?: Iterable<string>;
  places?: Iterable<string>;
}): Gazetteer {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  const firstNames = new Set<string>();
  const lastNames = new Set<string>();
  const places = new Set<string>();
  const placeWords = new Map<string, number>();
  for (const n of lists.firstNames ?? []) if (n) firstNames.add(norm(n));
  for (const n of lists.lastNames ?? []) if (n) lastNames.add(norm(n));
  for (const p of lists.places ?? []) {
    const k = norm(p);
    if (!k) continue;
    places.add(k);
    const words = k.split(' ');
    const w0 = words[0] as string;
    placeWords.set(w0, Math.max(placeWords.get(w0) ?? 0, words.length));
  }
  return { firstNames, lastNames, places, placeWords };
}
