/**
 * Gazetteers: the shipped name and place lists, parsed once on first use into sets, plus a way for an
 * application to pass its own (customer names, store locations). Lookups are by lower-cased word.
 * Gazetteers built by `createGazetteer` are read-only and carry a word table (`gazetteerTable`) that
 * answers all four lookups of a word of the text in one probe, without building its lower-case string.
 */
import { PLACE_NAMES } from '../data/locations';
import { FIRST_NAMES, LAST_NAMES } from '../data/person-names';
import { FrozenWordSet } from '../shared/context';
import { WordFlags } from './word-index';

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
 * Build a gazetteer from word lists (any case). Its sets and map are read-only (`add`, `set`, `delete`
 * and `clear` throw a TypeError): build a new gazetteer to change the lists.
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
  const first: string[] = [];
  const last: string[] = [];
  const place: string[] = [];
  const heads = new Map<string, number>();
  for (const n of lists.firstNames ?? []) if (n) first.push(norm(n));
  for (const n of lists.lastNames ?? []) if (n) last.push(norm(n));
  for (const p of lists.places ?? []) {
    const k = norm(p);
    if (!k) continue;
    place.push(k);
    const words = k.split(' ');
    const w0 = words[0] as string;
    heads.set(w0, Math.max(heads.get(w0) ?? 0, words.length));
  }
  const g: Gazetteer = {
    firstNames: new FrozenWordSet(first),
    lastNames: new FrozenWordSet(last),
    places: new FrozenWordSet(place),
    placeWords: new FrozenCountMap(heads),
  };
  const table = new WordFlags(g.firstNames.size + g.lastNames.size + g.places.size + g.placeWords.size);
  for (const w of g.firstNames) table.add(w, IN_FIRST);
  for (const w of g.lastNames) table.add(w, IN_LAST);
  for (const w of g.places) table.add(w, IN_PLACE);
  for (const [w, n] of g.placeWords) {
    table.add(w, IN_PLACE_HEAD | (Math.min(n, PLACE_WORDS_MANY) << PLACE_WORDS_SHIFT));
  }
  TABLES.set(g, { ...g, table });
  return g;
}

/** @internal Table bit of `firstNames` (the bits of `lastNames`, `places` and `placeWords` keys follow). */
export const IN_FIRST = 1;
/** @internal */
export const IN_LAST = 2;
/** @internal */
export const IN_PLACE = 4;
/** @internal */
export const IN_PLACE_HEAD = 8;

/**
 * @internal The flags of a `placeWords` key also hold its count from this bit on (`PLACE_WORDS_MANY`:
 * that many or more, ask the map).
 */
export const PLACE_WORDS_SHIFT = 8;
/** @internal */
export const PLACE_WORDS_MANY = 0x7fff;

const TABLES = new WeakMap<Gazetteer, Gazetteer & { table: WordFlags }>();

/**
 * The word table of a gazetteer built by `createGazetteer` whose lists are still the ones it was
 * built with (lists are read-only), else `undefined`: `table.lookup(w)` has bit `IN_FIRST` exactly
 * when `firstNames.has(w)`, and so on for `IN_LAST` (`lastNames`), `IN_PLACE` (`places`) and
 * `IN_PLACE_HEAD` (keys of `placeWords`, with the key's count in the bits from `PLACE_WORDS_SHIFT` on).
 * @internal
 *
 * @example
 * ```ts
 * const isFirst = (gazetteerTable(g)?.lookup('maria') ?? 0) & IN_FIRST;
 * ```
 */
export function gazetteerTable(g: Gazetteer): WordFlags | undefined {
  const f = TABLES.get(g);
  if (
    f === undefined ||
    f.firstNames !== g.firstNames ||
    f.lastNames !== g.lastNames ||
    f.places !== g.places ||
    f.placeWords !== g.placeWords
  )
    return undefined;
  return f.table;
}

/** A read-only `Map` (so the table built from its keys stays valid). */
class FrozenCountMap extends Map<string, number> {
  #sealed = false;
  constructor(entries: Iterable<readonly [string, number]>) {
    super();
    for (const [k, v] of entries) super.set(k, v);
    this.#sealed = true;
  }
  override set(key: string, value: number): this {
    if (this.#sealed) throw new TypeError('gazetteer maps are read-only');
    return super.set(key, value);
  }
  override delete(_key: string): boolean {
    throw new TypeError('gazetteer maps are read-only');
  }
  override clear(): void {
    throw new TypeError('gazetteer maps are read-only');
  }
}
