/**
 * Typos read back for the injection detector's `typos` view (views.ts): a word that is no word of the
 * phrases' vocabulary but one edit away from one is read as that word. The edits, in the order tried:
 * two neighbouring letters swapped ("ingore", PyRIT's character-swap converter), a letter dropped
 * ("igore", "pasword"), one added ("ignorre") or one changed ("ignote"). Swaps are read for any word of the
 * vocabulary; the other edits only toward words of 5 letters or more ("tge" is no "the"). The view is
 * triggered by the key words with two neighbouring letters swapped, one letter inside them dropped, typed
 * twice or hit as a key next to it (`keySlips`).
 */

/**
 * The words `w` becomes with two neighbouring letters swapped (different from `w`), in order.
 * @internal
 *
 * @example
 * ```ts
 * transpositions('abc'); // ['bac', 'acb']
 * ```
 */
export function transpositions(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < w.length; i++) {
    if (w[i] === w[i + 1]) continue;
    out.push(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
  }
  return out;
}

/**
 * The words `w` becomes with one letter between its first and last dropped, in order, without repeats (a
 * letter dropped at either end leaves a part of `w`, which `w` itself holds).
 * @internal
 *
 * @example
 * ```ts
 * innerDrops('ignore'); // ['inore', 'igore', 'ignre', 'ignoe']
 * ```
 */
export function innerDrops(w: string): string[] {
  const out = new Set<string>();
  for (let i = 1; i + 1 < w.length; i++) out.add(w.slice(0, i) + w.slice(i + 1));
  return [...out];
}

/** The rows of a QWERTY keyboard, each shifted a little right of the one above. */
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** The keys next to lower-case letter `c` on a QWERTY keyboard: left and right, two above, two below. */
function nearKeys(c: string): string[] {
  const out: string[] = [];
  ROWS.forEach((row, r) => {
    const i = row.indexOf(c);
    if (i < 0) return;
    for (const [rr, ii] of [
      [r, i - 1],
      [r, i + 1],
      [r - 1, i],
      [r - 1, i + 1],
      [r + 1, i - 1],
      [r + 1, i],
    ] as const) {
      const key = ROWS[rr]?.[ii];
      if (key !== undefined) out.push(key);
    }
  });
  return out;
}

/**
 * The slips of a finger inside `w`: a letter between its first and last typed twice ("ignorre") or as a
 * key next to it ("ignote", "prevuous"), in order, without repeats, `w` left out.
 * @internal
 *
 * @example
 * ```ts
 * keySlips('abc'); // ['abbc', 'aqc', 'awc', ...]
 * ```
 */
export function keySlips(w: string): string[] {
  const out = new Set<string>();
  for (let i = 1; i + 1 < w.length; i++) {
    const c = w[i] as string;
    out.add(w.slice(0, i + 1) + c + w.slice(i + 1));
    for (const key of nearKeys(c)) out.add(w.slice(0, i) + key + w.slice(i + 1));
  }
  out.delete(w);
  return [...out];
}

/** Longest word `untypo` corrects (every key word is shorter; bounds the work per word). */
const MAX_TYPO_WORD = 16;
/** Shortest word of the vocabulary a dropped, added or changed letter is read back to. */
const MIN_EDITED = 5;

/** A vocabulary's words of `MIN_EDITED` letters or more, by the forms one edit gives them. */
interface EditIndex {
  /** Each such word with one letter dropped → the word (the first, in the vocabulary's order). */
  dropped: Map<string, string>;
  /** Each such word with one letter replaced by "\0" → the word. */
  changed: Map<string, string>;
}

const indexes = new WeakMap<ReadonlySet<string>, EditIndex>();

function editIndex(vocabulary: ReadonlySet<string>): EditIndex {
  let index = indexes.get(vocabulary);
  if (index === undefined) {
    index = { dropped: new Map(), changed: new Map() };
    for (const v of vocabulary) {
      if (v.length < MIN_EDITED) continue;
      for (let i = 0; i < v.length; i++) {
        const drop = v.slice(0, i) + v.slice(i + 1);
        if (!index.dropped.has(drop)) index.dropped.set(drop, v);
        const change = `${v.slice(0, i)}\0${v.slice(i + 1)}`;
        if (!index.changed.has(change)) index.changed.set(change, v);
      }
    }
    indexes.set(vocabulary, index);
  }
  return index;
}

/**
 * `w` (lower-case letters) if it is in `vocabulary`, else the word of `vocabulary` it is one edit away
 * from (see above: "ingore", "igore", "ignorre", "ignote" → "ignore"), else `w`. At most 2 × 16 + 15
 * lookups per word.
 * @internal
 *
 * @example
 * ```ts
 * untypo('pasword', new Set(['password'])); // 'password'
 * ```
 */
export function untypo(w: string, vocabulary: ReadonlySet<string>): string {
  if (w.length > MAX_TYPO_WORD || vocabulary.has(w)) return w;
  for (const t of transpositions(w)) if (vocabulary.has(t)) return t;
  if (w.length < MIN_EDITED - 1) return w;
  const index = editIndex(vocabulary);
  // A letter dropped: `w` is a word of the vocabulary with one letter dropped.
  const whole = index.dropped.get(w);
  if (whole !== undefined) return whole;
  for (let i = 0; i < w.length; i++) {
    // A letter added: `w` without one of its letters is a word of the vocabulary.
    const drop = w.slice(0, i) + w.slice(i + 1);
    if (drop.length >= MIN_EDITED && vocabulary.has(drop)) return drop;
    // A letter changed: `w` and a word of the vocabulary differ at one place.
    const changed = index.changed.get(`${w.slice(0, i)}\0${w.slice(i + 1)}`);
    if (changed !== undefined) return changed;
  }
  return w;
}
