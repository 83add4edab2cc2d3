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
 * on first use. Its word table is read straight from the shipped lists (lower-cased, normalized,
 * "|"-separated: a test checks it); its sets and map are filled only when read (the recognizers ask the
 * table).
 *
 * @example
 * ```ts
 * defaultGazetteer().firstNames.has('maria'); // true
 * ```
 */
export function defaultGazetteer(): Gazetteer {
  builtIn ??= shippedGazetteer(FIRST_NAMES, LAST_NAMES, PLACE_NAMES);
  return builtIn;
}

/**
 * A gazetteer of lists shipped as "|"-separated strings of lower-case words (single spaces inside a
 * place name): the word table is built in one walk of each string, without a string per word; the sets
 * and the map are built from the strings when first read. The same answers as `createGazetteer` on the
 * split lists (test/text/gazetteer-shipped.test.ts).
 * @internal
 *
 * @example
 * ```ts
 * shippedGazetteer('ada|grace', 'lovelace', 'new york|paris').places.has('new york'); // true
 * ```
 */
export function shippedGazetteer(firstNames: string, lastNames: string, places: string): Gazetteer {
  const g: Gazetteer = {
    firstNames: new ShippedWordSet(firstNames),
    lastNames: new ShippedWordSet(lastNames),
    places: new ShippedWordSet(places),
    placeWords: new ShippedCountMap(places),
  };
  // Every place may add its first word: at most twice the places.
  const table = new WordFlags(entries(firstNames) + entries(lastNames) + 2 * entries(places));
  table.reserve(firstNames.length + lastNames.length + places.length);
  addList(table, firstNames, IN_FIRST);
  addList(table, lastNames, IN_LAST);
  addPlaces(table, places);
  TABLES.set(g, { ...g, table });
  return g;
}

/** Items of a "|"-separated list (an upper bound of its distinct words). */
function entries(list: string): number {
  let n = 1;
  for (let i = list.indexOf('|'); i >= 0; i = list.indexOf('|', i + 1)) n++;
  return n;
}

/** Add every non-empty item of a "|"-separated list to `table` with `flag`. */
function addList(table: WordFlags, list: string, flag: number): void {
  let start = 0;
  while (start <= list.length) {
    let end = list.indexOf('|', start);
    if (end < 0) end = list.length;
    if (end > start) table.addRange(list, start, end, flag);
    start = end + 1;
  }
}

/** `addList` for places, and each place's first word with the most words a place starting with it has. */
function addPlaces(table: WordFlags, list: string): void {
  let start = 0;
  while (start <= list.length) {
    let end = list.indexOf('|', start);
    if (end < 0) end = list.length;
    if (end > start) {
      table.addRange(list, start, end, IN_PLACE);
      // Words are separated by single spaces (the lists are normalized). Only this item's units are
      // read: a search for the next space could run on through thousands of one-word items.
      let words = 1;
      let head = end;
      for (let i = start; i < end; i++) {
        if (list.charCodeAt(i) !== 32) continue;
        if (words === 1) head = i;
        words++;
      }
      const slot = table.addRange(list, start, head, IN_PLACE_HEAD);
      const flags = table.flagsAt(slot);
      const count = Math.min(words, PLACE_WORDS_MANY);
      if (count > flags >>> PLACE_WORDS_SHIFT)
        table.setFlagsAt(slot, (flags & ((1 << PLACE_WORDS_SHIFT) - 1)) | (count << PLACE_WORDS_SHIFT));
    }
    start = end + 1;
  }
}

/** The non-empty items of a "|"-separated list. */
function itemsOf(list: string): string[] {
  return list.split('|').filter((w) => w.length > 0);
}

/** For each first word of the places of a "|"-separated list, the most words a place starting with it has. */
function headsOf(list: string): Map<string, number> {
  const heads = new Map<string, number>();
  for (const k of itemsOf(list)) {
    const words = k.split(' ');
    const w0 = words[0] as string;
    heads.set(w0, Math.max(heads.get(w0) ?? 0, words.length));
  }
  return heads;
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

/**
 * A read-only set of the items of a "|"-separated list, filled when first read (`has`, `size`,
 * iteration).
 */
class ShippedWordSet extends FrozenWordSet {
  #list: string | undefined;
  constructor(list: string) {
    super([]);
    this.#list = list;
  }
  #fill(): void {
    const list = this.#list;
    if (list === undefined) return;
    this.#list = undefined;
    for (const w of itemsOf(list)) Set.prototype.add.call(this, w);
  }
  override has(value: string): boolean {
    this.#fill();
    return super.has(value);
  }
  override get size(): number {
    this.#fill();
    return super.size;
  }
  override forEach(fn: (value: string, key: string, set: Set<string>) => void, thisArg?: unknown): void {
    this.#fill();
    super.forEach(fn, thisArg);
  }
  override keys(): SetIterator<string> {
    this.#fill();
    return super.keys();
  }
  override values(): SetIterator<string> {
    this.#fill();
    return super.values();
  }
  override entries(): SetIterator<[string, string]> {
    this.#fill();
    return super.entries();
  }
  override [Symbol.iterator](): SetIterator<string> {
    this.#fill();
    return super[Symbol.iterator]();
  }
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

/** The `placeWords` of the places of a "|"-separated list, filled when first read. */
class ShippedCountMap extends FrozenCountMap {
  #list: string | undefined;
  constructor(list: string) {
    super([]);
    this.#list = list;
  }
  #fill(): void {
    const list = this.#list;
    if (list === undefined) return;
    this.#list = undefined;
    for (const [k, v] of headsOf(list)) Map.prototype.set.call(this, k, v);
  }
  override get(key: string): number | undefined {
    this.#fill();
    return super.get(key);
  }
  override has(key: string): boolean {
    this.#fill();
    return super.has(key);
  }
  override get size(): number {
    this.#fill();
    return super.size;
  }
  override forEach(fn: (value: number, key: string, map: Map<string, number>) => void, thisArg?: unknown): void {
    this.#fill();
    super.forEach(fn, thisArg);
  }
  override keys(): MapIterator<string> {
    this.#fill();
    return super.keys();
  }
  override values(): MapIterator<number> {
    this.#fill();
    return super.values();
  }
  override entries(): MapIterator<[string, number]> {
    this.#fill();
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[string, number]> {
    this.#fill();
    return super[Symbol.iterator]();
  }
}
