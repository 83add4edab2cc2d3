/**
 * The words the injection detector reads obfuscated text back to: the words of its phrase families and
 * common English words (`vocabularyOf`), and the split of glued words ("ignoreallpreviousinstructions",
 * or letters spaced out with one separator throughout: "i g n o r e a l l") back into words (`segment`).
 */
import { compactLatin1 } from '../shared/latin1';
import type { PhraseFamily } from './phrases';

/**
 * Common English words of three letters or more (a Caesar shift of a short word is often another one:
 * "he" and "be" are 6 letters apart).
 */
export const COMMON_WORDS: ReadonlySet<string> = /* @__PURE__ */ new Set(
  'the and are was were been what how why who whom where when which can could you your mine does did for its this that these those with have has had not from they them their him his her all will would should tell give please about there but yes any one more most than then into out like just only also some other new now know make get want need take live long many much very here after before over every everything earlier above below again first last'.split(
    ' ',
  ),
);

/** Words of one or two letters a split may use (others would split any run: "a", "n", "d"). */
const SHORT_WORDS: ReadonlySet<string> = /* @__PURE__ */ new Set(
  'a i to of in on at is it as by or be we us me my do so no up an if he'.split(' '),
);

/**
 * The words of `families`' patterns (runs of 2 or more ASCII letters of their sources and tails, escapes
 * such as `\b` taken out, "s?" read as with and without the letter; not the `view:*` triggers) and `COMMON_WORDS`: the words obfuscated text is read back
 * to when it can be one.
 *
 * @example
 * ```ts
 * vocabularyOf(PHRASE_FAMILIES).has('previous'); // true
 * ```
 */
export function vocabularyOf(families: readonly PhraseFamily[]): ReadonlySet<string> {
  const words = new Set(COMMON_WORDS);
  for (const f of families) {
    // The triggers of views.ts are obfuscated or glued words, no words to read back to.
    if (f.id.startsWith('view:')) continue;
    for (const re of [f.re, f.tail])
      for (const w of re?.source.replace(/\\[a-zA-Z]/g, ' ').match(/[a-z]{2,}\??/g) ?? []) {
        // "instructions?" stands for "instruction" and "instructions".
        // One byte per unit (shared/latin1.ts): cut from a source with "règles" or "αγνο", a word would
        // make every view built from it two bytes per unit.
        if (w.endsWith('?')) words.add(compactLatin1(w.slice(0, -2)));
        words.add(compactLatin1(w.endsWith('?') ? w.slice(0, -1) : w));
      }
  }
  return words;
}

/** Letters split per read-back text (`splitter`): bounds the work a text of glued words can cause. */
export const SPLIT_BUDGET = 65_536;

/**
 * `segment` over `vocabulary` for the runs of one text, until `budget` letters were split; later runs
 * are returned as they are.
 *
 * @example
 * ```ts
 * const split = splitter(vocabularyOf(PHRASE_FAMILIES));
 * split('ignoreall'); // 'ignore all'
 * ```
 */
export function splitter(vocabulary: ReadonlySet<string>, budget = SPLIT_BUDGET): (run: string) => string {
  let left = budget;
  return (run) => {
    if (run.length > left) return run;
    left -= run.length;
    return segment(run, vocabulary);
  };
}

/** Longest word tried in a split. */
const LONGEST = 24;
/** Longest run split (longer ones are left as they are: a split costs `LONGEST` lookups per letter). */
const MAX_RUN = 256;
/** Cost of a letter no word covers, against 1 per word: a split uses words wherever it can. */
const STRAY = 3;

/**
 * `run` (lower-case letters) split into words of `vocabulary` and `SHORT_WORDS` with spaces between
 * ("ignoreallprevious" → "ignore all previous"): the split of fewest words, where a letter no word covers
 * costs as much as three words (stray letters in a row stay one word). A run that is a word, longer than
 * 256 letters, or whose split leaves more than a quarter of its letters stray, is returned as it is.
 *
 * @example
 * ```ts
 * segment('revealthesystemprompt', vocabularyOf(PHRASE_FAMILIES)); // 'reveal the system prompt'
 * ```
 */
export function segment(run: string, vocabulary: ReadonlySet<string>): string {
  const n = run.length;
  if (n > MAX_RUN || vocabulary.has(run)) return run;
  const cost = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
  const from = new Int32Array(n + 1);
  cost[0] = 0;
  for (let i = 1; i <= n; i++) {
    // A stray letter.
    cost[i] = (cost[i - 1] as number) + STRAY;
    from[i] = -(i - 1) - 1;
    for (let j = Math.max(0, i - LONGEST); j < i; j++) {
      const c = (cost[j] as number) + 1;
      if (c >= (cost[i] as number)) continue;
      const w = run.slice(j, i);
      if (vocabulary.has(w) || SHORT_WORDS.has(w)) {
        cost[i] = c;
        from[i] = j;
      }
    }
  }
  // Walk back: words, and stray letters gathered into one word.
  const parts: string[] = [];
  let stray = 0;
  let pending = '';
  for (let i = n; i > 0; ) {
    const f = from[i] as number;
    if (f < 0) {
      pending = (run[i - 1] as string) + pending;
      stray++;
      i--;
      continue;
    }
    if (pending !== '') parts.push(pending);
    pending = '';
    parts.push(run.slice(f, i));
    i = f;
  }
  if (pending !== '') parts.push(pending);
  if (stray * 4 > n) return run;
  return parts.reverse().join(' ');
}
