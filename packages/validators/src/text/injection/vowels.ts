/**
 * Words written without their vowels ("gnr ll prvs nstrctns", disemvoweled text, which a model reads
 * back and a word filter does not), for the injection detector's `vowels` view (views.ts): a word of
 * consonants only is read as the word of the phrases' vocabulary with those consonants in that order,
 * the first such word of the vocabulary where several have them ("nd" is "and", not "end").
 */

/** The vowels dropped ("y" is kept: "system" is "systm"). */
const VOWELS = /[aeiou]/g;
/** A vowel. */
const VOWEL = /[aeiou]/;

/**
 * `w` without its vowels.
 * @internal
 *
 * @example
 * ```ts
 * skeleton('instructions'); // 'nstrctns'
 * ```
 */
export function skeleton(w: string): string {
  return w.replace(VOWELS, '');
}

const skeletons = new WeakMap<ReadonlySet<string>, Map<string, string>>();

/**
 * Each skeleton of 2 letters or more of a word of `vocabulary` that has vowels → the first such word; a
 * word that starts with a vowel also under its skeleton with that vowel kept ("into": "nt" and "int").
 */
function skeletonsOf(vocabulary: ReadonlySet<string>): Map<string, string> {
  let map = skeletons.get(vocabulary);
  if (map === undefined) {
    map = new Map();
    for (const v of vocabulary) {
      const s = skeleton(v);
      if (s.length < 2 || s === v) continue;
      if (!map.has(s)) map.set(s, v);
      // Keys that start with a vowel are only these: no skeleton does.
      const kept = v[0] + skeleton(v.slice(1));
      if (VOWEL.test(v[0] as string) && kept !== v && !map.has(kept)) map.set(kept, v);
    }
    skeletons.set(vocabulary, map);
  }
  return map;
}

/**
 * `w` (lower-case letters) read with its vowels back: the word of `vocabulary` whose skeleton it is (with
 * its first letter kept when that is a vowel) when `w` has no vowel but maybe its first and is no word of
 * `vocabulary` ("prvs" → "previous", "ignr" → "ignore"), else `w`.
 * @internal
 *
 * @example
 * ```ts
 * unvowel('prmpt', new Set(['prompt'])); // 'prompt'
 * ```
 */
export function unvowel(w: string, vocabulary: ReadonlySet<string>): string {
  if (VOWEL.test(w.slice(1)) || vocabulary.has(w)) return w;
  return skeletonsOf(vocabulary).get(w) ?? w;
}
